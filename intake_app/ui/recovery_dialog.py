"""The start-up dialog for a damaged or missing database: say so plainly, offer the way out.

Never a traceback, never a silent new empty database. The way out is the newest healthy
backup; the damaged file is kept aside (``intake.db.damaged-…``), so choosing it loses nothing.
Restoring is an admin's operation, in the window as on the command line: the dialog asks for an
admin's name and password, the restored file must let that person in as an admin
(``Permission.RESTORE_BACKUP``), and the restore is audited there (bootstrap/recovery.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from intake_app.core.durability import CorruptDatabaseError
from intake_app.core.errors import IntakeError
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.translator import Translator
from intake_app.ui.widgets import named

if TYPE_CHECKING:
    from intake_app.bootstrap.context import AppContext

T = TypeVar("T")
# Opens the restored file as the person named in the dialog (bootstrap.recovery.admin_opener).
Opener = Callable[[str, str], "AppContext"]


class RecoveryDialog(QDialog):
    """Accepted when the backup was restored (start again); rejected to quit."""

    def __init__(
        self,
        error: CorruptDatabaseError,
        translator: Translator,
        key: bytes | None = None,
        *,
        open_as: Opener,
        username: str = "",
    ) -> None:
        super().__init__()
        self.setObjectName("RecoveryDialog")
        self.error = error
        self._key = key  # only for an encrypted database; kept in memory, never shown
        self.tr_ui = translator
        self.restored_from: Path | None = None
        self._open_as = open_as
        self.username = named(QLineEdit(username), "RecoveryUser")
        self.password = named(QLineEdit(), "RecoveryPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_form = QFormLayout()
        self.admin_note = named(
            QLabel(
                translator.gettext(
                    "Alleen een beheerder kan een reservekopie terugzetten. "
                    "Vul de naam en het wachtwoord van een beheerder in."
                )
            ),
            "RecoveryAdminNote",
            wrap=True,
        )
        self.admin_form.addRow(self.admin_note)
        self.admin_form.addRow(translator.gettext("Naam van de beheerder"), self.username)
        self.admin_form.addRow(translator.gettext("Wachtwoord"), self.password)
        t = translator
        self.setWindowTitle(t.gettext("De gegevens kunnen niet worden geopend"))
        self.message = named(QLabel(error.render(t.gettext)), "RecoveryMessage", wrap=True)
        self.advice = named(QLabel(), "RecoveryAdvice", wrap=True)
        self.failure = named(QLabel(), "RecoveryFailure", wrap=True)
        self.failure.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.restore_button: QPushButton | None = None
        if error.latest_backup is not None:
            made_at = error.latest_backup_at
            saved = Formatter(t.code).datetime(made_at) if made_at else str(error.latest_backup)
            self.advice.setText(
                t.format(
                    "U kunt de laatste reservekopie terugzetten, van {saved}. "
                    "Wat daarna is ingevoerd, staat er niet in. "
                    "Het beschadigde bestand blijft bewaard.",
                    saved=saved,
                )
            )
            self.restore_button = named(
                self.buttons.addButton(
                    t.gettext("Reservekopie terugzetten"), QDialogButtonBox.ButtonRole.AcceptRole
                ),
                "Primary",
            )
            self.restore_button.clicked.connect(self.restore)
        else:
            self.advice.setText(
                t.gettext(
                    "Er is geen reservekopie. Vraag de beheerder om hulp. "
                    "Het bestand is niet veranderd."
                )
            )
        self.quit_button = self.buttons.addButton(
            t.gettext("Afsluiten"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.message)
        layout.addWidget(self.advice)
        if self.restore_button is not None:
            layout.addLayout(self.admin_form)
        layout.addWidget(self.failure)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def restore(self) -> None:
        try:
            from intake_app.bootstrap.recovery import restore_damaged_as_admin  # on demand

            user, password = self.username.text(), self.password.text()
            self.restored_from = restore_damaged_as_admin(
                self.error, self._key, lambda: self._open_as(user, password)
            )
        except IntakeError as exc:
            self.failure.setText(exc.render(self.tr_ui.gettext))
            self.failure.setVisible(True)
            self.password.clear()  # another admin may try; the backup is still there
            return
        finally:
            self.password.clear()
        self.accept()


def build_with_recovery(
    build: Callable[[], T], translator: Translator, open_as: Opener
) -> T | None:
    """``build()``; on a damaged database, the dialog. None when the person chose to quit.

    Without a real screen (offscreen, minimal) the error is raised for the caller to print.
    """
    try:
        return build()
    except CorruptDatabaseError as exc:
        if QGuiApplication.platformName() in ("offscreen", "minimal"):
            raise
        dialog = RecoveryDialog(exc, translator, open_as=open_as)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
    return build()
