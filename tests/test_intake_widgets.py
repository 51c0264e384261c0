"""Three complete intakes driven through the real widgets (pytest-qt, offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from intake_app.bootstrap.context import build_context
from intake_app.core.debts import totals
from intake_app.core.flow import AnswerKind, RecordKind
from intake_app.core.model import (
    AnswerState,
    DebtKind,
    Direction,
    ProvisionStatus,
    SessionStatus,
    UrgencyType,
)
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow
from intake_app.ui.record_forms import DebtForm, ProvisionsForm


class Driver:
    """Clicks as a counsellor would; every step goes through signals, controller, service."""

    def __init__(self, qtbot, db_url: str, tmp_path) -> None:
        self.qtbot = qtbot
        self.context = build_context(db_url=db_url, data_dir=tmp_path)
        self.window = MainWindow(self.context, Translator("nl", self.context.paths.catalogs))
        qtbot.addWidget(self.window)
        self.window.show()
        self.client = self.window.intake_view.client
        self.panel = self.window.intake_view.panel

    def click(self, button: QAbstractButton) -> None:
        assert button.isVisible() and button.isEnabled(), button.text()
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def start(self, language: str) -> None:
        combo = self.window.start_view.language
        combo.setCurrentIndex(combo.findData(language))
        self.click(self.window.start_view.new_button)

    @property
    def card(self) -> str | None:
        return self.client.card.id if self.client.card else None

    def choose(self, *options: str) -> None:
        multi = self.client.card is not None and self.client.card.kind is AnswerKind.MULTI
        for option in options:
            self.click(self.client.option_buttons[option])
        if multi:
            self.click(self.client.done_button)

    def onward(self) -> None:
        self.click(self.client.done_button)

    def decline(self) -> None:
        self.click(self.client.decline_button)

    def select_phase(self, phase_id: str) -> None:
        phases = self.panel.phase_list
        for row in range(phases.count()):
            if phases.item(row).data(Qt.ItemDataRole.UserRole) == phase_id:
                phases.setCurrentRow(row)
                return
        raise AssertionError(phase_id)

    def phase_button(self, phase_id: str, button: QAbstractButton) -> None:
        self.select_phase(phase_id)
        self.click(button)

    def form(self, kind: RecordKind):  # type: ignore[no-untyped-def]
        form = self.panel.records.current_form()
        assert form is self.panel.records.forms[kind]
        return form

    def state(self):  # type: ignore[no-untyped-def]
        return self.context.storage.sessions.get_session(self.window.controller.state.id)

    def finish(self) -> None:
        self.window.intake_view.panel.records  # noqa: B018 - keep the panel alive for the read
        self.context.close()


def _welcome(d: Driver) -> None:
    d.phase_button("prepare", d.panel.skip_button)
    assert d.card == "welcome_who"
    for _ in range(5):
        d.onward()
    assert d.card == "primary_question"


def test_widgets_wedding_loan_and_money_lent_out(gui_app, qtbot, db_url, tmp_path) -> None:
    d = Driver(qtbot, db_url, tmp_path)
    d.start("tr")
    assert d.client.option_buttons["none"].text() == "Geen tolk nodig"  # phase 0 stays Dutch
    _welcome(d)
    assert d.client.card_title.text() == "Bugün ne hakkında konuşmak istersiniz?"
    d.choose("letter")
    d.choose("none")
    assert d.card == "on_the_spot"
    d.onward()
    d.choose("couple_with_children")
    d.choose("together")
    d.choose("own_income")
    d.choose("work")
    d.choose("has_work")
    d.choose("wants_study")
    d.choose("1_to_3_years")
    assert d.card == "formal_debts"
    form = d.form(RecordKind.FORMAL_DEBTS)
    assert isinstance(form, DebtForm)
    form.creditor.setText("Energiebedrijf")
    form.amount.setText("450,00")
    form.approximate.setChecked(False)
    d.click(form.add_button)
    assert form.items.count() == 1
    d.onward()
    d.choose("letters")
    assert d.card == "provisions_check"  # phases 5 and 6 wait for trust

    assert d.panel.trust_button.isVisible()
    d.click(d.panel.trust_button)
    assert not d.panel.trust_button.isVisible()
    d.phase_button("informal", d.panel.go_button)
    assert d.card == "informal_intro"
    d.onward()
    while d.card != "inf_wedding":
        d.choose("no")
    d.choose("yes")
    assert d.card == "inf_wedding"  # "Ja" keeps the card: the loan is noted on its form
    form = d.form(RecordKind.INFORMAL_DEBTS)
    assert form.direction.currentData() == Direction.OWED_BY_CLIENT.value
    form.relationship.setCurrentIndex(form.relationship.findData("sibling"))
    form.amount.setText("8.000")
    d.click(form.add_button)
    d.onward()  # the client's "Verder"
    while d.card != "inf_lent_out":
        d.choose("no")
    d.choose("yes")
    assert d.card == "inf_lent_out"
    form = d.form(RecordKind.INFORMAL_DEBTS)
    assert form.direction.currentData() == Direction.OWED_TO_CLIENT.value
    form.amount.setText("500")
    d.click(form.add_button)

    record = d.state()
    sums = totals(record.debts)
    assert sums[(DebtKind.INFORMAL, Direction.OWED_BY_CLIENT)].cents == 800_000
    assert sums[(DebtKind.INFORMAL, Direction.OWED_TO_CLIENT)].cents == 50_000
    assert sums[(DebtKind.FORMAL, Direction.OWED_BY_CLIENT)].cents == 45_000
    assert record.answers["inf_wedding"].value == ("yes",)
    d.finish()


def test_widgets_urgent_eviction_and_provisions(gui_app, qtbot, db_url, tmp_path) -> None:
    d = Driver(qtbot, db_url, tmp_path)
    d.start("ar")
    _welcome(d)
    assert d.client.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert d.panel.layoutDirection() == Qt.LayoutDirection.LeftToRight
    d.choose("letter")
    d.choose("eviction")
    assert d.card == "on_the_spot"
    assert [u.type for u in d.state().urgencies] == [UrgencyType.EVICTION]
    actions = d.form(RecordKind.ACTIONS)
    actions.description.setText("Verhuurder gebeld, uitstel tot vrijdag")
    d.click(actions.add_button)
    assert d.state().actions[0].description.startswith("Verhuurder gebeld")
    d.phase_button("provisions", d.panel.go_button)
    form = d.form(RecordKind.PROVISIONS)
    assert isinstance(form, ProvisionsForm)
    status, _owner = form.rows["huurtoeslag"]
    status.setCurrentIndex(status.findData(ProvisionStatus.APPLIED_TODAY.value))
    d.click(form.add_button)
    assert {p.provision_id: p.status for p in d.state().provisions}["huurtoeslag"] is (
        ProvisionStatus.APPLIED_TODAY
    )
    # Not offered yet: no follow-up date; the tooltip says what is missing.
    assert not d.panel.complete_button.isEnabled()
    assert "nazorg" in d.panel.complete_button.toolTip()
    d.phase_button("agreements", d.panel.go_button)
    d.onward()
    d.onward()
    assert d.card == "next_appointment"
    d.click(d.form(RecordKind.APPOINTMENT).add_button)
    d.click(d.panel.complete_button)
    assert d.state().status is not SessionStatus.COMPLETED  # asked first
    d.click(d.panel.confirm_box.button(QMessageBox.StandardButton.Yes))
    assert d.state().status is SessionStatus.COMPLETED
    d.finish()


def test_widgets_client_declines_informal_debts(gui_app, qtbot, db_url, tmp_path) -> None:
    d = Driver(qtbot, db_url, tmp_path)
    d.start("ti")
    d.phase_button("prepare", d.panel.skip_button)
    d.click(d.panel.trust_button)
    d.phase_button("informal", d.panel.go_button)
    d.onward()
    declined = []
    while d.card is not None and d.card.startswith("inf_"):
        declined.append(d.card)
        d.decline()
    assert d.card == "life_domains"
    record = d.state()
    assert len(declined) == 12  # the savings circle's follow-up stays hidden
    assert all(record.answers[c].state is AnswerState.NOT_DISCUSSED for c in declined)
    assert record.debts == ()
    d.finish()


def test_panel_can_be_hidden_and_pause_keeps_the_card(gui_app, qtbot, db_url, tmp_path) -> None:
    d = Driver(qtbot, db_url, tmp_path)
    d.start("nl")
    view = d.window.intake_view
    d.click(d.panel.hide_button)
    assert not d.panel.isVisible() and view.show_panel_button.isVisible()
    d.click(view.show_panel_button)
    assert d.panel.isVisible()
    d.click(d.client.pause_button)
    assert d.client.paused and not d.client.option_buttons["none"].isVisible()
    d.click(d.client.pause_button)
    assert d.card == "interpreter_mode" and d.client.option_buttons["none"].isVisible()
    d.finish()


def test_practice_mode_shows_an_invented_case(gui_app, qtbot, db_url, tmp_path) -> None:
    d = Driver(qtbot, db_url, tmp_path)
    d.window.start_view.practice.setChecked(True)
    d.start("nl")
    assert d.state().practice
    assert d.panel.practice_story.isVisible()
    assert "verzonnen" in d.panel.practice_story.text()
    assert "Oefenmodus" in d.panel.session_label.text()
    d.finish()


def test_counsellor_keys_move_through_the_flow(gui_app, qtbot, db_url, tmp_path) -> None:
    d = Driver(qtbot, db_url, tmp_path)
    d.start("nl")
    view = d.window.intake_view
    view.activateWindow()
    d.client.setFocus()
    qtbot.keyClick(d.client, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert d.card == "present"
    qtbot.keyClick(d.client, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert d.card == "interpreter_mode"
    qtbot.keyClick(d.client, Qt.Key.Key_Escape)
    assert d.client.paused
    qtbot.keyClick(d.client, Qt.Key.Key_Escape)
    assert not d.client.paused
    d.finish()


def test_provisions_card_shows_the_provisions_to_the_client(gui_app, qtbot, db_url, tmp_path):
    d = Driver(qtbot, db_url, tmp_path)
    d.start("nl")
    d.phase_button("provisions", d.panel.go_button)
    assert d.card == "provisions_check"
    shown = [b for b in d.client.option_buttons.values() if b.isVisible()]
    assert "Huurtoeslag" in [b.text() for b in shown]
    d.click(d.client.option_buttons["huurtoeslag"])  # looking only: nothing is stored
    assert "provisions_check" not in d.state().answers
    d.finish()


def test_home_tabs_follow_up_directory_and_figures(gui_app, qtbot, db_url, tmp_path) -> None:
    d = Driver(qtbot, db_url, tmp_path)
    home = d.window.home
    with qtbot.waitSignal(d.window.follow_ups.loaded, timeout=30000):
        home.setCurrentWidget(d.window.follow_ups)
    assert d.window.follow_ups.empty.isVisible()
    home.setCurrentWidget(d.window.directory_view)
    view = d.window.directory_view
    view.name.setText("Schuldhulpmaatje Noord")
    view.languages.set_codes(("nl", "ar"))  # ticked, not typed (issue 13)
    d.click(view.save_button)
    assert view.list.count() == 1
    view.name.setText("")
    d.click(view.save_button)  # refused with a message, nothing lost
    assert d.window.last_error_box is not None
    home.setCurrentWidget(d.window.stats_tab)
    assert d.window.stats_dashboard is not None
    d.finish()


def test_debt_amounts_are_parsed_strictly(gui_app, qtbot, db_url, tmp_path) -> None:
    d = Driver(qtbot, db_url, tmp_path)
    d.start("nl")
    d.phase_button("money", d.panel.go_button)
    while d.card != "formal_debts":
        d.click(d.panel.next_button)
    form = d.form(RecordKind.FORMAL_DEBTS)
    form.creditor.setText("Zorgverzekeraar")
    for bad in ("1e6", "NaN", "12.50"):
        form.amount.setText(bad)
        d.click(form.add_button)
        assert d.state().debts == ()
        assert form.amount.text() == bad  # nothing typed is lost
        assert d.window.last_error_box is not None
    assert "12,50" in d.window.last_error_box.text()
    form.amount.setText("€ 1.234,56")
    d.click(form.add_button)
    assert d.state().debts[0].amount.cents == 123_456
    d.finish()


def test_glossary_words_on_a_card_open_their_explanation(gui_app, qtbot, db_url, tmp_path):
    d = Driver(qtbot, db_url, tmp_path)
    d.start("ar")
    d.phase_button("question", d.panel.go_button)
    d.choose("letter")
    assert d.card == "urgency_check"
    links = d.client.glossary_links
    assert links.isVisible() and "deurwaarder" in links.buttons
    d.click(links.buttons["deurwaarder"])
    dialog = d.client.glossary_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    dialog.close()
    d.finish()


def test_consent_card_and_handover_print_needs_consent(gui_app, qtbot, db_url, tmp_path):
    from intake_app.core.model import ConsentPurpose

    d = Driver(qtbot, db_url, tmp_path)
    d.start("ar")
    view = d.window.intake_view
    kinds = d.panel.print_kind
    kinds.setCurrentIndex(kinds.findData("handover"))
    d.click(d.panel.print_button)
    assert view.preview is None  # refused: no consent yet
    assert d.window.last_error_box is not None
    d.window.last_error_box.close()
    d.phase_button("handover", d.panel.go_button)
    assert d.card == "consent"
    consent = view.consent_view
    assert consent is not None and consent.isVisible()
    toggle = consent.purpose_rows[ConsentPurpose.HANDOVER_FORMAL].toggle
    d.click(toggle)
    assert d.state().consent(ConsentPurpose.HANDOVER_FORMAL)
    d.click(d.panel.print_button)
    assert view.preview is not None
    view.preview.close()
    d.click(d.panel.next_button)
    assert not consent.isVisible()
    d.finish()


def test_a_coordinator_sees_figures_and_directory_not_conversations(gui_app, qtbot, context):
    from intake_app.core.security import Role

    accounts = context.security.accounts
    accounts.create_first_admin("beheer", "Beheer", "een lang wachtwoord 1")
    accounts.add_user("coord", "Coördinator", Role.COORDINATOR, "een lang wachtwoord 2")
    accounts.login("coord", "een lang wachtwoord 2")
    coordinator = context.for_current_user()  # as after a log-in: the role's services only
    assert coordinator.services.intake is None
    window = MainWindow(coordinator, context.translators.dutch())
    qtbot.addWidget(window)
    window.show()
    home = window.home
    assert not home.isTabVisible(home.indexOf(window.start_view))
    assert not home.isTabVisible(home.indexOf(window.follow_ups))
    assert home.isTabVisible(home.indexOf(window.directory_view))
    assert home.currentWidget() is window.stats_tab
    assert window.last_error_box is None  # no "not allowed" on the way in
    window.restore()  # after unlocking: nothing to reload, no refusal either
    assert window.last_error_box is None and window.start_view.isHidden()


def test_informal_debt_keeps_its_deadline(gui_app, qtbot, db_url, tmp_path) -> None:
    from datetime import date

    from PySide6.QtCore import QDate

    d = Driver(qtbot, db_url, tmp_path)
    d.start("nl")
    d.click(d.panel.trust_button)
    d.phase_button("informal", d.panel.go_button)
    d.click(d.panel.next_button)
    form = d.form(RecordKind.INFORMAL_DEBTS)
    form.amount.setText("300")
    form.has_deadline.setChecked(True)
    form.deadline.setDate(QDate(2027, 1, 15))
    d.click(form.add_button)
    assert d.state().debts[0].deadline == date(2027, 1, 15)
    d.finish()


def test_counsellor_language_switch_relabels_the_panel_forms(gui_app, qtbot, db_url, tmp_path):
    d = Driver(qtbot, db_url, tmp_path)
    d.start("ar")
    d.phase_button("money", d.panel.go_button)
    while d.card != "formal_debts":
        d.click(d.panel.next_button)
    form = d.form(RecordKind.FORMAL_DEBTS)
    form.creditor.setText("Energie BV")  # typed, not yet saved
    assert form.add_button.text() == "Toevoegen"
    d.window.set_ui_language("en")
    assert form.add_button.text() == "Add"
    assert form.category.itemText(form.category.findData("rent")) == "Rent"
    assert d.panel.print_button.text() == "Print"
    assert form.creditor.text() == "Energie BV"  # nothing typed is lost
    assert d.client.tr_client.code == "ar"  # the client's language is its own
    d.finish()


def test_a_card_with_many_options_fits_a_small_laptop_screen(gui_app, qtbot, db_url, tmp_path):
    d = Driver(qtbot, db_url, tmp_path)
    d.window.resize(1366, 768)
    d.start("nl")
    d.window.controller.apply(lambda s, sid: s.go_to(sid, "route_in"))
    qtbot.wait(50)
    client = d.client
    assert len(client.option_buttons) == 11
    area = client.options_area
    assert area.geometry().bottom() < client.pause_button.geometry().top()
    # All eleven cards are visible without scrolling on 1366x768...
    assert not area.verticalScrollBar().isVisible()
    lowest = max(b.geometry().bottom() for b in client.option_buttons.values())
    assert lowest <= area.viewport().height()
    heights = {b.height() for b in client.option_buttons.values()}
    assert len(heights) == 1  # one height for every card on a step
    d.finish()


def test_saving_an_answer_never_freezes_the_window(gui_app, qtbot, db_url, tmp_path) -> None:
    import time
    from itertools import pairwise

    from PySide6.QtCore import QTimer

    d = Driver(qtbot, db_url, tmp_path)
    d.start("nl")
    service = d.window.controller.service
    slow_disk = service.answer

    def answer_on_a_slow_disk(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.25)
        return slow_disk(*args, **kwargs)

    service.answer = answer_on_a_slow_disk  # type: ignore[method-assign]
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    d.click(d.client.option_buttons["none"])
    timer.stop()
    # The GUI thread kept running its event loop while the answer was written...
    assert len(ticks) >= 10
    assert max(b - a for a, b in pairwise(ticks)) < 0.1
    # ...and the answer is stored and shown once the write is done.
    assert d.state().answers["interpreter_mode"].value == ("none",)
    assert d.card == "present"
    d.finish()


def test_quitting_during_a_save_still_finishes_the_write(
    gui_app, qtbot, db_url, tmp_path, monkeypatch
):
    import time

    from PySide6.QtCore import QEventLoop

    from intake_app.ui import background as background_module

    class LoopEndedByQuit(QEventLoop):
        """The local wait ends at once, as it does when the application quits."""

        def exec(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return 0

    d = Driver(qtbot, db_url, tmp_path)
    d.start("nl")
    service = d.window.controller.service
    write = service.answer

    def slow_answer(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.3)
        return write(*args, **kwargs)

    service.answer = slow_answer  # type: ignore[method-assign]
    monkeypatch.setattr(background_module, "QEventLoop", LoopEndedByQuit)
    d.click(d.client.option_buttons["none"])
    # The save was not cut off: it is on disk before the database could be closed.
    assert d.state().answers["interpreter_mode"].value == ("none",)
    d.finish()


def test_consent_and_client_language_are_stored_off_the_gui_thread(
    gui_app, qtbot, db_url, tmp_path
):
    """Issue 20: a frozen shared server must not freeze the window, so every write the intake
    screen makes runs on the controller's worker, consent and the client's language included."""
    import threading

    from sqlalchemy import event

    from intake_app.core.model import ConsentPurpose

    d = Driver(qtbot, db_url, tmp_path)
    d.start("nl")
    d.phase_button("handover", d.panel.go_button)
    assert d.card == "consent"
    writes: list[tuple[str, int]] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append((statement, threading.get_ident()))

    engine = d.window.context.storage.engine
    event.listen(engine, "before_cursor_execute", record)
    consent = d.window.intake_view.consent_view
    assert consent is not None
    d.click(consent.purpose_rows[ConsentPurpose.HANDOVER_FORMAL].toggle)
    d.window.set_client_language("ar")
    d.qtbot.waitUntil(lambda: not d.window.controller.reading)  # saved, not waited for
    event.remove(engine, "before_cursor_execute", record)
    assert d.state().consent(ConsentPurpose.HANDOVER_FORMAL)
    assert d.state().client_language == "ar"
    assert writes and all(ident != threading.main_thread().ident for _s, ident in writes)
    d.finish()
