"""``intake-admin db setup-roles``: the server-side roles for PostgreSQL (storage/pg_roles.py)."""

from __future__ import annotations

from intake_app.bootstrap.context import resolve_db_url
from intake_app.bootstrap.paths import default_paths
from intake_app.core.errors import ConfigurationError
from intake_app.core.marks import N_


def setup_server_roles(db_url: str | None) -> list[str]:
    """Create the roles and grants on the server; returns lines for the report."""
    from intake_app.storage.database import create_database_engine, parse_url
    from intake_app.storage.migrate import upgrade_to_head
    from intake_app.storage.pg_roles import GROUPS, OWNER, setup_roles
    from intake_app.storage.postgres import advisory_lock

    url = resolve_db_url(db_url, default_paths(None))
    if parse_url(url).get_backend_name() != "postgresql":
        raise ConfigurationError(
            N_("Rollen op de server gaan alleen over PostgreSQL; een SQLite-bestand heeft ze niet.")
        )
    engine = create_database_engine(url)
    try:
        with advisory_lock(engine):
            upgrade_to_head(engine)  # the tables must exist before they get owners and grants
            statements = setup_roles(engine)
    finally:
        engine.dispose()
    groups = ", ".join(GROUPS.values())
    return [
        f"Klaar: {len(statements)} opdrachten uitgevoerd.",
        f"Eigenaar van de tabellen: {OWNER} (alleen voor wie de app bijwerkt).",
        f"Groepen: {groups}.",
        "Geef elke laptop een eigen login in de groep van de hoogste rol die erop werkt, "
        "bijvoorbeeld: CREATE ROLE inloop_noord LOGIN PASSWORD '…' IN ROLE intake_volunteer;",
    ]
