"""Settings, retention, erasure and whole-session import on the SQL database.

Implements ``core.durability.StorageMaintenance``. Every method is one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import delete, exists, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from intake_app.core.durability import BackupInfo
from intake_app.core.errors import NotFoundError, StorageError
from intake_app.core.model import AnswerState, IntakeSession
from intake_app.storage.backup import list_backups
from intake_app.storage.database import sqlite_file
from intake_app.storage.mapping import to_columns
from intake_app.storage.repository import _CHILDREN
from intake_app.storage.tables import (
    SESSION_CHOICES,
    ActionRow,
    AnswerOptionRow,
    AnswerRow,
    AppSettingRow,
    DebtRow,
    NextStepRow,
    NoteRow,
    OrganisationRow,
    PhaseStateRow,
    ReferralRow,
    SessionAnonymisedRow,
    SessionRow,
)

_SESSION = SessionRow.__table__  # type: ignore[attr-defined]
_ANONYMISED = SessionAnonymisedRow.__table__  # type: ignore[attr-defined]
_SETTING = AppSettingRow.__table__  # type: ignore[attr-defined]

# What the retention rule wipes: (table, {column: empty value}). Statistics fields stay
# (kinds, directions, categories, relationships, amounts, dates, options chosen, statuses).
PERSONAL_FIELDS = (
    (_SESSION, {"first_name": ""}),
    (DebtRow.__table__, {"creditor": "", "country": "", "purpose": ""}),  # type: ignore[attr-defined]
    (ActionRow.__table__, {"description": ""}),  # type: ignore[attr-defined]
    (NextStepRow.__table__, {"what": ""}),  # type: ignore[attr-defined]
    (ReferralRow.__table__, {"accompanied_by": ""}),  # type: ignore[attr-defined]
)


class SqlStorageMaintenance:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        try:
            with self._engine.begin() as connection:
                yield connection
        except IntegrityError:
            raise
        except SQLAlchemyError as exc:
            raise StorageError(
                "Opslaan in de database is mislukt: {reason}",
                reason=getattr(exc, "orig", None) or exc,
            ) from exc

    # -- settings ---------------------------------------------------------------------
    def get_setting(self, key: str) -> str | None:
        with self._begin() as connection:
            value = connection.execute(
                select(_SETTING.c.value).where(_SETTING.c.key == key)
            ).scalar()
        return None if value is None else str(value)

    def set_setting(self, key: str, value: str) -> None:
        now = datetime.now(UTC)
        with self._begin() as connection:
            changed = connection.execute(
                update(_SETTING).where(_SETTING.c.key == key).values(value=value, updated_at=now)
            ).rowcount
            if not changed:
                connection.execute(_SETTING.insert().values(key=key, value=value, updated_at=now))

    # -- retention and erasure ----------------------------------------------------------
    def anonymise_sessions_before(self, cutoff: datetime) -> int:
        due = (
            select(_SESSION.c.id)
            .where(_SESSION.c.updated_at < cutoff)
            .where(~exists().where(_ANONYMISED.c.session_id == _SESSION.c.id))
        )
        now = datetime.now(UTC)
        with self._begin() as connection:
            ids = list(connection.execute(due).scalars())
            if not ids:
                return 0
            for table, blanks in PERSONAL_FIELDS:
                key = table.c.id if table is _SESSION else table.c.session_id
                connection.execute(update(table).where(key.in_(ids)).values(**blanks))
            note = NoteRow.__table__  # type: ignore[attr-defined]
            connection.execute(delete(note).where(note.c.session_id.in_(ids)))
            connection.execute(
                _ANONYMISED.insert(), [{"session_id": i, "anonymised_at": now} for i in ids]
            )
        return len(ids)

    def is_anonymised(self, session_id: int) -> bool:
        with self._begin() as connection:
            found = connection.execute(
                select(_ANONYMISED.c.session_id).where(_ANONYMISED.c.session_id == session_id)
            ).first()
        return found is not None

    def erase_session(self, session_id: int) -> None:
        with self._begin() as connection:
            gone = connection.execute(delete(_SESSION).where(_SESSION.c.id == session_id))
            if not gone.rowcount:
                raise NotFoundError("Gesprek {id} bestaat niet.", id=session_id)

    # -- import -----------------------------------------------------------------------
    def import_session(self, session: IntakeSession) -> int:
        try:
            with self._begin() as connection:
                return self._insert(connection, session)
        except IntegrityError as exc:
            raise StorageError(
                "Een gesprek met code {code} staat al in deze database.", code=session.code
            ) from exc

    def _insert(self, connection: Connection, s: IntakeSession) -> int:
        taken = connection.execute(select(_SESSION.c.id).where(_SESSION.c.code == s.code)).first()
        if taken is not None:
            raise StorageError(
                "Een gesprek met code {code} staat al in deze database.", code=s.code
            )
        values = {
            name: getattr(s, name)
            for name in (
                "code", "created_at", "updated_at", "client_language", "current_card",
                "practice", "first_name", "age_band", "neighbourhood", "visit",
                "trust_confirmed_at", "trauma_flag", "safety_flag", "follow_up_date",
                "next_appointment", "completed_at", *SESSION_CHOICES,
            )
        }  # fmt: skip
        values["status"] = s.status.value
        values["phase_order_json"] = json.dumps(list(s.phase_order))
        inserted = connection.execute(_SESSION.insert().values(**values)).inserted_primary_key
        assert inserted is not None
        session_id = int(inserted[0])
        for answer in s.answers.values():
            connection.execute(
                AnswerRow.__table__.insert().values(  # type: ignore[attr-defined]
                    session_id=session_id,
                    card_id=answer.card_id,
                    state=answer.state.value,
                    value_json=json.dumps(list(answer.value), ensure_ascii=False),
                    answered_at=answer.answered_at or s.updated_at,
                )
            )
            if answer.state is AnswerState.ANSWERED and answer.value:
                connection.execute(
                    AnswerOptionRow.__table__.insert(),  # type: ignore[attr-defined]
                    [
                        {"session_id": session_id, "card_id": answer.card_id, "option_id": o}
                        for o in answer.value
                    ],
                )
        for phase_id, status in s.phase_status.items():
            connection.execute(
                PhaseStateRow.__table__.insert().values(  # type: ignore[attr-defined]
                    session_id=session_id, phase_id=phase_id, status=status.value
                )
            )
        organisations = OrganisationRow.__table__  # type: ignore[attr-defined]
        for name, (row_class, _domain) in _CHILDREN.items():
            for item in getattr(s, name):
                columns = to_columns(item)
                if name == "referrals" and columns.get("organisation_id") is not None:
                    known = connection.execute(
                        select(organisations.c.id).where(
                            organisations.c.id == columns["organisation_id"]
                        )
                    ).first()
                    if known is None:  # another installation's directory: keep the name only
                        columns["organisation_id"] = None
                connection.execute(
                    row_class.__table__.insert().values(session_id=session_id, **columns)  # type: ignore[attr-defined]
                )
        return session_id

    # -- health and backups --------------------------------------------------------------
    def integrity_check(self) -> str:
        """SQLite's full ``integrity_check`` ('ok' when sound); 'ok' for PostgreSQL."""
        if self._engine.dialect.name != "sqlite":
            return "ok"
        with self._engine.connect() as connection:
            rows = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
        return "; ".join(str(row) for row in rows)

    def backups(self) -> Sequence[BackupInfo]:
        path = sqlite_file(self._engine.url)
        return [] if path is None else list_backups(path)
