"""The trauma reminder's referral suggestion (INT-13).

Shown only while the "mogelijk trauma" flag is set: a suggestion to refer to the GP
(huisarts) or the practice nurse for mental health (POH-GGZ), which one press turns into a
planned referral of the session. Once that referral exists the button says so and rests.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from intake_app.core.model import IntakeSession, Referral
from intake_app.i18n.translator import N_, Translator
from intake_app.ui import pictograms
from intake_app.ui.controller import IntakeController
from intake_app.ui.widgets import named

# Stored as typed organisation text, like a referral to an organisation not in the directory.
GP_REFERRAL = N_("Huisarts of praktijkondersteuner GGZ (POH-GGZ)")


class TraumaReferral(QWidget):
    def __init__(self, controller: IntakeController, translator: Translator) -> None:
        super().__init__()
        self.controller = controller
        self.tr_ui = translator
        self.suggestion = named(QLabel(), "Hints", wrap=True)
        self.button = QPushButton()
        self.button.setIcon(pictograms.icon("1FA7A", 20))  # stethoscope
        self.button.clicked.connect(self.add_referral)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.button)
        self.record: IntakeSession | None = None
        self.hide()
        self.retranslate_ui(translator)

    def _name(self) -> str:
        # The Dutch name: referrals are stored and handed over in Dutch.
        return GP_REFERRAL

    def already_referred(self) -> bool:
        record = self.record
        return record is not None and any(
            r.organisation_name == self._name() for r in record.referrals
        )

    def show_record(self, record: IntakeSession | None) -> None:
        self.record = record
        self.setVisible(record is not None and record.trauma_flag)
        self.retranslate_ui(self.tr_ui)

    def add_referral(self) -> None:
        if self.record is None or self.already_referred():
            return
        referral = Referral(None, self._name(), formal=True, warm=False, planned_on=date.today())
        if self.controller.apply(lambda s, sid: s.add_referral(sid, referral)) is not None:
            self.controller.status.emit(
                self.tr_ui.gettext("Verwijzing naar de huisarts toegevoegd.")
            )

    def retranslate_ui(self, translator: Translator) -> None:
        self.tr_ui = t = translator
        self.suggestion.setText(
            t.gettext(
                "Mogelijk trauma: bespreek een verwijzing naar de huisarts of de "
                "praktijkondersteuner GGZ. Alleen als de klant dat wil."
            )
        )
        done = self.already_referred()
        self.button.setEnabled(not done)
        self.button.setText(
            t.gettext("Verwijzing staat erin")
            if done
            else t.gettext("Verwijzing huisarts / POH-GGZ toevoegen")
        )
