"""The client's own papers, for ``SummaryService``: the client summary (requirements.md
section 7.4) and the discreet summary (GEN-05).

``ClientSummaries`` is a mixin of ``SummaryService`` (like network_map.py), split off from
summaries.py along the kind of document: everything here is in the client's language with
Dutch alongside and reads only what the client may take home; the handover letter, the
recap and the information sheets stay in summaries.py.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from intake_app.content.pictograms import ATTRIBUTION
from intake_app.core.flow import Flow
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
from intake_app.core.security import Permission
from intake_app.core.summary import (
    SectionKind,
    SummaryDocument,
    SummaryKind,
    SummaryLine,
    SummarySection,
)

# Texts and shared helpers live in summary_texts; re-exported names are used by callers.
from intake_app.services.debt_marks import client_marks, printable
from intake_app.services.gate import gated
from intake_app.services.summary_bilingual import (
    Bilingual,
    date_of,
    owner_of,
    task_lines,
    translated,
)
from intake_app.services.summary_closing import (
    expectations_section,
    question_section,
    word_of_mouth_section,
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


class ClientSummaries:
    """Mixin of ``SummaryService``: the client summary and the discreet summary."""

    _flow: Flow | None

    if TYPE_CHECKING:  # provided by SummaryService

        def organisation_phone(self) -> str: ...

    @gated(Permission.PRINT_SUMMARY, None)  # the session was read (and logged) by the caller
    def client(
        self, session: IntakeSession, texts: Bilingual, options: PrintOptions
    ) -> SummaryDocument:
        phone = self.organisation_phone()
        sections = [
            self._urgent(session, texts),
            question_section(session, texts, self._flow),
            self._done(session, texts),
            *self._debts(session, texts, options),
            self._provisions(session, texts),
            texts.section(H_NEXT, task_lines(texts, open_steps(session.next_steps)), "1F463"),
            self._documents(session, texts),
            self._appointment(session, texts),
            self._referrals(session, texts),
            self._language(session, texts),
            # Said at the start and again at the end, and taken home (INT-18, INT-24).
            expectations_section(session, texts, options.counsellor),
            word_of_mouth_section(texts, phone),
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
