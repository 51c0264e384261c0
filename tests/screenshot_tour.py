"""A screenshot tour of the real window on a real X server, driven by real key presses.

    Xvfb :99 -screen 0 1366x698x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb python -m tests.screenshot_tour OUT_DIR [nl ar ti]

Builds the window as ``intake_app.app.main`` does (first-run admin instead of the log-in
dialog), shows it maximised on the 1366x698 screen, sends keys with xdotool (digits,
Ctrl+arrows, Ctrl+L, the password) and grabs the whole X screen after each step. For
looking at what we build, and for docs/screenshots; not run by pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import ImageGrab
from PySide6.QtWidgets import QApplication

from intake_app.bootstrap.paths import default_paths
from intake_app.bootstrap.security import DatabaseGate
from intake_app.i18n.translator import Translator
from intake_app.storage.database import sqlite_url
from intake_app.ui.account_dialogs import install_account_menu
from intake_app.ui.auto_lock import ScreenLock
from intake_app.ui.fonts import install_fonts
from intake_app.ui.main_window import MainWindow

PASSWORD = "tour-wachtwoord-1"


def settle(app: QApplication, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()
    subprocess.run(["sleep", "0.3"], check=True)
    for _ in range(rounds):
        app.processEvents()


def keys(app: QApplication, *sequence: str) -> None:
    subprocess.run(["xdotool", "key", "--delay", "60", *sequence], check=True)
    settle(app)


def type_text(app: QApplication, text: str) -> None:
    subprocess.run(["xdotool", "type", "--delay", "40", text], check=True)
    settle(app)


def shot(app: QApplication, out: Path, name: str) -> None:
    settle(app)
    ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).save(out / f"{name}.png")
    print("saved", name)


def main(out: Path, languages: list[str]) -> None:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    paths = default_paths()
    install_fonts(app, paths.fonts)
    app.setStyleSheet((paths.styles / "app.qss").read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        gate = DatabaseGate(db_url=sqlite_url(Path(tmp) / "tour.db"), data_dir=Path(tmp))
        context = gate.open_first_run("anna", "Anna de Vries", PASSWORD)
        ui = Translator("nl", paths.catalogs)
        window = MainWindow(context, ui)
        lock = ScreenLock(window, context.security.accounts, ui, 15)
        lock.shortcut.setEnabled(False)  # the menu's "Scherm op slot" has Ctrl+L
        install_account_menu(window, context.security.accounts, context.security.audit, ui,
                             lock.lock)  # fmt: skip
        window.showMaximized()
        screen = app.primaryScreen()
        if screen is not None:  # Xvfb has no window manager to maximise for us
            window.setGeometry(screen.availableGeometry())
        window.activateWindow()
        settle(app)
        shot(app, out, "start")
        for language in languages:
            window._start(language)
            sid = window.controller.state.id
            context.intake.confirm_trust(sid)
            window.activateWindow()
            shot(app, out, f"{language}-1-prepare")
            keys(app, "ctrl+Right")  # the counsellor's key, wherever focus is
            shot(app, out, f"{language}-2-prepare-next")
            window.controller.apply(lambda s, i: s.go_to(i, "primary_question"))
            shot(app, out, f"{language}-3-question")
            window.controller.apply(lambda s, i: s.go_to(i, "urgency_check"))
            keys(app, "1")
            shot(app, out, f"{language}-4-urgency")
            window.controller.apply(lambda s, i: s.go_to(i, "inf_remittance"))
            keys(app, "1")  # "Ja": the card stays and its form opens
            shot(app, out, f"{language}-5-remittance-yes")
            keys(app, "ctrl+l")
            shot(app, out, f"{language}-6-locked")
            type_text(app, PASSWORD)
            keys(app, "Return")
            shot(app, out, f"{language}-7-unlocked")
            window.intake_view.panel.back_button.click()
            shot(app, out, f"{language}-8-overview-after-unlock")
        window.home.setCurrentWidget(window.directory_view)
        shot(app, out, "directory-after-unlock")
        window.close()
        context.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:] or ["nl", "ar", "ti"])
