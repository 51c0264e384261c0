"""Accounts, roles and what each role may do; the lock-out rule; errors of logging in.

Pure data and rules (design.md section 5, requirements.md PRV-02, PRV-10). The services
enforce them; storage keeps the accounts and the audit log behind the ports below.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from intake_app.core.errors import IntakeError
from intake_app.core.marks import N_


class Role(enum.StrEnum):
    VOLUNTEER = "volunteer"
    COUNSELLOR = "counsellor"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class Permission(enum.StrEnum):
    """One permission per kind of operation; docs/roles.md has the roles x operations matrix."""

    READ_SESSIONS = "read_sessions"  # open a conversation and see what the client said
    WRITE_SESSIONS = "write_sessions"  # answers, records, notes, consent
    ERASE_SESSIONS = "erase_sessions"  # erasure on request (PRV-05)
    EXPORT_SESSIONS = "export_sessions"  # a whole conversation to a file
    IMPORT_SESSIONS = "import_sessions"
    PRINT_SUMMARY = "print_summary"  # the client's own (and discreet) summary
    PRINT_HANDOVER = "print_handover"  # the letter to another organisation
    VIEW_STATISTICS = "view_statistics"  # anonymous tables only (PRV-07)
    EXPORT_STATISTICS = "export_statistics"
    READ_DIRECTORY = "read_directory"  # the sociale kaart
    MANAGE_DIRECTORY = "manage_directory"
    MANAGE_LANGUAGES = "manage_languages"  # which languages the client is offered
    MANAGE_RETENTION = "manage_retention"  # retention period, applying it
    MAKE_BACKUP = "make_backup"  # make, list and keep backups (issue 12 uses these two)
    RESTORE_BACKUP = "restore_backup"
    CHECK_DATABASE = "check_database"  # integrity check: reads no client data
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"


_EVERYONE = {Permission.READ_DIRECTORY, Permission.CHECK_DATABASE}
_CONVERSATIONS = {Permission.READ_SESSIONS, Permission.WRITE_SESSIONS, Permission.PRINT_SUMMARY}
_COUNSELLING = {
    Permission.ERASE_SESSIONS,
    Permission.EXPORT_SESSIONS,
    Permission.IMPORT_SESSIONS,
    Permission.PRINT_HANDOVER,
}
_COORDINATION = {
    Permission.VIEW_STATISTICS,
    Permission.EXPORT_STATISTICS,
    Permission.MANAGE_DIRECTORY,
    Permission.MANAGE_LANGUAGES,
    Permission.MANAGE_RETENTION,
    Permission.MAKE_BACKUP,
}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    # A volunteer at a walk-in desk: conversations and the client's own summary, nothing that
    # leaves the laptop about a client or changes what others rely on.
    Role.VOLUNTEER: frozenset(_EVERYONE | _CONVERSATIONS),
    Role.COUNSELLOR: frozenset(_EVERYONE | _CONVERSATIONS | _COUNSELLING),
    # PRV-10: statistics, the directory and the organisation's settings; never session content.
    Role.COORDINATOR: frozenset(_EVERYONE | _COORDINATION),
    Role.ADMIN: frozenset(Permission),
}

# After this many wrong passwords in a row, each next try waits; the wait doubles.
FREE_ATTEMPTS = 3
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10

# Idle auto-lock (design.md section 5): default 5 minutes, at most 15.
DEFAULT_LOCK_MINUTES = 5
MAX_LOCK_MINUTES = 15


def lock_minutes(setting: float | str | None) -> float:
    """The idle time before the screen locks: the setting within (0, 15], else 5."""
    try:
        minutes = float(setting) if setting not in (None, "") else DEFAULT_LOCK_MINUTES
    except (TypeError, ValueError):
        return DEFAULT_LOCK_MINUTES
    if minutes != minutes or minutes <= 0:  # NaN or nonsense
        return DEFAULT_LOCK_MINUTES
    return min(minutes, MAX_LOCK_MINUTES)


def lockout_delay(failures: int) -> timedelta:
    """How long to wait after ``failures`` wrong passwords in a row."""
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    delay: timedelta = FIRST_DELAY * (2 ** (failures - FREE_ATTEMPTS))
    return min(delay, MAX_DELAY)


@dataclass(frozen=True, slots=True)
class Account:
    username: str
    display_name: str
    role: Role
    password_hash: str
    created_at: datetime
    active: bool = True
    failed_attempts: int = 0
    locked_until: datetime | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class CurrentUser:
    """Who is logged in; what the services check before they act."""

    username: str
    display_name: str
    role: Role

    def may(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


class AuditAction(enum.StrEnum):
    LOGGED_IN = "logged_in"
    LOGIN_FAILED = "login_failed"
    LOGGED_OUT = "logged_out"  # Afmelden: the window forgot the user (issue 13)
    LOCKED = "locked"  # the screen locked itself
    UNLOCKED = "unlocked"
    OPENED = "opened"
    CHANGED = "changed"
    PRINTED = "printed"
    EXPORTED = "exported"
    ERASED = "erased"
    CONSENT_GIVEN = "consent_given"
    CONSENT_REVOKED = "consent_revoked"
    PRINT_REFUSED = "print_refused"  # e.g. a handover without the client's consent
    IMPORTED = "imported"
    STATISTICS_EXPORTED = "statistics_exported"
    RETENTION_CHANGED = "retention_changed"
    RETENTION_APPLIED = "retention_applied"
    BACKUP_MADE = "backup_made"
    BACKUP_RESTORED = "backup_restored"
    SETTING_CHANGED = "setting_changed"
    LANGUAGES_CHANGED = "languages_changed"
    DIRECTORY_CHANGED = "directory_changed"
    USER_ADDED = "user_added"
    USER_REMOVED = "user_removed"
    USER_ROLE_CHANGED = "user_role_changed"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105 - an event name
    ACCESS_DENIED = "access_denied"
    DISCRETION_OVERRIDDEN = "discretion_overridden"  # a discreet session's full summary


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """Who did what to which record, when. ``detail`` is a short id, never free text."""

    at: datetime
    actor: str
    action: AuditAction
    target: str = ""  # e.g. "session:K-7F3A-Q2", "user:fatima"
    detail: str = ""  # e.g. a card id or a consent purpose
    id: int | None = None


# -- ports ------------------------------------------------------------------------------
class AccountRepository(Protocol):
    def count_accounts(self) -> int: ...
    def get_account(self, username: str) -> Account | None: ...
    def list_accounts(self) -> Sequence[Account]: ...
    def add_account(self, account: Account) -> int: ...
    def update_account(self, username: str, **changes: object) -> None: ...
    def record_failed_login(self, username: str, now: datetime) -> int: ...


class AuditLog(Protocol):
    def record(self, event: AuditEvent) -> None: ...
    def events(self, *, limit: int = 500) -> Sequence[AuditEvent]: ...


# -- errors ------------------------------------------------------------------------------
class AuthenticationError(IntakeError):
    message = N_("De naam of het wachtwoord klopt niet.")


class LockedOutError(IntakeError):
    message = N_("Te vaak een verkeerd wachtwoord. Probeer het over {seconds} seconden opnieuw.")


class AccessDeniedError(IntakeError):
    message = N_("Dit mag u niet doen met uw account.")


class PasswordPolicyError(IntakeError):
    message = N_("Kies een wachtwoord van minstens {minimum} tekens.")
