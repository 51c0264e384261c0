"""Alembic migrations; ``HEAD`` lets start-up skip importing Alembic when nothing is due."""

HEAD = "0013_follow_up_index"
