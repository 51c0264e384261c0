"""The wheel never changes a field without focus; the keys work from every focus position."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from intake_app.bootstrap.context import build_context
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow
from intake_app.ui.wheel_guard import WheelGuard, install_wheel_guard


def _wheel(widget: QWidget, steps: int = -1) -> None:
    """One notch of the wheel over the middle of ``widget`` (negative: towards the user)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_page_not_the_field(gui_app, qtbot) -> None:
    area = QScrollArea()
    qtbot.addWidget(area)
    guard = install_wheel_guard(area)
    assert guard is install_wheel_guard(QWidget())  # one filter for the whole application
    assert isinstance(guard, WheelGuard)
    page = QWidget()
    column = QVBoxLayout(page)
    combo = QComboBox()
    combo.addItems(["Energie", "Belastingdienst of toeslagen", "Zorgverzekering"])
    spin = QSpinBox()
    date = QDateEdit()
    for widget in (combo, spin, date):
        column.addWidget(widget)
    column.addSpacing(2000)  # a long page: the wheel has somewhere to go
    area.setWidget(page)
    area.resize(300, 200)
    area.show()
    qtbot.waitExposed(area)
    for widget in (combo, spin, date):
        assert widget.focusPolicy() != Qt.FocusPolicy.WheelFocus
    spin.setValue(5)
    start_date = date.date()
    _wheel(combo)
    _wheel(spin)
    _wheel(date)
    assert combo.currentText() == "Energie"
    assert spin.value() == 5
    assert date.date() == start_date
    assert area.verticalScrollBar().value() > 0  # the page scrolled instead

    # With focus, the wheel is the counsellor's choice and works as usual.
    area.verticalScrollBar().setValue(0)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel(combo)
    assert combo.currentText() == "Belastingdienst of toeslagen"


def _focusable(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


def _types_text(widget: QWidget) -> bool:
    """Fields where the keys belong to the text (digits type, Ctrl+arrows move by word)."""
    return isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox) or (
        isinstance(widget, QComboBox) and widget.isEditable()
    )


def test_shortcuts_work_from_every_focus_position(gui_app, qtbot, db_url, tmp_path) -> None:
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.resize(1366, 698)
    window.show()
    window._start("nl")
    window.activateWindow()
    qtbot.waitActive(window)
    view = window.intake_view
    controller = window.controller
    positions = [w for w in _focusable(window) if not _types_text(w)]
    assert len(positions) > 15
    assert any(view.panel.isAncestorOf(w) for w in positions)
    assert any(window.language_bar.isAncestorOf(w) for w in positions)
    for widget in positions:
        if not widget.isVisible():
            continue
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        card = view.client.card.id
        qtbot.keyClick(widget, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
        assert view.client.card.id != card, type(widget).__name__
        qtbot.keyClick(
            QApplication.focusWidget() or widget,
            Qt.Key.Key_Left,
            Qt.KeyboardModifier.ControlModifier,
        )
        assert view.client.card.id == card, type(widget).__name__
    # A digit chooses the card's option wherever focus is (interpreter_mode: a choice).
    view.panel.next_button.setFocus()
    qtbot.waitUntil(view.panel.next_button.hasFocus)
    assert view.client.card.id == "interpreter_mode"
    qtbot.keyClick(view.panel.next_button, Qt.Key.Key_1)
    assert controller.state.answer("interpreter_mode") is not None
    # Ctrl+H hides the panel from inside the panel and shows it again from the client side.
    view.panel.print_kind.setFocus()
    qtbot.waitUntil(view.panel.print_kind.hasFocus)
    qtbot.keyClick(view.panel.print_kind, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert not view.panel.isVisible()
    qtbot.keyClick(
        QApplication.focusWidget() or window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier
    )
    assert view.panel.isVisible()
    context.close()


def test_digits_type_in_a_text_field_and_keys_sleep_on_the_start_screen(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.show()
    window._start("nl")
    window.activateWindow()
    qtbot.waitActive(window)
    view = window.intake_view
    note = view.panel.note
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    qtbot.keyClicks(note, "12")
    assert note.toPlainText() == "12"
    assert window.controller.state.answer("interpreter_mode") is None
    view.panel.back_button.click()
    assert window.stack.currentWidget() is window.home
    card = window.controller.state.current_card
    window.start_view.new_button.setFocus()
    qtbot.keyClick(
        window.start_view.new_button, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier
    )
    assert window.controller.state.current_card == card
    context.close()
