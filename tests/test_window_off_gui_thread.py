"""Issue 20: no path of the window talks to the database on the GUI thread.

A frozen shared server must never freeze the window. Every statement the database receives
while a person works through the window is recorded with the thread that sent it; none may
come from the GUI thread. The walk: the log-in window built, a conversation with its
neighbourhood, referral suggestions and recap, print previews, the conversation saved as a
file, Nazorg, the directory, the figures with their neighbourhood list, the Team tab, the audit
log, the languages dialog, lock, unlock and Afmelden. On SQLite and on PostgreSQL.
"""

from __future__ import annotations

import threading

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import event

from intake_app.bootstrap.security import DatabaseGate
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow
from intake_app.ui.user_switch import UserSession
from tests.gui_waits import settle

ADMIN_PW = "beheer-wachtwoord-1"


def _menu_action(window: MainWindow, text: str) -> QAction:
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions() if menu is not None else []:  # type: ignore[union-attr]
            if action.text() == text:
                return action
    raise AssertionError(text)


def _wait_idle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.background.busy)


def test_no_window_path_reads_or_writes_on_the_gui_thread(
    gui_app, qtbot, any_db_url, tmp_path
) -> None:
    gate = DatabaseGate(db_url=any_db_url, data_dir=tmp_path)
    context = gate.open_first_run("anna", "Anna", ADMIN_PW)
    context.statistics.set_neighbourhood_list(["Noordwijk", "Zuidhoek"])
    on_gui: list[str] = []
    sent: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        sent.append(statement)
        if threading.get_ident() == threading.main_thread().ident:
            on_gui.append(" ".join(statement.split())[:90])

    engine = context.storage.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        users = UserSession(gate, Translator("nl", context.paths.catalogs))
        window = users.open_for(context)
        window.resize(1366, 698)
        window.show()
        qtbot.waitExposed(window)
        _wait_idle(qtbot, window)

        # A conversation: its neighbourhood, the referral form's suggestions, the recap.
        window._start("nl")
        _wait_idle(qtbot, window)
        panel = window.intake_view.panel
        assert panel.neighbourhood.choice.count() == 3  # the coordinator's list arrived
        panel.neighbourhood.choice.setCurrentIndex(1)
        panel.neighbourhood.choice.activated.emit(1)
        for card in ("referral", "recap"):
            window.controller.apply(lambda s, sid, c=card: s.go_to(sid, c))
            _wait_idle(qtbot, window)
        assert window.intake_view.recap_view.isVisible()
        # Printing: the client's summary and an information sheet (read, then laid out on
        # the preview's own worker), and the conversation saved as a file.
        for preview in (
            window.intake_view.open_preview(),
            window.intake_view.open_info_sheet("kwijtschelding"),
        ):
            assert preview is not None
            qtbot.waitUntil(lambda p=preview: not p._busy, timeout=30_000)
            preview.close()
        state = window.controller.state
        assert state is not None
        window.session_files.export_to(state.id, tmp_path / "gesprek.json")
        assert (tmp_path / "gesprek.json").exists()
        window.controller.apply(lambda s, sid: s.pause(sid))
        window.show_start()
        _wait_idle(qtbot, window)

        # The tabs: Nazorg, the directory (a save), the figures, the team.
        home = window.home
        with qtbot.waitSignal(window.follow_ups.loaded, timeout=30_000):
            home.setCurrentWidget(window.follow_ups)
        home.setCurrentWidget(window.directory_view)
        window.directory_view.name.setText("Schuldhulpmaatje Noord")
        window.directory_view.save()
        assert window.directory_view.list.count() == 1
        home.setCurrentWidget(window.stats_tab)
        home.setCurrentWidget(window.team_tab)
        _wait_idle(qtbot, window)

        # The account menu's dialogs: the audit log and the languages offered.
        for text in ("Logboek…", "Talen van de klant…"):
            _menu_action(window, text).trigger()
            dialog = QApplication.activeModalWidget() or window.findChildren(QDialog)[-1]
            qtbot.waitUntil(lambda: not window.background.busy)
            dialog.close()
        _wait_idle(qtbot, window)

        # Lock and unlock (the audit line and the password check), then Afmelden.
        lock = users.screen_lock
        assert lock is not None
        lock.lock()
        assert lock.try_unlock(ADMIN_PW)
        _wait_idle(qtbot, window)
        assert users.log_out() is not None  # writes logged_out
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert sent  # the listener saw the window's work
    assert not on_gui, on_gui
    context.close()
