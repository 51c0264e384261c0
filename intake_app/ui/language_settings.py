"""The coordinator's dialog: which languages the client may choose, with review status."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.errors import IntakeError
from intake_app.i18n.languages import SOURCE_LANGUAGE
from intake_app.i18n.status import STATUS_LABELS
from intake_app.i18n.translator import Translator
from intake_app.services.languages import LanguageService
from intake_app.ui.widgets import named


class LanguageSettingsDialog(QDialog):
    def __init__(
        self, service: LanguageService, ui: Translator, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LanguageSettings")
        self.service = service
        self.tr_ui = ui
        self.intro = named(QLabel(), "", wrap=True)
        self.error = named(QLabel(), "AmountMessage", wrap=True)
        self.error.hide()
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        self.infos = service.languages()
        for info in self.infos:
            box = QCheckBox()
            box.setChecked(info.offered)
            box.setEnabled(info.code != SOURCE_LANGUAGE)  # Dutch is always offered
            layout.addWidget(box)
            self.boxes[info.code] = box
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def chosen(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def save(self) -> None:
        try:
            self.service.set_offered(self.chosen())
        except IntakeError as exc:
            self.error.setText(exc.render(self.tr_ui.gettext))
            self.error.show()
            return
        self.accept()

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.setWindowTitle(t.gettext("Talen voor de klant"))
        self.intro.setText(
            t.gettext("Kies welke talen de klant kan kiezen. Nederlands blijft altijd.")
        )
        for info in self.infos:
            self.boxes[info.code].setText(
                t.format(
                    "{native} ({dutch}) – {status}",
                    native=f"\u2068{info.native_name}\u2069",
                    dutch=t.gettext(info.dutch_name),
                    status=t.gettext(STATUS_LABELS[info.status]),
                )
            )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if save is not None:
            save.setText(t.gettext("Opslaan"))
        if cancel is not None:
            cancel.setText(t.gettext("Annuleren"))
