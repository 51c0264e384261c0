"""Command-line tools: ``intake-admin`` and the catalog maintenance used by the Makefile."""
