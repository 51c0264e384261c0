"""A session's discretion and print choices, stored and honoured by every print path, and the
language of the conversation (issue 21, GEN-05, COM-05)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from intake_app.core.errors import IntakeError
from intake_app.core.model import Debt, DebtKind, Direction, Money, Relationship
from intake_app.core.security import AuditAction
from intake_app.services.print_choices import DiscreetSessionError


def _last(context, action: AuditAction):
    return next(e for e in context.storage.audit.events(limit=20) if e.action is action)


def test_choices_and_interpreter_are_stored_and_in_the_session_file(any_context, tmp_path) -> None:
    service = any_context.intake
    sid = service.start_session("nl").id
    service.set_print_choices(sid, discreet=True, print_remittances=True)
    state = service.set_interpreter(
        sid, kind="phone_interpreter", language="ar", gender="female", spoken_language="ary"
    )
    record = state.record
    assert (record.discreet, record.print_remittances) == (True, True)
    assert (
        record.interpreter_kind,
        record.interpreter_language,
        record.interpreter_gender,
        record.spoken_language,
        record.client_language,
    ) == ("phone_interpreter", "ar", "female", "ary", "nl")  # Darija spoken, Dutch on paper
    out = tmp_path / "s.json"
    any_context.session_files.export_session(sid, out)
    text = out.read_text(encoding="utf-8").replace(record.code, "K-COPY-02")
    out.write_text(text, encoding="utf-8")
    again = any_context.storage.sessions.get_session(
        any_context.session_files.import_session(out).id
    )
    assert (again.discreet, again.spoken_language, again.interpreter_gender) == (
        True,
        "ary",
        "female",
    )


def test_bad_interpreter_input_is_one_sentence(context) -> None:
    service = context.intake
    sid = service.start_session("nl").id
    with pytest.raises(IntakeError, match="tolken"):
        service.set_interpreter(sid, kind="telepathy")
    with pytest.raises(IntakeError, match="taalcode"):
        service.set_interpreter(sid, kind="none", spoken_language="Darija!")
    with pytest.raises(IntakeError, match="vrouw, man"):
        service.set_interpreter(sid, kind="none", gender="x")


def test_a_discreet_session_refuses_the_full_summary_unless_overridden(context) -> None:
    from intake_app.services.summaries import PrintOptions

    service, summaries = context.intake, context.summaries
    sid = service.start_session("nl").id
    service.set_flags(sid, safety=True)  # the home is not safe: discreet by default
    assert service.open_session(sid).record.paper_discreet
    with pytest.raises(DiscreetSessionError):
        summaries.build(sid, "client")
    refused = _last(context, AuditAction.PRINT_REFUSED)
    assert (refused.target, refused.detail) == (f"session:{sid}", "discreet")
    assert summaries.build(sid, "discreet").kind.value == "discreet"  # the discreet one prints

    full = summaries.build(sid, "client", PrintOptions(override_discretion=True))
    assert full.kind.value == "client"
    overridden = _last(context, AuditAction.DISCRETION_OVERRIDDEN)
    assert overridden.target == f"session:{sid}"

    # Chosen explicitly: not discreet after all (the counsellor and client agreed).
    service.set_print_choices(sid, discreet=False, print_remittances=False)
    assert summaries.build(sid, "client").kind.value == "client"


def test_the_stored_remittance_choice_is_honoured(context) -> None:
    service, summaries = context.intake, context.summaries
    sid = service.start_session("nl").id
    service.add_debt(
        sid,
        Debt(
            DebtKind.INFORMAL,
            Direction.REMITTANCE,
            "inf_send",
            amount=Money(15000),
            monthly=True,
            relationship=Relationship.PARENT,
        ),
    )
    assert summaries.build(sid, "client").section("Geld naar familie") is None
    service.set_print_choices(sid, discreet=None, print_remittances=True)
    assert summaries.build(sid, "client").section("Geld naar familie") is not None


def _admin(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "INTAKE_APP_DB_URL"}
    return subprocess.run(
        [sys.executable, "-m", "intake_app.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
    )


def test_the_command_line_honours_discretion(context, db_url: str, tmp_path: Path) -> None:
    sid = context.intake.start_session("nl").id
    context.intake.set_print_choices(sid, discreet=True, print_remittances=False)
    out = tmp_path / "client.pdf"
    refused = _admin("--db", db_url, "summary", str(sid), "--kind", "client", "--out", str(out))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert refused.stderr.count("\n") == 1 and "discreet" in refused.stderr
    assert not out.exists()
    done = _admin(
        "--db", db_url, "summary", str(sid), "--kind", "client", "--out", str(out),
        "--override-discretion",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Samen kijken naar geld en post" in text


def test_the_window_asks_before_the_full_summary_of_a_discreet_session(
    gui_app, qtbot, db_url, tmp_path, monkeypatch
) -> None:
    from PySide6.QtCore import Qt

    from tests.test_intake_widgets import Driver

    d = Driver(qtbot, db_url, tmp_path)
    d.start("nl")
    panel = d.panel
    panel.safety.setChecked(False)
    d.qtbot.mouseClick(panel.safety, Qt.MouseButton.LeftButton)  # home not safe
    assert d.state().safety_flag and d.state().paper_discreet
    view = d.window.intake_view
    asked: list[bool] = []
    answer = {"yes": False}

    def confirm() -> bool:
        asked.append(True)
        return answer["yes"]

    monkeypatch.setattr(view, "confirm_full_summary", confirm)
    assert view.open_preview("client") is None and asked  # "No": nothing made
    answer["yes"] = True
    dialog = view.open_preview("client")
    assert dialog is not None
    dialog.close()
    assert _last(d.context, AuditAction.DISCRETION_OVERRIDDEN).target == f"session:{d.state().id}"

    # The paper choice in the panel: "volledig" is stored, and no question is asked any more.
    index = panel.paper.discretion.findData(False)
    assert index == 2
    if os.environ.get("AFTERCARE_PNG"):
        panel.paper.grab().save(os.environ["AFTERCARE_PNG"])
    panel.paper.discretion.setCurrentIndex(index)
    panel.paper.discretion.activated.emit(index)
    assert d.state().discreet is False
    asked.clear()
    dialog = view.open_preview("client")
    assert dialog is not None and not asked
    dialog.close()
    d.finish()


def test_the_panel_stores_the_interpreter_and_the_spoken_language(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    from tests.test_intake_widgets import Driver

    d = Driver(qtbot, db_url, tmp_path)
    d.start("nl")
    assert d.card == "interpreter_mode"
    d.choose("phone_interpreter")
    assert d.state().interpreter_kind == "phone_interpreter"  # the card's answer is the kind
    fields = d.panel.interpreter
    fields.language.setText("ar")
    fields.language.editingFinished.emit()
    fields.gender.setCurrentIndex(fields.gender.findData("female"))
    fields.gender.activated.emit(fields.gender.currentIndex())
    fields.spoken.setText("ary")
    fields.spoken.editingFinished.emit()
    stored = d.state()
    assert (
        stored.interpreter_kind,
        stored.interpreter_language,
        stored.interpreter_gender,
        stored.spoken_language,
        stored.client_language,
    ) == ("phone_interpreter", "ar", "female", "ary", "nl")
    d.finish()
