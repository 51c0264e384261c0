"""The handover chain (issue 21): household, income, formal debts' reference and stage,
what was agreed on an urgency, where the joint appointment is.

Revision ID: 0007_handover_chain
Revises: 0006_print_choices
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_handover_chain"
down_revision = "0006_print_choices"
branch_labels = None
depends_on = None


def _text(name: str, length: int) -> sa.Column[object]:
    return sa.Column(name, sa.String(length=length), nullable=False, server_default="")


def _new() -> dict[str, tuple[sa.Column[object], ...]]:
    return {
        "intake_session": (
            sa.Column("household_adults", sa.Integer(), nullable=True),
            sa.Column("household_children", sa.Integer(), nullable=True),
            _text("household_children_ages", 200),
            _text("household_others", 200),
        ),
        "debt": (
            _text("reference", 60),
            _text("initial_creditor", 120),
            sa.Column("stage", sa.String(length=24), nullable=True),
        ),
        "urgency": (_text("agreed", 200),),
        "referral": (_text("appointment_place", 120),),
    }


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite supports it): a batch copy of a table would drop and
    # recreate it, and ON DELETE CASCADE would take the child rows with it.
    for table, columns in _new().items():
        for column in columns:
            op.add_column(table, column)
    op.create_table(
        "income",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("intake_session.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("source", sa.String(length=24), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=True),
        sa.Column("approximate", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("amount_up_to_cents", sa.Integer(), nullable=True),
        sa.Column(
            "amount_up_to_approximate", sa.Boolean(), nullable=False, server_default=sa.false()
        ),
        _text("whose", 60),
        _text("description", 200),
    )
    op.create_index("ix_income_session_id", "income", ["session_id"])


def downgrade() -> None:
    op.drop_index("ix_income_session_id", table_name="income")
    op.drop_table("income")
    for table, columns in reversed(_new().items()):
        for column in reversed(columns):
            op.drop_column(table, column.name)  # SQLite 3.35+: no batch copy (see upgrade)
