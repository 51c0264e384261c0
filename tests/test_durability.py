"""Backups, corrupt files, missing files, synced folders: nothing is lost, nothing is silent."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from intake_app.core.durability import CorruptDatabaseError, NoBackupError
from intake_app.core.errors import ConfigurationError
from intake_app.core.model import Answer, AnswerState
from intake_app.storage import opening
from intake_app.storage.backup import (
    is_healthy,
    list_backups,
    make_backup,
    restore_latest,
)
from intake_app.storage.database import sqlite_url
from intake_app.storage.location import location_warning, synced_service
from intake_app.storage.opening import open_storage


def _with_answer(path: Path, card: str = "primary_question") -> int:
    storage = open_storage(sqlite_url(path))
    try:
        session = storage.sessions.create_session(client_language="nl")
        storage.sessions.record_answer(
            session.id, Answer(card, AnswerState.ANSWERED, ("rent",)), next_card=None
        )
        return session.id
    finally:
        storage.close()


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_backup_holds_rows_still_in_the_wal_file(tmp_path: Path) -> None:
    path = tmp_path / "intake.db"
    storage = open_storage(sqlite_url(path))
    try:
        session = storage.sessions.create_session(client_language="ar")
        # The engine keeps its connection open: the row lives in intake.db-wal, not yet in
        # the main file. A file copy would miss it; the online backup must not.
        assert Path(f"{path}-wal").stat().st_size > 0
        backup = make_backup(path, reason="test")
    finally:
        storage.close()
    assert is_healthy(backup)
    assert backup.stat().st_mode & 0o077 == 0
    assert _rows(backup, "SELECT code FROM intake_session") == [(session.code,)]


def test_backups_rotate_to_the_configured_count(tmp_path: Path) -> None:
    path = tmp_path / "intake.db"
    _with_answer(path)
    for _ in range(5):
        make_backup(path, reason="test", keep=3)
    backups = list_backups(path)
    assert len(backups) == 3
    assert backups[0].made_at > backups[-1].made_at


def test_backup_count_comes_from_environment_or_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "intake.db"
    storage = open_storage(sqlite_url(path))
    try:
        assert opening.backup_count(storage.engine) == opening.DEFAULT_KEEP == 5
        storage.maintenance.set_setting("backup_count", "4")
        assert opening.backup_count(storage.engine) == 4
        monkeypatch.setenv("INTAKE_APP_BACKUP_COUNT", "2")
        assert opening.backup_count(storage.engine) == 2
        monkeypatch.setenv("INTAKE_APP_BACKUP_COUNT", "nul")
        with pytest.raises(ConfigurationError, match="heel getal"):
            opening.backup_count(storage.engine)
    finally:
        storage.close()


def test_start_makes_a_backup_before_a_migration(tmp_path: Path) -> None:
    path = tmp_path / "intake.db"
    _with_answer(path)
    # Pretend the file was written by a previous version of the app: the real downgrades.
    from alembic import command
    from sqlalchemy import create_engine

    from intake_app.storage.migrate import alembic_config

    engine = create_engine(sqlite_url(path))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003c_languages")
    engine.dispose()
    storage = open_storage(sqlite_url(path))
    storage.close()
    assert storage.migrated
    assert storage.backup_made is not None
    assert "voor-migratie" in storage.backup_made.name
    # The backup is the old schema, with the data, exactly as it was before migrating.
    assert _rows(storage.backup_made, "SELECT version_num FROM alembic_version") == [
        ("0003c_languages",)
    ]
    assert _rows(storage.backup_made, "SELECT count(*) FROM answer") == [(1,)]


def _damage(path: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing disk would."""
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset + 10 : offset + 600] = b"\xff" * 590
    path.write_bytes(bytes(data))


def _fill(path: Path) -> None:
    storage = open_storage(sqlite_url(path))
    try:
        for _ in range(40):
            session = storage.sessions.create_session(client_language="nl")
            storage.sessions.update_session(session.id, first_name="Test" * 10)
    finally:
        storage.close()
    connection = sqlite3.connect(path)  # fold the WAL into the main file
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def test_a_damaged_file_is_refused_with_the_latest_backup_named(tmp_path: Path) -> None:
    path = tmp_path / "intake.db"
    _fill(path)
    backup = make_backup(path, reason="test")
    _damage(path)
    damaged = path.read_bytes()
    with pytest.raises(CorruptDatabaseError) as caught:
        open_storage(sqlite_url(path))
    assert caught.value.latest_backup == backup
    assert "beschadigd" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == damaged  # nothing overwritten, no new empty database


def test_restore_latest_puts_the_backup_back_and_keeps_the_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "intake.db"
    session_id = _with_answer(path)
    make_backup(path, reason="test")
    path.write_bytes(b"garbage" * 1000)
    with pytest.raises(CorruptDatabaseError):
        open_storage(sqlite_url(path))
    used = restore_latest(path)
    assert used == list_backups(path)[0].path
    assert next(tmp_path.glob("intake.db.damaged-*")).read_bytes() == b"garbage" * 1000
    storage = open_storage(sqlite_url(path))
    try:
        assert storage.sessions.get_session(session_id).answers["primary_question"].value == (
            "rent",
        )
    finally:
        storage.close()


def test_restore_without_a_backup_says_so(tmp_path: Path) -> None:
    path = tmp_path / "intake.db"
    path.write_bytes(b"garbage" * 1000)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_storage(sqlite_url(path))
    assert caught.value.latest_backup is None
    with pytest.raises(NoBackupError):
        restore_latest(path)
    assert path.read_bytes() == b"garbage" * 1000


