"""The conversation list as a lazy Qt model: one page at a time, dates formatted when shown.

A laptop that has served for three years holds some 10,000 sessions. Building one list item
per session with a Babel date on the GUI thread cost seconds at start, unlock and language
switch (issue 16). This model holds only the pages the view has scrolled to (Qt asks for more
through ``canFetchMore``/``fetchMore``), and formats a row's text only when the view paints it.
A further page is asked for and added when it arrives (issue 20: a read from a shared server
must not stop the window); meanwhile the model asks for nothing more, and a page that arrives
for a list that has been replaced since is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from intake_app.i18n.formatting import Formatter
from intake_app.i18n.translator import Translator
from intake_app.services.dto import SessionListItem, SessionPage

PAGE_SIZE = 50
DeliverPage = Callable[[SessionPage], None]
# offset, limit, search, where to deliver the page: the read runs on the controller's worker
FetchPage = Callable[[int, int, str, DeliverPage], None]

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class SessionListing:
    """What the start screen shows: the first page of conversations and the one to resume."""

    page: SessionPage
    latest_unfinished: SessionListItem | None


class SessionListModel(QAbstractListModel):
    def __init__(self, translator: Translator) -> None:
        super().__init__()
        self.tr_ui = translator
        self.fetch: FetchPage | None = None
        self.search = ""
        self.items: list[SessionListItem] = []
        self.has_more = False
        self._texts: dict[int, str] = {}  # row -> formatted text, for rows already painted
        self._formatter: tuple[str, Formatter] | None = None
        self.loading = False  # a further page has been asked for and not arrived yet
        self._generation = 0  # bumped by every reset: pages for an older list are dropped

    # -- filling ------------------------------------------------------------------------
    def reset(self, page: SessionPage | None, search: str = "") -> None:
        """Show the first page of a (new) query; ``None`` empties the list (auto-lock)."""
        self.beginResetModel()
        self._generation += 1
        self.loading = False
        self.search = search
        self.items = list(page.items) if page is not None else []
        self.has_more = page.has_more if page is not None else False
        self._texts.clear()
        self.endResetModel()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008 - Qt API
        return (
            not parent.isValid() and self.fetch is not None and self.has_more and not self.loading
        )

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008 - Qt API
        if not self.canFetchMore(parent) or self.fetch is None:
            return
        self.loading = True
        generation, offset = self._generation, len(self.items)
        self.fetch(
            offset, PAGE_SIZE, self.search, lambda page: self._arrived(generation, offset, page)
        )

    def _arrived(self, generation: int, offset: int, page: SessionPage) -> None:
        if generation != self._generation or offset != len(self.items):
            return  # the list was replaced (a search, a refresh) while this page was read
        self.loading = False
        if not page.items:
            self.has_more = False  # the list shrank meanwhile: stop asking
            return
        first = len(self.items)
        self.beginInsertRows(QModelIndex(), first, first + len(page.items) - 1)
        self.items.extend(page.items)
        self.has_more = page.has_more
        self.endInsertRows()

    def set_translator(self, translator: Translator) -> None:
        """The counsellor's language changed: only the rows on screen are formatted again."""
        self.tr_ui = translator
        self._formatter = None
        self._texts.clear()
        if self.items:
            self.dataChanged.emit(self.index(0), self.index(len(self.items) - 1))

    # -- reading ------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(index.row())
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return None

    def text(self, row: int) -> str:
        cached = self._texts.get(row)
        if cached is None:
            cached = self._texts[row] = self._format(self.items[row])
        return cached

    def _format(self, item: SessionListItem) -> str:
        if self._formatter is None or self._formatter[0] != self.tr_ui.code:
            self._formatter = (self.tr_ui.code, Formatter(self.tr_ui.code))
        formatter = self._formatter[1]
        t = self.tr_ui
        status = " ".join(
            [t.gettext("oefening")] * item.practice
            + [t.gettext("afgerond")] * (item.status == "completed")
        )
        text = t.format(
            "{code} · {language} · laatst bewaard {saved}",
            # Isolated, so a Latin code and digits keep their order in right-to-left text.
            code=f"\u2068{item.code}\u2069",
            language=f"\u2068{item.client_language}\u2069",
            saved=f"\u2068{formatter.datetime(item.updated_at)}\u2069",
        )
        return f"{text}  {status}".strip()
