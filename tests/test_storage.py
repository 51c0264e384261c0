"""Storage on real SQLite files: connection settings, persistence, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from intake_app.core.errors import ConfigurationError, StorageError
from intake_app.core.model import Answer, AnswerState
from intake_app.storage.database import sqlite_url
from intake_app.storage.migrations import HEAD
from intake_app.storage.opening import open_storage


def test_every_connection_is_durable(db_url: str) -> None:
    storage = open_storage(db_url)
    try:
        with storage.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        storage.close()


def test_schema_comes_from_alembic_and_head_is_current(any_db_url: str) -> None:
    from alembic.script import ScriptDirectory

    from intake_app.storage.migrate import alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD
    storage = open_storage(any_db_url)
    try:
        with storage.engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert version.scalar() == HEAD
    finally:
        storage.close()


def test_answer_survives_reopening(any_db_url: str) -> None:
    storage = open_storage(any_db_url)
    session = storage.sessions.create_session(client_language="ar")
    storage.sessions.record_answer(
        session.id,
        Answer("primary_question", AnswerState.ANSWERED, ("rent",)),
        next_card=None,
    )
    storage.close()

    reopened = open_storage(any_db_url)
    try:
        again = reopened.sessions.get_session(session.id)
        assert again.client_language == "ar"
        assert again.answers["primary_question"].value == ("rent",)
        assert again.answers["primary_question"].state is AnswerState.ANSWERED
        assert again.created_at.tzinfo is not None
    finally:
        reopened.close()


def test_database_file_is_owner_only(tmp_path: Path) -> None:
    storage = open_storage(sqlite_url(tmp_path / "private.db"))
    storage.close()
    assert (tmp_path / "private.db").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("nonsense", "niet geldig"),
        ("mysql://u@h/db", "niet ondersteund"),
        ("sqlite:////no/such/folder/intake.db", "bestaat niet"),
    ],
)
def test_bad_urls_give_one_clear_sentence(url: str, expected: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        open_storage(url)
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_file_that_is_not_a_database_is_refused_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "intake.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match="beschadigd of onleesbaar"):
        open_storage(sqlite_url(path))
    assert path.read_bytes() == b"this is not a database" * 100


def test_password_never_appears_in_the_message() -> None:
    with pytest.raises(StorageError) as caught:
        open_storage("postgresql+psycopg://someone:s3cret@127.0.0.1:1/db")
    assert "s3cret" not in str(caught.value)
