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
from intake_app.core.security import AuditAction, Permission
from intake_app.core.text_hygiene import clean_text
from intake_app.services.access import Access
from intake_app.services.gate import gated
from intake_app.services.sender import ORGANISATION_NAME, organisation_name

RETENTION_KEY = "retention_days"
BACKUP_COUNT_KEY = "backup_count"
DEFAULT_RETENTION_DAYS = 730  # two years after the last change
MAX_RETENTION_DAYS = 36500


def stored_retention_days(maintenance: StorageMaintenance) -> int:
    raw = maintenance.get_setting(RETENTION_KEY)
    return DEFAULT_RETENTION_DAYS if raw is None else int(raw)


def apply_retention_policy(
    maintenance: StorageMaintenance, now: datetime | None = None
) -> RetentionResult:
    """Wipe personal fields past the period. Bootstrap runs it at every start, as the app."""
    moment = now or datetime.now(UTC)
    days = stored_retention_days(maintenance)
    cutoff = moment - timedelta(days=days)
    if days == 0:
        return RetentionResult(anonymised=0, cutoff=cutoff)
    return RetentionResult(maintenance.anonymise_sessions_before(cutoff, moment), cutoff)


@dataclass(frozen=True, slots=True)
class RestorePlan:
    """What a restore would do: which backup, from when, and what newer work it sets aside."""

    backup: BackupInfo
    newer_sessions: tuple[str, ...]  # codes of sessions made or changed after the backup


class StorageAdminService:
    """Retention, erasure, backups and the integrity check, each behind the gate."""

    def __init__(self, maintenance: StorageMaintenance, access: Access) -> None:
        self._maintenance = maintenance
        self._access = access

    # -- retention --------------------------------------------------------------------
    @gated(Permission.MANAGE_RETENTION, None)
    def retention_days(self) -> int:
        """Days after the last change before personal fields are wiped; 0 means never."""
        return stored_retention_days(self._maintenance)

    @gated(Permission.MANAGE_RETENTION, AuditAction.RETENTION_CHANGED, in_body=True)
    def set_retention_days(self, days: int) -> None:
        if not 0 <= days <= MAX_RETENTION_DAYS:
            raise ConfigurationError(
                "De bewaartermijn moet tussen 0 en {most} dagen liggen (0 = niet wissen).",
                most=MAX_RETENTION_DAYS,
            )
        self._maintenance.set_setting(RETENTION_KEY, str(days))
        self._access.audit(AuditAction.RETENTION_CHANGED, "setting:retention", str(days))

    @gated(Permission.MANAGE_RETENTION, AuditAction.RETENTION_APPLIED, in_body=True)
    def apply_retention(self, now: datetime | None = None) -> RetentionResult:
        result = apply_retention_policy(self._maintenance, now)
        self._access.audit(AuditAction.RETENTION_APPLIED, "sessions", str(result.anonymised))
        return result

    @gated(Permission.MANAGE_RETENTION, None, target="session:{session_id}")
    def is_anonymised(self, session_id: int) -> bool:
        return self._maintenance.is_anonymised(session_id)

    # -- erasure ----------------------------------------------------------------------
    @gated(Permission.ERASE_SESSIONS, AuditAction.ERASED, target="session:{session_id}")
    def erase_session(self, session_id: int) -> None:
        """Delete one client's session and every record in it (right to erasure)."""
        self._maintenance.erase_session(session_id)

    # -- the organisation's own name: the sender on the handover (issue 21) ----------------
    @gated(Permission.MANAGE_DIRECTORY, None)
    def organisation_name(self) -> str:
        return organisation_name(self._maintenance)

    @gated(Permission.MANAGE_DIRECTORY, AuditAction.SETTING_CHANGED, in_body=True)
    def set_organisation_name(self, name: str) -> None:
        cleaned = clean_text(name, "creditor").strip()
        self._maintenance.set_setting(ORGANISATION_NAME, cleaned)
        self._access.audit(AuditAction.SETTING_CHANGED, "setting:" + ORGANISATION_NAME)

    # -- backups ----------------------------------------------------------------------
    @gated(Permission.MAKE_BACKUP, None)
    def backup_count(self) -> int:
        raw = self._maintenance.get_setting(BACKUP_COUNT_KEY)
        return 10 if raw is None else int(raw)

    @gated(Permission.MAKE_BACKUP, AuditAction.SETTING_CHANGED, in_body=True)
    def set_backup_count(self, count: int) -> None:
        if not 1 <= count <= 1000:
            raise ConfigurationError(
                "Het aantal reservekopieën moet tussen 1 en {most} liggen.", most=1000
            )
        self._maintenance.set_setting(BACKUP_COUNT_KEY, str(count))
        self._access.audit(AuditAction.SETTING_CHANGED, "setting:backup_count", str(count))

    @gated(Permission.MAKE_BACKUP, None)
    def backups(self) -> Sequence[BackupInfo]:
        return self._maintenance.backups()

    @gated(Permission.MAKE_BACKUP, AuditAction.BACKUP_MADE, in_body=True)
    def make_backup(self) -> Path:
        """An online backup now, through the database's own connection (an encrypted file's
        backup stays encrypted); PostgreSQL has the server's own backups."""
        made = self._maintenance.make_backup("hand")
        self._access.audit(AuditAction.BACKUP_MADE, "database", made.name)
        return made

    @gated(Permission.RESTORE_BACKUP, None, target="backup:{backup.path.name}")
    def plan_restore(self, backup: BackupInfo) -> RestorePlan:
        """Checks the permission (a refusal is audited) and says what would be set aside."""
        newer = self._maintenance.sessions_changed_since(backup.made_at)
        return RestorePlan(backup, tuple(newer))

    @gated(Permission.RESTORE_BACKUP, AuditAction.BACKUP_RESTORED, in_body=True)
    def record_restore(self, backup: Path, aside: Path | None) -> None:
        """The audit line of a restore, written into the database that was put back."""
        self._access.audit(
            AuditAction.BACKUP_RESTORED, f"backup:{backup.name}", aside.name if aside else ""
        )

    @gated(Permission.CHECK_DATABASE, None)
    def check(self) -> str:
        """A full integrity check of the database: 'ok', or what is wrong."""
        return self._maintenance.integrity_check()
