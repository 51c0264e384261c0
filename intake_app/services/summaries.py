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

from datetime import UTC, datetime
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
    Owner,
    ReferralStatus,
    Relationship,
)
from intake_app.core.model import (  # tests and callers name these through this module
    NextStep as NextStep,
)
from intake_app.core.model import (
    UrgencyType as UrgencyType,
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
from intake_app.i18n.translator import Translator, Translators

# Texts and shared helpers live in summary_texts; re-exported names are used by callers.
from intake_app.services.access import Access
from intake_app.services.debt_marks import client_marks, printable
from intake_app.services.gate import gated, public
from intake_app.services.handover_letter import handover_document
from intake_app.services.network_map import NetworkMapPrinting
from intake_app.services.print_choices import honour
from intake_app.services.summary_bilingual import (
    Bilingual,
    date_of,
    owner_of,
    task_lines,
    translated,
)
from intake_app.services.summary_texts import (
    ACTION,
    CATEGORY,
    CHANNEL,
    COUNSELLOR,
    DEADLINE,
    DISCREET_TITLE,
    DOCUMENTS,
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
    PICTOGRAMS,
    PROVISION,
    PROVISION_STATUS,
    RESOLVED,
    STILL_OPEN,
    TITLE,
    URGENCY,
    URGENCY_TOPIC,
    WHEN,
    WHO,
    WITH,
    moment,
    open_steps,
    redactor,
    unit,
)
from intake_app.services.summary_texts import (
    EXPLAINED_ORALLY as EXPLAINED_ORALLY,
)
from intake_app.services.summary_texts import (
    RELATIONSHIP as RELATIONSHIP,
)
from intake_app.services.summary_texts import (
    TOTAL as TOTAL,  # re-exported with the other texts for tests and callers
)
from intake_app.services.summary_texts import (
    ConsentMissingError as ConsentMissingError,
)
from intake_app.services.summary_texts import (
    PrintOptions as PrintOptions,
)


class UnknownSummaryKindError(IntakeError):
    """Asked for a document kind that does not exist."""


class SummaryService(NetworkMapPrinting):  # + the network map paper (INT-17)
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
        # The session's stored print choices and discretion (issue 21) fill in the rest.
        options = honour(session, chosen, options or PrintOptions(), self._access)
        texts = Bilingual(self._translators.get(session.client_language), self._dutch())
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
        self, session: IntakeSession, texts: Bilingual, options: PrintOptions
    ) -> SummaryDocument:
        sections = [
            self._urgent(session, texts),
            self._done(session, texts),
            *self._debts(session, texts, options),
            self._provisions(session, texts),
            texts.section(H_NEXT, task_lines(texts, open_steps(session.next_steps)), "1F463"),
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
        self, session: IntakeSession, texts: Bilingual, options: PrintOptions, *, with_code: bool
    ) -> str:
        parts = [unit(texts.fmt.date(options.today or datetime.now(UTC).date()))]
        if with_code:
            parts.insert(0, session.code)
        if options.counsellor:
            parts.append(texts.client.format(COUNSELLOR, name=unit(options.counsellor)))
        return "  ·  ".join(parts)

    def _urgent(self, session: IntakeSession, texts: Bilingual) -> SummarySection:
        """The state of each urgency: what is still open and by when, what is settled, and
        what was done today. A settled threat is never printed as a warning."""
        lines = []
        for urgency in sorted(session.urgencies, key=lambda u: u.resolved):
            if urgency.resolved:
                topic = translated(texts, URGENCY_TOPIC[urgency.type])
                text, dutch = texts.both(RESOLVED, topic=topic)
                lines.append(SummaryLine(text, dutch, "2705"))
                continue
            message, pictogram = URGENCY[urgency.type]
            parts = [texts.both(message), texts.both(STILL_OPEN)]
            if urgency.deadline:
                parts.append(texts.both(DEADLINE, date=date_of(urgency.deadline)))
            text = " ".join(client for client, _dutch in parts)
            dutch = " ".join(dutch for _client, dutch in parts) if texts.bilingual else ""
            lines.append(SummaryLine(text, dutch, pictogram))
        if lines:
            for line in self._action_lines(session, texts):
                heading, dutch_heading = texts.both(H_DONE)
                dutch = f"{dutch_heading}: {line.dutch}" if line.dutch else ""
                lines.append(SummaryLine(f"{heading}: {line.text}", dutch, line.pictogram))
        return texts.section(H_URGENT, lines, "26A0", SectionKind.URGENT)

    def _done(self, session: IntakeSession, texts: Bilingual) -> SummarySection:
        """What was done today; inside the urgent block instead when there is one."""
        if session.urgencies:
            return texts.section(H_DONE, [], "2705")
        return texts.section(H_DONE, self._action_lines(session, texts), "2705")

    @staticmethod
    def _action_lines(session: IntakeSession, texts: Bilingual) -> list[SummaryLine]:
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
        self, session: IntakeSession, texts: Bilingual, options: PrintOptions
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
        texts: Bilingual, debts: list[Debt], *, monthly: bool = False
    ) -> list[SummaryLine]:
        debts = printable(debts)  # "privé houden": never on paper (issue 21)
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
            for mark, dutch_mark in client_marks(texts.both, debt):  # deadline, disputed
                text, dutch = f"{text}, {mark}", f"{dutch}, {dutch_mark}" if dutch else ""
            amount, own = texts.debt_amount(debt)
            lines.append(SummaryLine(text, dutch, "1F465", amount, amount_own=own))
        all_monthly = monthly and all(d.monthly for d in debts)
        return [*lines, texts.total(debts, monthly=all_monthly)]

    def _provisions(self, session: IntakeSession, texts: Bilingual) -> SummarySection:
        lines = []
        for check in session.provisions:
            if check.status not in PROVISION_STATUS:
                continue
            label, pictogram = PROVISION.get(check.provision_id, (check.provision_id, "1F4CB"))
            name, name_nl = texts.both(label)
            status, status_nl = texts.both(PROVISION_STATUS[check.status])
            parts, parts_nl = [f"{name}: {status}."], [f"{name_nl}: {status_nl}."]
            if check.owner:
                who = texts.both(WHO, who=owner_of(texts, check.owner))
                parts.append(who[0])
                parts_nl.append(who[1])
            if check.due:
                when = texts.both(WHEN, date=date_of(check.due))
                parts.append(when[0])
                parts_nl.append(when[1])
            dutch = " ".join(parts_nl) if texts.bilingual else ""
            lines.append(SummaryLine(" ".join(parts), dutch, pictogram))
        return texts.section(H_PROVISIONS, lines, "1F4CB")

    @staticmethod
    def _documents(session: IntakeSession, texts: Bilingual) -> SummarySection:
        answer = session.answers.get("documents_to_bring")
        lines = []
        if answer is not None and answer.state is AnswerState.ANSWERED:
            for option in answer.value:
                if option in DOCUMENTS:
                    label, pictogram = DOCUMENTS[option]
                    lines.append(texts.line(label, pictogram))
        return texts.section(H_DOCUMENTS, lines, "1F4C1")

    @staticmethod
    def _appointment(session: IntakeSession, texts: Bilingual) -> SummarySection:
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
    def _referrals(session: IntakeSession, texts: Bilingual) -> SummarySection:
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
    def _language(session: IntakeSession, texts: Bilingual) -> SummarySection:
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
        self, session: IntakeSession, texts: Bilingual, options: PrintOptions
    ) -> SummaryDocument:
        own = [
            s for s in open_steps(session.next_steps) if s.owner in (Owner.CLIENT, Owner.TOGETHER)
        ]
        redact = redactor(session)
        sections = [
            texts.section(H_NEXT, task_lines(texts, own, redact=redact), "1F463"),
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
    @gated(Permission.PRINT_HANDOVER, None)
    def handover(self, session: IntakeSession, options: PrintOptions) -> SummaryDocument:
        return handover_document(session, options)
