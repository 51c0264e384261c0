"""Several statements in one round trip to PostgreSQL (psycopg's pipeline mode).

Over Wi-Fi or a VPN every round trip costs 25–50 ms; reading a session is eleven SELECTs and
recording an answer four writes (issue 20 measured 2 s per tap at 25 ms each way). In pipeline
mode psycopg sends them all and then waits once. On SQLite, where a "round trip" is a function
call, the same statements simply run one after another in one transaction.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Executable

Step = tuple[Executable, Sequence[dict[str, Any]] | None]  # a statement, or one run per item


def run_in_one_trip(engine: Engine, steps: Sequence[Step], *, write: bool) -> list[list[Any]]:
    """Run ``steps`` in one transaction; rows of each (attribute access by column name).

    ``write``: commit at the end; otherwise the transaction only reads and is rolled back.
    """
    if engine.dialect.name != "postgresql":
        return _sequential(engine, steps, write=write)
    dbapi_error = engine.dialect.loaded_dbapi.Error
    with engine.connect() as connection:
        raw: Any = connection.connection.dbapi_connection
        results: list[list[Any]] = []
        cursors = []
        # Our own BEGIN … COMMIT inside the pipeline: psycopg's implicit BEGIN and the final
        # COMMIT would each cost a round trip of their own (measured: 4 trips instead of 1).
        raw.autocommit = True
        from intake_app.storage.postgres import server_watchdog

        try:
            with server_watchdog(raw), raw.pipeline():
                raw.execute("BEGIN" if write else "BEGIN READ ONLY")
                for statement, many in steps:
                    compiled = statement.compile(dialect=engine.dialect)  # type: ignore[attr-defined]
                    cursor = raw.cursor()
                    if many is None:
                        cursor.execute(str(compiled), compiled.params)
                    elif many:
                        cursor.executemany(
                            str(compiled), [{**compiled.params, **item} for item in many]
                        )
                    cursors.append(cursor)
                raw.execute("COMMIT")
        except dbapi_error as exc:
            with contextlib.suppress(dbapi_error):
                raw.execute("ROLLBACK")  # the failed transaction, if the server still has it
            if isinstance(exc, engine.dialect.loaded_dbapi.OperationalError):
                connection.invalidate(exc)  # a broken connection never goes back to the pool
            raise DBAPIError.instance("pipeline", None, exc, dbapi_error, ismulti=False) from exc
        finally:
            with contextlib.suppress(dbapi_error):
                raw.autocommit = False
        for cursor in cursors:
            if cursor.description is None:
                results.append([])
                continue
            names = [column.name for column in cursor.description]
            results.append(
                [SimpleNamespace(**dict(zip(names, row, strict=True))) for row in cursor]
            )
        return results


def _sequential(engine: Engine, steps: Sequence[Step], *, write: bool) -> list[list[Any]]:
    results: list[list[Any]] = []
    opened: contextlib.AbstractContextManager[Any]
    if write:
        opened = engine.begin()
    else:  # a plain deferred BEGIN on SQLite: a reader never waits for a writer
        from intake_app.storage.database import READ_ONLY

        opened = engine.connect().execution_options(**READ_ONLY)
    with opened as connection:
        for statement, many in steps:
            if many is not None and not many:
                results.append([])  # nothing to insert: never a row of defaults
                continue
            result = connection.execute(statement, list(many) if many else None)
            results.append(list(result) if result.returns_rows else [])
    return results
