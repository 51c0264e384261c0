"""SQLCipher connections: the key goes in with ``PRAGMA key`` inside a creator function.

The key is never part of a URL, an engine's repr or a log line: SQLAlchemy only ever sees
``sqlite://`` and a function that returns an already keyed connection.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from intake_app.storage.database import BUSY_TIMEOUT_MS

SQLITE_HEADER = b"SQLite format 3\x00"


def dbapi() -> Any:
    """The sqlcipher3 DB-API module (same interface as the standard sqlite3)."""
    from sqlcipher3 import dbapi2

    return dbapi2


def keyed_creator(path: Path, key: bytes) -> Callable[[], Any]:
    """A connection factory for SQLAlchemy's ``creator=``: opens ``path`` with ``key``."""
    if len(key) != 32:
        raise ValueError("a SQLCipher raw key has 32 bytes")
    module = dbapi()
    pragma = f"PRAGMA key = \"x'{key.hex()}'\""

    def connect() -> Any:
        connection = module.connect(str(path), check_same_thread=False)
        connection.execute(pragma)
        connection.execute(
            f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}"
        )  # before the first read, as plain
        # A wrong key only shows on the first read: fail here, not in the middle of work.
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection

    return connect


def looks_plain(path: Path) -> bool:
    """True if ``path`` is an ordinary, unencrypted SQLite file."""
    try:
        with path.open("rb") as handle:
            return handle.read(16) == SQLITE_HEADER
    except OSError:
        return False


def encrypt_plain_file(plain: Path, target: Path, key: bytes) -> None:
    """Copy a plain SQLite database into a new encrypted file (``sqlcipher_export``)."""
    module = dbapi()
    connection = module.connect(str(plain))
    try:
        connection.execute(
            "ATTACH DATABASE ? AS encrypted KEY \"x'" + key.hex() + "'\"", (str(target),)
        )
        connection.execute("SELECT sqlcipher_export('encrypted')")
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()


def encrypted_engine(path: Path, key: bytes) -> Engine:
    """An Engine on the encrypted file; its URL is ``sqlite://`` and holds no secret."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    return create_engine(
        "sqlite://", creator=keyed_creator(path, key), module=dbapi(), poolclass=QueuePool
    )
