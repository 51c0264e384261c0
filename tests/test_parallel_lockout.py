"""Lock-out under parallel tries, and how ``intake-admin`` takes a password.

Eight wrong log-ins started at once, as eight real ``intake-admin`` processes: every one is
counted and the lock-out is in force afterwards, on the encrypted file (the count lives in
``<db>.keys.json``) and on a plain database with accounts (the count is a table column).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from intake_app.bootstrap.context import build_context
from intake_app.bootstrap.security import DatabaseGate
from intake_app.cli.main import main
from intake_app.core.security import LockedOutError
from intake_app.storage.database import sqlite_url
from intake_app.storage.keys import keys_path

ADMIN_PW = "beheer-wachtwoord-1"
PARALLEL = 8


def _cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTAKE_APP_")}
    env.update(extra)
    return env


def _password_file(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / f"pw-{mode:o}"
    path.write_text(text + "\n", encoding="utf-8")
    path.chmod(mode)
    return path


def _parallel(args: list[str], env: dict[str, str]) -> list[subprocess.CompletedProcess[str]]:
    """Start all processes first, then wait: they really run at the same time."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "intake_app.cli.main", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        for _ in range(PARALLEL)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def _assert_refused_cleanly(results: list[subprocess.CompletedProcess[str]]) -> None:
    for result in results:
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        # Each one was judged on its password (no "database is locked" or other failure).
        assert "klopt niet" in result.stderr or "Te vaak" in result.stderr, result.stderr


def test_eight_parallel_wrong_logins_on_the_encrypted_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("INTAKE_APP_DB_URL", raising=False)
    data = tmp_path / "data"
    gate = DatabaseGate(data_dir=data)
    gate.open_first_run("beheer", "Anna", ADMIN_PW).close()
    assert gate.file is not None
    wrong = _password_file(tmp_path, "helemaal verkeerd")
    results = _parallel(
        ["--data-dir", str(data), "--user", "beheer", "--password-file", str(wrong), "sessions",
         "list"],
        _cli_env(),
    )  # fmt: skip
    _assert_refused_cleanly(results)
    entry = json.loads(keys_path(gate.file).read_text())["users"]["beheer"]
    assert entry["failures"] == PARALLEL
    assert entry["locked_until"] is not None
    # In force: even the right password is refused now, without a new count.
    with pytest.raises(LockedOutError):
        DatabaseGate(data_dir=data).open_with_login("beheer", ADMIN_PW)
    after = json.loads(keys_path(gate.file).read_text())["users"]["beheer"]
    assert after["failures"] == PARALLEL
    assert sorted(p.name for p in keys_path(gate.file).parent.iterdir() if ".tmp" in p.name) == []


def test_eight_parallel_wrong_logins_on_a_plain_database(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "plain.db")
    context = build_context(db_url=url, data_dir=tmp_path / "d")
    try:
        context.security.accounts.create_first_admin("beheer", "Anna", ADMIN_PW)
    finally:
        context.close()
    # The second start makes the day's start-up backup now, so the eight log-ins below do
    # not all make one at once (parallel start-up backups are storage's business, issue 12).
    build_context(db_url=url, data_dir=tmp_path / "d").close()
    wrong = _password_file(tmp_path, "helemaal verkeerd")
    results = _parallel(
        ["--db", url, "--user", "beheer", "--password-file", str(wrong), "sessions", "list"],
        _cli_env(),
    )
    _assert_refused_cleanly(results)
    context = build_context(db_url=url, data_dir=tmp_path / "d")
    try:
        account = context.storage.accounts.get_account("beheer")
        assert account is not None
        assert account.failed_attempts == PARALLEL
        assert account.locked_until is not None
        with pytest.raises(LockedOutError):
            context.security.accounts.login("beheer", ADMIN_PW)
    finally:
        context.close()


# -- how the password arrives ------------------------------------------------------------------
def test_password_file_must_be_owner_only(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("INTAKE_APP_DB_URL", raising=False)
    DatabaseGate(data_dir=tmp_path).open_first_run("beheer", "Anna", ADMIN_PW).close()
    loose = _password_file(tmp_path, ADMIN_PW, 0o644)
    args = ["--data-dir", str(tmp_path), "--user", "beheer", "sessions", "list"]
    assert main(["--password-file", str(loose), *args]) == 2
    assert "chmod 600" in capsys.readouterr().err
    tight = _password_file(tmp_path, ADMIN_PW, 0o600)
    assert main(["--password-file", str(tight), *args]) == 0
    assert "Nog geen gesprekken" in capsys.readouterr().out


def test_the_password_variable_is_read_once_and_removed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("INTAKE_APP_DB_URL", raising=False)
    DatabaseGate(data_dir=tmp_path).open_first_run("beheer", "Anna", ADMIN_PW).close()
    monkeypatch.setenv("INTAKE_APP_PASSWORD", ADMIN_PW)
    assert main(["--data-dir", str(tmp_path), "--user", "beheer", "sessions", "list"]) == 0
    assert "INTAKE_APP_PASSWORD" not in os.environ  # nor in any process started from here


def test_a_wrong_user_name_is_never_logged_as_typed(context, capsys) -> None:
    accounts = context.security.accounts
    accounts.create_first_admin("beheer", "Anna", ADMIN_PW)
    with pytest.raises(Exception, match="klopt niet"):
        accounts.login("Geheim-Wachtwoord-99", "x" * 12)
    targets = [entry.target for entry in context.security.audit.entries()]
    assert "user:?" in targets
    assert not any("geheim" in target.casefold() for target in targets)
