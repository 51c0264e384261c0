"""Key/value settings in the ``app_setting`` table; implements ``core.settings.SettingsStore``."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session

from intake_app.core.errors import StorageError
from intake_app.storage.repository import utcnow
from intake_app.storage.tables import AppSettingRow

MAX_VALUE = 2000


class SqlSettingsStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def get_setting(self, key: str) -> str | None:
        try:
            with Session(self._engine) as session:
                row = session.get(AppSettingRow, key)
                return row.value if row is not None else None
        except OperationalError as exc:
            raise StorageError(
                "De database is niet bereikbaar of zit op slot: {reason}", reason=str(exc.orig)
            ) from exc

    def set_setting(self, key: str, value: str) -> None:
        if len(value) > MAX_VALUE:
            raise ValueError(f"setting {key!r} is longer than {MAX_VALUE} characters")
        try:
            with Session(self._engine) as session:
                row = session.get(AppSettingRow, key)
                if row is None:
                    row = AppSettingRow(key=key, value=value, updated_at=utcnow())
                else:
                    row.value = value
                    row.updated_at = utcnow()
                session.add(row)
                session.commit()
        except OperationalError as exc:
            raise StorageError(
                "De database is niet bereikbaar of zit op slot: {reason}", reason=str(exc.orig)
            ) from exc
        except SQLAlchemyError as exc:
            raise StorageError("Opslaan in de database is mislukt: {reason}", reason=exc) from exc
