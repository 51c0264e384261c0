"""One start-up maintenance at a time: an inter-process lock beside the database file.

Quick check, backup, migration and retention of one SQLite file run under this lock, so two
windows or commands started together never back up, migrate or sweep the same file at once.
``filelock`` gives an OS lock (``flock`` / ``LockFileEx``) that the OS drops if the holder dies.
The lock is re-entrant within a thread (the same object per path), and other threads of the
same process wait for it like other processes do.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from intake_app.core.errors import StorageError
from intake_app.core.marks import N_

# Long enough for a migration or a backup of a large file on a slow disk.
WAIT_SECONDS = 300.0


class MaintenanceBusyError(StorageError):
    message = N_(
        "Een ander venster of programma is de database nog aan het onderhouden. "
        "Probeer het zo opnieuw."
    )


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class maintenance_lock:  # noqa: N801 - used as a context manager, like a function
    """``with maintenance_lock(db):`` holds the lock for ``db`` (waits up to WAIT_SECONDS)."""

    def __init__(self, database: Path, timeout: float = WAIT_SECONDS) -> None:
        self._lock = FileLock(lock_path(database), mode=0o600, is_singleton=True)
        self._timeout = timeout

    def __enter__(self) -> None:
        try:
            self._lock.acquire(timeout=self._timeout)
        except Timeout as exc:
            raise MaintenanceBusyError() from exc

    def __exit__(self, *_exc: object) -> None:
        self._lock.release()
