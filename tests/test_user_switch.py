"""Afmelden and change of user without restarting (issue 13), on a real SQLite file.

One app, three people in turn: the admin leaves a conversation with a half-typed note, the
coordinator logs in next (a window without conversations), then a volunteer (the list, but
not the admin's conversation on the banner), then the admin again (her banner offers it).
"""

from __future__ import annotations

import os
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from sqlalchemy import text

from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.model import SessionStatus
from intake_app.core.security import Role
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow
from intake_app.ui.user_switch import UserSession

ADMIN_PW = "beheer-wachtwoord-1"
PW = "een goed wachtwoord"
NOTE = "Geheime notitie over de buurman"
SHOTS = (
    Path(os.environ.get("INTAKE_SCREENSHOTS", "")) if os.environ.get("INTAKE_SCREENSHOTS") else None
)


def _texts(root: QWidget) -> str:
    """Every text a person could read under ``root``."""
    seen = [w.text() for w in root.findChildren(QLabel)]
    seen += [w.text() for w in root.findChildren(QAbstractButton)]
    return "\n".join(seen)


def _log_in(users: UserSession, name: str, password: str) -> MainWindow:
    dialog = users.login_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.username.setText(name)
    dialog.password.setText(password)
    assert dialog.try_submit()
    QApplication.processEvents()
    assert users.window is not None and users.login_dialog is None
    return users.window


def _audit(users: UserSession) -> list[tuple[str, str, str]]:
    assert users.context is not None
    with users.context.storage.engine.connect() as connection:
        rows = connection.execute(text("SELECT actor, action, target FROM audit_event ORDER BY id"))
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_log_out_saves_wipes_and_rebuilds_the_window_for_the_next_role(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    gate = DatabaseGate(db_url=db_url, data_dir=tmp_path)
    context = gate.open_first_run("anna", "Anna", ADMIN_PW)
    context.security.accounts.add_user("coord", "Coördinator Cor", Role.COORDINATOR, PW)
    context.security.accounts.add_user("bert", "Bert", Role.VOLUNTEER, PW)
    ui = Translator("nl", context.paths.catalogs)
    users = UserSession(gate, ui)
    first = users.open_for(context)
    first.resize(1366, 698)
    first.show()
    qtbot.waitExposed(first)

    # Anna is in a conversation, with a note she has not saved yet.
    first._start("nl")
    state = first.controller.state
    assert state is not None
    card = context.intake.flow.first_card()
    first.controller.answer(card.id, [card.options[0].id])
    first.intake_view.panel.note.setPlainText(NOTE)
    code = state.code

    # Afmelden from the keyboard, wherever focus is (a window-wide shortcut).
    first.activateWindow()
    first.intake_view.panel.note.setFocus()
    qtbot.keyClick(
        first.intake_view.panel.note, Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip
    assert users.login_dialog is not None  # the shortcut worked from the note field
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    dialog = users.login_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.username.text() == "" and dialog.password.text() == ""
    assert dialog.intro.text() == "Anna is afgemeld; het gesprek is bewaard. Wie logt er nu in?"
    # Nothing of Anna's window is left (it is gone, not hidden), and nothing was lost.
    assert not shiboken6.isValid(first)
    saved = context.storage.sessions.get_session(state.id)
    assert saved.status is SessionStatus.PAUSED
    assert [n.text for n in saved.notes] == [NOTE]
    assert card.id in saved.answers
    assert ("anna", "logged_out", "user:anna") in _audit(users)
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "login-after-afmelden.png"))

    # The coordinator: a new window without conversations, her own name in the corner.
    second = _log_in(users, "coord", PW)
    assert second is not first
    assert second.context.services.intake is None
    home = second.home
    assert not home.isTabVisible(home.indexOf(second.start_view))
    assert not home.isTabVisible(home.indexOf(second.follow_ups))
    assert home.isTabVisible(home.indexOf(second.stats_tab))
    assert second.menuBar().cornerWidget().text() == "Ingelogd als Coördinator Cor"
    assert code not in _texts(second) and "Anna" not in _texts(second)
    assert ("coord", "logged_in", "user:coord") in _audit(users)

    # A volunteer: the list has Anna's conversation, the banner does not offer it.
    users.log_out()
    third = _log_in(users, "bert", PW)
    third.show_start()
    assert third.context.services.intake is not None
    assert third.home.isTabVisible(third.home.indexOf(third.start_view))
    assert third.start_view.offered is None and not third.start_view.resume_box.isVisibleTo(third)
    assert code in [item.code for item in third.context.intake.session_page(0, 10).items]
    assert third.menuBar().cornerWidget().text() == "Ingelogd als Bert"
    assert NOTE not in _texts(third)

    # Anna again: her paused conversation is offered to her.
    users.log_out()
    fourth = _log_in(users, "anna", ADMIN_PW)
    fourth.resize(1366, 698)
    fourth.show_start()
    assert fourth.start_view.offered is not None and fourth.start_view.offered.code == code
    if SHOTS is not None:
        fourth.grab().save(str(SHOTS / "banner-own-conversation.png"))
    actions = [(actor, action) for actor, action, _ in _audit(users)]
    assert actions.count(("anna", "logged_out")) == 1
    assert ("coord", "logged_out") in actions and ("bert", "logged_out") in actions
    assert actions[-1] == ("anna", "logged_in") or ("anna", "logged_in") in actions[-3:]
    users.window.close()
    users.context.close()


def test_closing_the_log_in_after_afmelden_ends_the_app(gui_app, qtbot, db_url, tmp_path) -> None:
    gate = DatabaseGate(db_url=db_url, data_dir=tmp_path)
    context = gate.open_first_run("anna", "Anna", ADMIN_PW)
    users = UserSession(gate, Translator("nl", context.paths.catalogs))
    window = users.open_for(context)
    window.show()
    # The lock screen's "Andere gebruiker" logs out instead of closing the app.
    assert users.screen_lock is not None
    users.screen_lock.lock()
    with qtbot.waitSignal(users.ended, timeout=5000):
        users.screen_lock.screen.close_button.click()
        QApplication.processEvents()
        assert users.login_dialog is not None
        users.login_dialog.reject()
    assert users.context is None


def test_change_of_user_on_an_encrypted_database(gui_app, qtbot, tmp_path, monkeypatch) -> None:
    """Each log-in unwraps the key and opens its own connection: the previous one is closed
    and the next user's window works on the same data."""
    monkeypatch.setenv("INTAKE_APP_ENCRYPT", "1")
    gate = DatabaseGate(db_url=f"sqlite:///{tmp_path / 'versleuteld.db'}", data_dir=tmp_path)
    assert gate.encrypted
    context = gate.open_first_run("anna", "Anna", ADMIN_PW)
    context.security.accounts.add_user("bert", "Bert", Role.VOLUNTEER, PW)
    users = UserSession(gate, Translator("nl", context.paths.catalogs))
    first = users.open_for(context)
    first._start("nl")
    code = first.controller.state.code
    users.log_out()
    second = _log_in(users, "bert", PW)
    assert users.context is not context  # a new connection for Bert
    assert code in [i.code for i in second.context.intake.session_page(0, 10).items]
    assert second.context.intake.latest_unfinished() is None
    second.close()
    users.context.close()
