"""Formatter through Babel, plural-form order, review status per language."""

from __future__ import annotations

import gettext
from datetime import date
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from intake_app.i18n.formatting import Formatter
from intake_app.i18n.languages import LANGUAGES
from intake_app.i18n.plurals import category_order, gettext_plural_index
from intake_app.i18n.status import ReviewStatus, review_status, review_statuses
from intake_app.i18n.translator import Translator
from tests.conftest import REPO


def test_money_and_numbers_through_babel() -> None:
    assert Formatter("nl").money(123456).replace("\xa0", " ") == "€ 1.234,56"
    assert Formatter("en").money(123456) == "€1,234.56"
    # Babel gives Latin digits for Arabic, as the PDF does (Qt would give Arabic-Indic).
    assert "1,234.56" in Formatter("ar").money(123456).replace("٬", ",").replace("٫", ".")
    assert Formatter("nl").date(date(2026, 3, 5)) == "5 maart 2026"
    assert Formatter("tr").number(1234) == "1.234"
    assert Formatter("fa_AF").money(100).strip()


def test_arabic_plural_header_orders_last_two_forms_unlike_cldr() -> None:
    # gettext index 4 is CLDR "other" (100, 101, 102), index 5 is CLDR "many" (11..99).
    assert category_order("ar") == ["zero", "one", "two", "few", "other", "many"]
    assert gettext_plural_index("ar", 11) == 5
    assert gettext_plural_index("ar", 100) == 4


def test_arabic_ngettext_picks_the_form_babel_wrote(tmp_path: Path) -> None:
    catalog = Catalog(locale="ar", domain="ui")
    forms = ("f0", "f1", "f2", "f3", "f4", "f5")
    catalog.add(("{n} brief", "{n} brieven"), forms)
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "ui.mo").open("wb") as handle:
        write_mo(handle, catalog)
    translator = Translator("ar", tmp_path)
    picked = {n: translator.ngettext("{n} brief", "{n} brieven", n) for n in (0, 1, 2, 3, 11, 100)}
    assert picked == {0: "f0", 1: "f1", 2: "f2", 3: "f3", 11: "f5", 100: "f4"}
    gettext._translations.clear()  # type: ignore[attr-defined]


def test_every_language_has_a_review_status() -> None:
    statuses = review_statuses(REPO / "translations")
    assert set(statuses) == {lang.code for lang in LANGUAGES}
    assert statuses["nl"] is ReviewStatus.SOURCE
    # Nothing has been checked by a native speaker yet: say so honestly.
    assert all(s is ReviewStatus.DRAFT for code, s in statuses.items() if code != "nl")


def test_review_status_file(tmp_path: Path) -> None:
    (tmp_path / "tr").mkdir()
    (tmp_path / "tr" / "STATUS").write_text("reviewed\nA. Yılmaz, 2026-11\n", encoding="utf-8")
    (tmp_path / "pl").mkdir()
    (tmp_path / "pl" / "STATUS").write_text("gibberish", encoding="utf-8")
    assert review_status("tr", tmp_path) is ReviewStatus.REVIEWED
    assert review_status("pl", tmp_path) is ReviewStatus.DRAFT
    assert review_status("so", tmp_path) is ReviewStatus.DRAFT  # no file: draft
