"""The coordinator's diversity self-scan (ORG-01): the nine squares of the research's
"Bingokaart", each with a status and tips, saved in this installation's database and
exported as a text file to print or share. Everything is reachable with Tab and the arrows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.errors import IntakeError
from intake_app.core.team import SQUARES, STATUS_LABELS, SelfScanSquare, SquareStatus
from intake_app.i18n.translator import Translator
from intake_app.services.team import TeamService
from intake_app.ui.widgets import named


class SquareBox(QFrame):
    """One square: the statement, its status and the tips."""

    def __init__(self, square_id: str, text: str, translator: Translator) -> None:
        super().__init__()
        self.square_id = square_id
        self.text = text
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = named(QLabel(), "SquareTitle", wrap=True)
        self.status_label = QLabel()
        self.status = QComboBox()
        for status in SquareStatus:
            self.status.addItem("", status.value)
        self.status_label.setBuddy(self.status)
        self.tips_label = QLabel()
        self.tips = QPlainTextEdit()
        self.tips.setTabChangesFocus(True)  # Tab moves on, as everywhere else
        self.tips.setMinimumHeight(36)  # grows with the window; never clipped
        self.tips_label.setBuddy(self.tips)
        row = QHBoxLayout()
        row.addWidget(self.status_label)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.tips_label)
        layout.addWidget(self.tips, 1)
        self.retranslate_ui(translator)

    def show_square(self, square: SelfScanSquare) -> None:
        self.status.setCurrentIndex(self.status.findData(square.status.value))
        self.tips.setPlainText(square.tips)

    def value(self) -> tuple[SquareStatus, str]:
        return SquareStatus(self.status.currentData()), self.tips.toPlainText()

    def retranslate_ui(self, t: Translator) -> None:
        title = t.gettext(self.text)
        self.title.setText(f"<b>{title}</b>")
        self.status_label.setText(t.gettext("Stand:"))
        self.tips_label.setText(t.gettext("Tips:"))
        for i, status in enumerate(SquareStatus):
            self.status.setItemText(i, t.gettext(STATUS_LABELS[status]))
        self.status.setAccessibleName(t.format("Stand: {square}", square=title))
        self.tips.setAccessibleName(t.format("Tips: {square}", square=title))


class SelfScanView(QWidget):
    failed = Signal(str)
    saved = Signal(str)

    def __init__(self, service: TeamService, translator: Translator) -> None:
        super().__init__()
        self.service = service
        self.tr_ui = translator
        self.heading = named(QLabel(), "PanelHeading")
        self.intro = named(QLabel(), "", wrap=True)
        self.boxes = [SquareBox(square_id, text, translator) for square_id, text in SQUARES]
        grid = QGridLayout()
        grid.setSpacing(8)
        for i, box in enumerate(self.boxes):
            grid.addWidget(box, i // 3, i % 3)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._ask_export)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(grid, 1)
        layout.addLayout(buttons)
        self._shown: dict[str, tuple[SquareStatus, str]] = {}
        self.retranslate_ui()

    def refresh(self) -> None:
        try:
            card = self.service.self_scan()
        except IntakeError as exc:
            self.failed.emit(exc.render(self.tr_ui.gettext))
            return
        for box, square in zip(self.boxes, card, strict=True):
            box.show_square(square)
            self._shown[box.square_id] = (square.status, square.tips)

    def save(self) -> int:
        """Save the squares that changed; returns how many."""
        changed = 0
        for box in self.boxes:
            status, tips = box.value()
            if self._shown.get(box.square_id) == (status, tips.strip()):
                continue
            try:
                saved = self.service.save_square(box.square_id, status, tips)
            except IntakeError as exc:
                box.tips.setFocus()  # the square that could not be saved
                self.failed.emit(exc.render(self.tr_ui.gettext))
                return changed
            self._shown[box.square_id] = (saved.status, saved.tips)
            changed += 1
        self.saved.emit(self.tr_ui.gettext("De zelfscan is bewaard."))
        return changed

    def export_to(self, out: Path) -> Path | None:
        """Save first (what is on screen is what is exported), then write the text file."""
        self.save()
        try:
            return self.service.export_self_scan(out, self.tr_ui.gettext)
        except IntakeError as exc:
            self.failed.emit(exc.render(self.tr_ui.gettext))
            return None

    def _ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr_ui.gettext("Zelfscan bewaren"), "zelfscan.txt", "*.txt"
        )
        if name and self.export_to(Path(name)) is not None:
            self.saved.emit(self.tr_ui.format("Opgeslagen: {path}", path=name))

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.heading.setText(t.gettext("Bingokaart diversiteitsbewust werken: zelfscan"))
        self.intro.setText(
            t.gettext(
                "Kijk per vak hoe ver uw organisatie is en schrijf op wat helpt. De kaart komt uit "
                "onderzoek naar schuldhulp aan mensen met een migratieachtergrond. Het gaat over "
                "de organisatie, nooit over cliënten."
            )
        )
        self.save_button.setText(t.gettext("Opslaan"))
        self.export_button.setText(t.gettext("Exporteren om te printen…"))
        for box in self.boxes:
            box.retranslate_ui(t)
