"""The coordinator's language dialog stores the choice; the start view then offers only it."""

from __future__ import annotations

from intake_app.i18n.translator import Translator
from intake_app.ui.language_settings import LanguageSettingsDialog
from intake_app.ui.start_view import StartView


def test_dialog_saves_offered_languages(gui_app, qtbot, context) -> None:
    ui = Translator("nl", context.paths.catalogs)
    dialog = LanguageSettingsDialog(context.languages, ui)
    qtbot.addWidget(dialog)
    assert not dialog.boxes["nl"].isEnabled()
    assert "concept, nog niet nagekeken" in dialog.boxes["ti"].text()
    for code, box in dialog.boxes.items():
        box.setChecked(code in ("nl", "ar", "so"))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert context.languages.offered_codes() == ["nl", "ar", "so"]
    start = StartView(ui)
    qtbot.addWidget(start)
    start.set_languages(context.languages.offered_codes())
    assert start.language.codes() == ["nl", "ar", "so"]


def test_dialog_in_english(gui_app, qtbot, context) -> None:
    dialog = LanguageSettingsDialog(context.languages, Translator("en", context.paths.catalogs))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Languages for the client"
    assert "draft, not yet checked" in dialog.boxes["ar"].text()
