"""The end of the conversation on screen (issue 18): the recap (COM-04, INT-18, INT-24), the
information sheets to print from it (COM-10) and the three smileys (STA-20), through the
real window at 1366x698, by keyboard, with accessible names."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from intake_app.bootstrap.context import AppContext, build_context
from intake_app.core.model import AnswerState, NextStep, Owner
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow
from intake_app.ui.print_preview import PrintPreviewDialog
from intake_app.ui.recap_view import RecapBox

PHONE = "010 - 123 45 67"
SIZE = (1366, 698)


def _session(context: AppContext, language: str) -> int:
    """A conversation with a question, an urgency, agreed steps and dates."""
    intake = context.intake
    sid = intake.start_session(language).id
    intake.answer(sid, "primary_question", ["rent"])
    intake.answer(sid, "urgency_check", ["eviction"])
    intake.add_next_step(sid, NextStep("Brief van de verhuurder meenemen", Owner.CLIENT,
                                       date(2026, 12, 3)))  # fmt: skip
    intake.add_next_step(sid, NextStep("Verhuurder bellen", Owner.COUNSELLOR, date(2026, 12, 1)))
    intake.set_appointment(
        sid, follow_up=date(2026, 12, 8), next_appointment=datetime(2026, 12, 8, 9, 30, tzinfo=UTC)
    )
    intake.go_to(sid, "recap")
    return sid


@pytest.fixture
def window(qtbot, gui_app, tmp_path: Path):  # type: ignore[no-untyped-def]
    context = build_context(data_dir=tmp_path)
    context.directory.set_own_phone(PHONE)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    yield window
    context.close()


def _open(window: MainWindow, qtbot, sid: int) -> None:  # type: ignore[no-untyped-def]
    window._resume(sid)
    # The card comes with the open; the recap is read on the worker after it (issue 20).
    qtbot.waitUntil(lambda: window.intake_view.client.card is not None
                    and not window.controller.reading)  # fmt: skip


def _texts(box: RecapBox) -> str:
    return " ".join(label.text() for label in box.line_labels)


def _fits(widget: QWidget, inside: QWidget) -> bool:
    top_left = widget.mapTo(inside, widget.rect().topLeft())
    bottom_right = widget.mapTo(inside, widget.rect().bottomRight())
    return inside.rect().contains(top_left) and inside.rect().contains(bottom_right)


def test_recap_shows_the_sessions_agreements(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """COM-04: the client's question, the urgency, who does what by when, the appointment."""
    sid = _session(window.context, "nl")
    _open(window, qtbot, sid)
    view = window.intake_view
    recap = view.recap_view
    assert view.client.card is not None and view.client.card.id == "recap"
    assert recap.isVisible() and not view.client.options_area.isVisible()
    boxes = {box.section.heading: box for box in recap.boxes}
    assert "Huur" in _texts(boxes["Waar u over wilde praten"])
    assert "nog niet opgelost" in _texts(boxes["Dit is dringend"])
    steps = _texts(boxes["Wat gaat er nu gebeuren"])
    assert "Brief van de verhuurder meenemen" in steps and "Verhuurder bellen" in steps
    assert "3 december 2026" in steps and "Wie: U zelf." in steps
    assert "8 december 2026" in _texts(boxes["Volgende afspraak"])
    # The urgent block first, in its own frame; no sheets on this screen.
    assert recap.boxes[0].objectName() == "RecapUrgent"
    assert not recap.sheets_box.isVisible()
    # All of it in view at 1366x698: no box below the fold.
    _assert_in_view(recap)


def _assert_in_view(recap) -> None:  # type: ignore[no-untyped-def]
    viewport = recap.area.viewport()
    hidden = [w.accessibleName() for w in recap.focus_chain() if not _fits(w, viewport)]
    assert not hidden, hidden


def test_int_18_expectations_and_int_24_number_again_at_the_end(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    sid = _session(window.context, "nl")
    window.context.intake.go_to(sid, "expectations_again")
    _open(window, qtbot, sid)
    recap = window.intake_view.recap_view
    assert window.intake_view.client.card.id == "expectations_again"
    boxes = {box.section.heading: box for box in recap.boxes}
    expect = _texts(boxes["Wat u van ons kunt verwachten"])
    assert "Wij beslissen niet voor u" in expect and "8 december 2026" in expect
    assert PHONE in _texts(boxes["Kent u iemand met zorgen over geld?"])
    assert recap.sheets_box.isVisible() and len(recap.sheet_buttons) == 4
    _assert_in_view(recap)


def test_recap_is_read_box_by_box_with_the_keyboard(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    sid = _session(window.context, "nl")
    window.context.intake.go_to(sid, "expectations_again")
    _open(window, qtbot, sid)
    view = window.intake_view
    recap = view.recap_view
    view.client.focus_question()
    seen: list[QWidget] = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused in seen:
            break
        seen.append(focused)
    chain = recap.focus_chain()
    assert len(chain) == 2 + 4  # two boxes, four sheets
    reached = [w for w in seen if w in chain]
    assert reached == chain  # every box, then every sheet button, in order
    for box in recap.boxes:
        assert box.accessibleName() == box.section.heading
        assert box.accessibleDescription()
    for sheet_id, button in recap.sheet_buttons.items():
        assert button.accessibleName() and button.accessibleDescription(), sheet_id
    # Space on a sheet button opens the sheet's print preview (COM-10).
    button = recap.sheet_buttons["kwijtschelding"]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert isinstance(view.preview, PrintPreviewDialog)
    assert "kwijtschelding" in view.preview.suggested_name
    assert "Informatie over kwijtschelding" in view.preview.text
    view.preview.close()


def test_recap_in_arabic_reads_right_to_left(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    sid = _session(window.context, "ar")
    _open(window, qtbot, sid)
    recap = window.intake_view.recap_view
    assert recap.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert recap.locale().language().name == "Arabic"
    # The Dutch is under each line for the counsellor (or the line is Dutch already).
    assert recap.boxes


def test_smileys_one_tap_or_skip(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """STA-20: three faces, big and named; a digit or a tap chooses; skipping is allowed."""
    context = window.context
    sid = _session(context, "nl")
    context.intake.go_to(sid, "client_feedback")
    _open(window, qtbot, sid)
    client = window.intake_view.client
    assert client.card is not None and client.card.id == "client_feedback"
    assert not window.intake_view.recap_view.isVisible()
    faces = client.option_buttons
    assert list(faces) == ["good", "okay", "not_good"]
    assert [b.accessibleName() for b in faces.values()] == [
        "1. Goed",
        "2. Gaat wel",
        "3. Niet goed",
    ]
    viewport = client.options_area.viewport()
    assert all(b.isVisible() and _fits(b, viewport) for b in faces.values())
    assert all(b.height() >= 44 for b in faces.values())
    # Keyboard: Tab from the question reaches the first face; digit 2 chooses "Gaat wel".
    client.focus_question()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is faces["good"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    qtbot.waitUntil(lambda: context.intake.open_session(sid).current_card != "client_feedback")
    stored = context.storage.sessions.get_session(sid).answers["client_feedback"]
    assert stored.value == ("okay",)


def test_smileys_can_be_skipped(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    context = window.context
    sid = _session(context, "nl")
    context.intake.go_to(sid, "client_feedback")
    _open(window, qtbot, sid)
    client = window.intake_view.client
    qtbot.mouseClick(client.decline_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: context.intake.open_session(sid).current_card != "client_feedback")
    stored = context.storage.sessions.get_session(sid).answers["client_feedback"]
    assert stored.state is AnswerState.NOT_DISCUSSED and stored.value == ()
