"""OpenMoji pictograms as Qt icons, rendered from SVG and cached per code and size."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from intake_app.content import pictograms


@cache
def pixmap(code: str, size: int) -> QPixmap:
    image = QPixmap(QSize(size, size))
    image.fill(Qt.GlobalColor.transparent)
    try:
        renderer = QSvgRenderer(str(pictograms.svg_path(code)))
    except FileNotFoundError:
        renderer = QSvgRenderer(str(pictograms.svg_path("2753")))  # question mark
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def icon(code: str, size: int = 96) -> QIcon:
    return QIcon(pixmap(code, size))
