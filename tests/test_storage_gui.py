"""The storage side of the window: resume offer, session files, warnings, recovery dialog."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog

from intake_app.bootstrap.context import build_context
from intake_app.bootstrap.recovery import admin_opener
from intake_app.core.durability import CorruptDatabaseError
from intake_app.i18n.translator import Translator
from intake_app.storage.backup import make_backup
from intake_app.storage.database import sqlite_url
from intake_app.storage.opening import open_storage
from intake_app.ui.main_window import MainWindow
from intake_app.ui.recovery_dialog import RecoveryDialog
from tests.gui_waits import settle

SHOTS = Path("/tmp/storage-shots")
REPO = Path(__file__).resolve().parents[1]


def _window(qtbot, db_url: str, data_dir: Path, language: str = "nl") -> MainWindow:
    context = build_context(db_url=db_url, data_dir=data_dir)
    window = MainWindow(context, Translator(language, context.paths.catalogs))
    qtbot.addWidget(window)
    return window


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def test_start_offers_to_resume_the_latest_unfinished_session(gui_app, qtbot, db_url, tmp_path):
    first = _window(qtbot, db_url, tmp_path)
    repo = first.context.storage.sessions
    older = first.context.intake.start_session("ar")
    repo.update_session(older.id, current_card="primary_question")
    latest = first.context.intake.start_session("ti")
    repo.update_session(latest.id, current_card="primary_question")  # interrupted mid-way
    done = first.context.intake.start_session("nl")
    repo.update_session(done.id, status="completed")  # newest, but finished: not offered
    first.context.close()

    window = _window(qtbot, db_url, tmp_path)
    window.show()
    settle(qtbot, window)
    view = window.start_view
    assert view.resume_box.isVisible()
    assert view.offered is not None and view.offered.id == latest.id
    assert latest.code in view.resume_text.text()
    assert "Laatst bewaard" in view.resume_text.text()
    _shot(window, "start-resume-nl.png")
    view.resume_latest.click()
    assert window.stack.currentWidget() is window.intake_view
    window.context.close()


def test_no_resume_offer_without_an_unfinished_session(gui_app, qtbot, db_url, tmp_path):
    window = _window(qtbot, db_url, tmp_path)
    state = window.context.intake.start_session("nl")
    window.context.storage.sessions.update_session(state.id, status="completed")
    window.controller.refresh_sessions()
    window.show()
    settle(qtbot, window)
    assert not window.start_view.resume_box.isVisible()
    assert window.start_view.export_button.isEnabled()
    window.context.close()


def test_export_and_import_from_the_start_screen(gui_app, qtbot, db_url, tmp_path):
    window = _window(qtbot, db_url, tmp_path)
    state = window.context.intake.start_session("ar")
    window.context.intake.answer(state.id, "primary_question", ["rent"])
    window.controller.refresh_sessions()
    settle(qtbot, window)
    out = tmp_path / "gesprek.json"
    with qtbot.waitSignal(window.session_files.done):
        window.session_files.export_to(state.id, out)
    assert json.loads(out.read_text(encoding="utf-8"))["session"]["code"] == state.code
    window.context.close()

    other = _window(qtbot, sqlite_url(tmp_path / "other.db"), tmp_path / "o")
    with qtbot.waitSignal(other.session_files.imported):
        other.session_files.import_from(out)
    settle(qtbot, other)
    assert [item.code for item in other.start_view.items] == [state.code]
    # A bad file: one sentence in the error box naming the field; nothing imported.
    document = json.loads(out.read_text(encoding="utf-8"))
    del document["session"]["client_language"]
    out.write_text(json.dumps(document), encoding="utf-8")
    with qtbot.waitSignal(other.session_files.failed) as failed:
        other.session_files.import_from(out)
    assert "session.client_language" in failed.args[0]
    assert other.last_error_box is not None
    assert len(other.context.intake.list_sessions()) == 1
    other.context.close()


def test_synced_folder_warning_shows_on_the_start_screen(gui_app, qtbot, tmp_path):
    folder = tmp_path / "OneDrive - Buurthuis"
    folder.mkdir()
    window = _window(qtbot, sqlite_url(folder / "intake.db"), tmp_path)
    window.show()
    assert window.start_view.notice.isVisible()
    assert "OneDrive" in window.start_view.notice.text()
    _shot(window, "start-synced-warning-nl.png")
    window.context.close()


def _damaged_with_backup(tmp_path: Path) -> Path:
    path = tmp_path / "intake.db"
    storage = open_storage(sqlite_url(path))
    storage.sessions.create_session(client_language="nl")
    storage.close()
    make_backup(path, reason="test")
    path.write_bytes(b"garbage" * 1000)
    return path


def test_recovery_dialog_restores_the_latest_backup(gui_app, qtbot, tmp_path, paths):
    path = _damaged_with_backup(tmp_path)
    try:
        open_storage(sqlite_url(path))
    except CorruptDatabaseError as exc:
        error = exc
    dialog = RecoveryDialog(
        error, Translator("nl", paths.catalogs), open_as=admin_opener(sqlite_url(path), None)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.restore_button is not None
    assert "reservekopie terugzetten" in dialog.advice.text().lower()
    _shot(dialog, "recovery-nl.png")
    dialog.restore_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.restored_from == error.latest_backup
    storage = open_storage(sqlite_url(path))  # the restored file opens, with its session
    assert len(storage.sessions.list_sessions()) == 1
    storage.close()


def test_recovery_dialog_without_backup_only_offers_to_quit(gui_app, qtbot, tmp_path, paths):
    path = tmp_path / "intake.db"
    path.write_bytes(b"garbage" * 1000)
    try:
        open_storage(sqlite_url(path))
    except CorruptDatabaseError as exc:
        error = exc
    for language in ("nl", "ar", "ti"):
        dialog = RecoveryDialog(
            error,
            Translator(language, paths.catalogs),
            open_as=admin_opener(sqlite_url(path), None),
        )
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.restore_button is None
        _shot(dialog, f"recovery-nobackup-{language}.png")
    dialog.quit_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert path.read_bytes() == b"garbage" * 1000


def test_app_on_a_damaged_file_says_one_sentence_and_keeps_the_file(tmp_path):
    path = _damaged_with_backup(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "intake_app.app", "--db", sqlite_url(path), "--smoke-test"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "beschadigd" in result.stderr
    assert path.read_bytes() == b"garbage" * 1000