def test_a_missing_file_with_backups_is_not_silently_recreated(tmp_path: Path) -> None:
    path = tmp_path / "intake.db"
    _with_answer(path)
    make_backup(path, reason="test")
    for leftover in tmp_path.glob("intake.db*"):
        leftover.unlink()
    with pytest.raises(CorruptDatabaseError, match="verdwenen") as caught:
        open_storage(sqlite_url(path))
    assert not path.exists()
    assert caught.value.latest_backup is not None
    restore_latest(path)  # the way out the dialog offers
    storage = open_storage(sqlite_url(path))
    try:
        assert len(storage.sessions.list_sessions()) == 1
    finally:
        storage.close()


@pytest.mark.parametrize(
    ("folder", "service"),
    [
        ("/home/amira/OneDrive - Gemeente/intake", "OneDrive"),
        ("/Users/jan/Dropbox/werk", "Dropbox"),
        ("C:/Users/jan/Google Drive/x", "Google Drive"),
        ("/home/jan/Nextcloud/intake", "Nextcloud"),
        ("/Users/jan/Library/Mobile Documents/com~apple~CloudDocs", "iCloud"),
        ("/home/jan/.local/share/intake-app", None),
    ],
)
def test_synced_folders_are_recognised(folder: str, service: str | None) -> None:
    assert synced_service(Path(folder) / "intake.db") == service


def test_opening_in_a_synced_folder_warns(tmp_path: Path) -> None:
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    storage = open_storage(sqlite_url(folder / "intake.db"))
    storage.close()
    assert len(storage.warnings) == 1
    assert "Dropbox" in str(storage.warnings[0])
    assert location_warning(tmp_path / "intake.db") is None


def test_cli_names_the_way_out_and_restores(tmp_path: Path, capsys) -> None:
    from intake_app.cli.main import main as admin

    path = tmp_path / "intake.db"
    url = sqlite_url(path)
    session_id = _with_answer(path)
    assert admin(["--db", url, "backup", "make"]) == 0
    assert admin(["--db", url, "backup", "list"]) == 0
    assert "intake-" in capsys.readouterr().out
    path.write_bytes(b"\x00garbage" * 500)
    assert admin(["--db", url, "sessions", "list"]) == 2
    err = capsys.readouterr().err
    assert "beschadigd" in err
    assert "intake-admin backup restore" in err
    assert "Traceback" not in err
    assert admin(["--db", url, "backup", "restore"]) == 2  # shows what it would do, asks
    assert "--yes" in capsys.readouterr().err
    assert path.read_bytes() == b"\x00garbage" * 500
    assert admin(["--db", url, "backup", "restore", "--yes"]) == 0
    assert admin(["--db", url, "sessions", "list"]) == 0
    assert f"{session_id:>5}" in capsys.readouterr().out


def test_cli_warns_about_a_synced_folder(tmp_path: Path, capsys) -> None:
    from intake_app.cli.main import main as admin

    folder = tmp_path / "OneDrive - Stichting"
    folder.mkdir()
    assert admin(["--db", sqlite_url(folder / "intake.db"), "sessions", "list"]) == 0
    assert "OneDrive" in capsys.readouterr().err


def test_a_full_disk_loses_nothing_already_saved_and_says_so(tmp_path: Path) -> None:
    from sqlalchemy import event

    from intake_app.core.errors import StorageError

    path = tmp_path / "intake.db"
    storage = open_storage(sqlite_url(path))
    repo = storage.sessions
    session = repo.create_session(client_language="ar")
    repo.record_answer(
        session.id, Answer("primary_question", AnswerState.ANSWERED, ("rent",)), next_card="a"
    )
    limit = {"pages": 0}

    def cap(dbapi_connection, _record) -> None:
        if limit["pages"]:
            dbapi_connection.execute(f"PRAGMA max_page_count={limit['pages']}")

    event.listen(storage.engine, "connect", cap)
    storage.engine.dispose()  # new connections get the cap: the "disk" has no more room
    limit["pages"] = _rows(path, "PRAGMA page_count")[0][0]  # type: ignore[assignment]
    big = "x" * 3000
    with pytest.raises(StorageError, match="schijf is vol") as caught:
        for index in range(200):
            repo.record_answer(
                session.id, Answer(f"card_{index}_{big}"[:64], AnswerState.ANSWERED, (big,)),
                next_card=None,
            )  # fmt: skip
    assert "\n" not in str(caught.value)
    again = repo.get_session(session.id)
    assert again.answers["primary_question"].value == ("rent",)
    # Room again: the next answer is stored as usual.
    limit["pages"] = 0
    storage.engine.dispose()
    repo.record_answer(
        session.id, Answer("after", AnswerState.ANSWERED, ("energy",)), next_card=None
    )
    assert repo.get_session(session.id).answers["after"].value == ("energy",)
    storage.close()
    assert is_healthy(path)


def test_a_normal_start_loads_neither_alembic_nor_jsonschema(tmp_path: Path) -> None:
    """Start-up budget (1 s): migrations and session-file validation are imported lazily."""
    import subprocess
    import sys

    url = sqlite_url(tmp_path / "intake.db")
    open_storage(url).close()  # schema made; the next start has nothing to migrate
    code = (
        "import sys\n"
        "from intake_app.bootstrap.context import build_context\n"
        f"build_context(db_url={url!r}, data_dir=__import__('pathlib').Path({str(tmp_path)!r}))"
        ".close()\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('alembic', 'jsonschema'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_cli_db_check(tmp_path: Path, capsys) -> None:
    from intake_app.cli.main import main as admin

    url = sqlite_url(tmp_path / "intake.db")
    _with_answer(tmp_path / "intake.db")
    assert admin(["--db", url, "db", "check"]) == 0
    assert "in orde" in capsys.readouterr().out
