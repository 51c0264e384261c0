"""The intake as data: a session, the answers given in it, and what it records.

Pure dataclasses; storage maps them to tables, services to DTOs. Money is integer cents.
Never stored: BSN, ethnicity, religion, names of lenders (relationship only, INF-R5).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class SessionStatus(enum.StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"


class AnswerState(enum.StrEnum):
    """How a card was answered. 'Zeg ik liever niet' is NOT_DISCUSSED, never a 'no' (INT-12)."""

    ANSWERED = "answered"
    NOT_DISCUSSED = "not_discussed"


class PhaseStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"  # the counsellor chose to leave it out (INT-10)
    POSTPONED = "postponed"  # to a next visit, with a reminder (INT-09)


@dataclass(frozen=True, slots=True)
class Money:
    cents: int
    approximate: bool = False  # "ongeveer": the client gave an estimate


# -- debts (requirements.md section 4) ------------------------------------------------------
class DebtKind(enum.StrEnum):
    FORMAL = "formal"
    INFORMAL = "informal"


class Direction(enum.StrEnum):
    """Never netted against each other (requirements.md section 4.4)."""

    OWED_BY_CLIENT = "owed_by_client"
    OWED_TO_CLIENT = "owed_to_client"  # money the client lent out
    REMITTANCE = "remittance"  # money sent to family or friends abroad
    GIFT = "gift"  # received, not lent (mosque, church, fund)


class FormalCategory(enum.StrEnum):
    RENT = "rent"
    ENERGY = "energy"
    WATER = "water"
    HEALTH_INSURANCE = "health_insurance"
    MUNICIPAL_TAX = "municipal_tax"
    TAX_OFFICE = "tax_office"  # Belastingdienst, toeslagen terugvorderingen
    FINE = "fine"  # CJIB
    TELECOM = "telecom"
    BANK_LOAN = "bank_loan"
    BUY_NOW_PAY_LATER = "buy_now_pay_later"
    STUDY = "study"  # DUO
    OTHER = "other"


class Relationship(enum.StrEnum):
    PARENT = "parent"
    CHILD = "child"
    SIBLING = "sibling"
    PARTNER = "partner"
    EX_PARTNER = "ex_partner"
    IN_LAW = "in_law"
    OTHER_FAMILY = "other_family"
    FRIEND = "friend"
    NEIGHBOUR = "neighbour"
    COLLEAGUE = "colleague"
    ACQUAINTANCE = "acquaintance"
    COMMUNITY = "community"  # mosque, church, association
    FUND = "fund"
    BANK = "bank"
    OTHER = "other"


class Terms(enum.StrEnum):
    NONE = "none"
    VERBAL = "verbal"
    WRITTEN = "written"
    UNKNOWN = "unknown"


class Pressure(enum.StrEnum):
    NONE = "none"
    SOME = "some"
    HIGH = "high"
    UNKNOWN = "unknown"


class Wish(enum.StrEnum):
    """'Wat wilt u hiermee?' (INF-R6)."""

    PAY_BACK = "pay_back"
    INCLUDE_IN_PLAN = "include_in_plan"
    KEEP_PRIVATE = "keep_private"
    WANT_BACK = "want_back"  # for money lent out
    KEEP_SENDING = "keep_sending"  # remittance as a chosen fixed obligation (INF-R3)
    DONT_KNOW = "dont_know"


class DebtStatus(enum.StrEnum):
    UNDISPUTED = "undisputed"
    DISPUTED = "disputed"
    UNKNOWN = "unknown"


class Debtor(enum.StrEnum):
    """Whose debt it is. Only the client's own counts in her total (issue 21)."""

    CLIENT = "client"
    PARTNER = "partner"  # the partner's debt, told by the client: kept apart


class DebtStage(enum.StrEnum):
    """How far collection has gone (issue 21): the receiving organisation acts on this."""

    REMINDER = "reminder"  # herinnering or aanmaning from the creditor itself
    COLLECTION_AGENCY = "collection_agency"  # incassobureau
    BAILIFF = "bailiff"  # deurwaarder: a summons or a judgment
    GARNISHMENT = "garnishment"  # beslag on wages, benefit or bank account


