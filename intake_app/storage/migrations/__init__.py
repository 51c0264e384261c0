"""Alembic migrations; ``HEAD`` lets start-up skip importing Alembic when nothing is due."""

HEAD = "0001_initial"
