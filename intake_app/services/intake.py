"""IntakeService: start, resume and run sessions through the flow (printing: summaries.py).

Each method that changes something stores it (committed) and returns the new
``SessionState`` with ``changed`` naming what changed, so views refresh only that.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime

from intake_app.core.directory import Organisation
from intake_app.core.engine import IntakeEngine
from intake_app.core.errors import IntakeError
from intake_app.core.flow import AnswerKind, Card, Flow, RecordKind
from intake_app.core.model import (
    Answer,
    AnswerState,
    Consent,
    ConsentPurpose,
    Debt,
    DebtKind,
    FormalCategory,
    IntakeSession,
    NextStep,
    Note,
    OnTheSpotAction,
    PhaseStatus,
    ProvisionCheck,
    Referral,
    SessionStatus,
    Urgency,
    UrgencyType,
)
from intake_app.core.ports import SessionRepository
from intake_app.core.security import AuditAction, Permission
from intake_app.i18n.languages import SOURCE_LANGUAGE, is_known
from intake_app.i18n.translator import N_
from intake_app.services.access import Access
from intake_app.services.aftercare import (
    TOO_MANY_REFERRALS,
    AftercareOperations,
    too_many_referrals,
)
from intake_app.services.conversation_choices import ConversationChoices
from intake_app.services.directory import DirectoryService
from intake_app.services.dto import AnswerView, SessionListItem, SessionPage, SessionState
from intake_app.services.gate import gated

URGENCY_OPTIONS = {
    "eviction": UrgencyType.EVICTION,
    "disconnection": UrgencyType.DISCONNECTION,
    "bailiff": UrgencyType.BAILIFF,
}
INTERPRETING_RELATIVES = {"family_member", "key_person"}
# The question behind the question (INT-11): a signal suggests where help could come from.
LIFE_DOMAIN_REFERRALS = {
    "health": N_("Zorgen over gezondheid: bespreek een verwijzing naar de huisarts of de GGZ."),
    "parenting": N_("Zorgen over opvoeding: het wijkteam of jeugdteam kan meedenken."),
    "caregiving": N_("Zorg voor een ander: vraag naar mantelzorgondersteuning in de gemeente."),
    "safety_at_home": N_(
        "Onveilig thuis: zet de veiligheidsvlag en overleg met Veilig Thuis of een professional."
    ),
    "work_or_course": N_("Werk of taalles: verwijs naar het werkplein, UWV of taalaanbod."),
    "loneliness": N_("Alleen voelen: noem een buurthuis, maatje of zelforganisatie."),
}


def _opens_its_form(card: Card, state: AnswerState, values: tuple[str, ...]) -> bool:
    """A "Ja" on an informal-debt card keeps the card: its form has this card's direction."""
    return (
        state is AnswerState.ANSWERED
        and card.records is RecordKind.INFORMAL_DEBTS
        and "yes" in values
    )


def _now() -> datetime:
    return datetime.now(UTC)


