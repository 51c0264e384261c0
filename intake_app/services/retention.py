"""Retention and erasure (PRV-05), and the storage settings a coordinator may change.

After the retention period (days since a session last changed) the personal fields are wiped
and only what statistics need remains; one client's session can be erased on request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from intake_app.core.durability import BackupInfo, RetentionResult, StorageMaintenance
from intake_app.core.errors import ConfigurationError
from intake_app.core.ports import SessionRepository
from intake_app.core.security import AuditAction, Permission
from intake_app.services.access import Access

RETENTION_KEY = "retention_days"
BACKUP_COUNT_KEY = "backup_count"
DEFAULT_RETENTION_DAYS = 730  # two years after the last change
MAX_RETENTION_DAYS = 36500


@dataclass(frozen=True, slots=True)
class RestorePlan:
    """What a restore would do: which backup, from when, and what newer work it sets aside."""

    backup: BackupInfo
    newer_sessions: tuple[str, ...]  # codes of sessions made or changed after the backup


class StorageAdminService:
    """``access``: backups are an admin's work (``Permission.MANAGE_BACKUPS``), audited.
    Without it (a bare service in tests) nothing is checked."""

    def __init__(
        self,
        maintenance: StorageMaintenance,
        sessions: SessionRepository,
        access: Access | None = None,
    ) -> None:
        self._maintenance = maintenance
        self._sessions = sessions
        self._access = access

    def _require_backups(self, target: str = "backups") -> None:
        if self._access is not None:
            self._access.require(Permission.MANAGE_BACKUPS, target)

    def _audit(self, action: AuditAction, target: str, detail: str = "") -> None:
        if self._access is not None:
            self._access.audit(action, target, detail)

    # -- retention --------------------------------------------------------------------
    def retention_days(self) -> int:
        """Days after the last change before personal fields are wiped; 0 means never."""
        raw = self._maintenance.get_setting(RETENTION_KEY)
        return DEFAULT_RETENTION_DAYS if raw is None else int(raw)

    def set_retention_days(self, days: int) -> None:
        if not 0 <= days <= MAX_RETENTION_DAYS:
            raise ConfigurationError(
                "De bewaartermijn moet tussen 0 en {most} dagen liggen (0 = niet wissen).",
                most=MAX_RETENTION_DAYS,
            )
        self._maintenance.set_setting(RETENTION_KEY, str(days))

    def apply_retention(self, now: datetime | None = None) -> RetentionResult:
        moment = now or datetime.now(UTC)
        days = self.retention_days()
        cutoff = moment - timedelta(days=days)
        if days == 0:
            return RetentionResult(anonymised=0, cutoff=cutoff)
        return RetentionResult(self._maintenance.anonymise_sessions_before(cutoff, moment), cutoff)

    def is_anonymised(self, session_id: int) -> bool:
        return self._maintenance.is_anonymised(session_id)

    # -- erasure ----------------------------------------------------------------------
    def erase_session(self, session_id: int) -> None:
        """Delete one client's session and every record in it (right to erasure)."""
        self._maintenance.erase_session(session_id)

    # -- backups ----------------------------------------------------------------------
    def backup_count(self) -> int:
        raw = self._maintenance.get_setting(BACKUP_COUNT_KEY)
        return 10 if raw is None else int(raw)

    def set_backup_count(self, count: int) -> None:
        self._require_backups()
        if not 1 <= count <= 1000:
            raise ConfigurationError(
                "Het aantal reservekopieën moet tussen 1 en {most} liggen.", most=1000
            )
        self._maintenance.set_setting(BACKUP_COUNT_KEY, str(count))

    def backups(self) -> Sequence[BackupInfo]:
        self._require_backups()
        return self._maintenance.backups()

    def make_backup(self) -> Path:
        self._require_backups()
        made = self._maintenance.make_backup("hand")
        self._audit(AuditAction.BACKED_UP, f"backup:{made.name}")
        return made

    def plan_restore(self, backup: BackupInfo) -> RestorePlan:
        """Checks the permission (a refusal is audited) and says what would be set aside."""
        self._require_backups(f"backup:{backup.path.name}")
        newer = self._maintenance.sessions_changed_since(backup.made_at)
        return RestorePlan(backup, tuple(newer))

    def record_restore(self, backup: Path, aside: Path | None) -> None:
        """The audit line of a restore, written into the database that was put back."""
        self._audit(AuditAction.RESTORED, f"backup:{backup.name}", aside.name if aside else "")

    def check(self) -> str:
        """A full integrity check of the database: 'ok', or what is wrong."""
        return self._maintenance.integrity_check()
