"""The follow-up list (nazorg, INT-20): what needs doing now, with an action on each line.

One heading line per session (its follow-up date, "te laat", "te veel doorverwezen"), then
one line per open referral and per step not yet done, most pressing first. The buttons act
on the selected line: a referral arrived or not, an appointment made, contact lost, a step
done, the contact person, the feedback to the referrer. Every action goes through the
IntakeService (gated and audited) and the list reloads.

The list is read in a few queries on a worker thread (issue 16: with years of data the old
one-read-per-session list froze the window for 11 s). While it loads the view says so; a result
that arrives after the screen locked, or after a newer request, is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.errors import IntakeError
from intake_app.core.model import ReferralStatus
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.translator import N_, Translator
from intake_app.services.dto import FollowUpItem, FollowUpTask
from intake_app.services.intake import IntakeService
from intake_app.ui.widgets import named

STATUS_TEXT = {
    ReferralStatus.PLANNED.value: N_("gepland"),
    ReferralStatus.APPOINTMENT_MADE.value: N_("afspraak gemaakt"),
    ReferralStatus.ARRIVED.value: N_("aangekomen"),
    ReferralStatus.NOT_ARRIVED.value: N_("niet aangekomen"),
    ReferralStatus.LOST_CONTACT.value: N_("contact kwijt"),
}
# (button text, new status) for the referral actions, in the order they are shown.
REFERRAL_ACTIONS = (
    (N_("Afspraak gemaakt"), ReferralStatus.APPOINTMENT_MADE),
    (N_("Aangekomen"), ReferralStatus.ARRIVED),
    (N_("Niet aangekomen"), ReferralStatus.NOT_ARRIVED),
    (N_("Contact kwijt"), ReferralStatus.LOST_CONTACT),
)
# What a line stands for: (kind, session id, referral or step id); kind "session" has id 0.
Line = tuple[str, int, int]
# A line's source: the session's heading (task None) or one of its open referrals or steps.
Source = tuple[FollowUpItem, FollowUpTask | None]


class _Lines(QAbstractListModel):
    """The Nazorg lines. Texts are made when a row is shown, not for all 3,500 lines of a
    busy office at once (issue 16: Nazorg visible within 0.3 s at 50,000 sessions)."""

    def __init__(self, describe: Callable[[Source], str]) -> None:
        super().__init__()
        self._describe = describe
        self.sources: list[Source] = []
        self.lines: list[Line] = []
        self.rows: dict[Line, int] = {}
        self._texts: dict[int, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def reset(self, items: list[FollowUpItem]) -> None:
        self.beginResetModel()
        self.sources, self.lines, self._texts = [], [], {}
        for item in items:
            self.sources.append((item, None))
            self.lines.append(("session", item.session_id, 0))
            for task in item.tasks:
                self.sources.append((item, task))
                self.lines.append((task.kind, item.session_id, task.item_id))
        self.rows = {line: row for row, line in enumerate(self.lines)}
        self.endResetModel()

    def retranslated(self) -> None:
        """The language changed: every text is made again when shown."""
        self._texts = {}
        if self.lines:
            self.dataChanged.emit(self.index(0), self.index(len(self.lines) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def text(self, row: int) -> str:
        text = self._texts.get(row)
        if text is None:
            text = self._texts[row] = self._describe(self.sources[row])
        return text

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid():
            return None
        row = index.row()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row)
        if role == Qt.ItemDataRole.FontRole and self.sources[row][1] is None:
            return self._bold
        if role == Qt.ItemDataRole.UserRole:
            return self.lines[row]
        return None


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
        self.today = date.today()
        self.generation = 0  # bumped by every request and by the lock: late results drop
        self.loading = False
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)
        self._pending: set[_Load] = set()  # keep jobs (and their signal objects) alive
        self.heading = named(QLabel(), "PanelHeading")
        self.explanation = named(QLabel(), "", wrap=True)
        self.lines = _Lines(self._describe)
        self.list = QListView()
        self.list.setModel(self.lines)
        self.list.setUniformItemSizes(True)  # one line each: no measuring of 3,500 rows
        self.list.activated.connect(lambda _index: self._open())
        self.list.selectionModel().currentChanged.connect(lambda *_: self._sync_buttons())
        self.empty = QLabel()
        self.status = named(QLabel(), "", wrap=True)
        self.status.setVisible(False)
        self.message = named(QLabel(), "", wrap=True)  # the last refusal, in one sentence
        self.status_buttons: dict[ReferralStatus, QPushButton] = {}
        actions = QHBoxLayout()
        for _text, status in REFERRAL_ACTIONS:
            button = QPushButton()
            button.clicked.connect(lambda _=False, s=status: self.set_status(s))
            self.status_buttons[status] = button
            actions.addWidget(button)
        self.step_done_button = QPushButton()
        self.step_done_button.clicked.connect(lambda: self.step_done())
        self.contact_button = QPushButton()
        self.contact_button.clicked.connect(lambda: self.set_contact())
        self.feedback_button = QPushButton()
        self.feedback_button.clicked.connect(lambda: self.record_feedback())
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open)
        for button in (
            self.step_done_button,
            self.contact_button,
            self.feedback_button,
            self.open_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.status)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self.retranslate_ui()

    # -- loading --------------------------------------------------------------------------
    def refresh(self, today: date | None = None) -> None:
        """Load the list on the worker; the view shows that it is loading meanwhile."""
        if self.service is None:  # a role without conversations: nothing to follow up
            return
        self.today = today or date.today()
        self.generation += 1
        self.loading = True
        self.status.setText(self.tr_ui.gettext("De lijst wordt geladen…"))
        self.status.setVisible(True)
        job = _Load(self.service, self.today, self.generation)
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
        self.lines.reset([])
        self.message.setText("")
        self.status.setVisible(False)
        self._sync_buttons()

    def wait_idle(self) -> None:
        """Wait until no load is running (tests; closing the window)."""
        self._pool.waitForDone()

    def _fill(self) -> None:
        self._formatter = Formatter(self.tr_ui.code)
        selected = self.selected()
        self.lines.reset(self.items)
        self.empty.setVisible(not self.items and not self.loading)
        self.list.setVisible(bool(self.items))
        self._select(selected)
        self._sync_buttons()

    def texts(self) -> list[str]:
        """Every line as shown (tests, and a reader of the whole list)."""
        return [self.lines.text(row) for row in range(self.lines.rowCount())]

    def _describe(self, source: Source) -> str:
        item, task = source
        if task is not None:
            return "    → " + self._task_text(task, self._formatter)
        t = self.tr_ui
        text = t.format(
            "{code} · nazorg op {date}",
            code=item.code,
            date=self._formatter.date(item.follow_up_date),
        )
        if item.overdue:
            text = "⚠ " + text + " · " + t.gettext("te laat")
        if item.too_many_referrals:
            text += " · ⚠ " + t.gettext("meer dan twee verwijzingen open")
        return text

    def _task_text(self, task: FollowUpTask, formatter: Formatter) -> str:
        t = self.tr_ui
        when = formatter.date(task.due)
        if task.kind == "step":
            text = t.format("stap: {what} · vóór {date}", what=task.label, date=when)
        else:
            text = t.format(
                "verwijzing: {name} · {status} · {date}",
                name=task.label,
                status=t.gettext(STATUS_TEXT.get(task.status, task.status)),
                date=when,
            )
            if task.contact_person:
                text += " · " + t.format("contact: {name}", name=task.contact_person)
        if task.due < self.today:
            text = "⚠ " + text
        return text

    # -- the selected line ------------------------------------------------------------------
    def selected(self) -> Line | None:
        index = self.list.currentIndex()
        return self.lines.lines[index.row()] if index.isValid() else None

    def select(self, kind: str, session_id: int, item_id: int = 0) -> bool:
        """Make a line current (keyboard users and tests); False when it is not listed."""
        return self._select((kind, session_id, item_id))

    def _select(self, line: Line | None) -> bool:
        row = self.lines.rows.get(line) if line is not None else None
        if row is None:
            return False
        self.list.setCurrentIndex(self.lines.index(row))
        return True

    def _sync_buttons(self) -> None:
        line = self.selected()
        kind = line[0] if line else ""
        for button in self.status_buttons.values():
            button.setEnabled(kind == "referral")
        self.contact_button.setEnabled(kind == "referral")
        self.feedback_button.setEnabled(kind == "referral")
        self.step_done_button.setEnabled(kind == "step")
        self.open_button.setEnabled(line is not None)

    def _open(self) -> None:
        line = self.selected()
        if line is not None:
            self.open_requested.emit(line[1])

    # -- actions ----------------------------------------------------------------------------
    def _act(self, kind: str, action: Callable[[IntakeService, int, int], object]) -> bool:
        """Run ``action`` on the selected line of ``kind``; show a refusal in one sentence."""
        line = self.selected()
        if self.service is None or line is None or line[0] != kind:
            return False
        try:
            action(self.service, line[1], line[2])
        except IntakeError as exc:
            self.message.setText(exc.render(self.tr_ui.gettext))
            return False
        self.message.setText("")
        self.refresh(self.today)  # reloads on the worker; ``loaded`` says when it is back
        return True

    def set_status(self, status: ReferralStatus) -> bool:
        today = date.today()
        return self._act(
            "referral", lambda s, sid, rid: s.set_referral_status(sid, rid, status, on=today)
        )

    def step_done(self) -> bool:
        return self._act("step", lambda s, sid, step_id: s.set_step_done(sid, step_id))

    def set_contact(self, name: str | None = None) -> bool:
        if name is None:
            name = self._ask(N_("Eén vaste contactpersoon bij deze organisatie:"))
            if name is None:
                return False
        chosen = name
        return self._act("referral", lambda s, sid, rid: s.set_referral_contact(sid, rid, chosen))

    def record_feedback(self, text: str | None = None) -> bool:
        if text is None:
            text = self._ask(N_("Wat hebt u teruggekoppeld aan wie de cliënt stuurde?"))
            if text is None:
                return False
        told, today = text, date.today()
        return self._act(
            "referral", lambda s, sid, rid: s.record_feedback(sid, rid, told, on=today)
        )

    def _ask(self, question: str) -> str | None:
        answer, accepted = QInputDialog.getText(
            self, self.tr_ui.gettext("Nazorg"), self.tr_ui.gettext(question)
        )
        return answer if accepted else None

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.heading.setText(t.gettext("Nazorg deze week"))
        self.explanation.setText(
            t.gettext(
                "Wat moet er nu gebeuren? Kwam de verwijzing aan? "
                "Kies een regel en een actie, of druk Enter om het gesprek te openen."
            )
        )
        self.empty.setText(t.gettext("Niemand staat deze week op de lijst."))
        for text, status in REFERRAL_ACTIONS:
            self.status_buttons[status].setText(t.gettext(text))
        self.step_done_button.setText(t.gettext("Stap gedaan"))
        self.contact_button.setText(t.gettext("Contactpersoon…"))
        self.feedback_button.setText(t.gettext("Terugkoppeling…"))
        self.open_button.setText(t.gettext("Openen"))
        self._formatter = Formatter(t.code)
        self.lines.retranslated()
