"""The end recap in the client view (COM-04, INT-18, INT-24, COM-10).

Under the phase-8 card "Dit hebben we besproken" the client sees, in her own language with
pictograms, what the paper will say: her question, what is urgent and what was done, who
does what and when, the next appointment, what she can expect from us and our number to
pass on (``SummaryService.recap``). The Dutch is under each line for the counsellor when the
client reads another language. Below, the counsellor can print an information sheet in the
client's language (``SummaryService.info_sheet``).

Keyboard: every box is a Tab stop named by its heading and described by its lines, so a
screen reader reads the recap box by box; the sheet buttons follow. Two columns of boxes so
that a usual recap fits at 1366x698; a scroll area (keeping the focused box in view) is the
fallback for a long one.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from intake_app.content.info_sheets import InfoSheet
from intake_app.core.summary import SectionKind, SummaryDocument, SummarySection
from intake_app.i18n.direction import in_reading_direction
from intake_app.i18n.translator import N_, Translator
from intake_app.ui import pictograms
from intake_app.ui.accessibility import ScrollToFocus, no_tab_stop, plain, set_name
from intake_app.ui.widgets import named

HEADING_PICTOGRAM = 28
LINE_PICTOGRAM = 22
SHEET_PICTOGRAM = 32
COLUMNS = 2

SHEETS_HEADING = N_("Informatie om mee te nemen")
SHEET_HINT = N_("Drukt een informatieblad af in uw taal, met Nederlands ernaast.")


class RecapBox(QFrame):
    """One section of the recap: a pictogram, a heading, its lines (Dutch under them)."""

    def __init__(self, section: SummarySection, rtl: bool) -> None:
        super().__init__()
        self.setObjectName("RecapUrgent" if section.kind is SectionKind.URGENT else "RecapBox")
        self.section = section
        # A Tab stop of its own, so the recap can be read box by box (no mouse needed).
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(2)
        top = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(pictograms.pixmap(section.pictogram or "1F4DD", HEADING_PICTOGRAM))
        icon.setFixedSize(HEADING_PICTOGRAM, HEADING_PICTOGRAM)
        heading = named(QLabel(in_reading_direction(section.heading, rtl)), "RecapHeading")
        heading.setWordWrap(True)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(heading, 1)
        layout.addLayout(top)
        self.heading = heading
        self.line_labels: list[QLabel] = []
        for line in section.lines:
            row = QHBoxLayout()
            row.setSpacing(8)
            if line.pictogram:
                mark = QLabel()
                mark.setPixmap(pictograms.pixmap(line.pictogram, LINE_PICTOGRAM))
                mark.setFixedSize(LINE_PICTOGRAM, LINE_PICTOGRAM)
                row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
            texts = QVBoxLayout()
            texts.setSpacing(0)
            text = line.text + (f"  {line.amount}" if line.amount else "")
            label = named(QLabel(in_reading_direction(text, rtl)), "RecapText", wrap=True)
            texts.addWidget(label)
            self.line_labels.append(label)
            if line.dutch:
                dutch = named(QLabel(line.dutch), "RecapDutch", wrap=True)
                dutch.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
                texts.addWidget(dutch)
            row.addLayout(texts, 1)
            layout.addLayout(row)
        layout.addStretch(1)
        lines = " ".join(plain(line.text) for line in section.lines)
        set_name(self, section.heading, lines)


class RecapView(QWidget):
    sheet_requested = Signal(str)  # an information sheet id

    def __init__(self, translator: Translator) -> None:
        super().__init__()
        self.setObjectName("RecapView")
        self.tr_client = translator
        self.document: SummaryDocument | None = None
        self.sheets: tuple[InfoSheet, ...] = ()
        self.boxes: list[RecapBox] = []
        self.sheet_buttons: dict[str, QPushButton] = {}

        self.area = QScrollArea()
        self.area.setObjectName("RecapArea")
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        no_tab_stop(self.area)
        ScrollToFocus(self.area)
        self.inner = QWidget()
        self.inner.setObjectName("RecapInner")
        row = QHBoxLayout(self.inner)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        # Columns, not a grid: a box is as high as its own lines, never as its neighbour's.
        self.columns = [QVBoxLayout() for _ in range(COLUMNS)]
        for column in self.columns:
            column.setSpacing(6)
            row.addLayout(column, 1)
        self.area.setWidget(self.inner)

        # The information sheets (COM-10): a box of buttons under the last column.
        self.sheets_box = QFrame()
        self.sheets_box.setObjectName("RecapSheets")
        self.sheets_heading = named(QLabel(), "RecapSheetsHeading", wrap=True)
        self.sheet_grid = QGridLayout()
        self.sheet_grid.setSpacing(6)
        sheets = QVBoxLayout(self.sheets_box)
        sheets.setContentsMargins(0, 2, 0, 0)
        sheets.setSpacing(4)
        sheets.addWidget(self.sheets_heading)
        sheets.addLayout(self.sheet_grid)
        self.sheets_box.hide()
        self.with_sheets = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 0, 24, 2)
        layout.setSpacing(4)
        layout.addWidget(self.area, 1)

    # -- showing -----------------------------------------------------------------------------
    def set_translator(self, translator: Translator) -> None:
        self.tr_client = translator
        self.retranslate_ui()

    def set_sheets(self, sheets: tuple[InfoSheet, ...]) -> None:
        """The information sheets the counsellor can print from here (COM-10)."""
        self.sheets = sheets
        for button in self.sheet_buttons.values():
            button.deleteLater()
        self.sheet_buttons = {}
        for index, sheet in enumerate(sheets):
            button = named(QPushButton(), "RecapSheet")
            button.setIcon(pictograms.icon(sheet.pictogram, SHEET_PICTOGRAM))
            button.setIconSize(QSize(SHEET_PICTOGRAM, SHEET_PICTOGRAM))
            button.setMinimumHeight(44)
            button.clicked.connect(lambda _=False, i=sheet.id: self.sheet_requested.emit(i))
            self.sheet_grid.addWidget(button, *divmod(index, 2))
            self.sheet_buttons[sheet.id] = button
        self.retranslate_ui()

    def show_document(self, document: SummaryDocument, *, sheets: bool = False) -> None:
        """Lay out the recap; boxes in reading order, two columns; with ``sheets`` the
        information sheets to print under the last column."""
        self.document = document
        self.with_sheets = sheets and bool(self.sheets)
        self._clear_boxes()
        sections = document.sections
        # Reading order down the first column, then the second; split where the first
        # column holds about half of the lines (a heading counts as one and a half, the
        # sheets box as three).
        weights = [len(section.lines) + 1.5 for section in sections]
        if self.with_sheets:
            weights.append(3.0)
        split, total, running = len(sections), sum(weights), 0.0
        for index, weight in enumerate(weights):
            if index and running + weight / 2 > total / 2:
                split = index
                break
            running += weight
        split = min(split, max(len(sections) - 1, 1)) if len(sections) > 1 else len(sections)
        for index, section in enumerate(sections):
            box = RecapBox(section, document.rtl)
            self.columns[0 if index < split else 1].addWidget(box)
            self.boxes.append(box)
        if self.with_sheets:
            self.columns[-1].addWidget(self.sheets_box)
        self.sheets_box.setVisible(self.with_sheets)
        for column in self.columns:
            column.addStretch(1)
        self.area.verticalScrollBar().setValue(0)
        self.retranslate_ui()

    def _clear_boxes(self) -> None:
        for column in self.columns:
            while column.count():
                item = column.takeAt(0)
                widget = item.widget() if item is not None else None
                if isinstance(widget, RecapBox):
                    widget.hide()  # at once: the deletion waits for the event loop
                    widget.deleteLater()
        self.boxes = []

    def focus_chain(self) -> list[QWidget]:
        """The recap's Tab order: the boxes, then the sheet buttons when shown."""
        sheets = list(self.sheet_buttons.values()) if self.with_sheets else []
        return [*self.boxes, *sheets]

    def retranslate_ui(self) -> None:
        t = self.tr_client
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if t.rtl else Qt.LayoutDirection.LeftToRight
        )
        locale = QLocale(t.code.replace("-", "_"))
        if self.locale() != locale:
            self.setLocale(locale)
        self.sheets_heading.setText(in_reading_direction(t.gettext(SHEETS_HEADING), t.rtl))
        for sheet in self.sheets:
            button = self.sheet_buttons[sheet.id]
            label = t.gettext(sheet.label)
            button.setText(label)
            set_name(button, t.gettext(sheet.title), t.gettext(SHEET_HINT))

    def clear_sensitive(self) -> None:
        """Auto-lock: the recap holds what the client said; it leaves the screen."""
        self._clear_boxes()
        self.document = None
