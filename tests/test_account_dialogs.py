"""Account dialogs and menu with real widgets, on the encrypted default file."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.security import AuthenticationError, Role
from intake_app.i18n.translator import Translator
from intake_app.ui.account_dialogs import AddUserDialog, ChangePasswordDialog, install_account_menu
from intake_app.ui.main_window import MainWindow

ADMIN_PW = "beheer-wachtwoord-1"
NEW_PW = "nieuw-wachtwoord-22"


@pytest.fixture
def encrypted(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("INTAKE_APP_DB_URL", raising=False)
    context = DatabaseGate(data_dir=tmp_path).open_first_run("beheer", "Anna", ADMIN_PW)
    yield context
    context.close()


def test_change_password_rewraps_the_key(gui_app, qtbot, encrypted, tmp_path) -> None:
    ui = Translator("nl", encrypted.paths.catalogs)
    dialog = ChangePasswordDialog(encrypted.security.accounts, ui)
    qtbot.addWidget(dialog)
    dialog.old.setText("niet het oude wachtwoord")
    dialog.new.setText(NEW_PW)
    dialog.repeat.setText(NEW_PW)
    assert not dialog.try_submit()
    assert dialog.error.text() == "De naam of het wachtwoord klopt niet."
    assert dialog.new.text() == ""  # passwords are never kept after an error
    dialog.old.setText(ADMIN_PW)
    dialog.new.setText(NEW_PW)
    dialog.repeat.setText(NEW_PW)
    assert dialog.try_submit()
    with pytest.raises(AuthenticationError):
        DatabaseGate(data_dir=tmp_path).open_with_login("beheer", ADMIN_PW)
    DatabaseGate(data_dir=tmp_path).open_with_login("beheer", NEW_PW).close()


def test_admin_adds_a_volunteer_who_can_open_the_file(gui_app, qtbot, encrypted, tmp_path) -> None:
    ui = Translator("nl", encrypted.paths.catalogs)
    dialog = AddUserDialog(encrypted.security.accounts, ui)
    qtbot.addWidget(dialog)
    dialog.username.setText("Fatima")
    dialog.display_name.setText("Fatima")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.VOLUNTEER.value))
    dialog.password.setText("kort")
    dialog.repeat.setText("kort")
    assert not dialog.try_submit()
    assert "minstens 10 tekens" in dialog.error.text()
    assert dialog.username.text() == "Fatima"  # what was typed stays
    dialog.password.setText("vrijwilliger-wachtwoord")
    dialog.repeat.setText("vrijwilliger-wachtwoord")
    assert dialog.try_submit()
    volunteer = DatabaseGate(data_dir=tmp_path).open_with_login("fatima", "vrijwilliger-wachtwoord")
    try:
        user = volunteer.security.access.user
        assert user is not None and user.role is Role.VOLUNTEER
    finally:
        volunteer.close()


def test_menu_shows_admin_items_only_to_admins(gui_app, qtbot, encrypted) -> None:
    ui = Translator("nl", encrypted.paths.catalogs)
    accounts = encrypted.security.accounts
    window = MainWindow(encrypted, ui)
    qtbot.addWidget(window)
    locked = []
    actions = install_account_menu(
        window, accounts, encrypted.security.audit, ui, lambda: locked.append(True)
    )
    assert actions["audit"].isVisible() and actions["add_user"].isVisible()
    actions["lock"].trigger()
    assert locked == [True]

    accounts.add_user("fatima", "Fatima", Role.VOLUNTEER, "vrijwilliger-wachtwoord")
    accounts.logout()
    accounts.login("fatima", "vrijwilliger-wachtwoord")
    other = MainWindow(encrypted, ui)
    qtbot.addWidget(other)
    limited = install_account_menu(other, accounts, encrypted.security.audit, ui, lambda: None)
    assert not limited["audit"].isVisible() and not limited["add_user"].isVisible()
    assert limited["password"].isVisible()


def test_app_start_shows_the_login_on_an_encrypted_file(encrypted, tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "INTAKE_APP_DB_URL"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-m", "intake_app.app", "--data-dir", str(tmp_path), "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
