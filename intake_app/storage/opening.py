"""Open the app's storage: connect, check health, back up, migrate. The entry point bootstrap uses.

Order at every start (design.md section 4), all under the file's maintenance lock
(storage/locking.py), so processes started together never do this twice at once:
1. a missing file while backups exist is refused (never a silent new empty database);
2. connect; a damaged file raises ``CorruptDatabaseError`` naming the latest healthy backup;
3. ``PRAGMA quick_check``;
4. an online backup (always before a migration; else at most once per ``BACKUP_INTERVAL``),
   rotating the oldest away. If it cannot be written (a full disk) and no migration waits,
   the start goes on with a warning: reading, printing and exporting must still work;
5. Alembic migrations to the newest schema;
6. ``startup`` from bootstrap (retention).

The window defers 3, 4 and 6 (``defer_checks=True``) when no migration waits: they run later on
a worker, under the same lock, with writes held until the check passes (``DeferredChecks``;
docs/ARCHITECTURE.md "Start-up checks off the path to the window").
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from intake_app.core.durability import CorruptDatabaseError, StorageNotice
from intake_app.core.errors import ConfigurationError, StorageError
from intake_app.core.marks import N_
from intake_app.storage.backup import (
    DEFAULT_KEEP,
    latest_healthy,
    list_backups,
    make_backup,
)
from intake_app.storage.database import (
    MissingDatabaseError,
    create_database_engine,
    parse_url,
    quick_check,
    safe_url,
    sqlite_file,
)
from intake_app.storage.location import location_warning
from intake_app.storage.locking import maintenance_lock
from intake_app.storage.maintenance import SqlStorageMaintenance
from intake_app.storage.migrate import current_revision, upgrade_to_head
from intake_app.storage.migrations import HEAD
from intake_app.storage.postgres import advisory_lock
from intake_app.storage.repository import SqlSessionRepository
from intake_app.storage.security_repository import SqlAccountRepository, SqlAuditLog
from intake_app.storage.write_gate import WriteGate, hold_writes

BACKUP_COUNT_VARIABLE = "INTAKE_APP_BACKUP_COUNT"
BACKUP_INTERVAL = timedelta(hours=1)
# Free space a start-up backup must leave: the database must still be able to grow (and its
# WAL), so backups never fill the disk (README "Backups for years of data"). At least this
# many MiB, and at least twice the database; INTAKE_APP_BACKUP_RESERVE_MB overrides the MiB.
BACKUP_RESERVE_VARIABLE = "INTAKE_APP_BACKUP_RESERVE_MB"
BACKUP_RESERVE_MIB = 256
_DAMAGE_WORDS = ("not a database", "malformed", "corrupt", "disk image", "encrypted")


@dataclass(frozen=True, slots=True)
class OpenedStorage:
    engine: Engine
    sessions: SqlSessionRepository
    display_url: str
    maintenance: SqlStorageMaintenance
    database_file: Path | None = None
    warnings: tuple[StorageNotice, ...] = ()
    backup_made: Path | None = None
    migrated: bool = False
    backup_count: int = DEFAULT_KEEP
    encrypted: bool = False
    deferred: DeferredChecks | None = None  # quick check and backup still to run

    def close(self) -> None:
        self.engine.dispose()

    @property
    def accounts(self) -> SqlAccountRepository:
        return SqlAccountRepository(self.engine)

    @property
    def audit(self) -> SqlAuditLog:
        return SqlAuditLog(self.engine)


def backup_count(engine: Engine | None = None) -> int:
    """How many backups to keep: ``INTAKE_APP_BACKUP_COUNT``, else the setting, else 5."""
    raw = os.environ.get(BACKUP_COUNT_VARIABLE)
    if raw is None and engine is not None:
        with engine.connect() as connection:
            if inspect(connection).has_table("app_setting"):
                raw = connection.execute(
                    text("SELECT value FROM app_setting WHERE key = 'backup_count'")
                ).scalar()
    if raw is None:
        return DEFAULT_KEEP
    try:
        count = int(str(raw).strip())
    except ValueError:
        count = 0
    if count < 1:
        raise ConfigurationError(
            "Het aantal reservekopieën moet een heel getal van 1 of meer zijn, niet {value}.",
            value=raw,
        )
    return count


def _corrupt(path: Path, detail: str, key: bytes | None = None) -> CorruptDatabaseError:
    backup = latest_healthy(path, key)
    return CorruptDatabaseError(
        "Het databasebestand {database} is beschadigd of onleesbaar ({detail}). "
        "Er is niets overschreven.",
        database=path,
        latest_backup=backup.path if backup else None,
        latest_backup_at=backup.made_at if backup else None,
        detail=detail[:200],
    )


def _connect(url: str, path: Path | None, key: bytes | None = None, create: bool = True) -> Engine:
    if path is not None and not path.exists() and list_backups(path):
        backup = latest_healthy(path, key)
        raise CorruptDatabaseError(
            "Het databasebestand {database} is verdwenen, maar er zijn reservekopieën. "
            "Er is geen nieuwe lege database gemaakt.",
            database=path,
            latest_backup=backup.path if backup else None,
            latest_backup_at=backup.made_at if backup else None,
        )
    try:
        return create_database_engine(url, key=key, create=create)
    except StorageError as exc:
        reason = str(exc.params.get("reason", ""))
        # With a key that the password just unwrapped, "not a database" means damage too.
        # (A wrong key from a foreign keys file also lands here: then no backup opens with
        # it either, so nothing is offered and nothing is overwritten.)
        damaged = any(word in reason.lower() for word in _DAMAGE_WORDS)
        if path is not None and damaged:
            raise _corrupt(path, reason, key) from exc
        raise


def _backup_due(path: Path, migrating: bool) -> bool:
    if migrating:
        return True
    newest = next(iter(list_backups(path)), None)
    return newest is None or datetime.now(UTC) - newest.made_at >= BACKUP_INTERVAL


def open_storage(
    url: str,
    key: bytes | None = None,
    *,
    create: bool = True,
    startup: Callable[[OpenedStorage], None] | None = None,
    defer_checks: bool = False,
) -> OpenedStorage:
    """``key``: open the SQLite file with SQLCipher (storage/encryption.py).

    ``defer_checks``: leave the quick check and the backup to ``OpenedStorage.deferred`` when
    the schema is current (the window runs them on a worker once it is on screen).

    ``create=False`` refuses a missing file instead of making an empty database.
    ``startup`` runs last under the maintenance lock (retention, from bootstrap). Quick check,
    backup, migration and ``startup`` of one file never run in two processes at once.
    """
    path = sqlite_file(parse_url(url))
    if path is None:
        return _open(url, path, key, create, startup, defer_checks)
    if not create and not path.exists():
        raise MissingDatabaseError(path)
    if path.parent.is_dir():
        with maintenance_lock(path):
            return _open(url, path, key, create, startup, defer_checks)
    return _open(url, path, key, create, startup)  # refused there, in one sentence


def _start_backup(path: Path, engine: Engine, key: bytes | None, migrating: bool) -> Path | None:
    """The start-up backup. If it cannot be written (a full disk) and no migration waits,
    the start goes on without it: reading, printing and exporting must still work. Nor is it
    written when it would leave less free space than the reserve (``_room_for_backup``)."""
    if not migrating and not _room_for_backup(path):
        raise _BackupSkippedError(reason=N_("te weinig vrije ruimte op de schijf"))
    try:
        return make_backup(
            path,
            reason="voor-migratie" if migrating else "start",
            keep=backup_count(engine),
            # An encrypted file is copied through its own SQLCipher connection.
            engine=engine if key is not None else None,
        )
    except StorageError as exc:
        if migrating:
            raise
        raise _BackupSkippedError(reason=exc.params.get("reason", "")) from exc


def _room_for_backup(path: Path) -> bool:
    """A copy of ``path`` leaves at least the reserve free (see BACKUP_RESERVE_MIB)."""
    try:
        size = path.stat().st_size
        free = shutil.disk_usage(path.parent).free
        reserve_mib = int(os.environ.get(BACKUP_RESERVE_VARIABLE, BACKUP_RESERVE_MIB))
    except (OSError, ValueError):
        return True  # unknown: try, and a full disk is reported as ever
    return free - size >= max(reserve_mib * 1024 * 1024, 2 * size)


class _BackupSkippedError(StorageError):
    message = N_(
        "De reservekopie bij het starten kon niet worden gemaakt ({reason}). Is de schijf "
        "vol? U kunt lezen, afdrukken en exporteren; maak ruimte vrij voor nieuw werk."
    )


def _open(
    url: str,
    path: Path | None,
    key: bytes | None,
    create: bool,
    startup: Callable[[OpenedStorage], None] | None,
    defer_checks: bool = False,
) -> OpenedStorage:
    engine = _connect(url, path, key, create)
    made: Path | None = None
    notices: list[StorageNotice] = []
    deferred: DeferredChecks | None = None
    try:
        if defer_checks and path is not None and _current(engine):
            deferred = DeferredChecks(engine, path, key)
        else:
            _check(engine, path, key)
        revision = current_revision(engine)
        if (
            deferred is None
            and path is not None
            and revision is not None
            and _backup_due(path, revision != HEAD)
        ):
            try:
                made = _start_backup(path, engine, key, revision != HEAD)
            except _BackupSkippedError as skipped:
                notices.append(StorageNotice(skipped.message, **skipped.params))
        # Laptops that start together on one PostgreSQL server take turns (advisory lock).
        with advisory_lock(engine):
            migrated = upgrade_to_head(engine)
        keep = backup_count(engine)
        notice = location_warning(path)
        if notice is not None:
            notices.append(notice)
        opened = OpenedStorage(
            engine=engine,
            sessions=SqlSessionRepository(engine),
            display_url=safe_url(url),
            maintenance=SqlStorageMaintenance(engine, path),
            database_file=path,
            warnings=tuple(notices),
            backup_made=made,
            migrated=migrated,
            backup_count=keep,
            encrypted=key is not None,
            deferred=deferred,
        )
        if startup is not None and deferred is not None:
            deferred.after = lambda: startup(opened)  # retention too runs after the check
        elif startup is not None:
            try:
                startup(opened)
            except StorageError as exc:  # e.g. retention on a full disk: work can go on
                notices.append(StorageNotice(exc.message, **exc.params))
                opened = replace(opened, warnings=tuple(notices))
    except BaseException:
        engine.dispose()
        raise
    return opened


def _check(engine: Engine, path: Path | None, key: bytes | None) -> None:
    """``PRAGMA quick_check``; damage raises (with the latest healthy backup named)."""
    try:
        health = quick_check(engine)
    except DBAPIError as exc:
        health = str(exc.orig)
    if health != "ok":
        if path is None:
            raise StorageError("De database is beschadigd ({detail}).", detail=health[:200])
        raise _corrupt(path, health, key)


def _current(engine: Engine) -> bool:
    """The schema is at HEAD, so no migration (which needs the check and backup first) waits."""
    try:
        return current_revision(engine) == HEAD
    except DBAPIError:
        return False  # unreadable: the check runs now and says what is wrong


class DeferredChecks:
    """The quick check and the start-up backup, run after the window is on screen.

    ``hold()`` (GUI thread, before the window takes input) closes the write gate: reads go on,
    the first write of any transaction waits. ``run()`` (a worker thread) takes the maintenance
    lock, runs the check, opens the gate, then makes the backup if one is due. On damage the
    gate refuses every write and ``CorruptDatabaseError`` is raised for the recovery dialog.
    Returns what the person should be told (a backup that could not be written).
    """

    def __init__(self, engine: Engine, path: Path, key: bytes | None) -> None:
        self._engine = engine
        self._path = path
        self._key = key
        self._gate: WriteGate | None = None
        self.backup_made: Path | None = None
        self.after: Callable[[], None] | None = None  # bootstrap's start-up work (retention)

    def hold(self) -> None:
        if self._gate is None:
            self._gate = hold_writes(self._engine)

    def run(self) -> tuple[StorageNotice, ...]:
        self.hold()
        gate = self._gate
        assert gate is not None
        notices: list[StorageNotice] = []
        try:
            with maintenance_lock(self._path):
                _check(self._engine, self._path, self._key)
                gate.open()
                if _backup_due(self._path, migrating=False):
                    try:
                        self.backup_made = _start_backup(
                            self._path, self._engine, self._key, migrating=False
                        )
                    except _BackupSkippedError as skipped:
                        notices.append(StorageNotice(skipped.message, **skipped.params))
                if self.after is not None:
                    try:
                        self.after()
                    except StorageError as exc:  # e.g. retention on a full disk
                        notices.append(StorageNotice(exc.message, **exc.params))
        except BaseException:
            if not gate.decided:
                gate.fail()  # no check, no writes: never into a file nobody checked
            raise
        return tuple(notices)
