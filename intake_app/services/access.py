"""Who is logged in, and the one place that says no (design.md section 5, PRV-10)."""

from __future__ import annotations

from datetime import UTC, datetime

from intake_app.core.security import (
    AccessDeniedError,
    AuditAction,
    AuditEvent,
    AuditLog,
    CurrentUser,
    Permission,
)

NOBODY = "-"
TARGET_MAX, DETAIL_MAX = 80, 64  # the columns of storage/security_tables.AuditEventRow


class Access:
    """The current user of this window. Services ask it before they read or write."""

    def __init__(self, audit_log: AuditLog | None = None) -> None:
        self.user: CurrentUser | None = None
        self._log = audit_log
        self.generation = 0  # changes at every log-in and log-out

    def login(self, user: CurrentUser) -> None:
        self.user = user
        self.generation += 1

    def logout(self) -> None:
        self.user = None
        self.generation += 1

    @property
    def actor(self) -> str:
        return self.user.username if self.user else NOBODY

    def may(self, permission: Permission) -> bool:
        return self.user is not None and self.user.may(permission)

    def require(self, permission: Permission, target: str = "") -> CurrentUser:
        if self.user is None or not self.user.may(permission):
            self.audit(AuditAction.ACCESS_DENIED, target, permission.value)
            raise AccessDeniedError()
        return self.user

    def audit(
        self, action: AuditAction, target: str = "", detail: str = "", *, actor: str = ""
    ) -> None:
        """One line, ids only; ``actor`` for what the app does by itself (e.g. retention)."""
        if self._log is not None:
            who = actor or self.actor
            self._log.record(
                AuditEvent(datetime.now(UTC), who, action, target[:TARGET_MAX], detail[:DETAIL_MAX])
            )
