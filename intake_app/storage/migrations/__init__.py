"""Alembic migrations; ``HEAD`` lets start-up skip importing Alembic when nothing is due."""

HEAD = "0008_session_owner"
