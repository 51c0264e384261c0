"""Persistence: SQLModel tables, repositories, Alembic migrations (design.md section 4)."""
