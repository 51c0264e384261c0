"""Retention (personal fields wiped, statistics kept) and erasure on request (PRV-05)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from intake_app.cli.main import main as admin
from intake_app.core.errors import ConfigurationError, NotFoundError
from intake_app.core.model import Direction, Money
from tests.sample_session import NOW, fill_session

CHILD_TABLES = (
    "answer", "answer_option", "phase_state", "debt", "urgency", "spot_action",
    "provision_check", "next_step", "referral", "consent", "note", "session_anonymised",
)  # fmt: skip


def _count(context, table: str, session_id: int) -> int:
    with context.storage.engine.connect() as connection:
        return int(
            connection.execute(
                text(f"SELECT count(*) FROM {table} WHERE session_id = :id"),
                {"id": session_id},
            ).scalar_one()
        )


def test_retention_wipes_personal_fields_and_keeps_statistics(any_context) -> None:
    admin_service = any_context.storage_admin
    repo = any_context.storage.sessions
    old = fill_session(repo)
    recent = fill_session(repo, language="ti")
    updated = repo.get_session(old).updated_at
    assert admin_service.retention_days() == 730

    admin_service.set_retention_days(30)
    # 29 days after the last change: nothing happens yet.
    assert admin_service.apply_retention(now=updated + timedelta(days=29)).anonymised == 0
    # Make only the first one old enough.
    with any_context.storage.engine.begin() as connection:
        connection.execute(
            text("UPDATE intake_session SET updated_at = :t WHERE id = :id"),
            {"t": NOW - timedelta(days=400), "id": old},
        )
    result = admin_service.apply_retention(now=NOW)
    assert result.anonymised == 1
    assert admin_service.is_anonymised(old) and not admin_service.is_anonymised(recent)

    wiped = repo.get_session(old)
    assert wiped.first_name == ""
    assert wiped.notes == ()
    assert all(d.creditor == "" and d.country == "" and d.purpose == "" for d in wiped.debts)
    assert wiped.actions[0].description == ""
    assert wiped.next_steps[0].what == ""
    assert wiped.referrals[0].accompanied_by == ""
    # What statistics need stays: directions, amounts, answers, age band, area.
    assert [d.direction for d in wiped.debts] == [
        Direction.OWED_BY_CLIENT, Direction.OWED_BY_CLIENT, Direction.REMITTANCE,
    ]  # fmt: skip
    assert wiped.debts[0].amount == Money(800000, approximate=True)
    assert wiped.answers["primary_question"].value == ("rent", "energy")
    assert (wiped.age_band, wiped.neighbourhood) == ("35-44", "Noord")
    assert repo.get_session(recent).first_name == "سلمى"
    # Applying again changes nothing and counts nothing.
    assert admin_service.apply_retention(now=NOW).anonymised == 0


def test_retention_zero_means_never(any_context) -> None:
    session_id = fill_session(any_context.storage.sessions)
    any_context.storage_admin.set_retention_days(0)
    later = NOW + timedelta(days=100_000)
    assert any_context.storage_admin.apply_retention(now=later).anonymised == 0
    assert any_context.storage.sessions.get_session(session_id).first_name == "سلمى"
    with pytest.raises(ConfigurationError, match="bewaartermijn"):
        any_context.storage_admin.set_retention_days(-1)


def test_erasure_removes_every_record_of_one_client(any_context) -> None:
    repo = any_context.storage.sessions
    erased = fill_session(repo)
    kept = fill_session(repo)
    any_context.storage_admin.set_retention_days(1)
    any_context.storage_admin.apply_retention(now=NOW + timedelta(days=365 * 10))
    any_context.storage_admin.erase_session(erased)
    with pytest.raises(NotFoundError):
        repo.get_session(erased)
    for table in CHILD_TABLES:
        assert _count(any_context, table, erased) == 0, table
    assert _count(any_context, "debt", kept) == 3
    with pytest.raises(NotFoundError):
        any_context.storage_admin.erase_session(erased)


def test_retention_runs_at_start(tmp_path, db_url: str) -> None:
    from intake_app.bootstrap.context import build_context

    first = build_context(db_url=db_url, data_dir=tmp_path)
    session_id = fill_session(first.storage.sessions)
    first.storage_admin.set_retention_days(10)
    with first.storage.engine.begin() as connection:
        connection.execute(
            text("UPDATE intake_session SET updated_at = :t"), {"t": NOW - timedelta(days=5000)}
        )
    first.close()
    again = build_context(db_url=db_url, data_dir=tmp_path)
    try:
        assert again.storage_admin.is_anonymised(session_id)
    finally:
        again.close()


def test_cli_retention_and_erase(context, db_url: str, capsys) -> None:
    session_id = fill_session(context.storage.sessions)
    assert admin(["--db", db_url, "retention", "set", "90"]) == 0
    assert admin(["--db", db_url, "retention", "show"]) == 0
    assert "90 dagen" in capsys.readouterr().out
    assert admin(["--db", db_url, "retention", "apply"]) == 0
    assert "0 gesprek" in capsys.readouterr().out
    assert admin(["--db", db_url, "sessions", "erase", str(session_id)]) == 2
    assert "--yes" in capsys.readouterr().err
    assert admin(["--db", db_url, "sessions", "erase", str(session_id), "--yes"]) == 0
    assert context.intake.list_sessions() == []


def _set_updated(context, session_id: int, moment) -> None:
    with context.storage.engine.begin() as connection:
        connection.execute(
            text("UPDATE intake_session SET updated_at = :t WHERE id = :id"),
            {"t": moment, "id": session_id},
        )


def test_a_field_filled_after_the_wipe_is_wiped_on_the_next_run(any_context) -> None:
    """Retention looks at what the fields hold, not at the record that it ran once."""
    admin_service = any_context.storage_admin
    repo = any_context.storage.sessions
    old = fill_session(repo)
    admin_service.set_retention_days(30)
    _set_updated(any_context, old, NOW - timedelta(days=400))
    assert admin_service.apply_retention(now=NOW).anonymised == 1
    # A name and a creditor come back without a new "last change" (an import, a late save).
    with any_context.storage.engine.begin() as connection:
        connection.execute(
            text("UPDATE intake_session SET first_name = 'Mira' WHERE id = :id"), {"id": old}
        )
        connection.execute(
            text("UPDATE debt SET creditor = 'Bank Voorbeeld' WHERE session_id = :id"),
            {"id": old},
        )
    assert admin_service.apply_retention(now=NOW).anonymised == 1
    wiped = repo.get_session(old)
    assert wiped.first_name == "" and all(d.creditor == "" for d in wiped.debts)
    assert admin_service.apply_retention(now=NOW).anonymised == 0


def test_a_last_change_in_the_future_does_not_escape_retention(any_context, tmp_path) -> None:
    import dataclasses
    from datetime import UTC, datetime

    admin_service = any_context.storage_admin
    repo = any_context.storage.sessions
    admin_service.set_retention_days(30)
    far = datetime(9999, 12, 31, tzinfo=UTC)
    # An imported session that claims to be changed in the year 9999 is stored as "now".
    source = repo.get_session(fill_session(repo))
    imported = any_context.storage.maintenance.import_session(
        dataclasses.replace(source, code="K-TOEK-0M5", updated_at=far, created_at=far)
    )
    assert repo.get_session(imported).updated_at.year < 9999
    # One already stored with such a time is set to the moment retention first sees it...
    stored = fill_session(repo)
    _set_updated(any_context, stored, far)
    admin_service.apply_retention(now=NOW)
    assert repo.get_session(stored).updated_at.year < 9999
    assert repo.get_session(stored).first_name == "سلمى"
    # ...and wiped once the retention period has passed after that.
    later = datetime.now(UTC) + timedelta(days=31)
    admin_service.apply_retention(now=later)
    assert repo.get_session(stored).first_name == ""
    assert repo.get_session(imported).first_name == ""
