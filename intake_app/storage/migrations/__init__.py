"""Alembic migrations; ``HEAD`` lets start-up skip importing Alembic when nothing is due."""

HEAD = "0005_informal_debts"
