"""Accounts, roles, lock-out, audit and consent through the real services and SQLite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from intake_app.bootstrap.context import AppContext, build_context
from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.errors import IntakeError
from intake_app.core.model import ConsentPurpose, Note
from intake_app.core.security import (
    AccessDeniedError,
    AuthenticationError,
    LockedOutError,
    PasswordPolicyError,
    Permission,
    Role,
)
from intake_app.core.text_hygiene import InvalidTextError
from intake_app.services.consent import ConsentRequiredError

ADMIN_PW = "beheer-wachtwoord-1"
PW = "een goed wachtwoord"


def _with_admin(context: AppContext) -> AppContext:
    context.security.accounts.create_first_admin("Beheer", "Beheerder", ADMIN_PW)
    return context


def test_passwords_are_stored_as_argon2id(context: AppContext) -> None:
    _with_admin(context)
    with context.storage.engine.connect() as connection:
        stored = connection.execute(text("SELECT password_hash FROM user_account")).scalar()
    assert stored.startswith("$argon2id$")
    assert ADMIN_PW not in stored


def test_first_admin_only_once_and_password_rules(context: AppContext) -> None:
    accounts = context.security.accounts
    assert accounts.needs_first_admin()
    with pytest.raises(PasswordPolicyError):
        accounts.create_first_admin("beheer", "B", "kort")
    user = accounts.create_first_admin("Beheer", "Beheerder", ADMIN_PW)
    assert user.role is Role.ADMIN and user.username == "beheer"
    with pytest.raises(IntakeError):
        accounts.create_first_admin("nog-een", "X", ADMIN_PW)


def test_login_and_lockout_delay(context: AppContext) -> None:
    accounts = _with_admin(context).security.accounts
    accounts.logout()
    now = datetime.now(UTC)
    for _ in range(3):
        with pytest.raises(AuthenticationError):
            accounts.login("beheer", "verkeerd", now=now)
    with pytest.raises(LockedOutError) as caught:
        accounts.login("beheer", ADMIN_PW, now=now + timedelta(seconds=1))
    assert "seconden" in caught.value.render(lambda s: s)
    assert accounts.login("BEHEER", ADMIN_PW, now=now + timedelta(seconds=31)).role is Role.ADMIN
    with pytest.raises(AuthenticationError):
        accounts.login("onbekend", ADMIN_PW)


def test_password_change_needs_the_old_one(context: AppContext) -> None:
    accounts = _with_admin(context).security.accounts
    with pytest.raises(AuthenticationError):
        accounts.change_password("fout", "nieuw wachtwoord 123")
    accounts.change_password(ADMIN_PW, "nieuw wachtwoord 123")
    accounts.logout()
    with pytest.raises(AuthenticationError):
        accounts.login("beheer", ADMIN_PW)
    accounts.login("beheer", "nieuw wachtwoord 123")


def test_coordinator_sees_no_session_content(context: AppContext) -> None:
    security = _with_admin(context).security
    session = context.intake.start_session("ar")
    security.accounts.add_user("coord", "Coördinator", Role.COORDINATOR, PW)
    security.accounts.logout()
    security.accounts.login("coord", PW)
    with pytest.raises(AccessDeniedError):
        context.intake.open_session(session.id)
    with pytest.raises(AccessDeniedError):
        context.intake.list_sessions()
    with pytest.raises(AccessDeniedError):
        context.intake.answer(session.id, "primary_question", ["rent"])
    with pytest.raises(AccessDeniedError):
        security.audit.entries()
    with pytest.raises(AccessDeniedError):
        security.accounts.add_user("x", "X", Role.ADMIN, PW)
    assert security.access.may(Permission.VIEW_STATISTICS)
    assert security.access.may(Permission.MANAGE_DIRECTORY)


def test_volunteer_works_but_cannot_erase_or_see_the_audit(context: AppContext) -> None:
    security = _with_admin(context).security
    security.accounts.add_user("fatima", "Fatima", Role.VOLUNTEER, PW)
    security.accounts.logout()
    security.accounts.login("fatima", PW)
    state = context.intake.start_session("ti")
    context.intake.answer(state.id, "primary_question", ["rent"])
    with pytest.raises(AccessDeniedError):
        security.sessions.delete_session(state.id)
    with pytest.raises(AccessDeniedError):
        security.audit.entries()


def test_nobody_logged_in_means_no_access(db_url: str, tmp_path: Path) -> None:
    first = build_context(db_url=db_url, data_dir=tmp_path)
    _with_admin(first)
    first.close()
    again = build_context(db_url=db_url, data_dir=tmp_path)  # accounts exist: no system user
    try:
        with pytest.raises(AccessDeniedError):
            again.intake.list_sessions()
    finally:
        again.close()


def test_audit_records_who_did_what_but_never_note_text(context: AppContext, tmp_path) -> None:
    security = _with_admin(context).security
    state = context.intake.start_session("nl")
    context.intake.answer(state.id, "primary_question", ["rent"])
    security.sessions.add_note(state.id, Note("Geheim: ruzie met broer", datetime.now(UTC)))
    context.summaries.write(state.id, "client", tmp_path / "s.pdf")
    context.consent.give(state.id, ConsentPurpose.HANDOVER_FORMAL)
    context.consent.revoke(state.id, ConsentPurpose.HANDOVER_FORMAL)
    security.sessions.delete_session(state.id)
    entries = security.audit.entries()
    actions = [(e.actor, e.action, e.target) for e in reversed(entries)]
    target = f"session:{state.id}"
    for wanted in ("opened", "changed", "printed", "consent_given", "consent_revoked", "erased"):
        assert ("beheer", wanted, target) in actions, wanted
    assert ("beheer", "logged_in", "user:beheer") in actions
    with context.storage.engine.connect() as connection:
        dump = " ".join(
            str(row) for row in connection.execute(text("SELECT * FROM audit_event")).all()
        )
    assert "Geheim" not in dump and "ruzie" not in dump


def test_consent_per_purpose_blocks_handover_until_given(context: AppContext) -> None:
    from intake_app.services.consent import require_handover_consent

    _with_admin(context)
    state = context.intake.start_session("ar")
    context.consent.give(state.id, ConsentPurpose.STORAGE)
    with pytest.raises(ConsentRequiredError) as caught:
        context.consent.require_handover(state.id)
    assert "toestemming" in str(caught.value)
    status = context.consent.give(state.id, ConsentPurpose.SHARING_INFORMAL)
    assert status[ConsentPurpose.SHARING_INFORMAL] and status[ConsentPurpose.STORAGE]
    context.consent.require_handover(state.id)
    context.consent.revoke(state.id, ConsentPurpose.SHARING_INFORMAL)
    with pytest.raises(ConsentRequiredError):
        require_handover_consent(context.storage.sessions.get_session(state.id))
    assert context.consent.status(state.id)[ConsentPurpose.STORAGE]  # others untouched


def test_services_clean_text_before_storage(context: AppContext) -> None:
    security = _with_admin(context).security
    state = context.intake.start_session("ar")
    security.sessions.update_session(state.id, first_name="\u202eمريم\u202c\u0007")
    assert context.storage.sessions.get_session(state.id).first_name == "مريم"
    with pytest.raises(InvalidTextError):
        security.sessions.update_session(state.id, first_name="a\x00b")
    with pytest.raises(InvalidTextError):
        security.sessions.add_note(state.id, Note("x" * 4001, datetime.now(UTC)))


FORBIDDEN = (
    "bsn", "burgerservice", "ethnic", "etnic", "origin", "afkomst", "religion", "geloof",
    "nationality", "nationaliteit", "race", "birth_country", "geboorteland",
)  # fmt: skip


def test_schema_has_no_special_category_fields(context: AppContext) -> None:
    inspector = inspect(context.storage.engine)
    names = []
    for table in inspector.get_table_names():
        names.append(table)
        names += [f"{table}.{column['name']}" for column in inspector.get_columns(table)]
    assert "user_account.role" in names and "audit_event.actor" in names
    offenders = [n for n in names if any(word in n.lower() for word in FORBIDDEN)]
    assert offenders == []


def test_gate_for_an_explicit_plain_url_keeps_the_file_plain(db_url: str, tmp_path) -> None:
    gate = DatabaseGate(db_url=db_url, data_dir=tmp_path)
    assert not gate.encrypted and gate.needs_first_admin()
    context = gate.open_first_run("beheer", "B", ADMIN_PW)
    context.close()
    assert (tmp_path / "intake.db").read_bytes()[:15] == b"SQLite format 3"


def test_gate_default_file_is_encrypted_and_login_opens_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("INTAKE_APP_DB_URL", raising=False)
    gate = DatabaseGate(data_dir=tmp_path)
    assert gate.encrypted and gate.needs_first_admin()
    context = gate.open_first_run("Beheer", "Beheerder", ADMIN_PW)
    context.security.accounts.add_user("fatima", "Fatima", Role.VOLUNTEER, PW)
    state = context.intake.start_session("ar")
    context.security.sessions.update_session(state.id, first_name="Testnaam-Qadira")
    context.close()
    assert b"Testnaam-Qadira" not in (tmp_path / "intake.db").read_bytes()

    again = DatabaseGate(data_dir=tmp_path)
    assert not again.needs_first_admin()
    with pytest.raises(AuthenticationError):
        again.open_with_login("fatima", "verkeerd wachtwoord")
    volunteer = again.open_with_login("Fatima", PW)  # her own password opens the same file
    try:
        assert [s.code for s in volunteer.intake.list_sessions()] == [state.code]
        assert volunteer.security.access.user is not None
        assert volunteer.security.access.user.role is Role.VOLUNTEER
    finally:
        volunteer.close()


def test_an_old_plain_default_file_is_encrypted_at_first_run(tmp_path: Path, monkeypatch) -> None:
    from intake_app.storage.database import sqlite_url
    from intake_app.storage.opening import open_storage

    monkeypatch.delenv("INTAKE_APP_DB_URL", raising=False)
    old = open_storage(sqlite_url(tmp_path / "intake.db"))
    code = old.sessions.create_session(client_language="pl").code
    old.close()
    context = DatabaseGate(data_dir=tmp_path).open_first_run("beheer", "B", ADMIN_PW)
    try:
        assert [s.code for s in context.intake.list_sessions()] == [code]
    finally:
        context.close()
    assert code.encode() not in (tmp_path / "intake.db").read_bytes()


def test_missing_or_broken_keys_file_is_one_sentence_and_touches_nothing(
    tmp_path: Path, monkeypatch
) -> None:
    from intake_app.core.errors import StorageError

    monkeypatch.delenv("INTAKE_APP_DB_URL", raising=False)
    DatabaseGate(data_dir=tmp_path).open_first_run("beheer", "B", ADMIN_PW).close()
    keys = tmp_path / "intake.db.keys.json"
    before = (tmp_path / "intake.db").read_bytes()

    keys.write_text("{niet: json")
    with pytest.raises(StorageError) as broken:
        DatabaseGate(data_dir=tmp_path).needs_first_admin()
    assert "kan niet worden gelezen" in str(broken.value)

    keys.unlink()
    gate = DatabaseGate(data_dir=tmp_path)
    with pytest.raises(StorageError) as missing:
        gate.needs_first_admin()
    assert "ontbreekt" in str(missing.value)
    with pytest.raises(StorageError):
        gate.open_first_run("nieuw", "N", ADMIN_PW)
    assert not keys.exists()
    assert (tmp_path / "intake.db").read_bytes() == before


def test_consent_texts_are_short_and_have_pictograms() -> None:
    import re

    from intake_app.content.pictograms import exists
    from intake_app.services.consent import PURPOSES, WHAT_WE_KEEP

    texts = [(i.pictogram, i.text) for i in WHAT_WE_KEEP]
    texts += [(p.pictogram, p.question) for p in PURPOSES]
    assert {p.purpose for p in PURPOSES} == set(ConsentPurpose)
    for pictogram, message in texts:
        assert exists(pictogram), pictogram
        for sentence in re.split(r"(?<=[.?!])\s+", message):
            assert len(sentence.split()) <= 15, sentence
        assert "schuld" not in message.lower()


def test_wrong_passwords_before_unlock_reach_the_audit_log(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("INTAKE_APP_DB_URL", raising=False)
    DatabaseGate(data_dir=tmp_path).open_first_run("beheer", "B", ADMIN_PW).close()
    gate = DatabaseGate(data_dir=tmp_path)
    for _ in range(2):
        with pytest.raises(AuthenticationError):
            gate.open_with_login("beheer", "niet goed genoeg")
    context = gate.open_with_login("beheer", ADMIN_PW)
    try:
        failed = [e for e in context.security.audit.entries() if e.action == "login_failed"]
        assert [(e.target, e.detail) for e in failed] == [("user:beheer", "2x")]
    finally:
        context.close()
