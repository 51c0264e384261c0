"""The audit log for the admin: who opened, changed, printed, exported or erased what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from intake_app.core.security import AuditLog, Permission
from intake_app.services.access import Access
from intake_app.services.gate import gated


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    target: str
    detail: str


class AuditService:
    def __init__(self, log: AuditLog, access: Access) -> None:
        self._log = log
        self._access = access

    @gated(Permission.VIEW_AUDIT, None, target="audit")
    def entries(self, limit: int = 500) -> list[AuditEntry]:
        """Newest first. Only an admin may read the log."""
        return [
            AuditEntry(e.at, e.actor, e.action.value, e.target, e.detail)
            for e in self._log.events(limit=limit)
        ]
