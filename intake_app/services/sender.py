"""Who sends the handover (issue 21): the logged-in account and the organisation's settings.

Every print path (window, preview, command line, the creditor list) goes through
``SummaryService``, which fills in what the caller left empty: the account's display name,
its role in Dutch, and the organisation's name as the coordinator set it
(``intake-admin settings organisation NAAM``). What a caller passes wins.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from intake_app.core.security import Role
from intake_app.core.settings import SettingsStore
from intake_app.services.access import Access

if TYPE_CHECKING:
    from intake_app.services.summary_texts import PrintOptions

ORGANISATION_NAME = "organisation_name"  # app_setting key
MAX_ORGANISATION = 120

ROLE_NL = {
    Role.VOLUNTEER: "vrijwilliger",
    Role.COUNSELLOR: "schuldhulpverlener",
    Role.COORDINATOR: "coördinator",
    Role.ADMIN: "beheerder",
}


def organisation_name(settings: SettingsStore | None) -> str:
    if settings is None:
        return ""
    return (settings.get_setting(ORGANISATION_NAME) or "").strip()


# The built-in users of an installation without accounts and of file-only commands are no
# person to write to.
_NOT_A_PERSON = frozenset({"system", "files"})


def with_sender(
    options: PrintOptions, access: Access, settings: SettingsStore | None
) -> PrintOptions:
    user = access.user
    if user is not None and user.username in _NOT_A_PERSON:
        user = None
    return replace(
        options,
        counsellor=options.counsellor or (user.display_name if user else ""),
        role=options.role or (ROLE_NL[user.role] if user else ""),
        organisation=options.organisation or organisation_name(settings),
    )
