"""The provisions check in the panel (toeslagen, kwijtschelding, …): one row per provision.

"Bewaren" stores every row at once. What is stored is listed above the rows, and each
stored check can be changed (its row takes focus, "Wijziging bewaren" stores that one) or
deleted after a confirmation (issue 13); both go through the gate like the other records.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QListWidgetItem

from intake_app.core.flow import Card, Flow
from intake_app.core.model import IntakeSession, Owner, ProvisionCheck, ProvisionStatus
from intake_app.i18n.translator import N_, Translator
from intake_app.services.dto import SessionState
from intake_app.ui.controller import IntakeController
from intake_app.ui.record_form import LABELS, RecordForm


class ProvisionsForm(RecordForm):
    def __init__(self, controller: IntakeController, t: Translator, flow: Flow) -> None:
        super().__init__(controller, t)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.add_text = N_("Bewaren")
        self.text(self.add_button.setText, self.add_text)
        self.labels = {provision.id: provision.label for provision in flow.provisions}
        self.rows: dict[str, tuple[QComboBox, QComboBox]] = {}
        for provision in flow.provisions:
            status = self.combo([s.value for s in ProvisionStatus])
            owner = self.combo([o.value for o in Owner])
            # Two combo boxes on one row: the row label names the first (its buddy), a
            # description tells a screen reader what the second is about.
            self.text(owner.setAccessibleDescription, N_("Wie"))
            row = QHBoxLayout()
            row.addWidget(status, 1)
            row.addWidget(owner)
            row_label = self.label(provision.label)
            row_label.setBuddy(status)
            self.form.addRow(row_label, row)
            self.rows[provision.id] = (status, owner)
        self._reset_rows()

    def _reset_rows(self) -> None:
        for status, owner in self.rows.values():
            status.setCurrentIndex(status.findData(ProvisionStatus.UNKNOWN.value))
            owner.setCurrentIndex(0)

    def show_state(self, state: SessionState, card: Card) -> None:
        """The stored checks in the list and in their rows; the others back to "unknown"."""
        self.card = card
        self.items.clear()
        self.stored = self.records(state.record) if state.record is not None else []
        self._reset_rows()
        for check in self.stored:
            self.items.addItem(QListWidgetItem(self.describe_one(check)))
            status, owner = self.rows[check.provision_id]
            status.setCurrentIndex(status.findData(check.status.value))
            if check.owner is not None:
                owner.setCurrentIndex(owner.findData(check.owner.value))
        self.items.setVisible(bool(self.stored))
        stored_ids = {check.provision_id for check in self.stored}
        if self.editing is not None and self.editing.provision_id not in stored_ids:
            self.stop_edit()  # deleted meanwhile
        self._enable_record_buttons()

    def records(self, session: IntakeSession) -> list[Any]:
        # Only provisions of this content: a check for one removed since stays in the file.
        return [check for check in session.provisions if check.provision_id in self.rows]

    def describe_one(self, record: Any) -> str:
        t = self.t
        what = t.gettext(self.labels.get(record.provision_id, record.provision_id))
        text = f"{what}: {t.gettext(LABELS.get(record.status.value, record.status.value))}"
        if record.owner is not None:
            text += f" ({t.gettext(LABELS.get(record.owner.value, record.owner.value))})"
        return text

    def load(self, record: Any) -> None:
        status, _owner = self.rows[record.provision_id]
        status.setFocus(Qt.FocusReason.OtherFocusReason)

    def removal(self, record: Any) -> Callable[..., SessionState]:
        provision_id = record.provision_id
        return lambda s, sid: s.remove_provision(sid, provision_id)

    def _check(self, provision_id: str) -> ProvisionCheck:
        status, owner = self.rows[provision_id]
        return ProvisionCheck(
            provision_id, ProvisionStatus(status.currentData()), Owner(owner.currentData())
        )

    def operation(self) -> Callable[..., SessionState]:
        if self.editing is not None:  # "Wijziging bewaren": only the check being changed
            row = self._check(self.editing.provision_id)
            changed = dataclasses.replace(self.editing, status=row.status, owner=row.owner)
            return lambda s, sid: s.set_provision(sid, changed)
        checks = [self._check(pid) for pid in self.rows]

        def save(service: object, session_id: int) -> SessionState:
            state = None
            for check in checks:
                state = service.set_provision(session_id, check)  # type: ignore[attr-defined]
            assert state is not None
            return state

        return save

    def reset(self) -> None:
        """After a save or a cancel the rows show what is stored (not blank)."""
        if self.controller.state is not None and self.card is not None:
            self.show_state(self.controller.state, self.card)
