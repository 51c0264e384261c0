"""Texts and choice lists of a record form that follow the counsellor's language.

The formal and the informal debt details (ui/formal_details.py, ui/informal_details.py) keep
each label's setter and each combo box's labels with their Dutch msgids, so a language switch
re-translates them in place without rebuilding the form (and without losing what was typed).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtWidgets import QComboBox

from intake_app.i18n.translator import Translator


class TranslatedFields:
    """Mixin for a form with ``self.t``: call ``_init_translated`` before the first text."""

    t: Translator

    def _init_translated(self, translator: Translator) -> None:
        self.t = translator
        self._texts: list[tuple[Callable[[str], None], str]] = []
        self._combos: list[tuple[QComboBox, Mapping[Any, str]]] = []

    def _text(self, setter: Callable[[str], None], message: str) -> None:
        setter(self.t.gettext(message))
        self._texts.append((setter, message))

    def _combo(self, labels: Mapping[Any, str]) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        for value, message in labels.items():
            combo.addItem(self.t.gettext(message), value)
        self._combos.append((combo, labels))
        return combo

    def retranslate_ui(self, translator: Translator) -> None:
        self.t = translator
        for setter, message in self._texts:
            setter(translator.gettext(message))
        for combo, labels in self._combos:
            for index, message in enumerate(labels.values()):
                combo.setItemText(index, translator.gettext(message))
