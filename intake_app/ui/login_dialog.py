"""Log-in before anything else; on the very first start, set up the admin account.

The dialog talks to ``bootstrap.security.DatabaseGate``: it unwraps the database key with the
password (encrypted SQLite), opens the storage and logs the user in. On success ``context``
holds the ready ``AppContext``. Errors are one sentence under the fields; nothing typed is
lost except the password.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.durability import CorruptDatabaseError
from intake_app.core.errors import IntakeError
from intake_app.core.security import MIN_PASSWORD_LENGTH
from intake_app.core.text_hygiene import MAX_LENGTHS
from intake_app.i18n.translator import Translator
from intake_app.ui import pictograms
from intake_app.ui.accessibility import announce, buddy_form_rows
from intake_app.ui.background import Background, off_thread
from intake_app.ui.recovery_dialog import RecoveryDialog
from intake_app.ui.widgets import named

if TYPE_CHECKING:
    from intake_app.bootstrap.context import AppContext

NAME_MISSING = "Vul een naam in."  # services.accounts: the message id of an empty name


def _line(limit: int, password: bool = False) -> QLineEdit:
    field = QLineEdit()
    field.setMaxLength(limit)
    field.setMinimumWidth(300)
    if password:
        field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class LoginDialog(QDialog):
    def __init__(self, gate: DatabaseGate, translator: Translator, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LoginDialog")
        # The check, the key derivation and the opening run on a worker (issue 20): a frozen
        # shared server or a slow Argon2id never freezes the dialog.
        self.background = Background(self)
        self.gate = off_thread(gate, self.background)
        self._submitting = False
        self.tr_ui = translator
        self.first_run = self.gate.needs_first_admin()
        self.context: AppContext | None = None

        self.icon = QLabel()
        self.icon.setPixmap(pictograms.pixmap("1F510", 72))  # closed lock with key
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.icon.setAccessibleName(translator.gettext("Slot met sleutel"))
        self.title = named(QLabel(), "LockTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.intro = named(QLabel(), "", wrap=True)
        self.username = _line(MAX_LENGTHS["username"])
        self.display_name = _line(MAX_LENGTHS["name"])
        self.password = _line(MAX_LENGTHS["password"], password=True)
        self.repeat = _line(MAX_LENGTHS["password"], password=True)
        self.username_label, self.display_label = QLabel(), QLabel()
        self.password_label, self.repeat_label = QLabel(), QLabel()
        self.error = named(QLabel(), "LoginError", wrap=True)
        self.submit = named(QPushButton(), "Primary")
        self.submit.setDefault(True)
        self.submit.clicked.connect(self.try_submit)

        form = QFormLayout()
        form.setSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.username_label, self.username)
        if self.first_run:
            form.addRow(self.display_label, self.display_name)
        form.addRow(self.password_label, self.password)
        if self.first_run:
            form.addRow(self.repeat_label, self.repeat)
        buddy_form_rows(form)  # a screen reader names each field by its label
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        layout.addWidget(self.icon)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.submit)
        self.retranslate_ui()
        self.username.setFocus()

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if t.rtl else Qt.LayoutDirection.LeftToRight
        )
        self.setWindowTitle(t.gettext("Samen kijken naar geld en post"))
        self.username_label.setText(t.gettext("Naam:"))
        self.display_label.setText(t.gettext("Naam op het scherm:"))
        self.password_label.setText(t.gettext("Wachtwoord:"))
        self.repeat_label.setText(t.gettext("Nog een keer:"))
        if self.first_run:
            self.title.setText(t.gettext("Eerste keer: maak een beheerder"))
            self.intro.setText(
                t.format(
                    "Deze naam en dit wachtwoord openen de gegevens. "
                    "Kies een wachtwoord van minstens {minimum} tekens.",
                    minimum=MIN_PASSWORD_LENGTH,
                )
            )
            self.submit.setText(t.gettext("Beheerder maken"))
        else:
            self.title.setText(t.gettext("Inloggen"))
            self.intro.setText(t.gettext("Elke gebruiker logt in met een eigen naam."))
            self.submit.setText(t.gettext("Inloggen"))

    def try_submit(self) -> bool:
        """Log in or set up; True on success (the dialog is then accepted)."""
        t = self.tr_ui
        if self._submitting:  # Enter pressed again while the first press is being checked
            return False
        if self.first_run and self.password.text() != self.repeat.text():
            self._fail(t.gettext("De twee wachtwoorden zijn niet gelijk."), self.password)
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._submitting = True
        try:
            if self.first_run:
                self.context = self.gate.open_first_run(
                    self.username.text(), self.display_name.text(), self.password.text()
                )
            else:
                self.context = self._open_with_recovery()
        except IntakeError as exc:
            self._fail(exc.render(t.gettext), self._field_for(exc))
            return False
        finally:
            self._submitting = False
            QGuiApplication.restoreOverrideCursor()
        self.password.clear()
        self.repeat.clear()
        self.accept()
        return True

    def _open_with_recovery(self) -> AppContext:
        """Log in; a damaged encrypted file gets the way out: restore the newest backup."""
        try:
            return self.gate.open_with_login(self.username.text(), self.password.text())
        except CorruptDatabaseError as exc:
            if not self.ask_recovery(exc):
                raise
        return self.gate.open_with_login(self.username.text(), self.password.text())

    def ask_recovery(self, error: CorruptDatabaseError) -> bool:
        """The recovery dialog (tests replace this); True when a backup was put back."""
        if QGuiApplication.platformName() in ("offscreen", "minimal"):
            return False
        QGuiApplication.restoreOverrideCursor()
        from intake_app.bootstrap.security import admin_opener

        opener = admin_opener(self.gate.url, self.gate.data_dir)
        dialog = RecoveryDialog(
            error, self.tr_ui, self.gate.last_key, open_as=opener, username=self.username.text()
        )
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _field_for(self, error: IntakeError) -> QLineEdit:
        """The field an error is about, so focus lands where the person must fix it."""
        if error.message == NAME_MISSING:
            named_user = bool(self.username.text().strip())
            if self.first_run and named_user and not self.display_name.text().strip():
                return self.display_name
            return self.username
        return self.password

    def _fail(self, message: str, field: QLineEdit | None = None) -> None:
        self.error.setText(message)
        self.password.clear()
        self.repeat.clear()
        target = field or self.password
        # The field carries the error too: a screen reader reads it when focus lands there.
        for line in (self.username, self.display_name, self.password, self.repeat):
            line.setAccessibleDescription(message if line is target else "")
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(self.error, message)
