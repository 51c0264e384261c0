"""Build everything the ui or cli needs, in one place, from settings."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from intake_app.bootstrap.database_url import DB_URL_VARIABLE as DB_URL_VARIABLE
from intake_app.bootstrap.database_url import resolve_db_url as resolve_db_url
from intake_app.bootstrap.paths import Paths, default_paths
from intake_app.bootstrap.security import SecurityServices, build_security
from intake_app.content.glossary import Glossary, load_glossary
from intake_app.content.info_sheets import InfoSheets, load_info_sheets
from intake_app.content.knowledge import Knowledge, load_knowledge
from intake_app.content.loader import load_flow
from intake_app.content.practice import PracticeCase, load_practice_cases
from intake_app.core import organisation_texts
from intake_app.core.durability import RetentionResult
from intake_app.core.flow import Flow
from intake_app.core.security import (
    ROLE_PERMISSIONS,
    AuditAction,
    CurrentUser,
    Role,
)
from intake_app.core.statistics import RawCounts, StatisticsQuery
from intake_app.i18n.translator import Translators
from intake_app.reporting.stats_report import StatsPdfWriter
from intake_app.reporting.writer import PdfDocumentWriter
from intake_app.services.access import Access
from intake_app.services.consent import ConsentService
from intake_app.services.directory import DirectoryService
from intake_app.services.gate import (
    ServiceNotInRoleError,
    has_public_operations,
    permissions_of,
)
from intake_app.services.intake import IntakeService
from intake_app.services.languages import LanguageService, read_organisation_texts
from intake_app.services.retention import StorageAdminService, apply_retention_policy
from intake_app.services.session_file import SessionFileService
from intake_app.services.statistics import StatisticsService
from intake_app.services.summaries import SummaryService
from intake_app.services.team import TeamService
from intake_app.storage.directory_repository import SqlDirectoryRepository
from intake_app.storage.keys import KeyStore
from intake_app.storage.opening import OpenedStorage, open_storage
from intake_app.storage.pg_roles import may_write_content
from intake_app.storage.postgres import advisory_lock
from intake_app.storage.settings import SqlSettingsStore
from intake_app.storage.statistics_queries import SqlStatisticsQueries
from intake_app.storage.team_repository import SqlAccountNames, SqlTeamRepository

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RoleServices:
    """The services one user's role may reach; the others are not built at all (issue 11).

    A service is built when the role holds at least one permission its operations declare
    (``services.gate.permissions_of``): a coordinator gets no IntakeService, SummaryService,
    ConsentService or SessionFileService; a volunteer and a counsellor get no statistics.
    """

    intake: IntakeService | None = None
    summaries: SummaryService | None = None
    consent: ConsentService | None = None
    session_files: SessionFileService | None = None
    statistics: StatisticsService | None = None
    storage_admin: StorageAdminService | None = None
    directory: DirectoryService | None = None
    languages: LanguageService | None = None
    team: TeamService | None = None


@dataclass(frozen=True, slots=True)
class _Parts:
    """What composing a user's services needs; kept so a log-in can compose them again."""

    flow: Flow  # with the organisation's decisions on its texts
    writer: PdfDocumentWriter
    stats_writer: StatsPdfWriter
    info_sheets: InfoSheets  # COM-10, printed by SummaryService
    shipped_flow: Flow | None = None  # as loaded from the content (which cards are whose)


@dataclass(frozen=True, slots=True)
class AppContext:
    paths: Paths
    storage: OpenedStorage
    translators: Translators
    glossary: Glossary
    security: SecurityServices  # accounts, access, audit (bootstrap/security.py)
    services: RoleServices
    parts: _Parts
    practice_cases: tuple[PracticeCase, ...] = ()
    knowledge: Knowledge = field(default_factory=Knowledge)  # knowledge cards (ORG-03)

    def close(self) -> None:
        self.storage.close()

    def for_current_user(self) -> AppContext:
        """The same database with the services of whoever is logged in now."""
        return replace(self, services=compose_services(self))

    def _need(self, name: str, service: T | None) -> T:
        if service is None:
            self.security.access.audit(AuditAction.ACCESS_DENIED, f"service:{name}")
            raise ServiceNotInRoleError()
        return service

    # Typed shortcuts: a service this role lacks is a refusal in one sentence, not None.
    @property
    def intake(self) -> IntakeService:
        return self._need("intake", self.services.intake)

    @property
    def summaries(self) -> SummaryService:
        return self._need("summaries", self.services.summaries)

    @property
    def consent(self) -> ConsentService:
        return self._need("consent", self.services.consent)

    @property
    def session_files(self) -> SessionFileService:
        return self._need("session_files", self.services.session_files)

    @property
    def statistics(self) -> StatisticsService:
        return self._need("statistics", self.services.statistics)

    @property
    def storage_admin(self) -> StorageAdminService:
        return self._need("storage_admin", self.services.storage_admin)

    @property
    def directory(self) -> DirectoryService:
        return self._need("directory", self.services.directory)

    @property
    def languages(self) -> LanguageService:
        return self._need("languages", self.services.languages)

    @property
    def team(self) -> TeamService:
        return self._need("team", self.services.team)


def _allowed(cls: type, user: CurrentUser | None) -> bool:
    """Built when the role may run at least one of the service's gated operations.

    Public operations alone do not count (SummaryService.warm_up is no reason to give a
    coordinator the printing service); the language picker is the one service everyone
    logged in gets for its public reading operations (see compose_services).
    """
    if user is None:
        return False
    return bool(permissions_of(cls) & ROLE_PERMISSIONS[user.role])


