"""Which texts the client reads, so plain-language and completeness checks know what to hold
to the client standard (short sentences, every language translated).

All of the ``content`` domain is client-facing except the counsellor's tips and the texts of
counsellor-only phases (their extractor comment ends in ``.counsellor_tip`` or
``.counsellor_only``). From the ``ui`` domain, only the texts listed here;
``tests/test_client_texts.py`` checks that every text of the client's screens
(``CLIENT_SOURCE_FILES``) is listed, so a new button cannot slip past the checks.
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
from intake_app.i18n.translator import N_

# A counsellor's tip, and any text of a counsellor-only phase (see content/extractor.py).
COUNSELLOR_FIELDS = (".counsellor_tip", ".counsellor_only")

# The decline button under every question. Not "Liever niet": that is also an answer on a
# card ("I'd rather not have that"), and a button that reads "rather no" under a yes/no
# question means the opposite of "not discussed" (INT-12).
DECLINE = N_("Zeg ik liever niet")

# The files that build what the client sees on screen; every ui text in them is either
# listed in CLIENT_UI_MESSAGES or in COUNSELLOR_TEXTS_ON_CLIENT_SCREENS.
CLIENT_SOURCE_FILES = (
    "intake_app/ui/client_view.py",
    "intake_app/ui/client_comfort.py",  # Pauze, Herhaal, Zeg ik liever niet, reading aids
    "intake_app/ui/option_grid.py",  # the answer cards' hints ("Toets 3")
    "intake_app/ui/consent_view.py",
    "intake_app/ui/glossary_view.py",
    "intake_app/ui/read_aloud.py",
    "intake_app/ui/amount_input.py",
    "intake_app/i18n/amounts.py",
    "intake_app/i18n/client_texts.py",
    "intake_app/services/consent.py",
    # The client's own printed summary (and the discreet one) in the client's language.
    "intake_app/services/summaries.py",
    "intake_app/services/summary_texts.py",  # where the printing work moves them
    # The network map the client builds and takes home (INT-17).
    "intake_app/ui/network_map_view.py",
    "intake_app/services/network_map.py",
    # The end of the conversation: recap, expectations, our number, information sheets.
    "intake_app/services/summary_closing.py",
    "intake_app/ui/recap_view.py",
)

# Texts in those files that only the counsellor reads (Dutch, under the card, or errors).
COUNSELLOR_TEXTS_ON_CLIENT_SCREENS = frozenset(
    {
        "Alleen voor de hulpverlener: vul dit in voor het gesprek begint.",
        "De overdracht kan niet worden geprint: de klant heeft daar nog geen "
        "toestemming voor gegeven.",
        "De cliënt heeft geen toestemming gegeven om gegevens te delen. "
        "De overdracht wordt niet gemaakt.",
    }
)

CLIENT_UI_MESSAGES: tuple[str, ...] = (
    # The client card (ui/client_view.py ClientView, ui/client_comfort.py)
    "Pauze",
    "Verder",
    "Herhaal",
    DECLINE,
    "Klaar",
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
    # The consent card (services/consent.py, ui/consent_view.py)
    "Wat bewaren wij?",
    "Wat u zegt, blijft op deze computer.",
    "Alles staat achter een slot. Alleen wij kunnen het lezen.",
    "Wij vragen niet naar uw BSN, uw geloof of uw afkomst.",
    "Wij geven niets aan anderen zonder uw ja.",
    "U mag altijd nee zeggen. Ook later nog.",
    "U mag ons altijd vragen om alles te wissen.",
    "Mogen wij uw antwoorden bewaren voor een volgend gesprek?",
    "Mogen wij uw gegevens geven aan een organisatie die u verder helpt?",
    "Mogen wij praten met iemand die u vertrouwt?",
    "Mag geld van familie of vrienden ook in de brief staan?",
    "Ja, dat mag",
)


def is_client_ui(msgid: str, locations: list[tuple[str, int | None]]) -> bool:
    """A window text is the client's if it is listed, or used in one of the client's files
    (a new button or summary line is guarded without anyone remembering to list it)."""
    if msgid in CLIENT_UI_MESSAGES:
        return True
    in_client_file = any(path in CLIENT_SOURCE_FILES for path, _line in locations)
    return in_client_file and msgid not in COUNSELLOR_TEXTS_ON_CLIENT_SCREENS


def is_client_content(auto_comments: list[str] | tuple[str, ...]) -> bool:
    """A content msgid is client-facing unless every place it is used is a counsellor field."""
    if not auto_comments:
        return True
    return not all(c.endswith(COUNSELLOR_FIELDS) for c in auto_comments)
