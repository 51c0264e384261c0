"""Open the app's storage: connect, check health, migrate. The one entry point bootstrap uses."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from intake_app.core.errors import StorageError
from intake_app.storage.database import create_database_engine, quick_check, safe_url
from intake_app.storage.migrate import upgrade_to_head
from intake_app.storage.repository import SqlSessionRepository
from intake_app.storage.security_repository import SqlAccountRepository, SqlAuditLog


@dataclass(frozen=True, slots=True)
class OpenedStorage:
    engine: Engine
    sessions: SqlSessionRepository
    display_url: str

    def close(self) -> None:
        self.engine.dispose()

    @property
    def accounts(self) -> SqlAccountRepository:
        return SqlAccountRepository(self.engine)

    @property
    def audit(self) -> SqlAuditLog:
        return SqlAuditLog(self.engine)


def open_storage(url: str, key: bytes | None = None) -> OpenedStorage:
    """``key``: open the SQLite file with SQLCipher (storage/encryption.py)."""
    engine = create_database_engine(url, key=key)
    try:
        health = quick_check(engine)
        if health != "ok":
            raise StorageError(
                "Het databasebestand is beschadigd ({detail}). Er is niets overschreven.",
                detail=health[:200],
            )
        upgrade_to_head(engine)
    except BaseException:
        engine.dispose()
        raise
    return OpenedStorage(engine, SqlSessionRepository(engine), safe_url(url))
