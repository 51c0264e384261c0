"""The provisions check in the panel: stored checks are listed, changed and deleted (issue 13),
each change confirmed where it cannot be undone and audited through the gate."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.flow import RecordKind
from intake_app.core.model import Owner, ProvisionStatus
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow
from intake_app.ui.provisions_form import ProvisionsForm

PASSWORD = "beheer-wachtwoord-1"


def _changed_lines(window: MainWindow, session_id: int) -> list[str]:
    return [
        e.detail
        for e in window.context.security.audit.entries()
        if e.action == "changed" and e.target == f"session:{session_id}"
    ]


def test_a_provision_check_is_listed_changed_and_deleted(gui_app, qtbot, db_url, tmp_path) -> None:
    context = DatabaseGate(db_url=db_url, data_dir=tmp_path).open_first_run(
        "beheer", "Anna", PASSWORD
    )
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.resize(1366, 698)
    window.show()
    window._start("nl")
    controller = window.controller
    sid = controller.state.id
    context.intake.confirm_trust(sid)
    controller.apply(lambda s, i: s.go_to(i, "provisions_check"))
    form = window.intake_view.panel.records.current_form()
    assert isinstance(form, ProvisionsForm)
    form = window.intake_view.panel.records.forms[RecordKind.PROVISIONS]
    assert not form.items.isVisibleTo(window)  # nothing stored yet

    status, owner = form.rows["huurtoeslag"]
    status.setCurrentIndex(status.findData(ProvisionStatus.APPLIED_TODAY.value))
    owner.setCurrentIndex(owner.findData(Owner.COUNSELLOR.value))
    form.add_button.click()
    stored = {p.provision_id: p for p in controller.state.record.provisions}
    assert stored["huurtoeslag"].status is ProvisionStatus.APPLIED_TODAY
    assert form.items.count() == len(stored) and form.items.isVisibleTo(window)
    row = [c.provision_id for c in form.stored].index("huurtoeslag")
    assert "Huurtoeslag" in form.items.item(row).text()

    # Change one: its row takes the change, only that check is saved again.
    form.items.setCurrentRow(row)
    form.edit_button.click()
    assert form.editing is not None and form.cancel_button.isVisible()
    assert form.add_button.text() == "Wijziging bewaren"
    status.setCurrentIndex(status.findData(ProvisionStatus.RECEIVES.value))
    form.add_button.click()
    stored = {p.provision_id: p for p in controller.state.record.provisions}
    assert stored["huurtoeslag"].status is ProvisionStatus.RECEIVES
    assert stored["huurtoeslag"].owner is Owner.COUNSELLOR
    assert form.editing is None and form.add_button.text() == "Bewaren"

    # Delete: asked first; "Annuleren" keeps it, "Verwijderen" removes it.
    form.items.setCurrentRow(row)
    form.delete_button.click()
    box = form.confirm_box
    assert box is not None and box.isVisible() and "Huurtoeslag" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    QApplication.processEvents()
    assert "huurtoeslag" in {p.provision_id for p in controller.state.record.provisions}
    form.items.setCurrentRow(row)
    form.delete_button.click()
    form.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    QApplication.processEvents()
    after = context.storage.sessions.get_session(sid).provisions
    assert "huurtoeslag" not in {p.provision_id for p in after}
    assert status.currentData() == ProvisionStatus.UNKNOWN.value  # its row shows "unknown"
    assert len(after) == len(stored) - 1 and form.items.count() == len(after)
    assert _changed_lines(window, sid)  # every change passed the gate's audit
    context.close()
