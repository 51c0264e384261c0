"""Real widgets: first-run and log-in dialog, idle auto-lock that clears, the consent card."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QListWidget, QWidget

from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.model import ConsentPurpose
from intake_app.core.security import DEFAULT_LOCK_MINUTES, lock_minutes
from intake_app.i18n.translator import Translator
from intake_app.ui.auto_lock import ScreenLock
from intake_app.ui.consent_view import ConsentView
from intake_app.ui.login_dialog import LoginDialog
from intake_app.ui.main_window import MainWindow
from tests.gui_waits import settle

ADMIN_PW = "beheer-wachtwoord-1"


@pytest.fixture
def clean_env(monkeypatch):
    monkeypatch.delenv("INTAKE_APP_DB_URL", raising=False)
    monkeypatch.delenv("INTAKE_APP_ENCRYPT", raising=False)


def _texts(root: QWidget, skip: QWidget | None = None) -> str:
    """Every text a person could read under ``root`` (except inside ``skip``)."""
    parts: list[str] = []
    for widget in root.findChildren(QWidget):
        if skip is not None and (widget is skip or skip.isAncestorOf(widget)):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            parts.append(widget.text())
        if isinstance(widget, QListWidget):
            parts += [widget.item(i).text() for i in range(widget.count())]
    return "\n".join(parts)


def test_first_run_then_login_on_the_encrypted_default_file(
    gui_app, qtbot, tmp_path: Path, clean_env
) -> None:
    ui = Translator("nl", tmp_path)
    setup = LoginDialog(DatabaseGate(data_dir=tmp_path), ui)
    qtbot.addWidget(setup)
    assert setup.first_run and setup.repeat.isVisibleTo(setup)
    setup.username.setText("Beheer")
    setup.display_name.setText("Anna de Beheerder")
    setup.password.setText(ADMIN_PW)
    setup.repeat.setText("iets anders heel lang")
    assert not setup.try_submit()
    assert setup.error.text() == "De twee wachtwoorden zijn niet gelijk."
    setup.password.setText(ADMIN_PW)
    setup.repeat.setText(ADMIN_PW)
    assert setup.try_submit()
    assert setup.context is not None and setup.context.security.encrypted
    setup.context.close()
    assert (tmp_path / "intake.db.keys.json").exists()
    assert setup.username.maxLength() == 40

    login = LoginDialog(DatabaseGate(data_dir=tmp_path), ui)
    qtbot.addWidget(login)
    assert not login.first_run and not login.repeat.isVisibleTo(login)
    login.username.setText("beheer")
    login.password.setText("verkeerd-wachtwoord")
    assert not login.try_submit()
    assert login.error.text() == "De naam of het wachtwoord klopt niet."
    assert login.password.text() == "" and login.username.text() == "beheer"
    login.password.setText(ADMIN_PW)
    assert login.try_submit() and login.context is not None
    user = login.context.security.access.user
    assert user is not None and user.display_name == "Anna de Beheerder"
    login.context.close()


def _locked_window(qtbot, db_url: str, tmp_path: Path) -> tuple[MainWindow, ScreenLock]:
    gate = DatabaseGate(db_url=db_url, data_dir=tmp_path)
    context = gate.open_first_run("beheer", "Anna", ADMIN_PW)
    ui = Translator("nl", context.paths.catalogs)
    window = MainWindow(context, ui)
    qtbot.addWidget(window)
    lock = ScreenLock(window, context.security.accounts, ui, minutes=5)
    window.show()
    return window, lock


def test_idle_lock_clears_the_client_view_and_unlock_returns(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    window, lock = _locked_window(qtbot, db_url, tmp_path)
    lock.watcher.set_timeout_ms(600_000)  # no lock while the first save runs on a busy machine
    qtbot.mouseClick(window.start_view.new_button, Qt.MouseButton.LeftButton)
    client = window.intake_view.client
    card_before = client.card.id
    title_before = client.card_title.text()
    code = window.controller.state.code
    assert title_before and code in _texts(window)

    lock.watcher.set_timeout_ms(300)
    qtbot.waitUntil(lambda: lock.is_locked, timeout=30_000)
    assert window.stack.currentWidget() is lock.screen
    visible = _texts(window, skip=lock.screen)
    assert code not in visible and title_before not in visible
    assert all(not b.text() for b in client.option_buttons.values())

    lock.screen.password.setText("fout wachtwoord!")
    lock.screen.unlock_button.click()
    assert lock.is_locked
    assert lock.screen.error.text() == "De naam of het wachtwoord klopt niet."

    lock.screen.password.setText(ADMIN_PW)
    lock.screen.unlock_button.click()
    assert not lock.is_locked
    assert window.stack.currentWidget() is window.intake_view
    assert client.card.id == card_before
    assert client.card_title.text() == title_before
    entries = [e.action for e in window.context.security.audit.entries()]
    assert "locked" in entries and "unlocked" in entries
    window.close()


def test_start_list_is_cleared_and_comes_back(gui_app, qtbot, db_url, tmp_path) -> None:
    window, lock = _locked_window(qtbot, db_url, tmp_path)
    window.context.intake.start_session("ar")
    window.show_start()
    window.menuBar().addMenu("Account")
    settle(qtbot, window)
    assert window.start_view.model.rowCount() == 1
    lock.lock()
    assert window.start_view.model.rowCount() == 0
    assert not window.menuBar().isEnabled()  # no dialog can be opened while locked
    assert lock.try_unlock(ADMIN_PW)
    assert window.menuBar().isEnabled()
    assert window.stack.currentWidget() is window.home
    assert window.home.currentWidget() is window.start_view
    settle(qtbot, window)
    assert window.start_view.model.rowCount() == 1
    window.close()


def test_input_postpones_the_lock(gui_app, qtbot, db_url, tmp_path) -> None:
    window, lock = _locked_window(qtbot, db_url, tmp_path)
    lock.watcher.set_timeout_ms(1500)
    for _ in range(20):  # 20 x 100 ms of typing: longer than the 1.5 s timeout
        press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(window.start_view, press)
        qtbot.wait(100)
        assert not lock.is_locked
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
    window.close()


@pytest.mark.parametrize(
    ("setting", "expected"),
    [(None, 5), ("", 5), ("2", 2.0), (15, 15), ("60", 15), ("0", 5), ("nan", 5), ("x", 5)],
)
def test_lock_minutes_default_five_at_most_fifteen(setting, expected) -> None:
    assert DEFAULT_LOCK_MINUTES == 5
    assert lock_minutes(setting) == expected
    assert ScreenLock.timeout_ms(setting) == int(expected * 60_000)


def test_consent_card_gives_and_revokes_per_purpose(gui_app, qtbot, context) -> None:
    context.security.accounts.create_first_admin("beheer", "Anna", ADMIN_PW)
    session = context.intake.start_session("ar")
    translators = context.translators
    view = ConsentView(
        context.consent, translators.get("ar"), translators.dutch(), translators.dutch()
    )
    qtbot.addWidget(view)
    view.set_session(session.id)
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert view.title_dutch.text() == "Wat bewaren wij?"
    assert view.title.text() != "Wat bewaren wij?"  # the Arabic draft
    toggle = view.purpose_rows[ConsentPurpose.HANDOVER_FORMAL].toggle
    assert toggle is not None and not toggle.isChecked()
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert context.consent.status(session.id)[ConsentPurpose.HANDOVER_FORMAL]
    context.consent.require_handover(session.id)  # no longer blocked
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not context.consent.status(session.id)[ConsentPurpose.HANDOVER_FORMAL]
    view.clear_sensitive()
    assert not any(view.status().values())


def test_audit_view_for_admin_and_refusal_for_others(gui_app, qtbot, context) -> None:
    from intake_app.core.security import Role
    from intake_app.ui.audit_view import AuditView

    accounts = context.security.accounts
    accounts.create_first_admin("beheer", "Anna", ADMIN_PW)
    accounts.add_user("fatima", "Fatima", Role.VOLUNTEER, "een goed wachtwoord")
    state = context.intake.start_session("nl")
    view = AuditView(context.security.audit, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(view)
    view.refresh()
    cells = [view.table.item(r, 2).text() for r in range(view.table.rowCount())]
    assert "gebruiker toegevoegd" in cells and "ingelogd" in cells
    targets = [view.table.item(r, 3).text() for r in range(view.table.rowCount())]
    assert f"session:{state.id}" in targets and view.message.text() == ""

    accounts.logout()
    accounts.login("fatima", "een goed wachtwoord")
    view.refresh()
    assert view.table.rowCount() == 0
    assert view.message.text() == "Dit mag u niet doen met uw account."


def test_damaged_encrypted_file_is_restored_from_its_encrypted_backup(
    gui_app, qtbot, tmp_path: Path, clean_env
) -> None:
    from intake_app.bootstrap.recovery import restore_latest_backup
    from intake_app.storage.backup import list_backups, make_backup

    ui = Translator("nl", tmp_path)
    setup = LoginDialog(DatabaseGate(data_dir=tmp_path), ui)
    qtbot.addWidget(setup)
    setup.username.setText("beheer")
    setup.display_name.setText("Beheer")
    setup.password.setText(ADMIN_PW)
    setup.repeat.setText(ADMIN_PW)
    assert setup.try_submit() and setup.context is not None
    context = setup.context
    code = context.intake.start_session("ar").code
    database = tmp_path / "intake.db"
    backup = make_backup(database, reason="test", engine=context.storage.engine)
    assert b"SQLite format 3" not in backup.read_bytes()[:16]  # the backup is encrypted too
    context.close()
    # A failing disk overwrites the middle of the file.
    data = bytearray(database.read_bytes())
    data[0:4096] = b"\xff" * 4096
    database.write_bytes(bytes(data))
    for side in ("-wal", "-shm"):
        Path(f"{database}{side}").unlink(missing_ok=True)

    login = LoginDialog(DatabaseGate(data_dir=tmp_path), ui)
    qtbot.addWidget(login)
    offered: list[Path] = []

    def restore(error):  # type: ignore[no-untyped-def]
        offered.append(error.latest_backup)
        restore_latest_backup(error, login.gate.last_key)
        return True

    login.ask_recovery = restore  # type: ignore[method-assign]
    login.username.setText("beheer")
    login.password.setText(ADMIN_PW)
    assert login.try_submit(), login.error.text()
    assert offered == [backup]
    assert login.context is not None
    assert [item.code for item in login.context.intake.list_sessions()] == [code]
    assert any(p.name.startswith("intake.db.damaged-") for p in tmp_path.iterdir())
    assert list_backups(database)
    login.context.close()


def test_a_save_finishing_after_the_lock_never_reaches_a_view(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    """The worker's result arrives after the screen locked: no view may show it."""
    import threading

    from PySide6.QtCore import QTimer

    window, lock = _locked_window(qtbot, db_url, tmp_path)
    lock.watcher.set_timeout_ms(600_000)
    qtbot.mouseClick(window.start_view.new_button, Qt.MouseButton.LeftButton)
    state = window.controller.state
    assert state is not None
    locked = threading.Event()
    lock.locked.connect(locked.set)

    def slow_next(service, session_id):  # type: ignore[no-untyped-def]
        # On the worker thread: the screen locks (on the GUI thread) before this returns.
        assert locked.wait(30)
        return service.next(session_id)

    QTimer.singleShot(0, lock.lock)
    assert window.controller.apply(slow_next) is None  # dropped, not shown
    assert lock.is_locked and window.stack.currentWidget() is lock.screen
    visible = _texts(window, skip=lock.screen)
    assert state.code not in visible
    assert all(not b.text() for b in window.intake_view.client.option_buttons.values())
    assert lock.try_unlock(ADMIN_PW)
    assert window.controller.state is not None
    assert window.controller.state.current_card != state.current_card  # the save was kept
    window.close()
