"""Putting a backup back: the way out of a damaged file, and an admin's deliberate restore.

Restore is an admin operation (``Permission.RESTORE_BACKUP``): it says which backup, from
when, and which newer work would be set aside; the caller asks for confirmation; the current
file is kept aside (``intake.db.aside-…``, or ``.damaged-…``), never deleted; the restore is
written to the audit log of the database that was put back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from intake_app.bootstrap.context import AppContext, resolve_db_url
from intake_app.bootstrap.paths import default_paths
from intake_app.bootstrap.security import admin_opener as admin_opener
from intake_app.core.durability import BackupInfo, CorruptDatabaseError, NoBackupError
from intake_app.core.errors import ConfigurationError, NotFoundError
from intake_app.core.security import AuditAction, AuditEvent
from intake_app.services.retention import RestorePlan
from intake_app.storage.backup import is_healthy, latest_healthy, list_backups, restore_backup
from intake_app.storage.backup import restore_latest as _restore_latest
from intake_app.storage.database import parse_url, sqlite_file, sqlite_url
from intake_app.storage.opening import open_storage


def restore_latest_backup(error: CorruptDatabaseError, key: bytes | None = None) -> Path:
    """Put the newest healthy backup in place; the damaged file is kept aside. Returns it.

    ``key``: the database key of an encrypted file (backups are encrypted with it too).
    """
    return _restore_latest(error.database, key)


def database_file(db_url: str | None, data_dir: Path | None = None) -> Path:
    """The SQLite file the app would open; PostgreSQL has no file to restore."""
    url = resolve_db_url(db_url, default_paths(data_dir))
    path = sqlite_file(parse_url(url))
    if path is None:
        raise ConfigurationError(
            "Reservekopieën gaan hier alleen over een SQLite-bestand. "
            "Voor PostgreSQL maakt de beheerder ze met pg_dump."
        )
    return path


def choose_backup(database: Path, key: bytes | None, name: str | None = None) -> BackupInfo:
    """The backup called ``name`` (a file name from ``backup list``), else the newest healthy."""
    if name is None:
        found = latest_healthy(database, key)
        if found is None:
            raise NoBackupError(
                "Er is geen bruikbare reservekopie van {database}.", database=database
            )
        return found
    for info in list_backups(database):
        if info.path.name == Path(name).name:
            if not is_healthy(info.path, key):
                raise NoBackupError(
                    "De reservekopie {backup} is beschadigd of hoort niet bij deze sleutel.",
                    backup=info.path.name,
                )
            return info
    raise NotFoundError("Er is geen reservekopie met de naam {backup}.", backup=name)


@dataclass(frozen=True, slots=True)
class DamagedPlan:
    """A restore over a file that cannot be opened: nothing newer can be named."""

    backup: BackupInfo


def restore_over_healthy(context: AppContext, plan: RestorePlan, key: bytes | None) -> Path | None:
    """Restore ``plan`` (already confirmed; ``plan_restore`` checked the permission) over the
    open database. ``context`` is closed. The restore is audited in the restored database
    under the same name, even if that account did not exist yet when the backup was made.
    Returns where the replaced file was put aside.
    """
    database = context.storage.database_file
    if database is None:
        raise ConfigurationError(
            "Reservekopieën gaan hier alleen over een SQLite-bestand. "
            "Voor PostgreSQL maakt de beheerder ze met pg_dump."
        )
    actor = context.security.access.actor
    context.close()
    aside = restore_backup(database, plan.backup.path, key, label="aside")
    restored = open_storage(sqlite_url(database), key=key, create=False)
    try:
        restored.audit.record(
            AuditEvent(
                datetime.now(UTC), actor, AuditAction.BACKUP_RESTORED,
                f"backup:{plan.backup.path.name}", aside.name if aside else "",
            )
        )  # fmt: skip
    finally:
        restored.close()
    return aside


def restore_over_damaged(
    database: Path,
    plan: DamagedPlan,
    key: bytes | None,
    reopen: Callable[[], AppContext],
) -> Path | None:
    """Restore over a file that cannot be opened, so no one's role could be read from it.

    The person must be an admin in the restored database; if not, the restore is undone
    (the damaged file goes back in place) and the refusal is raised.
    """
    aside = restore_backup(database, plan.backup.path, key, label="damaged")
    try:
        context = reopen()
        try:
            context.storage_admin.plan_restore(plan.backup)  # checks (and audits) the permission
            context.storage_admin.record_restore(plan.backup.path, aside)
        finally:
            context.close()
    except BaseException:
        _undo(database, aside)
        raise
    return aside


def _undo(database: Path, aside: Path | None) -> None:
    """Put the file that was set aside back in place of the restored copy."""
    if aside is None:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        kept = Path(f"{aside}{suffix}")
        if kept.exists():
            kept.rename(Path(f"{database}{suffix}"))


def restore_damaged_as_admin(
    error: CorruptDatabaseError,
    key: bytes | None,
    open_as: Callable[[], AppContext],
) -> Path:
    """The window's way out of a damaged file, through the same gate as ``backup restore``:
    the restored file must let the person in as an admin (``Permission.RESTORE_BACKUP``), and
    the restore is audited there; otherwise it is undone. Returns the backup put back."""
    if error.latest_backup is None:
        raise NoBackupError(
            "Er is geen bruikbare reservekopie van {database}.", database=error.database
        )
    info = next(
        (found for found in list_backups(error.database) if found.path == error.latest_backup),
        None,
    )
    if info is None or not is_healthy(info.path, key):
        raise NoBackupError(
            "Er is geen bruikbare reservekopie van {database}.", database=error.database
        )
    restore_over_damaged(error.database, DamagedPlan(info), key, open_as)
    return info.path
