"""Helpers for screen readers and keyboard users (issue 17).

Qt exposes widgets to assistive technology over AT-SPI on Linux. A screen reader reads a
widget's accessible name, so every control needs one taken from its visible label; it
follows focus, so focus goes where the task continues; and it speaks announcements, so a
change that moves no focus (a new card, an error) is announced.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QScrollArea,
    QWidget,
)

from intake_app.core.summary import SummaryDocument


def plain(text: str) -> str:
    """One line for an accessible name: wrapping inserts line breaks a voice reads as pauses."""
    return " ".join(text.split())


def set_name(widget: QWidget, name: str, description: str | None = None) -> None:
    """Name (and describe) a widget; tells AT when the name really changed."""
    name = plain(name)
    if widget.accessibleName() != name:
        widget.setAccessibleName(name)
    if description is not None and widget.accessibleDescription() != description:
        widget.setAccessibleDescription(description)


def announce(widget: QWidget, message: str) -> None:
    """Have a screen reader speak ``message`` without moving focus (Qt 6.8+)."""
    if not message or not QAccessible.isActive():
        return
    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, plain(message)))


def name_changed(widget: QWidget) -> None:
    """Tell AT that a widget's name changed (a label whose text was replaced in place)."""
    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.NameChanged))


def buddy_form_rows(form: QFormLayout) -> None:
    """Give every field of a form row the row's label as its accessible name (the buddy).

    ``QFormLayout.addRow(QLabel, field)`` does not set the buddy; only the string overload does.
    """
    for label, field in _form_rows(form):
        if label.buddy() is None:
            label.setBuddy(field)


def _form_rows(form: QFormLayout) -> list[tuple[QLabel, QWidget]]:
    rows = []
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label_item is None or field_item is None:
            continue
        label, field = label_item.widget(), field_item.widget()
        if isinstance(label, QLabel) and field is not None:
            rows.append((label, field))
    return rows


def no_tab_stop(*widgets: QWidget) -> None:
    """Containers (scroll areas, frames) are not controls: keep them out of the Tab order."""
    for widget in widgets:
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def tab_chain(widgets: Sequence[QWidget]) -> None:
    """Put ``widgets`` one after the other in the Tab order."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


class ScrollToFocus(QObject):
    """Scrolls a scroll area so the widget that gets focus inside it is in view."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        content = self.area.widget()
        if new is None or content is None or not content.isAncestorOf(new):
            return
        self.area.ensureWidgetVisible(new, 16, 16)


def document_text(document: SummaryDocument) -> str:
    """The printed document as plain text, in reading order, for a screen reader."""
    lines: list[str] = [document.title, document.subtitle]
    for section in document.sections:
        lines.append(section.heading)
        for line in section.lines:
            lines.append(" ".join(part for part in (line.text, line.amount) if part))
    lines.append(document.footer)
    return "\n".join(line for line in lines if line)
