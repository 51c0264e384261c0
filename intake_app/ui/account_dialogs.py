"""Account menu: change one's password, add a user (admin), read the audit log (admin), lock.

Dialogs show errors as one sentence and keep what was typed, except passwords.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.errors import IntakeError
from intake_app.core.security import Permission, Role
from intake_app.core.text_hygiene import MAX_LENGTHS
from intake_app.i18n.translator import N_, Translator
from intake_app.services.accounts import AccountService
from intake_app.services.audit import AuditService
from intake_app.services.languages import LanguageService
from intake_app.ui.audit_view import AuditView
from intake_app.ui.language_settings import LanguageSettingsDialog
from intake_app.ui.widgets import named

ROLE_LABELS: dict[Role, str] = {
    Role.VOLUNTEER: N_("Vrijwilliger"),
    Role.COUNSELLOR: N_("Schuldhulpverlener"),
    Role.COORDINATOR: N_("Coördinator"),
    Role.ADMIN: N_("Beheerder"),
}


def _line(limit: int, password: bool = False) -> QLineEdit:
    field = QLineEdit()
    field.setMaxLength(limit)
    field.setMinimumWidth(280)
    if password:
        field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class _FormDialog(QDialog):
    def __init__(self, translator: Translator, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.tr_ui = translator
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if translator.rtl else Qt.LayoutDirection.LeftToRight
        )
        self.form = QFormLayout()
        self.form.setSpacing(10)
        self.error = named(QLabel(), "LoginError", wrap=True)
        self.submit = named(QPushButton(), "Primary")
        self.submit.setDefault(True)
        self.submit.clicked.connect(self.try_submit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.submit)

    def passwords(self) -> list[QLineEdit]:
        return []

    def act(self) -> None:
        raise NotImplementedError

    def try_submit(self) -> bool:
        try:
            self.act()
        except IntakeError as exc:
            self.error.setText(exc.render(self.tr_ui.gettext))
            for field in self.passwords():
                field.clear()
            return False
        self.accept()
        return True


class ChangePasswordDialog(_FormDialog):
    def __init__(
        self, accounts: AccountService, translator: Translator, parent: QWidget | None = None
    ) -> None:
        super().__init__(translator, parent)
        self.accounts = accounts
        t = translator
        self.setWindowTitle(t.gettext("Wachtwoord wijzigen"))
        self.old = _line(MAX_LENGTHS["password"], password=True)
        self.new = _line(MAX_LENGTHS["password"], password=True)
        self.repeat = _line(MAX_LENGTHS["password"], password=True)
        self.form.addRow(t.gettext("Huidig wachtwoord:"), self.old)
        self.form.addRow(t.gettext("Nieuw wachtwoord:"), self.new)
        self.form.addRow(t.gettext("Nog een keer:"), self.repeat)
        self.submit.setText(t.gettext("Wachtwoord wijzigen"))

    def passwords(self) -> list[QLineEdit]:
        return [self.old, self.new, self.repeat]

    def act(self) -> None:
        if self.new.text() != self.repeat.text():
            raise IntakeError(N_("De twee wachtwoorden zijn niet gelijk."))
        self.accounts.change_password(self.old.text(), self.new.text())


class AddUserDialog(_FormDialog):
    def __init__(
        self, accounts: AccountService, translator: Translator, parent: QWidget | None = None
    ) -> None:
        super().__init__(translator, parent)
        self.accounts = accounts
        t = translator
        self.setWindowTitle(t.gettext("Gebruiker toevoegen"))
        self.username = _line(MAX_LENGTHS["username"])
        self.display_name = _line(MAX_LENGTHS["name"])
        self.role = QComboBox()
        for role, label in ROLE_LABELS.items():
            self.role.addItem(t.gettext(label), role.value)
        self.password = _line(MAX_LENGTHS["password"], password=True)
        self.repeat = _line(MAX_LENGTHS["password"], password=True)
        self.form.addRow(t.gettext("Naam:"), self.username)
        self.form.addRow(t.gettext("Naam op het scherm:"), self.display_name)
        self.form.addRow(t.gettext("Rol:"), self.role)
        self.form.addRow(t.gettext("Wachtwoord:"), self.password)
        self.form.addRow(t.gettext("Nog een keer:"), self.repeat)
        self.submit.setText(t.gettext("Gebruiker toevoegen"))

    def passwords(self) -> list[QLineEdit]:
        return [self.password, self.repeat]

    def act(self) -> None:
        if self.password.text() != self.repeat.text():
            raise IntakeError(N_("De twee wachtwoorden zijn niet gelijk."))
        self.accounts.add_user(
            self.username.text(),
            self.display_name.text(),
            Role(self.role.currentData()),
            self.password.text(),
        )


class AuditDialog(QDialog):
    def __init__(
        self, audit: AuditService, translator: Translator, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translator.gettext("Logboek"))
        self.view = AuditView(audit, translator)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.resize(900, 520)
        self.view.refresh()


def install_account_menu(
    window: QMainWindow,
    accounts: AccountService,
    audit: AuditService,
    translator: Translator,
    lock: Callable[[], None],
    languages: LanguageService | None = None,
    log_out: Callable[[], object] | None = None,
) -> dict[str, QAction]:
    """An "Account" menu on ``window``; admin items only for users allowed to use them.

    The menu bar also says who is logged in, and offers the coordinator the languages the
    organisation offers (``ui/language_settings.py``)."""
    t = translator
    menu = window.menuBar().addMenu(t.gettext("Account"))
    who = QLabel(window.menuBar())  # parented: PySide would otherwise delete it
    who.setObjectName("LoggedInAs")
    if accounts.current is not None:
        who.setText(t.format("Ingelogd als {name}", name=accounts.current.display_name))
    window.menuBar().setCornerWidget(who, Qt.Corner.TopRightCorner)
    actions = {
        "password": QAction(t.gettext("Wachtwoord wijzigen…"), window),
        "add_user": QAction(t.gettext("Gebruiker toevoegen…"), window),
        "audit": QAction(t.gettext("Logboek…"), window),
        "lock": QAction(t.gettext("Scherm op slot"), window),
    }
    actions["lock"].setShortcut("Ctrl+L")
    actions["password"].triggered.connect(lambda: ChangePasswordDialog(accounts, t, window).open())
    actions["add_user"].triggered.connect(lambda: AddUserDialog(accounts, t, window).open())
    actions["audit"].triggered.connect(lambda: AuditDialog(audit, t, window).open())
    actions["lock"].triggered.connect(lock)
    if log_out is not None:  # Afmelden: another user, without restarting (ui/user_switch.py)
        actions["log_out"] = QAction(t.gettext("Afmelden"), window)
        actions["log_out"].setShortcut("Ctrl+Shift+L")
        actions["log_out"].triggered.connect(log_out)
    user = accounts.current
    if languages is not None:
        actions["languages"] = QAction(t.gettext("Talen van de klant…"), window)
        actions["languages"].triggered.connect(
            lambda: LanguageSettingsDialog(languages, t, window).open()
        )
        # The coordinator (and the administrator) decide which languages are offered.
        actions["languages"].setVisible(
            bool(
                user
                and (user.may(Permission.MANAGE_DIRECTORY) or user.may(Permission.MANAGE_USERS))
            )
        )
    actions["add_user"].setVisible(bool(user and user.may(Permission.MANAGE_USERS)))
    actions["audit"].setVisible(bool(user and user.may(Permission.VIEW_AUDIT)))
    for action in actions.values():
        menu.addAction(action)
    return actions
