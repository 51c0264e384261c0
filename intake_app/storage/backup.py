"""Backups of the SQLite file with SQLite's online backup API, never a file copy.

A plain copy of a WAL database can miss committed rows that still live in the ``-wal`` file;
``sqlite3.Connection.backup`` copies a consistent snapshot, even while the app writes.
Backups live in ``backups/`` next to the database, owner-only, newest kept (rotating).

Processes started together (two windows, a window and ``intake-admin``) back up one file in
turns, under the maintenance lock (storage/locking.py). A backup's name, its time, is chosen
*inside* that lock and is always later than every backup already there: a name chosen before
waiting could be older than the backup made meanwhile (rotation would then delete the newer
copy), and two processes with the same clock reading (a coarse clock, a clock set back) would
write the same name, the second copy silently replacing the first.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from intake_app.core.durability import BackupInfo, NoBackupError
from intake_app.core.errors import StorageError
from intake_app.storage.encryption import keyed_creator
from intake_app.storage.locking import maintenance_lock

# Five full copies: at 50,000 sessions (83 MB each) 0.4 GB; README "Backups for years of data".
DEFAULT_KEEP = 5
BACKUP_DIR_NAME = "backups"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}\d{6}Z)-(?P<reason>[a-z-]+)\.db$")


def backup_dir(database: Path) -> Path:
    return database.parent / BACKUP_DIR_NAME


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _parse(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    made_at = datetime.strptime(match["stamp"], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return BackupInfo(path=path, made_at=made_at, size=size)


def _of(database: Path, name: str) -> bool:
    """``name`` is a backup of ``database`` itself (not of ``intake-test.db`` beside it)."""
    match = _NAME.match(name)
    return match is not None and match["stem"] == database.stem


def list_backups(database: Path) -> Sequence[BackupInfo]:
    """Backups of ``database``, newest first."""
    folder = backup_dir(database)
    if not folder.is_dir():
        return []
    found = [
        info
        for path in folder.iterdir()
        if _of(database, path.name) and (info := _parse(path)) is not None
    ]
    return sorted(found, key=lambda info: info.made_at, reverse=True)


def _partial_name(target: Path) -> Path:
    """A temp name of this process alone: two processes never write the same partial."""
    return target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(4)}.partial")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy(source: Path, target: Path) -> None:
    """Online backup from ``source`` into a new file ``target`` (owner-only)."""
    partial = _partial_name(target)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        # Read-only for a backup being put back: a file gone meanwhile is never created empty.
        src = (
            sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            if source.parent.name == BACKUP_DIR_NAME
            else sqlite3.connect(source)
        )
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
                dst.commit()
            finally:
                dst.close()
        finally:
            src.close()
        # Only a complete, flushed file gets the final name: a kill mid-backup leaves a
        # ``.partial`` that is never mistaken for a backup.
        _fsync(partial)
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _vacuum_into(engine: Engine, target: Path) -> None:
    """Copy through the app's own connection: an encrypted file stays encrypted (same key)."""
    partial = _partial_name(target)
    try:
        # The driver connection itself: VACUUM cannot run inside the transaction that
        # SQLAlchemy opens for every statement on our connections.
        raw = engine.raw_connection()
        try:
            raw.driver_connection.execute("VACUUM INTO ?", (str(partial),))  # type: ignore[union-attr]
        finally:
            raw.close()
        partial.chmod(0o600)
        _fsync(partial)  # VACUUM INTO does not sync its output
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _remove_leftovers(database: Path) -> None:
    """Partials of killed backups. Called under the maintenance lock, so none is in progress
    (of this database: another database's partials beside it are under its own lock)."""
    for leftover in backup_dir(database).glob(f"{database.stem}-*.partial"):
        if _of(database, leftover.name.split(".db.", 1)[0] + ".db"):
            leftover.unlink(missing_ok=True)


def _new_target(database: Path, reason: str) -> Path:
    """The next backup's name; call under the maintenance lock.

    Later than every backup there (so the newest copy always sorts first, whatever the
    clock did) and never an existing name (so no copy replaces another).
    """
    moment = datetime.now(UTC)
    newest = next(iter(list_backups(database)), None)
    if newest is not None and moment <= newest.made_at:
        moment = newest.made_at + timedelta(microseconds=1)
    folder = backup_dir(database)
    while True:
        target = folder / f"{database.stem}-{_stamp(moment)}-{reason}.db"
        if not any(folder.glob(f"{database.stem}-{_stamp(moment)}-*.db")):
            return target
        moment += timedelta(microseconds=1)


