"""The start screen: earlier conversations to resume, and a new one to begin."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.i18n.formatting import Formatter
from intake_app.i18n.status import ReviewStatus
from intake_app.i18n.translator import Translator
from intake_app.services.dto import SessionListItem, SessionPage
from intake_app.ui.language_picker import LanguagePicker, ReviewStatusLabel
from intake_app.ui.session_list_model import (
    PAGE_SIZE,
    FetchPage,
    SessionListing,
    SessionListModel,
)
from intake_app.ui.widgets import named


class StartView(QWidget):
    new_requested = Signal(str, bool)  # client language code, practice mode
    resume_requested = Signal(int)  # session id
    export_requested = Signal(int)  # session id
    import_requested = Signal()

    def __init__(self, translator: Translator) -> None:
        super().__init__()
        self.setObjectName("StartView")
        self.tr_ui = translator
        self.title = named(QLabel(), "AppTitle")
        self.intro = named(QLabel(), "", wrap=True)
        self.language_label = QLabel()
        self.language = LanguagePicker(ui=translator)
        self.language_label.setBuddy(self.language)
        # The counsellor sees whether the chosen language is a checked or a draft translation.
        self.review_status = ReviewStatusLabel(translator, {})
        self.language.currentIndexChanged.connect(
            lambda _i: self.review_status.show_language(self.language.current_code())
        )
        self.new_button = named(QPushButton(), "Primary")
        self.practice = QCheckBox()
        self.new_button.clicked.connect(
            lambda: self.new_requested.emit(self.language.current_code(), self.practice.isChecked())
        )
        self.list_heading = named(QLabel(), "PanelHeading")
        # Search by code: the list itself shows only the most recent page (issue 16).
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)  # wait for a pause in typing, then query once
        self._search_timer.timeout.connect(self._search_now)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.model = SessionListModel(translator)
        self.sessions = QListView()
        self.sessions.setModel(self.model)
        self.sessions.setUniformItemSizes(True)  # no per-row size query: fast with many rows
        self.sessions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sessions.activated.connect(self._resume_index)
        self.list_heading.setBuddy(self.sessions)  # the heading names the list
        self.resume_button = QPushButton()
        self.resume_button.clicked.connect(self._resume_selected)
        # Only what can do something is enabled: with nothing chosen there is nothing to resume.
        self.sessions.selectionModel().currentChanged.connect(
            lambda _now, _before: self._enable_list_buttons()
        )
        self.empty = QLabel()
        # Storage: a warning about the database's folder, the resume offer, session files.
        self.notice = named(QLabel(), "StorageNotice", wrap=True)
        self.notice.setVisible(False)
        self.resume_box = named(QFrame(), "ResumeOffer")
        self.resume_text = named(QLabel(), "ResumeText", wrap=True)
        self.resume_latest = named(QPushButton(), "Primary")
        self.resume_latest.clicked.connect(self._resume_offered)
        resume_layout = QHBoxLayout(self.resume_box)
        resume_layout.addWidget(self.resume_text, 1)
        resume_layout.addWidget(self.resume_latest)
        self.resume_box.setVisible(False)
        self.offered: SessionListItem | None = None
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._export_selected)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_requested.emit)

        new_row = QHBoxLayout()
        new_row.addWidget(self.language_label)
        new_row.addWidget(self.language)
        new_row.addStretch(1)
        new_row.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.notice)
        layout.addWidget(self.resume_box)
        layout.addWidget(self.intro)
        layout.addLayout(new_row)
        layout.addWidget(self.practice, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.review_status)
        layout.addSpacing(16)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.list_heading, 1)
        heading_row.addWidget(self.search_label)
        heading_row.addWidget(self.search)
        layout.addLayout(heading_row)
        layout.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.sessions, 1)
        resume_row = QHBoxLayout()
        resume_row.addWidget(self.import_button)
        resume_row.addWidget(self.export_button)
        resume_row.addStretch(1)
        resume_row.addWidget(self.resume_button)
        layout.addLayout(resume_row)
        self._enable_list_buttons()
        self.retranslate_ui()

    def set_languages(
        self, codes: list[str], statuses: dict[str, ReviewStatus] | None = None
    ) -> None:
        """Offer only the languages the coordinator chose, with their review status."""
        self.language.set_languages(codes)
        if statuses is not None:
            self.review_status.statuses = dict(statuses)
        self.review_status.show_language(self.language.current_code())

    def set_translator(self, translator: Translator) -> None:
        """Switch the counsellor's language live."""
        self.tr_ui = translator
        self.model.tr_ui = translator
        self.review_status.tr_ui = translator
        self.language.set_translator(translator)
        self.retranslate_ui()

    @property
    def items(self) -> list[SessionListItem]:
        """The conversations loaded so far (the first page, and any scrolled to)."""
        return self.model.items

    def set_page_source(self, fetch: FetchPage) -> None:
        """Where further pages and searches come from (the controller)."""
        self.model.fetch = fetch

    def show_sessions(self, listing: SessionListing | None) -> None:
        self.model.reset(listing.page if listing is not None else None, self.search.text())
        has_items = self.model.rowCount() > 0
        if has_items:
            self.sessions.setCurrentIndex(self.model.index(0))
        searching = bool(self.search.text().strip())
        self.empty.setVisible(not has_items)
        self.sessions.setVisible(has_items)
        self.search.setVisible(has_items or searching)
        self.search_label.setVisible(has_items or searching)
        self._enable_list_buttons()
        if listing is not None and not searching:
            self.offered = listing.latest_unfinished
        elif listing is None:
            self.offered = None
        self._show_offer()

    def _show_offer(self) -> None:
        self.resume_box.setVisible(self.offered is not None)
        if self.offered is not None:
            formatter = Formatter(self.tr_ui.code)
            self.resume_text.setText(
                self.tr_ui.format(
                    "Er is een gesprek dat nog niet klaar is: {code}. Laatst bewaard {saved}.",
                    # Isolated, so a Latin code and digits keep their order in Arabic text.
                    code=f"\u2068{self.offered.code}\u2069",
                    saved=f"\u2068{formatter.datetime(self.offered.updated_at)}\u2069",
                )
            )

    def _search_now(self) -> None:
        fetch = self.model.fetch
        if fetch is None:
            return
        search = self.search.text()

        def arrived(page: SessionPage) -> None:
            if self.search.text() == search:  # typing went on meanwhile: a newer query follows
                self.show_sessions(SessionListing(page, self.offered))

        fetch(0, PAGE_SIZE, search, arrived)

    def item_text(self, row: int) -> str:
        """The text of one row as the list shows it."""
        return self.model.text(row)

    def _enable_list_buttons(self) -> None:
        chosen = self.sessions.currentIndex().isValid()
        self.resume_button.setEnabled(chosen)
        self.export_button.setEnabled(chosen)

    def show_notice(self, text: str) -> None:
        """A storage warning (for example: the database is in a synced folder)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _resume_offered(self) -> None:
        if self.offered is not None:
            self.resume_requested.emit(self.offered.id)

    def _selected_id(self) -> int | None:
        index = self.sessions.currentIndex()
        return int(index.data(Qt.ItemDataRole.UserRole)) if index.isValid() else None

    def _export_selected(self) -> None:
        session_id = self._selected_id()
        if session_id is not None:
            self.export_requested.emit(session_id)

    def clear_sensitive(self) -> None:
        """Auto-lock: forget the list of conversations (codes and dates) and the search."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.offered = None
        self.show_sessions(None)

    def restore(self) -> None:
        """After unlocking the main window lists the conversations again from the database."""

    def _resume_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.resume_requested.emit(int(index.data(Qt.ItemDataRole.UserRole)))

    def _resume_selected(self) -> None:
        session_id = self._selected_id()
        if session_id is not None:
            self.resume_requested.emit(session_id)

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.title.setText(t.gettext("Samen kijken naar geld en post"))
        self.intro.setText(
            t.gettext("Begin een nieuw gesprek, of ga verder met een gesprek van eerder.")
        )
        self.language_label.setText(t.gettext("Taal van de klant:"))
        self.new_button.setText(t.gettext("Nieuw gesprek"))
        self.practice.setText(t.gettext("Oefenmodus (telt niet mee in de cijfers)"))
        self.list_heading.setText(t.gettext("Eerdere gesprekken"))
        self.empty.setText(t.gettext("Nog geen gesprekken."))
        self.resume_button.setText(t.gettext("Verder met dit gesprek"))
        self.review_status.retranslate_ui()
        self.resume_latest.setText(t.gettext("Verder"))
        self.export_button.setText(t.gettext("Opslaan als bestand…"))
        self.import_button.setText(t.gettext("Gesprek uit bestand inlezen…"))
        self.search_label.setText(t.gettext("Zoek op code:"))
        self.search.setPlaceholderText(t.gettext("bijvoorbeeld K-7F3A"))
        # No query: the rows on screen are formatted again in the new language.
        self.model.set_translator(t)
        self._show_offer()
