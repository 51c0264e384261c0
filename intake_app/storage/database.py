"""Open a database by URL: SQLite (default, a local file) or PostgreSQL.

Every SQLite connection gets WAL, synchronous=FULL and foreign keys (design.md section 4),
so an answer acknowledged to the counsellor survives a crash or a power cut.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from intake_app.core.errors import ConfigurationError, StorageError
from intake_app.core.marks import N_
from intake_app.storage.write_gate import check_pending, wait_before_write

# How long a write waits for another writer (another window, a command, a backup) before it
# is refused. 15 s, not 5: on a laptop busy with other work a queue of two writers took longer
# than 5 s and one write was refused (tests/test_storage_load.py under a load of 13 on two
# cores). The window waits on its worker thread and says it is waiting, so waiting is cheap.
BUSY_TIMEOUT_MS = 15_000
SQLITE_PRAGMAS = (
    # First: switching a fresh file to WAL needs a lock another starting process may hold.
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    # 32 MB of decrypted pages per connection (SQLCipher gave 8 MB, 2,000 pages): Nazorg's
    # read at 50,000 sessions touches pages all over the 85 MB file, and SQLCipher decrypts a
    # page again on every miss (0.14 s -> 0.08 s median). The cache fills only as read.
    "PRAGMA cache_size=-32000",
)
# Execution option for a connection that only reads (and may write temp tables): its
# transaction starts with a plain, deferred BEGIN and so never waits for a writer.
READ_ONLY = {"intake_read_only": True}


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def safe_url(url: str) -> str:
    """The URL as it may be shown or logged: never with a password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<ongeldig adres>"


def parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigurationError(
            "Het adres van de database is niet geldig: {url}. "
            "Gebruik bijvoorbeeld sqlite:///pad/naar/intake.db.",
            url=url,
        ) from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigurationError(
            "Dit soort database wordt niet ondersteund: {backend}. Gebruik SQLite of PostgreSQL.",
            backend=parsed.get_backend_name(),
        )
    return parsed


def sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite URL, or None for in-memory databases and other backends."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def check_sqlite_location(path: Path) -> None:
    """Refuse, in one clear sentence, a folder that does not exist or cannot be written."""
    folder = path.parent
    if not folder.is_dir():
        raise ConfigurationError("De map voor de database bestaat niet: {folder}.", folder=folder)
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise ConfigurationError(
            "Het databasebestand kan niet worden gelezen of geschreven: {path}.", path=path
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigurationError(
            "In de map voor de database mag niet worden geschreven: {folder}.", folder=folder
        )


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()
    # Python's sqlite3 (before 3.12) opens no transaction before DDL, so a migration killed
    # half-way left half a schema. We issue BEGIN ourselves (SQLAlchemy's pysqlite recipe):
    # every transaction, schema changes included, is all or nothing.
    dbapi_connection.isolation_level = None


def _on_sqlite_begin(connection: Any) -> None:
    # A deferred BEGIN takes the write lock only at the first write; if another process
    # wrote in between, that write fails at once with "database is locked" whatever
    # busy_timeout says. BEGIN IMMEDIATE takes the lock up front and so waits its turn.
    if connection.get_execution_options().get("intake_read_only"):
        connection.exec_driver_sql("BEGIN")
    elif check_pending(connection):
        # The deferred start-up check still runs (storage/write_gate.py): begin without the
        # write lock, so reads go on; the first write statement waits for the check.
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_database_engine(url: str, key: bytes | None = None, *, create: bool = True) -> Engine:
    """An Engine for ``url`` with our connection settings; errors are ConfigurationError.

    With ``key`` the SQLite file is opened with SQLCipher (see storage/encryption.py).
    ``create=False``: a missing SQLite file is refused instead of made (checks, backups).
    """
    parsed = parse_url(url)
    path = sqlite_file(parsed)
    if path is not None:
        if not create and not path.exists():
            raise MissingDatabaseError(path)
        check_sqlite_location(path)
    if key is not None and path is None:
        raise ConfigurationError(N_("Alleen een SQLite-bestand kan worden versleuteld."))
    try:
        if key is not None and path is not None:
            from intake_app.storage.encryption import encrypted_engine

            engine = encrypted_engine(path, key)
        else:
            engine = _create_engine(parsed)
    except (NoSuchModuleError, ImportError) as exc:
        raise ConfigurationError(
            "De databasedriver voor {url} is niet geïnstalleerd.", url=safe_url(url)
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        event.listen(engine, "before_cursor_execute", wait_before_write)
        if path is not None and not path.exists():
            # Owner-only from the first byte: the file will hold personal data.
            path.touch(mode=0o600)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as exc:
        engine.dispose()
        if parsed.get_backend_name() == "postgresql":
            from intake_app.storage.postgres import describe_failure

            described = describe_failure(str(exc.orig))
            if described is not None:
                raise described from exc
        raise StorageError(
            "De database {url} kan niet worden geopend: {reason}",
            url=safe_url(url),
            reason=(str(exc.orig).strip().splitlines() or [type(exc.orig).__name__])[0],
        ) from exc
    return engine


class MissingDatabaseError(ConfigurationError):
    message = N_("Er is geen database op {path}. Er is niets aangemaakt.")

    def __init__(self, path: Path) -> None:
        super().__init__(path=path)


def _create_engine(parsed: URL) -> Engine:
    if parsed.get_backend_name() != "postgresql":
        return create_engine(parsed)
    # Every PostgreSQL connection with timeouts and a watchdog (storage/postgres.py).
    from intake_app.storage.postgres import PgTimeouts, make_creator, mark_rest, ping_if_rested

    timeouts = PgTimeouts.from_environment()
    engine = create_engine(
        parsed, creator=make_creator(parsed, timeouts), pool_timeout=timeouts.connect
    )
    # A ping only for a connection that has rested (a server restart in between): a ping
    # before every use would cost a round trip per tap over a slow link.
    event.listen(engine.pool, "checkout", ping_if_rested)
    event.listen(engine.pool, "checkin", mark_rest)
    return engine


def quick_check(engine: Engine) -> str:
    """SQLite's quick_check result ('ok' when healthy); 'ok' for other databases."""
    if engine.dialect.name != "sqlite":
        return "ok"
    with engine.connect() as connection:
        rows = connection.execute(text("PRAGMA quick_check")).scalars().all()
    return "; ".join(str(row) for row in rows)
