"""PostgreSQL for an organisation (issue 20): server roles, version skew, db check, parallel
starts and the first admin. On the throwaway server (tests/postgres.py, trust authentication:
a test connects as any login it created)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from intake_app.app import opens_without_accounts, parse_args
from intake_app.bootstrap.context import build_context
from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.errors import StorageError
from intake_app.core.statistics import StatisticsQuery
from intake_app.core.team import (
    CounsellorGender,
    CounsellorProfile,
    SelfScanSquare,
    SquareStatus,
)
from intake_app.storage.pg_roles import setup_roles
from intake_app.storage.statistics_queries import SqlStatisticsQueries
from intake_app.storage.team_repository import SqlTeamRepository

pytestmark = pytest.mark.postgres


def _login(url: str, name: str, group: str) -> str:
    """A login in ``group`` (created once on the cluster); the URL to connect as it."""
    parsed = make_url(url)
    with psycopg.connect(
        host=parsed.host, port=parsed.port, user=parsed.username, dbname=parsed.database,
        autocommit=True,
    ) as connection:  # fmt: skip
        exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        if not exists:
            connection.execute(f'CREATE ROLE "{name}" LOGIN')  # type: ignore[arg-type]
        connection.execute(f'GRANT {group} TO "{name}"')  # type: ignore[arg-type]
    return parsed.set(username=name).render_as_string(hide_password=False)


def _psql(url: str, sql: str) -> str | None:
    """Run ``sql`` as the URL's login, as someone with a laptop's .pgpass would: the error
    text, or None when the server allowed it."""
    parsed = make_url(url)
    try:
        with psycopg.connect(
            host=parsed.host, port=parsed.port, user=parsed.username, dbname=parsed.database,
            autocommit=True,
        ) as connection:  # fmt: skip
            connection.execute(sql)  # type: ignore[arg-type]
    except psycopg.errors.InsufficientPrivilege as exc:
        return str(exc)
    return None


@pytest.fixture
def organisation(pg_url, tmp_path):
    """A database with one conversation and a note, then the server roles set up."""
    context = build_context(db_url=pg_url, data_dir=tmp_path)
    state = context.intake.start_session("ar")
    context.storage.sessions.update_session(state.id, first_name="Amal")
    context.intake.add_note(state.id, "Geheime notitie", card_id=None)
    context.close()
    from intake_app.storage.database import create_database_engine

    engine = create_database_engine(pg_url)
    setup_roles(engine)
    engine.dispose()
    return pg_url


def test_a_coordinators_login_cannot_read_notes_or_names(organisation) -> None:
    coordinator = _login(organisation, "t_coordinator", "intake_coordinator")
    assert "permission denied" in (_psql(coordinator, "SELECT text FROM note") or "")
    assert _psql(coordinator, "SELECT first_name FROM intake_session") is not None
    assert _psql(coordinator, "SELECT value_json FROM answer") is not None
    assert _psql(coordinator, "SELECT creditor FROM debt") is not None
    # What the statistics count stays readable: the coordinator's figures still work.
    assert _psql(coordinator, "SELECT id, completed_at, neighbourhood FROM intake_session") is None
    engine_url = coordinator
    from intake_app.storage.database import create_database_engine

    engine = create_database_engine(engine_url)
    try:
        SqlStatisticsQueries(engine).raw_counts(StatisticsQuery("2026-01", "2026-12"))
        # The Team tab (ORG-01, ORG-05) works under the coordinator's login; the load comes
        # as counts per account from a function, the audit rows stay unreadable.
        team = SqlTeamRepository(engine)
        team.save_square(SelfScanSquare("vision", SquareStatus.IN_PLACE, "tip"))
        team.save_profile(CounsellorProfile("carla", ("ar",), CounsellorGender.FEMALE))
        assert team.recent_load(datetime(2000, 1, 1, tzinfo=UTC)) == {"system": 1}
        assert [s.square_id for s in team.squares()] == ["vision"]
    finally:
        engine.dispose()
    assert _psql(coordinator, "SELECT actor, target FROM audit_event") is not None


def test_no_app_role_can_rewrite_the_audit_or_raise_its_own_role(organisation) -> None:
    for name, group in (
        ("t_volunteer", "intake_volunteer"),
        ("t_counsellor", "intake_counsellor"),
        ("t_coordinator", "intake_coordinator"),
        ("t_admin", "intake_admin"),
    ):
        url = _login(organisation, name, group)
        assert _psql(url, "DELETE FROM audit_event") is not None, group
        assert _psql(url, "UPDATE audit_event SET detail = 'x'") is not None, group
        assert _psql(url, "DROP TABLE note") is not None, group
        if group != "intake_admin":
            assert _psql(url, "UPDATE user_account SET role = 'admin'") is not None, group
            assert _psql(url, "SELECT actor, target FROM audit_event") is not None, group
    volunteer = _login(organisation, "t_volunteer", "intake_volunteer")
    assert _psql(volunteer, "DELETE FROM intake_session") is not None  # erasure is not theirs
    assert _psql(volunteer, "UPDATE user_account SET failed_attempts = 0") is None  # lock-out


def test_the_app_works_under_a_counsellors_login(organisation, tmp_path) -> None:
    counsellor = _login(organisation, "t_counsellor", "intake_counsellor")
    context = build_context(db_url=counsellor, data_dir=tmp_path)
    try:
        state = context.intake.start_session("nl")
        card = context.intake.flow.first_card()
        after = context.intake.answer(state.id, card.id, [card.options[0].id])
        assert after.answer(card.id) is not None
        context.intake.add_note(state.id, "Nog een notitie", card_id=None)
    finally:
        context.close()


def test_a_laptop_older_than_the_schema_refuses_in_one_sentence(pg_url, tmp_path) -> None:
    build_context(db_url=pg_url, data_dir=tmp_path).close()
    parsed = make_url(pg_url)
    with psycopg.connect(
        host=parsed.host, port=parsed.port, user=parsed.username, dbname=parsed.database,
        autocommit=True,
    ) as connection:  # fmt: skip
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    with pytest.raises(StorageError) as caught:
        build_context(db_url=pg_url, data_dir=tmp_path)
    message = caught.value.render(lambda t: t)
    assert "nieuwere versie" in message and "0099_from_the_future" in message
    done = subprocess.run(
        [sys.executable, "-m", "intake_app.cli.main", "--db", pg_url, "sessions", "list"],
        capture_output=True, text=True, check=False, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    assert done.returncode == 2 and "nieuwere versie" in done.stderr
    assert "Traceback" not in done.stderr


def test_db_check_finds_a_dropped_table(pg_url, tmp_path) -> None:
    context = build_context(db_url=pg_url, data_dir=tmp_path)
    try:
        assert context.storage_admin.check() == "ok"
        with context.storage.engine.begin() as connection:
            connection.execute(text("DROP TABLE note"))
        assert "note" in context.storage_admin.check()
    finally:
        context.close()


def _parallel(url: str, home, count: int) -> list[subprocess.CompletedProcess[str]]:
    env = {**os.environ, "HOME": str(home)}
    command = [sys.executable, "-m", "intake_app.cli.main", "--db", url, "sessions", "list"]
    running = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(count)
    ]
    return [
        subprocess.CompletedProcess(p.args, p.wait(timeout=300), p.stdout.read(), p.stderr.read())  # type: ignore[union-attr]
        for p in running
    ]


def test_first_and_parallel_starts_wait_for_each_other(pg_url, tmp_path) -> None:
    # An empty database: the first starts create the schema together.
    for done in _parallel(pg_url, tmp_path, 4):
        assert done.returncode == 0, done.stderr
    # Sessions past retention: every start wants to wipe them at once.
    context = build_context(db_url=pg_url, data_dir=tmp_path)
    for _ in range(5):
        state = context.intake.start_session("nl")
        context.storage.sessions.update_session(state.id, first_name="Oud")
    with context.storage.engine.begin() as connection:
        connection.execute(
            text("UPDATE intake_session SET updated_at = :old"),
            {"old": datetime(2020, 1, 1, tzinfo=UTC)},
        )
    context.close()
    for done in _parallel(pg_url, tmp_path, 6):
        assert done.returncode == 0, done.stderr


def test_a_server_without_accounts_asks_for_the_first_admin(pg_url, tmp_path) -> None:
    gate = DatabaseGate(db_url=pg_url, data_dir=tmp_path)
    assert gate.needs_first_admin()
    args = parse_args(["--db", pg_url])
    assert not opens_without_accounts(first_run=True, encrypted=False, args=args)
    assert opens_without_accounts(
        first_run=True, encrypted=False, args=parse_args(["--db", pg_url, "--smoke-test"])
    )
