"""The follow-up list (nazorg, INT-20): who is due this week and whether help arrived.

The list is read in one query on a worker thread (issue 16: with years of data the old
one-read-per-session list froze the window for 11 s). While it loads the view says so; a result
that arrives after the screen locked, or after a newer request, is dropped.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from intake_app.core.errors import IntakeError
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.translator import Translator
from intake_app.services.dto import FollowUpItem
from intake_app.services.intake import IntakeService
from intake_app.ui import pictograms
from intake_app.ui.widgets import named


class _Delivery(QObject):
    arrived = Signal(int, object)  # generation, list[FollowUpItem] or IntakeError


class _Load(QRunnable):
    def __init__(self, service: IntakeService, today: date, generation: int) -> None:
        super().__init__()
        self.service, self.today, self.generation = service, today, generation
        self.delivery = _Delivery()

    def run(self) -> None:
        result: object
        try:
            result = self.service.follow_ups(self.today)
        except IntakeError as exc:  # shown as one sentence on the GUI thread
            result = exc
        self.delivery.arrived.emit(self.generation, result)


class FollowUpView(QWidget):
    open_requested = Signal(int)  # session id
    failed = Signal(str)  # one translated sentence
    loaded = Signal()  # the list on screen is up to date

    def __init__(self, service: IntakeService | None, translator: Translator) -> None:
        super().__init__()
        self.service = service
        self.tr_ui = translator
        self.items: list[FollowUpItem] = []
        self.generation = 0  # bumped by every request and by the lock: late results drop
        self.loading = False
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)
        self._pending: set[_Load] = set()  # keep jobs (and their signal objects) alive
        self.heading = named(QLabel(), "PanelHeading")
        self.explanation = named(QLabel(), "", wrap=True)
        self.list = QListWidget()
        self.list.itemActivated.connect(
            lambda item: self.open_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))
        )
        self.empty = QLabel()
        self.status = named(QLabel(), "", wrap=True)
        self.status.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.status)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        self.retranslate_ui()

    def refresh(self, today: date | None = None) -> None:
        """Load the list on the worker; the view shows that it is loading meanwhile."""
        if self.service is None:  # a role without conversations: nothing to follow up
            return
        self.generation += 1
        self.loading = True
        self.status.setText(self.tr_ui.gettext("De lijst wordt geladen…"))
        self.status.setVisible(True)
        job = _Load(self.service, today or date.today(), self.generation)
        job.setAutoDelete(False)
        job.delivery.arrived.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self._pending.add(job)
        self._pool.start(job)

    def _arrived(self, generation: int, result: object) -> None:
        self._pending = {job for job in self._pending if job.generation > generation}
        if generation != self.generation:
            return  # locked meanwhile, or a newer request is on its way
        self.loading = False
        self.status.setVisible(False)
        if isinstance(result, IntakeError):
            self.failed.emit(result.render(self.tr_ui.gettext))
            return
        assert isinstance(result, list)
        self.items = result
        self._fill()
        self.loaded.emit()

    def clear_sensitive(self) -> None:
        """Auto-lock: forget the list, and any answer still on its way."""
        self.generation += 1
        self.loading = False
        self.items = []
        self.list.clear()
        self.status.setVisible(False)

    def wait_idle(self) -> None:
        """Wait until no load is running (tests; closing the window)."""
        self._pool.waitForDone()

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
        self.empty.setVisible(not self.items and not self.loading)
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