class Frequency(enum.StrEnum):
    """How often money is sent or repaid (INF-07: regular or not)."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    FEW_TIMES_A_YEAR = "few_times_a_year"
    YEARLY = "yearly"
    IRREGULAR = "irregular"  # when there is a need at home
    ONCE = "once"


@dataclass(frozen=True, slots=True)
class Debt:
    kind: DebtKind
    direction: Direction
    card_id: str  # the prompt card it was recorded on (e.g. an INF card)
    amount: Money | None = None
    monthly: bool = False  # amount is per month (remittances, repayments)
    creditor: str = ""  # formal creditors only; informal: relationship, never a name
    category: FormalCategory | None = None
    relationship: Relationship | None = None
    country: str = ""  # where the lender or receiver lives, when abroad
    purpose: str = ""  # e.g. a wedding, a family problem
    terms: Terms = Terms.UNKNOWN
    pressure: Pressure = Pressure.UNKNOWN
    deadline: date | None = None
    wish: Wish = Wish.DONT_KNOW
    status: DebtStatus = DebtStatus.UNKNOWN  # DISPUTED: the client does not agree with it
    consent_handover: bool = False
    # The rest of what the INF cards ask (issue 21); all optional, so older records still fit.
    relationship_text: str = ""  # finer than the list: "zwager", "oom in Marokko"; no names
    since: date | None = None  # since when the money is owed (or sent)
    amount_up_to: Money | None = None  # a range "tussen 100 en 200": amount is the low end
    frequency: Frequency | None = None  # remittances and repayments: how often
    monthly_repayment: Money | None = None  # what the client pays back each month
    regular: bool | None = None  # paid or sent regularly? None: not asked
    in_budget: bool | None = None  # should it go into the budget (plan)? None: not asked
    caused_by_ex_partner: bool = False  # the debt came from the relationship with the ex
    debtor: Debtor = Debtor.CLIENT  # whose debt: the partner's is kept out of her total
    confirmed: bool = True  # False: the client is not sure it exists or what it is
    # Formal debts for the handover chain (issue 21): what a case system needs to ask the
    # creditor for the balance (saldoverzoek).
    reference: str = ""  # the creditor's kenmerk or dossiernummer, as on the letter
    # Who the debt began with, when an agency or bailiff collects ("original creditor"; not
    # named "origin…": the schema guard keeps such words out of every column name).
    initial_creditor: str = ""
    stage: DebtStage | None = None  # None: not known
    id: int | None = None


# -- today and next (INT-06, INT-07, REF-01, INT-18/20) ----------------------------------
class UrgencyType(enum.StrEnum):
    EVICTION = "eviction"
    DISCONNECTION = "disconnection"
    BAILIFF = "bailiff"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Urgency:
    type: UrgencyType
    deadline: date | None = None
    resolved: bool = False
    agreed: str = ""  # what was agreed (with the landlord, the supplier, the bailiff)
    id: int | None = None


class ActionType(enum.StrEnum):
    CREDITOR_CALLED = "creditor_called"
    PAYMENT_ARRANGEMENT_REQUESTED = "payment_arrangement_requested"
    FORM_FILLED = "form_filled"
    APPOINTMENT_MADE = "appointment_made"
    BENEFIT_APPLICATION_STARTED = "benefit_application_started"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class OnTheSpotAction:
    type: ActionType
    at: datetime
    description: str = ""  # shown to the client in "Vandaag gedaan"
    id: int | None = None


class ProvisionStatus(enum.StrEnum):
    RECEIVES = "receives"
    NOT_RECEIVING = "not_receiving"
    UNKNOWN = "unknown"
    APPLIED_TODAY = "applied_today"
    NOT_APPLICABLE = "not_applicable"


class Owner(enum.StrEnum):
    CLIENT = "client"
    COUNSELLOR = "counsellor"
    TOGETHER = "together"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class ProvisionCheck:
    provision_id: str  # from the configurable provision list
    status: ProvisionStatus
    owner: Owner | None = None
    due: date | None = None


@dataclass(frozen=True, slots=True)
class NextStep:
    what: str
    owner: Owner
    due: date | None = None
    done: bool = False
    id: int | None = None


class ReferralStatus(enum.StrEnum):
    """Where a referral stands (REF-05, STA-14); the statistics count these ids."""

    PLANNED = "planned"
    APPOINTMENT_MADE = "appointment_made"
    ARRIVED = "arrived"
    NOT_ARRIVED = "not_arrived"
    LOST_CONTACT = "lost_contact"

    @property
    def open(self) -> bool:
        """Still on its way: someone has to check whether the client got there."""
        return self in (ReferralStatus.PLANNED, ReferralStatus.APPOINTMENT_MADE)


# More open referrals than this at once is "te veel doorverwezen" (REF-05).
MAX_OPEN_REFERRALS = 2


@dataclass(frozen=True, slots=True)
class Referral:
    organisation_id: int | None  # the directory entry (sociale kaart)
    organisation_name: str
    formal: bool
    warm: bool  # a warm handover (INT-19)
    status: ReferralStatus = ReferralStatus.PLANNED
    appointment: datetime | None = None
    accompanied_by: str = ""
    contact_person: str = ""  # one named person at the organisation (REF-05)
    planned_on: date | None = None  # the day the referral was made
    status_on: date | None = None  # the day the current status was recorded
    feedback: str = ""  # what was fed back to the referrer (REF-06), only with consent
    feedback_on: date | None = None
    appointment_place: str = ""  # where the joint appointment is (warm handover, INT-19)
    id: int | None = None


class IncomeSource(enum.StrEnum):
    """Where the household's money comes from (the income_sources card, in more detail)."""

    WORK = "work"
    BENEFIT = "benefit"  # uitkering: Participatiewet, WW, WIA
    PENSION = "pension"  # AOW and pension
    ALLOWANCES = "allowances"  # toeslagen: huur-, zorg-, kinderopvangtoeslag, kindgebonden budget
    CHILD_BENEFIT = "child_benefit"  # kinderbijslag
    ALIMONY = "alimony"
    STUDENT_FINANCE = "student_finance"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Income:
    """One source of income, per month. Approximate or a range is fine ("ongeveer")."""

    source: IncomeSource
    amount: Money | None = None  # per month; None: not known
    amount_up_to: Money | None = None  # a range "tussen 1.100 en 1.300": amount is the low end
    whose: str = ""  # "cliënt", "partner": whose income, in the counsellor's words
    description: str = ""  # e.g. "Participatiewet via de gemeente"
    id: int | None = None


