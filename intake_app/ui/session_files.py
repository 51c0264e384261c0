"""Start-screen actions for storage: export and import session files, storage warnings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from intake_app.bootstrap.context import AppContext
from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import Translator
from intake_app.services.session_file import SessionFileService
from intake_app.ui.background import Background, off_thread


class SessionFileActions(QObject):
    """Asks for a file, then calls the session-file service; reports in one sentence."""

    done = Signal(str)  # a message for the status bar
    failed = Signal(str)  # a message for the error box
    imported = Signal(int)  # the new session's id

    def __init__(
        self,
        context: AppContext,
        translator: Translator,
        parent: QWidget,
        background: Background | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        # Export and import read and write the database on the window's worker (issue 20).
        self.background = background or Background(self)
        self.tr_ui = translator
        self.window = parent

    @property
    def files(self) -> SessionFileService:
        """Asked for on use: a role without session files (a coordinator) is refused then,
        in one sentence, not when the window is built."""
        return off_thread(self.context.session_files, self.background)

    def notices(self) -> list[str]:
        """Storage warnings to show at start (database in a synced folder)."""
        return [notice.render(self.tr_ui.gettext) for notice in self.context.storage.warnings]

    def ask_export(self, session_id: int) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self.window,
            self.tr_ui.gettext("Gesprek opslaan als bestand"),
            str(Path.home() / f"gesprek-{session_id}.json"),
            self.tr_ui.gettext("Gespreksbestand (*.json)"),
        )
        if name:
            self.export_to(session_id, Path(name))

    def ask_import(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self.window,
            self.tr_ui.gettext("Gesprek uit bestand inlezen"),
            str(Path.home()),
            self.tr_ui.gettext("Gespreksbestand (*.json)"),
        )
        if name:
            self.import_from(Path(name))

    def export_to(self, session_id: int, path: Path) -> None:
        try:
            out = self.files.export_session(session_id, path)
        except IntakeError as exc:
            self.failed.emit(exc.render(self.tr_ui.gettext))
            return
        self.done.emit(self.tr_ui.format("Opgeslagen: {path}", path=out))

    def import_from(self, path: Path) -> None:
        try:
            item = self.files.import_session(path)
        except IntakeError as exc:
            self.failed.emit(exc.render(self.tr_ui.gettext))
            return
        self.done.emit(self.tr_ui.format("Gesprek {code} is ingelezen.", code=item.code))
        self.imported.emit(item.id)
