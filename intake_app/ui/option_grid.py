"""The client view's answer cards: a reused pool laid out so every card is in view (a mixin).

The cards (ui/option_card.py ``OptionCard``) are pooled and reused from step to step,
placed in a grid whose columns, pictogram and caption size ``fit_grid`` chooses for the
space the window leaves, and reached with the arrow keys. Kept apart from
ui/client_view.py (the question, the progress row, digits and Enter, what an answer
means) because this is the layout arithmetic and widget bookkeeping of the answers only;
the comfort row and reading aids are in ui/client_comfort.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget

from intake_app.core.flow import AnswerKind, Card, Flow, Option, RecordKind
from intake_app.i18n.direction import in_reading_direction
from intake_app.i18n.translator import Translator
from intake_app.ui.accessibility import no_tab_stop
from intake_app.ui.option_card import MAX_COLUMNS, OptionCard, caption_font, fit_grid

# A mixin of a QWidget: mypy checks it as one, at run time it is a plain class.
if TYPE_CHECKING:
    _ViewBase = QWidget
else:
    _ViewBase = object

GRID_SPACING = 12


class OptionsArea(QScrollArea):
    """Tells when its visible part changes size, so the cards can be fitted again."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class OptionGrid(_ViewBase):
    """The answer cards of ClientView, which provides the attributes below."""

    flow: Flow
    card: Card | None
    selected: list[str]
    paused: bool

    if TYPE_CHECKING:

        def _choose_by_number(self, number: int) -> None: ...
        def retranslate_ui(self) -> None: ...

    # -- building -----------------------------------------------------------------------
    def _build_options_area(self) -> None:
        # The cards sit in a scroll area only as a last resort: ``fit_grid`` sizes them so
        # that every card of the step is in view (a card below the fold is never seen).
        self.options_area = OptionsArea()
        self.options_area.setObjectName("OptionsArea")
        self.options_area.setWidgetResizable(True)
        self.options_area.setFrameShape(QFrame.Shape.NoFrame)
        self.options_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.options_area.resized.connect(self._fit_options)
        no_tab_stop(self.options_area)
        options_widget = QWidget()
        options_widget.setObjectName("OptionsWidget")
        self.options_area.setWidget(options_widget)
        options_column = QVBoxLayout(options_widget)
        options_column.setContentsMargins(0, 0, 0, 0)
        self.options_grid = QGridLayout()
        options_column.addLayout(self.options_grid)
        options_column.addStretch(1)
        self.options_grid.setSpacing(GRID_SPACING)
        self.option_buttons: dict[str, OptionCard] = {}
        self._pool: list[OptionCard] = []
        self._columns = 0
        self._pictogram_size = 0
        self._point_size = 0
        self._arrows = ArrowKeys(self)

    def _new_option_button(self, index: int) -> OptionCard:
        button = OptionCard()
        # One answer: a plain button, pressing it records the answer. Several answers: a
        # check box whose toggle (a click, Space, or AT's "Toggle" action) changes the set.
        button.clicked.connect(lambda _=False, i=index: self._pressed(i))
        button.toggled.connect(lambda on, i=index: self._toggled(i, on))
        button.installEventFilter(self._arrows)
        button.place = (0, index)
        self.options_grid.addWidget(button, *button.place)
        return button

    # -- showing ------------------------------------------------------------------------
    def _shown_options(self) -> tuple[Option, ...]:
        """The card's options; on the provisions card, the provisions as cards to look at."""
        card = self.card
        if card is None:
            return ()
        if card.records is RecordKind.PROVISIONS and not card.options:
            return tuple(Option(p.id, p.label, p.pictogram) for p in self.flow.provisions)
        return card.options

    def _rebuild_options(self) -> None:
        # Cards are pooled and reused: creating and styling widgets is what makes a step slow.
        self.option_buttons = {}
        options = self._shown_options()
        while len(self._pool) < len(options):
            self._pool.append(self._new_option_button(len(self._pool)))
        multi = self.card is not None and self.card.kind is AnswerKind.MULTI
        for index, button in enumerate(self._pool):
            if index < len(options):
                if button.isCheckable() != multi:
                    button.set_multi(multi)
                self.option_buttons[options[index].id] = button
            # Not a toggle of the client's: the selection must not follow this reset.
            blocked = button.blockSignals(True)
            button.setChecked(False)
            button.blockSignals(blocked)
            button.set_chosen(False)
            button.setVisible(index < len(options))
        self._columns = 0  # lay out again with this step's captions
        # A new card starts at the top, with nothing focused that could look pre-selected.
        self.options_area.verticalScrollBar().setValue(0)
        focused = QApplication.focusWidget()
        if focused is not None and (focused is self or self.isAncestorOf(focused)):
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_options(self, t: Translator) -> None:
        """Captions in the card's language, the chosen mark, the digit as a hint; then fit."""
        size = self._pictogram_size or 96
        for number, option in enumerate(self._shown_options(), start=1):
            option_button = self.option_buttons[option.id]
            caption = in_reading_direction(t.gettext(option.label), t.rtl)
            option_button.set_option(number, caption, option.pictogram, size)
            # One answer: a button marked "chosen" (a property for the style sheet and words
            # for a screen reader); several answers: a check box that is checked.
            chosen = option.id in self.selected
            option_button.setChecked(option_button.isCheckable() and chosen)
            marked = chosen and not option_button.isCheckable()
            option_button.set_chosen(marked)
            # The digit that chooses it as a hint.
            hint = t.format("Toets {number}", number=number)
            if marked:
                hint = t.format("Gekozen. {hint}", hint=hint)
            option_button.setAccessibleDescription(hint)
            option_button.setVisible(not self.paused)
        self._fit_options()

    def _fit_options(self) -> None:
        """Size and place the cards so that all of them are in view at once."""
        buttons = list(self.option_buttons.values())
        if not buttons:
            return
        viewport = self.options_area.viewport()
        captions = [button.caption.text() for button in buttons]
        base = buttons[0].font()
        choice = fit_grid(
            captions,
            viewport.width(),
            viewport.height(),
            GRID_SPACING,
            lambda points: caption_font(base, points),
        )
        for index, button in enumerate(buttons):
            button.set_point_size(choice.point_size)
            place = divmod(index, choice.columns)
            if button.place != place:  # re-adding moves it: only when it changed
                button.place = place
                self.options_grid.addWidget(button, *place)
            if choice.card_height:
                button.setFixedHeight(choice.card_height)
        if choice.pictogram != self._pictogram_size:
            self._set_pictograms(choice.pictogram)
        self._columns = choice.columns
        self._pictogram_size = choice.pictogram
        self._point_size = choice.point_size
        for column in range(MAX_COLUMNS):
            self.options_grid.setColumnStretch(column, 1 if column < choice.columns else 0)
            self.options_grid.setColumnMinimumWidth(column, 0)

    def _set_pictograms(self, size: int) -> None:
        for number, option in enumerate(self._shown_options(), start=1):
            button = self.option_buttons[option.id]
            button.set_option(number, button.caption.text(), option.pictogram, size)

    def _clear_options(self) -> None:
        """Auto-lock: no caption, name or choice is left on any card of the pool."""
        for button in self._pool:
            button.caption.clear()
            button.setAccessibleName("")
            button.setAccessibleDescription("")
            blocked = button.blockSignals(True)
            button.setChecked(False)
            button.blockSignals(blocked)
            button.set_chosen(False)
            button.hide()
        self.option_buttons = {}

    # -- input --------------------------------------------------------------------------
    def _pressed(self, index: int) -> None:
        if not self._pool[index].isCheckable():
            self._choose_by_number(index + 1)

    def _toggled(self, index: int, on: bool) -> None:
        """A check box changed (click, Space or AT's Toggle): make the selection agree."""
        options = self._shown_options()
        if self.card is None or index >= len(options) or not self._pool[index].isCheckable():
            return
        if on != (options[index].id in self.selected):
            self._choose_by_number(index + 1)
            if on != (options[index].id in self.selected):
                self.retranslate_ui()  # refused (paused): show the true state again

    def move_between_options(self, step: int) -> None:
        """Arrow keys within the card: the next or previous option gets focus."""
        buttons = [b for b in self.option_buttons.values() if b.isVisible()]
        if not buttons:
            return
        focused = QApplication.focusWidget()
        index = buttons.index(focused) if focused in buttons else -1 if step > 0 else 0
        buttons[(index + step) % len(buttons)].setFocus(Qt.FocusReason.TabFocusReason)


class ArrowKeys(QObject):
    """Arrow keys move between the option cards (a scroll area would otherwise scroll)."""

    def __init__(self, view: OptionGrid) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        rtl = self.view.layoutDirection() == Qt.LayoutDirection.RightToLeft
        steps = {
            Qt.Key.Key_Right: -1 if rtl else 1,
            Qt.Key.Key_Left: 1 if rtl else -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Up: -1,
        }
        step = steps.get(Qt.Key(event.key()))
        if step is None:
            return False
        self.view.move_between_options(step)
        return True
