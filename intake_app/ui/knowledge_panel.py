"""Knowledge at hand in the counsellor's panel (ORG-03, GEN-10, PRV-09) and the phrase bank
of describing, not judging sentences (INT-14).

``KnowledgePanel`` shows the knowledge cards that belong to the card on screen (the topic's
``cards:`` in resources/content/knowledge.yaml); typing in the search field searches them
all. Keys: Ctrl+K jumps to the search field from anywhere in the intake screen; Down moves
into the list; Enter opens a topic. The phrase list inserts the chosen sentence into the
note with Enter (or "In notitie"). ``JudgingWords`` marks judging words in the note, so the
counsellor can choose other words; the note is never printed either way.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.content.knowledge import Knowledge, KnowledgeTopic
from intake_app.i18n.translator import Translator
from intake_app.ui import pictograms
from intake_app.ui.accessibility import set_name
from intake_app.ui.widgets import named

ICON_SIZE = 20
SELECTABLE = (
    Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
)
LIST_HEIGHT = 120


class JudgingWords(QSyntaxHighlighter):
    """Wavy orange underline under judging words (INT-14, optional help, never a block)."""

    def __init__(self, document: QTextDocument, knowledge: Knowledge) -> None:
        super().__init__(document)
        self.knowledge = knowledge
        self.mark = QTextCharFormat()
        self.mark.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.mark.setUnderlineColor(QColor("#C05A00"))
        self.mark.setBackground(QColor("#FFF1DC"))

    def highlightBlock(self, text: str) -> None:
        for start, end in self.knowledge.judging_spans(text):
            self.setFormat(start, end - start, self.mark)


class _DownToList(QObject):
    """Down in the search field moves to the list; Enter opens the first result."""

    def __init__(self, panel: KnowledgePanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            topics = self.panel.topics
            if event.key() == Qt.Key.Key_Down and topics.count():
                topics.setFocus()
                topics.setCurrentRow(0)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and topics.count():
                self.panel.open_topic(str(topics.item(0).data(Qt.ItemDataRole.UserRole)))
                return True
        return False


class KnowledgePanel(QWidget):
    """Knowledge cards for this step, a search over all of them, and the phrase bank."""

    def __init__(self, translator: Translator, note: QPlainTextEdit) -> None:
        super().__init__()
        self.tr_ui = translator
        self.note = note
        self.knowledge = Knowledge()
        self.card_id: str | None = None
        self.shown: KnowledgeTopic | None = None
        self.highlighter: JudgingWords | None = None

        self.heading = named(QLabel(), "PanelHeading")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._fill())
        self.search.installEventFilter(_DownToList(self))
        self.topics = QListWidget()
        self.topics.setMaximumHeight(LIST_HEIGHT)
        self.topics.itemActivated.connect(
            lambda item: self.open_topic(str(item.data(Qt.ItemDataRole.UserRole)))
        )
        self.none_label = named(QLabel(), "Tip", wrap=True)
        self.topic_title = named(QLabel(), "PanelHeading", wrap=True)
        self.topic_text = named(QLabel(), "Tip", wrap=True)
        for label in (self.topic_title, self.topic_text):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(SELECTABLE)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close_topic)

        self.phrase_heading = named(QLabel(), "PanelHeading")
        self.phrases = QListWidget()
        self.phrases.setMaximumHeight(LIST_HEIGHT)
        self.phrases.setWordWrap(True)
        # Long sentences wrap inside the panel's width instead of scrolling sideways.
        self.phrases.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.phrases.setResizeMode(QListView.ResizeMode.Adjust)
        self.phrases.itemActivated.connect(lambda _item: self.insert_phrase())
        self.insert_button = QPushButton()
        self.insert_button.clicked.connect(self.insert_phrase)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for widget in (self.heading, self.search, self.topics, self.none_label,
                       self.topic_title, self.topic_text, self.close_button,
                       self.phrase_heading, self.phrases, self.insert_button):  # fmt: skip
            layout.addWidget(widget)
        self.close_topic()
        self.retranslate_ui(translator)

    def install_shortcut(self, owner: QWidget) -> QShortcut:
        """Ctrl+K: to the search field from anywhere in the window, while ``owner`` (the
        panel) is shown; a hidden panel's shortcut does not fire."""
        shortcut = QShortcut(QKeySequence("Ctrl+K"), owner)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.focus_search)
        return shortcut

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- content ------------------------------------------------------------------------
    def set_knowledge(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.highlighter = JudgingWords(self.note.document(), knowledge)
        self._fill()
        self._fill_phrases()

    def show_card(self, card_id: str | None) -> None:
        if card_id != self.card_id:
            self.card_id = card_id
            self._fill()

    def _fill(self) -> None:
        t = self.tr_ui
        query = self.search.text().strip()
        found = (
            self.knowledge.search(query, t.gettext)
            if query
            else self.knowledge.for_card(self.card_id)
        )
        self.topics.clear()
        for topic in found:
            item = QListWidgetItem(
                pictograms.icon(topic.pictogram, ICON_SIZE), t.gettext(topic.title)
            )
            item.setData(Qt.ItemDataRole.UserRole, topic.id)
            self.topics.addItem(item)
        self.topics.setVisible(bool(found))
        if query:
            none = t.gettext("Geen kenniskaart gevonden.")
        else:
            none = t.gettext("Geen kenniskaart bij deze stap. Zoek met Ctrl+K.")
        self.none_label.setText(none)
        self.none_label.setVisible(not found)
        self.heading.setText(
            t.format("Kenniskaarten: {count} gevonden", count=len(found))
            if query
            else t.gettext("Kennis bij deze stap")
        )

    def _fill_phrases(self) -> None:
        t = self.tr_ui
        row = max(self.phrases.currentRow(), 0)
        self.phrases.clear()
        for phrase in self.knowledge.phrases:
            item = QListWidgetItem(t.gettext(phrase.text))
            item.setData(Qt.ItemDataRole.UserRole, phrase.id)
            item.setToolTip(t.format("In plaats van: {judging}", judging=t.gettext(phrase.instead)))
            self.phrases.addItem(item)
        if self.phrases.count():
            self.phrases.setCurrentRow(min(row, self.phrases.count() - 1))

    # -- actions ------------------------------------------------------------------------
    def open_topic(self, topic_id: str, *, focus: bool = True) -> None:
        t = self.tr_ui
        topic = self.knowledge.topic(topic_id)
        self.shown = topic
        self.topic_title.setText(t.gettext(topic.title))
        body = [t.gettext(topic.text)]
        if topic.tips:
            body += ["", t.gettext("Wat kunt u doen?")]
            body += ["- " + t.gettext(tip) for tip in topic.tips]
        self.topic_text.setText("\n".join(body))
        set_name(self.topic_text, t.gettext(topic.title))
        for widget in (self.topic_title, self.topic_text, self.close_button):
            widget.show()
        # The text is read from the keyboard too: focus goes to it, Tab to "Sluiten".
        self.topic_text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if focus:
            self.topic_text.setFocus()

    def close_topic(self) -> None:
        self.shown = None
        for widget in (self.topic_title, self.topic_text, self.close_button):
            widget.hide()

    def insert_phrase(self) -> None:
        item = self.phrases.currentItem()
        if item is None:
            return
        cursor = self.note.textCursor()
        text = self.note.toPlainText()
        before = text[: cursor.position()]
        # A sentence of its own: a space after the previous sentence, none at the start.
        glue = " " if before and not before.endswith((" ", "\n")) else ""
        cursor.insertText(glue + item.text())
        self.note.setTextCursor(cursor)
        self.note.setFocus()

    def clear_sensitive(self) -> None:
        self.search.clear()
        self.close_topic()

    def retranslate_ui(self, translator: Translator) -> None:
        self.tr_ui = t = translator
        self.search.setPlaceholderText(t.gettext("Zoek in kenniskaarten (Ctrl+K)"))
        set_name(self.search, t.gettext("Zoek in kenniskaarten (Ctrl+K)"))
        set_name(self.topics, t.gettext("Kenniskaarten"), t.gettext("Enter opent de kaart."))
        self.close_button.setText(t.gettext("Kenniskaart sluiten"))
        self.phrase_heading.setText(t.gettext("Zinnen zonder oordeel"))
        set_name(
            self.phrases,
            t.gettext("Zinnen zonder oordeel"),
            t.gettext("Enter zet de zin in de notitie."),
        )
        self.insert_button.setText(t.gettext("Zin in notitie zetten"))
        self.insert_button.setToolTip(t.gettext("Enter in de lijst doet hetzelfde."))
        self._fill()
        self._fill_phrases()
        if self.shown is not None:  # retranslated, not reopened: focus stays where it is
            self.open_topic(self.shown.id, focus=False)
