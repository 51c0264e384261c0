"""The referral directory (sociale kaart, REF-02), kept by the coordinator."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.directory import Organisation
from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import N_, Translator
from intake_app.services.directory import DirectoryService
from intake_app.ui.widgets import named


def _codes(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


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
        self.languages = QLineEdit()
        self.languages.setPlaceholderText("nl, ar, tr")
        self.genders = QLineEdit()
        self.genders.setPlaceholderText("female, male")
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
        for box in (
            self.formal,
            self.evening,
            self.own_community,
            self.consent_needed,
            self.active,
        ):
            self.form.addRow("", box)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.clear_form)
        self.save_button = named(QPushButton(), "Primary")
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.save_button)
        editor = QVBoxLayout()
        editor.addLayout(self.form)
        editor.addLayout(buttons)
        editor.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(editor, 1)
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
        self.languages.setText(", ".join(org.languages))
        self.genders.setText(", ".join(org.contact_genders))
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
        for field in (self.name, self.kind, self.languages, self.genders, self.neighbourhood,
                      self.channel, self.contact):  # fmt: skip
            field.clear()
        self.formal.setChecked(True)
        self.evening.setChecked(False)
        self.own_community.setChecked(False)
        self.consent_needed.setChecked(True)
        self.active.setChecked(True)

    def save(self) -> None:
        org = Organisation(
            name=self.name.text().strip(), formal=self.formal.isChecked(),
            kind=self.kind.text().strip(), languages=_codes(self.languages.text()),
            contact_genders=_codes(self.genders.text()),
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

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.heading.setText(t.gettext("Sociale kaart: organisaties om naar te verwijzen"))
        for key, text in {
            "name": N_("Naam"), "kind": N_("Soort hulp"), "languages": N_("Talen (codes)"),
            "genders": N_("Contactpersonen (female/male)"), "neighbourhood": N_("Wijk"),
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
