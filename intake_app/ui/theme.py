"""The look: the standard stylesheet, or high contrast laid over it (issue 17).

The counsellor switches it in the menu ("Beeld" → "Hoog contrast"); the choice is stored
per installation in the data folder (``theme.txt``), so the log-in window of the next start
already has it. Written through core/safe_write.py like every file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow

from intake_app.core import safe_write
from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import Translator

STANDARD = "standard"
HIGH_CONTRAST = "high-contrast"
THEMES = (STANDARD, HIGH_CONTRAST)
SETTING_FILE = "theme.txt"
BASE_SHEET = "app.qss"
_OVERLAYS = {HIGH_CONTRAST: "high-contrast.qss"}


def stored_theme(data_dir: Path) -> str:
    """The theme chosen on this installation; the standard one when none or unknown."""
    try:
        name = safe_write.read_bytes(data_dir / SETTING_FILE, 64).decode("utf-8").strip()
    except (OSError, IntakeError, UnicodeDecodeError):
        return STANDARD
    return name if name in THEMES else STANDARD


def store_theme(data_dir: Path, name: str) -> None:
    """Remember the theme for the next start. Raises IntakeError when it cannot be written."""
    safe_write.write_text(data_dir / SETTING_FILE, name + "\n")


def stylesheet(styles: Path, name: str) -> str:
    """The whole stylesheet of a theme: app.qss, then the theme's overlay (its rules win)."""
    sheet = (styles / BASE_SHEET).read_text(encoding="utf-8")
    overlay = _OVERLAYS.get(name)
    if overlay:
        sheet += "\n" + (styles / overlay).read_text(encoding="utf-8")
    return sheet


def apply_theme(app: QApplication, styles: Path, name: str) -> None:
    app.setStyleSheet(stylesheet(styles, name))
    app.setProperty("intake_theme", name)


def current_theme(app: QApplication) -> str:
    name = app.property("intake_theme")
    return name if isinstance(name, str) and name in THEMES else STANDARD


def install_theme_menu(
    window: QMainWindow, styles: Path, data_dir: Path, translator: Translator
) -> QAction:
    """A "Beeld" menu with "Hoog contrast", switched at once and remembered."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    t = translator
    menu = window.menuBar().addMenu(t.gettext("Beeld"))
    action = QAction(t.gettext("Hoog contrast"), window)
    action.setCheckable(True)
    action.setChecked(current_theme(app) == HIGH_CONTRAST)

    def switch(on: bool) -> None:
        name = HIGH_CONTRAST if on else STANDARD
        apply_theme(app, styles, name)
        try:
            store_theme(data_dir, name)
        except IntakeError as exc:  # the look changes now; only the next start forgets it
            window.statusBar().showMessage(exc.render(t.gettext), 15000)

    action.toggled.connect(switch)
    menu.addAction(action)
    return action