class IntakeService(AftercareOperations, ConversationChoices):
    def __init__(
        self,
        sessions: SessionRepository,
        flow: Flow,
        directory: DirectoryService | None = None,
        *,
        access: Access,
    ) -> None:
        # ``sessions`` is the guarded store (services/guarded_sessions.py): it cleans text and
        # writes the "opened"/"changed" lines; the gate here refuses before anything runs.
        self._access = access
        self._sessions = sessions
        self.directory = directory
        self.flow = flow
        self.engine = IntakeEngine(flow)

    # -- sessions ---------------------------------------------------------------------
    @gated(Permission.READ_SESSIONS, None)
    def list_sessions(self) -> list[SessionListItem]:
        return [SessionListItem.of(session) for session in self._sessions.list_sessions()]

    @gated(Permission.WRITE_SESSIONS, AuditAction.CHANGED, in_body=True)
    def start_session(
        self, client_language: str = SOURCE_LANGUAGE, *, practice: bool = False
    ) -> SessionState:
        if not is_known(client_language):
            raise IntakeError("Deze taal kent de app niet: {code}.", code=client_language)
        created = self._sessions.create_session(client_language=client_language, practice=practice)
        first = self.engine.first_card(created)
        self._sessions.update_session(created.id, current_card=first.id if first else None)
        return self.open_session(created.id, changed={"session"})

    @gated(Permission.READ_SESSIONS, None, target="session:{session_id}", in_body=True)
    def open_session(self, session_id: int, *, changed: set[str] | None = None) -> SessionState:
        return self._state(self._sessions.get_session(session_id), changed or set())

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def resume_session(self, session_id: int) -> SessionState:
        """Open for a new visit: count the visit, and continue where it stopped."""
        session = self._sessions.get_session(session_id)
        changes: dict[str, object] = {"status": SessionStatus.ACTIVE}
        if session.status is SessionStatus.PAUSED:
            changes["visit"] = session.visit + 1
        if session.current_card is None:
            resume_at = self.engine.first_open_card(session)
            changes["current_card"] = resume_at.id if resume_at else None
        self._sessions.update_session(session_id, **changes)
        return self.open_session(session_id, changed={"session", "position"})

    @gated(Permission.READ_SESSIONS, None)
    def session_page(
        self, offset: int = 0, limit: int = 50, search: str = "", *, count: bool = False
    ) -> SessionPage:
        """A page of the conversation list (newest first), optionally by code prefix.

        One row more than asked tells whether another page exists, so the list never counts
        every session (a scan of 50,000 rows at every unlock); ``count`` asks for the total.
        """
        headers = list(self._sessions.session_page(offset, limit + 1, search))
        total = self._sessions.count_sessions(search) if count else None
        items = tuple(map(SessionListItem.of_header, headers[:limit]))
        return SessionPage(items, offset, len(headers) > limit, total)

    @gated(Permission.READ_SESSIONS, None)
    def latest_unfinished(self) -> SessionListItem | None:
        """The conversation to offer to resume: the logged-in user's last one saved that is
        not finished (never someone else's, issue 20)."""
        header = self._sessions.latest_unfinished()
        return SessionListItem.of_header(header) if header is not None else None

    # -- answering and moving ---------------------------------------------------------
    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def set_client_language(self, session_id: int, client_language: str) -> SessionState:
        """Switch the client's language mid-session; every answer stays as it is."""
        if not is_known(client_language):
            raise IntakeError("Deze taal kent de app niet: {code}.", code=client_language)
        self._sessions.update_session(session_id, client_language=client_language)
        return self.open_session(session_id, changed={"session"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def answer(self, session_id: int, card_id: str, choices: Sequence[str]) -> SessionState:
        """Store the client's choice on ``card_id`` (committed before this returns)."""
        card = self.flow.card(card_id)
        values = self._validated(card, choices)
        state = self._record(session_id, card, AnswerState.ANSWERED, values)
        if card.id == "urgency_check":
            self._sync_urgencies(session_id, values)
            state = self.open_session(session_id, changed=set(state.changed) | {"urgencies"})
        if card.id == "interpreter_mode":  # the card's answer is the interpreter's kind
            self._sessions.update_session(session_id, interpreter_kind=values[0])
            state = self.open_session(session_id, changed=set(state.changed) | {"language"})
        return state

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def decline(self, session_id: int, card_id: str) -> SessionState:
        """'Zeg ik liever niet': recorded as not discussed (INT-12), never as a no."""
        return self._record(session_id, self.flow.card(card_id), AnswerState.NOT_DISCUSSED, ())

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def next(self, session_id: int) -> SessionState:
        """Move on without answering (info cards, or the counsellor moving ahead)."""
        session = self._sessions.get_session(session_id)
        if session.current_card is None:
            return self._state(session, set())
        following = self.engine.next_card(session, session.current_card)
        self._sessions.update_session(session_id, current_card=following.id if following else None)
        return self.open_session(session_id, changed={"position"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def back(self, session_id: int) -> SessionState:
        session = self._sessions.get_session(session_id)
        if session.current_card is None:
            sequence = self.engine.sequence(session)
            previous = sequence[-1] if sequence else None
        else:
            previous = self.engine.previous_card(session, session.current_card)
        if previous is None:
            return self._state(session, set())
        self._sessions.update_session(session_id, current_card=previous.id)
        return self.open_session(session_id, changed={"position"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def go_to(self, session_id: int, card_id: str) -> SessionState:
        session = self._sessions.get_session(session_id)
        card = self.flow.card(card_id)
        if card.id not in {c.id for c in self.engine.sequence(session)}:
            raise IntakeError("Deze kaart is nu niet beschikbaar.")
        self._sessions.update_session(session_id, current_card=card.id)
        return self.open_session(session_id, changed={"position"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def go_to_phase(self, session_id: int, phase_id: str) -> SessionState:
        session = self._sessions.get_session(session_id)
        card = self.engine.first_card_of(session, phase_id)
        if card is None:
            raise IntakeError("Deze fase is nu niet beschikbaar.")
        self._sessions.update_session(session_id, current_card=card.id)
        return self.open_session(session_id, changed={"position"})

    def _validated(self, card: Card, choices: Sequence[str]) -> tuple[str, ...]:
        chosen = tuple(dict.fromkeys(choices))  # keep order, drop repeats
        for choice in chosen:
            card.option(choice)  # raises ContentError on an unknown option
        if card.kind is AnswerKind.INFO:
            raise IntakeError("Bij deze kaart hoort geen antwoord.")
        if card.kind is AnswerKind.CHOICE and len(chosen) != 1:
            raise IntakeError("Kies één antwoord.")
        if card.kind is AnswerKind.MULTI and not chosen:
            raise IntakeError("Kies minstens één antwoord.")
        return chosen

    def _record(
        self, session_id: int, card: Card, state: AnswerState, values: tuple[str, ...]
    ) -> SessionState:
        answer = Answer(card.id, state, values, _now())
        before = self._sessions.get_session(session_id)
        # The next card is decided with the new answer in place (conditions may change).
        after = _with_answer(before, answer)
        following: Card | None = self.engine.next_card(after, card.id)
        if _opens_its_form(card, state, values):
            following = card  # "Ja": stay, so the counsellor notes it on this card's form
        next_card = following.id if following else None
        self._sessions.record_answer(session_id, answer, next_card=next_card)
        # The state is the session as read plus this answer, exactly what was committed:
        # no second read (on a shared server every read is a round trip, issue 20).
        saved = replace(after, current_card=next_card, updated_at=answer.answered_at or _now())
        return self._state(saved, {"answers", "position"})

    def _sync_urgencies(self, session_id: int, values: tuple[str, ...]) -> None:
        session = self._sessions.get_session(session_id)
        present = {u.type for u in session.urgencies}
        for option in values:
            kind = URGENCY_OPTIONS.get(option)
            if kind is not None and kind not in present:
                self._sessions.add_urgency(session_id, Urgency(kind))

    # -- the counsellor's controls ----------------------------------------------------
    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def confirm_trust(self, session_id: int) -> SessionState:
        """The trust gate (INT-09): phases 5-6 open from now on."""
        self._sessions.update_session(session_id, trust_confirmed_at=_now())
        return self.open_session(session_id, changed={"phases"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def set_phase_status(self, session_id: int, phase_id: str, status: PhaseStatus) -> SessionState:
        """Skip, postpone (to a next visit) or reopen a phase (INT-09, INT-10)."""
        phase = self.flow.phase(phase_id)
        self._sessions.set_phase_status(session_id, phase.id, status)
        session = self._sessions.get_session(session_id)
        changed = {"phases"}
        current = session.current_card
        leaving = status in (PhaseStatus.SKIPPED, PhaseStatus.POSTPONED)
        if leaving and current is not None and self.flow.card(current).phase == phase.id:
            following = self.engine.next_card(session, current)
            self._sessions.update_session(
                session_id, current_card=following.id if following else None
            )
            changed.add("position")
        return self.open_session(session_id, changed=changed)

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def move_phase(self, session_id: int, phase_id: str, offset: int) -> SessionState:
        """Reorder: move a phase ``offset`` places earlier (<0) or later (>0)."""
        session = self._sessions.get_session(session_id)
        order = [p.id for p in self.engine.ordered_phases(session)]
        index = order.index(self.flow.phase(phase_id).id)
        target = max(0, min(len(order) - 1, index + offset))
        order.insert(target, order.pop(index))
        self._sessions.update_session(session_id, phase_order=order)
        return self.open_session(session_id, changed={"phases"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def set_flags(
        self, session_id: int, *, trauma: bool | None = None, safety: bool | None = None
    ) -> SessionState:
        changes: dict[str, object] = {}
        if trauma is not None:
            changes["trauma_flag"] = trauma
        if safety is not None:
            changes["safety_flag"] = safety
        self._sessions.update_session(session_id, **changes)
        return self.open_session(session_id, changed={"flags"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def add_note(self, session_id: int, text: str, card_id: str | None = None) -> SessionState:
        cleaned = text.strip()
        if not cleaned:
            raise IntakeError("Een lege notitie wordt niet bewaard.")
        if len(cleaned) > 4000:
            raise IntakeError("Een notitie mag hoogstens {limit} tekens hebben.", limit=4000)
        self._sessions.add_note(session_id, Note(cleaned, _now(), card_id))
        return self.open_session(session_id, changed={"notes"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def pause(self, session_id: int) -> SessionState:
        """End this visit; the session resumes later exactly where it stopped."""
        self._sessions.update_session(session_id, status=SessionStatus.PAUSED)
        return self.open_session(session_id, changed={"session"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def complete(self, session_id: int) -> SessionState:
        session = self._sessions.get_session(session_id)
        problems = self.engine.completion_problems(session)
        if problems:
            raise IntakeError(problems[0])
        self._sessions.update_session(
            session_id, status=SessionStatus.COMPLETED, completed_at=_now()
        )
        return self.open_session(session_id, changed={"session"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def set_appointment(
        self, session_id: int, *, follow_up: date | None, next_appointment: datetime | None
    ) -> SessionState:
        self._sessions.update_session(
            session_id, follow_up_date=follow_up, next_appointment=next_appointment
        )
        return self.open_session(session_id, changed={"appointment"})

    # -- records ------------------------------------------------------------------------
    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def add_debt(self, session_id: int, debt: Debt) -> SessionState:
        _check_debt(debt)
        self._sessions.add_debt(session_id, debt)
        return self.open_session(session_id, changed={"debts"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def update_debt(self, session_id: int, debt: Debt) -> SessionState:
        _check_debt(debt)
        self._sessions.update_debt(session_id, debt)
        return self.open_session(session_id, changed={"debts"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def remove_debt(self, session_id: int, debt_id: int) -> SessionState:
        self._sessions.remove_debt(session_id, debt_id)
        return self.open_session(session_id, changed={"debts"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def add_action(self, session_id: int, action: OnTheSpotAction) -> SessionState:
        self._sessions.add_action(session_id, action)
        return self.open_session(session_id, changed={"actions"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def update_action(self, session_id: int, action: OnTheSpotAction) -> SessionState:
        self._sessions.update_action(session_id, action)
        return self.open_session(session_id, changed={"actions"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def remove_action(self, session_id: int, action_id: int) -> SessionState:
        self._sessions.remove_action(session_id, action_id)
        return self.open_session(session_id, changed={"actions"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def remove_provision(self, session_id: int, provision_id: str) -> SessionState:
        """Forget what was noted about one provision (it shows as not yet looked at)."""
        self._sessions.remove_provision(session_id, provision_id)
        return self.open_session(session_id, changed={"provisions"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def set_provision(self, session_id: int, check: ProvisionCheck) -> SessionState:
        if check.provision_id not in {p.id for p in self.flow.provisions}:
            raise IntakeError("Onbekende regeling: {id}.", id=check.provision_id)
        self._sessions.set_provision(session_id, check)
        return self.open_session(session_id, changed={"provisions"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def add_next_step(self, session_id: int, step: NextStep) -> SessionState:
        if not step.what.strip():
            raise IntakeError("Beschrijf wat er moet gebeuren.")
        self._sessions.add_next_step(session_id, step)
        return self.open_session(session_id, changed={"next_steps"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def update_next_step(self, session_id: int, step: NextStep) -> SessionState:
        if not step.what.strip():
            raise IntakeError("Beschrijf wat er moet gebeuren.")
        self._sessions.update_next_step(session_id, step)
        return self.open_session(session_id, changed={"next_steps"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def remove_next_step(self, session_id: int, step_id: int) -> SessionState:
        self._sessions.remove_next_step(session_id, step_id)
        return self.open_session(session_id, changed={"next_steps"})

    @gated(Permission.READ_SESSIONS, None, target="session:{session_id}", in_body=True)
    def referral_suggestions(self, session_id: int) -> list[Organisation]:
        if self.directory is None:
            return []
        return self.directory.suggestions(self._sessions.get_session(session_id))

    @gated(
        Permission.WRITE_SESSIONS,
        AuditAction.CONSENT_GIVEN,
        target="session:{session_id}",
        in_body=True,
    )
    def set_consents(self, session_id: int, wanted: Mapping[ConsentPurpose, bool]) -> SessionState:
        """Record newly given consents and revoke withdrawn ones; history is kept (PRV-04)."""
        session = self._sessions.get_session(session_id)
        now = _now()
        for purpose, give in wanted.items():
            has = session.consent(purpose)
            if give and not has:
                self._sessions.record_consent(session_id, Consent(purpose, True, now))
            elif has and not give:
                self._sessions.revoke_consent(session_id, purpose, now)
        return self.open_session(session_id, changed={"consents"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def add_referral(self, session_id: int, referral: Referral) -> SessionState:
        if referral.planned_on is None:
            referral = replace(referral, planned_on=_now().date())
        self._sessions.add_referral(session_id, referral)
        return self.open_session(session_id, changed={"referrals"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def update_referral(self, session_id: int, referral: Referral) -> SessionState:
        self._sessions.update_referral(session_id, referral)
        return self.open_session(session_id, changed={"referrals"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def remove_referral(self, session_id: int, referral_id: int) -> SessionState:
        self._sessions.remove_referral(session_id, referral_id)
        return self.open_session(session_id, changed={"referrals"})

    # -- state --------------------------------------------------------------------------
    def _state(self, session: IntakeSession, changed: set[str]) -> SessionState:
        return SessionState(
            id=session.id,
            code=session.code,
            client_language=session.client_language,
            current_card=session.current_card,
            answers={
                card_id: AnswerView(
                    card_id, answer.state is AnswerState.NOT_DISCUSSED, answer.value
                )
                for card_id, answer in session.answers.items()
            },
            updated_at=session.updated_at,
            record=session,
            phases=tuple(self.engine.phase_states(session)),
            completion_problems=tuple(self.engine.completion_problems(session)),
            hints=tuple(self._hints(session)),
            changed=frozenset(changed),
        )

    def _hints(self, session: IntakeSession) -> list[str]:
        """Escalation hints for volunteers (REF-04), interpreter advice (COM-06) and the
        referrals the life-domain answers point to (INT-11)."""
        hints: list[str] = []
        domains = session.answers.get("life_domains")
        if domains is not None and domains.state is AnswerState.ANSWERED:
            hints += [LIFE_DOMAIN_REFERRALS[d] for d in domains.value if d in LIFE_DOMAIN_REFERRALS]
        formal = [d for d in session.debts if d.kind is DebtKind.FORMAL]
        if len(formal) >= 3 and session.urgencies:
            hints.append(
                N_("Meerdere schuldeisers en iets dringends: schakel een professional in.")
            )
        if too_many_referrals(session):
            hints.append(TOO_MANY_REFERRALS)
        if session.trauma_flag:
            hints.append(
                N_("Mogelijk trauma: vraag niet door over de vlucht, houd het kort, bied pauzes.")
            )
        if session.safety_flag:
            hints.append(
                N_("Zorgen over veiligheid: overleg met een professional of Veilig Thuis.")
            )
        if any(d.category is FormalCategory.TAX_OFFICE for d in formal):
            hints.append(
                N_("Schulden bij de Belastingdienst: vraag een professional mee te kijken.")
            )
        interpreter = session.answers.get("interpreter_mode")
        current = session.current_card
        if (
            interpreter is not None
            and set(interpreter.value) & INTERPRETING_RELATIVES
            and current is not None
            and self.flow.card(current).sensitive
        ):
            hints.append(
                N_(
                    "Een familielid tolkt bij een gevoelig onderwerp. "
                    "Bied een professionele tolk aan."
                )
            )
        return hints


def _check_debt(debt: Debt) -> None:
    """One sentence for what cannot be stored as typed."""
    amounts = (debt.amount, debt.amount_up_to, debt.monthly_repayment)
    if any(money is not None and money.cents < 0 for money in amounts):
        raise IntakeError("Een bedrag kan niet negatief zijn.")
    if debt.kind is DebtKind.FORMAL and not debt.creditor.strip():
        raise IntakeError("Vul in bij wie de schuld is.")
    if debt.amount_up_to is not None and (
        debt.amount is None or debt.amount_up_to.cents < debt.amount.cents
    ):
        raise IntakeError("Bij een bedrag van … tot … moet het tweede bedrag het hoogste zijn.")


def _with_answer(session: IntakeSession, answer: Answer) -> IntakeSession:
    return replace(session, answers={**session.answers, answer.card_id: answer})
