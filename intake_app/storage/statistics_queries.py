"""Grouped counts for the coordinator statistics, in bulk SQL (design.md §8, §9).

Every query counts completed, non-practice sessions whose ``completed_at`` falls in the
requested months, grouped by month. Nothing here returns a row about one person: only
``(source, row id, month) -> count``. The sources are listed in ``services/statistics_tables.py``.

The SQL pieces are in statistics_sql.py and the grouped statements in statistics_grouped.py;
this module is the ``StatisticsSource`` port: settings, and running the queries on two workers.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from queue import Empty, Queue
from typing import Any

from sqlalchemy import Select, false, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from intake_app.core.cell_key import record_key
from intake_app.core.errors import StorageError
from intake_app.core.statistics import RawCounts, StatisticsQuery
from intake_app.storage.database import READ_ONLY
from intake_app.storage.settings import SqlSettingsStore
from intake_app.storage.statistics_grouped import GroupedCounts
from intake_app.storage.statistics_sql import (
    CHOSEN,
    FOLLOW_UP_BANDS,
    MINUTE_BANDS,
    _band_of,
    _by,
    _month_text,
)

WORKERS = 2  # connections counting at once (design.md §9 budgets a 2-core machine)
SECRET_SETTING = "statistics_cell_key_secret"  # noqa: S105 (a setting's name; see core/cell_key.py)
NEIGHBOURHOOD_LIST_SETTING = "statistics_neighbourhoods"


class SqlStatisticsQueries(GroupedCounts):
    """Implements ``core.statistics.StatisticsSource`` over the intake tables."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self._settings = SqlSettingsStore(engine)

    # -- the port -------------------------------------------------------------------------------
    def neighbourhoods(self) -> list[str]:
        s = self._t["intake_session"]
        statement = (
            select(s.c.neighbourhood)
            .where(s.c.practice == false(), s.c.neighbourhood != "")
            .group_by(*_by(1))
            .order_by(s.c.neighbourhood)
        )
        try:
            with self._engine.connect().execution_options(**READ_ONLY) as connection:
                return [str(value) for value in connection.execute(statement).scalars()]
        except SQLAlchemyError as exc:
            raise StorageError("De statistiek kon niet worden gelezen.") from exc

    def neighbourhood_list(self) -> list[str]:
        """The neighbourhoods the coordinator keeps (empty: none kept yet)."""
        text = self._settings.get_setting(NEIGHBOURHOOD_LIST_SETTING) or ""
        return [line for line in text.split("\n") if line]

    def set_neighbourhood_list(self, names: list[str]) -> None:
        self._settings.set_setting(NEIGHBOURHOOD_LIST_SETTING, "\n".join(names))

    def cell_key_secret(self) -> bytes:
        """This installation's secret for the record keys, made on first use. Kept in the
        database (encrypted with it when the database is), never in an export."""
        stored = self._settings.get_setting(SECRET_SETTING)
        if not stored:
            stored = secrets.token_hex(32)
            self._settings.set_setting(SECRET_SETTING, stored)
        return bytes.fromhex(stored)

    def raw_counts(self, query: StatisticsQuery) -> RawCounts:
        """All counts with the sums of their records' keys, per neighbourhood and month. Two
        workers, each on its own connection, take the queries from one queue, largest first:
        the database does the work (the driver releases the GIL), so a two-core laptop counts
        in parallel."""
        secret = self.cell_key_secret()
        work: Queue[tuple[str, Select[Any] | None]] = Queue()
        grouped = list(self._grouped(CHOSEN, query.cards))
        options = [item for item in grouped if item[0] == "options"]
        rest = [item for item in grouped if item[0] != "options"]
        for item in [*options, *rest]:  # largest first
            work.put(item)
        try:
            with self._engine.connect() as connection:
                chosen = list(connection.execute(self._sessions(query)))
                unfinished = list(connection.execute(self._sessions(query, completed=False)))
            names = sorted({str(row[2] or "") for row in [*chosen, *unfinished]})
            index = {name: i for i, name in enumerate(names)}
            rows = [
                {"sid": row[0], "month": int(row[1]), "nb": index[str(row[2] or "")],
                 "rkey": record_key(secret, row[0])}
                for row in chosen
            ]  # fmt: skip
            with ThreadPoolExecutor(max_workers=WORKERS) as pool:
                parts = list(pool.map(lambda _: self._count(rows, names, work), range(WORKERS)))
        except SQLAlchemyError as exc:
            raise StorageError("De statistiek kon niet worden gelezen.") from exc
        out: dict[str, dict[tuple[str, str, str], tuple[int, int]]] = {}
        for part in parts:
            for source, counts in part.items():
                target = out.setdefault(source, {})
                for key, (count, keys) in counts.items():
                    old = target.get(key, (0, 0))
                    target[key] = (old[0] + count, old[1] + keys)
        base = [(r["sid"], r["month"], r["nb"], *c[3:]) for r, c in zip(rows, chosen, strict=True)]
        self._base(base, names, secret, out)
        dropouts = out.setdefault("dropouts", {})
        for sid, month, nb in unfinished:
            key = ("unfinished", str(nb or ""), _month_text(month))
            old = dropouts.get(key, (0, 0))
            dropouts[key] = (old[0] + 1, old[1] + record_key(secret, sid))
        return out

    def _count(
        self,
        rows: list[dict[str, int]],
        names: list[str],
        work: Queue[tuple[str, Select[Any] | None]],
    ) -> dict[str, dict[tuple[str, str, str], tuple[int, int]]]:
        out: dict[str, dict[tuple[str, str, str], tuple[int, int]]] = defaultdict(dict)

        def add(source: str, key: tuple[str, str, str], count: int, keys: int) -> None:
            target = out[source]
            old = target.get(key, (0, 0))
            target[key] = (old[0] + count, old[1] + keys)

        # Reads (and a temp table): a deferred BEGIN, so the two workers count side by side.
        with (
            self._engine.connect().execution_options(**READ_ONLY) as connection,
            connection.begin(),
        ):
            CHOSEN.create(connection, checkfirst=True)
            connection.execute(CHOSEN.delete())
            if rows:
                connection.execute(CHOSEN.insert(), rows)
            while True:
                try:
                    source, statement = work.get_nowait()
                except Empty:
                    break
                if statement is None:
                    continue
                for row in connection.execute(statement):
                    month, nb, *keys, count, key_sum = row
                    row_id = self._row_id(source, keys)
                    if row_id is not None:
                        add(source, (row_id, names[nb], _month_text(month)), int(count),
                            int(key_sum or 0))  # fmt: skip
            connection.execute(CHOSEN.delete())
        return dict(out)

    # -- queries --------------------------------------------------------------------------------
    def _base(self, sessions: list[Any], names: list[str], secret: bytes, out: Any) -> None:
        """The counts of the session table itself, in Python from the one select of the
        chosen sessions (bands are numbers from SQL: no dates are parsed here)."""

        def add(source: str, key: tuple[str, str, str], k: int) -> None:
            target = out.setdefault(source, {})
            count, keys = target.get(key, (0, 0))
            target[key] = (count + 1, keys + k)

        for sid, month, nb, visit, language, minutes, days, flagged in sessions:
            k, m, name = record_key(secret, sid), _month_text(month), names[nb]
            visits = "3_plus" if visit > 2 else "2" if visit > 1 else "1"
            add("sessions", ("all", name, m), k)
            add("visits", ("first" if visits == "1" else "repeat", name, m), k)
            add("visit_count", (visits, name, m), k)
            add("language", (language, name, m), k)
            add("minutes", (_band_of(minutes, MINUTE_BANDS), name, m), k)
            if days is not None:
                add("follow_up_planned", ("yes", name, m), k)
                add("follow_up_days", (_band_of(days, FOLLOW_UP_BANDS), name, m), k)
            if flagged:
                add("safety_flag", ("yes", name, m), k)
