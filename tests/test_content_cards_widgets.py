"""The issue-18 client cards through the real window (pytest-qt, offscreen): the interpreter
warning in the counsellor panel (COM-06), the cultural interview hidden under the trauma
flag (INT-16), the placeholder hint (INT-03, GEN-06) and the new cards by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt

from intake_app.core.flow import RecordKind
from intake_app.core.model import Direction
from intake_app.services import card_hints
from intake_app.ui.interpreter_fields import GENDER
from tests.test_intake_widgets import Driver


def _to_wellbeing(d: Driver) -> None:
    d.click(d.panel.trust_button)
    d.phase_button("wellbeing", d.panel.go_button)
    assert d.card == "life_domains"


def test_com06_panel_warns_when_a_child_interprets_a_sensitive_card(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    d = Driver(qtbot, db_url, tmp_path)
    d.start("ar")
    assert d.card == "interpreter_mode"
    d.choose("child")  # stored as the session's interpreter kind
    assert d.state().interpreter_kind == "child"
    warning = card_hints.CHILD_INTERPRETS
    assert warning not in d.panel.hints.text()
    _to_wellbeing(d)  # life domains: safety at home, marked sensitive
    assert d.panel.hints.isVisible()
    assert warning in d.panel.hints.text()
    d.choose("none")  # the cultural interview follows: not sensitive itself
    assert d.card == "culture_intro"
    assert warning not in d.panel.hints.text()
    d.finish()


def test_int16_cultural_interview_hidden_when_the_trauma_flag_is_set(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    d = Driver(qtbot, db_url, tmp_path)
    d.start("ti")
    d.phase_button("prepare", d.panel.skip_button)
    _to_wellbeing(d)
    d.click(d.panel.trauma)  # "Mogelijk trauma (herinnering voor u)"
    assert d.state().trauma_flag
    d.choose("none")
    assert d.card not in ("culture_intro", "culture_life_world")
    assert d.card is not None and not d.card.startswith("culture_")
    d.click(d.panel.trauma)  # off again: the optional interview is offered
    d.phase_button("wellbeing", d.panel.go_button)
    d.click(d.panel.next_button)
    assert d.card == "culture_intro"
    d.choose("yes")
    assert d.card == "culture_life_world"
    d.finish()


def test_placeholder_hint_and_the_children_card(gui_app, qtbot, db_url, tmp_path) -> None:
    """INT-03, GEN-06: the panel marks the shipped texts as placeholders."""
    d = Driver(qtbot, db_url, tmp_path)
    d.start("nl")
    d.phase_button("prepare", d.panel.skip_button)
    while d.card != "welcome_children":
        d.onward()
    assert d.client.card_title.text() == "Hulp vragen is goed voor uw gezin."
    assert card_hints.PLACEHOLDER_TEXT in d.panel.hints.text()
    assert "uit huis worden geplaatst" in d.panel.tip.text()  # the counsellor reminder
    d.onward()
    assert d.card == "primary_question"
    assert card_hints.PLACEHOLDER_TEXT not in d.panel.hints.text()
    d.finish()


def test_new_money_cards_answer_by_keyboard(gui_app, qtbot, db_url, tmp_path) -> None:
    """GEN-03, GEN-04, ORG-08: digits choose, as on every card."""
    d = Driver(qtbot, db_url, tmp_path)
    d.start("nl")
    d.phase_button("money", d.panel.go_button)
    view = d.window.intake_view
    view.activateWindow()
    d.client.setFocus()
    qtbot.keyClick(d.client, Qt.Key.Key_3)  # household: "Met partner"
    assert d.card == "money_manager"
    qtbot.keyClick(d.client, Qt.Key.Key_3)  # "Wij samen"
    assert d.card == "financial_independence"
    assert d.state().answers["money_manager"].value == ("together",)
    qtbot.keyClick(d.client, Qt.Key.Key_1)  # multi: toggles "Eigen inkomen"
    qtbot.keyClick(d.client, Qt.Key.Key_5)  # "Contracten op mijn naam"
    d.onward()
    assert d.state().answers["financial_independence"].value == (
        "own_income",
        "contracts_own_name",
    )
    assert d.card == "who_signed"
    d.finish()


def test_inf13_savings_circle_opens_the_informal_debt_form(gui_app, qtbot, db_url, tmp_path):
    d = Driver(qtbot, db_url, tmp_path)
    d.start("nl")
    d.click(d.panel.trust_button)
    d.phase_button("informal", d.panel.go_button)
    while d.card != "inf_savings_circle":
        d.click(d.panel.next_button)
    d.choose("yes")
    assert d.card == "inf_savings_circle"
    form = d.form(RecordKind.INFORMAL_DEBTS)
    assert form.direction.currentData() == Direction.OWED_BY_CLIENT.value
    form.amount.setText("1.200")
    d.click(form.add_button)
    d.onward()
    assert d.card == "inf_savings_circle_turn"
    d.choose("waiting")
    assert [debt.card_id for debt in d.state().debts] == ["inf_savings_circle"]
    d.finish()


def test_gen11_interpreter_gender_offers_other_and_rather_not_say() -> None:
    assert [value for value, _label in GENDER] == ["", "female", "male", "other", "declined"]
