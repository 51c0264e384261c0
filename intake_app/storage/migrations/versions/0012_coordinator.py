"""The coordinator's self-scan (ORG-01) and counsellor profiles (ORG-05) (issues 15, 18).

Revision ID: 0012_coordinator
Revises: 0008_session_owner
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_coordinator"
down_revision = "0008_session_owner"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "selfscan_square",
        sa.Column("square_id", sa.String(length=32), primary_key=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("tips", sa.String(length=2000), nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "counsellor_profile",
        sa.Column("username", sa.String(length=40), primary_key=True),
        sa.Column("languages", sa.String(length=200), nullable=False, server_default=""),
        sa.Column("gender", sa.String(length=16), nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


    if op.get_bind().dialect.name == "postgresql":
        # Counts per account of "opened session:N" lines since a moment, with the owner's
        # rights: a coordinator's login may run it (pg_roles.py) without reading the audit
        # log itself. SQLite has no logins; the app reads the table there.
        op.execute(TEAM_LOAD_FUNCTION)


TEAM_LOAD_FUNCTION = """
CREATE OR REPLACE FUNCTION team_load(since timestamptz)
RETURNS TABLE (actor varchar, opened bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT actor, count(*) FROM audit_event
    WHERE action = 'opened' AND target LIKE 'session:%' AND at >= since
    GROUP BY actor
$$
"""


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS team_load(timestamptz)")
    op.drop_table("counsellor_profile")
    op.drop_table("selfscan_square")
