"""Server-side roles for PostgreSQL (issue 20): the server enforces what the app promises.

``intake-admin db setup-roles`` (run once by the organisation's database owner) creates:

- ``intake_owner``: owns every table; migrations run as a member of it. Laptops never hold it.
- one group role per app role: ``intake_volunteer``, ``intake_counsellor``,
  ``intake_coordinator``, ``intake_admin``. A laptop connects with a login that is a member of
  the group for the highest role used on it (a walk-in laptop: volunteer), so whatever a
  person does with that laptop's credentials outside the app (``psql`` with its ``.pgpass``),
  the server allows no more than the roles × operations matrix (docs/roles.md).

What the grants say:
- conversation content (sessions and every record in them) is read and written by volunteers,
  counsellors and admins; only counsellors and admins may delete a whole session (erasure);
- a coordinator reads no notes and no personal field at all (names, creditors, countries,
  purposes, descriptions, the answers' raw values): column grants on exactly the fields the
  statistics count, and nothing on ``note`` or ``answer``;
- ``audit_event`` is append-only: every group may INSERT, only admins SELECT, nobody UPDATE or
  DELETE (the owner role aside, which laptops do not hold);
- accounts: everyone may read them (log-in) and update only the lock-out counter; only admins
  add, remove or change roles and passwords.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Table, text
from sqlalchemy.engine import Engine

OWNER = "intake_owner"
GROUPS = {
    "volunteer": "intake_volunteer",
    "counsellor": "intake_counsellor",
    "coordinator": "intake_coordinator",
    "admin": "intake_admin",
}
WRITERS = ("intake_volunteer", "intake_counsellor", "intake_admin")
ERASERS = ("intake_counsellor", "intake_admin")

# The session and every record in it.
CONTENT_TABLES = (
    "intake_session", "answer", "answer_option", "phase_state", "debt", "urgency",
    "spot_action", "provision_check", "next_step", "referral", "consent", "note",
    "session_anonymised",
)  # fmt: skip
# Never readable by a coordinator, not even one column.
HIDDEN_FROM_COORDINATOR = frozenset({"note", "answer"})
# Readable by a coordinator except these columns (the retention rule's personal fields too).
PERSONAL_COLUMNS = {
    # owner: which account started a conversation says who worked with whom: not a figure.
    "intake_session": {"first_name", "phase_order_json", "current_card", "owner"},
    "debt": {"creditor", "country", "purpose"},
    "spot_action": {"description"},
    "next_step": {"what"},
    "referral": {"accompanied_by"},
}
ACCOUNT_COUNTER_COLUMNS = ("failed_attempts", "locked_until")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables() -> dict[str, Table]:
    from sqlmodel import SQLModel

    import intake_app.storage.security_tables
    import intake_app.storage.tables  # noqa: F401 - registers the tables

    return dict(SQLModel.metadata.tables)


def role_statements(existing_roles: Iterable[str] = ()) -> list[str]:
    """The SQL, in order. Idempotent: roles that exist are not created again."""
    existing = set(existing_roles)
    tables = _tables()
    groups = list(GROUPS.values())
    everyone = ", ".join(groups)
    sql: list[str] = [
        f"CREATE ROLE {name} NOLOGIN" for name in (OWNER, *groups) if name not in existing
    ]
    sql.append(f"GRANT USAGE ON SCHEMA public TO {everyone}")
    for name in (*tables, "alembic_version"):
        sql.append(f"ALTER TABLE {_quote(name)} OWNER TO {OWNER}")
        sql.append(f"REVOKE ALL ON {_quote(name)} FROM PUBLIC, {everyone}")
    sql.append(f"GRANT SELECT ON alembic_version TO {everyone}")
    sql.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {everyone}")

    for name in CONTENT_TABLES:
        sql.append(f"GRANT SELECT, INSERT, UPDATE ON {_quote(name)} TO {', '.join(WRITERS)}")
        deleters = ERASERS if name == "intake_session" else WRITERS
        sql.append(f"GRANT DELETE ON {_quote(name)} TO {', '.join(deleters)}")
        if name not in HIDDEN_FROM_COORDINATOR:
            hidden = PERSONAL_COLUMNS.get(name, set())
            columns = [c.name for c in tables[name].columns if c.name not in hidden]
            listed = ", ".join(_quote(c) for c in columns)
            sql.append(f"GRANT SELECT ({listed}) ON {_quote(name)} TO intake_coordinator")

    # The referral directory and the coordinator's settings.
    sql.append(f"GRANT SELECT ON organisation, app_setting TO {everyone}")
    sql.append(
        "GRANT INSERT, UPDATE, DELETE ON organisation, app_setting "
        "TO intake_coordinator, intake_admin"
    )

    # Accounts: read for log-in, the lock-out counter for everyone, the rest for admins.
    counters = ", ".join(ACCOUNT_COUNTER_COLUMNS)
    sql.append(f"GRANT SELECT, UPDATE ({counters}) ON user_account TO {everyone}")
    sql.append("GRANT INSERT, UPDATE, DELETE ON user_account TO intake_admin")

    # The audit log is append-only for every app role.
    # INSERT … RETURNING id needs the id column, nothing else.
    sql.append(f"GRANT INSERT, SELECT (id) ON audit_event TO {everyone}")
    sql.append("GRANT SELECT ON audit_event TO intake_admin")
    return sql


def setup_roles(engine: Engine) -> list[str]:
    """Apply the roles and grants; returns the statements run (for the report)."""
    with engine.begin() as connection:
        existing = connection.execute(text("SELECT rolname FROM pg_roles")).scalars().all()
        statements = role_statements(existing)
        for statement in statements:
            connection.execute(text(statement))
    return statements


def may_write_content(engine: Engine) -> bool:
    """Whether this connection's role may change sessions (retention needs it)."""
    if engine.dialect.name != "postgresql":
        return True
    with engine.connect() as connection:
        return bool(
            connection.execute(
                text("SELECT has_table_privilege('intake_session', 'UPDATE')")
            ).scalar()
        )
