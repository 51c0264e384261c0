"""The mouse wheel scrolls the page, never a choice the counsellor did not click on.

Rolling the wheel over the panel to reach "Toevoegen" used to change whatever combo box was
under the pointer ("Energie" became "Belastingdienst of toeslagen"). One filter on the
application handles every combo box, spin box and date field: without keyboard focus, the
wheel goes to the scroll area around it instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

_GUARDED = (QComboBox, QAbstractSpinBox)  # QDateEdit and QDateTimeEdit are spin boxes
_HANDLED = frozenset({QEvent.Type.Polish, QEvent.Type.Wheel})


class WheelGuard(QObject):
    """Filters the whole application's events for as long as ``owner`` (the window) lives."""

    def __init__(self, app: QApplication, owner: QObject) -> None:
        super().__init__(owner)
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _HANDLED or not isinstance(watched, _GUARDED):
            return False
        if kind == QEvent.Type.Polish:
            # Qt gives a combo box focus on a wheel turn before any filter sees the turn.
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            QApplication.sendEvent(area.viewport(), event)
        return True  # the value stays as it was


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def install_wheel_guard(owner: QObject) -> WheelGuard | None:
    """The guard for ``owner``'s lifetime; one only, however many windows ask."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    for guard in _live_guards(app):
        return guard
    return WheelGuard(app, owner)


def _live_guards(app: QApplication) -> list[WheelGuard]:
    return [guard for top in app.topLevelWidgets() for guard in top.findChildren(WheelGuard)]
