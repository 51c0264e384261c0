"""SQLModel tables. Money is integer cents; times are timezone-aware UTC.

Row fields carry the same names as the core dataclasses they map to (see mapping.py),
with ``Money`` split into ``amount_cents`` and ``approximate``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


def session_fk() -> Column[int]:
    return Column(
        Integer, ForeignKey("intake_session.id", ondelete="CASCADE"), nullable=False, index=True
    )


class SessionRow(SQLModel, table=True):
    __tablename__ = "intake_session"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=16, unique=True, index=True)
    created_at: datetime
    updated_at: datetime = Field(index=True)
    client_language: str = Field(default="nl", max_length=8)
    status: str = Field(default="active", max_length=16)
    current_card: str | None = Field(default=None, max_length=64)
    practice: bool = False
    first_name: str = Field(default="", max_length=60)
    age_band: str = Field(default="", max_length=16)
    neighbourhood: str = Field(default="", max_length=80)
    visit: int = 1
    trust_confirmed_at: datetime | None = None
    trauma_flag: bool = False
    safety_flag: bool = False
    follow_up_date: date | None = Field(default=None, index=True)  # Nazorg's window (0013)
    next_appointment: datetime | None = None
    completed_at: datetime | None = Field(default=None, index=True)
    phase_order_json: str = Field(default="[]", max_length=1000)
    discreet: bool | None = None
    print_remittances: bool = False
    spoken_language: str = Field(default="", max_length=8)
    interpreter_kind: str = Field(default="", max_length=32)
    interpreter_language: str = Field(default="", max_length=8)
    interpreter_gender: str = Field(default="", max_length=8)
    # The account that started the conversation on this installation (issue 20): the resume
    # banner offers a user only their own. NULL for sessions from before 0008 and imported
    # files: in the list for everyone, on nobody's banner. Never in a session file.
    owner: str | None = Field(default=None, max_length=40, index=True)
    household_adults: int | None = None
    household_children: int | None = None
    household_children_ages: str = Field(default="", max_length=200)
    household_others: str = Field(default="", max_length=200)


# Session columns that map one to one onto IntakeSession fields of the same name (issue 21).
SESSION_CHOICES = (
    "discreet",
    "print_remittances",
    "spoken_language",
    "interpreter_kind",
    "interpreter_language",
    "interpreter_gender",
    "household_adults",
    "household_children",
    "household_children_ages",
    "household_others",
)


class AnswerRow(SQLModel, table=True):
    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("session_id", "card_id", name="uq_answer_session_card"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(sa_column=session_fk())
    card_id: str = Field(max_length=64)
    state: str = Field(max_length=16)
    value_json: str = Field(default="[]", max_length=4000)
    answered_at: datetime


class AnswerOptionRow(SQLModel, table=True):
    """One row per chosen option, so statistics can count with plain SQL."""

    __tablename__ = "answer_option"
    __table_args__ = (Index("ix_answer_option_card_option", "card_id", "option_id"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(sa_column=session_fk())
    card_id: str = Field(max_length=64)
    option_id: str = Field(max_length=64)


class PhaseStateRow(SQLModel, table=True):
    __tablename__ = "phase_state"
    __table_args__ = (UniqueConstraint("session_id", "phase_id", name="uq_phase_state"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(sa_column=session_fk())
    phase_id: str = Field(max_length=64)
    status: str = Field(max_length=16)


class DebtRow(SQLModel, table=True):
    __tablename__ = "debt"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(sa_column=session_fk())
    kind: str = Field(max_length=16)
    direction: str = Field(max_length=24)
    card_id: str = Field(max_length=64)
    amount_cents: int | None = None
    approximate: bool = False
    monthly: bool = False
    creditor: str = Field(default="", max_length=120)
    category: str | None = Field(default=None, max_length=32)
    relationship: str | None = Field(default=None, max_length=32)
    country: str = Field(default="", max_length=60)
    purpose: str = Field(default="", max_length=200)
    terms: str = Field(default="unknown", max_length=16)
    pressure: str = Field(default="unknown", max_length=16)
    deadline: date | None = None
    wish: str = Field(default="dont_know", max_length=24)
    status: str = Field(default="unknown", max_length=16)
    consent_handover: bool = False
    relationship_text: str = Field(default="", max_length=60)
    since: date | None = None
    amount_up_to_cents: int | None = None
    amount_up_to_approximate: bool = False
    frequency: str | None = Field(default=None, max_length=24)
    monthly_repayment_cents: int | None = None
    monthly_repayment_approximate: bool = False
    regular: bool | None = None
    in_budget: bool | None = None
    caused_by_ex_partner: bool = False
    debtor: str = Field(default="client", max_length=16)
    confirmed: bool = True
    reference: str = Field(default="", max_length=60)
    initial_creditor: str = Field(default="", max_length=120)
    stage: str | None = Field(default=None, max_length=24)


class IncomeRow(SQLModel, table=True):
    __tablename__ = "income"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(sa_column=session_fk())
    source: str = Field(max_length=24)
    amount_cents: int | None = None
    approximate: bool = False
    amount_up_to_cents: int | None = None
    amount_up_to_approximate: bool = False
    whose: str = Field(default="", max_length=60)
    description: str = Field(default="", max_length=200)


class UrgencyRow(SQLModel, table=True):
    __tablename__ = "urgency"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(sa_column=session_fk())
    type: str = Field(max_length=24)
    deadline: date | None = None
    resolved: bool = False
    agreed: str = Field(default="", max_length=200)


class ActionRow(SQLModel, table=True):
    __tablename__ = "spot_action"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(sa_column=session_fk())
    type: str = Field(max_length=40)
    at: datetime
    description: str = Field(default="", max_length=300)


class ProvisionRow(SQLModel, table=True):
    __tablename__ = "provision_check"
    __table_args__ = (UniqueConstraint("session_id", "provision_id", name="uq_provision"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(sa_column=session_fk())
    provision_id: str = Field(max_length=64)
    status: str = Field(max_length=24)
    owner: str | None = Field(default=None, max_length=16)
    due: date | None = None


class NextStepRow(SQLModel, table=True):
    __tablename__ = "next_step"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(sa_column=session_fk())
    what: str = Field(max_length=300)
    owner: str = Field(max_length=16)
    due: date | None = None
    done: bool = False


class OrganisationRow(SQLModel, table=True):
    """The referral directory (sociale kaart, REF-02), kept by the coordinator."""

    __tablename__ = "organisation"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    formal: bool = True
    kind: str = Field(default="", max_length=60)
    languages: str = Field(default="", max_length=200)  # comma-separated catalog codes
    contact_genders: str = Field(default="", max_length=40)  # "female,male"
    neighbourhood: str = Field(default="", max_length=80)
    channel: str = Field(default="", max_length=120)
    evening_hours: bool = False
    consent_needed: bool = True
    own_community: bool = False
    contact: str = Field(default="", max_length=200)
    active: bool = True


class ReferralRow(SQLModel, table=True):
    __tablename__ = "referral"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(sa_column=session_fk())
    organisation_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("organisation.id", ondelete="SET NULL")),
    )
    organisation_name: str = Field(max_length=120)
    formal: bool = True
    warm: bool = False
    status: str = Field(default="planned", max_length=16)
    appointment: datetime | None = None
    accompanied_by: str = Field(default="", max_length=120)
    contact_person: str = Field(default="", max_length=120)
    planned_on: date | None = None
    status_on: date | None = None
    feedback: str = Field(default="", max_length=500)
    feedback_on: date | None = None
    appointment_place: str = Field(default="", max_length=120)


class ConsentRow(SQLModel, table=True):
    __tablename__ = "consent"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(sa_column=session_fk())
    purpose: str = Field(max_length=40)
    given: bool
    at: datetime
    revoked_at: datetime | None = None


class NoteRow(SQLModel, table=True):
    __tablename__ = "note"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(sa_column=session_fk())
    card_id: str | None = Field(default=None, max_length=64)
    text: str = Field(max_length=4000)
    at: datetime


class AppSettingRow(SQLModel, table=True):
    """Small key/value settings kept with the data: offered languages, retention, backups."""

    __tablename__ = "app_setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=4000)
    updated_at: datetime


class SessionAnonymisedRow(SQLModel, table=True):
    """Marks a session whose personal fields were wiped by the retention rule."""

    __tablename__ = "session_anonymised"

    session_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("intake_session.id", ondelete="CASCADE"), primary_key=True
        )
    )
    anonymised_at: datetime


class SelfScanSquareRow(SQLModel, table=True):
    """One square of the coordinator's diversity self-scan (ORG-01); one card per database."""

    __tablename__ = "selfscan_square"

    square_id: str = Field(primary_key=True, max_length=32)
    status: str = Field(max_length=16)
    tips: str = Field(default="", max_length=2000)
    updated_at: datetime


class CounsellorProfileRow(SQLModel, table=True):
    """A counsellor's languages and gender for suggested matching (ORG-05), by account."""

    __tablename__ = "counsellor_profile"

    username: str = Field(primary_key=True, max_length=40)  # user_account.username
    languages: str = Field(default="", max_length=200)  # comma-separated language codes
    gender: str = Field(default="", max_length=16)
    updated_at: datetime
