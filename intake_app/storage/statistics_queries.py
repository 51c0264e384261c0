"""Grouped counts for the coordinator statistics, in bulk SQL (design.md §8, §9).

Every query counts completed, non-practice sessions whose ``completed_at`` falls in the
requested months, grouped by month. Nothing here returns a row about one person: only
``(source, row id, month) -> count``. The sources are listed in ``services/statistics_tables.py``.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from queue import Empty, Queue
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
    distinct,
    false,
    func,
    literal,
    literal_column,
    null,
    select,
    true,
    union_all,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel

from intake_app.core.cell_key import record_key
from intake_app.core.errors import StorageError
from intake_app.core.model import ReferralStatus
from intake_app.core.statistics import RawCounts, StatisticsQuery
from intake_app.storage import tables as _tables  # noqa: F401  (registers the tables)
from intake_app.storage.database import READ_ONLY
from intake_app.storage.settings import SqlSettingsStore

WORKERS = 2  # connections counting at once (design.md §9 budgets a 2-core machine)
OPTION_PARTS = 2
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


FOLLOW_UP_BANDS: tuple[tuple[str, int | None], ...] = (
    ("within_7", 8),
    ("8_14", 15),
    ("15_30", 31),
    ("31_60", 61),
    ("over_60", None),
)
SECRET_SETTING = "statistics_cell_key_secret"  # noqa: S105 (a setting's name; see core/cell_key.py)
NEIGHBOURHOOD_LIST_SETTING = "statistics_neighbourhoods"
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


class SqlStatisticsQueries:
    """Implements ``core.statistics.StatisticsSource`` over the intake tables."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._t = SQLModel.metadata.tables
        self._settings = SqlSettingsStore(engine)

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

    def _grouped(
        self, chosen: Table, cards: tuple[str, ...] = ()
    ) -> Iterable[tuple[str, Select[Any]]]:
        t = self._t
        month, nb = chosen.c.month, chosen.c.nb

        def joined(table_name: str) -> Any:
            table = t[table_name]
            return chosen.join(table, table.c.session_id == chosen.c.sid)

        ao, debt, urgency = t["answer_option"], t["debt"], t["urgency"]
        action, provision, referral = t["spot_action"], t["provision_check"], t["referral"]
        consent, step = t["consent"], t["next_step"]
        sessions = func.count(distinct(chosen.c.sid))
        session_keys = func.sum(distinct(chosen.c.rkey))  # the same set of sessions: the same sum
        items, item_keys = func.count(), func.sum(chosen.c.rkey)

        # The biggest table, in a few parts by card, so both workers share the sorting.
        parts = [cards[i::OPTION_PARTS] for i in range(OPTION_PARTS)] if cards else [()]
        for part in parts:
            if cards and not part:
                continue
            yield (
                "options",
                (
                    select(month, nb, ao.c.card_id, ao.c.option_id, items, item_keys)
                    .select_from(joined("answer_option"))
                    .where(ao.c.card_id.in_(part) if part else true())
                    .group_by(*_by(4))
                ),
            )
        yield (
            "debt_sessions",
            (
                select(month, nb, debt.c.kind, debt.c.direction, sessions, session_keys)
                .select_from(joined("debt"))
                .group_by(*_by(4))
            ),
        )
        yield (
            "informal_card",
            (
                select(month, nb, debt.c.card_id, sessions, session_keys)
                .select_from(joined("debt"))
                .where(debt.c.kind == "informal")
                .group_by(*_by(3))
            ),
        )
        yield (
            "formal_category",
            (
                select(month, nb, func.coalesce(debt.c.category, "other"), sessions, session_keys)
                .select_from(joined("debt"))
                .where(debt.c.kind == "formal")
                .group_by(*_by(3))
            ),
        )
        band = _band(debt.c.amount_cents, AMOUNT_BANDS)
        yield (
            "debt_amount",
            (
                select(month, nb, debt.c.kind, debt.c.direction, band, items, item_keys)
                .select_from(joined("debt"))
                .group_by(*_by(5))
            ),
        )
        yield (
            "urgent",
            (
                select(month, nb, literal("yes"), sessions, session_keys)
                .select_from(joined("urgency"))
                .group_by(*_by(2))
            ),
        )
        yield (
            "urgency_type",
            (
                select(month, nb, urgency.c.type, sessions, session_keys)
                .select_from(joined("urgency"))
                .group_by(*_by(3))
            ),
        )
        yield (
            "urgency_resolved",  # ORG-07: the prevention indicator
            (
                select(month, nb, urgency.c.type, sessions, session_keys)
                .select_from(joined("urgency"))
                .where(urgency.c.resolved == true())
                .group_by(*_by(3))
            ),
        )
        yield from self._follow_up_done(chosen)
        yield (
            "spot_action",
            (
                select(month, nb, action.c.type, items, item_keys)
                .select_from(joined("spot_action"))
                .group_by(*_by(3))
            ),
        )
        yield (
            "provision",
            (
                select(month, nb, provision.c.provision_id, provision.c.status, items, item_keys)
                .select_from(joined("provision_check"))
                .group_by(*_by(4))
            ),
        )
        yield (
            "referral_kind",
            (
                select(month, nb, referral.c.formal, referral.c.warm, items, item_keys)
                .select_from(joined("referral"))
                .group_by(*_by(4))
            ),
        )
        yield (
            "referral_status",
            (
                select(month, nb, referral.c.status, items, item_keys)
                .select_from(joined("referral"))
                .group_by(*_by(3))
            ),
        )
        yield (
            "handover_consent",
            (
                select(month, nb, literal("yes"), sessions, session_keys)
                .select_from(joined("consent"))
                .where(
                    consent.c.purpose == "handover_formal",
                    consent.c.given == true(),
                    consent.c.revoked_at.is_(None),
                )
                .group_by(*_by(2))
            ),
        )
        yield (
            "next_step",
            (
                select(month, nb, step.c.done, items, item_keys)
                .select_from(joined("next_step"))
                .group_by(*_by(3))
            ),
        )
        session = t["intake_session"]
        length = _band(self._minutes(session.c.created_at, session.c.completed_at), MINUTE_BANDS)
        yield (
            "minutes_interpreter",
            (
                select(month, nb, length, items, item_keys)
                .select_from(joined("answer_option").join(session, session.c.id == chosen.c.sid))
                .where(
                    ao.c.card_id == "interpreter_mode",
                    ao.c.option_id.in_(INTERPRETERS),
                )
                .group_by(*_by(3))
            ),
        )

    def _follow_up_done(self, chosen: Table) -> Iterable[tuple[str, Select[Any]]]:
        """Per session: is its aftercare done (every referral at an end status, every step
        done), and how many days after the session did the last referral get there. A
        session without referrals or steps is in neither (the rest row)."""
        t = self._t
        referral, step, session = t["referral"], t["next_step"], t["intake_session"]
        still_open = referral.c.status.in_(OPEN_REFERRAL_STATUSES)
        items = union_all(
            select(
                referral.c.session_id.label("sid"),
                case((still_open, 1), else_=0).label("open"),
                case((still_open, None), else_=referral.c.status_on).label("closed_on"),
            ),
            select(
                step.c.session_id.label("sid"),
                case((step.c.done == true(), 0), else_=1).label("open"),
                cast(null(), Date).label("closed_on"),
            ),
        ).subquery()
        per = (
            select(
                items.c.sid,
                func.sum(items.c.open).label("open"),
                func.max(items.c.closed_on).label("closed_on"),
            )
            .group_by(items.c.sid)
            .subquery()
        )
        month, nb = chosen.c.month, chosen.c.nb
        joined = chosen.join(per, per.c.sid == chosen.c.sid)
        state = case((per.c.open > 0, "open"), else_="done")
        yield (
            "follow_up_done",
            select(month, nb, state, func.count(), func.sum(chosen.c.rkey))
            .select_from(joined)
            .group_by(*_by(3)),
        )
        days = self._days(per.c.closed_on, session.c.completed_at)
        yield (
            "follow_up_done_days",
            select(month, nb, _band(days, FOLLOW_UP_BANDS), func.count(), func.sum(chosen.c.rkey))
            .select_from(joined.join(session, session.c.id == chosen.c.sid))
            .where(per.c.open == 0)
            .group_by(*_by(3)),
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
