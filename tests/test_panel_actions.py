"""Completing asks first; buttons that cannot do anything are off; dates can be typed."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from intake_app.bootstrap.context import build_context
from intake_app.core.flow import RecordKind
from intake_app.core.model import SessionStatus
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow
from intake_app.ui.record_form import next_working_day_at
from tests.gui_waits import settle


def _window(qtbot, db_url, tmp_path):  # type: ignore[no-untyped-def]
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.resize(1366, 698)
    window.show()
    return window


def test_completing_asks_first_and_says_what_it_did(gui_app, qtbot, db_url, tmp_path) -> None:
    window = _window(qtbot, db_url, tmp_path)
    window._start("nl")
    panel = window.intake_view.panel
    sid = window.controller.state.id
    # No follow-up date yet: completing cannot work, so it is not offered.
    assert not panel.complete_button.isEnabled()
    assert "nazorg" in panel.complete_button.toolTip()
    window.controller.apply(
        lambda s, i: s.set_appointment(i, follow_up=date(2030, 1, 7), next_appointment=None)
    )
    assert panel.complete_button.isEnabled()
    panel.complete_button.click()
    box = panel.confirm_box
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.No).click()  # changed her mind: nothing happens
    QApplication.processEvents()
    assert window.context.intake.open_session(sid).record.status is not SessionStatus.COMPLETED
    panel.complete_button.click()
    panel.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    QApplication.processEvents()
    assert window.context.intake.open_session(sid).record.status is SessionStatus.COMPLETED
    assert window.statusBar().currentMessage() == "Het gesprek is afgerond."
    window.context.close()


def test_resume_is_off_with_nothing_to_resume(gui_app, qtbot, db_url, tmp_path) -> None:
    window = _window(qtbot, db_url, tmp_path)
    start = window.start_view
    settle(qtbot, window)
    assert start.model.rowCount() == 0
    assert not start.resume_button.isEnabled() and not start.export_button.isEnabled()
    window.context.intake.start_session("ar")
    window.show_start()
    settle(qtbot, window)
    assert start.resume_button.isEnabled()
    start.sessions.setCurrentIndex(QModelIndex())  # nothing chosen
    assert not start.resume_button.isEnabled()
    window.context.close()


def test_done_is_off_until_something_is_chosen(gui_app, qtbot, db_url, tmp_path) -> None:
    window = _window(qtbot, db_url, tmp_path)
    window._start("ar")
    window.controller.apply(lambda s, i: s.go_to_phase(i, "question"))
    client = window.intake_view.client
    window.controller.apply(lambda s, i: s.go_to(i, "urgency_check"))  # a multi card
    assert client.done_button.isVisible() and not client.done_button.isEnabled()
    qtbot.mouseClick(next(iter(client.option_buttons.values())), Qt.MouseButton.LeftButton)
    assert client.done_button.isEnabled()
    window.context.close()


def test_dates_and_times_take_typed_digits(gui_app, qtbot, db_url, tmp_path) -> None:
    window = _window(qtbot, db_url, tmp_path)
    window._start("nl")
    window.activateWindow()
    qtbot.waitActive(window)
    window.controller.apply(lambda s, i: s.go_to(i, "next_appointment"))
    form = window.intake_view.panel.records.forms[RecordKind.APPOINTMENT]
    # The default appointment: the next working day at 10:00, not "now + 7 days".
    moment = form.appointment.dateTime()
    expected = next_working_day_at()
    assert (moment.time().hour(), moment.time().minute()) == (10, 0)
    assert moment.date() == QDate(expected.year, expected.month, expected.day)
    # A click in the day, then digits: as a counsellor types a date she was told.
    field = form.follow_up
    edit = field.lineEdit()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=edit.rect().center() - _left(edit))
    qtbot.waitUntil(lambda: field.hasFocus() and edit.hasSelectedText())
    assert field.currentSection() == field.Section.DaySection
    qtbot.keyClicks(field, "03042030")
    assert field.date() == QDate(2030, 4, 3)
    appointment = form.appointment
    edit = appointment.lineEdit()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=edit.rect().center() - _left(edit))
    qtbot.waitUntil(lambda: appointment.hasFocus() and edit.hasSelectedText())
    qtbot.keyClicks(appointment, "050420301430")
    assert appointment.dateTime().date() == QDate(2030, 4, 5)
    assert (appointment.time().hour(), appointment.time().minute()) == (14, 30)
    window.context.close()


def _left(edit):  # type: ignore[no-untyped-def]
    """From the middle to a few pixels into the first section (the day)."""
    from PySide6.QtCore import QPoint

    return QPoint(edit.rect().center().x() - 8, 0)


def test_next_working_day_skips_the_weekend() -> None:
    friday = datetime(2026, 11, 27, 6, 41)
    assert next_working_day_at(friday) == datetime(2026, 11, 30, 10, 0)
    assert next_working_day_at(datetime(2026, 11, 24, 16, 0)) == datetime(2026, 11, 25, 10, 0)
