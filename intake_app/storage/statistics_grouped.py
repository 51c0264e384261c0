"""The grouped count queries of the coordinator statistics: one SELECT per source (answer
options, debts, urgencies, actions, provisions, referrals, consent, next steps, follow-up,
intake length), each grouped by month and neighbourhood over the chosen sessions.

``GroupedCounts`` is a part of ``SqlStatisticsQueries`` (a mixin), split off from
statistics_queries.py: it only builds statements; running them on the workers, the base
counts and the port's settings stay there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    Date,
    Select,
    Table,
    case,
    cast,
    distinct,
    func,
    literal,
    null,
    select,
    true,
    union_all,
)

from intake_app.storage.statistics_sql import (
    AMOUNT_BANDS,
    FOLLOW_UP_BANDS,
    INTERPRETERS,
    MINUTE_BANDS,
    OPEN_REFERRAL_STATUSES,
    OPTION_PARTS,
    StatisticsExpressions,
    _band,
    _by,
)


class GroupedCounts(StatisticsExpressions):
    """The statements the workers run, and how their grouping keys become row ids."""

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
