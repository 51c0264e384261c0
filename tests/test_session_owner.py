"""The resume banner offers only one's own conversations (issue 20), on SQLite and PostgreSQL.

A session's owner is the account that started it; sessions from before migration 0008 have
none and stay in the list without being offered to anyone. Session files do not carry it.
"""

from __future__ import annotations

import json

import psycopg
import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from intake_app.bootstrap.context import AppContext, build_context
from intake_app.core.security import Role
from intake_app.services.session_file import to_document
from intake_app.storage.database import create_database_engine
from intake_app.storage.migrate import alembic_config
from intake_app.storage.opening import open_storage
from intake_app.storage.pg_roles import setup_roles

ADMIN_PW = "beheer-wachtwoord-1"
PW = "een goed wachtwoord"


def _as(context: AppContext, name: str, password: str = PW) -> AppContext:
    """Log out whoever is in, log ``name`` in, and compose that role's services."""
    context.security.accounts.logout()
    context.security.accounts.login(name, password)
    return context.for_current_user()


def _team(context: AppContext) -> AppContext:
    context.security.accounts.create_first_admin("anna", "Anna", ADMIN_PW)
    context.security.accounts.add_user("bert", "Bert", Role.VOLUNTEER, PW)
    context.security.accounts.add_user("carla", "Carla", Role.COUNSELLOR, PW)
    return context


def test_each_user_is_offered_only_their_own_unfinished_conversation(any_context) -> None:
    _team(any_context)
    anna = _as(any_context, "anna", ADMIN_PW)
    own = anna.intake.start_session("nl")
    bert = _as(any_context, "bert")
    assert bert.intake.latest_unfinished() is None  # Anna's conversation is not his
    his = bert.intake.start_session("ar")
    assert bert.intake.latest_unfinished().code == his.code
    carla = _as(any_context, "carla")
    assert carla.intake.latest_unfinished() is None
    # Everyone still sees every conversation in the list.
    assert {i.code for i in carla.intake.session_page(0, 10).items} == {own.code, his.code}
    anna = _as(any_context, "anna", ADMIN_PW)
    assert anna.intake.latest_unfinished().code == own.code  # newer, but Bert's: not offered
    with any_context.storage.engine.connect() as connection:
        owners = dict(connection.execute(text("SELECT code, owner FROM intake_session")).all())
    assert owners == {own.code: "anna", his.code: "bert"}


def test_sessions_without_an_owner_are_listed_but_offered_to_nobody(any_context) -> None:
    _team(any_context)
    anna = _as(any_context, "anna", ADMIN_PW)
    old = anna.intake.start_session("nl")
    with any_context.storage.engine.begin() as connection:
        connection.execute(text("UPDATE intake_session SET owner = NULL"))
    assert anna.intake.latest_unfinished() is None
    assert [i.code for i in anna.intake.session_page(0, 10).items] == [old.code]
    assert any_context.storage.sessions.latest_unfinished(None) is None


def test_the_owner_is_not_in_a_session_file(any_context) -> None:
    _team(any_context)
    carla = _as(any_context, "carla")
    state = carla.intake.start_session("nl")
    document = to_document(any_context.storage.sessions.get_session(state.id))
    assert "owner" not in json.dumps(document)
    assert "carla" not in json.dumps(document)


def test_sessions_from_before_0008_get_no_owner(any_db_url: str) -> None:
    engine = create_engine(any_db_url)
    try:
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0006_print_choices")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO intake_session (code, created_at, updated_at, client_language, "
                    "status, current_card, practice) VALUES "
                    "('K-OLD1-AB', '2026-05-01', '2026-05-01', 'nl', 'active', 'income', false)"
                )
            )
    finally:
        engine.dispose()
    storage = open_storage(any_db_url)
    try:
        with storage.engine.connect() as connection:
            assert connection.execute(text("SELECT owner FROM intake_session")).all() == [(None,)]
        assert storage.sessions.latest_unfinished("anna") is None
        new = storage.sessions.create_session(client_language="nl", owner="anna")
        storage.sessions.update_session(new.id, current_card="income")
        assert storage.sessions.latest_unfinished("anna") is not None
    finally:
        storage.close()


@pytest.mark.postgres
def test_server_grants_let_writers_keep_the_owner_and_hide_it_from_coordinators(
    pg_url: str, tmp_path
) -> None:
    """After ``db setup-roles`` the column works under a volunteer's login and a
    coordinator's login cannot read it (who worked with whom is not a figure)."""
    _team(build_context(db_url=pg_url, data_dir=tmp_path)).close()
    engine = create_database_engine(pg_url)
    try:
        setup_roles(engine)
    finally:
        engine.dispose()
    volunteer = build_context(db_url=_server_login(pg_url, "o_volunteer", "intake_volunteer"),
                              data_dir=tmp_path)  # fmt: skip
    try:
        bert = _as(volunteer, "bert")
        state = bert.intake.start_session("nl")
        card = bert.intake.flow.first_card()
        bert.intake.answer(state.id, card.id, [card.options[0].id])
        assert bert.intake.latest_unfinished().code == state.code
    finally:
        volunteer.close()
    coordinator = _server_login(pg_url, "o_coordinator", "intake_coordinator")
    parsed = make_url(coordinator)
    with (
        psycopg.connect(
            host=parsed.host,
            port=parsed.port,
            user=parsed.username,
            dbname=parsed.database,
            autocommit=True,
        ) as connection,  # fmt: skip
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute("SELECT owner FROM intake_session")


def _server_login(url: str, name: str, group: str) -> str:
    """A server login in ``group`` (trust authentication on the throwaway server)."""
    parsed = make_url(url)
    with psycopg.connect(
        host=parsed.host, port=parsed.port, user=parsed.username, dbname=parsed.database,
        autocommit=True,
    ) as connection:  # fmt: skip
        if not connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
            connection.execute(f'CREATE ROLE "{name}" LOGIN')  # type: ignore[arg-type]
        connection.execute(f'GRANT {group} TO "{name}"')  # type: ignore[arg-type]
    return parsed.set(username=name).render_as_string(hide_password=False)
