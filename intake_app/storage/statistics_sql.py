"""The SQL building blocks of the coordinator statistics: the bands, the temporary table of
chosen sessions, and ``StatisticsExpressions`` (month, minutes, days and the session select,
written per database).

Split off from statistics_queries.py so the grouped queries (statistics_grouped.py) and the
counting itself (statistics_queries.py) share them without importing each other.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    Date,
    Integer,
    MetaData,
    Select,
    Table,
    and_,
    case,
    cast,
    false,
    func,
    literal_column,
    select,
)
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from intake_app.core.model import ReferralStatus
from intake_app.core.statistics import StatisticsQuery
from intake_app.storage import tables as _tables  # noqa: F401  (registers the tables)

OPTION_PARTS = 2  # the answer options are counted in this many queries
INTERPRETERS = (
    "professional_in_person",
    "phone_interpreter",
)  # a real interpreter (STA-15)

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
FOLLOW_UP_BANDS: tuple[tuple[str, int | None], ...] = (
    ("within_7", 8),
    ("8_14", 15),
    ("15_30", 31),
    ("31_60", 61),
    ("over_60", None),
)
# Referrals still on their way (the rest have an end status: arrived, not arrived, lost).
OPEN_REFERRAL_STATUSES = tuple(status.value for status in ReferralStatus if status.open)

# The chosen sessions with their month, neighbourhood (an index into a list made per run) and
# secret record key, computed once per run: every grouped query joins this small temporary
# table instead of evaluating the period filter and the month again per row.
_TEMP = MetaData()
CHOSEN = Table(
    "stats_chosen",
    _TEMP,
    Column("sid", Integer, primary_key=True),
    Column("month", Integer, nullable=False),
    Column("nb", Integer, nullable=False),
    Column("rkey", BigInteger, nullable=False),
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


def _band_of(value: float | None, bands: tuple[tuple[str, int | None], ...]) -> str:
    if value is None:
        return "unknown"
    for name, upper in bands:
        if upper is None or value < upper:
            return name
    return bands[-1][0]


def _band(value: ColumnElement[Any], bands: tuple[tuple[str, int | None], ...]) -> Any:
    whens: list[tuple[ColumnElement[bool], str]] = [(value.is_(None), "unknown")]
    for name, upper in bands:
        if upper is not None:
            whens.append((value < upper, name))
    return case(*whens, else_=bands[-1][0])


class StatisticsExpressions:
    """The engine, the tables, and the expressions that differ between SQLite and PostgreSQL."""

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

    def _days(self, day: Any, moment: Any) -> Any:
        """Whole days from the date of ``moment`` to ``day``."""
        if self._engine.dialect.name == "postgresql":
            return day - cast(moment, Date)
        return func.round(func.julianday(day) - func.julianday(func.date(moment)))

    def _sessions(self, query: StatisticsQuery, *, completed: bool = True) -> Select[Any]:
        """Completed sessions by completion month; or (``completed=False``) the unfinished
        ones by the month they were started: the drop-outs."""
        s = self._t["intake_session"]
        moment = s.c.completed_at if completed else s.c.created_at
        conditions = [
            s.c.practice == false(),
            s.c.completed_at.is_not(None) if completed else s.c.completed_at.is_(None),
            moment >= _month_start(query.first_month),
            moment < _month_after(query.last_month),
        ]
        if query.neighbourhood is not None:
            conditions.append(s.c.neighbourhood == query.neighbourhood)
        columns = [s.c.id, self._month(moment), s.c.neighbourhood]
        if completed:
            columns += [
                s.c.visit,
                s.c.client_language,
                self._minutes(s.c.created_at, s.c.completed_at),
                self._days(s.c.follow_up_date, s.c.completed_at),
                s.c.safety_flag,
            ]
        return select(*columns).where(and_(*conditions))
