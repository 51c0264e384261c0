"""The network map the client builds on the screen (INT-17).

Pictogram chips for people and organisations; the client places them in "Wie kan helpen?"
or "Wie wilt u er niet bij?". By keyboard: arrows choose a chip, 1 puts it in the first
area, 2 in the second, 0 or Delete takes it out again; Tab goes from list to list. With the
mouse: drag a chip, or choose it and press a button. The map is never stored
(services/network_map.py): it lives in this window for the conversation, and can be printed
for the client to take home. The texts are the client's, in the client's language.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import Translator, Translators
from intake_app.services.network_map import CHIPS, HELPS, NOT_WANTED, TITLE, NetworkMap, chip
from intake_app.services.summaries import SummaryService
from intake_app.ui import pictograms
from intake_app.ui.accessibility import document_text, set_name
from intake_app.ui.controller import IntakeController
from intake_app.ui.print_preview import PrintPreviewDialog
from intake_app.ui.widgets import named

CHIP_ICON = 48
# Three chips a row and every chip in view at 1366x698; a name wraps onto two lines.
CHIP_CELL = QSize(138, 124)
PALETTE, HELPING, UNWANTED = "palette", "helps", "not_wanted"
KEY_AREAS = {Qt.Key.Key_1: HELPING, Qt.Key.Key_2: UNWANTED, Qt.Key.Key_0: PALETTE,
             Qt.Key.Key_Delete: PALETTE, Qt.Key.Key_Backspace: PALETTE}  # fmt: skip


class _ChipKeys(QObject):
    """1, 2 and 0/Delete move the current chip of a list to an area."""

    def __init__(self, move: Callable[[QListWidget, str], None], parent: QObject) -> None:
        super().__init__(parent)
        self.move = move

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QListWidget)
            and event.key() in KEY_AREAS
        ):
            self.move(watched, KEY_AREAS[Qt.Key(event.key())])
            return True
        return False


def _chip_list(name: str) -> QListWidget:
    widget = named(QListWidget(), name)
    widget.setViewMode(QListView.ViewMode.IconMode)
    widget.setIconSize(QSize(CHIP_ICON, CHIP_ICON))
    widget.setGridSize(CHIP_CELL)
    widget.setResizeMode(QListView.ResizeMode.Adjust)
    widget.setMovement(QListView.Movement.Static)
    widget.setWordWrap(True)
    widget.setTextElideMode(Qt.TextElideMode.ElideNone)  # a name is read whole, never "…"
    widget.setSpacing(4)
    # Chips are dragged from list to list; the lists are the map's only state.
    widget.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    widget.setDefaultDropAction(Qt.DropAction.MoveAction)
    return widget


class NetworkMapDialog(QDialog):
    print_requested = Signal(object)  # NetworkMap

    def __init__(self, client: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NetworkMap")
        self.tr_client = client
        self.title = named(QLabel(), "NetworkTitle", wrap=True)
        self.explanation = named(QLabel(), "NetworkExplanation", wrap=True)
        self.privacy = named(QLabel(), "NetworkNote", wrap=True)
        self.lists = {PALETTE: _chip_list("NetworkPalette"), HELPING: _chip_list("NetworkHelps"),
                      UNWANTED: _chip_list("NetworkNotWanted")}  # fmt: skip
        self.headings = {area: named(QLabel(), "NetworkHeading") for area in self.lists}
        keys = _ChipKeys(self.move_current, self)
        for widget in self.lists.values():
            widget.installEventFilter(keys)
        for entry in CHIPS:
            self.lists[PALETTE].addItem(self._item(entry.id))
        self.helps_button = QPushButton()
        self.not_wanted_button = QPushButton()
        self.remove_button = QPushButton()
        self.print_button = named(QPushButton(), "Primary")
        self.close_button = QPushButton()
        marks = ((self.helps_button, "1F91D"), (self.not_wanted_button, "1F6AB"),
                 (self.remove_button, "21A9"), (self.print_button, "1F5A8"))  # fmt: skip
        for button, code in marks:
            button.setIcon(pictograms.icon(code, 24))
            button.setMinimumHeight(44)
        self.helps_button.clicked.connect(lambda: self._move_focused(HELPING))
        self.not_wanted_button.clicked.connect(lambda: self._move_focused(UNWANTED))
        self.remove_button.clicked.connect(lambda: self._move_focused(PALETTE))
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.network_map()))
        self.close_button.clicked.connect(self.accept)
        self._last_list = self.lists[PALETTE]

        grid = QGridLayout()
        for column, area in enumerate((PALETTE, HELPING, UNWANTED)):
            grid.addWidget(self.headings[area], 0, column)
            grid.addWidget(self.lists[area], 1, column)
            grid.setColumnStretch(column, 1)
        buttons = QHBoxLayout()
        for button in (self.helps_button, self.not_wanted_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addLayout(grid, 1)
        layout.addWidget(self.privacy)
        layout.addLayout(buttons)
        for widget in self.lists.values():
            widget.currentItemChanged.connect(lambda _now, _before, w=widget: self._chosen(w))
        self.retranslate_ui(client)
        self.lists[PALETTE].setCurrentRow(0)

    def _item(self, chip_id: str) -> QListWidgetItem:
        entry = chip(chip_id)
        item = QListWidgetItem(pictograms.icon(entry.pictogram, CHIP_ICON), "")
        item.setData(Qt.ItemDataRole.UserRole, chip_id)
        item.setText(self.tr_client.gettext(entry.label))
        item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        return item

    # -- the map ------------------------------------------------------------------------
    def area_ids(self, area: str) -> tuple[str, ...]:
        widget = self.lists[area]
        return tuple(
            str(widget.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(widget.count())
        )

    def network_map(self) -> NetworkMap:
        return NetworkMap(helps=self.area_ids(HELPING), not_wanted=self.area_ids(UNWANTED))

    def _chosen(self, widget: QListWidget) -> None:
        self._last_list = widget

    def _move_focused(self, area: str) -> None:
        self.move_current(self._last_list, area)

    def move_current(self, source: QListWidget, area: str) -> None:
        """Move the chosen chip of ``source`` to ``area``; focus stays where the client is."""
        item = source.currentItem()
        target = self.lists[area]
        if item is None or target is source:
            return
        chip_id = str(item.data(Qt.ItemDataRole.UserRole))
        source.takeItem(source.row(item))
        moved = self._item(chip_id)
        target.addItem(moved)
        if area == PALETTE:  # back in its place among the others
            order = [c.id for c in CHIPS]
            items = [target.takeItem(0) for _ in range(target.count())]
            items.sort(key=lambda i: order.index(str(i.data(Qt.ItemDataRole.UserRole))))
            for each in items:
                target.addItem(each)
        self.retranslate_ui(self.tr_client)

    # -- texts --------------------------------------------------------------------------
    def retranslate_ui(self, client: Translator) -> None:
        self.tr_client = t = client
        direction = Qt.LayoutDirection.RightToLeft if t.rtl else Qt.LayoutDirection.LeftToRight
        self.setLayoutDirection(direction)
        self.setWindowTitle(t.gettext(TITLE))
        self.title.setText(t.gettext(TITLE))
        self.explanation.setText(
            t.gettext(
                "Kies een plaatje. Druk op 1: deze persoon kan helpen. "
                "Druk op 2: deze persoon wilt u er niet bij. Druk op 0: terug."
            )
        )
        self.privacy.setText(t.gettext("Wij bewaren dit niet. U kunt het wel printen en meenemen."))
        names = {PALETTE: t.gettext("Mensen en organisaties"), HELPING: t.gettext(HELPS),
                 UNWANTED: t.gettext(NOT_WANTED)}  # fmt: skip
        for area, widget in self.lists.items():
            self.headings[area].setText(names[area])
            set_name(
                widget, names[area], t.gettext("Druk op 1, 2 of 0 om een plaatje te verplaatsen.")
            )
            for row in range(widget.count()):
                item = widget.item(row)
                label = t.gettext(chip(str(item.data(Qt.ItemDataRole.UserRole))).label)
                item.setText(label)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{label}, {names[area]}")
        self.helps_button.setText(t.gettext("Kan helpen"))
        self.not_wanted_button.setText(t.gettext("Liever niet erbij"))
        self.remove_button.setText(t.gettext("Terugzetten"))
        self.print_button.setText(t.gettext("Afdrukken"))
        self.close_button.setText(t.gettext("Sluiten"))


class NetworkMapLauncher(QObject):
    """Opens the map for the open conversation, prints it, and forgets it (never stored).

    One map per conversation, kept in memory while the conversation is open; another
    conversation, closing the conversation or the auto-lock (``forget``) drops it.
    """

    def __init__(
        self,
        controller: IntakeController,
        translators: Translators,
        ui: Translator,
        summaries: SummaryService | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.translators = translators
        self.tr_ui = ui
        self.summaries = summaries
        self.window = parent
        self.dialog: NetworkMapDialog | None = None
        self.session_id: int | None = None
        self.preview: PrintPreviewDialog | None = None

    def open(self) -> NetworkMapDialog | None:
        state = self.controller.state
        if state is None:
            return None
        if self.dialog is None or self.session_id != state.id:
            self.forget()
            self.dialog = NetworkMapDialog(self.translators.get(state.client_language), self.window)
            self.dialog.print_requested.connect(self.print_map)
            self.session_id = state.id
        self.dialog.retranslate_ui(self.translators.get(state.client_language))
        self.dialog.resize(self.window.window().size() * 0.9)
        self.dialog.open()
        self.dialog.activateWindow()  # the client's keys go to the map at once
        self.dialog.lists[PALETTE].setFocus()
        return self.dialog

    def print_map(self, network_map: NetworkMap) -> PrintPreviewDialog | None:
        summaries, session_id = self.summaries, self.session_id
        if summaries is None or session_id is None:
            return None
        try:
            document = summaries.network_map_preview(session_id, network_map)
        except IntakeError as exc:
            self.controller.failed.emit(exc.render(self.tr_ui.gettext))
            return None
        preview = PrintPreviewDialog(
            self.tr_ui,
            lambda: summaries.render_document(document),
            f"netwerk-{session_id}.pdf",
            self.dialog,
            document_text(document),
        )
        # Logged as printed (ids only) once it went to a printer or into a file.
        preview.saved.connect(lambda _path: summaries.record_network_map_printed(session_id))
        preview.printed.connect(lambda: summaries.record_network_map_printed(session_id))
        preview.open()
        self.preview = preview
        return preview

    def forget(self) -> None:
        for dialog in (self.preview, self.dialog):
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
        self.preview = self.dialog = None
        self.session_id = None
