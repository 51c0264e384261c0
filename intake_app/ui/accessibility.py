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
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QAccessibleInterface,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAccessibleWidget,
    QApplication,
    QFormLayout,
    QLabel,
    QScrollArea,
    QWidget,
)

from intake_app.core.summary import SummaryDocument

# Qt's own interface for scroll areas (QAccessibleAbstractScrollArea, complexwidgets.cpp)
# counts a scroll bar as a child only while it is visible, and its child(index) reads its
# list without a bounds check; the AT-SPI bridge passes a reader's index through unchecked.
# Hiding a screen (the stack switches back to the overview) hides every scroll bar inside it
# at once: a screen reader that counted the children a moment earlier then asks for a child
# that is no longer there, and Qt reads past the list (the segfault in
# QAccessibleCache::idForObject, issue 17). The plain widget interface counts the scroll bar
# containers whether shown or not (a count that never changes) and checks the index.
_SCROLL_AREA_KEYS = frozenset({"QAbstractScrollArea", "QScrollArea"})
_stable_scroll_areas = False


def _scroll_area_interface(key: str, obj: QObject) -> QAccessibleInterface | None:
    # Called for each class name of an object until a factory answers; Qt's own classes
    # with a better interface (QTextEdit, the item views) are answered before these keys.
    if key in _SCROLL_AREA_KEYS and isinstance(obj, QAbstractScrollArea):
        return QAccessibleWidget(obj, QAccessible.Role.Client)
    return None


def install_stable_scroll_areas() -> None:
    """Expose every scroll area with a child count that hiding cannot change (once per process).

    PySide keeps each interface the factory returns referenced until the application ends:
    one small object per scroll area ever shown to a screen reader.
    """
    global _stable_scroll_areas
    if not _stable_scroll_areas:
        QAccessible.installFactory(_scroll_area_interface)
        _stable_scroll_areas = True


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
        try:
            content = self.area.widget()
        except RuntimeError:  # the area went with its window (Afmelden deletes it) first
            return

        if new is None or content is None or not content.isAncestorOf(new):
            return
        self.area.ensureWidgetVisible(new, 16, 16)


def document_text(document: SummaryDocument) -> str:
    """The printed document as plain text, in the paper's reading order, for a screen reader.

    Each text is followed by its Dutch, as on paper (COM-03); an amount follows its line, the
    client's own notation after the Dutch one. One paragraph per line of the paper.
    """
    lines: list[str] = [document.title, document.dutch_title, document.subtitle]
    for section in document.sections:
        lines += [section.heading, section.dutch_heading]
        for line in section.lines:
            amounts = " ".join(part for part in (line.amount, line.amount_own) if part)
            lines.append(" ".join(part for part in (line.text, amounts) if part))
            lines.append(line.dutch)
    lines.append(document.footer)
    return "\n".join(line for line in lines if line)
