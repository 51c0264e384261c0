"""IntakeService: start, resume and run sessions through the flow (printing: summaries.py).

The records inside a session (intake_records.py), aftercare, conversation choices, handover
details and the neighbourhood are mixins in their own modules; the counsellor's hints are
session_hints.py.

Each method that changes something stores it (committed) and returns the new
``SessionState`` with ``changed`` naming what changed, so views refresh only that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime

from intake_app.core.engine import IntakeEngine
from intake_app.core.errors import IntakeError
from intake_app.core.flow import AnswerKind, Card, Flow, RecordKind
from intake_app.core.model import (
    Answer,
    AnswerState,
    IntakeSession,
    Note,
    PhaseStatus,
    SessionStatus,
    Urgency,
    UrgencyType,
)
from intake_app.core.ports import SessionRepository
from intake_app.core.security import AuditAction, Permission
from intake_app.i18n.languages import SOURCE_LANGUAGE, is_known
from intake_app.services.access import Access
from intake_app.services.aftercare import (
    AftercareOperations,
)
from intake_app.services.conversation_choices import ConversationChoices
from intake_app.services.directory import DirectoryService
from intake_app.services.dto import AnswerView, SessionListItem, SessionPage, SessionState
from intake_app.services.gate import gated
from intake_app.services.handover_details import HandoverDetails
from intake_app.services.intake_records import RecordOperations
from intake_app.services.neighbourhood_choice import NeighbourhoodChoice, NeighbourhoodList
from intake_app.services.session_hints import session_hints

URGENCY_OPTIONS = {
    "eviction": UrgencyType.EVICTION,
    "disconnection": UrgencyType.DISCONNECTION,
    "bailiff": UrgencyType.BAILIFF,
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


class IntakeService(
    AftercareOperations,
    ConversationChoices,
    NeighbourhoodChoice,
    HandoverDetails,
    RecordOperations,
):
    def __init__(
        self,
        sessions: SessionRepository,
        flow: Flow,
        directory: DirectoryService | None = None,
        *,
        access: Access,
        neighbourhood_list: NeighbourhoodList | None = None,
    ) -> None:
        # ``sessions`` is the guarded store (services/guarded_sessions.py): it cleans text and
        # writes the "opened"/"changed" lines; the gate here refuses before anything runs.
        self._access = access
        self._sessions = sessions
        self._neighbourhood_list = neighbourhood_list  # the coordinator's list (STA-19)
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
            hints=tuple(session_hints(self.flow, session)),
            changed=frozenset(changed),
        )


def _with_answer(session: IntakeSession, answer: Answer) -> IntakeSession:
    return replace(session, answers={**session.answers, answer.card_id: answer})
