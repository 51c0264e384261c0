"""The session's neighbourhood in the counsellor's panel, chosen from the coordinator's list
(STA-19, issue 15): a drop-down, never free text, so the statistics count it on its row."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from intake_app.core.model import IntakeSession
from intake_app.i18n.translator import Translator
from intake_app.ui.controller import IntakeController


class NeighbourhoodField(QWidget):
    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__()
        self.controller = controller
        self.t = t
        self.label = QLabel()
        self.choice = QComboBox()
        self.label.setBuddy(self.choice)
        self._showing = False
        self.names: list[str] = []  # the coordinator's list, as last read
        self._record: IntakeSession | None = None
        self.choice.activated.connect(lambda _index: self._save())
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.label, self.choice)
        self.retranslate_ui(t)

    def show_record(self, record: IntakeSession) -> None:
        """Show the stored neighbourhood at once (with the list known so far) and read the
        coordinator's list on the worker (issue 20); it replaces the choices when it comes.
        Read once per conversation opened, not after every answer (a round trip on a server).
        """
        opened = self._record is None or self._record.id != record.id
        self._record = record
        self._fill(record)
        if not opened:
            return
        self.controller.read(
            lambda: self.controller.service.neighbourhood_choices(),
            lambda names: self._arrived(record, names),
        )

    def _arrived(self, record: IntakeSession, names: list[str]) -> None:
        self.names = list(names)
        shown = self._record
        if shown is not None and shown.id == record.id:  # still this conversation
            self._fill(shown)

    def _fill(self, record: IntakeSession) -> None:
        self._showing = True  # showing what is stored is not a change
        names = self.names
        self.choice.clear()
        self.choice.addItem(self.t.gettext("geen wijk gekozen"), "")
        for name in names:
            self.choice.addItem(name, name)
        if record.neighbourhood and record.neighbourhood not in names:
            # A name from before the list (or from another laptop's file): shown, not lost.
            self.choice.addItem(record.neighbourhood, record.neighbourhood)
        self.choice.setCurrentIndex(max(0, self.choice.findData(record.neighbourhood)))
        self.choice.setEnabled(bool(names))
        self.choice.setToolTip(
            "" if names else self.t.gettext("De coördinator heeft nog geen lijst met wijken.")
        )
        self._showing = False

    def clear_sensitive(self) -> None:
        """Auto-lock: the conversation's choice leaves the screen; after unlocking the list
        is read again (a read still on its way was dropped by the lock)."""
        self._record = None
        self.choice.clear()

    def _save(self) -> None:
        if self._showing:
            return
        name = str(self.choice.currentData() or "")
        self.controller.apply(lambda s, sid: s.set_neighbourhood(sid, name))

    def retranslate_ui(self, t: Translator) -> None:
        self.t = t
        self.label.setText(t.gettext("Wijk"))
        if self.choice.count():
            self.choice.setItemText(0, t.gettext("geen wijk gekozen"))
