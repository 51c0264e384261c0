"""The way out of a damaged or missing database: restore the newest healthy backup."""

from __future__ import annotations

from pathlib import Path

from intake_app.bootstrap.context import resolve_db_url
from intake_app.bootstrap.paths import default_paths
from intake_app.core.durability import CorruptDatabaseError
from intake_app.core.errors import ConfigurationError
from intake_app.storage.backup import make_backup, restore_latest
from intake_app.storage.database import parse_url, sqlite_file


def restore_latest_backup(error: CorruptDatabaseError, key: bytes | None = None) -> Path:
    """Put the newest healthy backup in place; the damaged file is kept aside. Returns it.

    ``key``: the database key of an encrypted file (backups are encrypted with it too).
    """
    return restore_latest(error.database, key)


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


def restore_latest_for(db_url: str | None, data_dir: Path | None = None) -> Path:
    return restore_latest(database_file(db_url, data_dir))


def backup_now(db_url: str | None, data_dir: Path | None = None) -> Path:
    return make_backup(database_file(db_url, data_dir), reason="hand")
