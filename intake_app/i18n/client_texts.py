"""Which texts the client reads, so plain-language and completeness checks know what to hold
to the client standard (short sentences, every language translated).

All of the ``content`` domain is client-facing except the counsellor's tips (their extractor
comment ends in ``.counsellor_tip``). From the ``ui`` domain, only the texts listed here.
"""

from __future__ import annotations

from intake_app.i18n.amounts import (
    MSG_ASK_BACK,
    MSG_EMPTY,
    MSG_NEGATIVE,
    MSG_NOT_AN_AMOUNT,
    MSG_THREE_DECIMALS,
    MSG_TOO_LARGE,
)

COUNSELLOR_FIELDS = (".counsellor_tip",)

CLIENT_UI_MESSAGES: tuple[str, ...] = (
    # The client card (ui/intake_view.py ClientView)
    "Pauze",
    "Verder",
    "Liever niet",
    "Dank u wel. Alles is bewaard.",
    "Even pauze. Neem de tijd.",
    # The printed summary
    "Samen kijken naar geld en post",
    "Niet besproken",
    # The amount field (ui/amount_input.py)
    MSG_EMPTY,
    MSG_NOT_AN_AMOUNT,
    MSG_NEGATIVE,
    MSG_THREE_DECIMALS,
    MSG_TOO_LARGE,
    MSG_ASK_BACK,
    "Bedrag in euro",
    "Ja",
    "Nee",
    # The glossary and read-aloud (ui/glossary_view.py, ui/read_aloud.py)
    "Moeilijke woorden",
    "Sluiten",
    "In het Nederlands: {word}",
    "Wat betekent dit woord?",
    "Voorlezen",
)


def is_client_content(auto_comments: list[str] | tuple[str, ...]) -> bool:
    """A content msgid is client-facing unless every place it is used is a counsellor field."""
    if not auto_comments:
        return True
    return not all(c.endswith(COUNSELLOR_FIELDS) for c in auto_comments)
