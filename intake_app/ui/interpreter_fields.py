"""The interpreter's language and gender, and the language spoken (COM-05, issue 21).

The kind of interpreter is the answer on the interpreter_mode card (stored with it); these
fields add what the card does not ask. The spoken language may differ from the print
language: a Darija speaker (``ary``) who wants plain Dutch on paper. Saved when a field is
left (editingFinished) or a gender is chosen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from intake_app.core.model import IntakeSession
from intake_app.i18n.translator import N_, Translator
from intake_app.ui.controller import IntakeController

GENDER = (  # GEN-11: the same answers wherever gender is asked
    ("", N_("niet gezegd")),
    ("female", N_("vrouw")),
    ("male", N_("man")),
    ("other", N_("anders/non-binair")),
    ("declined", N_("zegt liever niet")),
)


class InterpreterFields(QWidget):
    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__()
        self.controller = controller
        self._record: IntakeSession | None = None
        self.language_label, self.gender_label, self.spoken_label = QLabel(), QLabel(), QLabel()
        self.language = QLineEdit()
        self.language.setMaxLength(8)
        self.language.setPlaceholderText("ar, ti, prs")
        self.gender = QComboBox()
        for value, message in GENDER:
            self.gender.addItem(t.gettext(message), value)
        self.spoken = QLineEdit()
        self.spoken.setMaxLength(8)
        self.spoken.setPlaceholderText("ary")
        self.language.editingFinished.connect(self._save)
        self.spoken.editingFinished.connect(self._save)
        self.gender.activated.connect(lambda _index: self._save())
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, field in (
            (self.language_label, self.language),
            (self.gender_label, self.gender),
            (self.spoken_label, self.spoken),
        ):
            label.setBuddy(field)
            layout.addRow(label, field)
        self.retranslate_ui(t)

    def show_record(self, record: IntakeSession) -> None:
        self._record = record
        self.language.setText(record.interpreter_language)
        self.gender.setCurrentIndex(max(0, self.gender.findData(record.interpreter_gender)))
        self.spoken.setText(record.spoken_language)

    def _save(self) -> None:
        record = self._record
        language, spoken = self.language.text().strip(), self.spoken.text().strip()
        gender = str(self.gender.currentData() or "")
        if record is None or (language, gender, spoken) == (
            record.interpreter_language,
            record.interpreter_gender,
            record.spoken_language,
        ):
            return  # nothing changed: no write, no audit line
        kind = record.interpreter_kind
        self.controller.apply(
            lambda s, sid: s.set_interpreter(
                sid, kind=kind, language=language, gender=gender, spoken_language=spoken
            )
        )

    def retranslate_ui(self, t: Translator) -> None:
        self.language_label.setText(t.gettext("Taal van de tolk (code)"))
        self.gender_label.setText(t.gettext("Tolk is een"))
        self.spoken_label.setText(t.gettext("Gesproken taal, als die anders is (code)"))
        for index, (_value, message) in enumerate(GENDER):
            self.gender.setItemText(index, t.gettext(message))
