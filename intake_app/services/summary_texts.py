"""What the printed documents say: Dutch msgids (translated at print time), the Dutch
texts of the handover letter, and the small helpers both documents share.

Formatted values (dates, amounts) go into sentences as one unit (``unit``): wrapped in
FSI ... PDI, so a right-to-left line keeps "1 december 2026" or "€ 2.590,00" together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_time

from intake_app.core.debts import own
from intake_app.core.errors import IntakeError
from intake_app.core.model import (
    ActionType,
    AnswerState,
    Debt,
    DebtStatus,
    FormalCategory,
    IntakeSession,
    NextStep,
    Owner,
    ProvisionStatus,
    Relationship,
    UrgencyType,
)
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.translator import N_


class ConsentMissingError(IntakeError):
    """The client has not (or no longer) agreed to share: nothing is printed."""


@dataclass(frozen=True, slots=True)
class PrintOptions:
    """Choices made at the moment of printing, not stored with the session."""

    counsellor: str = ""  # first name, printed on the client's summary
    role: str = ""  # e.g. "schuldhulpverlener", "vrijwilliger" (handover)
    organisation: str = ""  # the sender's organisation (handover)
    place: str = ""  # where the conversation took place (handover)
    show_remittances: bool | None = None  # "Geld naar familie" on paper; None: as stored
    override_discretion: bool = False  # the full summary of a discreet session, on purpose
    today: date | None = None  # the printed date; None: today (UTC)


# -- texts: Dutch msgids, translated at print time -----------------------------------------
TITLE = N_("Samen kijken naar geld en post")
DISCREET_TITLE = N_("Mijn afspraken")
H_URGENT = N_("Dit is dringend")
H_DONE = N_("Vandaag gedaan")
H_FORMAL = N_("Rekeningen die nog open staan")
H_INFORMAL = N_("Geld van mensen die u kent")
H_LENT = N_("U heeft zelf uitgeleend")
H_REMITTANCE = N_("Geld naar familie")
H_PROVISIONS = N_("Regelingen: wat we nog gaan doen")
H_NEXT = N_("Wat gaat er nu gebeuren")
H_DOCUMENTS = N_("Neem dit mee naar de volgende afspraak")
H_APPOINTMENT = N_("Volgende afspraak")
H_REFERRAL = N_("Wie helpt u verder")
H_LANGUAGE = N_("Hoe we met elkaar spraken")

URGENCY = {
    UrgencyType.EVICTION: (N_("U moet misschien uit uw huis."), "1F3E0"),
    UrgencyType.DISCONNECTION: (N_("Gas, licht of water kan worden afgesloten."), "26A1"),
    UrgencyType.BAILIFF: (N_("Er komt een deurwaarder."), "1F6AA"),
    UrgencyType.OTHER: (N_("Er is iets dat snel moet."), "26A0"),
}
ACTION = {
    ActionType.CREDITOR_CALLED: (N_("We hebben gebeld over een rekening."), "1F4DE"),
    ActionType.PAYMENT_ARRANGEMENT_REQUESTED: (
        N_("We hebben gevraagd of u in delen mag betalen."),
        "1F91D",
    ),
    ActionType.FORM_FILLED: (N_("We vulden samen een formulier in."), "1F4DD"),
    ActionType.APPOINTMENT_MADE: (N_("We hebben een afspraak gemaakt."), "1F4C5"),
    ActionType.BENEFIT_APPLICATION_STARTED: (N_("We hebben geld aangevraagd voor u."), "1F4B6"),
    ActionType.OTHER: (N_("We hebben iets anders geregeld."), "2705"),
}
CATEGORY = {
    FormalCategory.RENT: (N_("Huur"), "1F3E0"),
    FormalCategory.ENERGY: (N_("Gas en licht"), "26A1"),
    FormalCategory.WATER: (N_("Water"), "1F6B0"),
    FormalCategory.HEALTH_INSURANCE: (N_("Zorgverzekering"), "1F3E5"),
    FormalCategory.MUNICIPAL_TAX: (N_("Belasting van de gemeente"), "1F3DB"),
    FormalCategory.TAX_OFFICE: (N_("Belastingdienst"), "1F3DB"),
    FormalCategory.FINE: (N_("Boete"), "1F46E"),
    FormalCategory.TELECOM: (N_("Telefoon en internet"), "1F4F1"),
    FormalCategory.BANK_LOAN: (N_("Lening bij de bank"), "1F3E6"),
    FormalCategory.BUY_NOW_PAY_LATER: (N_("Later betalen bij een winkel"), "1F6D2"),
    FormalCategory.STUDY: (N_("Studieschuld"), "1F393"),
    FormalCategory.OTHER: (N_("Iets anders"), "2709"),
}
RELATIONSHIP = {
    Relationship.PARENT: N_("Vader of moeder"),
    Relationship.CHILD: N_("Kind"),
    Relationship.SIBLING: N_("Broer of zus"),
    Relationship.PARTNER: N_("Partner"),
    Relationship.EX_PARTNER: N_("Ex-partner"),
    Relationship.IN_LAW: N_("Schoonfamilie"),
    Relationship.OTHER_FAMILY: N_("Andere familie"),
    Relationship.FRIEND: N_("Vriend of vriendin"),
    Relationship.NEIGHBOUR: N_("Buren"),
    Relationship.COLLEAGUE: N_("Collega"),
    Relationship.ACQUAINTANCE: N_("Kennis"),
    Relationship.COMMUNITY: N_("Moskee, kerk of vereniging"),
    Relationship.FUND: N_("Een fonds"),
    Relationship.BANK: N_("Bank"),
    Relationship.OTHER: N_("Iemand anders"),
}
OWNER = {
    Owner.CLIENT: N_("U zelf"),
    Owner.COUNSELLOR: N_("Uw hulpverlener"),
    Owner.TOGETHER: N_("Samen"),
    Owner.OTHER: N_("Iemand anders"),
}
PROVISION = {
    "huurtoeslag": (N_("Huurtoeslag (hulp bij de huur)"), "1F3E0"),
    "zorgtoeslag": (N_("Zorgtoeslag (hulp bij de zorgverzekering)"), "1F3E5"),
    "kwijtschelding": (N_("Kwijtschelding (geen belasting aan de gemeente)"), "1F3DB"),
    "kindgebonden_budget": (N_("Kindgebonden budget (geld voor uw kinderen)"), "1F46A"),
    "bijzondere_bijstand": (N_("Bijzondere bijstand (hulp bij hoge kosten)"), "1F4B6"),
    "energietoeslag": (N_("Energietoeslag (hulp bij gas en licht)"), "26A1"),
}
PROVISION_STATUS = {
    ProvisionStatus.NOT_RECEIVING: N_("Nog aanvragen"),
    ProvisionStatus.UNKNOWN: N_("Uitzoeken of dit kan"),
    ProvisionStatus.APPLIED_TODAY: N_("Vandaag aangevraagd"),
}
DOCUMENTS = {
    "letters": (N_("Brieven en rekeningen"), "2709"),
    "bank_statements": (N_("Afschriften van de bank"), "1F3E6"),
    "id_document": (N_("Uw paspoort of ID-kaart"), "1F194"),
    "rent_contract": (N_("Uw huurcontract"), "1F3E0"),
    "payslips": (N_("Uw loonstroken"), "1F4B6"),
    "insurance_policy": (N_("De polis van uw zorgverzekering"), "1F3E5"),
    "benefit_decisions": (N_("Brieven over uw uitkering of toeslag"), "1F4E8"),
}
INTERPRETER = {
    "professional_in_person": N_("Een tolk heeft vertaald. De tolk was erbij."),
    "phone_interpreter": N_("Een tolk heeft vertaald via de telefoon."),
    "family_member": N_("Iemand uit uw familie heeft vertaald."),
    "key_person": N_("Iemand die u vertrouwt heeft vertaald."),
    "translation_app": N_("We hebben een app gebruikt om te vertalen."),
    "counsellor_language": N_("Uw hulpverlener sprak uw taal."),
    "none": N_("Er was geen tolk."),
}
CHANNEL = {
    "whatsapp": (N_("We houden contact via WhatsApp."), "1F4AC"),
    "phone": (N_("We bellen u."), "1F4DE"),
    "via_key_person": (N_("We houden contact via iemand die u vertrouwt."), "1F91D"),
    "email": (N_("We sturen u een e-mail."), "1F4E8"),
    "home_visit": (N_("We komen bij u thuis."), "1F3E0"),
    "evening": (N_("We nemen liefst 's avonds contact op."), "1F4C5"),
    "no_post_home": (N_("We sturen geen post naar uw huis."), "2709"),
}
TOTAL = N_("Totaal")
TOTAL_KNOWN = N_("Totaal van wat we weten")
ABOUT = N_("ongeveer {amount}")
PER_MONTH = N_("{amount} per maand")
UNKNOWN_AMOUNT = N_("bedrag onbekend")
DEADLINE = N_("Uiterlijk {date}.")
WHO = N_("Wie: {who}.")
WHEN = N_("Wanneer: {date}.")
WITH = N_("Wie gaat mee: {name}.")
COUNSELLOR = N_("Uw hulpverlener: {name}")

# Handover texts are Dutch only: the receiving organisation reads Dutch.
HANDOVER_URGENCY = {
    UrgencyType.EVICTION: "Dreigende huisuitzetting",
    UrgencyType.DISCONNECTION: "Dreigende afsluiting van energie of water",
    UrgencyType.BAILIFF: "Deurwaarder / beslag",
    UrgencyType.OTHER: "Andere dringende zaak",
}
DEBT_STATUS = {
    DebtStatus.UNDISPUTED: "niet betwist",
    DebtStatus.DISPUTED: "betwist",
    DebtStatus.UNKNOWN: "status onbekend",
}
PROVISION_STATUS_NL = {
    ProvisionStatus.RECEIVES: "ontvangt",
    ProvisionStatus.NOT_RECEIVING: "ontvangt niet",
    ProvisionStatus.UNKNOWN: "onbekend",
    ProvisionStatus.APPLIED_TODAY: "vandaag aangevraagd",
    ProvisionStatus.NOT_APPLICABLE: "niet van toepassing",
}
OPTION_NL = {
    "interpreter_mode": {
        "professional_in_person": "professionele tolk (aanwezig)",
        "phone_interpreter": "telefoontolk",
        "family_member": "familielid vertaalde",
        "child": "een kind vertaalde",
        "key_person": "sleutelpersoon vertaalde",
        "translation_app": "vertaal-app",
        "counsellor_language": "hulpverlener sprak de taal",
        "none": "geen tolk",
    },
    "preferred_channel": {
        "whatsapp": "WhatsApp",
        "phone": "telefoon",
        "via_key_person": "via sleutelpersoon",
        "email": "e-mail",
        "home_visit": "huisbezoek",
        "evening": "liefst 's avonds",
        "no_post_home": "geen post naar huis",
    },
    "counsellor_gender_preference": {
        "female": "voorkeur voor een vrouwelijke hulpverlener",
        "male": "voorkeur voor een mannelijke hulpverlener",
        "no_preference": "geen voorkeur voor man of vrouw",
        "nonbinary": "voorkeur voor een hulpverlener die anders of non-binair is",  # GEN-11
    },
    "own_community_preference": {
        "yes": "voorkeur voor hulp uit de eigen gemeenschap",
        "no": "liever geen hulp uit de eigen gemeenschap",
        "no_matter": "eigen gemeenschap maakt niet uit",
    },
    "primary_question": {
        "letter": "een brief",
        "rent": "huur",
        "energy": "gas en licht",
        "health_insurance": "zorgverzekering",
        "fine": "een boete",
        "municipal_tax": "gemeentelijke belastingen",
        "other": "iets anders",
    },
    "life_domains": {  # safety_at_home is left out on purpose: never in a handover
        "health": "gezondheid",
        "parenting": "opvoeding",
        "caregiving": "mantelzorg",
        "work_or_course": "werk of opleiding",
        "loneliness": "eenzaamheid",
    },
}
# Every pictogram these documents may print, for warm_up().
PICTOGRAMS: tuple[str, ...] = tuple(
    sorted(
        {code for _text, code in (*URGENCY.values(), *ACTION.values(), *CATEGORY.values())}
        | {code for _text, code in (*PROVISION.values(), *DOCUMENTS.values())}
        | {"26A0", "2705", "1F9FE", "1F91D", "1F4B8", "1F30D", "1F4CB", "1F463", "1F4C1"}
        | {code for _text, code in CHANNEL.values()}
        | {"1F4C5", "1F3E2", "1F5E3", "1F465", "1F464", "1F4AC"}
    )
)
# "2026 р." before the sentence's own full stop; the date may end in its isolate (PDI).
DOUBLE_STOP = re.compile("(?<!\\.)\\.(\u2069?)\\.(?!\\.)")
MONEY_LIKE = re.compile(r"(€|EUR)\s*[\d.,\s]*\d[\d.,-]*|\d[\d.\s]*,\d{2}|\d+\s*(euro|EUR|€)", re.I)

# -- the urgent block's state (what is done, what is still open, by when) ----------------
URGENCY_TOPIC = {
    UrgencyType.EVICTION: N_("Uw huis"),
    UrgencyType.DISCONNECTION: N_("Gas, licht of water"),
    UrgencyType.BAILIFF: N_("De deurwaarder"),
    UrgencyType.OTHER: N_("De dringende zaak"),
}
STILL_OPEN = N_("Dit is nog niet opgelost.")
RESOLVED = N_("{topic}: dit is geregeld.")
# COM-08: Dutch free text on a translated paper was explained by word of mouth.
EXPLAINED_ORALLY = N_("(in het Nederlands, met u besproken)")

# Handover texts for the receiving professional (Dutch only, never "u"/"uw").
HANDOVER_ACTION = {
    ActionType.CREDITOR_CALLED: "Schuldeiser gebeld",
    ActionType.PAYMENT_ARRANGEMENT_REQUESTED: "Betalingsregeling aangevraagd",
    ActionType.FORM_FILLED: "Formulier samen met de cliënt ingevuld",
    ActionType.APPOINTMENT_MADE: "Afspraak gemaakt",
    ActionType.BENEFIT_APPLICATION_STARTED: "Aanvraag voor een uitkering of toeslag gestart",
    ActionType.OTHER: "Andere actie",
}
HANDOVER_PROVISION = {
    "huurtoeslag": "Huurtoeslag",
    "zorgtoeslag": "Zorgtoeslag",
    "kwijtschelding": "Kwijtschelding gemeentelijke belastingen",
    "kindgebonden_budget": "Kindgebonden budget",
    "bijzondere_bijstand": "Bijzondere bijstand",
    "energietoeslag": "Energietoeslag",
}
HANDOVER_OWNER = {
    Owner.CLIENT: "cliënt",
    Owner.COUNSELLOR: "hulpverlener",
    Owner.TOGETHER: "cliënt en hulpverlener samen",
    Owner.OTHER: "iemand anders",
}
FSI, PDI = "\u2068", "\u2069"


# Embeddings, overrides and isolates inside a value would break its own isolate open.
_DIRECTION_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], None)


def unit(text: str) -> str:
    """A value or free text as one unit in any line direction (first-strong isolate)."""
    text = text.translate(_DIRECTION_CONTROLS)
    return f"{FSI}{text}{PDI}" if text else text


def moment(formatter: Formatter, value: datetime) -> str:
    """Day, month name, year and time: never "12/1/26" (1 December or 12 January?)."""
    local = value.astimezone() if value.tzinfo else value
    when = format_time(local, format="short", locale=formatter.locale)
    return f"{formatter.date(local.date())}, {when}"


def day(formatter: Formatter, value: date) -> str:
    return formatter.date(value)  # Babel's long format: the month by name


def sum_debts(debts: Iterable[Debt]) -> tuple[int, bool, bool]:
    """(cents of the known amounts, any approximate, any unknown). Never across directions."""
    cents, approximate, unknown = 0, False, False
    for debt in own(debts):  # the partner's and unconfirmed debts never count (issue 21)
        if debt.amount is None:
            unknown = True
        else:
            cents += debt.amount.cents
            approximate = approximate or debt.amount.approximate
    return cents, approximate, unknown


def open_steps(steps: Iterable[NextStep]) -> list[NextStep]:
    return [step for step in steps if not step.done]


def nl_amount(fmt: Formatter, debt: Debt) -> str:
    if debt.amount is None:
        return "onbekend"
    text = ("ongeveer " if debt.amount.approximate else "") + fmt.money(debt.amount.cents)
    return text + (" per maand" if debt.monthly else "")


def option_texts(session: IntakeSession, card_id: str) -> list[str]:
    answer = session.answers.get(card_id)
    if answer is None or answer.state is not AnswerState.ANSWERED:
        return []
    labels = OPTION_NL.get(card_id, {})
    return [labels[value] for value in answer.value if value in labels]


def redactor(session: IntakeSession) -> Callable[[str], str]:
    """For the discreet print: take creditor names and amounts out of task texts."""
    named = {name.strip() for d in session.debts for name in (d.creditor, d.initial_creditor)}
    names = sorted(named - {""}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names), re.I) if names else None

    def redact(text: str) -> str:
        if pattern is not None:
            text = pattern.sub("…", text)
        return MONEY_LIKE.sub("…", text)

    return redact
