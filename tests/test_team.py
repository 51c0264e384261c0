"""The coordinator's self-scan (ORG-01) and counsellor profiles with suggested matching
(ORG-05), through the gate on a real database file: stored, exported, never assigning."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from intake_app.bootstrap.context import AppContext
from intake_app.core.errors import IntakeError
from intake_app.core.security import AuditAction, Role
from intake_app.core.team import (
    SQUARE_IDS,
    CounsellorGender,
    CounsellorProfile,
    SquareStatus,
    suggest,
)

PW = "een lang wachtwoord 1"


def _login(context: AppContext, name: str) -> AppContext:
    context.security.accounts.login(name, PW)
    return context.for_current_user()


@pytest.fixture
def team_context(context: AppContext) -> AppContext:
    accounts = context.security.accounts
    accounts.create_first_admin("beheer", "Beheer", PW)
    accounts.add_user("coord", "Coördinator", Role.COORDINATOR, PW)
    accounts.add_user("fatima", "Fatima", Role.COUNSELLOR, PW)
    accounts.add_user("jan", "Jan", Role.COUNSELLOR, PW)
    accounts.add_user("vera", "Vera", Role.VOLUNTEER, PW)
    return context


def test_the_self_scan_is_stored_per_installation_and_exported(
    team_context: AppContext, tmp_path: Path
) -> None:
    coordinator = _login(team_context, "coord")
    card = coordinator.team.self_scan()
    assert [s.square_id for s in card] == list(SQUARE_IDS)  # all nine, in the card's order
    assert {s.status for s in card} == {SquareStatus.NOT_STARTED}
    coordinator.team.save_square(
        "informal_debts", SquareStatus.WORKING_ON_IT, "  Vraag naar leningen in de familie.\n"
    )
    again = {s.square_id: s for s in coordinator.team.self_scan()}
    assert again["informal_debts"].status is SquareStatus.WORKING_ON_IT
    assert again["informal_debts"].tips == "Vraag naar leningen in de familie."
    with pytest.raises(IntakeError):
        coordinator.team.save_square("nonsense", SquareStatus.IN_PLACE, "")
    with pytest.raises(IntakeError):
        coordinator.team.save_square("vision", SquareStatus.IN_PLACE, "x" * 2001)
    out = coordinator.team.export_self_scan(tmp_path / "zelfscan.txt")
    text = out.read_text(encoding="utf-8")
    assert "Mee bezig" in text and "Vraag naar leningen in de familie." in text
    assert text.count("Tips:") == 9
    lines = [e for e in team_context.storage.audit.events() if e.target.startswith("selfscan:")]
    assert [(e.action, e.target) for e in lines] == [
        (AuditAction.SETTING_CHANGED, "selfscan:informal_debts")
    ]


def test_a_counsellor_may_not_touch_the_team_pages(team_context: AppContext) -> None:
    counsellor = _login(team_context, "fatima")
    assert counsellor.services.team is None  # not even built for this role
    admin = _login(team_context, "beheer")
    admin.team.save_profile("jan", ["nl"], CounsellorGender.MALE)  # admins may too


def test_profiles_suggest_without_overloading_and_never_assign(team_context: AppContext) -> None:
    coordinator = _login(team_context, "coord")
    team = coordinator.team
    assert [p.username for p in team.profiles()] == ["fatima", "jan", "vera"]
    team.save_profile("fatima", ["ar", "nl", "ar"], CounsellorGender.FEMALE)
    team.save_profile("jan", ["nl"], CounsellorGender.MALE)
    team.save_profile("vera", ["ar", "nl"], CounsellorGender.FEMALE)
    with pytest.raises(IntakeError):
        team.save_profile("fatima", ["xx"], CounsellorGender.FEMALE)
    with pytest.raises(IntakeError):
        team.save_profile("coord", ["nl"], CounsellorGender.MALE)  # no conversations
    stored = {p.username: p for p in team.profiles()}
    assert stored["fatima"].languages == ("ar", "nl")  # each code once, in the order given
    # Fatima opened many conversations recently: the audit log is the load.
    audit = team_context.storage.audit
    from intake_app.core.security import AuditEvent

    now = datetime.now(UTC)
    for n in range(8):
        audit.record(AuditEvent(now, "fatima", AuditAction.OPENED, f"session:{n}"))
    audit.record(AuditEvent(now, "vera", AuditAction.OPENED, "session:99"))
    audit.record(AuditEvent(now, "jan", AuditAction.OPENED, "follow-ups"))  # not a session
    assert team.load() == {"fatima": 8, "vera": 1}
    arabic = team.suggestions(language="ar")
    assert [s.username for s in arabic] == ["vera", "fatima"]  # the least loaded first
    assert arabic[1].heavy and not arabic[0].heavy
    assert [s.username for s in team.suggestions(language="ar", gender="male")] == []
    assert [s.username for s in team.suggestions()] == ["jan", "vera", "fatima"]
    # Suggestions change nothing: no profile, no session, no audit line.
    assert {p.username: p for p in team.profiles()} == stored


def test_suggest_is_pure_and_marks_a_heavy_share() -> None:
    profiles = [CounsellorProfile("a", ("so",)), CounsellorProfile("b", ("so", "nl"))]
    found = suggest(profiles, {"a": "A", "b": "B"}, {"a": 9, "b": 1}, language="so")
    assert [(s.username, s.heavy) for s in found] == [("b", False), ("a", True)]
    alone = suggest(profiles[:1], {}, {"a": 9}, language="so")
    assert not alone[0].heavy  # a team of one is never "overloaded" by comparison