def make_backup(
    database: Path,
    *,
    reason: str = "start",
    keep: int = DEFAULT_KEEP,
    engine: Engine | None = None,
) -> Path:
    """Back ``database`` up now and delete the oldest backups beyond ``keep``.

    With ``engine`` the copy is made with ``VACUUM INTO`` on that connection (an encrypted
    database stays encrypted; plain sqlite3 cannot read it). Runs under the maintenance lock.
    """
    folder = backup_dir(database)
    with maintenance_lock(database):
        try:
            if not database.exists():
                raise FileNotFoundError(database)
            folder.mkdir(mode=0o700, exist_ok=True)
            _remove_leftovers(database)
            target = _new_target(database, reason)
            if engine is not None:
                _vacuum_into(engine, target)
            else:
                _copy(database, target)
        except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
            raise StorageError(
                "Er kon geen reservekopie worden gemaakt in {folder}: {reason}",
                folder=folder,
                reason=_short(exc),
            ) from exc
        rotate(database, keep)
    return target


def _short(exc: BaseException) -> str:
    """The first line of a driver's message (never a whole SQL statement)."""
    inner = getattr(exc, "orig", None) or exc
    if isinstance(inner, OSError) and inner.strerror:
        return inner.strerror  # "No space left on device", without errno and path
    text = str(inner).strip().splitlines()
    return text[0] if text else type(inner).__name__


def rotate(database: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest backups (at least one is always kept)."""
    removed = []
    for info in list(list_backups(database))[max(keep, 1) :]:
        with contextlib.suppress(OSError):
            info.path.unlink()
            removed.append(info.path)
    return removed


def is_healthy(path: Path, key: bytes | None = None) -> bool:
    """True when ``path`` opens as SQLite (with ``key``: SQLCipher) and passes ``quick_check``."""
    try:
        if key is None:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        else:
            connection = keyed_creator(path, key)()
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except Exception:
        return False
    return [tuple(row) for row in rows] == [("ok",)]


def latest_healthy(database: Path, key: bytes | None = None) -> BackupInfo | None:
    for info in list_backups(database):
        if is_healthy(info.path, key):
            return info
    return None


def latest_healthy_backup(database: Path, key: bytes | None = None) -> Path | None:
    info = latest_healthy(database, key)
    return None if info is None else info.path


def restore_latest(database: Path, key: bytes | None = None) -> Path:
    """Put the newest healthy backup in place of ``database``; returns the backup used."""
    chosen = latest_healthy_backup(database, key)
    if chosen is None:
        raise NoBackupError("Er is geen bruikbare reservekopie van {database}.", database=database)
    restore_backup(database, chosen, key, label="damaged")
    return chosen


def restore_backup(
    database: Path, chosen: Path, key: bytes | None = None, *, label: str = "aside"
) -> Path | None:
    """Put ``chosen`` in place of ``database``; returns where the old file was put aside.

    The current file (with its ``-wal`` and ``-shm``) is moved aside, never deleted, so
    nothing is lost even if the restore is the wrong choice. Runs under the maintenance lock.
    """
    aside = Path(f"{database}.{label}-{_stamp(datetime.now(UTC))}")
    moved: list[tuple[Path, Path]] = []
    with maintenance_lock(database):
        # Checked under the lock: another process's rotation may have removed it meanwhile.
        if not is_healthy(chosen, key):
            raise NoBackupError(
                "Er is geen bruikbare reservekopie van {database}.", database=database
            )
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):
                current = Path(f"{database}{suffix}")
                if current.exists():
                    current.rename(Path(f"{aside}{suffix}"))
                    moved.append((Path(f"{aside}{suffix}"), current))
            if key is None:
                _copy(chosen, database)
            else:
                # An encrypted backup is a complete file of its own (VACUUM INTO): copy its
                # bytes to a temp name first, so a full disk never leaves half a database.
                partial = _partial_name(database)
                try:
                    shutil.copyfile(chosen, partial)
                    partial.chmod(0o600)
                    _fsync(partial)
                    partial.replace(database)
                except BaseException:
                    partial.unlink(missing_ok=True)
                    raise
        except (OSError, sqlite3.Error) as exc:
            for kept, original in moved:  # put the current file back as it was
                with contextlib.suppress(OSError):
                    kept.rename(original)
            raise StorageError(
                "De reservekopie kon niet worden teruggezet: {reason}", reason=_short(exc)
            ) from exc
    return aside if moved else None
