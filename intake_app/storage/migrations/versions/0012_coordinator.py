"""The coordinator's self-scan (ORG-01) and counsellor profiles (ORG-05) (issues 15, 18).

Revision ID: 0012_coordinator
Revises: 0006_print_choices
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_coordinator"
down_revision = "0006_print_choices"
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


def downgrade() -> None:
    op.drop_table("counsellor_profile")
    op.drop_table("selfscan_square")
