"""PostgreSQL for an organisation (issue 20): timeouts on every connection, clear messages.

Every connection gets a connect timeout, TCP keepalives and server-side statement, lock and
idle-transaction timeouts. A *frozen* server (a stopped process, a hung VM) still accepts
packets at the kernel level, so neither keepalives nor the server's own timeouts ever fire: the
client would wait forever. Therefore every call that waits for the server (execute, commit,
rollback, the pool's ping) runs under a watchdog that shuts the socket down when the server has
not answered in time; psycopg then raises at once and the caller gets one Dutch sentence.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import URL, Engine

from intake_app.core.errors import StorageError
from intake_app.core.marks import N_


@dataclass(frozen=True, slots=True)
class PgTimeouts:
    """Seconds. From the environment so an organisation can tune them per site."""

    connect: int = 10
    statement: int = 30
    lock: int = 10
    idle_in_transaction: int = 60

    @classmethod
    def from_environment(cls) -> PgTimeouts:
        def read(name: str, default: int) -> int:
            raw = os.environ.get(name, "").strip()
            return int(raw) if raw.isdigit() and int(raw) > 0 else default

        default = cls()
        return cls(
            connect=read("INTAKE_APP_PG_CONNECT_TIMEOUT", default.connect),
            statement=read("INTAKE_APP_PG_STATEMENT_TIMEOUT", default.statement),
            lock=read("INTAKE_APP_PG_LOCK_TIMEOUT", default.lock),
        )

    @property
    def watchdog(self) -> float:
        # The server's own statement_timeout answers first when the server is alive.
        return self.statement + 5.0


def _connect_kwargs(url: URL, timeouts: PgTimeouts) -> dict[str, Any]:
    options = " ".join(
        [
            f"-c statement_timeout={timeouts.statement * 1000}",
            f"-c lock_timeout={timeouts.lock * 1000}",
            f"-c idle_in_transaction_session_timeout={timeouts.idle_in_transaction * 1000}",
        ]
    )
    kwargs: dict[str, Any] = {
        "connect_timeout": timeouts.connect,
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
        "application_name": "intake_app",
        "options": options,
    }
    for name, value in (
        ("host", url.host),
        ("port", url.port),
        ("user", url.username),
        ("password", url.password),
        ("dbname", url.database),
    ):
        if value is not None:
            kwargs[name] = value
    kwargs.update({str(k): v for k, v in url.query.items()})  # sslmode, sslrootcert, …
    return kwargs


class _Watchdog:
    """Shuts a connection's socket down if the server does not answer within ``seconds``."""

    def __init__(self, connection: Any, seconds: float) -> None:
        self.connection = connection
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True
        self.fired = False

    def _fire(self) -> None:
        self.fired = True
        try:
            fd = self.connection.pgconn.socket
            with socket.socket(fileno=os.dup(fd)) as sock:
                sock.shutdown(socket.SHUT_RDWR)
        except (OSError, ValueError, AttributeError):  # already closed: nothing waits
            pass

    def __enter__(self) -> _Watchdog:
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()


@contextlib.contextmanager
def server_watchdog(connection: Any, timeouts: PgTimeouts | None = None) -> Iterator[None]:
    """Guard a block that waits for the server (a pipeline's sync) like a single call."""
    import psycopg

    seconds = (timeouts or PgTimeouts.from_environment()).watchdog
    with _Watchdog(connection, seconds) as dog:
        try:
            yield
        except psycopg.OperationalError as exc:
            if dog.fired:
                raise psycopg.OperationalError(f"{FROZEN_MARK} ({exc})") from exc
            raise


def make_creator(url: URL, timeouts: PgTimeouts) -> Callable[[], Any]:
    """A DBAPI connection factory for SQLAlchemy's ``creator``: guarded connections."""
    import psycopg

    seconds = timeouts.watchdog

    def guarded(connection: Any, call: Callable[[], Any]) -> Any:
        with _Watchdog(connection, seconds) as dog:
            try:
                return call()
            except psycopg.OperationalError as exc:
                if dog.fired:  # our watchdog cut it: say that the server did not answer
                    raise psycopg.OperationalError(f"{FROZEN_MARK} ({exc})") from exc
                raise

    class GuardedCursor(psycopg.Cursor[Any]):
        def execute(self, *args: Any, **kwargs: Any) -> Any:
            return guarded(
                self.connection, lambda: super(GuardedCursor, self).execute(*args, **kwargs)
            )

        def executemany(self, *args: Any, **kwargs: Any) -> Any:
            return guarded(
                self.connection, lambda: super(GuardedCursor, self).executemany(*args, **kwargs)
            )

    class GuardedConnection(psycopg.Connection[Any]):
        def commit(self) -> None:
            guarded(self, super().commit)

        def rollback(self) -> None:
            # A broken connection is thrown away by the pool: nothing to say here.
            with contextlib.suppress(psycopg.OperationalError):
                guarded(self, super().rollback)

    kwargs = _connect_kwargs(url, timeouts)

    def create() -> Any:
        return GuardedConnection.connect(cursor_factory=GuardedCursor, **kwargs)

    return create


FROZEN_MARK = "intake_app: the server did not answer in time"
PING_AFTER_REST = 10.0  # seconds


def mark_rest(_dbapi_connection: Any, record: Any) -> None:
    """Pool check-in: remember when the connection went to rest."""
    import time

    record.info["rested_at"] = time.monotonic()


