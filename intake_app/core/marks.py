"""``N_`` for core: marks a Dutch text for extraction; a Translator translates it later.

The same as ``intake_app.i18n.translator.N_`` (core may not import i18n).
"""

from __future__ import annotations


def N_(message: str) -> str:
    return message
