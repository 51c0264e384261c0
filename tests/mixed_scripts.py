"""An invented session whose free texts mix every script the app supports, within one line.

Latin (Dutch), Arabic, Ge'ez, Cyrillic and Turkish and Polish diacritics; no real people.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from intake_app.core.model import (
    ActionType,
    Consent,
    ConsentPurpose,
    Debt,
    DebtKind,
    DebtStatus,
    Direction,
    FormalCategory,
    Money,
    NextStep,
    OnTheSpotAction,
    Owner,
    Referral,
    Relationship,
    Urgency,
    UrgencyType,
    Wish,
)

AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
# Creditors: one per script, two of them mixed within the name itself.
CREDITORS = (
    "مكتب الإيجار Rotterdam",
    "Київводоканал",
    "Şahin İnkasso ğüşöç",
    "Żółć Energia ąęńś",
    "ኤርትራ ባንክ",
)
COUNTRY = "ኤርትራ"
# A client task that mixes all scripts in one line (the discreet paper prints it too).
TASK = "Brief van شركة الكهرباء (Energie Noord) meenemen, ook ኤርትራ-papieren, Київ, Łódź, İzmir"
ACTION_TEXT = "Gebeld met دائرة الضرائب (Belastingdienst) over ኤርትራ"
REFERRAL = "Juridisch Loket لاهاي"
COMPANION = "Сергій Şen"
PHONE_TASK = "Bel 0900 8020 (gratis)"
FREE_TEXTS = (TASK, ACTION_TEXT, REFERRAL, COMPANION, PHONE_TASK)
ALL_CONSENTS = (
    ConsentPurpose.HANDOVER_FORMAL,
    ConsentPurpose.SHARING_INFORMAL,
    ConsentPurpose.INFORMAL_DEBTS_IN_HANDOVER,
)


def make_mixed_session(repo, language: str) -> int:
    sid = repo.create_session(client_language=language).id
    repo.update_session(sid, next_appointment=datetime(2026, 12, 3, 10, 30, tzinfo=UTC))
    repo.add_urgency(sid, Urgency(UrgencyType.EVICTION, deadline=date(2026, 12, 1)))
    repo.add_action(sid, OnTheSpotAction(ActionType.PAYMENT_ARRANGEMENT_REQUESTED, AT, ACTION_TEXT))
    for n, creditor in enumerate(CREDITORS):
        repo.add_debt(
            sid,
            Debt(
                DebtKind.FORMAL,
                Direction.OWED_BY_CLIENT,
                "formal_debts",
                Money(259000 + n * 100),
                creditor=creditor,
                category=FormalCategory.RENT if n == 0 else FormalCategory.OTHER,
                status=DebtStatus.UNKNOWN,
            ),
        )
    repo.add_debt(
        sid,
        Debt(
            DebtKind.INFORMAL,
            Direction.OWED_BY_CLIENT,
            "inf_family_nl",
            Money(50000),
            relationship=Relationship.SIBLING,
            country=COUNTRY,
            wish=Wish.PAY_BACK,
            consent_handover=True,
        ),
    )
    repo.add_next_step(sid, NextStep(TASK, Owner.CLIENT, date(2026, 12, 4)))
    repo.add_next_step(sid, NextStep(PHONE_TASK, Owner.CLIENT))
    repo.add_referral(
        sid,
        Referral(
            None,
            REFERRAL,
            formal=True,
            warm=True,
            appointment=datetime(2026, 12, 4, 13, 0, tzinfo=UTC),
            accompanied_by=COMPANION,
        ),
    )
    for purpose in ALL_CONSENTS:
        repo.record_consent(sid, Consent(purpose, True, AT))
    return sid
