"""Storage health and upkeep as the services see it: typed errors, warnings and a port.

Pure standard library; ``storage`` implements the port, ``services`` and ``bootstrap`` use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from intake_app.core.errors import IntakeError, StorageError
from intake_app.core.model import IntakeSession


class CorruptDatabaseError(StorageError):
    """The database file is damaged or not a database. Nothing was overwritten.

    ``database`` is the file; ``latest_backup`` the newest healthy backup, if any. The ui offers
    to restore it; the cli names the command that does.
    """

    def __init__(
        self,
        message: str | None = None,
        /,
        *,
        database: Path,
        latest_backup: Path | None,
        latest_backup_at: datetime | None = None,
        **params: object,
    ) -> None:
        self.database = database
        self.latest_backup = latest_backup
        self.latest_backup_at = latest_backup_at
        super().__init__(message, database=database, **params)


class NoBackupError(StorageError):
    """A restore was asked for, but there is no usable backup."""


class SessionFileError(IntakeError):
    """A session file cannot be read or does not follow the session file format."""


class StorageNotice(IntakeError):  # noqa: N818 - a message carrier, never raised
    """Not an error: a warning to show (for example a database in a synced folder)."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    made_at: datetime
    size: int


@dataclass(frozen=True, slots=True)
class RetentionResult:
    anonymised: int  # sessions whose personal fields were wiped now
    cutoff: datetime


class StorageMaintenance(Protocol):
    """Settings, retention, erasure and whole-session import, next to the SessionRepository."""

    def get_setting(self, key: str) -> str | None: ...
    def set_setting(self, key: str, value: str) -> None: ...
    def anonymise_sessions_before(self, cutoff: datetime, now: datetime | None = None) -> int:
        """Wipe personal fields of sessions last changed before ``cutoff``; returns how many."""
        ...

    def is_anonymised(self, session_id: int) -> bool: ...
    def erase_session(self, session_id: int) -> None:
        """Delete one session with every record in it. Raises NotFoundError."""
        ...

    def import_session(self, session: IntakeSession) -> int:
        """Store a whole session (ids ignored) in one transaction; returns the new id."""
        ...

    def integrity_check(self) -> str: ...
    def backups(self) -> Sequence[BackupInfo]: ...
    def make_backup(self, reason: str = "hand", keep: int | None = None) -> Path:
        """An online backup now; raises StorageError (one sentence) when it cannot be made."""
        ...

    def sessions_changed_since(self, moment: datetime) -> list[str]:
        """Codes of sessions made or changed after ``moment``."""
        ...
