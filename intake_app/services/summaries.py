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

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from intake_app.content.pictograms import ATTRIBUTION
from intake_app.core.errors import IntakeError
from intake_app.core.model import (
    AnswerState,
    Debt,
    DebtKind,
    Direction,
    FormalCategory,
    IntakeSession,
    NextStep,
    Owner,
    ReferralStatus,
    Relationship,
)
from intake_app.core.model import (
    UrgencyType as UrgencyType,  # tests and callers name it through this module
)
from intake_app.core.ports import DocumentRenderer, SessionRepository
from intake_app.core.summary import (
    SectionKind,
    SummaryDocument,
    SummaryKind,
    SummaryLine,
    SummarySection,
)
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.languages import SOURCE_LANGUAGE
from intake_app.i18n.translator import Translator, Translators

# Texts and shared helpers live in summary_texts; re-exported names are used by callers.
from intake_app.services.handover_letter import handover_document
from intake_app.services.summary_texts import (
    ABOUT,
    ACTION,
    CATEGORY,
    CHANNEL,
    COUNSELLOR,
    DEADLINE,
    DISCREET_TITLE,
    DOCUMENTS,
    DOUBLE_STOP,
    EXPLAINED_ORALLY,
    H_APPOINTMENT,
    H_DOCUMENTS,
    H_DONE,
    H_FORMAL,
    H_INFORMAL,
    H_LANGUAGE,
    H_LENT,
    H_NEXT,
    H_PROVISIONS,
    H_REFERRAL,
    H_REMITTANCE,
    H_URGENT,
    INTERPRETER,
    OWNER,
    PER_MONTH,
    PICTOGRAMS,
    PROVISION,
    PROVISION_STATUS,
    RESOLVED,
    STILL_OPEN,
    TITLE,
    TOTAL,
    TOTAL_KNOWN,
    UNKNOWN_AMOUNT,
    URGENCY,
    URGENCY_TOPIC,
    WHEN,
    WHO,
    WITH,
    moment,
    open_steps,
    redactor,
    sum_debts,
    unit,
)
from intake_app.services.summary_texts import (
    RELATIONSHIP as RELATIONSHIP,
)
from intake_app.services.summary_texts import (
    ConsentMissingError as ConsentMissingError,
)
from intake_app.services.summary_texts import (
    PrintOptions as PrintOptions,
)


class UnknownSummaryKindError(IntakeError):
    """Asked for a document kind that does not exist."""


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
            return DOUBLE_STOP.sub(r".\1", translator.format(message, **values))

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

    def money(
        self, cents: int, *, approximate: bool = False, monthly: bool = False
    ) -> tuple[str, str]:
        """(Dutch notation in the client's words, the client's own notation if it differs).

        "€2,590.00" reads as two euros fifty-nine to a Dutch creditor: Dutch comes first.
        """

        def words(amount: str) -> str:
            amount = unit(amount)
            if monthly:
                amount = self.client.format(PER_MONTH, amount=amount)
            if approximate:
                amount = self.client.format(ABOUT, amount=amount)
            return amount

        dutch, own = self.fmt_nl.money(cents), self.fmt.money(cents)
        return words(dutch), "" if own == dutch else words(own)

    def debt_amount(self, debt: Debt) -> tuple[str, str]:
        if debt.amount is None:
            return self.client.gettext(UNKNOWN_AMOUNT), ""
        return self.money(
            debt.amount.cents, approximate=debt.amount.approximate, monthly=debt.monthly
        )

    def total(self, debts: list[Debt], *, monthly: bool = False) -> SummaryLine:
        cents, approximate, unknown = sum_debts(debts)
        text, dutch = self.both(TOTAL_KNOWN if unknown else TOTAL)
        amount, own = self.money(cents, approximate=approximate, monthly=monthly)
        return SummaryLine(text, dutch, "", amount, True, own)

    def oral(self, free_text: str) -> str:
        """The note, in the client's language, that Dutch free text on a translated paper was
        explained by word of mouth (COM-08); empty where it is not needed."""
        if not self.bilingual or not free_text or not _dutch_looking(free_text, self.client.code):
            return ""
        return " " + self.client.gettext(EXPLAINED_ORALLY)


