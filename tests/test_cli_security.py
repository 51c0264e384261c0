"""``intake-admin`` with accounts: log-in, the audit list for admins, the encrypted file."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake_app.bootstrap.security import DatabaseGate
from intake_app.cli.main import main
from intake_app.core.security import Role

ADMIN_PW = "beheer-wachtwoord-1"
PW = "een goed wachtwoord"


def test_audit_list_for_the_admin_only(context, db_url, monkeypatch, capsys) -> None:
    accounts = context.security.accounts
    accounts.create_first_admin("beheer", "Anna", ADMIN_PW)
    accounts.add_user("fatima", "Fatima", Role.VOLUNTEER, PW)
    state = context.intake.start_session("ar")

    assert main(["--db", db_url, "sessions", "list"]) == 2
    assert "--user" in capsys.readouterr().err

    monkeypatch.setenv("INTAKE_APP_PASSWORD", ADMIN_PW)
    assert main(["--db", db_url, "--user", "beheer", "audit", "list"]) == 0
    out = capsys.readouterr().out
    assert "user_added" in out and "logged_in" in out and f"session:{state.id}" in out

    monkeypatch.setenv("INTAKE_APP_PASSWORD", PW)
    assert main(["--db", db_url, "--user", "fatima", "audit", "list"]) == 2
    err = capsys.readouterr().err
    assert "Dit mag u niet doen" in err and "Traceback" not in err
    monkeypatch.setenv("INTAKE_APP_PASSWORD", PW)  # read once per command, then removed
    assert main(["--db", db_url, "--user", "fatima", "sessions", "list"]) == 0
    assert state.code in capsys.readouterr().out


def test_encrypted_default_file_needs_the_right_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.delenv("INTAKE_APP_DB_URL", raising=False)
    assert main(["--data-dir", str(tmp_path), "sessions", "list"]) == 2
    assert "nog geen beheerder" in capsys.readouterr().err
    DatabaseGate(data_dir=tmp_path).open_first_run("beheer", "Anna", ADMIN_PW).close()
    monkeypatch.setenv("INTAKE_APP_PASSWORD", "helemaal verkeerd")
    assert main(["--data-dir", str(tmp_path), "--user", "beheer", "sessions", "list"]) == 2
    assert "klopt niet" in capsys.readouterr().err
    monkeypatch.setenv("INTAKE_APP_PASSWORD", ADMIN_PW)
    assert main(["--data-dir", str(tmp_path), "--user", "beheer", "sessions", "list"]) == 0
    assert "Nog geen gesprekken" in capsys.readouterr().out