def ping_if_rested(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """Pool check-out: after a rest, make sure the server still knows this connection.

    Raising DisconnectionError makes the pool throw it away and connect anew (SQLAlchemy's
    "pessimistic disconnect handling", here only where it can matter).
    """
    import time

    from sqlalchemy.exc import DisconnectionError

    rested = record.info.get("rested_at")
    if rested is None or time.monotonic() - rested < PING_AFTER_REST:
        return
    try:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        dbapi_connection.rollback()
    except Exception as exc:  # any failure: a fresh connection is the answer
        raise DisconnectionError() from exc


def describe_failure(reason: str, timeouts: PgTimeouts | None = None) -> StorageError | None:
    """One Dutch sentence with a hint for a PostgreSQL failure, or None if not recognised."""
    low = reason.lower()
    seconds = (timeouts or PgTimeouts.from_environment()).watchdog
    if FROZEN_MARK in reason or "timeout expired" in low:
        return StorageError(
            N_(
                "De databaseserver antwoordt niet (na {seconds} seconden gestopt). Er is niets "
                "verloren gegaan van wat al was opgeslagen; probeer het over een paar minuten "
                "opnieuw of vraag de beheerder of de server draait."
            ),
            seconds=int(seconds),
        )
    if "statement timeout" in low or "canceling statement" in low:
        return StorageError(
            N_("De databaseserver deed te lang over deze vraag. Probeer het opnieuw.")
        )
    if "lock timeout" in low:
        return StorageError(
            N_("Iemand anders werkt op dit moment aan hetzelfde gesprek. Probeer het zo opnieuw.")
        )
    if "password authentication failed" in low or "no password supplied" in low:
        return StorageError(
            N_(
                "De databaseserver kent deze naam of dit wachtwoord niet. Controleer het "
                "bestand .pgpass of het adres van de database."
            )
        )
    if "ssl" in low or "certificate" in low:
        return StorageError(
            N_(
                "De beveiligde verbinding met de databaseserver lukt niet. Controleer sslmode "
                "en het certificaat in het adres van de database."
            )
        )
    if (
        "connection refused" in low
        or "could not translate host name" in low
        or ("connection to server" in low and "failed" in low)
    ):
        return StorageError(
            N_(
                "De databaseserver is niet bereikbaar. Controleer de netwerkverbinding en het "
                "adres van de database, of vraag de beheerder of de server draait."
            )
        )
    if "server closed the connection" in low or "terminating connection" in low:
        return StorageError(
            N_("De verbinding met de databaseserver viel weg. Probeer het opnieuw.")
        )
    return None


# Start-up maintenance (migration, retention) runs under this lock so that laptops that start
# at the same moment wait for each other instead of colliding (one key for the whole app).
ADVISORY_LOCK_KEY = 0x1A7A_4B0C


@contextlib.contextmanager
def advisory_lock(engine: Engine, wait_seconds: float = 300.0) -> Iterator[None]:
    """Hold PostgreSQL's session advisory lock while the block runs; a no-op elsewhere.

    Polled with ``pg_try_advisory_lock`` rather than one blocking call: a colleague's
    migration may take longer than the statement timeout and the watchdog allow.
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    import time

    from sqlalchemy import text

    with engine.connect() as connection:
        deadline = time.monotonic() + wait_seconds
        while not connection.execute(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
        ).scalar():
            connection.commit()
            if time.monotonic() > deadline:
                raise StorageError(
                    N_(
                        "Een andere computer is de database nog aan het bijwerken. Probeer "
                        "het over een paar minuten opnieuw."
                    )
                )
            time.sleep(0.2)
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
            connection.commit()


def schema_problems(engine: Engine) -> list[str]:
    """What is missing on the server compared with this app's schema (for ``db check``).

    PostgreSQL looks after its own pages; what can go wrong here is a schema that someone
    changed by hand (a dropped table or constraint) or one that is not at this app's version.
    """
    from sqlalchemy import inspect
    from sqlmodel import SQLModel

    import intake_app.storage.security_tables
    import intake_app.storage.tables  # noqa: F401 - registers the tables
    from intake_app.storage.migrate import current_revision
    from intake_app.storage.migrations import HEAD

    problems: list[str] = []
    revision = current_revision(engine)
    if revision != HEAD:
        problems.append(f"schema {revision or 'leeg'} in plaats van {HEAD}")
    with engine.connect() as connection:
        inspector = inspect(connection)
        present = set(inspector.get_table_names())
        for table in SQLModel.metadata.sorted_tables:
            if table.name not in present:
                problems.append(f"tabel {table.name} ontbreekt")
                continue
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            problems += [
                f"kolom {table.name}.{c.name} ontbreekt"
                for c in table.columns
                if c.name not in columns
            ]
            if table.primary_key.columns and not inspector.get_pk_constraint(table.name).get(
                "constrained_columns"
            ):
                problems.append(f"primaire sleutel van {table.name} ontbreekt")
            wanted_fks = {
                (tuple(sorted(c.parent.name for c in fk.elements)), fk.referred_table.name)
                for fk in table.foreign_key_constraints
            }
            found_fks = {
                (tuple(sorted(fk["constrained_columns"])), fk["referred_table"])
                for fk in inspector.get_foreign_keys(table.name)
            }
            problems += [
                f"verwijzing {table.name}({', '.join(cols)}) naar {target} ontbreekt"
                for cols, target in sorted(wanted_fks - found_fks)
            ]
    return problems
