"""Widget tests for the coordinator's Team tab (ORG-01 self-scan, ORG-05 profiles) and the
prevention line on the dashboard (ORG-07), with screenshots at 1366x698
(/tmp/coordinator-shots)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt

from intake_app.bootstrap.context import AppContext
from intake_app.core.security import AuditAction, AuditEvent, Role
from intake_app.core.team import SquareStatus
from intake_app.ui.main_window import MainWindow
from intake_app.ui.stats_dashboard import StatsDashboard
from intake_app.ui.team_view import TeamView
from tests.stats_generator import generate

SHOTS = Path("/tmp/coordinator-shots")
PW = "een lang wachtwoord 1"


def _coordinator(context: AppContext) -> AppContext:
    accounts = context.security.accounts
    accounts.create_first_admin("beheer", "Beheer", PW)
    accounts.add_user("coord", "Coördinator", Role.COORDINATOR, PW)
    accounts.add_user("fatima", "Fatima El Amrani", Role.COUNSELLOR, PW)
    accounts.add_user("jan", "Jan de Vries", Role.COUNSELLOR, PW)
    accounts.add_user("vera", "Vera Kowalski", Role.VOLUNTEER, PW)
    now = datetime.now(UTC)
    for n in range(9):  # invented: Fatima opened many conversations recently
        context.storage.audit.record(AuditEvent(now, "fatima", AuditAction.OPENED, f"session:{n}"))
    context.storage.audit.record(AuditEvent(now, "vera", AuditAction.OPENED, "session:40"))
    accounts.login("coord", PW)
    return context.for_current_user()


def test_self_scan_by_keyboard_saves_and_exports(
    qtbot, gui_app, context: AppContext, tmp_path: Path
) -> None:
    coordinator = _coordinator(context)
    view = TeamView(coordinator.team, context.translators.dutch())
    qtbot.addWidget(view)
    view.resize(1366, 698)
    view.show()
    view.activateWindow()
    qtbot.waitExposed(view)
    qtbot.waitUntil(view.isActiveWindow)
    view.refresh()
    scan = view.self_scan
    assert len(scan.boxes) == 9
    # Keyboard only: focus the first status, choose "Mee bezig", Tab to the tips and type.
    first = scan.boxes[0]
    first.status.setFocus()
    qtbot.keyClick(first.status, Qt.Key.Key_Down)
    assert first.status.currentData() == SquareStatus.WORKING_ON_IT.value
    qtbot.keyClick(first.status, Qt.Key.Key_Tab)
    assert first.tips.hasFocus()
    qtbot.keyClicks(first.tips, "Visie in het werkplan zetten")
    qtbot.keyClick(first.tips, Qt.Key.Key_Tab)  # Tab leaves the tips, it types no tab
    assert "\t" not in first.tips.toPlainText()
    assert scan.boxes[1].status.hasFocus()  # on to the next square
    informal = scan.boxes[7]
    informal.status.setCurrentIndex(informal.status.findData(SquareStatus.IN_PLACE.value))
    informal.tips.setPlainText("Kaart informele schulden in elk gesprek")
    assert first.status.accessibleName().startswith("Stand:")
    with qtbot.waitSignal(scan.saved):
        qtbot.mouseClick(scan.save_button, Qt.MouseButton.LeftButton)
    stored = {s.square_id: s for s in coordinator.team.self_scan()}
    assert stored["vision"].status is SquareStatus.WORKING_ON_IT
    assert stored["vision"].tips == "Visie in het werkplan zetten"
    assert stored["informal_debts"].status is SquareStatus.IN_PLACE
    out = scan.export_to(tmp_path / "zelfscan.txt")
    assert out is not None and "Kaart informele schulden" in out.read_text(encoding="utf-8")
    SHOTS.mkdir(exist_ok=True)
    view.grab().save(str(SHOTS / "selfscan-nl.png"))


def test_profiles_are_edited_and_suggestions_never_assign(
    qtbot, gui_app, context: AppContext
) -> None:
    coordinator = _coordinator(context)
    view = TeamView(coordinator.team, context.translators.dutch())
    qtbot.addWidget(view)
    view.resize(1366, 698)
    view.show()
    view.pages.setCurrentWidget(view.profiles)
    view.refresh()
    profiles = view.profiles
    assert profiles.table.rowCount() == 3  # the colleagues who hold conversations
    assert profiles.table.item(0, 0).text() == "Fatima El Amrani"
    assert profiles.table.item(0, 3).text() == "9"  # the load
    profiles.table.setCurrentCell(0, 0)
    for i in range(profiles.languages.count()):
        item = profiles.languages.item(i)
        if item.data(Qt.ItemDataRole.UserRole) in ("nl", "ar"):
            item.setCheckState(Qt.CheckState.Checked)
    profiles.gender.setCurrentIndex(profiles.gender.findData("female"))
    assert profiles.save() is not None
    profiles.table.setCurrentCell(2, 0)  # Vera
    profiles.languages.item(2).setCheckState(Qt.CheckState.Checked)  # Arabic
    profiles.gender.setCurrentIndex(profiles.gender.findData("female"))
    profiles.save()
    assert "Arabisch" in profiles.table.item(0, 1).text()
    profiles.suggest_language.setCurrentIndex(profiles.suggest_language.findData("ar"))
    qtbot.mouseClick(profiles.suggest_button, Qt.MouseButton.LeftButton)
    lines = [profiles.suggestions.item(i).text() for i in range(profiles.suggestions.count())]
    assert lines[0].startswith("Vera Kowalski")  # the least loaded first
    assert lines[1].startswith("Fatima El Amrani") and "liever een ander" in lines[1]
    assert "nooit om te tolken" in profiles.rule.text() and "niemand toe" in profiles.rule.text()
    SHOTS.mkdir(exist_ok=True)
    view.grab().save(str(SHOTS / "profiles-nl.png"))


def test_the_team_tab_is_the_coordinators(qtbot, gui_app, context: AppContext) -> None:
    coordinator = _coordinator(context)
    window = MainWindow(coordinator, context.translators.dutch())
    qtbot.addWidget(window)
    window.show()
    home = window.home
    assert home.isTabVisible(home.indexOf(window.team_tab))
    home.setCurrentWidget(window.team_tab)
    assert isinstance(window.team_view, TeamView)


def test_dashboard_shows_the_prevention_indicator(qtbot, gui_app, context: AppContext) -> None:
    generate(context.storage.engine, 600, seed=5, days=180)
    view = StatsDashboard(context.statistics, context.translators.dutch())
    qtbot.addWidget(view)
    view.resize(1366, 698)
    view.from_edit.setDate(QDate(2026, 1, 1))
    view.to_edit.setDate(QDate(2026, 6, 1))
    with qtbot.waitSignal(view.finished, timeout=20000) as blocker:
        view.refresh()
    report = blocker.args[0]
    prevention = report.table("prevention")
    eviction = prevention.display(prevention.row_ids.index("eviction"), len(prevention.columns))
    text = view.prevention.text()
    assert f"uitzetting {eviction}" in text
    assert "€ 6.000" in text and "€ 13.500" in text and "Indicatief" in text
    view.table_choice.setCurrentIndex(view.table_choice.findData("prevention"))
    assert "€ 6.000" in view.reference.text()
    view.show()
    qtbot.waitExposed(view)
    SHOTS.mkdir(exist_ok=True)
    view.grab().save(str(SHOTS / "dashboard-prevention-nl.png"))
