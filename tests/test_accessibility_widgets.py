"""Keyboard order, names and announcements on the real widgets (issue 17; pytest-qt, offscreen).

The AT-SPI test (tests/test_atspi.py) reads the same from outside as a screen reader does;
these tests check the Tab order and focus moves in-process, where each stop can be inspected.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from intake_app.bootstrap.context import build_context
from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.flow import AnswerKind, RecordKind
from intake_app.i18n.translator import Translator
from intake_app.ui.accessibility import document_text, install_stable_scroll_areas
from intake_app.ui.login_dialog import LoginDialog
from intake_app.ui.main_window import MainWindow

MEANINGFUL = re.compile(r"\w", re.UNICODE)  # at least one letter or digit, not only ▲ or ✓


def accessible_name(widget: QWidget) -> str:
    """What a screen reader calls the widget.

    A combo box's own name is its value on Linux (Qt, like GTK, names it through its label's
    "labelled by" relation): there the label counts.
    """
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    if isinstance(widget, QComboBox):
        labels = [
            other.text(QAccessible.Text.Name)
            for other, relation in interface.relations()
            if relation & QAccessible.RelationFlag.Label
        ]
        return " ".join(labels)
    return interface.text(QAccessible.Text.Name)


def _window(qtbot, db_url: str, tmp_path) -> MainWindow:  # type: ignore[no-untyped-def]
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    return window


def _start(qtbot, window: MainWindow, language: str = "nl") -> None:  # type: ignore[no-untyped-def]
    combo = window.start_view.language
    combo.setCurrentIndex(combo.findData(language))
    qtbot.mouseClick(window.start_view.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.intake_view, timeout=10_000)


def _go_to_card(window: MainWindow, phase: str) -> None:
    window.controller.apply(lambda s, sid: s.go_to_phase(sid, phase))


def _tab_stops(qtbot, window: MainWindow, limit: int = 80) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Press Tab from the focused widget until focus comes back round; the stops in order."""
    stops: list[QWidget] = []
    for _ in range(limit):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None and now is not focused, f"Tab is stuck in {focused!r}"
        if stops and now is stops[0]:
            break
        stops.append(now)
    return stops


