"""The audit log for the admin: who opened, changed, printed, exported or erased what, when.

Anyone else sees one sentence instead (the service refuses, ui only shows it). The log holds
ids, never note text or client answers.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.errors import IntakeError
from intake_app.core.security import AuditAction
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.translator import N_, Translator
from intake_app.services.audit import AuditEntry, AuditService
from intake_app.ui.widgets import named

ACTION_LABELS: dict[str, str] = {
    AuditAction.LOGGED_IN: N_("ingelogd"),
    AuditAction.LOGIN_FAILED: N_("inloggen mislukt"),
    AuditAction.LOGGED_OUT: N_("afgemeld"),
    AuditAction.LOCKED: N_("scherm op slot"),
    AuditAction.UNLOCKED: N_("scherm ontgrendeld"),
    AuditAction.OPENED: N_("geopend"),
    AuditAction.CHANGED: N_("gewijzigd"),
    AuditAction.PRINTED: N_("geprint"),
    AuditAction.EXPORTED: N_("geëxporteerd"),
    AuditAction.ERASED: N_("gewist"),
    AuditAction.CONSENT_GIVEN: N_("toestemming gegeven"),
    AuditAction.CONSENT_REVOKED: N_("toestemming ingetrokken"),
    AuditAction.USER_ADDED: N_("gebruiker toegevoegd"),
    AuditAction.USER_REMOVED: N_("gebruiker uitgezet"),
    AuditAction.PASSWORD_CHANGED: N_("wachtwoord gewijzigd"),
    AuditAction.ACCESS_DENIED: N_("geweigerd"),
}
HEADERS = (N_("Tijd"), N_("Wie"), N_("Wat"), N_("Waarop"), N_("Detail"))


class AuditView(QWidget):
    def __init__(self, service: AuditService, translator: Translator) -> None:
        super().__init__()
        self.setObjectName("AuditView")
        self.service = service
        self.tr_ui = translator
        self.entries: list[AuditEntry] = []
        self.title = named(QLabel(), "PanelHeading")
        self.message = named(QLabel(), "LoginError", wrap=True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.refresh_button)
        self.retranslate_ui()

    def refresh(self) -> None:
        try:
            self.entries = self.service.entries()
        except IntakeError as exc:
            self.entries = []
            self.message.setText(exc.render(self.tr_ui.gettext))
        else:
            self.message.clear()
        self._fill()

    def _fill(self) -> None:
        t = self.tr_ui
        formatter = Formatter(t.code)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            label = ACTION_LABELS.get(entry.action, entry.action)
            cells = (formatter.datetime(entry.at), entry.actor, t.gettext(label),
                     entry.target, entry.detail)  # fmt: skip
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def clear_sensitive(self) -> None:
        self.entries = []
        self.table.setRowCount(0)

    def restore(self) -> None:
        if self.isVisible():
            self.refresh()

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.title.setText(t.gettext("Logboek: wie deed wat en wanneer"))
        self.table.setHorizontalHeaderLabels([t.gettext(h) for h in HEADERS])
        self.refresh_button.setText(t.gettext("Vernieuwen"))
        self._fill()
