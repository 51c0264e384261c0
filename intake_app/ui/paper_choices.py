"""The client's paper, chosen with her and stored with the session (GEN-05, issue 21).

"Vanzelf" follows the safety flag (discreet when the home is not safe); "Altijd discreet"
and "Volledig" are explicit. Whether money sent to family goes on paper is stored too.
Every print path honours both (services/print_choices.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QWidget

from intake_app.core.model import IntakeSession
from intake_app.i18n.translator import N_, Translator
from intake_app.ui.controller import IntakeController

# (stored value of IntakeSession.discreet, label)
DISCRETION = (
    (None, N_("vanzelf (discreet als thuis niet veilig is)")),
    (True, N_("altijd discreet")),
    (False, N_("volledig")),
)


class PaperChoices(QWidget):
    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__()
        self.controller = controller
        self.t = t
        self.label = QLabel()
        self.discretion = QComboBox()
        for value, message in DISCRETION:
            self.discretion.addItem(t.gettext(message), value)
        self.remittances = QCheckBox()
        self._showing = False
        self.discretion.activated.connect(lambda _index: self._save())
        self.remittances.clicked.connect(lambda _on: self._save())
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addRow(self.label, self.discretion)
        layout.addRow("", self.remittances)
        self.label.setBuddy(self.discretion)
        self.retranslate_ui(t)

    def show_record(self, record: IntakeSession) -> None:
        self._showing = True  # showing what is stored is not a change
        index = [value for value, _message in DISCRETION].index(record.discreet)
        self.discretion.setCurrentIndex(index)
        self.remittances.setChecked(record.print_remittances)
        self._showing = False

    def _save(self) -> None:
        if self._showing:
            return
        discreet = DISCRETION[self.discretion.currentIndex()][0]
        remittances = self.remittances.isChecked()
        self.controller.apply(
            lambda s, sid: s.set_print_choices(
                sid, discreet=discreet, print_remittances=remittances
            )
        )

    def retranslate_ui(self, t: Translator) -> None:
        self.t = t
        self.label.setText(t.gettext("Papier voor de cliënt"))
        for index, (_value, message) in enumerate(DISCRETION):
            self.discretion.setItemText(index, t.gettext(message))
        self.remittances.setText(t.gettext("Geld naar familie op papier"))
