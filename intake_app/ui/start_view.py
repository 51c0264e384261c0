"""The start screen: earlier conversations to resume, and a new one to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.i18n.formatting import Formatter
from intake_app.i18n.status import ReviewStatus
from intake_app.i18n.translator import Translator
from intake_app.services.dto import SessionListItem
from intake_app.ui.language_picker import LanguagePicker, ReviewStatusLabel
from intake_app.ui.widgets import named


def latest_unfinished(items: list[SessionListItem]) -> SessionListItem | None:
    """The most recently saved session that is not finished: the one to offer to resume.

    Not finished: paused, or not completed and still positioned on a card.
    """
    open_items = [
        i
        for i in items
        if i.status == "paused" or (i.status != "completed" and i.current_card is not None)
    ]
    return max(open_items, key=lambda item: item.updated_at, default=None)


class StartView(QWidget):
    new_requested = Signal(str, bool)  # client language code, practice mode
    resume_requested = Signal(int)  # session id
    export_requested = Signal(int)  # session id
    import_requested = Signal()

    def __init__(self, translator: Translator) -> None:
        super().__init__()
        self.setObjectName("StartView")
        self.tr_ui = translator
        self.items: list[SessionListItem] = []
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
        self.sessions = QListWidget()
        self.list_heading.setBuddy(self.sessions)  # the heading names the list
        self.sessions.itemActivated.connect(self._resume_item)
        self.resume_button = QPushButton()
        self.resume_button.clicked.connect(self._resume_selected)
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
        layout.addWidget(self.list_heading)
        layout.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.sessions, 1)
        resume_row = QHBoxLayout()
        resume_row.addWidget(self.import_button)
        resume_row.addWidget(self.export_button)
        resume_row.addStretch(1)
        resume_row.addWidget(self.resume_button)
        layout.addLayout(resume_row)
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
        self.review_status.tr_ui = translator
        self.language.set_translator(translator)
        self.retranslate_ui()

    def show_sessions(self, items: list[SessionListItem]) -> None:
        self.items = items
        self.sessions.clear()
        formatter = Formatter(self.tr_ui.code)
        for item in items:
            saved = formatter.datetime(item.updated_at)
            status = " ".join(
                [self.tr_ui.gettext("oefening")] * item.practice
                + [self.tr_ui.gettext("afgerond")] * (item.status == "completed")
            )
            text = self.tr_ui.format(
                "{code} · {language} · laatst bewaard {saved}",
                code=f"\u2068{item.code}\u2069",
                language=f"\u2068{item.client_language}\u2069",
                saved=f"\u2068{saved}\u2069",
            )
            entry = QListWidgetItem(f"{text}  {status}".strip())
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.sessions.addItem(entry)
        if items:
            self.sessions.setCurrentRow(0)
        self.empty.setVisible(not items)
        self.sessions.setVisible(bool(items))
        self.resume_button.setEnabled(bool(items))
        self.export_button.setEnabled(bool(items))
        self.offered = latest_unfinished(items)
        self.resume_box.setVisible(self.offered is not None)
        if self.offered is not None:
            self.resume_text.setText(
                self.tr_ui.format(
                    "Er is een gesprek dat nog niet klaar is: {code}. Laatst bewaard {saved}.",
                    # Isolated, so a Latin code and digits keep their order in Arabic text.
                    code=f"\u2068{self.offered.code}\u2069",
                    saved=f"\u2068{formatter.datetime(self.offered.updated_at)}\u2069",
                )
            )

    def show_notice(self, text: str) -> None:
        """A storage warning (for example: the database is in a synced folder)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _resume_offered(self) -> None:
        if self.offered is not None:
            self.resume_requested.emit(self.offered.id)

    def _export_selected(self) -> None:
        item = self.sessions.currentItem()
        if item is not None:
            self.export_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def clear_sensitive(self) -> None:
        """Auto-lock: forget the list of conversations (codes and dates)."""
        self.items = []
        self.sessions.clear()
        self.offered = None
        self.resume_box.hide()

    def restore(self) -> None:
        """After unlocking the main window lists the conversations again from the database."""

    def _resume_item(self, item: QListWidgetItem) -> None:
        self.resume_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _resume_selected(self) -> None:
        item = self.sessions.currentItem()
        if item is not None:
            self._resume_item(item)

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
        self.show_sessions(self.items)
