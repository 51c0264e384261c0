"""Build everything the ui or cli needs, in one place, from settings."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from intake_app.bootstrap.paths import Paths, default_paths, ensure_data_dir
from intake_app.content.loader import load_flow
from intake_app.i18n.translator import Translators
from intake_app.reporting.writer import PdfDocumentWriter
from intake_app.services.intake import IntakeService
from intake_app.services.retention import StorageAdminService
from intake_app.services.session_file import SessionFileService
from intake_app.storage.database import sqlite_url
from intake_app.storage.opening import OpenedStorage, open_storage

DB_URL_VARIABLE = "INTAKE_APP_DB_URL"


@dataclass(frozen=True, slots=True)
class AppContext:
    paths: Paths
    storage: OpenedStorage
    translators: Translators
    intake: IntakeService
    session_files: SessionFileService
    storage_admin: StorageAdminService

    def close(self) -> None:
        self.storage.close()


def resolve_db_url(cli_url: str | None, paths: Paths) -> str:
    """``--db`` wins over ``INTAKE_APP_DB_URL``; the default is a file in the data folder."""
    url = cli_url or os.environ.get(DB_URL_VARIABLE)
    if url:
        return url
    ensure_data_dir(paths.data_dir)
    return sqlite_url(paths.default_database)


def build_context(db_url: str | None = None, data_dir: Path | None = None) -> AppContext:
    paths = default_paths(data_dir)
    flow = load_flow(paths.content)
    storage = open_storage(resolve_db_url(db_url, paths))
    translators = Translators(paths.catalogs)
    intake = IntakeService(storage.sessions, flow, translators, PdfDocumentWriter(paths.fonts))
    storage_admin = StorageAdminService(storage.maintenance, storage.sessions)
    try:
        storage_admin.apply_retention()  # personal fields past the retention period go
    except BaseException:
        storage.close()
        raise
    return AppContext(
        paths,
        storage,
        translators,
        intake,
        session_files=SessionFileService(storage.sessions, storage.maintenance),
        storage_admin=storage_admin,
    )
