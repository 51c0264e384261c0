"""Which languages the client can choose, with their review status (design.md section 6),
and the organisation's own reassurance texts (INT-03, GEN-06; core/organisation_texts.py).

The coordinator chooses the offered languages; the choice is stored as a setting. Dutch is
the source language and is always offered. The coordinator also approves or replaces the
placeholder texts of the reassurance cards; the app uses the decision from its next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from intake_app.core import organisation_texts
from intake_app.core.errors import IntakeError
from intake_app.core.flow import Flow
from intake_app.core.organisation_texts import OrganisationText
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


@dataclass(frozen=True, slots=True)
class OrganisationTextInfo:
    card_id: str
    shipped_title: str  # the placeholder as shipped (Dutch)
    shipped_explanation: str
    decision: OrganisationText


MAX_TITLE, MAX_EXPLANATION = 120, 400  # a card holds a title and at most two short sentences


def read_organisation_texts(settings: SettingsStore, flow: Flow) -> dict[str, OrganisationText]:
    """The stored decisions for the flow's organisation cards (bootstrap applies them)."""
    return {
        card.id: OrganisationText.from_setting(
            settings.get_setting(organisation_texts.setting_key(card.id))
        )
        for card in organisation_texts.organisation_cards(flow)
    }


class LanguageService:
    def __init__(
        self,
        settings: SettingsStore,
        catalog_dir: Path,
        access: Access,
        flow: Flow | None = None,  # the shipped flow: which cards are the organisation's
    ) -> None:
        self._access = access
        self._settings = settings
        self._catalog_dir = catalog_dir
        self._flow = flow

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

    # -- the organisation's reassurance texts (INT-03, GEN-06) ---------------------------
    @public("the shipped placeholder texts and the organisation's decision, no client data")
    def organisation_texts(self) -> list[OrganisationTextInfo]:
        if self._flow is None:
            return []
        decisions = read_organisation_texts(self._settings, self._flow)
        return [
            OrganisationTextInfo(card.id, card.title, card.explanation, decisions[card.id])
            for card in organisation_texts.organisation_cards(self._flow)
        ]

    @gated(Permission.MANAGE_LANGUAGES, AuditAction.SETTING_CHANGED, in_body=True)
    def set_organisation_text(
        self, card_id: str, *, approved: bool, title: str = "", explanation: str = ""
    ) -> OrganisationText:
        """Approve the shipped text, store the organisation's own, or (neither) go back to
        the placeholder. Used from the app's next start."""
        cards = {info.card_id for info in self.organisation_texts()}
        if card_id not in cards:
            raise IntakeError(
                "Deze kaart heeft geen tekst van de organisatie: {card}.", card=card_id
            )
        title, explanation = " ".join(title.split()), " ".join(explanation.split())
        if explanation and not title:
            raise IntakeError("Geef de kaart ook een titel.")
        if len(title) > MAX_TITLE or len(explanation) > MAX_EXPLANATION:
            raise IntakeError(
                "Deze tekst is te lang voor een kaart: ten hoogste {title} tekens voor de "
                "titel en {explanation} voor de uitleg.",
                title=MAX_TITLE,
                explanation=MAX_EXPLANATION,
            )
        decision = OrganisationText(approved=approved, title=title, explanation=explanation)
        key = organisation_texts.setting_key(card_id)
        self._settings.set_setting(key, decision.to_setting())
        self._access.audit(AuditAction.SETTING_CHANGED, f"setting:{key}", decision.state)
        return decision
