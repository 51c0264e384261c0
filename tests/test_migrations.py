"""A database written by an older version of the app is migrated at start, data intact.

The old database is made with the real first migration (0001_initial), filled with rows in
that old shape, and then opened by today's ``open_storage``: backup first, then upgrade.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from alembic import command
from sqlalchemy import create_engine, text

from intake_app.core.model import AnswerState
from intake_app.storage.backup import list_backups
from intake_app.storage.database import parse_url, sqlite_file
from intake_app.storage.migrate import alembic_config, current_revision
from intake_app.storage.migrations import HEAD
from intake_app.storage.opening import open_storage

SAVED = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


def _old_database(url: str) -> None:
    engine = create_engine(url)
    try:
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0001_initial")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO intake_session (id, code, created_at, updated_at, "
                    "client_language, status, current_card, practice) VALUES "
                    "(1, 'K-OLD1-AB', :t, :t, 'ti', 'active', 'income', false)"
                ),
                {"t": SAVED},
            )
            connection.execute(
                text(
                    "INSERT INTO answer (session_id, card_id, state, value_json, answered_at) "
                    "VALUES (1, 'primary_question', 'answered', '[\"rent\", \"energy\"]', :t), "
                    "(1, 'urgent_letters', 'not_discussed', '[]', :t)"
                ),
                {"t": SAVED},
            )
        assert current_revision(engine) == "0001_initial"
    finally:
        engine.dispose()


def test_a_database_from_the_first_schema_is_migrated_with_its_data(any_db_url: str) -> None:
    _old_database(any_db_url)
    storage = open_storage(any_db_url)
    try:
        assert storage.migrated
        assert current_revision(storage.engine) == HEAD
        session = storage.sessions.get_session(1)
        assert session.code == "K-OLD1-AB"
        assert session.client_language == "ti"
        assert session.current_card == "income"
        assert session.first_name == ""  # new columns got their defaults
        assert session.answers["primary_question"].value == ("rent", "energy")
        assert session.answers["urgent_letters"].state is AnswerState.NOT_DISCUSSED
        with storage.engine.connect() as connection:  # 0002 filled the statistics table
            options = connection.execute(
                text("SELECT option_id FROM answer_option ORDER BY option_id")
            ).scalars()
            assert list(options) == ["energy", "rent"]
        # The new tables work: a setting, an anonymisation marker, a new session.
        storage.maintenance.set_setting("retention_days", "365")
        assert storage.maintenance.get_setting("retention_days") == "365"
        assert storage.sessions.create_session(client_language="nl").id == 2
    finally:
        storage.close()

    path = sqlite_file(parse_url(any_db_url))
    if path is not None:  # SQLite: a backup of the old file was made before migrating
        backups = list_backups(path)
        assert len(backups) == 1
        assert "voor-migratie" in backups[0].path.name
        old = sqlite3.connect(backups[0].path)
        try:
            assert old.execute("SELECT version_num FROM alembic_version").fetchall() == [
                ("0001_initial",)
            ]
            assert old.execute("SELECT count(*) FROM answer").fetchall() == [(2,)]
        finally:
            old.close()


def test_migrating_twice_is_a_no_op(any_db_url: str) -> None:
    open_storage(any_db_url).close()
    again = open_storage(any_db_url)
    again.close()
    assert not again.migrated


def test_a_kill_during_the_upgrade_loses_nothing(tmp_path) -> None:
    """SIGKILL while the backup and the migration run: the next start finishes the job."""
    import os
    import random
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from intake_app.storage.backup import is_healthy
    from intake_app.storage.database import sqlite_url

    repo = Path(__file__).resolve().parents[1]
    path = tmp_path / "intake.db"
    rng = random.Random(7)
    for _attempt in range(10):
        path.unlink(missing_ok=True)
        _old_database(sqlite_url(path))
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.migrate_writer", str(path)],
            cwd=repo,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(repo)},
        )
        time.sleep(rng.uniform(0.2, 1.0))  # import time varies: before, during or after
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        assert is_healthy(path)
        storage = open_storage(sqlite_url(path))
        try:
            assert current_revision(storage.engine) == HEAD
            assert storage.sessions.get_session(1).answers["primary_question"].value == (
                "rent",
                "energy",
            )
        finally:
            storage.close()
    assert not list((tmp_path / "backups").glob("*.partial"))


def test_a_failing_migration_changes_nothing(tmp_path) -> None:
    """All or nothing: a migration that fails half-way leaves the old schema as it was.

    Python's sqlite3 runs DDL outside a transaction unless told otherwise; without our BEGIN,
    the tables 0002 made before the failure would stay behind and block every later start.
    """
    import pytest

    from intake_app.core.errors import StorageError
    from intake_app.storage.database import sqlite_url

    path = tmp_path / "intake.db"
    url = sqlite_url(path)
    _old_database(url)
    blocker = sqlite3.connect(path)  # 0002 creates "referral" after several other tables
    blocker.execute("CREATE TABLE referral (id INTEGER PRIMARY KEY)")
    blocker.commit()
    blocker.close()
    with pytest.raises(StorageError, match="bijgewerkt"):
        open_storage(url)
    check = sqlite3.connect(path)
    try:
        tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master")}
        assert "organisation" not in tables  # made by 0002 before "referral": rolled back
        assert "debt" not in tables
        assert check.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0001_initial",)
        ]
        assert check.execute("SELECT count(*) FROM answer").fetchall() == [(2,)]
    finally:
        check.close()
    # Remove the cause, and the next start migrates cleanly.
    blocker = sqlite3.connect(path)
    blocker.execute("DROP TABLE referral")
    blocker.commit()
    blocker.close()
    open_storage(url).close()
