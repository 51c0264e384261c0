"""Key/value settings in the ``app_setting`` table; implements ``core.settings.SettingsStore``."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from intake_app.storage.database import READ_ONLY
from intake_app.storage.session_store import storage_error, utcnow
from intake_app.storage.tables import AppSettingRow

MAX_VALUE = 2000


class SqlSettingsStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def get_setting(self, key: str) -> str | None:
        # A deferred BEGIN: a read never waits for, or takes, a writer's lock.
        try:
            with Session(self._engine.execution_options(**READ_ONLY)) as session:
                row = session.get(AppSettingRow, key)
                return row.value if row is not None else None
        except SQLAlchemyError as exc:  # one sentence, in PostgreSQL's terms there
            raise storage_error(exc) from exc

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
        except SQLAlchemyError as exc:
            raise storage_error(exc) from exc