# Letters of the client's own script: text holding them was not typed in Dutch.
_SCRIPT = {
    "ar": ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFEFF)),
    "fa_AF": ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFEFF)),
    "ti": ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)),
    "uk": ((0x0400, 0x052F),),
}


def _dutch_looking(text: str, language: str) -> bool:
    ranges = _SCRIPT.get(language, ())
    return any(c.isalpha() for c in text) and not any(
        low <= ord(c) <= high for c in text for low, high in ranges
    )


def _task_lines(
    texts: _Bilingual, steps: Iterable[NextStep], *, redact: Callable[[str], str] | None = None
) -> list[SummaryLine]:
    lines = []
    for step in steps:
        what = redact(step.what) if redact else step.what
        # Free text is one unit: a Dutch task naming an Arabic creditor reads as one sentence.
        # Its full stop stays outside, with the sentence around it.
        stop = "" if not what or what.endswith((".", "!", "?", "…")) else "."
        oral = texts.oral(what)
        what = unit(what) + stop
        who = texts.both(WHO, who=_owner_of(texts, step.owner))
        parts = [what + oral, who[0]]
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


def _translated(texts: _Bilingual, message: str) -> Callable[[Formatter], str]:
    """A msgid as a parameter: client's language in the client's line, Dutch in the Dutch."""

    def text(formatter: Formatter) -> str:
        translator = texts.client if formatter is texts.fmt else texts.dutch
        return translator.gettext(message)

    return text


def _date_of(value: date) -> Callable[[Formatter], str]:
    return lambda formatter: unit(formatter.date(value))


