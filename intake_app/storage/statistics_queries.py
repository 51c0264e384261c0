"""Grouped counts for the coordinator statistics, in bulk SQL (design.md §8, §9).

Every query counts completed, non-practice sessions whose ``completed_at`` falls in the
requested months, grouped by month. Nothing here returns a row about one person: only
``(source, row id, month) -> count``. The sources are listed in ``services/statistics_tables.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from queue import Empty, Queue
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    Select,
    Table,
    and_,
    case,
    cast,
    distinct,
    false,
    func,
    literal,
    literal_column,
    select,
    true,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel

from intake_app.core.errors import StorageError
from intake_app.core.statistics import RawCounts, StatisticsQuery
from intake_app.storage import tables as _tables  # noqa: F401  (registers the tables)
from intake_app.storage.database import READ_ONLY

WORKERS = 2  # connections counting at once (design.md §9 budgets a 2-core machine)
OPTION_PARTS = 3
INTERPRETERS = (
    "professional_in_person",
    "phone_interpreter",
)  # a real interpreter (STA-15)  # the answer options are counted in this many queries

# Upper bounds of the bands, in cents (amounts) and minutes (intake length).
AMOUNT_BANDS: tuple[tuple[str, int | None], ...] = (
    ("under_100", 100_00),
    ("100_500", 500_00),
    ("500_1000", 1_000_00),
    ("1000_5000", 5_000_00),
    ("5000_plus", None),
)
MINUTE_BANDS: tuple[tuple[str, int | None], ...] = (
    ("under_30", 30),
    ("30_60", 60),
    ("60_90", 90),
    ("90_120", 120),
    ("120_plus", None),
)


# The chosen sessions with their month, computed once per run: every grouped query joins this
# small temporary table instead of evaluating the period filter and the month again per row.
_TEMP = MetaData()
CHOSEN = Table(
    "stats_chosen",
    _TEMP,
    Column("sid", Integer, primary_key=True),
    Column("month", Integer, nullable=False),
    prefixes=["TEMPORARY"],
)


def _by(columns: int) -> list[Any]:
    """GROUP BY 1, 2, …: PostgreSQL sees an expression with bound values in the select list and
    in GROUP BY as two different expressions; positions work on both databases."""
    return [literal_column(str(i)) for i in range(1, columns + 1)]


def _month_text(month: object) -> str:
    number = int(str(month))
    return f"{number // 100:04d}-{number % 100:02d}"


def _month_start(month: str) -> datetime:
    year, number = (int(part) for part in month.split("-"))
    return datetime(year, number, 1, tzinfo=UTC)


def _month_after(month: str) -> datetime:
    year, number = (int(part) for part in month.split("-"))
    return datetime(year + (number == 12), 1 if number == 12 else number + 1, 1, tzinfo=UTC)


def _band(value: ColumnElement[Any], bands: tuple[tuple[str, int | None], ...]) -> Any:
    whens: list[tuple[ColumnElement[bool], str]] = [(value.is_(None), "unknown")]
    for name, upper in bands:
        if upper is not None:
            whens.append((value < upper, name))
    return case(*whens, else_=bands[-1][0])


class SqlStatisticsQueries:
    """Implements ``core.statistics.StatisticsSource`` over the intake tables."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._t = SQLModel.metadata.tables

    # -- expressions per database -------------------------------------------------------------
    def _month(self, column: Any) -> Any:
        """The month as an integer, 202603: grouping on integers is faster than on text."""
        if self._engine.dialect.name == "postgresql":
            return cast(func.to_char(column, "YYYYMM"), Integer)
        return cast(func.strftime("%Y%m", column), Integer)

    def _minutes(self, start: Any, end: Any) -> Any:
        """Whole minutes (julianday arithmetic is a float: 30 minutes may come out 29.99999)."""
        if self._engine.dialect.name == "postgresql":
            return func.round(func.extract("epoch", end - start) / 60)
        return func.round((func.julianday(end) - func.julianday(start)) * 1440)

    def _sessions(self, query: StatisticsQuery) -> Select[Any]:
        s = self._t["intake_session"]
        conditions = [
            s.c.practice == false(),
            s.c.completed_at.is_not(None),
            s.c.completed_at >= _month_start(query.first_month),
            s.c.completed_at < _month_after(query.last_month),
        ]
        if query.neighbourhood is not None:
            conditions.append(s.c.neighbourhood == query.neighbourhood)
        return select(s.c.id.label("sid"), self._month(s.c.completed_at).label("month")).where(
            and_(*conditions)
        )

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

    def raw_counts(self, query: StatisticsQuery) -> RawCounts:
        """All counts. Two workers, each on its own connection, take the queries from one
        queue, largest first: the database does the work (the driver releases the GIL), so a
        two-core laptop counts in parallel."""
        work: Queue[tuple[str, Select[Any] | None]] = Queue()
        grouped = list(self._grouped(CHOSEN, query.cards))
        options = [item for item in grouped if item[0] == "options"]
        rest = [item for item in grouped if item[0] != "options"]
        for item in [*options, ("base", None), *rest]:  # largest first
            work.put(item)
        try:
            with ThreadPoolExecutor(max_workers=WORKERS) as pool:
                parts = list(pool.map(lambda _: self._count(query, work), range(WORKERS)))
        except SQLAlchemyError as exc:
            raise StorageError("De statistiek kon niet worden gelezen.") from exc
        out: dict[str, dict[tuple[str, str], int]] = {}
        for part in parts:
            for source, counts in part.items():
                target = out.setdefault(source, {})
                for key, count in counts.items():
                    target[key] = target.get(key, 0) + count
        return out

    def _count(
        self, query: StatisticsQuery, work: Queue[tuple[str, Select[Any] | None]]
    ) -> dict[str, dict[tuple[str, str], int]]:
        out: defaultdict[str, defaultdict[tuple[str, str], int]] = defaultdict(
            lambda: defaultdict(int)
        )
        # Reads (and a temp table): a deferred BEGIN, so the two workers count side by side.
        with (
            self._engine.connect().execution_options(**READ_ONLY) as connection,
            connection.begin(),
        ):
            CHOSEN.create(connection, checkfirst=True)
            connection.execute(CHOSEN.delete())
            connection.execute(CHOSEN.insert().from_select(["sid", "month"], self._sessions(query)))
            while True:
                try:
                    source, statement = work.get_nowait()
                except Empty:
                    break
                if statement is None:
                    self._base(connection, out)
                    continue
                for row in connection.execute(statement):
                    *keys, count = row
                    month, row_id = _month_text(keys[0]), self._row_id(source, keys[1:])
                    if row_id is not None:
                        out[source][(row_id, month)] += int(count)
            connection.execute(CHOSEN.delete())
        return {source: dict(counts) for source, counts in out.items()}

    # -- queries --------------------------------------------------------------------------------
    def _base(
        self,
        connection: Connection,
        out: defaultdict[str, defaultdict[tuple[str, str], int]],
    ) -> None:
        s = self._t["intake_session"]
        chosen = CHOSEN
        month = chosen.c.month
        repeat = case((s.c.visit > 1, "repeat"), else_="first")
        minutes = _band(self._minutes(s.c.created_at, s.c.completed_at), MINUTE_BANDS)
        follow_up = case((s.c.follow_up_date.is_not(None), "yes"), else_="no")
        safety = case((s.c.safety_flag == true(), "yes"), else_="no")
        columns = (repeat, s.c.client_language, s.c.neighbourhood, minutes, follow_up, safety)
        statement = (
            select(month, *columns, func.count())
            .select_from(chosen.join(s, s.c.id == chosen.c.sid))
            .group_by(*_by(1 + len(columns)))
        )
        for m, visits, language, neighbourhood, band, planned, flagged, count in connection.execute(
            statement
        ):
            n, m = int(count), _month_text(m)
            out["sessions"][("all", m)] += n
            out["visits"][(visits, m)] += n
            out["language"][(language, m)] += n
            out["neighbourhood"][(neighbourhood or "", m)] += n
            out["minutes"][(band, m)] += n
            if planned == "yes":
                out["follow_up_planned"][("yes", m)] += n
            if flagged == "yes":
                out["safety_flag"][("yes", m)] += n

    def _grouped(
        self, chosen: Table, cards: tuple[str, ...] = ()
    ) -> Iterable[tuple[str, Select[Any]]]:
        t = self._t
        month = chosen.c.month

        def joined(table_name: str) -> Any:
            table = t[table_name]
            return chosen.join(table, table.c.session_id == chosen.c.sid)

        ao, debt, urgency = t["answer_option"], t["debt"], t["urgency"]
        action, provision, referral = t["spot_action"], t["provision_check"], t["referral"]
        consent, step = t["consent"], t["next_step"]
        sessions = func.count(distinct(chosen.c.sid))

        # The biggest table, in a few parts by card, so both workers share the sorting.
        parts = [cards[i::OPTION_PARTS] for i in range(OPTION_PARTS)] if cards else [()]
        for part in parts:
            if cards and not part:
                continue
            yield (
                "options",
                (
                    select(month, ao.c.card_id, ao.c.option_id, func.count())
                    .select_from(joined("answer_option"))
                    .where(ao.c.card_id.in_(part) if part else true())
                    .group_by(*_by(3))
                ),
            )
        yield (
            "debt_sessions",
            (
                select(month, debt.c.kind, debt.c.direction, sessions)
                .select_from(joined("debt"))
                .group_by(*_by(3))
            ),
        )
        yield (
            "informal_card",
            (
                select(month, debt.c.card_id, sessions)
                .select_from(joined("debt"))
                .where(debt.c.kind == "informal")
                .group_by(*_by(2))
            ),
        )
        yield (
            "formal_category",
            (
                select(month, func.coalesce(debt.c.category, "other"), sessions)
                .select_from(joined("debt"))
                .where(debt.c.kind == "formal")
                .group_by(*_by(2))
            ),
        )
        band = _band(debt.c.amount_cents, AMOUNT_BANDS)
        yield (
            "debt_amount",
            (
                select(month, debt.c.kind, debt.c.direction, band, func.count())
                .select_from(joined("debt"))
                .group_by(*_by(4))
            ),
        )
        yield (
            "urgent",
            (
                select(month, literal("yes"), sessions)
                .select_from(joined("urgency"))
                .group_by(*_by(1))
            ),
        )
        yield (
            "urgency_type",
            (
                select(month, urgency.c.type, sessions)
                .select_from(joined("urgency"))
                .group_by(*_by(2))
            ),
        )
        yield (
            "spot_action",
            (
                select(month, action.c.type, func.count())
                .select_from(joined("spot_action"))
                .group_by(*_by(2))
            ),
        )
        yield (
            "provision",
            (
                select(month, provision.c.provision_id, provision.c.status, func.count())
                .select_from(joined("provision_check"))
                .group_by(*_by(3))
            ),
        )
        yield (
            "referral_kind",
            (
                select(month, referral.c.formal, referral.c.warm, func.count())
                .select_from(joined("referral"))
                .group_by(*_by(3))
            ),
        )
        yield (
            "referral_status",
            (
                select(month, referral.c.status, func.count())
                .select_from(joined("referral"))
                .group_by(*_by(2))
            ),
        )
        yield (
            "handover_consent",
            (
                select(month, literal("yes"), sessions)
                .select_from(joined("consent"))
                .where(
                    consent.c.purpose == "handover_formal",
                    consent.c.given == true(),
                    consent.c.revoked_at.is_(None),
                )
                .group_by(*_by(1))
            ),
        )
        yield (
            "next_step",
            (
                select(month, step.c.done, func.count())
                .select_from(joined("next_step"))
                .group_by(*_by(2))
            ),
        )
        session = t["intake_session"]
        length = _band(self._minutes(session.c.created_at, session.c.completed_at), MINUTE_BANDS)
        yield (
            "minutes_interpreter",
            (
                select(month, length, func.count())
                .select_from(joined("answer_option").join(session, session.c.id == chosen.c.sid))
                .where(
                    ao.c.card_id == "interpreter_mode",
                    ao.c.option_id.in_(INTERPRETERS),
                )
                .group_by(*_by(2))
            ),
        )

    @staticmethod
    def _row_id(source: str, keys: list[Any]) -> str | None:
        """Fold the grouping keys of one query into a row id (``None``: not counted)."""
        if source == "referral_kind":
            formal, warm = keys
            return f"{'formal' if formal else 'informal'}_{'warm' if warm else 'cold'}"
        if source == "next_step":
            return "done" if keys[0] else "open"
        return "|".join(str(key) for key in keys)
