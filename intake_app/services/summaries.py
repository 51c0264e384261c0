"""SummaryService: what goes on the three printed documents, translated, with Dutch alongside.

* client summary (requirements.md section 7.4): the client's language and Dutch, pictograms,
  the urgent block first, amounts per direction with their own totals (never netted);
* discreet summary (GEN-05): a neutral title, the client's own tasks and the next appointment;
  no creditor names, no partner details, no amounts;
* handover letter (section 7.3): Dutch, for the receiving organisation, only what the client
  consented to share; never the safety flag, trauma details or notes.

Layout is ``reporting``'s job; this module decides the content. Counsellor notes
(``IntakeSession.notes``), ``safety_flag`` and ``trauma_flag`` are never read here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from intake_app.content.pictograms import ATTRIBUTION
from intake_app.core.debts import own
from intake_app.core.errors import IntakeError
from intake_app.core.model import (
    ActionType,
    AnswerState,
    ConsentPurpose,
    Debt,
    DebtKind,
    DebtStatus,
    Direction,
    FormalCategory,
    IntakeSession,
    NextStep,
    Owner,
    Pressure,
    ProvisionStatus,
    ReferralStatus,
    Relationship,
    UrgencyType,
    Wish,
)
from intake_app.core.ports import DocumentRenderer, SessionRepository
from intake_app.core.security import AuditAction, Permission
from intake_app.core.summary import (
    SectionKind,
    SummaryDocument,
    SummaryKind,
    SummaryLine,
    SummarySection,
)
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.languages import SOURCE_LANGUAGE, language
from intake_app.i18n.translator import N_, Translator, Translators
from intake_app.services.access import Access
from intake_app.services.debt_marks import client_marks, handover_marks, printable
from intake_app.services.gate import gated, public
from intake_app.services.print_choices import honour


class ConsentMissingError(IntakeError):
    """The client has not (or no longer) agreed to share: nothing is printed."""


class UnknownSummaryKindError(IntakeError):
    """Asked for a document kind that does not exist."""


@dataclass(frozen=True, slots=True)
class PrintOptions:
    """Choices made at the moment of printing; the session's stored ones (print_choices.py)
    fill in what is not said here."""

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
    ActionType.FORM_FILLED: (N_("We hebben samen een formulier ingevuld."), "1F4DD"),
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
TOTAL_KNOWN = N_("Totaal van de bekende bedragen")
ABOUT = N_("ongeveer {amount}")
PER_MONTH = N_("{amount} per maand")
UNKNOWN_AMOUNT = N_("bedrag onbekend")
DEADLINE = N_("Uiterlijk {date}.")
WHO = N_("Wie: {who}.")
WHEN = N_("Wanneer: {date}.")
WITH = N_("Wie gaat mee: {name}.")
COUNSELLOR = N_("Uw hulpverlener: {name}")

# Handover texts are Dutch only: the receiving organisation reads Dutch.
_HANDOVER_URGENCY = {
    UrgencyType.EVICTION: "Dreigende huisuitzetting",
    UrgencyType.DISCONNECTION: "Dreigende afsluiting van energie of water",
    UrgencyType.BAILIFF: "Deurwaarder / beslag",
    UrgencyType.OTHER: "Andere dringende zaak",
}
_DEBT_STATUS = {
    DebtStatus.UNDISPUTED: "niet betwist",
    DebtStatus.DISPUTED: "betwist",
    DebtStatus.UNKNOWN: "status onbekend",
}
_PROVISION_STATUS_NL = {
    ProvisionStatus.RECEIVES: "ontvangt",
    ProvisionStatus.NOT_RECEIVING: "ontvangt niet",
    ProvisionStatus.UNKNOWN: "onbekend",
    ProvisionStatus.APPLIED_TODAY: "vandaag aangevraagd",
    ProvisionStatus.NOT_APPLICABLE: "niet van toepassing",
}
_OPTION_NL = {
    "interpreter_mode": {
        "professional_in_person": "professionele tolk (aanwezig)",
        "phone_interpreter": "telefoontolk",
        "family_member": "familielid vertaalde",
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
_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")
_MONEY_LIKE = re.compile(r"(€|EUR)\s*[\d.,\s]*\d[\d.,-]*|\d[\d.\s]*,\d{2}|\d+\s*(euro|EUR|€)", re.I)


def _sum(debts: Iterable[Debt]) -> tuple[int, bool, bool]:
    """(cents of the known amounts, any approximate, any unknown). Never across directions."""
    cents, approximate, unknown = 0, False, False
    for debt in own(debts):  # the partner's and unconfirmed debts never count (issue 21)
        if debt.amount is None:
            unknown = True
        else:
            cents += debt.amount.cents
            approximate = approximate or debt.amount.approximate
    return cents, approximate, unknown


class _Bilingual:
    """The client's language with Dutch alongside (empty when the client reads Dutch)."""

    def __init__(self, client: Translator, dutch: Translator) -> None:
        self.client = client
        self.dutch = dutch
        self.bilingual = client.code != SOURCE_LANGUAGE
        self.fmt = Formatter(client.code)
        self.fmt_nl = Formatter(SOURCE_LANGUAGE)

    def both(self, message: str, **params: Callable[[Formatter], str] | str) -> tuple[str, str]:
        """Translate ``message`` in both languages; callable params format per locale."""

        def fill(translator: Translator, formatter: Formatter) -> str:
            values = {k: v(formatter) if callable(v) else v for k, v in params.items()}
            # A date that ends in a full stop ("2026 р.") before the sentence's own one.
            return _DOUBLE_STOP.sub(".", translator.format(message, **values))

        client = fill(self.client, self.fmt)
        dutch = fill(self.dutch, self.fmt_nl) if self.bilingual else ""
        # Not yet translated: the Dutch text is already there, once is enough.
        return client, "" if dutch == client else dutch

    def line(
        self, message: str, pictogram: str = "", amount: str = "", **params: object
    ) -> SummaryLine:
        text, dutch = self.both(message, **params)  # type: ignore[arg-type]
        return SummaryLine(text, dutch, pictogram, amount)

    def section(
        self,
        heading: str,
        lines: Iterable[SummaryLine],
        pictogram: str,
        kind: SectionKind = SectionKind.NORMAL,
    ) -> SummarySection:
        text, dutch = self.both(heading)
        return SummarySection(text, tuple(lines), dutch, kind, pictogram)

    def money(self, cents: int, *, approximate: bool = False, monthly: bool = False) -> str:
        amount = self.fmt.money(cents)
        if monthly:
            amount = self.client.format(PER_MONTH, amount=amount)
        if approximate:
            amount = self.client.format(ABOUT, amount=amount)
        return amount

    def debt_amount(self, debt: Debt) -> str:
        if debt.amount is None:
            return self.client.gettext(UNKNOWN_AMOUNT)
        return self.money(
            debt.amount.cents, approximate=debt.amount.approximate, monthly=debt.monthly
        )

    def total(self, debts: list[Debt], *, monthly: bool = False) -> SummaryLine:
        cents, approximate, unknown = _sum(debts)
        text, dutch = self.both(TOTAL_KNOWN if unknown else TOTAL)
        return SummaryLine(
            text, dutch, "", self.money(cents, approximate=approximate, monthly=monthly), True
        )


