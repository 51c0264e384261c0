"""Composition root: builds the services from settings and paths. No Qt here."""
