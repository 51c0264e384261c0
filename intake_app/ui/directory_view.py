"""The referral directory (sociale kaart, REF-02), kept by the coordinator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.directory import Organisation
from intake_app.core.errors import IntakeError
from intake_app.i18n.languages import language
from intake_app.i18n.translator import N_, Translator
from intake_app.services.directory import DirectoryService
from intake_app.services.directory_codes import (
    GENDER_CODES,
    GENDER_LABELS,
    LANGUAGE_CODES,
    read_directory_csv,
)
from intake_app.ui.widgets import named


class CodeChoices(QWidget):
    """Checkboxes for the codes of one list, in a grid: a code is chosen, never typed."""

    def __init__(self, codes: tuple[str, ...], columns: int) -> None:
        super().__init__()
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, code in enumerate(codes):
            box = QCheckBox()
            box.setObjectName(f"code_{code}")
            self.boxes[code] = box
            grid.addWidget(box, index // columns, index % columns)

    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())

    def set_codes(self, codes: tuple[str, ...]) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in codes)

    def label(self, label: Callable[[str], str]) -> None:
        for code, box in self.boxes.items():
            box.setText(label(code))


class DirectoryView(QWidget):
    failed = Signal(str)

    def __init__(self, service: DirectoryService, translator: Translator) -> None:
        super().__init__()
        self.service = service
        self.tr_ui = translator
        self.organisations: list[Organisation] = []
        self.editing: Organisation | None = None
        self.heading = named(QLabel(), "PanelHeading")
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._select)
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.kind = QLineEdit()
        self.kind.setMaxLength(60)
        # Codes are chosen from their lists (issue 13): "vrouw, man" can no longer be typed.
        self.languages = CodeChoices(LANGUAGE_CODES, columns=3)
        self.genders = CodeChoices(GENDER_CODES, columns=2)
        self.neighbourhood = QLineEdit()
        self.channel = QLineEdit()
        self.contact = QLineEdit()
        self.formal = QCheckBox()
        self.evening = QCheckBox()
        self.own_community = QCheckBox()
        self.consent_needed = QCheckBox()
        self.active = QCheckBox()
        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for key, widget in [
            ("name", self.name), ("kind", self.kind), ("languages", self.languages),
            ("genders", self.genders), ("neighbourhood", self.neighbourhood),
            ("channel", self.channel), ("contact", self.contact),
        ]:  # fmt: skip
            label = QLabel()
            label.setBuddy(widget)
            self.labels[key] = label
            self.form.addRow(label, widget)
        # The yes/no facts two by two: the form fits a 1366x698 laptop without squeezing.
        flags = QGridLayout()
        flags.setContentsMargins(0, 0, 0, 0)
        boxes = (self.formal, self.evening, self.own_community, self.consent_needed, self.active)
        for index, box in enumerate(boxes):
            flags.addWidget(box, index // 2, index % 2)
        self.form.addRow("", flags)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.clear_form)
        self.save_button = named(QPushButton(), "Primary")
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.ask_import)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.save_button)
        editor_page = QWidget()
        editor = QVBoxLayout(editor_page)
        editor.setContentsMargins(0, 0, 0, 0)
        editor.addLayout(self.form)
        editor.addLayout(buttons)
        editor.addStretch(1)
        # A smaller screen scrolls the form instead of squeezing its rows into each other.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(editor_page)
        body = QHBoxLayout()
        body.addWidget(self.list, 2)
        body.addWidget(scroll, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(self.heading)
        layout.addLayout(body, 1)
        self.clear_form()
        self.retranslate_ui()

    def refresh(self) -> None:
        try:
            self.organisations = self.service.organisations()
        except IntakeError as exc:
            self.failed.emit(exc.render(self.tr_ui.gettext))
            return
        self.list.clear()
        for org in self.organisations:
            kind = self.tr_ui.gettext("formeel") if org.formal else self.tr_ui.gettext("informeel")
            item = QListWidgetItem(f"{org.name} · {kind}" + ("" if org.active else " · (uit)"))
            item.setData(Qt.ItemDataRole.UserRole, org.id)
            self.list.addItem(item)

    def _select(self, row: int) -> None:
        if not 0 <= row < len(self.organisations):
            return
        org = self.organisations[row]
        self.editing = org
        self.name.setText(org.name)
        self.kind.setText(org.kind)
        self.languages.set_codes(org.languages)
        self.genders.set_codes(org.contact_genders)
        self.neighbourhood.setText(org.neighbourhood)
        self.channel.setText(org.channel)
        self.contact.setText(org.contact)
        self.formal.setChecked(org.formal)
        self.evening.setChecked(org.evening_hours)
        self.own_community.setChecked(org.own_community)
        self.consent_needed.setChecked(org.consent_needed)
        self.active.setChecked(org.active)

    def clear_form(self) -> None:
        self.editing = None
        self.list.clearSelection()
        for field in (self.name, self.kind, self.neighbourhood, self.channel, self.contact):
            field.clear()
        self.languages.set_codes(())
        self.genders.set_codes(())
        self.formal.setChecked(True)
        self.evening.setChecked(False)
        self.own_community.setChecked(False)
        self.consent_needed.setChecked(True)
        self.active.setChecked(True)

    def save(self) -> None:
        org = Organisation(
            name=self.name.text().strip(), formal=self.formal.isChecked(),
            kind=self.kind.text().strip(), languages=self.languages.codes(),
            contact_genders=self.genders.codes(),
            neighbourhood=self.neighbourhood.text().strip(), channel=self.channel.text().strip(),
            evening_hours=self.evening.isChecked(), consent_needed=self.consent_needed.isChecked(),
            own_community=self.own_community.isChecked(), contact=self.contact.text().strip(),
            active=self.active.isChecked(), id=self.editing.id if self.editing else None,
        )  # fmt: skip
        try:
            self.service.save(org)
        except IntakeError as exc:
            self.failed.emit(exc.render(self.tr_ui.gettext))
            return
        self.refresh()
        self.clear_form()

    def remove(self) -> None:
        if self.editing is None or self.editing.id is None:
            return
        try:
            self.service.remove(self.editing.id)
        except IntakeError as exc:
            self.failed.emit(exc.render(self.tr_ui.gettext))
            return
        self.refresh()
        self.clear_form()

    def ask_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr_ui.gettext("Sociale kaart inlezen"),
            "",
            self.tr_ui.gettext("CSV-bestanden (*.csv)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> int:
        """Add the organisations of a CSV file; a bad line refuses the whole file in one
        sentence and saves nothing. Each save passes the gate (directory_changed)."""
        try:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise IntakeError(
                    N_("Het bestand {path} kon niet gelezen worden."), path=path.name
                ) from exc
            found = read_directory_csv(text)
            for organisation in found:
                self.service.save(organisation)
        except IntakeError as exc:
            self.failed.emit(exc.render(self.tr_ui.gettext))
            return 0
        self.refresh()
        return len(found)

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.heading.setText(t.gettext("Sociale kaart: organisaties om naar te verwijzen"))
        for key, text in {
            "name": N_("Naam"), "kind": N_("Soort hulp"), "languages": N_("Talen"),
            "genders": N_("Contactpersonen"), "neighbourhood": N_("Wijk"),
            "channel": N_("Bereikbaar via"), "contact": N_("Contact"),
        }.items():  # fmt: skip
            self.labels[key].setText(t.gettext(text))
        self.formal.setText(t.gettext("Formele organisatie"))
        self.evening.setText(t.gettext("Ook 's avonds open"))
        self.own_community.setText(t.gettext("Uit of voor een eigen gemeenschap"))
        self.consent_needed.setText(t.gettext("Toestemming nodig voor overdracht"))
        self.active.setText(t.gettext("Actief"))
        self.new_button.setText(t.gettext("Nieuw"))
        self.save_button.setText(t.gettext("Bewaren"))
        self.remove_button.setText(t.gettext("Verwijderen"))
        self.import_button.setText(t.gettext("Inlezen uit bestand…"))
        self.languages.label(lambda code: t.gettext(language(code).dutch_name))
        self.genders.label(lambda code: t.gettext(GENDER_LABELS[code]))
