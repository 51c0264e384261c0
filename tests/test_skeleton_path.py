"""The walking skeleton, driven through the real widgets: create, answer, restart, print."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from intake_app.bootstrap.context import build_context
from intake_app.cli.main import main as admin
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow
from tests.gui_waits import settle


def _window(qtbot, db_url: str, data_dir: Path) -> MainWindow:
    context = build_context(db_url=db_url, data_dir=data_dir)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.show()
    return window


def go_to_phase(window: MainWindow, phase_id: str, qtbot) -> None:
    """Select a phase in the counsellor's phase list and press "Ga naar"."""
    panel = window.intake_view.panel
    for row in range(panel.phase_list.count()):
        if panel.phase_list.item(row).data(Qt.ItemDataRole.UserRole) == phase_id:
            panel.phase_list.setCurrentRow(row)
            break
    qtbot.mouseClick(panel.go_button, Qt.MouseButton.LeftButton)


def test_create_answer_restart_print(gui_app, qtbot, db_url, tmp_path, capsys) -> None:
    window = _window(qtbot, db_url, tmp_path)
    assert window.stack.currentWidget() is window.home
    assert window.home.currentWidget() is window.start_view
    assert window.start_view.model.rowCount() == 0

    qtbot.mouseClick(window.start_view.new_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.intake_view
    client = window.intake_view.client
    assert client.card is not None and client.card.id == "interpreter_mode"
    go_to_phase(window, "question", qtbot)
    assert client.card.id == "primary_question"
    assert client.card_title.text() == "Waar wilt u vandaag over praten?"
    qtbot.mouseClick(client.option_buttons["rent"], Qt.MouseButton.LeftButton)
    code = window.controller.state.code
    assert client.card.id == "urgency_check"
    qtbot.mouseClick(client.option_buttons["eviction"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(client.done_button, Qt.MouseButton.LeftButton)
    window.close()
    window.context.close()

    # A new process-like start on the same file: the answer is there.
    again = _window(qtbot, db_url, tmp_path)
    settle(qtbot, again)
    assert again.start_view.model.rowCount() == 1
    assert code in again.start_view.item_text(0)
    qtbot.mouseClick(again.start_view.resume_button, Qt.MouseButton.LeftButton)
    state = again.controller.state
    assert state is not None and state.code == code
    assert state.answers["primary_question"].values == ("rent",)

    out = tmp_path / "samenvatting.pdf"
    qtbot.mouseClick(again.intake_view.panel.print_button, Qt.MouseButton.LeftButton)
    preview = again.intake_view.preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.page_count() > 0, timeout=20_000)
    preview.ask_save_path = lambda suggested: out
    assert preview.save_document() == out
    preview.close()
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Dit is dringend" in text  # the urgent block comes first on paper
    assert "U moet misschien uit uw huis." in text
    assert code in text
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", pages, re.MULTILINE)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "NotoSans" in fonts
    again.context.close()

    assert admin(["--db", db_url, "sessions", "list"]) == 0
    assert code in capsys.readouterr().out


def test_keyboard_alone_can_answer(gui_app, qtbot, db_url, tmp_path) -> None:
    window = _window(qtbot, db_url, tmp_path)
    window.start_view.new_button.setFocus()
    qtbot.keyClick(window.start_view.new_button, Qt.Key.Key_Space)
    client = window.intake_view.client
    client.setFocus()
    qtbot.keyClick(client, Qt.Key.Key_2)  # the second card: phone interpreter
    assert window.controller.state.answers["interpreter_mode"].values == ("phone_interpreter",)
    # A multi card: digits toggle, Enter confirms.
    qtbot.keyClick(client, Qt.Key.Key_2)
    qtbot.keyClick(client, Qt.Key.Key_8)
    qtbot.keyClick(client, Qt.Key.Key_Return)
    assert window.controller.state.answers["present"].values == ("partner", "interpreter")
    window.context.close()


def test_liever_niet_is_stored_as_not_discussed(gui_app, qtbot, db_url, tmp_path) -> None:
    window = _window(qtbot, db_url, tmp_path)
    qtbot.mouseClick(window.start_view.new_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.intake_view.client.decline_button, Qt.MouseButton.LeftButton)
    answer = window.controller.state.answers["interpreter_mode"]
    assert answer.declined and answer.values == ()
    window.context.close()


def _start_app(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "intake_app.app", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )


def test_bad_db_url_stops_the_app_with_one_sentence() -> None:
    result = _start_app("--db", "nonsense://x")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "niet ondersteund" in result.stderr


def test_unusable_data_dir_stops_the_app_with_one_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = _start_app("--data-dir", str(blocker / "data"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "map voor gegevens kan niet worden gemaakt" in result.stderr


def test_app_starts_and_paints_its_window(db_url: str) -> None:
    result = _start_app("--db", db_url, "--smoke-test")
    assert result.returncode == 0, result.stderr