def compose_services(context: AppContext) -> RoleServices:
    """Build the services the logged-in user's role may reach, each behind the gate."""
    storage, security, parts = context.storage, context.security, context.parts
    user, access = security.access.user, security.access
    guarded = security.sessions  # never the raw repository: checked, cleaned, audited

    def wanted(cls: type) -> bool:
        return _allowed(cls, user)

    directory = (
        DirectoryService(
            SqlDirectoryRepository(storage.engine), access, SqlSettingsStore(storage.engine)
        )
        if wanted(DirectoryService)
        else None
    )
    return RoleServices(
        intake=IntakeService(
            guarded,
            parts.flow,
            directory,
            access=access,
            neighbourhood_list=SqlStatisticsQueries(storage.engine).neighbourhood_list,
        )
        if wanted(IntakeService)
        else None,
        summaries=SummaryService(
            guarded,
            context.translators,
            parts.writer,
            access,
            flow=parts.flow,
            info_sheets=parts.info_sheets,
            settings=SqlSettingsStore(storage.engine),
        )
        if wanted(SummaryService)
        else None,
        consent=ConsentService(guarded, access) if wanted(ConsentService) else None,
        session_files=SessionFileService(guarded, storage.maintenance, access, parts.flow)
        if wanted(SessionFileService)
        else None,
        statistics=StatisticsService(
            SqlStatisticsQueries(storage.engine), parts.stats_writer, access=access
        )
        if wanted(StatisticsService)
        else None,
        storage_admin=StorageAdminService(storage.maintenance, access)
        if wanted(StorageAdminService)
        else None,
        directory=directory,
        languages=LanguageService(
            SqlSettingsStore(storage.engine), context.paths.catalogs, access, parts.shipped_flow
        )
        if user is not None and has_public_operations(LanguageService)
        else None,
        team=TeamService(SqlTeamRepository(storage.engine), SqlAccountNames(storage.engine), access)
        if wanted(TeamService)
        else None,
    )


def build_context(
    db_url: str | None = None,
    data_dir: Path | None = None,
    key: bytes | None = None,
    keystore: KeyStore | None = None,
    *,
    defer_checks: bool = False,
) -> AppContext:
    """``key``: the unwrapped database key (SQLCipher); see bootstrap/security.DatabaseGate.

    The services are composed for whoever is logged in when this returns: the built-in
    ``system`` admin on a database without accounts, else nobody until ``for_current_user``
    is called after the log-in (DatabaseGate does that).
    """
    paths = default_paths(data_dir)
    flow = load_flow(paths.content)
    url = resolve_db_url(db_url, paths)
    # Personal fields past the retention period go at every start: the app does this itself,
    # before anyone logs in, with the other start-up upkeep under the maintenance lock, and
    # says so in the audit log.
    retained: list[RetentionResult] = []
    built: list[SecurityServices] = []

    def startup(opened: OpenedStorage) -> None:
        _retention_at_start(opened, retained)
        if built:  # deferred to the window's worker: the audit log is there by now
            _audit_retention(built[0], retained)

    storage = open_storage(
        url,
        key=key,
        startup=startup,
        defer_checks=defer_checks,  # the window runs them on a worker (storage/opening.py)
    )
    try:
        security = build_security(storage, key, keystore)
        # The organisation's decisions on its reassurance texts (INT-03, GEN-06).
        decided = organisation_texts.apply(
            flow, read_organisation_texts(SqlSettingsStore(storage.engine), flow)
        )
        built.append(security)
        _audit_retention(security, retained)
    except BaseException:
        storage.close()
        raise
    parts = _Parts(
        decided,
        PdfDocumentWriter(paths.fonts),
        StatsPdfWriter(paths.fonts),
        load_info_sheets(paths.content),
        shipped_flow=flow,
    )
    context = AppContext(
        paths, storage, Translators(paths.catalogs), load_glossary(paths.content), security,
        RoleServices(), parts, practice_cases=load_practice_cases(paths.content),
        knowledge=load_knowledge(paths.content),
    )  # fmt: skip
    return context.for_current_user()


def _audit_retention(security: SecurityServices, retained: list[RetentionResult]) -> None:
    anonymised = sum(result.anonymised for result in retained)
    retained.clear()  # said once
    if anonymised:
        security.access.audit(
            AuditAction.RETENTION_APPLIED, "sessions", str(anonymised), actor="system"
        )


def _retention_at_start(opened: OpenedStorage, retained: list[RetentionResult]) -> None:
    """One laptop at a time on a shared server (advisory lock); a coordinator's server login
    may not change sessions (storage/pg_roles.py), so the wipe is left to laptops that may."""
    if may_write_content(opened.engine):
        with advisory_lock(opened.engine):
            retained.append(apply_retention_policy(opened.maintenance))


class _NoDatabase:
    """A statistics source for work on files only (merging): it has no sessions."""

    def raw_counts(self, query: StatisticsQuery) -> RawCounts:
        return {}

    def neighbourhoods(self) -> list[str]:
        return []

    def neighbourhood_list(self) -> list[str]:
        return []

    def set_neighbourhood_list(self, names: list[str]) -> None:
        return None

    def cell_key_secret(self) -> bytes:
        return b""  # nothing is counted here, so nothing is perturbed


# Merging works on files only, with no database and so no accounts to log in with and no
# audit log to write: it runs as this local role, which may only read and write figures.
FILES_ONLY_USER = CurrentUser("files", "files", Role.COORDINATOR)


def build_statistics_service(data_dir: Path | None = None) -> StatisticsService:
    """The statistics service without a database, for merging files from several laptops."""
    access = Access()
    access.login(FILES_ONLY_USER)
    return StatisticsService(
        _NoDatabase(), StatsPdfWriter(default_paths(data_dir).fonts), access=access
    )
