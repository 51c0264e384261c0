"""Invented sessions for the statistics tests and benchmarks, inserted with bulk SQL.

No real people: codes, neighbourhoods and amounts are random. ``generate`` returns the rows it
inserted, so a test can count them again in plain Python, independently of the SQL.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

CHOICE_CARDS = {
    "route_in": ["self", "word_of_mouth", "key_person", "mosque_church", "gp", "refugee_work"],
    "setting": ["walk_in", "office", "home_visit", "community_location", "women_only"],
    "time_slot": ["daytime", "evening"],
    "interpreter_mode": [
        "professional_in_person",
        "phone_interpreter",
        "family_member",
        "translation_app",
        "none",
    ],
    "counsellor_gender_preference": ["female", "male", "no_preference", "not_asked"],
    "gender_preference_honoured": ["yes", "no", "not_applicable"],
    "own_community_preference": ["yes", "no", "no_matter"],
    "household": ["single", "single_parent", "couple", "couple_with_children"],
    "problems_since": ["under_6_months", "6_to_12_months", "1_to_3_years", "over_3_years"],
}
MULTI_CARDS = {
    "income_sources": ["work", "benefit", "pension", "none"],
    "life_domains": ["health", "parenting", "safety_at_home", "loneliness"],
}
LANGUAGES = ["nl", "nl", "nl", "ar", "ar", "tr", "pl", "ti", "so", "uk", "fa_AF", "en"]
NEIGHBOURHOODS = ["Noordwijk", "Zuidhoek", "Oosterpark", "Westeinde", ""]
INFORMAL = {
    "inf_family_nl": "owed_by_client",
    "inf_friends": "owed_by_client",
    "inf_wedding": "owed_by_client",
    "inf_remittance": "remittance",
    "inf_lent_out": "owed_to_client",
    "inf_gift": "gift",
}
CATEGORIES = ["rent", "energy", "health_insurance", "fine", "tax_office", None]
PROVISIONS = ["huurtoeslag", "zorgtoeslag", "kwijtschelding", "bijzondere_bijstand"]
PROVISION_STATUS = ["receives", "not_receiving", "unknown", "applied_today"]


@dataclass
class Generated:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def sessions(self) -> list[dict[str, Any]]:
        return self.rows["intake_session"]

    def counted(self, first: date, last_exclusive: date) -> dict[int, dict[str, Any]]:
        """Sessions the statistics must count: completed in the period, not practice."""
        start = datetime(first.year, first.month, 1, tzinfo=UTC)
        end = datetime(last_exclusive.year, last_exclusive.month, 1, tzinfo=UTC)
        return {
            s["id"]: s
            for s in self.sessions()
            if not s["practice"] and s["completed_at"] is not None
            and start <= s["completed_at"] < end
        }  # fmt: skip


def generate(
    engine: Engine,
    n: int,
    *,
    seed: int = 7,
    start: datetime = datetime(2026, 1, 1, tzinfo=UTC),
    days: int = 180,
    first_id: int = 1,
    languages: list[str] | None = None,
) -> Generated:
    rng = random.Random(seed)
    out = Generated({name: [] for name in TABLES})
    for offset in range(n):
        sid = first_id + offset
        created = start + timedelta(minutes=rng.randrange(days * 24 * 60))
        completed = created + timedelta(minutes=rng.randrange(10, 200))
        done = rng.random() < 0.9
        out.rows["intake_session"].append(
            {
                "id": sid,
                "code": f"G-{sid:07d}",
                "created_at": created,
                "updated_at": completed,
                "client_language": rng.choice(languages or LANGUAGES),
                "status": "completed" if done else "active",
                "current_card": None,
                "practice": rng.random() < 0.05,
                "first_name": "",
                "age_band": "",
                "neighbourhood": rng.choice(NEIGHBOURHOODS),
                "visit": rng.choice([1, 1, 1, 2, 3]),
                "trust_confirmed_at": None,
                "trauma_flag": False,
                "safety_flag": rng.random() < 0.03,
                "follow_up_date": (completed + timedelta(days=14)).date()
                if rng.random() < 0.5
                else None,
                "next_appointment": None,
                "completed_at": completed if done else None,
                "phase_order_json": "[]",
            }
        )
        _records(rng, out, sid, created)
    insert(engine, out)
    return out


def _records(rng: random.Random, out: Generated, sid: int, at: datetime) -> None:
    rows = out.rows
    for card, options in CHOICE_CARDS.items():
        if rng.random() < 0.8:
            rows["answer_option"].append(
                {"session_id": sid, "card_id": card, "option_id": rng.choice(options)}
            )
    for card, options in MULTI_CARDS.items():
        for option in rng.sample(options, rng.randrange(0, 3)):
            rows["answer_option"].append({"session_id": sid, "card_id": card, "option_id": option})
    for _ in range(rng.choice([0, 0, 1, 2])):
        card = rng.choice(list(INFORMAL))
        rows["debt"].append(_debt(rng, sid, "informal", INFORMAL[card], card, None))
    for _ in range(rng.choice([0, 1, 2, 3])):
        rows["debt"].append(
            _debt(rng, sid, "formal", "owed_by_client", "formal_debts", rng.choice(CATEGORIES))
        )
    for kind in rng.sample(["eviction", "disconnection", "bailiff"], rng.choice([0, 0, 0, 1, 2])):
        # Resolved on the spot for about a third (ORG-07), without drawing from ``rng`` so
        # that every other generated number stays as it was.
        rows["urgency"].append({"session_id": sid, "type": kind, "deadline": None,
                                "resolved": (sid + len(kind)) % 3 == 0})  # fmt: skip
    for _ in range(rng.choice([0, 1, 1, 2])):
        rows["spot_action"].append(
            {
                "session_id": sid,
                "type": rng.choice(["creditor_called", "form_filled", "appointment_made"]),
                "at": at,
                "description": "",
            }
        )
    for provision in rng.sample(PROVISIONS, rng.randrange(0, 3)):
        rows["provision_check"].append(
            {
                "session_id": sid,
                "provision_id": provision,
                "status": rng.choice(PROVISION_STATUS),
                "owner": None,
                "due": None,
            }
        )
    for _ in range(rng.choice([0, 0, 1])):
        rows["referral"].append(
            {
                "session_id": sid,
                "organisation_id": None,
                "organisation_name": "Invented Foundation",
                "formal": rng.random() < 0.7,
                "warm": rng.random() < 0.5,
                "status": rng.choice(["planned", "arrived", "not_arrived", "lost_contact"]),
                "appointment": None,
                "accompanied_by": "",
                # A date for the end status, again without drawing from ``rng``.
                "status_on": at.date() + timedelta(days=sid % 75),
            }
        )
    if rng.random() < 0.4:
        rows["consent"].append(
            {
                "session_id": sid,
                "purpose": "handover_formal",
                "given": rng.random() < 0.9,
                "at": at,
                "revoked_at": at if rng.random() < 0.1 else None,
            }
        )
    for _ in range(rng.choice([0, 1, 2])):
        rows["next_step"].append(
            {"session_id": sid, "what": "Invented step", "owner": "client", "due": None,
             "done": rng.random() < 0.5}
        )  # fmt: skip


def _debt(
    rng: random.Random, sid: int, kind: str, direction: str, card: str, category: str | None
) -> dict[str, Any]:
    amount = None if rng.random() < 0.15 else rng.choice([50, 250, 800, 2500, 9000]) * 100
    return {
        "session_id": sid,
        "kind": kind,
        "direction": direction,
        "card_id": card,
        "amount_cents": amount,
        "approximate": False,
        "monthly": False,
        "creditor": "",
        "category": category,
        "relationship": "friend" if kind == "informal" else None,
        "country": "",
        "purpose": "",
        "terms": "unknown",
        "pressure": "unknown",
        "deadline": None,
        "wish": "dont_know",
        "status": "unknown",
        "consent_handover": False,
    }


TABLES = (
    "intake_session",
    "answer_option",
    "debt",
    "urgency",
    "spot_action",
    "provision_check",
    "referral",
    "consent",
    "next_step",
)


def insert(engine: Engine, data: Generated) -> None:
    """Bulk insert (executemany), one transaction; no ORM objects."""
    import intake_app.storage.tables  # noqa: F401  (registers the tables)

    metadata = SQLModel.metadata.tables
    with engine.begin() as connection:
        for name in TABLES:
            rows = data.rows[name]
            for i in range(0, len(rows), 50_000):
                connection.execute(metadata[name].insert(), rows[i : i + 50_000])
    if engine.dialect.name == "sqlite":
        # Fold the write-ahead log into the file, as SQLite does by itself over time: reading
        # a million fresh rows through the WAL would make the benchmark measure the WAL.
        from intake_app.storage.database import READ_ONLY

        # Read-only: a plain BEGIN, so no write lock is held while the log is folded in.
        with engine.connect().execution_options(**READ_ONLY) as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
