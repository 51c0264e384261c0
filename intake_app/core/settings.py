"""The port for organisation-wide settings (a small key/value store)."""

from __future__ import annotations

from typing import Protocol

OFFERED_LANGUAGES = "offered_languages"


class SettingsStore(Protocol):
    def get_setting(self, key: str) -> str | None:
        """The stored value, or None when the setting was never chosen."""
        ...

    def set_setting(self, key: str, value: str) -> None:
        """Store ``value`` (committed before this returns)."""
        ...


# The organisation's own phone number, printed for the client and to pass on (INT-24).
ORGANISATION_PHONE = "organisation_phone"
