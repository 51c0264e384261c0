"""Ports: what the services need from storage, as Protocols (storage implements them)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from intake_app.core.model import Answer, IntakeSession
from intake_app.core.summary import SummaryDocument


class SessionRepository(Protocol):
    def create_session(self, *, client_language: str, practice: bool = False) -> IntakeSession:
        """Create and durably store a new session; returns it with its id and code."""
        ...

    def list_sessions(self) -> Sequence[IntakeSession]:
        """All sessions, most recently changed first (without their answers)."""
        ...

    def get_session(self, session_id: int) -> IntakeSession:
        """One session with its answers. Raises NotFoundError."""
        ...

    def record_answer(self, session_id: int, answer: Answer, *, next_card: str | None) -> None:
        """Durably store one answer (committed before returning) and the new position."""
        ...


class DocumentWriter(Protocol):
    def write(self, document: SummaryDocument, out: Path) -> Path:
        """Write ``document`` to ``out`` (a PDF) and return the path."""
        ...
