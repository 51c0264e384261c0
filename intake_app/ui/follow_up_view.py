"""The follow-up list (nazorg, INT-20): who is due this week and whether help arrived."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from intake_app.core.errors import IntakeError
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.translator import Translator
from intake_app.services.dto import FollowUpItem
from intake_app.services.intake import IntakeService
from intake_app.ui import pictograms
from intake_app.ui.widgets import named


class FollowUpView(QWidget):
    open_requested = Signal(int)  # session id

    def __init__(self, service: IntakeService, translator: Translator) -> None:
        super().__init__()
        self.service = service
        self.tr_ui = translator
        self.items: list[FollowUpItem] = []
        self.heading = named(QLabel(), "PanelHeading")
        self.explanation = named(QLabel(), "", wrap=True)
        self.list = QListWidget()
        self.list.itemActivated.connect(
            lambda item: self.open_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))
        )
        self.empty = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        self.retranslate_ui()

    def refresh(self, today: date | None = None) -> str | None:
        """Reload; returns a translated error sentence instead of raising."""
        try:
            self.items = self.service.follow_ups(today or date.today())
        except IntakeError as exc:
            return exc.render(self.tr_ui.gettext)
        self._fill()
        return None

    def _fill(self) -> None:
        t = self.tr_ui
        formatter = Formatter(t.code)
        self.list.clear()
        for item in self.items:
            text = t.format(
                "{code} · nazorg op {date}",
                code=item.code,
                date=formatter.date(item.follow_up_date),
            )
            if item.overdue:
                text += " · " + t.gettext("te laat")
            if item.open_referrals:
                text += " · " + t.format(
                    "verwijzing nog niet aangekomen: {names}", names=", ".join(item.open_referrals)
                )
            entry = QListWidgetItem(text)
            if item.overdue:  # a pictogram: no bundled font has the sign "⚠"
                entry.setIcon(pictograms.icon("26A0", 20))
            entry.setData(Qt.ItemDataRole.UserRole, item.session_id)
            self.list.addItem(entry)
        self.empty.setVisible(not self.items)
        self.list.setVisible(bool(self.items))

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.heading.setText(t.gettext("Nazorg deze week"))
        self.explanation.setText(
            t.gettext(
                "Wie moet u bellen of appen? Kwam de verwijzing aan? Dubbelklik om te openen."
            )
        )
        self.empty.setText(t.gettext("Niemand staat deze week op de lijst."))
        self._fill()
