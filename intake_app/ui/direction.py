"""Right-to-left facts for views: layout direction and arrows that point the reading way.

Qt mirrors layouts under ``Qt.RightToLeft`` but not the meaning of an arrow pictogram:
"next" points left in Arabic and Dari. Views ask here instead of hard-coding an arrow.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from intake_app.i18n.translator import Translator

RIGHT_ARROW = "27A1"  # OpenMoji: black rightwards arrow
LEFT_ARROW = "2B05"  # OpenMoji: leftwards black arrow


def layout_direction(translator: Translator) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if translator.rtl else Qt.LayoutDirection.LeftToRight


def apply_direction(widget: QWidget, translator: Translator) -> None:
    widget.setLayoutDirection(layout_direction(translator))


def next_arrow(translator: Translator) -> str:
    """Pictogram code of the arrow for "next / further" in the reading direction."""
    return LEFT_ARROW if translator.rtl else RIGHT_ARROW


def back_arrow(translator: Translator) -> str:
    return RIGHT_ARROW if translator.rtl else LEFT_ARROW
