"""The referral directory on the ``organisation`` table."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from intake_app.core.directory import Organisation
from intake_app.core.errors import NotFoundError, StorageError
from intake_app.storage.tables import OrganisationRow


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _to_domain(row: OrganisationRow) -> Organisation:
    return Organisation(
        name=row.name, formal=row.formal, kind=row.kind, languages=_split(row.languages),
        contact_genders=_split(row.contact_genders), neighbourhood=row.neighbourhood,
        channel=row.channel, evening_hours=row.evening_hours, consent_needed=row.consent_needed,
        own_community=row.own_community, contact=row.contact, active=row.active, id=row.id,
    )  # fmt: skip


class SqlDirectoryRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def list_organisations(self, *, active_only: bool = False) -> Sequence[Organisation]:
        try:
            with Session(self._engine) as session:
                query = select(OrganisationRow).order_by(col(OrganisationRow.name))
                if active_only:
                    query = query.where(col(OrganisationRow.active).is_(True))
                return [_to_domain(row) for row in session.exec(query)]
        except SQLAlchemyError as exc:
            raise StorageError(
                "De sociale kaart kan niet worden gelezen: {reason}", reason=exc
            ) from exc

    def save_organisation(self, organisation: Organisation) -> int:
        try:
            with Session(self._engine, expire_on_commit=False) as session:
                row = (
                    session.get(OrganisationRow, organisation.id)
                    if organisation.id is not None
                    else OrganisationRow(name=organisation.name)
                )
                if row is None:
                    raise NotFoundError("Deze organisatie bestaat niet meer.")
                row.name = organisation.name
                row.formal = organisation.formal
                row.kind = organisation.kind
                row.languages = ",".join(organisation.languages)
                row.contact_genders = ",".join(organisation.contact_genders)
                row.neighbourhood = organisation.neighbourhood
                row.channel = organisation.channel
                row.evening_hours = organisation.evening_hours
                row.consent_needed = organisation.consent_needed
                row.own_community = organisation.own_community
                row.contact = organisation.contact
                row.active = organisation.active
                session.add(row)
                session.commit()
                assert row.id is not None
                return row.id
        except SQLAlchemyError as exc:
            raise StorageError(
                "Opslaan in de sociale kaart is mislukt: {reason}", reason=exc
            ) from exc

    def remove_organisation(self, organisation_id: int) -> None:
        try:
            with Session(self._engine) as session:
                row = session.get(OrganisationRow, organisation_id)
                if row is not None:
                    session.delete(row)
                    session.commit()
        except SQLAlchemyError as exc:
            raise StorageError(
                "Verwijderen uit de sociale kaart is mislukt: {reason}", reason=exc
            ) from exc
