"""Counsellor profiles and suggested matching (ORG-05), for the coordinator.

The table shows every colleague who holds conversations with the languages and gender in
their profile and how many conversations they opened recently (the load). The suggestion
below lists who could take a conversation in a language, the least loaded first, and says
plainly that it assigns nobody and that colleagues are never interpreters.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.errors import IntakeError
from intake_app.core.team import GENDER_LABELS, CounsellorGender, CounsellorProfile
from intake_app.i18n.languages import LANGUAGES
from intake_app.i18n.translator import Translator
from intake_app.services.team import LOAD_DAYS, TeamService
from intake_app.ui.widgets import named

LANGUAGE_NAMES = {language.code: language.dutch_name for language in LANGUAGES}


class ProfileView(QWidget):
    failed = Signal(str)
    saved = Signal(str)

    def __init__(self, service: TeamService, translator: Translator) -> None:
        super().__init__()
        self.service = service
        self.tr_ui = translator
        self.profiles: list[CounsellorProfile] = []
        self.names: dict[str, str] = {}
        self.load: dict[str, int] = {}
        self.heading = named(QLabel(), "PanelHeading")
        self.table = QTableWidget(0, 4)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the languages
        self.table.verticalHeader().setVisible(False)
        self.table.currentCellChanged.connect(lambda row, *_: self._select(row))
        # The editor of the chosen colleague.
        self.languages_label = QLabel()
        self.languages = QListWidget()
        for language in LANGUAGES:
            item = QListWidgetItem(language.dutch_name)
            item.setData(Qt.ItemDataRole.UserRole, language.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.languages.addItem(item)
        # All nine languages in two rows, not a long scrolling list.
        self.languages.setFlow(QListView.Flow.LeftToRight)
        self.languages.setWrapping(True)
        self.languages.setResizeMode(QListView.ResizeMode.Adjust)
        self.languages.setMaximumHeight(76)
        self.languages_label.setBuddy(self.languages)
        self.gender_label = QLabel()
        self.gender = QComboBox()
        for gender in CounsellorGender:
            self.gender.addItem("", gender.value)
        self.gender_label.setBuddy(self.gender)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        editor = QFormLayout()
        editor.addRow(self.languages_label, self.languages)
        editor.addRow(self.gender_label, self.gender)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        editor.addRow("", save_row)
        # The suggestion.
        self.suggest_heading = named(QLabel(), "PanelHeading")
        self.suggest_language = QComboBox()
        for language in LANGUAGES:
            self.suggest_language.addItem(language.dutch_name, language.code)
        self.suggest_gender = QComboBox()
        self.suggest_gender.addItem("", "")
        self.suggest_gender.addItem("", CounsellorGender.FEMALE.value)
        self.suggest_gender.addItem("", CounsellorGender.MALE.value)
        self.suggest_button = QPushButton()
        self.suggest_button.clicked.connect(self.show_suggestions)
        self.suggestions = QListWidget()
        self.suggestions.setMaximumHeight(110)
        self.rule = named(QLabel(), "", wrap=True)
        row = QHBoxLayout()
        row.addWidget(self.suggest_language)
        row.addWidget(self.suggest_gender)
        row.addWidget(self.suggest_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(editor)
        layout.addWidget(self.suggest_heading)
        layout.addLayout(row)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.rule)
        self.retranslate_ui()

    # -- data -------------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            self.profiles = self.service.profiles()
            self.names = self.service.names()
            self.load = self.service.load()
        except IntakeError as exc:
            self.failed.emit(exc.render(self.tr_ui.gettext))
            return
        t = self.tr_ui
        current = self.table.currentRow()
        self.table.setRowCount(len(self.profiles))
        for r, profile in enumerate(self.profiles):
            languages = ", ".join(t.gettext(LANGUAGE_NAMES[c]) for c in profile.languages)
            cells = (
                self.names.get(profile.username, profile.username),
                languages or "–",
                t.gettext(GENDER_LABELS[profile.gender]),
                str(self.load.get(profile.username, 0)),
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if self.profiles:
            self.table.setCurrentCell(max(0, min(current, len(self.profiles) - 1)), 0)

    def _select(self, row: int) -> None:
        if not 0 <= row < len(self.profiles):
            return
        profile = self.profiles[row]
        for i in range(self.languages.count()):
            item = self.languages.item(i)
            code = item.data(Qt.ItemDataRole.UserRole)
            checked = code in profile.languages
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.gender.setCurrentIndex(self.gender.findData(profile.gender.value))

    def save(self) -> CounsellorProfile | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.profiles):
            return None
        codes = [
            str(self.languages.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.languages.count())
            if self.languages.item(i).checkState() == Qt.CheckState.Checked
        ]
        try:
            saved = self.service.save_profile(
                self.profiles[row].username, codes, CounsellorGender(self.gender.currentData())
            )
        except IntakeError as exc:
            self.failed.emit(exc.render(self.tr_ui.gettext))
            return None
        self.refresh()
        self.saved.emit(self.tr_ui.gettext("Het profiel is bewaard."))
        return saved

    def show_suggestions(self) -> None:
        t = self.tr_ui
        gender = str(self.suggest_gender.currentData() or "") or None
        try:
            found = self.service.suggestions(str(self.suggest_language.currentData()), gender)
        except IntakeError as exc:
            self.failed.emit(exc.render(t.gettext))
            return
        self.suggestions.clear()
        for suggestion in found:
            text = t.ngettext(
                "{name}: {count} gesprek geopend in {days} dagen",
                "{name}: {count} gesprekken geopend in {days} dagen",
                suggestion.load,
            ).format(name=suggestion.display_name, count=suggestion.load, days=LOAD_DAYS)
            if suggestion.heavy:
                text += " – " + t.gettext("draagt al veel: liever een ander")
            self.suggestions.addItem(text)
        if not found:
            self.suggestions.addItem(
                t.gettext("Niemand in het team past hierbij. Zet een tolk in.")
            )

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.heading.setText(t.gettext("Profielen van collega's"))
        self.table.setHorizontalHeaderLabels(
            [
                t.gettext("Collega"),
                t.gettext("Talen"),
                t.gettext("Gender"),
                t.format("Geopend in {days} dagen", days=LOAD_DAYS),
            ]
        )
        self.languages_label.setText(t.gettext("Voert gesprekken in:"))
        self.gender_label.setText(t.gettext("Gender:"))
        for i, gender in enumerate(CounsellorGender):
            self.gender.setItemText(i, t.gettext(GENDER_LABELS[gender]))
        self.save_button.setText(t.gettext("Profiel opslaan"))
        self.suggest_heading.setText(t.gettext("Wie zou dit gesprek kunnen doen?"))
        self.suggest_language.setAccessibleName(t.gettext("Taal van de cliënt"))
        self.suggest_gender.setAccessibleName(t.gettext("Voorkeur van de cliënt"))
        self.suggest_gender.setItemText(0, t.gettext("Geen voorkeur"))
        self.suggest_gender.setItemText(1, t.gettext("Vrouw"))
        self.suggest_gender.setItemText(2, t.gettext("Man"))
        self.suggest_button.setText(t.gettext("Suggesties tonen"))
        self.rule.setText(
            t.gettext(
                "Dit is alleen een suggestie: de app wijst niemand toe. Wie al veel gesprekken "
                "heeft, staat achteraan, zodat collega's met een migratieachtergrond niet alle "
                "cliënten uit hun gemeenschap krijgen. Vraag een collega nooit om te tolken: "
                "zet een tolk in."
            )
        )
