"""Consent per purpose (PRV-04), revocable, and the "Wat bewaren wij?" texts (PRV-08).

Texts are plain Dutch msgids, short (at most 15 words), shown in the client's language with a
pictogram. The handover may only be printed with consent for a formal handover (b) or for
sharing with an informal partner (c); ``require_handover_consent`` says so in one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from intake_app.core.errors import IntakeError
from intake_app.core.model import Consent, ConsentPurpose, IntakeSession
from intake_app.core.ports import SessionRepository
from intake_app.core.security import AuditAction, Permission
from intake_app.i18n.translator import N_
from intake_app.services.access import Access
from intake_app.services.gate import gated


@dataclass(frozen=True, slots=True)
class PictogramText:
    pictogram: str  # OpenMoji code
    text: str  # Dutch msgid


@dataclass(frozen=True, slots=True)
class PurposeText:
    purpose: ConsentPurpose
    pictogram: str
    question: str  # Dutch msgid, asked to the client


WHAT_WE_KEEP_TITLE = N_("Wat bewaren wij?")

# What we keep, and what we never ask (PRV-03, PRV-08). In our own plain words.
WHAT_WE_KEEP: tuple[PictogramText, ...] = (
    PictogramText("1F4BB", N_("Wat u zegt, blijft op deze computer.")),
    PictogramText("1F512", N_("Alles staat achter een slot. Alleen wij kunnen het lezen.")),
    PictogramText("1F6AB", N_("Wij vragen niet naar uw BSN, uw geloof of uw afkomst.")),
    PictogramText("1F91D", N_("Wij geven niets aan anderen zonder uw ja.")),
    PictogramText("270B", N_("U mag altijd nee zeggen. Ook later nog.")),
    PictogramText("1F5D1", N_("U mag ons altijd vragen om alles te wissen.")),
)

PURPOSES: tuple[PurposeText, ...] = (
    PurposeText(
        ConsentPurpose.STORAGE,
        "1F5C4",
        N_("Mogen wij uw antwoorden bewaren voor een volgend gesprek?"),
    ),
    PurposeText(
        ConsentPurpose.HANDOVER_FORMAL,
        "1F3E2",
        N_("Mogen wij uw gegevens geven aan een organisatie die u verder helpt?"),
    ),
    PurposeText(
        ConsentPurpose.SHARING_INFORMAL,
        "1F465",
        N_("Mogen wij praten met iemand die u vertrouwt?"),
    ),
    PurposeText(
        ConsentPurpose.INFORMAL_DEBTS_IN_HANDOVER,
        "1F46A",
        N_("Mag geld van familie of vrienden ook in de brief staan?"),
    ),
    PurposeText(
        ConsentPurpose.FEEDBACK_TO_REFERRER,
        "1F4AC",
        N_("Mogen wij aan wie u naar ons stuurde vertellen of de hulp is gestart?"),
    ),
)

YES = N_("Ja, dat mag")
NO = N_("Nee")


class ConsentRequiredError(IntakeError):
    """The handover cannot be printed without the client's consent."""


HANDOVER_PURPOSES = (ConsentPurpose.HANDOVER_FORMAL, ConsentPurpose.SHARING_INFORMAL)


def require_handover_consent(session: IntakeSession) -> None:
    """Raise unless the client agreed to a handover (PRV-04 b) or sharing (PRV-04 c)."""
    if not any(session.consent(purpose) for purpose in HANDOVER_PURPOSES):
        raise ConsentRequiredError(
            N_(
                "De overdracht kan niet worden geprint: de klant heeft daar nog geen "
                "toestemming voor gegeven."
            )
        )


class ConsentService:
    """Give and revoke consent per purpose; each change is stored at once and audited."""

    def __init__(self, sessions: SessionRepository, access: Access) -> None:
        self._sessions = sessions  # the guarded store writes consent_given/_revoked
        self._access = access

    @gated(Permission.READ_SESSIONS, None, target="session:{session_id}", in_body=True)
    def status(self, session_id: int) -> dict[ConsentPurpose, bool]:
        session = self._sessions.get_session(session_id)
        return {purpose: session.consent(purpose) for purpose in ConsentPurpose}

    @gated(
        Permission.WRITE_SESSIONS,
        AuditAction.CONSENT_GIVEN,
        target="session:{session_id}",
        in_body=True,
    )
    def give(self, session_id: int, purpose: ConsentPurpose) -> dict[ConsentPurpose, bool]:
        if not self.status(session_id)[purpose]:
            self._sessions.record_consent(
                session_id, Consent(purpose, given=True, at=datetime.now(UTC))
            )
        return self.status(session_id)

    @gated(
        Permission.WRITE_SESSIONS,
        AuditAction.CONSENT_REVOKED,
        target="session:{session_id}",
        in_body=True,
    )
    def revoke(self, session_id: int, purpose: ConsentPurpose) -> dict[ConsentPurpose, bool]:
        self._sessions.revoke_consent(session_id, purpose, datetime.now(UTC))
        return self.status(session_id)

    @gated(Permission.READ_SESSIONS, None, target="session:{session_id}", in_body=True)
    def require_handover(self, session_id: int) -> None:
        require_handover_consent(self._sessions.get_session(session_id))
