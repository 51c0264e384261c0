"""Qt's own dialogs speak the counsellor's language (qtbase_*.qm), and follow a switch."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from intake_app.bootstrap.context import build_context
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow
from intake_app.ui.qt_translations import use_qt_translations


def _cancel() -> str:
    return QCoreApplication.translate("QPlatformTheme", "Cancel")


def test_qt_texts_follow_the_counsellors_language(gui_app, qtbot, db_url, tmp_path) -> None:
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    assert _cancel() == "Annuleren"
    window.set_ui_language("tr")
    assert _cancel() not in ("Cancel", "Annuleren")
    assert use_qt_translations("fa_AF")  # Dari falls back on Qt's Persian
    assert not use_qt_translations("ti")  # Qt has no Tigrinya: its English stays
    assert _cancel() == "Cancel"
    use_qt_translations("nl")
    context.close()
