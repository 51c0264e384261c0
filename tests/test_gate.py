"""The gate cannot be skipped (issue 11, design.md section 3).

- Every public method of every service class declares a permission and an audit action, or
  says why it is public (Pundit's ``verify_authorized``: forgetting is itself a failure).
- Services are built for a role from those declarations, on the guarded session store only.
- A refusal is one sentence and one ``access_denied`` line; success writes the declared line.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import intake_app.services
from intake_app.bootstrap.context import AppContext, RoleServices, build_context
from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.errors import IntakeError
from intake_app.core.security import AccessDeniedError, AuditAction, Permission, Role
from intake_app.services.access import Access
from intake_app.services.gate import gated, permissions_of, public, public_members, rule_of
from intake_app.storage.database import sqlite_url

PW = "een goed wachtwoord"


def service_classes() -> list[type]:
    """Every class named ``*Service`` defined in intake_app.services."""
    found = []
    for module_info in pkgutil.iter_modules(intake_app.services.__path__):
        module = importlib.import_module(f"intake_app.services.{module_info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and name.endswith("Service"):
                found.append(cls)
    return found


def test_there_are_services_to_check() -> None:
    names = {cls.__name__ for cls in service_classes()}
    assert {
        "IntakeService",
        "SummaryService",
        "ConsentService",
        "SessionFileService",
        "StorageAdminService",
        "StatisticsService",
        "LanguageService",
        "DirectoryService",
        "AccountService",
        "AuditService",
    } <= names


@pytest.mark.parametrize("cls", service_classes(), ids=lambda cls: cls.__name__)
def test_every_public_method_declares_permission_and_audit(cls: type) -> None:
    missing, vague = [], []
    for name, member in public_members(cls):
        rule = rule_of(member)
        if rule is None:
            missing.append(name)
        elif rule.permission is None and len(rule.reason) < 10:
            vague.append(name)
    assert not missing, f"{cls.__name__}: no @gated/@public on {missing}"
    assert not vague, f"{cls.__name__}: say why these are public: {vague}"


@pytest.mark.parametrize("cls", service_classes(), ids=lambda cls: cls.__name__)
def test_every_service_holds_the_access_it_is_checked_against(cls: type) -> None:
    parameters = inspect.signature(cls.__init__).parameters  # type: ignore[misc]
    assert "access" in parameters, f"{cls.__name__} is built without the gate"


def test_the_declarations_are_what_the_permission_model_knows() -> None:
    used = set().union(*(permissions_of(cls) for cls in service_classes()))
    # Every permission guards something; RESTORE_BACKUP is for the restore command (issue 12).
    assert set(Permission) - used <= {Permission.RESTORE_BACKUP}


class _Probe:
    """A made-up service, to see the decorator itself at work."""

    def __init__(self, access: Access) -> None:
        self._access = access
        self.ran = 0

    @gated(Permission.ERASE_SESSIONS, AuditAction.ERASED, target="session:{session_id}")
    def erase(self, session_id: int) -> str:
        self.ran += 1
        return "done"

    @public("a test of the public marker")
    def hello(self) -> str:
        return "hi"


class _Log:
    def __init__(self) -> None:
        self.lines: list[tuple[str, str, str, str]] = []

    def record(self, event) -> None:  # type: ignore[no-untyped-def]
        self.lines.append((event.actor, event.action.value, event.target, event.detail))

    def events(self, *, limit: int = 500):  # type: ignore[no-untyped-def]
        return []


def test_refusal_is_one_sentence_and_one_line_and_the_body_never_runs() -> None:
    from intake_app.core.security import CurrentUser

    log = _Log()
    access = Access(log)
    access.login(CurrentUser("vera", "Vera", Role.VOLUNTEER))
    probe = _Probe(access)
    with pytest.raises(AccessDeniedError) as refused:
        probe.erase(7)
    assert probe.ran == 0
    assert isinstance(refused.value, IntakeError)
    assert str(refused.value).count(".") == 1
    assert log.lines == [("vera", "access_denied", "session:7", "erase_sessions")]
    access.login(CurrentUser("carla", "Carla", Role.COUNSELLOR))
    assert probe.erase(session_id=8) == "done"
    assert log.lines[-1] == ("carla", "erased", "session:8", "")
    assert probe.hello() == "hi"


def _context_for(role: Role, tmp_path: Path) -> AppContext:
    url = sqlite_url(tmp_path / "roles.db")
    admin = build_context(db_url=url, data_dir=tmp_path)
    accounts = admin.security.accounts
    accounts.create_first_admin("beheer", "Beheer", PW)
    if role is not Role.ADMIN:
        accounts.add_user(role.value, role.value, role, PW)
    admin.close()
    name = "beheer" if role is Role.ADMIN else role.value
    return DatabaseGate(db_url=url, data_dir=tmp_path).open_with_login(name, PW)


EXPECTED_SERVICES = {
    Role.VOLUNTEER: {
        "intake",
        "summaries",
        "consent",
        "storage_admin",
        "directory",
        "languages",
    },
    Role.COUNSELLOR: {
        "intake",
        "summaries",
        "consent",
        "session_files",
        "storage_admin",
        "directory",
        "languages",
    },
    Role.COORDINATOR: {"statistics", "storage_admin", "directory", "languages", "team"},
    Role.ADMIN: set(RoleServices.__dataclass_fields__),
}


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_bootstrap_composes_only_the_services_of_the_role(role: Role, tmp_path: Path) -> None:
    context = _context_for(role, tmp_path)
    try:
        built = {
            name for name in RoleServices.__dataclass_fields__ if getattr(context.services, name)
        }
        assert built == EXPECTED_SERVICES[role]
        for name in set(RoleServices.__dataclass_fields__) - built:
            with pytest.raises(AccessDeniedError):
                getattr(context, name)
        # Whatever reads sessions is built on the guarded store, never the raw repository.
        for service in (context.services.intake, context.services.summaries,
                        context.services.consent, context.services.session_files):  # fmt: skip
            if service is not None:
                assert service._sessions is context.security.sessions  # type: ignore[attr-defined]
    finally:
        context.close()


def test_a_coordinator_context_holds_no_session_content(tmp_path: Path) -> None:
    context = _context_for(Role.COORDINATOR, tmp_path)
    try:
        for name in ("intake", "summaries", "consent", "session_files"):
            assert getattr(context.services, name) is None
        with pytest.raises(AccessDeniedError):
            context.session_files.export_session(1, tmp_path / "x.json")
        events = context.storage.audit.events(limit=5)
        assert (events[0].actor, events[0].action.value, events[0].target) == (
            "coordinator",
            "access_denied",
            "service:session_files",
        )
    finally:
        context.close()