def _task_lines(
    texts: _Bilingual, steps: Iterable[NextStep], *, redact: Callable[[str], str] | None = None
) -> list[SummaryLine]:
    lines = []
    for step in steps:
        what = redact(step.what) if redact else step.what
        if what and not what.endswith((".", "!", "?", "…")):
            what += "."
        who = texts.both(WHO, who=_owner_of(texts, step.owner))
        parts = [what, who[0]]
        dutch_parts = [what, who[1]]
        if step.due:
            when = texts.both(WHEN, date=_date_of(step.due))
            parts.append(when[0])
            dutch_parts.append(when[1])
        lines.append(
            SummaryLine(
                " ".join(parts),
                " ".join(dutch_parts) if texts.bilingual else "",
                "1F464" if step.owner is Owner.CLIENT else "1F91D",
            )
        )
    return lines


def _owner_of(texts: _Bilingual, owner: Owner) -> Callable[[Formatter], str]:
    def text(formatter: Formatter) -> str:
        translator = texts.client if formatter is texts.fmt else texts.dutch
        return translator.gettext(OWNER[owner])

    return text


def _date_of(value: date) -> Callable[[Formatter], str]:
    return lambda formatter: formatter.date(value)


class SummaryService:
    def __init__(
        self,
        sessions: SessionRepository,
        translators: Translators,
        renderer: DocumentRenderer,
        access: Access,
    ) -> None:
        self._sessions = sessions
        self._translators = translators
        self._renderer = renderer
        self._access = access

    # -- entry points for ui and cli ---------------------------------------------------------
    @gated(Permission.PRINT_SUMMARY, AuditAction.PRINTED, in_body=True)
    def build(
        self, session_id: int, kind: SummaryKind | str, options: PrintOptions | None = None
    ) -> SummaryDocument:
        """The document for a file or the printer: logged as printed."""
        document = self._build(session_id, kind, options)
        self._access.audit(AuditAction.PRINTED, f"session:{session_id}", document.kind.value)
        return document

    @gated(Permission.PRINT_SUMMARY, None, in_body=True)
    def preview(
        self, session_id: int, kind: SummaryKind | str, options: PrintOptions | None = None
    ) -> SummaryDocument:
        """The document for the on-screen preview: logged only once it is printed or saved
        (``record_printed``); a document refused for missing consent is logged as refused."""
        return self._build(session_id, kind, options)

    @gated(Permission.PRINT_SUMMARY, AuditAction.PRINTED, in_body=True)
    def record_printed(self, session_id: int, kind: SummaryKind | str) -> None:
        """The preview's document went to the printer or into a file."""
        chosen, target = SummaryKind(kind), f"session:{session_id}"
        if chosen is SummaryKind.HANDOVER:
            self._access.require(Permission.PRINT_HANDOVER, target)
        self._access.audit(AuditAction.PRINTED, target, chosen.value)

    def _build(
        self, session_id: int, kind: SummaryKind | str, options: PrintOptions | None
    ) -> SummaryDocument:
        try:
            chosen = SummaryKind(kind)
        except ValueError:
            raise UnknownSummaryKindError(
                "Dit soort samenvatting bestaat niet: {kind}.", kind=kind
            ) from None
        target = f"session:{session_id}"
        if chosen is SummaryKind.HANDOVER:
            self._access.require(Permission.PRINT_HANDOVER, target)
        session = self._sessions.get_session(session_id)
        options = honour(session, chosen, options or PrintOptions(), self._access)
        texts = _Bilingual(self._translators.get(session.client_language), self._dutch())
        try:
            if chosen is SummaryKind.HANDOVER:
                return self.handover(session, options)
            if chosen is SummaryKind.DISCREET:
                return self.discreet(session, texts, options)
            return self.client(session, texts, options)
        except ConsentMissingError:
            # Never "printed": nothing was made.
            self._access.audit(AuditAction.PRINT_REFUSED, target, chosen.value)
            raise

    @gated(Permission.PRINT_SUMMARY, AuditAction.PRINTED, in_body=True)  # via build
    def render(
        self, session_id: int, kind: SummaryKind | str, options: PrintOptions | None = None
    ) -> bytes:
        return self._renderer.render(self.build(session_id, kind, options))

    @public("loads fonts and PDF libraries; reads no data")
    def warm_up(self) -> None:
        """Prepare the first print (fonts, PDF libraries, pictograms); call off the GUI thread."""
        self._renderer.warm_up(PICTOGRAMS)

    @public("lays out a document that build() already checked and logged")
    def render_document(self, document: SummaryDocument) -> bytes:
        """Only the layout: safe to run off the GUI thread (no database access)."""
        return self._renderer.render(document)

    @gated(Permission.PRINT_SUMMARY, AuditAction.PRINTED, in_body=True)  # via build
    def write(
        self,
        session_id: int,
        kind: SummaryKind | str,
        out: Path,
        options: PrintOptions | None = None,
    ) -> Path:
        return self._renderer.write(self.build(session_id, kind, options), out)

    def _dutch(self) -> Translator:
        return self._translators.dutch()

    # -- the client's summary ------------------------------------------------------------------
    @gated(Permission.PRINT_SUMMARY, None)  # the session was read (and logged) by the caller
    def client(
        self, session: IntakeSession, texts: _Bilingual, options: PrintOptions
    ) -> SummaryDocument:
        sections = [
            self._urgent(session, texts),
            self._done(session, texts),
            *self._debts(session, texts, options),
            self._provisions(session, texts),
            texts.section(H_NEXT, _task_lines(texts, _open(session.next_steps)), "1F463"),
            self._documents(session, texts),
            self._appointment(session, texts),
            self._referrals(session, texts),
            self._language(session, texts),
        ]
        title, dutch_title = texts.both(TITLE)
        return SummaryDocument(
            language=texts.client.code,
            rtl=texts.client.rtl,
            title=title,
            dutch_title=dutch_title,
            subtitle=self._subtitle(session, texts, options, with_code=True),
            sections=tuple(s for s in sections if s is not None and s.lines),
            footer=ATTRIBUTION,
            kind=SummaryKind.CLIENT,
        )

    def _subtitle(
        self, session: IntakeSession, texts: _Bilingual, options: PrintOptions, *, with_code: bool
    ) -> str:
        parts = [texts.fmt.date(options.today or datetime.now(UTC).date())]
        if with_code:
            parts.insert(0, session.code)
        if options.counsellor:
            parts.append(texts.client.format(COUNSELLOR, name=options.counsellor))
        return "  ·  ".join(parts)

    def _urgent(self, session: IntakeSession, texts: _Bilingual) -> SummarySection:
        lines = []
        for urgency in session.urgencies:
            if urgency.resolved:
                continue
            message, pictogram = URGENCY[urgency.type]
            text, dutch = texts.both(message)
            if urgency.deadline:
                when = texts.both(DEADLINE, date=_date_of(urgency.deadline))
                text, dutch = f"{text} {when[0]}", f"{dutch} {when[1]}" if dutch else ""
            lines.append(SummaryLine(text, dutch, pictogram))
        return texts.section(H_URGENT, lines, "26A0", SectionKind.URGENT)

    def _done(self, session: IntakeSession, texts: _Bilingual) -> SummarySection:
        lines = []
        for action in session.actions:
            message, pictogram = ACTION[action.type]
            text, dutch = texts.both(message)
            if action.description:  # the counsellor's own words, in Dutch
                text += f" ({action.description})"
                dutch = f"{dutch} ({action.description})" if dutch else ""
            lines.append(SummaryLine(text, dutch, pictogram))
        return texts.section(H_DONE, lines, "2705")

    def _debts(
        self, session: IntakeSession, texts: _Bilingual, options: PrintOptions
    ) -> list[SummarySection]:
        formal = [d for d in session.debts if d.kind is DebtKind.FORMAL]
        informal = [d for d in session.debts if d.kind is DebtKind.INFORMAL]
        owed = [d for d in informal if d.direction is Direction.OWED_BY_CLIENT]
        lent = [d for d in session.debts if d.direction is Direction.OWED_TO_CLIENT]
        sent = [d for d in session.debts if d.direction is Direction.REMITTANCE]

        formal_lines = []
        for debt in formal:
            label, pictogram = CATEGORY[debt.category or FormalCategory.OTHER]
            text, dutch = texts.both(label)
            if debt.creditor:
                text, dutch = (
                    f"{text}: {debt.creditor}",
                    f"{dutch}: {debt.creditor}" if dutch else "",
                )
            formal_lines.append(SummaryLine(text, dutch, pictogram, texts.debt_amount(debt)))
        sections = [
            texts.section(
                H_FORMAL, [*formal_lines, texts.total(formal)] if formal else [], "1F9FE"
            ),
            texts.section(H_INFORMAL, self._informal_lines(texts, owed), "1F91D"),
            texts.section(H_LENT, self._informal_lines(texts, lent), "1F4B8"),
        ]
        if options.show_remittances:
            sections.append(
                texts.section(
                    H_REMITTANCE, self._informal_lines(texts, sent, monthly=True), "1F30D"
                )
            )
        return sections

    @staticmethod
    def _informal_lines(
        texts: _Bilingual, debts: list[Debt], *, monthly: bool = False
    ) -> list[SummaryLine]:
        debts = printable(debts)  # "privé houden": never on paper (issue 21)
        if not debts:
            return []
        lines = []
        for debt in debts:
            text, dutch = texts.both(RELATIONSHIP[debt.relationship or Relationship.OTHER])
            if debt.country:
                text, dutch = (
                    f"{text} ({debt.country})",
                    f"{dutch} ({debt.country})" if dutch else "",
                )
            for mark, dutch_mark in client_marks(texts.both, debt):  # deadline, disputed
                text, dutch = f"{text}, {mark}", f"{dutch}, {dutch_mark}" if dutch else ""
            lines.append(SummaryLine(text, dutch, "1F465", texts.debt_amount(debt)))
        all_monthly = monthly and all(d.monthly for d in debts)
        return [*lines, texts.total(debts, monthly=all_monthly)]

    def _provisions(self, session: IntakeSession, texts: _Bilingual) -> SummarySection:
        lines = []
        for check in session.provisions:
            if check.status not in PROVISION_STATUS:
                continue
            label, pictogram = PROVISION.get(check.provision_id, (check.provision_id, "1F4CB"))
            name, name_nl = texts.both(label)
            status, status_nl = texts.both(PROVISION_STATUS[check.status])
            parts, parts_nl = [f"{name}: {status}."], [f"{name_nl}: {status_nl}."]
            if check.owner:
                who = texts.both(WHO, who=_owner_of(texts, check.owner))
                parts.append(who[0])
                parts_nl.append(who[1])
            if check.due:
                when = texts.both(WHEN, date=_date_of(check.due))
                parts.append(when[0])
                parts_nl.append(when[1])
            dutch = " ".join(parts_nl) if texts.bilingual else ""
            lines.append(SummaryLine(" ".join(parts), dutch, pictogram))
        return texts.section(H_PROVISIONS, lines, "1F4CB")

    @staticmethod
    def _documents(session: IntakeSession, texts: _Bilingual) -> SummarySection:
        answer = session.answers.get("documents_to_bring")
        lines = []
        if answer is not None and answer.state is AnswerState.ANSWERED:
            for option in answer.value:
                if option in DOCUMENTS:
                    label, pictogram = DOCUMENTS[option]
                    lines.append(texts.line(label, pictogram))
        return texts.section(H_DOCUMENTS, lines, "1F4C1")

    @staticmethod
    def _appointment(session: IntakeSession, texts: _Bilingual) -> SummarySection:
        """The next appointment, and how we keep in touch (e.g. no post to the home)."""
        lines = []
        if session.next_appointment:
            moment = session.next_appointment
            lines.append(
                SummaryLine(
                    texts.fmt.datetime(moment),
                    texts.fmt_nl.datetime(moment) if texts.bilingual else "",
                    "1F4C5",
                )
            )
        answer = session.answers.get("preferred_channel")
        if answer is not None and answer.state is AnswerState.ANSWERED:
            for option in answer.value:
                if option in CHANNEL:
                    message, pictogram = CHANNEL[option]
                    lines.append(texts.line(message, pictogram))
        return texts.section(H_APPOINTMENT, lines, "1F4C5")

    @staticmethod
    def _referrals(session: IntakeSession, texts: _Bilingual) -> SummarySection:
        lines = []
        for referral in session.referrals:
            if referral.status is not ReferralStatus.PLANNED:
                continue
            text = dutch = referral.organisation_name
            if referral.appointment:
                text += f" · {texts.fmt.datetime(referral.appointment)}"
                dutch += f" · {texts.fmt_nl.datetime(referral.appointment)}"
            if referral.accompanied_by:
                who = texts.both(WITH, name=referral.accompanied_by)
                text, dutch = f"{text}. {who[0]}", f"{dutch}. {who[1]}"
            lines.append(SummaryLine(text, dutch if texts.bilingual else "", "1F3E2"))
        return texts.section(H_REFERRAL, lines, "1F3E2")

    @staticmethod
    def _language(session: IntakeSession, texts: _Bilingual) -> SummarySection:
        answer = session.answers.get("interpreter_mode")
        lines = []
        if answer is not None and answer.state is AnswerState.ANSWERED and answer.value:
            message = INTERPRETER.get(answer.value[0])
            if message:
                lines.append(texts.line(message, "1F5E3"))
        return texts.section(H_LANGUAGE, lines, "1F5E3")

    # -- the discreet summary (GEN-05) ----------------------------------------------------------
    @gated(Permission.PRINT_SUMMARY, None)
    def discreet(
        self, session: IntakeSession, texts: _Bilingual, options: PrintOptions
    ) -> SummaryDocument:
        own = [s for s in _open(session.next_steps) if s.owner in (Owner.CLIENT, Owner.TOGETHER)]
        redact = _redactor(session)
        sections = [
            texts.section(H_NEXT, _task_lines(texts, own, redact=redact), "1F463"),
            self._appointment(session, texts),
        ]
        title, dutch_title = texts.both(DISCREET_TITLE)
        return SummaryDocument(
            language=texts.client.code,
            rtl=texts.client.rtl,
            title=title,
            dutch_title=dutch_title,
            subtitle=self._subtitle(session, texts, options, with_code=False),
            sections=tuple(s for s in sections if s.lines),
            footer=ATTRIBUTION,
            kind=SummaryKind.DISCREET,
        )

    # -- the handover letter (section 7.3) ------------------------------------------------------
    @gated(Permission.PRINT_HANDOVER, None)
    def handover(self, session: IntakeSession, options: PrintOptions) -> SummaryDocument:
        formal_ok = session.consent(ConsentPurpose.HANDOVER_FORMAL)
        informal_ok = session.consent(ConsentPurpose.SHARING_INFORMAL)
        if not (formal_ok or informal_ok):
            raise ConsentMissingError(
                N_(
                    "De cliënt heeft geen toestemming gegeven om gegevens te delen. "
                    "De overdracht wordt niet gemaakt."
                )
            )
        informal_debts_ok = session.consent(ConsentPurpose.INFORMAL_DEBTS_IN_HANDOVER)
        fmt = Formatter(SOURCE_LANGUAGE)
        # Without consent for formal debts, creditor names and amounts leave free texts too.
        redact = (lambda text: text) if formal_ok else _redactor(session)
        today = options.today or datetime.now(UTC).date()
        left_out: list[str] = []

        def line(
            text: str, pictogram: str = "", amount: str = "", total: bool = False
        ) -> SummaryLine:
            return SummaryLine(text, "", pictogram, amount, total)

        sender = [line(f"Datum: {fmt.date(today)}"), line(f"Gesprekscode: {session.code}")]
        if options.place:
            sender.append(line(f"Plaats: {options.place}"))
        if options.counsellor or options.role:
            who = ", ".join(p for p in (options.counsellor, options.role) if p)
            sender.append(line(f"Afzender: {who}"))
        if options.organisation:
            sender.append(line(f"Organisatie: {options.organisation}"))
        if session.follow_up_date:
            sender.append(line(f"Wij nemen contact op rond: {fmt.date(session.follow_up_date)}"))

        receiving = []
        for referral in session.referrals:
            if referral.status is not ReferralStatus.PLANNED:
                continue
            text = referral.organisation_name + (" (warme overdracht)" if referral.warm else "")
            if referral.appointment:
                text += f". Afspraak: {fmt.datetime(referral.appointment)}"
            if referral.accompanied_by:
                text += f". Gaat mee: {referral.accompanied_by}"
            receiving.append(line(text, "1F3E2"))

        question = []
        primary = _option_texts(session, "primary_question")
        if primary:
            question.append(line("Eigen vraag van de cliënt: " + ", ".join(primary)))
        if informal_ok:
            behind = _option_texts(session, "life_domains")
            if behind:
                question.append(line("Speelt ook mee: " + ", ".join(behind)))
        elif session.answers.get("life_domains"):
            left_out.append("de vraag achter de vraag")

        urgent = []
        for urgency in session.urgencies:
            if urgency.resolved:
                continue
            text = _HANDOVER_URGENCY[urgency.type]
            if urgency.deadline:
                text += f", uiterlijk {fmt.date(urgency.deadline)}"
            urgent.append(line(text, "26A0"))

        done = []
        for action in session.actions:
            text = fmt.date(action.at.date()) + ": " + ACTION[action.type][0]
            if action.description:
                text += f" ({redact(action.description)})"
            done.append(line(text, ACTION[action.type][1]))

        formal_lines = []
        formal = [d for d in session.debts if d.kind is DebtKind.FORMAL]
        if formal and formal_ok:
            for debt in formal:
                label = CATEGORY[debt.category or FormalCategory.OTHER][0]
                text = f"{debt.creditor or label} ({label.lower()}), {_DEBT_STATUS[debt.status]}"
                if debt.deadline:
                    text += f", termijn {fmt.date(debt.deadline)}"
                formal_lines.append(line(text, "", _nl_amount(fmt, debt)))
            cents, approximate, unknown = _sum(formal)
            total = "Totaal" + (" (bekende bedragen)" if unknown else "")
            amount = ("ongeveer " if approximate else "") + fmt.money(cents)
            formal_lines.append(line(total, "", amount, True))
        elif formal:
            left_out.append("schulden bij bedrijven en instanties")

        informal_sections: list[SummarySection] = []
        informal = [d for d in session.debts if d.kind is DebtKind.INFORMAL]
        shareable = [
            d
            for d in informal
            if informal_debts_ok and d.consent_handover and d.wish is not Wish.KEEP_PRIVATE
        ]
        if len(shareable) < len(informal):
            left_out.append("(een deel van) het geld tussen mensen")
        for heading, direction in (
            ("Geleend van familie, vrienden of gemeenschap", Direction.OWED_BY_CLIENT),
            ("Zelf uitgeleend", Direction.OWED_TO_CLIENT),
            ("Geld naar familie (in het buitenland)", Direction.REMITTANCE),
            ("Giften", Direction.GIFT),
        ):
            group = [d for d in shareable if d.direction is direction]
            if not group:
                continue
            lines = []
            for debt in group:
                relation = RELATIONSHIP[debt.relationship or Relationship.OTHER]
                text = relation + (f", {debt.country}" if debt.country else "")
                pressed = debt.pressure in (Pressure.SOME, Pressure.HIGH)
                if pressed and debt.direction is Direction.OWED_BY_CLIENT:
                    text += ", er is druk om terug te betalen"
                text = ", ".join([text, *handover_marks(debt)])  # issue 21, with consent
                lines.append(line(text, "1F465", _nl_amount(fmt, debt)))
            cents, approximate, unknown = _sum(group)
            total = "Totaal" + (" (bekende bedragen)" if unknown else "")
            amount = ("ongeveer " if approximate else "") + fmt.money(cents)
            if all(d.monthly for d in group):
                amount += " per maand"
            lines.append(line(total, "", amount, True))
            informal_sections.append(SummarySection(heading, tuple(lines), pictogram="1F91D"))

        provisions = [
            line(
                f"{PROVISION.get(c.provision_id, (c.provision_id, ''))[0]}: "
                f"{_PROVISION_STATUS_NL[c.status]}"
                + (f", wie: {OWNER[c.owner].lower()}" if c.owner else "")
                + (f", vóór {fmt.date(c.due)}" if c.due else "")
            )
            for c in session.provisions
        ]

        communication = [
            line(f"Taal van de cliënt: {language(session.client_language).dutch_name}")
        ]
        for card, label in (("interpreter_mode", "Tolk"), ("preferred_channel", "Contact")):
            values = _option_texts(session, card)
            if values:
                communication.append(line(f"{label}: " + ", ".join(values)))
        preferences = [
            line(text)
            for card in ("counsellor_gender_preference", "own_community_preference")
            for text in _option_texts(session, card)
        ]

        steps = []
        for step in _open(session.next_steps):
            owner = {
                Owner.CLIENT: "cliënt",
                Owner.COUNSELLOR: "hulpverlener",
                Owner.TOGETHER: "samen",
                Owner.OTHER: "anders",
            }[step.owner]
            when = f", vóór {fmt.date(step.due)}" if step.due else ""
            steps.append(line(f"{redact(step.what)} (wie: {owner}{when})"))

        not_shared = [line(f"Niet gedeeld op verzoek van de cliënt: {item}.") for item in left_out]

        def section(heading: str, lines: list[SummaryLine], pictogram: str = "") -> SummarySection:
            return SummarySection(heading, tuple(lines), pictogram=pictogram)

        sections = [
            section("Afzender en gesprek", sender),
            section("Ontvangende organisatie en afspraak", receiving, "1F3E2"),
            section("Vraag van de cliënt", question, "1F4AC"),
            SummarySection("Dringend", tuple(urgent), kind=SectionKind.URGENT, pictogram="26A0"),
            section("Ter plekke gedaan", done, "2705"),
            section("Schulden bij bedrijven en instanties", formal_lines, "1F9FE"),
            *informal_sections,
            section("Regelingen", provisions, "1F4CB"),
            section("Communicatie", communication, "1F5E3"),
            section("Voorkeuren", preferences),
            section("Volgende stappen", steps, "1F463"),
            section("Niet gedeeld", not_shared),
        ]
        return SummaryDocument(
            language=SOURCE_LANGUAGE,
            rtl=False,
            title="Warme overdracht",
            subtitle="Vertrouwelijk. Alleen met toestemming van de cliënt gedeeld.",
            sections=tuple(s for s in sections if s.lines),
            footer=ATTRIBUTION,
            kind=SummaryKind.HANDOVER,
        )


def _open(steps: Iterable[NextStep]) -> list[NextStep]:
    return [step for step in steps if not step.done]


def _nl_amount(fmt: Formatter, debt: Debt) -> str:
    if debt.amount is None:
        return "onbekend"
    text = ("ongeveer " if debt.amount.approximate else "") + fmt.money(debt.amount.cents)
    return text + (" per maand" if debt.monthly else "")


def _option_texts(session: IntakeSession, card_id: str) -> list[str]:
    answer = session.answers.get(card_id)
    if answer is None or answer.state is not AnswerState.ANSWERED:
        return []
    labels = _OPTION_NL.get(card_id, {})
    return [labels[value] for value in answer.value if value in labels]


def _redactor(session: IntakeSession) -> Callable[[str], str]:
    """For the discreet print: take creditor names and amounts out of task texts."""
    names = sorted(
        {d.creditor.strip() for d in session.debts if d.creditor.strip()}, key=len, reverse=True
    )
    pattern = re.compile("|".join(re.escape(n) for n in names), re.I) if names else None

    def redact(text: str) -> str:
        if pattern is not None:
            text = pattern.sub("…", text)
        return _MONEY_LIKE.sub("…", text)

    return redact
