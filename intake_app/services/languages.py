"""Which languages the client can choose, with their review status (design.md section 6).

The coordinator chooses the offered languages; the choice is stored as a setting. Dutch is
the source language and is always offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from intake_app.core.errors import IntakeError
from intake_app.core.security import AuditAction, Permission
from intake_app.core.settings import OFFERED_LANGUAGES, SettingsStore
from intake_app.i18n.languages import LANGUAGES, SOURCE_LANGUAGE, is_known
from intake_app.i18n.status import ReviewStatus, review_status
from intake_app.services.access import Access
from intake_app.services.gate import gated, public


@dataclass(frozen=True, slots=True)
class LanguageInfo:
    code: str
    native_name: str
    dutch_name: str
    rtl: bool
    status: ReviewStatus
    offered: bool


class LanguageService:
    def __init__(self, settings: SettingsStore, catalog_dir: Path, access: Access) -> None:
        self._access = access
        self._settings = settings
        self._catalog_dir = catalog_dir

    @public("the language picker: which languages exist and are offered, no client data")
    def offered_codes(self) -> list[str]:
        """The offered languages in the app's order; all of them until the coordinator chooses."""
        stored = self._settings.get_setting(OFFERED_LANGUAGES)
        if stored is None:
            return [lang.code for lang in LANGUAGES]
        chosen = {code for code in stored.split(",") if is_known(code)} | {SOURCE_LANGUAGE}
        return [lang.code for lang in LANGUAGES if lang.code in chosen]

    @gated(Permission.MANAGE_LANGUAGES, AuditAction.LANGUAGES_CHANGED, in_body=True)
    def set_offered(self, codes: list[str] | tuple[str, ...]) -> list[str]:
        unknown = [code for code in codes if not is_known(code)]
        if unknown:
            raise IntakeError("Deze taal kent de app niet: {code}.", code=", ".join(unknown))
        chosen = {*codes, SOURCE_LANGUAGE}
        ordered = [lang.code for lang in LANGUAGES if lang.code in chosen]
        self._settings.set_setting(OFFERED_LANGUAGES, ",".join(ordered))
        self._access.audit(AuditAction.LANGUAGES_CHANGED, "setting:languages", ",".join(ordered))
        return ordered

    @public("the language list with review status, no client data")
    def languages(self) -> list[LanguageInfo]:
        """Every known language, with review status and whether it is offered."""
        offered = set(self.offered_codes())
        return [
            LanguageInfo(
                code=lang.code,
                native_name=lang.native_name,
                dutch_name=lang.dutch_name,
                rtl=lang.rtl,
                status=review_status(lang.code, self._catalog_dir),
                offered=lang.code in offered,
            )
            for lang in LANGUAGES
        ]

    @public("the language picker, no client data")
    def offered(self) -> list[LanguageInfo]:
        return [info for info in self.languages() if info.offered]
