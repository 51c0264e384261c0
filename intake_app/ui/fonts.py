"""Register the bundled Noto fonts and an explicit fallback list (design.md section 6).

Without them, Tigrinya (Ge'ez script) shows as empty boxes on a machine with only DejaVu.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

FALLBACK_FAMILIES = ["Noto Sans", "Noto Sans Arabic", "Noto Sans Ethiopic", "Noto Sans Tifinagh"]


def install_fonts(app: QApplication, fonts_dir: Path, point_size: int = 11) -> list[str]:
    """Load every TTF in ``fonts_dir``; make Noto Sans the app font with script fallbacks."""
    families: list[str] = []
    for path in sorted(fonts_dir.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    font = QFont()
    font.setFamilies(FALLBACK_FAMILIES)
    font.setPointSize(point_size)
    app.setFont(font)
    return sorted(set(families))
