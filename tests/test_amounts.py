"""The strict amount parser (design.md section 6), with property-based tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.i18n.amounts import (
    MAX_CENTS,
    MSG_EMPTY,
    MSG_NEGATIVE,
    MSG_NOT_AN_AMOUNT,
    MSG_THREE_DECIMALS,
    MSG_TOO_LARGE,
    Amount,
    AmountError,
    AskBack,
    normalise_digits,
    parse_amount,
)
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.translator import Translator
from tests.conftest import REPO

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
FULL_WIDTH = "０１２３４５６７８９"


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("1.234,56", 123456),
        ("1234,56", 123456),
        ("€ 1.234,-", 123400),
        ("€1.234,--", 123400),
        ("12,5", 1250),
        ("12", 1200),
        ("1.234", 123400),
        ("1.234.567,89", 123456789),
        ("  250 euro ", 25000),
        ("EUR 7,05", 705),
        ("0", 0),
        ("1 234,56", 123456),  # Polish and Ukrainian group with spaces
        ("1\u00a0234\u00a0567", 123456700),
        ("١٬٢٣٤٫٥٦", 123456),  # Arabic thousands and decimal separators
        ("۱۲۳٫۵", 12350),  # Persian digits (Dari keyboards)
        ("１２３,４５", 12345),  # full width
        ("\u200f1.234,56\u200e", 123456),  # direction marks from an RTL keyboard
    ],
)
def test_accepted(typed: str, cents: int) -> None:
    assert parse_amount(typed) == Amount(cents)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e6", MSG_NOT_AN_AMOUNT),
        ("NaN", MSG_NOT_AN_AMOUNT),
        ("nan", MSG_NOT_AN_AMOUNT),
        ("Infinity", MSG_NOT_AN_AMOUNT),
        ("inf", MSG_NOT_AN_AMOUNT),
        ("0x10", MSG_NOT_AN_AMOUNT),
        ("12,345", MSG_THREE_DECIMALS),
        ("1.234,567", MSG_THREE_DECIMALS),
        ("-5", MSG_NEGATIVE),
        ("−5", MSG_NEGATIVE),
        ("", MSG_EMPTY),
        ("  € ", MSG_EMPTY),
        ("1.23.4", MSG_NOT_AN_AMOUNT),
        ("12 50", MSG_NOT_AN_AMOUNT),  # a space is only a thousands separator
        ("1 23,50", MSG_NOT_AN_AMOUNT),
        ("12,", MSG_NOT_AN_AMOUNT),
        ("1 000 000 000 000", MSG_TOO_LARGE),
        ("9" * 60, MSG_NOT_AN_AMOUNT),
    ],
)
def test_rejected_with_message(typed: str, message: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(typed)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("typed", "cents"), [("12.50", 1250), ("12.5", 1250), ("1,234.56", 123456)]
)
def test_decimal_point_is_asked_back(typed: str, cents: int) -> None:
    result = parse_amount(typed)
    assert isinstance(result, AskBack)
    assert result.cents == cents


def test_ask_back_question_in_dutch_and_translated() -> None:
    result = parse_amount("12.50")
    assert isinstance(result, AskBack)
    dutch = Translator("nl", REPO / "translations")
    question = dutch.format(result.question, amount=Formatter("nl").money(result.cents))
    assert question.replace("\xa0", " ") == "Bedoelt u € 12,50?"
    english = Translator("en", REPO / "translations")
    assert english.format(result.question, amount="€12.50") != question


def test_error_messages_are_translated() -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount("1e6")
    arabic = caught.value.render(Translator("ar", REPO / "translations").gettext)
    assert arabic != caught.value.message
    assert any("\u0600" <= ch <= "\u06ff" for ch in arabic)


def _dutch(cents: int, grouped: bool) -> str:
    euros, rest = divmod(cents, 100)
    whole = f"{euros:,}".replace(",", ".") if grouped else str(euros)
    return f"{whole},{rest:02d}"


@settings(deadline=None)  # a loaded CI machine must not make these flaky
@given(st.integers(min_value=0, max_value=MAX_CENTS), st.booleans())
def test_dutch_writing_round_trips(cents: int, grouped: bool) -> None:
    assert parse_amount(_dutch(cents, grouped)) == Amount(cents)


@settings(deadline=None)  # a loaded CI machine must not make these flaky
@given(st.integers(min_value=0, max_value=MAX_CENTS))
def test_babel_formatted_money_round_trips(cents: int) -> None:
    assert parse_amount(Formatter("nl").money(cents)) == Amount(cents)


@settings(deadline=None)  # a loaded CI machine must not make these flaky
@given(
    st.integers(min_value=0, max_value=MAX_CENTS),
    st.sampled_from([ARABIC_INDIC, PERSIAN, FULL_WIDTH]),
)
def test_other_digit_scripts_read_the_same(cents: int, digits: str) -> None:
    text = _dutch(cents, grouped=True).translate(str.maketrans("0123456789", digits))
    assert parse_amount(text) == Amount(cents)


@settings(deadline=None)  # a loaded CI machine must not make these flaky
@given(st.text(max_size=30))
def test_never_crashes_and_never_negative(text: str) -> None:
    try:
        result = parse_amount(text)
    except AmountError as exc:
        assert exc.message  # always a sentence for the person
    else:
        assert 0 <= result.cents <= MAX_CENTS


@settings(deadline=None)  # a loaded CI machine must not make these flaky
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_python_float_spellings_are_never_silently_accepted(value: float) -> None:
    text = repr(value)  # 'nan', 'inf', '1e+16', '0.1', ...
    try:
        result = parse_amount(text)
    except AmountError:
        return
    # Only plain writings survive; a decimal point is never taken without asking.
    assert "e" not in text.lower() or not isinstance(result, Amount)
    if "." in text and not text.endswith(".0"):
        assert isinstance(result, AskBack)


@settings(deadline=None)  # a loaded CI machine must not make these flaky
@given(st.integers(min_value=0, max_value=999), st.integers(min_value=100, max_value=99999))
def test_three_or_more_decimals_rejected(euros: int, fraction: int) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(f"{euros},{fraction}")
    assert caught.value.message == MSG_THREE_DECIMALS


def test_normalise_digits() -> None:
    assert normalise_digits("٣٤") == "34"
    assert normalise_digits("۵") == "5"
    assert normalise_digits("１２") == "12"


@settings(deadline=None)  # a loaded CI machine must not make these flaky
@given(st.integers(min_value=0, max_value=MAX_CENTS))
def test_what_any_language_displays_reads_back_to_the_same_cents(cents: int) -> None:
    from intake_app.i18n.languages import LANGUAGES

    for lang in LANGUAGES:
        shown = Formatter(lang.code).money(cents)
        result = parse_amount(shown)
        # English-style writing ("€1,234.56") is asked back, never misread.
        assert result.cents == cents, (lang.code, shown, result)
