"""Shared fixtures: real temporary SQLite files, the real content, offscreen Qt."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from intake_app.bootstrap.context import AppContext, build_context
from intake_app.bootstrap.paths import default_paths
from intake_app.storage.database import sqlite_url
from tests.postgres import PostgresServer, postgres_bin, running_server

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "intake.db")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server, started once for the whole test run."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        reason = "PostgreSQL is not installed (Debian: apt-get install postgresql)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    with running_server(bin_dir) as server:
        yield server


@pytest.fixture
def pg_url(postgres_server: PostgresServer) -> Iterator[str]:
    """An empty database of its own on the throwaway server."""
    with postgres_server.fresh_database() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "intake.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def any_context(any_db_url: str, tmp_path: Path) -> Iterator[AppContext]:
    built = build_context(db_url=any_db_url, data_dir=tmp_path)
    yield built
    built.close()


@pytest.fixture
def context(db_url: str, tmp_path: Path) -> Iterator[AppContext]:
    built = build_context(db_url=db_url, data_dir=tmp_path)
    yield built
    built.close()


@pytest.fixture
def paths(tmp_path: Path):
    return default_paths(tmp_path)


@pytest.fixture
def gui_app(qapp, paths):
    """The QApplication styled and with fonts, as app.main() sets it up."""
    from intake_app.ui.fonts import install_fonts

    qapp.setStyle("Fusion")
    install_fonts(qapp, paths.fonts)
    qapp.setStyleSheet((paths.styles / "app.qss").read_text(encoding="utf-8"))
    return qapp
