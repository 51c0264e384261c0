"""DirectoryService: the coordinator keeps the sociale kaart; counsellors get suggestions."""

from __future__ import annotations

from intake_app.core.directory import Organisation, Preferences, suggest
from intake_app.core.errors import IntakeError
from intake_app.core.model import IntakeSession
from intake_app.core.ports import DirectoryRepository
from intake_app.core.security import AuditAction, Permission
from intake_app.services.access import Access
from intake_app.services.directory_codes import check_codes
from intake_app.services.gate import gated


class DirectoryService:
    def __init__(self, repository: DirectoryRepository, access: Access) -> None:
        self._repository = repository
        self._access = access

    @gated(Permission.READ_DIRECTORY, None)
    def organisations(self) -> list[Organisation]:
        return list(self._repository.list_organisations())

    @gated(Permission.MANAGE_DIRECTORY, AuditAction.DIRECTORY_CHANGED, in_body=True)
    def save(self, organisation: Organisation) -> int:
        name = organisation.name.strip()
        if not name:
            raise IntakeError("Geef de organisatie een naam.")
        if len(name) > 120:
            raise IntakeError("Een naam mag hoogstens {limit} tekens hebben.", limit=120)
        check_codes(organisation)  # codes only from their lists (services/directory_codes.py)
        saved = self._repository.save_organisation(organisation)
        self._access.audit(AuditAction.DIRECTORY_CHANGED, f"organisation:{saved}", "saved")
        return saved

    @gated(
        Permission.MANAGE_DIRECTORY,
        AuditAction.DIRECTORY_CHANGED,
        target="organisation:{organisation_id}",
    )
    def remove(self, organisation_id: int) -> None:
        self._repository.remove_organisation(organisation_id)

    @gated(Permission.READ_SESSIONS, None)  # reads a session's answers
    def suggestions(self, session: IntakeSession) -> list[Organisation]:
        def chosen(card_id: str) -> str | None:
            answer = session.answers.get(card_id)
            return answer.value[0] if answer is not None and answer.value else None

        gender = chosen("counsellor_gender_preference")
        prefs = Preferences(
            language=session.client_language,
            counsellor_gender=gender if gender in ("female", "male") else None,
            own_community=chosen("own_community_preference"),
            neighbourhood=session.neighbourhood,
        )
        return suggest(self._repository.list_organisations(active_only=True), prefs)
