"""Clean user text before it is stored or printed (design.md section 5).

Every text a person types goes through here in the services: NFC normalisation, no
invisible direction marks that could disguise a name or an amount, no control characters,
no NUL, and a length limit that the widgets share (``MAX_LENGTHS``).
"""

from __future__ import annotations

import unicodedata

from intake_app.core.errors import IntakeError
from intake_app.core.marks import N_

# Bidi embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069), plus the
# implicit marks (LRM, RLM, ALM) that can reorder how a name or amount looks.
BIDI_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
) | {"\u200e", "\u200f", "\u061c"}

# How many characters each kind of text may hold; widgets use the same numbers.
MAX_LENGTHS: dict[str, int] = {
    "name": 60,  # optional first name (PRV-03)
    "username": 40,
    "password": 200,
    "creditor": 120,
    "amount": 20,
    "short": 200,  # purposes, descriptions
    "note": 4000,  # counsellor notes: the only text that keeps newlines and tabs
}


class InvalidTextError(IntakeError):
    """A text cannot be stored as it was typed."""


def _is_control(char: str, keep_layout: bool) -> bool:
    if keep_layout and char in "\n\t":
        return False
    if char in BIDI_CONTROLS:
        return True
    category = unicodedata.category(char)
    # Cc: C0/C1 controls; Cf other than joiners (ZWJ/ZWNJ shape Arabic and Persian words).
    if category == "Cc":
        return True
    return category == "Cf" and char not in ("\u200c", "\u200d")


def clean_text(text: str, kind: str = "short") -> str:
    """``text`` in NFC without direction or control characters, trimmed; or an error.

    NUL is refused (never silently dropped): it points at a broken paste or an attack.
    Notes (``kind="note"``) keep newlines and tabs; every other kind is one line.
    """
    if "\x00" in text or any("\ud800" <= char <= "\udfff" for char in text):
        # A lone surrogate (from JSON "\\ud800") cannot even be stored as UTF-8.
        raise InvalidTextError(N_("Deze tekst bevat een ongeldig teken. Typ de tekst opnieuw."))
    keep_layout = kind == "note"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not keep_layout:
        text = text.replace("\n", " ").replace("\t", " ")
    normalised = unicodedata.normalize("NFC", text)
    kept = "".join(ch for ch in normalised if not _is_control(ch, keep_layout))
    kept = " ".join(kept.split()) if not keep_layout else kept.strip()
    limit = MAX_LENGTHS.get(kind, MAX_LENGTHS["short"])
    if len(kept) > limit:
        raise InvalidTextError(
            N_("Deze tekst is te lang: {length} tekens. Het mogen er {limit} zijn."),
            length=len(kept),
            limit=limit,
        )
    return kept


def clean_name(text: str) -> str:
    return clean_text(text, "name")


def clean_amount_text(text: str) -> str:
    """An amount as typed, cleaned before the strict amount parser sees it."""
    return clean_text(text, "amount")


def clean_note(text: str) -> str:
    return clean_text(text, "note")
