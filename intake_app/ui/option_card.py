"""One answer card of the client view, and the grid arithmetic that makes every card fit.

A ``QToolButton`` elides its text instead of wrapping it ("Sleute…ersoon"), so the card
draws its pictogram and a word-wrapped caption in child labels, and carries its number
(1-9) in a corner: the client can answer by saying or typing it.

``fit_grid`` chooses the largest pictogram and the fewest columns for which every card of
the step fits the space the window leaves, so no option is ever below the fold.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolButton, QVBoxLayout

from intake_app.i18n.direction import RLM
from intake_app.ui import pictograms
from intake_app.ui.accessibility import plain
from intake_app.ui.widgets import named

# Pictogram size and caption point size, largest first (design.md section 2: 96 px when
# there is room; smaller only when a step has many cards or the screen is short).
SIZES: tuple[tuple[int, int], ...] = ((96, 15), (80, 14), (64, 13), (56, 12), (48, 12), (40, 11))
MAX_COLUMNS = 6
CARD_PADDING = 10  # inside the border, each side
CARD_BORDER = 3
CARD_SPACING = 6  # between pictogram and caption
NUMBERED = 9  # digits 1-9 choose a card


@dataclass(frozen=True)
class GridChoice:
    columns: int
    pictogram: int
    point_size: int
    card_height: int
    fits: bool


def caption_font(base: QFont, point_size: int) -> QFont:
    font = QFont(base)
    font.setPointSize(point_size)
    return font


def caption_height(text: str, font: QFont, width: int) -> int | None:
    """Height of ``text`` wrapped at ``width``; None when one word alone is wider."""
    metrics = QFontMetrics(font)
    if any(metrics.horizontalAdvance(word) > width for word in text.split()):
        return None
    flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignHCenter)
    return metrics.boundingRect(0, 0, width, 10_000, flags, text).height()


def fit_grid(
    captions: Sequence[str],
    width: int,
    height: int,
    spacing: int,
    font_for: Callable[[int], QFont],
) -> GridChoice:
    """The largest cards (then the fewest columns) with which every card fits ``width`` x
    ``height``; if none fits, the smallest, so at least nothing overlaps."""
    count = max(1, len(captions))
    frame = 2 * (CARD_PADDING + CARD_BORDER)
    fallback: GridChoice | None = None
    for pictogram, point_size in SIZES:
        font = font_for(point_size)
        for columns in _column_order(count):
            rows = math.ceil(count / columns)
            column_width = (width - spacing * (columns - 1)) // columns
            text_width = column_width - frame
            if text_width < pictogram:
                break
            heights = [caption_height(text, font, text_width) for text in captions]
            if any(h is None for h in heights):
                continue  # a word would be cut: try more room per card
            card_height = frame + pictogram + CARD_SPACING + max((h or 0) for h in heights)
            needed = rows * card_height + spacing * (rows - 1)
            choice = GridChoice(columns, pictogram, point_size, card_height, needed <= height)
            if choice.fits:
                return choice
            fallback = choice
    if fallback is None:
        pictogram, point_size = SIZES[-1]
        fallback = GridChoice(min(count, MAX_COLUMNS), pictogram, point_size, 0, False)
    return fallback


def _column_order(count: int) -> list[int]:
    """Up to four to a row as the design has it, more when many cards must fit, fewer
    only when a long word needs a wider card."""
    usual = min(count, 4)
    return [*range(usual, min(count, MAX_COLUMNS) + 1), *range(usual - 1, 0, -1)]


class OptionCard(QToolButton):
    """A card: number, pictogram and a caption that wraps between words.

    One answer: a plain button (its press records the answer; the ``chosen`` property marks
    the answer given). Several answers: checkable, a check box for a screen reader.
    """

    def __init__(self) -> None:
        super().__init__()
        named(self, "OptionCard")
        self.setProperty("chosen", False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = named(QLabel(), "OptionCaption", wrap=True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.number = named(QLabel(self), "OptionNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for label in (self.picture, self.caption, self.number):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        layout = QVBoxLayout(self)
        margin = CARD_PADDING + CARD_BORDER
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.setSpacing(CARD_SPACING)
        layout.addWidget(self.picture)
        layout.addWidget(self.caption, 1)
        self._code = ""
        self._size = 0
        self.place: tuple[int, int] | None = None  # (row, column) in the client view's grid

    def set_option(self, number: int, caption: str, code: str, pictogram: int) -> None:
        if (code, pictogram) != (self._code, self._size):
            self._code, self._size = code, pictogram
            self.picture.setPixmap(pictograms.pixmap(code, pictogram))
            self.picture.setFixedHeight(pictogram)
        self.caption.setText(caption)
        self.number.setText(str(number) if number <= NUMBERED else "")
        self.number.setVisible(number <= NUMBERED)
        # One line without direction marks: a screen reader reads the words, not the layout.
        name = plain(caption.replace(RLM, ""))
        name = f"{number}. {name}" if number <= NUMBERED else name
        if self.accessibleName() != name:
            self.setAccessibleName(name)
        self._place_number()

    def set_multi(self, multi: bool) -> None:
        """Checkable only on a card with several answers."""
        if self.isCheckable() != multi:
            blocked = self.blockSignals(True)
            self.setChecked(False)
            self.blockSignals(blocked)
            self.setCheckable(multi)

    def set_chosen(self, chosen: bool) -> None:
        """Mark the one answer given (a plain button cannot be "checked")."""
        if bool(self.property("chosen")) != chosen:
            self.setProperty("chosen", chosen)
            self.style().unpolish(self)
            self.style().polish(self)

    def set_point_size(self, point_size: int) -> None:
        if self.caption.font().pointSize() != point_size:
            self.caption.setFont(caption_font(self.font(), point_size))

    def text(self) -> str:
        """The caption (the button itself draws no text: it would elide, not wrap)."""
        return self.caption.text()

    def sizeHint(self) -> QSize:
        return QSize(120, self.height() or 150)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 60)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_number()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._place_number()

    def _place_number(self) -> None:
        # In the leading corner: top left, or top right for Arabic and Dari.
        self.number.adjustSize()
        side = max(self.number.sizeHint().width(), self.number.sizeHint().height(), 26)
        self.number.resize(side, side)
        leading = self.layoutDirection() == Qt.LayoutDirection.LeftToRight
        x = 6 if leading else self.width() - side - 6
        self.number.move(x, 6)
