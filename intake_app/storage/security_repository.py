"""Accounts and the audit log on SQL tables (ports in core/security.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session, col, select

from intake_app.core.errors import StorageError
from intake_app.core.marks import N_
from intake_app.core.security import Account, AuditAction, AuditEvent, Role
from intake_app.storage.security_tables import AuditEventRow, UserAccountRow

_ACCOUNT_FIELDS = frozenset(
    {"display_name", "role", "password_hash", "active", "failed_attempts", "locked_until"}
)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


@contextmanager
def _session(engine: Engine) -> Iterator[Session]:
    try:
        with Session(engine, expire_on_commit=False) as session:
            yield session
    except IntegrityError as exc:
        raise StorageError(N_("Deze naam bestaat al.")) from exc
    except SQLAlchemyError as exc:
        raise StorageError("Opslaan in de database is mislukt: {reason}", reason=exc) from exc


def _account(row: UserAccountRow) -> Account:
    created = _aware(row.created_at)
    assert created is not None
    return Account(
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        password_hash=row.password_hash,
        created_at=created,
        active=row.active,
        failed_attempts=row.failed_attempts,
        locked_until=_aware(row.locked_until),
        id=row.id,
    )


class SqlAccountRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def count_accounts(self) -> int:
        with _session(self._engine) as session:
            return int(session.exec(select(func.count()).select_from(UserAccountRow)).one())

    def get_account(self, username: str) -> Account | None:
        with _session(self._engine) as session:
            row = session.exec(
                select(UserAccountRow).where(UserAccountRow.username == username)
            ).first()
            return _account(row) if row else None

    def list_accounts(self) -> Sequence[Account]:
        with _session(self._engine) as session:
            rows = session.exec(select(UserAccountRow).order_by(col(UserAccountRow.username)))
            return [_account(row) for row in rows]

    def add_account(self, account: Account) -> int:
        row = UserAccountRow(
            username=account.username,
            display_name=account.display_name,
            role=account.role.value,
            password_hash=account.password_hash,
            created_at=account.created_at,
            active=account.active,
        )
        with _session(self._engine) as session:
            session.add(row)
            session.commit()
            assert row.id is not None
            return row.id

    def update_account(self, username: str, **changes: object) -> None:
        unknown = set(changes) - _ACCOUNT_FIELDS
        if unknown:
            raise ValueError(f"not updatable here: {sorted(unknown)}")
        with _session(self._engine) as session:
            row = session.exec(
                select(UserAccountRow).where(UserAccountRow.username == username)
            ).first()
            if row is None:
                raise StorageError(N_("Account {name} bestaat niet."), name=username)
            for name, value in changes.items():
                setattr(row, name, value.value if isinstance(value, Role) else value)
            session.add(row)
            session.commit()


_NO_ROOM = ("database or disk is full", "disk i/o error")


class SqlAuditLog:
    """The audit table. On a full disk a line is held in memory and written with the next
    one that fits: reading, printing and exporting must go on when nothing can be stored
    (README: "Nothing said in an intake is lost"; the audit line only waits)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._waiting: list[AuditEvent] = []

    def record(self, event: AuditEvent) -> None:
        events = [*self._waiting, event]
        try:
            with _session(self._engine) as session:
                for item in events:
                    session.add(
                        AuditEventRow(
                            at=item.at,
                            actor=item.actor[:40],
                            action=item.action.value,
                            target=item.target[:80],
                            detail=item.detail[:64],
                        )
                    )
                session.commit()
        except StorageError as exc:
            if not any(word in str(exc.__cause__).lower() for word in _NO_ROOM):
                raise
            self._waiting = events
            return
        self._waiting = []

    def events(self, *, limit: int = 500) -> Sequence[AuditEvent]:
        with _session(self._engine) as session:
            rows: Any = session.exec(
                select(AuditEventRow).order_by(col(AuditEventRow.id).desc()).limit(limit)
            )
            return [
                AuditEvent(
                    at=_aware(row.at) or datetime.now(UTC),
                    actor=row.actor,
                    action=AuditAction(row.action),
                    target=row.target,
                    detail=row.detail,
                    id=row.id,
                )
                for row in rows
            ]
