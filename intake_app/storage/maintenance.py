"""Settings, retention, erasure and whole-session import on the SQL database.

Implements ``core.durability.StorageMaintenance``. Every method is one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, or_, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from intake_app.core.durability import BackupInfo
from intake_app.core.errors import NotFoundError, StorageError
from intake_app.core.model import AnswerState, IntakeSession
from intake_app.storage.backup import list_backups, make_backup
from intake_app.storage.database import READ_ONLY, sqlite_file
from intake_app.storage.mapping import to_columns
from intake_app.storage.session_store import CHILDREN
from intake_app.storage.tables import (
    SESSION_CHOICES,
    ActionRow,
    AnswerOptionRow,
    AnswerRow,
    AppSettingRow,
    DebtRow,
    IncomeRow,
    NextStepRow,
    NoteRow,
    OrganisationRow,
    PhaseStateRow,
    ReferralRow,
    SessionAnonymisedRow,
    SessionRow,
    UrgencyRow,
)

_SESSION = SessionRow.__table__  # type: ignore[attr-defined]
_ANONYMISED = SessionAnonymisedRow.__table__  # type: ignore[attr-defined]
_SETTING = AppSettingRow.__table__  # type: ignore[attr-defined]

# What the retention rule wipes: (table, {column: empty value}). Statistics fields stay
# (kinds, directions, categories, relationships, amounts, dates, options chosen, statuses).
PERSONAL_FIELDS = (
    (_SESSION, {"first_name": "", "household_others": ""}),
    (
        DebtRow.__table__,  # type: ignore[attr-defined]
        {"creditor": "", "country": "", "purpose": "", "reference": "", "initial_creditor": ""},
    ),
    (IncomeRow.__table__, {"description": ""}),  # type: ignore[attr-defined]
    (UrgencyRow.__table__, {"agreed": ""}),  # type: ignore[attr-defined]
    (ActionRow.__table__, {"description": ""}),  # type: ignore[attr-defined]
    (NextStepRow.__table__, {"what": ""}),  # type: ignore[attr-defined]
    (ReferralRow.__table__, {"accompanied_by": ""}),  # type: ignore[attr-defined]
)


# A clock a little ahead is normal; a last change further in the future is not believed.
FUTURE_TOLERANCE = timedelta(days=1)


class SqlStorageMaintenance:
    def __init__(self, engine: Engine, database_file: Path | None = None) -> None:
        self._engine = engine
        # The SQLite file; an encrypted engine's URL carries no path, so it is passed in.
        self._file = database_file if database_file is not None else sqlite_file(engine.url)

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
    def anonymise_sessions_before(self, cutoff: datetime, now: datetime | None = None) -> int:
        """Wipe what personal fields *hold* in every session last changed before ``cutoff``.

        Decided by content, not by the ``session_anonymised`` record: a field filled in after
        an earlier wipe (an import, a late save) is wiped on the next run too. A last-change
        time in the future (a clock gone wrong, an imported year 9999) is first set to now,
        so such a session is wiped after the retention period like any other.
        Returns how many sessions had anything to wipe.
        """
        moment = now or datetime.now(UTC)
        note = NoteRow.__table__  # type: ignore[attr-defined]
        due = select(_SESSION.c.id).where(_SESSION.c.updated_at < cutoff)
        with self._begin() as connection:
            connection.execute(
                update(_SESSION)
                .where(_SESSION.c.updated_at > moment + FUTURE_TOLERANCE)
                .values(updated_at=moment)
            )
            touched: set[int] = set()
            for table, blanks in PERSONAL_FIELDS:
                key = table.c.id if table is _SESSION else table.c.session_id
                holds = or_(*(table.c[name] != value for name, value in blanks.items()))
                touched.update(connection.execute(select(key).where(key.in_(due), holds)).scalars())
                connection.execute(update(table).where(key.in_(due), holds).values(**blanks))
            touched.update(
                connection.execute(
                    select(note.c.session_id).where(note.c.session_id.in_(due))
                ).scalars()
            )
            connection.execute(delete(note).where(note.c.session_id.in_(due)))
            recorded = connection.execute(
                select(_ANONYMISED.c.session_id).where(_ANONYMISED.c.session_id.in_(due))
            ).scalars()
            new = sorted(set(connection.execute(due).scalars()) - set(recorded))
            if new:
                connection.execute(
                    _ANONYMISED.insert(), [{"session_id": i, "anonymised_at": moment} for i in new]
                )
        return len(touched | set(new))

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
        # A time in the future (a wrong clock, a hand-edited file) would keep the session
        # out of the retention rule for ever: it is taken as "now".
        now = datetime.now(UTC)
        values["created_at"] = _not_after(s.created_at, now)
        values["updated_at"] = _not_after(s.updated_at, now)
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
                    answered_at=_not_after(answer.answered_at or s.updated_at, now),
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
        for name, (row_class, _domain) in CHILDREN.items():
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
        """SQLite's full ``integrity_check``; on PostgreSQL the schema against this app's.

        'ok' when sound, otherwise what is wrong.
        """
        if self._engine.dialect.name != "sqlite":
            from intake_app.storage.postgres import schema_problems

            return "; ".join(schema_problems(self._engine)) or "ok"
        with self._engine.connect() as connection:
            rows = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
        return "; ".join(str(row) for row in rows)

    @property
    def database_file(self) -> Path | None:
        return self._file

    def backups(self) -> Sequence[BackupInfo]:
        return [] if self._file is None else list_backups(self._file)

    def make_backup(self, reason: str = "hand", keep: int | None = None) -> Path:
        """An online backup now (through this engine, so an encrypted file stays encrypted).

        ``keep``: how many to keep; by default as configured (storage/opening.backup_count).
        """
        if self._file is None:
            raise _no_file()
        if keep is None:
            from intake_app.storage.opening import backup_count  # opening imports this module

            keep = backup_count(self._engine)
        return make_backup(self._file, reason=reason, keep=keep, engine=self._engine)

    def sessions_changed_since(self, moment: datetime) -> list[str]:
        """Codes of sessions made or changed after ``moment`` (what a restore sets aside)."""
        with self._engine.connect().execution_options(**READ_ONLY) as connection:
            return [
                str(code)
                for code in connection.execute(
                    select(_SESSION.c.code)
                    .where(_SESSION.c.updated_at > moment)
                    .order_by(_SESSION.c.updated_at)
                ).scalars()
            ]


def _not_after(moment: datetime, now: datetime) -> datetime:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return now if aware > now + FUTURE_TOLERANCE else moment


def _no_file() -> StorageError:
    return StorageError(
        "Reservekopieën gaan hier alleen over een SQLite-bestand. "
        "Voor PostgreSQL maakt de beheerder ze met pg_dump."
    )
