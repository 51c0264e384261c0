"""``intake-admin backup …`` and ``db check`` on the encrypted default file and on plain files.

The CLI runs as a subprocess with an empty HOME: everything must go to ``--data-dir``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from intake_app.bootstrap.security import DatabaseGate
from intake_app.cli.main import main as admin
from intake_app.core.security import Role
from intake_app.storage.backup import list_backups, make_backup
from intake_app.storage.database import sqlite_url
from intake_app.storage.encryption import looks_plain
from intake_app.storage.opening import open_storage

REPO = Path(__file__).resolve().parents[1]
ADMIN_PW = "beheer-wachtwoord-1"
PW = "een goed wachtwoord"


def _env(home: Path, password: str = ADMIN_PW) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("INTAKE_APP_", "XDG_"))
    }
    env.update(HOME=str(home), PYTHONPATH=str(REPO), INTAKE_APP_PASSWORD=password)
    return env


def _cli(home: Path, *argv: str, password: str = ADMIN_PW) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "intake_app.cli.main", *argv],
        capture_output=True, text=True, env=_env(home, password), cwd=REPO, check=False,
    )  # fmt: skip


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("INTAKE_APP_DB_URL", "INTAKE_APP_ENCRYPT", "INTAKE_APP_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)


def test_encrypted_backup_round_trip_from_the_cli(tmp_path: Path, clean_env: None) -> None:
    data, home = tmp_path / "data", tmp_path / "home"
    home.mkdir()
    context = DatabaseGate(data_dir=data).open_first_run("beheer", "Anna", ADMIN_PW)
    kept = context.intake.start_session("ar").code
    context.close()
    user = ["--data-dir", str(data), "--user", "beheer"]

    made = _cli(home, *user, "backup", "make")
    assert made.returncode == 0, made.stderr
    backups = list_backups(data / "intake.db")
    hand = [b for b in backups if b.path.name.endswith("-hand.db")]
    assert len(hand) == 1 and not looks_plain(hand[0].path)  # encrypted like the database
    assert not list((data / "backups").glob("*.partial"))
    listed = _cli(home, *user, "backup", "list")
    assert listed.returncode == 0 and hand[0].path.name in listed.stdout
    verified = _cli(home, *user, "backup", "verify")
    assert verified.returncode == 0 and "ONLEESBAAR" not in verified.stdout, verified.stdout

    # Work after the backup: a restore must name it before setting it aside.
    context = DatabaseGate(data_dir=data).open_with_login("beheer", ADMIN_PW)
    newer = context.intake.start_session("tr").code
    context.close()
    name = hand[0].path.name
    asked = _cli(home, *user, "backup", "restore", "--backup", name)
    assert asked.returncode == 2 and "--yes" in asked.stderr
    assert name in asked.stdout and newer in asked.stdout and "UTC" in asked.stdout
    done = _cli(home, *user, "backup", "restore", "--backup", name, "--yes")
    assert done.returncode == 0, done.stderr
    aside = [p for p in data.glob("intake.db.aside-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and not looks_plain(aside[0])

    sessions = _cli(home, *user, "sessions", "list")
    assert sessions.returncode == 0 and kept in sessions.stdout and newer not in sessions.stdout
    audit = _cli(home, *user, "audit", "list")
    assert "backup_restored" in audit.stdout and f"backup:{name}" in audit.stdout
    assert "backup_made" not in audit.stdout  # the restored file is from before `backup make`
    assert os.listdir(home) == []


def test_every_cli_command_with_data_dir_leaves_home_empty(tmp_path: Path, clean_env: None) -> None:
    data, home = tmp_path / "data", tmp_path / "home"
    home.mkdir()
    context = DatabaseGate(data_dir=data).open_first_run("beheer", "Anna", ADMIN_PW)
    session = context.intake.start_session("nl")
    context.close()
    out = tmp_path / "out"
    out.mkdir()
    user = ["--data-dir", str(data), "--user", "beheer"]
    commands = [
        [*user, "sessions", "list"],
        [*user, "sessions", "export", str(session.id), "--out", str(out / "s.json")],
        [*user, "summary", str(session.id), "--kind", "client", "--out", str(out / "s.pdf")],
        [*user, "sessions", "erase", str(session.id), "--yes"],
        [*user, "sessions", "import", str(out / "s.json")],
        [*user, "retention", "show"],
        [*user, "retention", "set", "400"],
        [*user, "retention", "apply"],
        [*user, "backup", "make"],
        [*user, "backup", "list"],
        [*user, "backup", "verify"],
        [*user, "backup", "keep", "5"],
        [*user, "backup", "restore", "--yes"],
        [*user, "db", "check"],
        [*user, "languages", "list"],
        [*user, "languages", "offer", "nl", "tr"],
        [*user, "stats", "export", "--from", "2026-01", "--to", "2026-12",
         "--out", str(out / "stats.csv")],
        ["--data-dir", str(data), "stats", "merge", str(out / "stats.csv"),
         str(out / "stats.csv"), "--out", str(out / "merged.csv")],
        [*user, "audit", "list"],
        ["--data-dir", str(data), "content", "check"],
    ]  # fmt: skip
    # One interpreter runs every command in turn (imports paid once), as a separate process.
    script = (
        "import json, sys\n"
        "from intake_app.cli.main import main\n"
        "codes = [main(argv) for argv in json.loads(sys.argv[1])]\n"
        "print('CODES', json.dumps(codes))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(commands)],
        capture_output=True, text=True, env=_env(home), cwd=REPO, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    codes = json.loads(result.stdout.rsplit("CODES", 1)[1])
    assert codes == [0] * len(commands), (codes, result.stderr)
    assert "Traceback" not in result.stderr
    assert sorted(os.listdir(home)) == []
    assert not (tmp_path / "home" / ".local").exists()


def test_backup_and_check_never_create_a_database(tmp_path: Path, clean_env: None, capsys) -> None:
    missing = tmp_path / "nowhere.db"
    for argv in (["db", "check"], ["backup", "list"], ["backup", "make"], ["backup", "restore"]):
        assert admin(["--db", sqlite_url(missing), *argv]) == 2
        err = capsys.readouterr().err
        assert "Er is geen database" in err and "Traceback" not in err
        assert not missing.exists()
    data = tmp_path / "data"
    data.mkdir()
    assert admin(["--data-dir", str(data), "backup", "make"]) == 2
    assert os.listdir(data) == []


def test_environment_variable_chooses_the_database_for_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    path = tmp_path / "env.db"
    open_storage(sqlite_url(path)).close()
    monkeypatch.setenv("INTAKE_APP_DB_URL", sqlite_url(path))
    assert admin(["--data-dir", str(tmp_path / "elsewhere"), "backup", "make"]) == 0
    assert len(list_backups(path)) == 2  # the start-up backup and this one
    assert not (tmp_path / "elsewhere" / "intake.db").exists()


def test_restore_is_refused_without_an_admin_and_audited_with_one(
    tmp_path: Path, clean_env: None, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    path = tmp_path / "intake.db"
    url = sqlite_url(path)
    gate = DatabaseGate(db_url=url, data_dir=tmp_path)
    context = gate.open_first_run("beheer", "Anna", ADMIN_PW)
    context.security.accounts.add_user("fatima", "Fatima", Role.COUNSELLOR, PW)
    before = context.intake.start_session("ar").code
    backup = make_backup(path, reason="test")
    after = context.intake.start_session("tr").code
    context.close()

    monkeypatch.setenv("INTAKE_APP_PASSWORD", PW)
    for action in (["restore", "--yes"], ["make"], ["list"]):
        assert admin(["--db", url, "--user", "fatima", "backup", *action]) == 2
        err = capsys.readouterr().err
        assert "Dit mag u niet doen" in err and "Traceback" not in err
    assert not list(tmp_path.glob("intake.db.aside-*"))

    monkeypatch.setenv("INTAKE_APP_PASSWORD", ADMIN_PW)
    assert admin(["--db", url, "--user", "beheer", "audit", "list"]) == 0
    out = capsys.readouterr().out
    assert "access_denied" in out and f"backup:{backup.name}" in out

    assert admin(["--db", url, "--user", "beheer", "backup", "restore", "--yes"]) == 0
    shown = capsys.readouterr().out
    assert backup.name in shown and after in shown
    assert admin(["--db", url, "--user", "beheer", "sessions", "list"]) == 0
    listed = capsys.readouterr().out
    assert before in listed and after not in listed
    assert admin(["--db", url, "--user", "beheer", "audit", "list"]) == 0
    out = capsys.readouterr().out
    assert "backup_restored" in out and f"backup:{backup.name}" in out and "beheer" in out
    # The replaced file was kept aside, with the newer conversation in it.
    aside = next(tmp_path.glob("intake.db.aside-*"))
    kept = open_storage(sqlite_url(aside))
    try:
        assert after in {s.code for s in kept.sessions.list_sessions()}
    finally:
        kept.close()


def test_a_volunteer_cannot_restore_over_a_damaged_file_either(
    tmp_path: Path, clean_env: None, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    path = tmp_path / "intake.db"
    url = sqlite_url(path)
    context = DatabaseGate(db_url=url, data_dir=tmp_path).open_first_run("beheer", "A", ADMIN_PW)
    context.security.accounts.add_user("fatima", "Fatima", Role.VOLUNTEER, PW)
    context.close()
    make_backup(path, reason="test")
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    path.write_bytes(b"\x00kapot" * 700)
    monkeypatch.setenv("INTAKE_APP_PASSWORD", PW)
    assert admin(["--db", url, "--user", "fatima", "backup", "restore", "--yes"]) == 2
    assert "Dit mag u niet doen" in capsys.readouterr().err
    assert path.read_bytes() == b"\x00kapot" * 700  # undone: the damaged file is back
    monkeypatch.setenv("INTAKE_APP_PASSWORD", ADMIN_PW)
    assert admin(["--db", url, "--user", "beheer", "backup", "restore", "--yes"]) == 0
    assert admin(["--db", url, "--user", "beheer", "audit", "list"]) == 0
    assert "backup_restored" in capsys.readouterr().out
    assert next(tmp_path.glob("intake.db.damaged-*")).read_bytes() == b"\x00kapot" * 700


def test_encrypting_a_plain_database_leaves_no_plain_copy(tmp_path: Path, clean_env: None) -> None:
    from intake_app.storage.backup import is_healthy

    database = tmp_path / "intake.db"
    storage = open_storage(sqlite_url(database))
    session = storage.sessions.create_session(client_language="nl")
    storage.sessions.update_session(session.id, first_name="Zeynep")
    storage.close()
    first = make_backup(database, reason="test")
    (tmp_path / "intake.db.damaged-20260101T000000000000Z").write_bytes(first.read_bytes())
    (tmp_path / "backups" / "intake-20260101T000000000000Z-start.db.123-ab.partial").write_bytes(
        first.read_bytes()
    )
    context = DatabaseGate(data_dir=tmp_path).open_first_run("beheer", "Anna", ADMIN_PW)
    context.close()
    key = DatabaseGate(data_dir=tmp_path).keystore.unlock("beheer", ADMIN_PW)  # type: ignore[union-attr]
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"Zeynep" not in path.read_bytes(), path
    assert is_healthy(first, key)  # still a usable backup, now encrypted
    assert not list(tmp_path.rglob("*.partial"))
