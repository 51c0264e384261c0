"""IntakeService: start, resume and answer sessions; print the client's summary."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from intake_app.core.errors import IntakeError
from intake_app.core.flow import AnswerKind, Card, Flow
from intake_app.core.model import Answer, AnswerState, IntakeSession
from intake_app.core.ports import DocumentWriter, SessionRepository
from intake_app.core.summary import SummaryDocument, SummaryLine, SummarySection
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.languages import SOURCE_LANGUAGE, is_known
from intake_app.i18n.translator import N_, Translators
from intake_app.services.dto import AnswerView, SessionListItem, SessionState


class IntakeService:
    def __init__(
        self,
        sessions: SessionRepository,
        flow: Flow,
        translators: Translators,
        writer: DocumentWriter,
        on_printed: Callable[[int, str], None] | None = None,  # audit: (session id, what)
    ) -> None:
        self._sessions = sessions
        self._on_printed = on_printed
        self.flow = flow
        self._translators = translators
        self._writer = writer

    # -- sessions ---------------------------------------------------------------------
    def list_sessions(self) -> list[SessionListItem]:
        return [
            SessionListItem(
                id=s.id,
                code=s.code,
                updated_at=s.updated_at,
                client_language=s.client_language,
                status=s.status.value,
                current_card=s.current_card,
                practice=s.practice,
            )
            for s in self._sessions.list_sessions()
        ]

    def start_session(self, client_language: str = SOURCE_LANGUAGE) -> SessionState:
        if not is_known(client_language):
            raise IntakeError("Deze taal kent de app niet: {code}.", code=client_language)
        created = self._sessions.create_session(client_language=client_language)
        first = self.flow.first_card().id
        # Position the new session on its first card; stored like any other change.
        return self._state(self._sessions.get_session(created.id), default_card=first)

    def open_session(self, session_id: int) -> SessionState:
        return self._state(self._sessions.get_session(session_id))

    # -- answering --------------------------------------------------------------------
    def answer(self, session_id: int, card_id: str, choices: Sequence[str]) -> SessionState:
        """Store the client's choice on ``card_id`` (committed before this returns)."""
        card = self.flow.card(card_id)
        values = self._validated(card, choices)
        return self._record(session_id, card, AnswerState.ANSWERED, values)

    def decline(self, session_id: int, card_id: str) -> SessionState:
        """'Liever niet': recorded as not discussed (INT-12)."""
        return self._record(session_id, self.flow.card(card_id), AnswerState.NOT_DISCUSSED, ())

    def _validated(self, card: Card, choices: Sequence[str]) -> tuple[str, ...]:
        chosen = tuple(dict.fromkeys(choices))  # keep order, drop repeats
        for choice in chosen:
            card.option(choice)  # raises ContentError on an unknown option
        if card.kind is AnswerKind.CHOICE and len(chosen) != 1:
            raise IntakeError("Kies één antwoord.")
        if card.kind is AnswerKind.MULTI and not chosen:
            raise IntakeError("Kies minstens één antwoord.")
        return chosen

    def _record(
        self, session_id: int, card: Card, state: AnswerState, values: tuple[str, ...]
    ) -> SessionState:
        following = self.flow.next_card(card.id)
        answer = Answer(card.id, state, values, datetime.now(UTC))
        self._sessions.record_answer(
            session_id, answer, next_card=following.id if following else None
        )
        return self.open_session(session_id)

    def _state(self, session: IntakeSession, default_card: str | None = None) -> SessionState:
        current = session.current_card
        if current is None and not session.answers:
            current = default_card or self.flow.first_card().id
        return SessionState(
            id=session.id,
            code=session.code,
            client_language=session.client_language,
            current_card=current,
            answers={
                card_id: AnswerView(
                    card_id, answer.state is AnswerState.NOT_DISCUSSED, answer.value
                )
                for card_id, answer in session.answers.items()
            },
            updated_at=session.updated_at,
        )

    # -- printing ---------------------------------------------------------------------
    def client_summary(self, session_id: int) -> SummaryDocument:
        state = self.open_session(session_id)
        client = self._translators.get(state.client_language)
        dutch = self._translators.dutch()
        bilingual = client.code != SOURCE_LANGUAGE

        def both(message: str) -> tuple[str, str]:
            return client.gettext(message), dutch.gettext(message) if bilingual else ""

        sections = []
        for phase in self.flow.phases:
            lines = []
            for card in phase.cards:
                answer = state.answer(card.id)
                if answer is None:
                    continue
                if answer.declined:
                    texts = [both(N_("Niet besproken"))]
                else:
                    texts = [both(card.option(value).label) for value in answer.values]
                question = both(card.title)
                lines.append(SummaryLine(question[0], question[1], card.pictogram))
                lines += [SummaryLine("• " + t, "• " + d if d else "") for t, d in texts]
            if lines:
                heading = both(phase.title)
                sections.append(SummarySection(heading[0], tuple(lines), heading[1]))
        title = both(N_("Samen kijken naar geld en post"))
        date = Formatter(client.code).date(datetime.now(UTC).date())
        return SummaryDocument(
            language=client.code,
            rtl=client.rtl,
            title=title[0],
            subtitle=f"{title[1]}  ·  {state.code}  ·  {date}" if bilingual else
            f"{state.code}  ·  {date}",
            sections=tuple(sections),
            footer=dutch.gettext(
                "Pictogrammen: OpenMoji, het open-source emoji- en iconenproject "
                "(licentie CC BY-SA 4.0)."
            ),
        )  # fmt: skip

    def write_client_summary(self, session_id: int, out: Path) -> Path:
        written = self._writer.write(self.client_summary(session_id), out)
        if self._on_printed is not None:
            self._on_printed(session_id, "client_summary")
        return written
