"""Which database to open, worked out without loading the database libraries.

The log-in window needs only this (and the keys file): SQLAlchemy and SQLModel cost a few
hundred milliseconds to import, so they load after the first window is on screen
(issue 16: start to the first usable window within 1 s).
"""

from __future__ import annotations

import os
from pathlib import Path

from intake_app.bootstrap.paths import Paths, ensure_data_dir

DB_URL_VARIABLE = "INTAKE_APP_DB_URL"
_SQLITE_FILE = "sqlite:///"


def resolve_db_url(cli_url: str | None, paths: Paths) -> str:
    """``--db`` wins over ``INTAKE_APP_DB_URL``; the default is a file in the data folder."""
    url = cli_url or os.environ.get(DB_URL_VARIABLE)
    if url:
        return url
    ensure_data_dir(paths.data_dir)
    return f"{_SQLITE_FILE}{paths.default_database}"


def database_file(url: str) -> Path | None:
    """The SQLite file of ``url``; None for PostgreSQL and in-memory databases.

    A plain ``sqlite:///path`` is read here; anything else goes through SQLAlchemy's parser,
    which also says in one sentence what is wrong with a bad address.
    """
    if url.startswith(_SQLITE_FILE) and not any(ch in url for ch in "?#"):
        path = url[len(_SQLITE_FILE) :]
        return Path(path) if path and path != ":memory:" else None
    from intake_app.storage.database import parse_url, sqlite_file

    return sqlite_file(parse_url(url))
