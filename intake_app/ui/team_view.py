"""The coordinator's "Team" tab: the self-scan (ORG-01) and counsellor profiles (ORG-05)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from intake_app.i18n.translator import Translator
from intake_app.services.team import TeamService
from intake_app.ui.profile_view import ProfileView
from intake_app.ui.selfscan_view import SelfScanView


class TeamView(QWidget):
    failed = Signal(str)
    saved = Signal(str)

    def __init__(self, service: TeamService, translator: Translator) -> None:
        super().__init__()
        self.setProperty("no_client_data", True)  # about the organisation and its staff
        self.tr_ui = translator
        self.self_scan = SelfScanView(service, translator)
        self.profiles = ProfileView(service, translator)
        self.pages = QTabWidget()
        self.pages.addTab(self.self_scan, "")
        self.pages.addTab(self.profiles, "")
        QVBoxLayout(self).addWidget(self.pages)
        for page in (self.self_scan, self.profiles):
            page.failed.connect(self.failed)
            page.saved.connect(self.saved)
        self.retranslate_ui()

    def refresh(self) -> None:
        self.self_scan.refresh()
        self.profiles.refresh()

    def retranslate_ui(self) -> None:
        self.pages.setTabText(0, self.tr_ui.gettext("Zelfscan"))
        self.pages.setTabText(1, self.tr_ui.gettext("Profielen"))