class ConsentPurpose(enum.StrEnum):
    """PRV-04: each can be given and revoked on its own."""

    STORAGE = "storage"
    HANDOVER_FORMAL = "handover_formal"
    SHARING_INFORMAL = "sharing_informal"
    INFORMAL_DEBTS_IN_HANDOVER = "informal_debts_in_handover"
    FEEDBACK_TO_REFERRER = "feedback_to_referrer"  # REF-06: tell the referrer how it went


@dataclass(frozen=True, slots=True)
class Consent:
    purpose: ConsentPurpose
    given: bool
    at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.given and self.revoked_at is None


@dataclass(frozen=True, slots=True)
class Note:
    """Counsellor-only free text. Never printed, never exported (PRV-06)."""

    text: str
    at: datetime
    card_id: str | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    card_id: str
    state: AnswerState
    value: tuple[str, ...] = ()
    answered_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class IntakeSession:
    id: int
    code: str  # pseudonymous client code; no name needed
    created_at: datetime
    updated_at: datetime
    client_language: str = "nl"
    status: SessionStatus = SessionStatus.ACTIVE
    current_card: str | None = None
    practice: bool = False  # practice mode: never counted in statistics (ORG-02)
    first_name: str = ""  # optional (PRV-03)
    age_band: str = ""
    neighbourhood: str = ""  # from the coordinator's list, no addresses (STA-19)
    visit: int = 1  # first contact or a follow-up visit
    trust_confirmed_at: datetime | None = None  # the trust gate (INT-09)
    trauma_flag: bool = False  # counsellor-only reminder (INT-13)
    safety_flag: bool = False  # counsellor-only (GEN-08); never printed
    follow_up_date: date | None = None  # required to complete (INT-20)
    next_appointment: datetime | None = None
    completed_at: datetime | None = None
    phase_order: tuple[str, ...] = ()  # empty: the content's order (INT-10)
    # Print choices (GEN-05), stored so that every print path honours them (issue 21).
    discreet: bool | None = None  # None: discreet when the home is not safe (paper_discreet)
    print_remittances: bool = False  # the client wants "Geld naar familie" on her paper
    # The language of the conversation (COM-05), beside the print language (client_language).
    spoken_language: str = ""  # empty: the same as client_language
    interpreter_kind: str = ""  # an option id of the interpreter_mode card; empty: not said
    interpreter_language: str = ""  # a language code
    interpreter_gender: str = ""  # "female", "male" or empty
    # The household (issue 21): who lives there, for the handover (Wgs basisdienstverlening).
    household_adults: int | None = None  # None: not asked
    household_children: int | None = None
    household_children_ages: str = ""  # roughly, as said: "3, 7 en ongeveer 12"
    household_others: str = ""  # who else lives there: "moeder van de cliënt"
    phase_status: dict[str, PhaseStatus] = field(default_factory=dict)
    answers: dict[str, Answer] = field(default_factory=dict)
    debts: tuple[Debt, ...] = ()
    incomes: tuple[Income, ...] = ()
    urgencies: tuple[Urgency, ...] = ()
    actions: tuple[OnTheSpotAction, ...] = ()
    provisions: tuple[ProvisionCheck, ...] = ()
    next_steps: tuple[NextStep, ...] = ()
    referrals: tuple[Referral, ...] = ()
    consents: tuple[Consent, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def paper_discreet(self) -> bool:
        """The client's paper is discreet: as chosen, else when the home is not safe."""
        if self.discreet is not None:
            return self.discreet
        domains = self.answers.get("life_domains")
        unsafe_home = domains is not None and "safety_at_home" in domains.value
        return self.safety_flag or unsafe_home

    def consent(self, purpose: ConsentPurpose) -> bool:
        latest = [c for c in self.consents if c.purpose is purpose]
        return bool(latest) and latest[-1].active
