"""Small helpers shared by the views."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QFrame, QLabel, QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, *, wrap: bool = False) -> W:
    """Give a widget its stylesheet name (see resources/styles/app.qss)."""
    if name:
        widget.setObjectName(name)
    if wrap and isinstance(widget, QLabel):
        widget.setWordWrap(True)
    return widget


def separator() -> QFrame:
    """A thin horizontal line between the sections of a panel."""
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet("color: #D5DEDC;")
    return line
