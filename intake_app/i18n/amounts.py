"""The strict amount parser (design.md section 6): what a person types becomes integer cents.

Babel's own parser reads ``1.50`` in Dutch as 150 and accepts ``NaN``, ``Infinity`` and
``1e6``. This one accepts only what a Dutch counsellor or client plausibly means:

- ``1234``, ``1.234``, ``1234,56``, ``1.234,56``, ``12,5``, ``€ 1.234,-``, ``1234 euro``;
- Arabic-Indic, Persian and full-width digits (normalised first, NFKC);
- ``12.50`` (a decimal point) is *asked back* ("Bedoelt u € 12,50?"), never read as 1250;
- letters (``1e6``, ``NaN``, ``Infinity``), a minus sign, three decimals or a number too big
  are refused with a Dutch message id that the ui translates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import N_

MAX_CENTS = 100_000_000_00  # one hundred million euro: anything above is a typing slip
MAX_LENGTH = 40

MSG_EMPTY = N_("Vul een bedrag in.")
MSG_NOT_AN_AMOUNT = N_("Dit is geen bedrag. Typ alleen cijfers, zoals 1.234,56.")
MSG_NEGATIVE = N_("Typ het bedrag zonder min-teken.")
MSG_THREE_DECIMALS = N_("Typ hoogstens twee cijfers na de komma.")
MSG_TOO_LARGE = N_("Dit bedrag is te groot. Kijk het nog eens na.")
MSG_ASK_BACK = N_("Bedoelt u {amount}?")

# Direction marks and isolates that RTL keyboards and copy-paste slip in.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u200e\u200f\u061c\u2060\ufeff\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069"),
    None,
)  # fmt: skip
_ARABIC_SEPARATORS = str.maketrans({"\u066b": ",", "\u066c": ".", "\u060c": ","})
_CURRENCY = re.compile(r"€|\beur(?:o|os)?\b", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
# A space between digits only as a thousands separator ("1 234,56"), never "12 50".
_BAD_SPACE = re.compile(r"\d\s+(?!\d{3}(?!\d))\d")
_WHOLE_MARK = re.compile(r"[.,][-–]{1,2}$")  # "1.234,-" means whole euros

_PLAIN = re.compile(r"^\d+$")
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_DUTCH_DECIMAL = re.compile(r"^(\d+|\d{1,3}(?:\.\d{3})+),(\d{1,2})$")
_TOO_MANY_DECIMALS = re.compile(r"^(\d+|\d{1,3}(?:\.\d{3})+),\d{3,}$")
_POINT_DECIMAL = re.compile(r"^(\d+|\d{1,3}(?:,\d{3})+)\.(\d{1,2})$")


class AmountError(IntakeError):
    """What was typed is not an amount we can store; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Amount:
    """A clear amount in cents."""

    cents: int


@dataclass(frozen=True, slots=True)
class AskBack:
    """Probably ``cents``, but the writing was ambiguous: ask the person before storing."""

    cents: int
    question: str = MSG_ASK_BACK


ParseResult = Amount | AskBack


def normalise_digits(text: str) -> str:
    """NFKC, then every decimal digit of any script as 0-9; direction marks removed."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = text.translate(_ARABIC_SEPARATORS)
    return "".join(
        str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in text
    )


def _cents(euros: str, fraction: str = "") -> int:
    return int(euros.replace(".", "").replace(",", "")) * 100 + int(fraction.ljust(2, "0") or 0)


def parse_amount(text: str) -> ParseResult:
    """Parse a typed amount; raise AmountError with a translatable message if it is not one."""
    if len(text) > MAX_LENGTH:
        raise AmountError(MSG_NOT_AN_AMOUNT)
    cleaned = _CURRENCY.sub("", normalise_digits(text))
    if _BAD_SPACE.search(cleaned):
        raise AmountError(MSG_NOT_AN_AMOUNT)
    cleaned = _SPACES.sub("", cleaned)
    if not cleaned:
        raise AmountError(MSG_EMPTY)
    if cleaned[0] in "-−":
        raise AmountError(MSG_NEGATIVE)
    cleaned = cleaned.removeprefix("+")
    cleaned = _WHOLE_MARK.sub("", cleaned)
    if not cleaned.isascii() or re.search(r"[^0-9.,]", cleaned):
        raise AmountError(MSG_NOT_AN_AMOUNT)
    result: ParseResult
    if _PLAIN.match(cleaned) or _GROUPED.match(cleaned):
        result = Amount(_cents(cleaned))
    elif match := _DUTCH_DECIMAL.match(cleaned):
        result = Amount(_cents(match[1], match[2]))
    elif _TOO_MANY_DECIMALS.match(cleaned):
        raise AmountError(MSG_THREE_DECIMALS)
    elif match := _POINT_DECIMAL.match(cleaned):
        result = AskBack(_cents(match[1], match[2]))
    else:
        raise AmountError(MSG_NOT_AN_AMOUNT)
    if result.cents > MAX_CENTS:
        raise AmountError(MSG_TOO_LARGE)
    return result
