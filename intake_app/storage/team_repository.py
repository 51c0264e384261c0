"""The self-scan, counsellor profiles and the team's recent load, on SQL tables (ORG-01, ORG-05)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, literal_column, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col
from sqlmodel import select as select_rows

from intake_app.core.errors import StorageError
from intake_app.core.security import AuditAction, Role
from intake_app.core.team import CounsellorGender, CounsellorProfile, SelfScanSquare, SquareStatus
from intake_app.storage.security_repository import SqlAccountRepository
from intake_app.storage.security_tables import AuditEventRow
from intake_app.storage.tables import CounsellorProfileRow, SelfScanSquareRow


class SqlTeamRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def squares(self) -> list[SelfScanSquare]:
        try:
            with Session(self._engine) as session:
                rows = session.exec(select_rows(SelfScanSquareRow))
                return [
                    SelfScanSquare(r.square_id, SquareStatus(r.status), r.tips, r.updated_at)
                    for r in rows
                ]
        except SQLAlchemyError as exc:
            raise StorageError("De zelfscan kan niet worden gelezen: {reason}", reason=exc) from exc

    def save_square(self, square: SelfScanSquare) -> None:
        try:
            with Session(self._engine) as session:
                row = session.get(SelfScanSquareRow, square.square_id) or SelfScanSquareRow(
                    square_id=square.square_id, status="", updated_at=datetime.now(UTC)
                )
                row.status = square.status.value
                row.tips = square.tips
                row.updated_at = datetime.now(UTC)
                session.add(row)
                session.commit()
        except SQLAlchemyError as exc:
            raise StorageError("De zelfscan kan niet worden bewaard: {reason}", reason=exc) from exc

    def profiles(self) -> list[CounsellorProfile]:
        try:
            with Session(self._engine) as session:
                rows = session.exec(select_rows(CounsellorProfileRow))
                return [
                    CounsellorProfile(
                        r.username,
                        tuple(code for code in r.languages.split(",") if code),
                        CounsellorGender(r.gender),
                    )
                    for r in rows
                ]
        except SQLAlchemyError as exc:
            raise StorageError(
                "De profielen kunnen niet worden gelezen: {reason}", reason=exc
            ) from exc

    def save_profile(self, profile: CounsellorProfile) -> None:
        try:
            with Session(self._engine) as session:
                row = session.get(CounsellorProfileRow, profile.username) or CounsellorProfileRow(
                    username=profile.username, updated_at=datetime.now(UTC)
                )
                row.languages = ",".join(profile.languages)
                row.gender = profile.gender.value
                row.updated_at = datetime.now(UTC)
                session.add(row)
                session.commit()
        except SQLAlchemyError as exc:
            raise StorageError("Het profiel kan niet worden bewaard: {reason}", reason=exc) from exc

    def recent_load(self, since: datetime) -> dict[str, int]:
        """Per account: how many times it opened a conversation since ``since`` (the audit
        log writes "opened" at most once per ten minutes per conversation). Counts only:
        which conversations is not read."""
        statement = (
            select(col(AuditEventRow.actor), func.count())
            .where(
                col(AuditEventRow.action) == AuditAction.OPENED.value,
                col(AuditEventRow.target).startswith("session:"),
                col(AuditEventRow.at) >= since,
            )
            .group_by(col(AuditEventRow.actor))
        )
        if self._engine.dialect.name == "postgresql":
            # Through the function of migration 0012: a coordinator's login reads no audit rows.
            statement = select(literal_column("actor"), literal_column("opened")).select_from(
                func.team_load(since).table_valued("actor", "opened")
            )
        try:
            with self._engine.connect() as connection:
                return {str(actor): int(n) for actor, n in connection.execute(statement)}
        except SQLAlchemyError as exc:
            raise StorageError("De werklast kan niet worden gelezen: {reason}", reason=exc) from exc


class SqlAccountNames:
    """The colleagues who hold conversations (volunteers and counsellors), by username."""

    def __init__(self, engine: Engine) -> None:
        self._accounts = SqlAccountRepository(engine)

    def names(self) -> dict[str, str]:
        try:
            return {
                account.username: account.display_name
                for account in self._accounts.list_accounts()
                if account.active and account.role in (Role.COUNSELLOR, Role.VOLUNTEER)
            }
        except SQLAlchemyError as exc:
            raise StorageError(
                "De accounts kunnen niet worden gelezen: {reason}", reason=exc
            ) from exc