class SummaryService:
    def __init__(
        self,
        sessions: SessionRepository,
        translators: Translators,
        renderer: DocumentRenderer,
        on_printed: Callable[[int, str], None] | None = None,  # audit: (session id, kind)
    ) -> None:
        self._sessions = sessions
        self._translators = translators
        self._renderer = renderer
        self._on_printed = on_printed

    # -- entry points for ui and cli ---------------------------------------------------------
    def build(
        self, session_id: int, kind: SummaryKind | str, options: PrintOptions | None = None
    ) -> SummaryDocument:
        try:
            chosen = SummaryKind(kind)
        except ValueError:
            raise UnknownSummaryKindError(
                "Dit soort samenvatting bestaat niet: {kind}.", kind=kind
            ) from None
        session = self._sessions.get_session(session_id)
        options = options or PrintOptions()
        if self._on_printed is not None:
            # Every document made for preview, print or file is a disclosure worth logging.
            self._on_printed(session_id, chosen.value)
        if chosen is SummaryKind.HANDOVER:
            return self.handover(session, options)
        texts = _Bilingual(self._translators.get(session.client_language), self._dutch())
        if chosen is SummaryKind.DISCREET:
            return self.discreet(session, texts, options)
        return self.client(session, texts, options)

    def render(
        self, session_id: int, kind: SummaryKind | str, options: PrintOptions | None = None
    ) -> bytes:
        return self._renderer.render(self.build(session_id, kind, options))

    def warm_up(self) -> None:
        """Prepare the first print (fonts, PDF libraries, pictograms); call off the GUI thread."""
        self._renderer.warm_up(PICTOGRAMS)

    def render_document(self, document: SummaryDocument) -> bytes:
        """Only the layout: safe to run off the GUI thread (no database access)."""
        return self._renderer.render(document)

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
    def client(
        self, session: IntakeSession, texts: _Bilingual, options: PrintOptions
    ) -> SummaryDocument:
        sections = [
            self._urgent(session, texts),
            self._done(session, texts),
            *self._debts(session, texts, options),
            self._provisions(session, texts),
            texts.section(H_NEXT, _task_lines(texts, open_steps(session.next_steps)), "1F463"),
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
        parts = [unit(texts.fmt.date(options.today or datetime.now(UTC).date()))]
        if with_code:
            parts.insert(0, session.code)
        if options.counsellor:
            parts.append(texts.client.format(COUNSELLOR, name=unit(options.counsellor)))
        return "  ·  ".join(parts)

    def _urgent(self, session: IntakeSession, texts: _Bilingual) -> SummarySection:
        """The state of each urgency: what is still open and by when, what is settled, and
        what was done today. A settled threat is never printed as a warning."""
        lines = []
        for urgency in sorted(session.urgencies, key=lambda u: u.resolved):
            if urgency.resolved:
                topic = _translated(texts, URGENCY_TOPIC[urgency.type])
                text, dutch = texts.both(RESOLVED, topic=topic)
                lines.append(SummaryLine(text, dutch, "2705"))
                continue
            message, pictogram = URGENCY[urgency.type]
            parts = [texts.both(message), texts.both(STILL_OPEN)]
            if urgency.deadline:
                parts.append(texts.both(DEADLINE, date=_date_of(urgency.deadline)))
            text = " ".join(client for client, _dutch in parts)
            dutch = " ".join(dutch for _client, dutch in parts) if texts.bilingual else ""
            lines.append(SummaryLine(text, dutch, pictogram))
        if lines:
            for line in self._action_lines(session, texts):
                heading, dutch_heading = texts.both(H_DONE)
                dutch = f"{dutch_heading}: {line.dutch}" if line.dutch else ""
                lines.append(SummaryLine(f"{heading}: {line.text}", dutch, line.pictogram))
        return texts.section(H_URGENT, lines, "26A0", SectionKind.URGENT)

    def _done(self, session: IntakeSession, texts: _Bilingual) -> SummarySection:
        """What was done today; inside the urgent block instead when there is one."""
        if session.urgencies:
            return texts.section(H_DONE, [], "2705")
        return texts.section(H_DONE, self._action_lines(session, texts), "2705")

    @staticmethod
    def _action_lines(session: IntakeSession, texts: _Bilingual) -> list[SummaryLine]:
        lines = []
        for action in session.actions:
            message, pictogram = ACTION[action.type]
            text, dutch = texts.both(message)
            if action.description:  # the counsellor's own words, in Dutch
                free = unit(action.description)
                text += f" ({free}){texts.oral(action.description)}"
                dutch = f"{dutch} ({free})" if dutch else ""
            lines.append(SummaryLine(text, dutch, pictogram))
        return lines

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
                    f"{text}: {unit(debt.creditor)}",
                    f"{dutch}: {unit(debt.creditor)}" if dutch else "",
                )
            amount, own = texts.debt_amount(debt)
            formal_lines.append(SummaryLine(text, dutch, pictogram, amount, amount_own=own))
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
        if not debts:
            return []
        lines = []
        for debt in debts:
            text, dutch = texts.both(RELATIONSHIP[debt.relationship or Relationship.OTHER])
            if debt.country:
                text, dutch = (
                    f"{text} ({unit(debt.country)})",
                    f"{dutch} ({unit(debt.country)})" if dutch else "",
                )
            amount, own = texts.debt_amount(debt)
            lines.append(SummaryLine(text, dutch, "1F465", amount, amount_own=own))
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
            when = session.next_appointment
            lines.append(
                SummaryLine(
                    moment(texts.fmt, when),
                    moment(texts.fmt_nl, when) if texts.bilingual else "",
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
            text = dutch = unit(referral.organisation_name)
            if referral.appointment:
                text += f" · {unit(moment(texts.fmt, referral.appointment))}"
                dutch += f" · {unit(moment(texts.fmt_nl, referral.appointment))}"
            if referral.accompanied_by:
                who = texts.both(WITH, name=unit(referral.accompanied_by))
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
    def discreet(
        self, session: IntakeSession, texts: _Bilingual, options: PrintOptions
    ) -> SummaryDocument:
        own = [
            s for s in open_steps(session.next_steps) if s.owner in (Owner.CLIENT, Owner.TOGETHER)
        ]
        redact = redactor(session)
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

    # -- the handover letter (section 7.3): Dutch, for the receiving professional ----------------
    @staticmethod
    def handover(session: IntakeSession, options: PrintOptions) -> SummaryDocument:
        return handover_document(session, options)
