"""Bring a database to the newest schema with Alembic (also for the very first schema)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from intake_app.core.errors import StorageError
from intake_app.core.marks import N_
from intake_app.storage.migrations import HEAD

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config() -> Config:
    from alembic.config import Config  # lazy: Alembic costs start-up time

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def known_revision(revision: str) -> bool:
    """Whether this version of the app knows ``revision`` (it is in our migrations)."""
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except (CommandError, KeyError):
        return False


def upgrade_to_head(engine: Engine) -> bool:
    """Migrate if needed; True when a migration ran.

    A database that a newer app has already upgraded (a colleague's laptop during a rolling
    upgrade) is refused in one sentence instead of a crash: this app cannot know its tables.
    """
    try:
        revision = current_revision(engine)
        if revision == HEAD:
            return False
        if revision is not None and not known_revision(revision):
            raise StorageError(
                N_(
                    "Deze database is al bijgewerkt door een nieuwere versie van de app "
                    "(schema {revision}). Werk de app op deze computer bij; er is niets "
                    "veranderd."
                ),
                revision=revision,
            )
        from alembic import command

        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise StorageError(
            "De database kon niet worden bijgewerkt naar de nieuwe versie: {reason}",
            reason=str(exc.orig if hasattr(exc, "orig") else exc),
        ) from exc
    return True
