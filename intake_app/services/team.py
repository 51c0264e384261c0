"""TeamService: the coordinator's self-scan (ORG-01) and counsellor profiles (ORG-05).

Nothing here reads a conversation. The self-scan is about the organisation; a profile is
about a colleague's own account (languages, gender), used only for suggestions; the load is a
count of conversations each account opened recently, from the audit log.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from intake_app.core import safe_write
from intake_app.core.errors import IntakeError
from intake_app.core.security import AuditAction, Permission
from intake_app.core.team import (
    MAX_TIPS,
    SQUARE_IDS,
    SQUARES,
    STATUS_LABELS,
    CounsellorGender,
    CounsellorProfile,
    SelfScanSquare,
    SquareStatus,
    Suggestion,
    full_card,
    suggest,
)
from intake_app.i18n.languages import is_known
from intake_app.services.access import Access
from intake_app.services.gate import gated

LOAD_DAYS = 90  # "recent" load: the last three months


class TeamRepository(Protocol):
    def squares(self) -> list[SelfScanSquare]: ...
    def save_square(self, square: SelfScanSquare) -> None: ...
    def profiles(self) -> list[CounsellorProfile]: ...
    def save_profile(self, profile: CounsellorProfile) -> None: ...
    def recent_load(self, since: datetime) -> dict[str, int]: ...


class AccountNames(Protocol):
    def names(self) -> dict[str, str]:
        """username -> display name of every active account that holds conversations."""
        ...


class TeamService:
    def __init__(self, repository: TeamRepository, accounts: AccountNames, access: Access) -> None:
        self._repository = repository
        self._accounts = accounts
        self._access = access

    # -- ORG-01 the self-scan ---------------------------------------------------------------
    @gated(Permission.MANAGE_TEAM, None)
    def self_scan(self) -> list[SelfScanSquare]:
        """The nine squares in the card's order."""
        return full_card(self._repository.squares())

    @gated(
        Permission.MANAGE_TEAM,
        AuditAction.SETTING_CHANGED,
        target="selfscan:{square_id}",
    )
    def save_square(self, square_id: str, status: SquareStatus, tips: str) -> SelfScanSquare:
        if square_id not in SQUARE_IDS:
            raise IntakeError("Dit vak staat niet op de kaart: {square}.", square=square_id)
        text = tips.strip()
        if len(text) > MAX_TIPS:
            raise IntakeError("Houd de tips korter dan {limit} tekens.", limit=MAX_TIPS)
        square = SelfScanSquare(square_id, SquareStatus(status), text)
        self._repository.save_square(square)
        return square

    @gated(Permission.MANAGE_TEAM, None)
    def export_self_scan(self, out: Path, gettext: Callable[[str], str] | None = None) -> Path:
        """The card as text to print or send: square, status and tips (nothing personal)."""
        translate: Callable[[str], str] = gettext or (lambda text: text)
        titles = dict(SQUARES)
        lines = [str(translate("Bingokaart diversiteitsbewust werken: zelfscan")), ""]
        for number, square in enumerate(self.self_scan(), start=1):
            lines.append(f"{number}. {translate(titles[square.square_id])}")
            lines.append(f"   {translate('Stand')}: {translate(STATUS_LABELS[square.status])}")
            tips = square.tips.replace("\n", "\n   ") if square.tips else "-"
            lines.append(f"   {translate('Tips')}: {tips}")
            lines.append("")
        safe_write.write_text(out, "\n".join(lines))
        return out

    # -- ORG-05 counsellor profiles ---------------------------------------------------------
    @gated(Permission.MANAGE_TEAM, None)
    def profiles(self) -> list[CounsellorProfile]:
        """A profile for every active account (empty where none was filled in)."""
        stored = {p.username: p for p in self._repository.profiles()}
        return [stored.get(name, CounsellorProfile(name)) for name in self._accounts.names()]

    @gated(Permission.MANAGE_TEAM, None)
    def names(self) -> dict[str, str]:
        return self._accounts.names()

    @gated(Permission.MANAGE_TEAM, AuditAction.SETTING_CHANGED, target="profile:{username}")
    def save_profile(
        self, username: str, languages: Sequence[str], gender: CounsellorGender
    ) -> CounsellorProfile:
        if username not in self._accounts.names():
            raise IntakeError("Er is geen actief account {name}.", name=username)
        codes: list[str] = []
        for code in languages:
            if not is_known(code):
                raise IntakeError("Onbekende taalcode: {code}.", code=code)
            if code not in codes:
                codes.append(code)
        profile = CounsellorProfile(username, tuple(codes), CounsellorGender(gender))
        self._repository.save_profile(profile)
        return profile

    @gated(Permission.MANAGE_TEAM, None)
    def load(self, now: datetime | None = None) -> dict[str, int]:
        """Conversations opened per account in the last ``LOAD_DAYS`` days."""
        since = (now or datetime.now(UTC)) - timedelta(days=LOAD_DAYS)
        return self._repository.recent_load(since)

    @gated(Permission.MANAGE_TEAM, None)
    def suggestions(
        self, language: str | None = None, gender: str | None = None
    ) -> list[Suggestion]:
        """Who could take a conversation in ``language`` (and with that gender wish): a
        suggestion only, least loaded first. Never assigns, never names an interpreter."""
        return suggest(
            self.profiles(), self._accounts.names(), self.load(), language=language, gender=gender
        )
