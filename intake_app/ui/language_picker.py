"""Choosing a language: a combo box of native names, and the review status for the counsellor."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel

from intake_app.i18n.languages import LANGUAGES, SOURCE_LANGUAGE, Language, language
from intake_app.i18n.status import STATUS_LABELS, ReviewStatus
from intake_app.i18n.translator import Translator
from intake_app.ui.widgets import named


class LanguagePicker(QComboBox):
    """Languages by their own name (and the Dutch name for the counsellor); emits the code."""

    language_chosen = Signal(str)

    def __init__(self, codes: Iterable[str] | None = None, ui: Translator | None = None) -> None:
        super().__init__()
        named(self, "LanguagePicker")
        self.tr_ui = ui
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.set_languages([lang.code for lang in LANGUAGES] if codes is None else codes)
        self.activated.connect(lambda _index: self.language_chosen.emit(self.current_code()))

    def set_languages(self, codes: Iterable[str]) -> None:
        """Offer ``codes`` (in the app's order), keeping the current choice where possible."""
        keep = self.current_code() if self.count() else None
        wanted = set(codes)
        self.blockSignals(True)
        self.clear()
        for lang in LANGUAGES:
            if lang.code in wanted:
                self.addItem(_label(lang, self.tr_ui), lang.code)
        if keep is not None:
            self.set_current_code(keep)
        self.blockSignals(False)

    def set_translator(self, ui: Translator) -> None:
        """Show the names in the counsellor's language; the choice stays."""
        self.tr_ui = ui
        for index in range(self.count()):
            self.setItemText(index, _label(language(str(self.itemData(index))), ui))

    def codes(self) -> list[str]:
        return [str(self.itemData(i)) for i in range(self.count())]

    def current_code(self) -> str:
        data = self.currentData()
        return str(data) if data is not None else "nl"

    def set_current_code(self, code: str) -> bool:
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0


def _label(lang: Language, ui: Translator | None = None) -> str:
    name = ui.gettext(lang.dutch_name) if ui is not None else lang.dutch_name
    if lang.native_name == name:
        return lang.native_name
    # U+2068/U+2069 isolate the native name so an Arabic name does not reorder the rest.
    return f"\u2068{lang.native_name}\u2069 ({name})"


def status_text(code: str, status: ReviewStatus, ui: Translator) -> str:
    """One line for the counsellor: which language and how far its translation is checked."""
    return ui.format(
        "Vertaling {language}: {status}",
        language=ui.gettext(language(code).dutch_name),
        status=ui.gettext(STATUS_LABELS[status]),
    )


class ReviewStatusLabel(QLabel):
    """Shows the counsellor whether the client's language is a draft or a checked translation."""

    def __init__(self, ui: Translator, statuses: Mapping[str, ReviewStatus]) -> None:
        super().__init__()
        named(self, "ReviewStatus", wrap=True)
        self.tr_ui = ui
        self.statuses = dict(statuses)
        self.code = "nl"
        self.retranslate_ui()

    def show_language(self, code: str) -> None:
        self.code = code
        self.retranslate_ui()

    @property
    def status(self) -> ReviewStatus:
        if self.code == SOURCE_LANGUAGE:
            return ReviewStatus.SOURCE
        return self.statuses.get(self.code, ReviewStatus.DRAFT)

    def retranslate_ui(self) -> None:
        self.setText(status_text(self.code, self.status, self.tr_ui))
        self.setProperty("draft", self.status is ReviewStatus.DRAFT)
        self.style().polish(self)
