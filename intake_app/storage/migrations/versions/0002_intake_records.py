"""The whole intake: debts, urgencies, actions, provisions, steps, referrals, consents, notes.

Revision ID: 0002_intake_records
Revises: 0001_initial
Create Date: 2026-11-22
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002_intake_records"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('formal', sa.Boolean(), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('languages', sa.String(length=200), nullable=False),
    sa.Column('contact_genders', sa.String(length=40), nullable=False),
    sa.Column('neighbourhood', sa.String(length=80), nullable=False),
    sa.Column('channel', sa.String(length=120), nullable=False),
    sa.Column('evening_hours', sa.Boolean(), nullable=False),
    sa.Column('consent_needed', sa.Boolean(), nullable=False),
    sa.Column('own_community', sa.Boolean(), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('answer_option',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.String(length=64), nullable=False),
    sa.Column('option_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['intake_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_answer_option_card_option', 'answer_option', ['card_id', 'option_id'], unique=False)
    op.create_index(op.f('ix_answer_option_session_id'), 'answer_option', ['session_id'], unique=False)
    op.create_table('consent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=40), nullable=False),
    sa.Column('given', sa.Boolean(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['intake_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_consent_session_id'), 'consent', ['session_id'], unique=False)
    op.create_table('debt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('direction', sa.String(length=24), nullable=False),
    sa.Column('card_id', sa.String(length=64), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=True),
    sa.Column('approximate', sa.Boolean(), nullable=False),
    sa.Column('monthly', sa.Boolean(), nullable=False),
    sa.Column('creditor', sa.String(length=120), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=True),
    sa.Column('relationship', sa.String(length=32), nullable=True),
    sa.Column('country', sa.String(length=60), nullable=False),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.Column('terms', sa.String(length=16), nullable=False),
    sa.Column('pressure', sa.String(length=16), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('wish', sa.String(length=24), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('consent_handover', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['intake_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_debt_session_id'), 'debt', ['session_id'], unique=False)
    op.create_table('next_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('what', sa.String(length=300), nullable=False),
    sa.Column('owner', sa.String(length=16), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['intake_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_next_step_session_id'), 'next_step', ['session_id'], unique=False)
    op.create_table('note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.String(length=64), nullable=True),
    sa.Column('text', sa.String(length=4000), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['intake_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_note_session_id'), 'note', ['session_id'], unique=False)
    op.create_table('phase_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('phase_id', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['intake_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'phase_id', name='uq_phase_state')
    )
    op.create_index(op.f('ix_phase_state_session_id'), 'phase_state', ['session_id'], unique=False)
    op.create_table('provision_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('provision_id', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('owner', sa.String(length=16), nullable=True),
    sa.Column('due', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['intake_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'provision_id', name='uq_provision')
    )
    op.create_index(op.f('ix_provision_check_session_id'), 'provision_check', ['session_id'], unique=False)
    op.create_table('referral',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('organisation_name', sa.String(length=120), nullable=False),
    sa.Column('formal', sa.Boolean(), nullable=False),
    sa.Column('warm', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('appointment', sa.DateTime(timezone=True), nullable=True),
    sa.Column('accompanied_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['intake_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_referral_session_id'), 'referral', ['session_id'], unique=False)
    op.create_table('spot_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['intake_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_spot_action_session_id'), 'spot_action', ['session_id'], unique=False)
    op.create_table('urgency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=24), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['intake_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_urgency_session_id'), 'urgency', ['session_id'], unique=False)
    op.add_column('intake_session', sa.Column('first_name', sa.String(length=60), nullable=False, server_default=sa.text("''")))
    op.add_column('intake_session', sa.Column('age_band', sa.String(length=16), nullable=False, server_default=sa.text("''")))
    op.add_column('intake_session', sa.Column('neighbourhood', sa.String(length=80), nullable=False, server_default=sa.text("''")))
    op.add_column('intake_session', sa.Column('visit', sa.Integer(), nullable=False, server_default=sa.text("'1'")))
    op.add_column('intake_session', sa.Column('trust_confirmed_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('intake_session', sa.Column('trauma_flag', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('intake_session', sa.Column('safety_flag', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('intake_session', sa.Column('follow_up_date', sa.Date(), nullable=True))
    op.add_column('intake_session', sa.Column('next_appointment', sa.DateTime(timezone=True), nullable=True))
    op.add_column('intake_session', sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('intake_session', sa.Column('phase_order_json', sa.String(length=1000), nullable=False, server_default=sa.text("'[]'")))
    op.create_index(op.f('ix_intake_session_completed_at'), 'intake_session', ['completed_at'], unique=False)
    _backfill_answer_options()


def _backfill_answer_options() -> None:
    """Answers stored before this revision get their rows in answer_option."""
    connection = op.get_bind()
    answers = connection.execute(sa.text("SELECT session_id, card_id, value_json FROM answer"))
    rows = [
        {"session_id": session_id, "card_id": card_id, "option_id": option}
        for session_id, card_id, value_json in answers
        for option in json.loads(value_json or "[]")
    ]
    if rows:
        connection.execute(
            sa.text(
                "INSERT INTO answer_option (session_id, card_id, option_id) "
                "VALUES (:session_id, :card_id, :option_id)"
            ),
            rows,
        )


def downgrade() -> None:
    for table in (
        "urgency", "spot_action", "referral", "provision_check", "phase_state", "note",
        "next_step", "debt", "consent", "answer_option", "organisation",
    ):
        op.drop_table(table)
    with op.batch_alter_table("intake_session") as batch:
        batch.drop_index("ix_intake_session_completed_at")
        for column in (
            "first_name", "age_band", "neighbourhood", "visit", "trust_confirmed_at",
            "trauma_flag", "safety_flag", "follow_up_date", "next_appointment", "completed_at",
            "phase_order_json",
        ):
            batch.drop_column(column)
