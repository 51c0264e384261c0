"""Encryption at rest: real SQLCipher files, wrapped keys, no plaintext on disk."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app.core.errors import StorageError
from intake_app.core.model import Note
from intake_app.core.security import AuthenticationError, LockedOutError
from intake_app.storage.database import sqlite_url
from intake_app.storage.encryption import encrypt_plain_file, looks_plain
from intake_app.storage.keys import KdfParams, KeyStore, keys_path
from intake_app.storage.opening import open_storage

FAST = KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)  # tests only
CLIENT_NAME = "Zahraa-Testnaam"
NOTE = "Geheime notitie over de huur"


def _fill(path: Path, key: bytes) -> str:
    storage = open_storage(sqlite_url(path), key=key)
    try:
        session = storage.sessions.create_session(client_language="ar")
        storage.sessions.update_session(session.id, first_name=CLIENT_NAME)
        storage.sessions.add_note(session.id, Note(NOTE, datetime.now(UTC)))
        return session.code
    finally:
        storage.close()


def _all_bytes(path: Path) -> bytes:
    # The database and whatever SQLite left beside it (WAL, shared memory).
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_file_holds_no_plaintext_and_reopens_with_the_key(tmp_path: Path) -> None:
    db = tmp_path / "intake.db"
    store = KeyStore(keys_path(db), FAST)
    key = store.initialise("beheer", "een lang wachtwoord")
    code = _fill(db, key)

    raw = _all_bytes(db)
    assert CLIENT_NAME.encode() not in raw
    assert NOTE.encode() not in raw
    assert code.encode() not in raw
    assert b"intake_session" not in raw  # not even the schema is readable
    assert not looks_plain(db)

    again = open_storage(sqlite_url(db), key=store.unlock("beheer", "een lang wachtwoord"))
    try:
        sessions = again.sessions.list_sessions()
        assert [s.first_name for s in sessions] == [CLIENT_NAME]
    finally:
        again.close()


def test_plain_sqlite_cannot_read_it(tmp_path: Path) -> None:
    db = tmp_path / "intake.db"
    _fill(db, KeyStore(keys_path(db), FAST).initialise("beheer", "een lang wachtwoord"))
    connection = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError):
        connection.execute("SELECT * FROM intake_session").fetchall()
    connection.close()


def test_wrong_password_cannot_open_it(tmp_path: Path) -> None:
    db = tmp_path / "intake.db"
    store = KeyStore(keys_path(db), FAST)
    _fill(db, store.initialise("beheer", "een lang wachtwoord"))
    with pytest.raises(AuthenticationError) as caught:
        store.unlock("beheer", "een ander wachtwoord")
    assert str(caught.value) == "De naam of het wachtwoord klopt niet."
    with pytest.raises(AuthenticationError):
        store.unlock("niemand", "een lang wachtwoord")
    # And a wrong key (say, from a copied keys file) is refused in one sentence.
    before = db.read_bytes()
    with pytest.raises(StorageError) as refused:
        open_storage(sqlite_url(db), key=b"\x01" * 32)
    assert "onleesbaar" in str(refused.value)
    assert "01010101" not in str(refused.value)
    assert db.read_bytes() == before  # refused, never replaced


def test_keys_file_is_owner_only_and_holds_no_key(tmp_path: Path) -> None:
    db = tmp_path / "intake.db"
    store = KeyStore(keys_path(db), FAST)
    key = store.initialise("beheer", "een lang wachtwoord")
    assert keys_path(db).stat().st_mode & 0o777 == 0o600
    text = keys_path(db).read_text()
    assert key.hex() not in text and "een lang wachtwoord" not in text
    assert json.loads(text)["users"]["beheer"]["kdf"]["name"] == "argon2id"


def test_adding_and_removing_a_user_does_not_reencrypt(tmp_path: Path) -> None:
    db = tmp_path / "intake.db"
    store = KeyStore(keys_path(db), FAST)
    key = store.initialise("beheer", "een lang wachtwoord")
    _fill(db, key)
    before = db.read_bytes()
    store.add_user(key, "Fatima", "vrijwilliger wachtwoord")
    assert store.unlock("fatima", "vrijwilliger wachtwoord") == key
    store.remove_user("fatima")
    with pytest.raises(AuthenticationError):
        store.unlock("fatima", "vrijwilliger wachtwoord")
    assert db.read_bytes() == before
    assert store.unlock("beheer", "een lang wachtwoord") == key


def test_repeated_wrong_passwords_impose_a_delay(tmp_path: Path) -> None:
    store = KeyStore(keys_path(tmp_path / "intake.db"), FAST)
    store.initialise("beheer", "een lang wachtwoord")
    now = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
    for _ in range(3):
        with pytest.raises(AuthenticationError):
            store.unlock("beheer", "fout", now=now)
    # Even the right password waits now...
    with pytest.raises(LockedOutError) as caught:
        store.unlock("beheer", "een lang wachtwoord", now=now + timedelta(seconds=5))
    assert "seconden" in str(caught.value)
    # ...and works once the delay has passed, which also resets the count.
    later = now + timedelta(seconds=31)
    assert len(store.unlock("beheer", "een lang wachtwoord", now=later)) == 32
    with pytest.raises(AuthenticationError):
        store.unlock("beheer", "fout", now=later)


def test_an_old_plain_file_can_be_encrypted(tmp_path: Path) -> None:
    plain = tmp_path / "old.db"
    storage = open_storage(sqlite_url(plain))
    storage.sessions.create_session(client_language="nl")
    storage.close()
    key = KeyStore(keys_path(tmp_path / "new.db"), FAST).initialise("b", "een lang wachtwoord")
    encrypt_plain_file(plain, tmp_path / "new.db", key)
    assert not looks_plain(tmp_path / "new.db")
    reopened = open_storage(sqlite_url(tmp_path / "new.db"), key=key)
    try:
        assert len(reopened.sessions.list_sessions()) == 1
    finally:
        reopened.close()


def test_the_key_is_not_in_the_engine_url(tmp_path: Path) -> None:
    db = tmp_path / "intake.db"
    key = KeyStore(keys_path(db), FAST).initialise("beheer", "een lang wachtwoord")
    storage = open_storage(sqlite_url(db), key=key)
    try:
        assert key.hex() not in repr(storage.engine) + str(storage.engine.url)
        assert storage.engine.url.password is None
    finally:
        storage.close()


def test_the_key_never_reaches_a_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    db = tmp_path / "intake.db"
    key = KeyStore(keys_path(db), FAST).initialise("beheer", "een lang wachtwoord")
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("sqlalchemy").setLevel(logging.DEBUG)
        try:
            storage = open_storage(sqlite_url(db), key=key)
            storage.sessions.create_session(client_language="nl")
            storage.close()
        finally:
            logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    assert caplog.records  # SQLAlchemy did log its statements...
    assert key.hex() not in caplog.text  # ...but never the key
    assert "PRAGMA key" not in caplog.text


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    password=st.text(min_size=1, max_size=40).filter(lambda p: "\x00" not in p),
    other=st.text(min_size=1, max_size=40),
)
def test_any_password_wraps_and_only_it_unwraps(tmp_path: Path, password: str, other: str) -> None:
    store = KeyStore(keys_path(tmp_path / f"p{abs(hash(password))}.db"), FAST)
    store.path.unlink(missing_ok=True)
    key = store.initialise("gebruiker", password)
    assert store.unlock("gebruiker", password) == key
    if other != password:
        with pytest.raises(AuthenticationError):
            store.unlock("gebruiker", other)
