"""``intake-admin users``: the password asked twice, and the refusals an admin can meet."""

from __future__ import annotations

import io

import pytest

from intake_app.cli.main import main
from intake_app.core.security import Role

ADMIN_PW = "beheer-wachtwoord-1"
PW = "een goed wachtwoord"


@pytest.fixture
def admin_db(context, db_url, monkeypatch) -> str:
    context.security.accounts.create_first_admin("beheer", "Anna", ADMIN_PW)
    context.security.accounts.add_user("fatima", "Fatima", Role.VOLUNTEER, PW)
    monkeypatch.setenv("INTAKE_APP_PASSWORD", ADMIN_PW)
    return db_url


def _typed(monkeypatch: pytest.MonkeyPatch, *answers: str) -> None:
    given = iter(answers)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(given))


def test_the_new_password_is_asked_twice(admin_db, monkeypatch, capsys) -> None:
    base = ["--db", admin_db, "--user", "beheer", "users"]
    _typed(monkeypatch, "wachtwoord nummer 1", "wachtwoord nummer 2")
    assert main([*base, "add", "sanne", "--role", "counsellor"]) == 2
    assert "niet gelijk" in capsys.readouterr().err
    _typed(monkeypatch, "wachtwoord nummer 1", "wachtwoord nummer 1")
    assert main([*base, "add", "sanne", "--role", "counsellor", "--name", "Sanne"]) == 0
    assert "sanne (counsellor)" in capsys.readouterr().out
    monkeypatch.setenv("INTAKE_APP_PASSWORD", "wachtwoord nummer 1")
    assert main(["--db", admin_db, "--user", "sanne", "sessions", "list"]) == 0


def test_password_from_stdin_and_the_policy(admin_db, monkeypatch, capsys) -> None:
    base = ["--db", admin_db, "--user", "beheer", "users", "add"]
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert main([*base, "ali", "--role", "volunteer", "--password-stdin"]) == 2
    assert "minstens 10" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("lang genoeg wachtwoord\r\n"))
    assert main([*base, "ali", "--role", "volunteer", "--password-stdin"]) == 0
    monkeypatch.setenv("INTAKE_APP_PASSWORD", "lang genoeg wachtwoord")
    assert main(["--db", admin_db, "--user", "ali", "sessions", "list"]) == 0


def test_a_volunteer_is_refused_before_typing_a_password(admin_db, monkeypatch, capsys) -> None:
    monkeypatch.setenv("INTAKE_APP_PASSWORD", PW)

    def never(prompt: str = "") -> str:
        raise AssertionError("asked for a password")

    monkeypatch.setattr("getpass.getpass", never)
    assert main(["--db", admin_db, "--user", "fatima", "users", "add", "x", "--role", "admin"]) == 2
    assert "Dit mag u niet doen" in capsys.readouterr().err


def test_admin_refusals_are_one_sentence(admin_db, capsys) -> None:
    base = ["--db", admin_db, "--user", "beheer", "users"]
    assert main([*base, "remove", "beheer"]) == 2
    assert "eigen account" in capsys.readouterr().err
    assert main([*base, "set-role", "beheer", "volunteer"]) == 2
    assert "eigen rol" in capsys.readouterr().err
    # A name typed wrong (perhaps a password in the wrong field) is not repeated.
    assert main([*base, "remove", "GeheimWachtwoord1"]) == 2
    err = capsys.readouterr().err
    assert "geen account" in err and "geheim" not in err.lower()
    assert main([*base, "set-role", "fatima", "coordinator"]) == 0
    assert main([*base, "list"]) == 0
    assert "coordinator" in capsys.readouterr().out
