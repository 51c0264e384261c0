"""Every text on the client's screens is held to the client standard, and no Dutch text
serves two purposes without a context (issue 19)."""

from __future__ import annotations

from intake_app.i18n.catalog_checks import read_catalog, template_messages, translated_languages
from intake_app.i18n.client_texts import (
    CLIENT_SOURCE_FILES,
    CLIENT_UI_MESSAGES,
    COUNSELLOR_TEXTS_ON_CLIENT_SCREENS,
    DECLINE,
)
from tests.conftest import REPO

CATALOGS = REPO / "translations"
# Texts both on a client screen and on a card, with one meaning (checked by a person).
SAME_TEXT_SAME_MEANING = {"Ja", "Nee"}


def _template(domain: str):
    return [m for m in read_catalog(CATALOGS / f"{domain}.pot") if m.id]


def test_every_text_on_a_client_screen_is_guarded() -> None:
    found = {
        str(m.id)
        for m in _template("ui")
        if any(path in CLIENT_SOURCE_FILES for path, _line in m.locations)
    }
    client = {m.msgid for m in template_messages(CATALOGS) if m.client and m.domain == "ui"}
    unguarded = found - client - COUNSELLOR_TEXTS_ON_CLIENT_SCREENS
    assert not unguarded, f"not held to the client standard: {sorted(unguarded)}"
    assert "Totaal van wat we weten" in client  # the printed summary is the client's too
    assert "De overdracht kan niet worden geprint" not in " ".join(client)
    assert {"Herhaal", "Klaar", DECLINE, "Ja, dat mag", "Wat bewaren wij?"} <= set(
        CLIENT_UI_MESSAGES
    )
    stale = set(CLIENT_UI_MESSAGES) - {str(m.id) for m in _template("ui")}
    assert not stale, f"listed but not used: {sorted(stale)}"


def test_the_decline_button_has_its_own_text() -> None:
    """'Liever niet' is an answer on a card; under a yes/no question the button must say
    'I'd rather not say', never 'rather no'."""
    assert DECLINE == "Zeg ik liever niet"
    assert "Liever niet" not in {str(m.id) for m in _template("ui")}


def test_no_text_is_shared_between_window_and_cards_without_one_meaning() -> None:
    """The Translator looks a text up in both domains: a shared msgid is one message."""
    ui = {str(m.id) for m in _template("ui")}
    content = {str(m.id) for m in _template("content")}
    shared_client = (set(CLIENT_UI_MESSAGES) & content) - SAME_TEXT_SAME_MEANING
    assert not shared_client, f"give these a msgctxt or their own Dutch: {sorted(shared_client)}"
    for code in translated_languages():
        texts = {}
        for domain in ("ui", "content"):
            path = CATALOGS / code / "LC_MESSAGES" / f"{domain}.po"
            texts[domain] = {str(m.id): m.string for m in read_catalog(path, code) if m.id}
        for msgid in ui & content:
            a, b = texts["ui"].get(msgid), texts["content"].get(msgid)
            assert not (a and b and a != b), f"{code}: {msgid!r} is {a!r} and {b!r}"


def test_a_card_text_has_one_kind_of_use() -> None:
    """One Dutch text used as a title here and an answer there needs a context."""
    for message in _template("content"):
        kinds = {
            comment.removesuffix(".counsellor_only").rsplit(".", 1)[-1]
            for comment in message.auto_comments
        }
        assert len(kinds) <= 1, f"{message.id!r} is used as {sorted(kinds)}"