def test_tab_order_follows_the_task_and_every_stop_is_visible_and_named(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    window = _window(qtbot, db_url, tmp_path)
    _start(qtbot, window)
    intake = window.intake_view
    client, panel = intake.client, intake.panel
    _go_to_card(window, "question")
    assert client.card is not None and client.card.kind is AnswerKind.CHOICE
    # A new card: its question has focus (a screen reader reads it).
    qtbot.waitUntil(lambda: client.card_title.hasFocus(), timeout=5000)

    stops = _tab_stops(qtbot, window)
    inside = [w for w in stops if intake.isAncestorOf(w)]
    options = [b for b in client.option_buttons.values() if b.isVisible()]
    assert len(options) >= 2
    # First the card's options, in their order; then the client's comfort row; then the panel.
    assert inside[: len(options)] == options
    comfort = [client.pause_button, client.repeat_button, client.decline_button]
    positions = [inside.index(button) for button in comfort]
    assert positions == sorted(positions) and positions[0] >= len(options)
    panel_stops = [w for w in inside if panel.isAncestorOf(w)]
    assert panel_stops and inside.index(panel_stops[0]) > positions[-1]
    assert all(inside.index(w) > positions[-1] for w in panel_stops)
    for needed in (panel.note, panel.note_button, panel.up_button, panel.print_kind):
        assert needed in inside, needed
    assert inside.index(panel.note_button) == inside.index(panel.note) + 1  # Tab leaves the note

    for widget in stops:
        assert widget.isVisible(), widget
        name = accessible_name(widget)
        assert MEANINGFUL.search(name), f"{widget!r} has no meaningful name: {name!r}"
        # Containers are no stops: only controls.
        assert not isinstance(widget, QScrollArea | QFrame) or (
            isinstance(widget, QAbstractScrollArea)
            and isinstance(widget, QListWidget | QPlainTextEdit)
        ), widget
    names = {accessible_name(w) for w in (panel.up_button, panel.down_button)}
    assert names == {"Fase eerder", "Fase later"}
    assert "\n" not in "".join(accessible_name(b) for b in options)
    window.context.close()


def test_panel_scrolls_to_the_focused_field_and_the_note_keeps_no_tabs(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    window = _window(qtbot, db_url, tmp_path)
    _start(qtbot, window)
    panel = window.intake_view.panel
    window.resize(1024, 640)
    panel.note.setFocus()
    qtbot.waitUntil(panel.note.hasFocus)
    qtbot.keyClicks(panel.note, "Eerste notitie")
    qtbot.keyClick(panel.note, Qt.Key.Key_Tab)
    assert "\t" not in panel.note.toPlainText()
    assert panel.note_button.hasFocus()
    # The focused button is inside the scrolled area's view.
    viewport = panel.scroll_area.viewport()
    top_left = panel.note_button.mapTo(viewport, panel.note_button.rect().topLeft())
    bottom = panel.note_button.mapTo(viewport, panel.note_button.rect().bottomLeft())
    assert viewport.rect().contains(top_left) and viewport.rect().contains(bottom)
    # Ctrl+Enter saves the note.
    panel.note.setFocus()
    qtbot.keyClick(panel.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.note.toPlainText() == "", timeout=5000)
    state = window.controller.state
    assert state is not None and state.record is not None
    assert [note.text for note in state.record.notes] == ["Eerste notitie"]
    window.context.close()


def test_keyboard_answer_moves_focus_to_the_next_question(gui_app, qtbot, db_url, tmp_path):
    window = _window(qtbot, db_url, tmp_path)
    _start(qtbot, window)
    client = window.intake_view.client
    _go_to_card(window, "question")
    qtbot.waitUntil(lambda: client.card_title.hasFocus(), timeout=5000)
    first_card = client.card
    assert first_card is not None
    # Tab to the first option, arrow to the second, press Space: the answer is recorded.
    qtbot.keyClick(client.card_title, Qt.Key.Key_Tab)
    options = list(client.option_buttons.values())
    assert options[0].hasFocus()
    assert not options[0].isCheckable()  # one answer: a button, not a check box
    qtbot.keyClick(options[0], Qt.Key.Key_Right)
    assert options[1].hasFocus()
    second = list(client.option_buttons)[1]
    qtbot.keyClick(options[1], Qt.Key.Key_Space)
    qtbot.waitUntil(
        lambda: client.card is not None and client.card.id != first_card.id, timeout=5000
    )
    answer = window.controller.state.answer(first_card.id)
    assert answer is not None and answer.values == (second,)
    qtbot.waitUntil(lambda: client.card_title.hasFocus(), timeout=5000)
    assert accessible_name(client.card_title) == client.card_title.text()
    window.context.close()


def test_several_answers_are_check_boxes_whose_toggle_records(gui_app, qtbot, db_url, tmp_path):
    window = _window(qtbot, db_url, tmp_path)
    _start(qtbot, window)
    client = window.intake_view.client
    flow = window.context.intake.flow
    multi = next(c for p in flow.phases for c in p.cards if c.kind is AnswerKind.MULTI)
    _go_to_card(window, flow.phase_of(multi.id).id)
    while client.card is not None and client.card.id != multi.id:
        window.controller.apply(lambda s, sid: s.next(sid))
    assert client.card is not None and client.card.id == multi.id
    first = client.option_buttons[multi.options[0].id]
    assert first.isCheckable()
    assert QAccessible.queryAccessibleInterface(first).role() == QAccessible.Role.CheckBox
    # What an AT's "Toggle" action does: toggle() without a click. The app records it.
    first.toggle()
    assert client.selected == [multi.options[0].id] and client.done_button.isEnabled()
    first.toggle()
    assert client.selected == [] and not client.done_button.isEnabled()
    window.context.close()


def test_client_view_reports_the_clients_language(gui_app, qtbot, db_url, tmp_path) -> None:
    window = _window(qtbot, db_url, tmp_path)
    _start(qtbot, window, "ar")
    client = window.intake_view.client
    _go_to_card(window, "question")
    assert client.locale().language() == QLocale.Language.Arabic
    assert client.option_buttons[next(iter(client.option_buttons))].locale().language() == (
        QLocale.Language.Arabic
    )
    assert window.intake_view.panel.locale().language() != QLocale.Language.Arabic
    window.context.close()


def test_first_run_fields_are_named_and_errors_focus_the_wrong_field(
    gui_app, qtbot, tmp_path
) -> None:
    ui = Translator("nl", tmp_path)
    dialog = LoginDialog(DatabaseGate(data_dir=tmp_path), ui)
    qtbot.addWidget(dialog)
    dialog.show()
    fields = dialog.findChildren(QLineEdit)
    assert len(fields) == 4
    assert [accessible_name(f) for f in fields] == [
        "Naam:",
        "Naam op het scherm:",
        "Wachtwoord:",
        "Nog een keer:",
    ]
    dialog.display_name.setText("Anna")
    dialog.password.setText("een lang wachtwoord")
    dialog.repeat.setText("een lang wachtwoord")
    assert not dialog.try_submit()
    assert dialog.error.text() == "Vul een naam in."
    assert dialog.focusWidget() is dialog.username
    assert dialog.username.accessibleDescription() == "Vul een naam in."


def _path(widget: QWidget) -> str:
    """Where a widget sits: its class names up to the window (for a failure message)."""
    names = []
    while widget is not None:
        names.append(widget.objectName() or type(widget).__name__)
        widget = widget.parentWidget()
    return "/".join(reversed(names[:4]))


def _unnamed_combos(root: QWidget) -> list[str]:
    """Every combo box under ``root``, shown or not, that a screen reader could not name."""
    return [
        f"{_path(combo)}: {combo.currentText()!r}"
        for combo in root.findChildren(QComboBox)
        if not MEANINGFUL.search(accessible_name(combo))
    ]


def test_named_combos_and_the_print_preview_text(gui_app, qtbot, db_url, tmp_path) -> None:
    window = _window(qtbot, db_url, tmp_path)
    assert _unnamed_combos(window) == []
    assert accessible_name(window.ui_language) == "Scherm:"
    _start(qtbot, window)
    # Now the intake screen exists with every record form (debts, provisions, referral…),
    # hidden ones included: no combo box anywhere may be named only by its value.
    assert len(window.findChildren(QComboBox)) > 10
    assert _unnamed_combos(window) == []
    provisions = window.intake_view.panel.records.forms[RecordKind.PROVISIONS]
    owners = [owner for _status, owner in provisions.rows.values()]  # type: ignore[attr-defined]
    assert {accessible_name(owner) for owner in owners} == {"Wie"}
    dialog = window.intake_view.open_preview("client")
    assert dialog is not None
    assert _unnamed_combos(dialog) == []
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=30_000)
    document = window.context.summaries.build(window.controller.state.id, "client")
    # The page image is named; its text stands beside it in a field of its own.
    assert accessible_name(dialog.view) == "Afdrukvoorbeeld"
    assert dialog.text_view.toPlainText() == document_text(document).replace("\xa0", " ")
    assert accessible_name(dialog.text_view) == "Tekst van het document"
    dialog.close()
    window.context.close()


def test_a_hidden_scroll_area_keeps_its_children_for_a_screen_reader(gui_app, qtbot) -> None:
    """The cause of the AT-SPI segfault after "Naar het overzicht" (tests/test_atspi.py).

    Qt's own scroll area interface counts a scroll bar only while it is visible and reads
    child(i) without a bounds check. Hiding a screen hides its scroll bars: a screen reader
    that counted a moment before asks for a child that is gone, and Qt read past its list.
    The app's interface (installed at start) keeps one count and answers None past it.
    """
    install_stable_scroll_areas()  # app.main does this before the first window
    page = QWidget()
    area = QScrollArea()
    area.setWidget(QLabel("regel\n" * 200))
    QVBoxLayout(page).addWidget(area)
    qtbot.addWidget(page)
    page.resize(300, 200)
    page.show()
    qtbot.waitUntil(lambda: area.verticalScrollBar().isVisible())
    interface = QAccessible.queryAccessibleInterface(area)
    counted = interface.childCount()
    assert counted >= 2  # the viewport and the scroll bar
    page.hide()  # what the stack does to the intake screen when the overview comes back
    assert not area.verticalScrollBar().isVisible()
    assert interface.childCount() == counted
    assert interface.child(counted - 1) is not None
    assert interface.child(counted) is None  # Qt's own interface read past its list here
    assert interface.child(-1) is None
