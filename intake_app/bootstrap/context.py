"""Build everything the ui or cli needs, in one place, from settings."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from intake_app.bootstrap.paths import Paths, default_paths, ensure_data_dir
from intake_app.bootstrap.security import SecurityServices, build_security
from intake_app.content.glossary import Glossary, load_glossary
from intake_app.content.loader import load_flow
from intake_app.content.practice import PracticeCase, load_practice_cases
from intake_app.core.statistics import RawCounts, StatisticsQuery
from intake_app.i18n.translator import Translators
from intake_app.reporting.stats_report import StatsPdfWriter
from intake_app.reporting.writer import PdfDocumentWriter
from intake_app.services.directory import DirectoryService
from intake_app.services.intake import IntakeService
from intake_app.services.languages import LanguageService
from intake_app.services.retention import StorageAdminService
from intake_app.services.session_file import SessionFileService
from intake_app.services.statistics import StatisticsService
from intake_app.services.summaries import SummaryService
from intake_app.storage.database import sqlite_url
from intake_app.storage.directory_repository import SqlDirectoryRepository
from intake_app.storage.keys import KeyStore
from intake_app.storage.opening import OpenedStorage, open_storage
from intake_app.storage.settings import SqlSettingsStore
from intake_app.storage.statistics_queries import SqlStatisticsQueries

DB_URL_VARIABLE = "INTAKE_APP_DB_URL"


@dataclass(frozen=True, slots=True)
class AppContext:
    paths: Paths
    storage: OpenedStorage
    translators: Translators
    intake: IntakeService
    summaries: SummaryService
    directory: DirectoryService
    statistics: StatisticsService
    languages: LanguageService
    glossary: Glossary
    security: SecurityServices  # accounts, access, audit, consent (bootstrap/security.py)
    session_files: SessionFileService
    storage_admin: StorageAdminService
    practice_cases: tuple[PracticeCase, ...] = ()

    def close(self) -> None:
        self.storage.close()


def resolve_db_url(cli_url: str | None, paths: Paths) -> str:
    """``--db`` wins over ``INTAKE_APP_DB_URL``; the default is a file in the data folder."""
    url = cli_url or os.environ.get(DB_URL_VARIABLE)
    if url:
        return url
    ensure_data_dir(paths.data_dir)
    return sqlite_url(paths.default_database)


def build_context(
    db_url: str | None = None,
    data_dir: Path | None = None,
    key: bytes | None = None,
    keystore: KeyStore | None = None,
) -> AppContext:
    """``key``: the unwrapped database key (SQLCipher); see bootstrap/security.DatabaseGate."""
    paths = default_paths(data_dir)
    flow = load_flow(paths.content)
    storage = open_storage(resolve_db_url(db_url, paths), key=key)
    translators = Translators(paths.catalogs)
    security = build_security(storage, key, keystore)
    directory = DirectoryService(SqlDirectoryRepository(storage.engine))
    writer = PdfDocumentWriter(paths.fonts)
    # Sessions go through the guarded store: access rules, clean text, the audit log.
    intake = IntakeService(security.sessions, flow, directory)
    summaries = SummaryService(security.sessions, translators, writer, security.printed)
    statistics = StatisticsService(
        SqlStatisticsQueries(storage.engine), StatsPdfWriter(paths.fonts)
    )
    languages = LanguageService(SqlSettingsStore(storage.engine), paths.catalogs)
    glossary = load_glossary(paths.content)
    cases = load_practice_cases(paths.content)
    storage_admin = StorageAdminService(storage.maintenance, storage.sessions)
    try:
        storage_admin.apply_retention()  # personal fields past the retention period go
    except BaseException:
        storage.close()
        raise
    return AppContext(
        paths, storage, translators, intake, summaries, directory, statistics, languages,
        glossary, security,
        session_files=SessionFileService(storage.sessions, storage.maintenance, flow),
        storage_admin=storage_admin, practice_cases=cases,
    )  # fmt: skip


class _NoDatabase:
    """A statistics source for work on files only (merging): it has no sessions."""

    def raw_counts(self, query: StatisticsQuery) -> RawCounts:
        return {}

    def neighbourhoods(self) -> list[str]:
        return []


def build_statistics_service(data_dir: Path | None = None) -> StatisticsService:
    """The statistics service without a database, for merging files from several laptops."""
    return StatisticsService(_NoDatabase(), StatsPdfWriter(default_paths(data_dir).fonts))
