"""The Dutch names of the languages as message ids, so the counsellor's screen can show them
in the counsellor's own language (``ui.gettext(language.dutch_name)``)."""

from __future__ import annotations

from intake_app.i18n.translator import N_

LANGUAGE_NAMES: tuple[str, ...] = (
    N_("Nederlands"),
    N_("Turks"),
    N_("Arabisch"),
    N_("Pools"),
    N_("Engels"),
    N_("Tigrinya"),
    N_("Somalisch"),
    N_("Dari"),
    N_("Oekraïens"),
)
