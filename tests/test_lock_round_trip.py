"""Lock, then unlock: every view has its texts and icons back, as a view never locked.

Issue 13: after unlocking, icons of the phase strip and the comfort buttons were gone and
the start screen and the Sociale kaart were blank. Here one window goes through a lock and
is compared, widget by widget, with itself before the lock and with a window never locked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QListWidget,
    QWidget,
)

from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.model import Debt, DebtKind, Direction, Money
from intake_app.i18n.translator import Translator
from intake_app.ui.auto_lock import ScreenLock
from intake_app.ui.main_window import MainWindow
from tests.gui_waits import settle

PASSWORD = "beheer-wachtwoord-1"


def snapshot(root: QWidget) -> list[tuple[object, ...]]:
    """What a person sees under ``root``: texts, icons, pictures, lists, enabled state."""
    seen: list[tuple[object, ...]] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.objectName() == "ElapsedTime":
            continue
        kind = type(widget).__name__
        if isinstance(widget, QAbstractButton):
            seen.append((kind, widget.text(), widget.icon().isNull(), widget.isEnabled()))
        elif isinstance(widget, QLabel):
            pixmap = widget.pixmap()
            seen.append((kind, widget.text(), pixmap.isNull(), widget.toolTip()))
        elif isinstance(widget, QListWidget):
            seen.append((kind, tuple(widget.item(i).text() for i in range(widget.count()))))
        elif isinstance(widget, QComboBox):
            seen.append((kind, widget.currentText(), widget.count(), widget.isEnabled()))
    return seen


def _window(gate_dir: Path, db_url: str, qtbot, first: bool):  # type: ignore[no-untyped-def]
    gate = DatabaseGate(db_url=db_url, data_dir=gate_dir)
    if first:
        context = gate.open_first_run("beheer", "Anna", PASSWORD)
    else:
        context = gate.open_with_login("beheer", PASSWORD)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.resize(1366, 698)
    window.show()
    return window


def test_unlock_gives_every_view_back(gui_app, qtbot, db_url, tmp_path) -> None:
    window = _window(tmp_path, db_url, qtbot, first=True)
    lock = ScreenLock(window, window.context.security.accounts, window.tr_ui, minutes=15)
    service = window.context.intake
    window._start("ar")
    sid = window.controller.state.id
    service.confirm_trust(sid)
    service.add_debt(
        sid,
        Debt(DebtKind.INFORMAL, Direction.REMITTANCE, "inf_remittance", Money(15000, True)),
    )
    window.controller.apply(lambda s, i: s.go_to(i, "inf_remittance"))
    QApplication.processEvents()
    view = window.intake_view
    before_intake = snapshot(view)
    before_bar = snapshot(window.language_bar)
    code = window.controller.state.code
    assert any(code in str(item) for item in before_intake)

    lock.lock()
    QApplication.processEvents()
    during = snapshot(view)
    assert not any(code in str(item) for item in during)
    assert not any(b.text() for b in view.client.option_buttons.values())
    assert view.panel.records.current_form() is None
    # Nothing on the lock screen changes state: the languages cannot be switched.
    assert not window.client_language.isEnabled() or not window.language_bar.isEnabled()
    assert not window.language_bar.isEnabled()
    # A result that arrives late from the worker does not refill the locked screen.
    window.controller.session_changed.emit(service.open_session(sid))
    QApplication.processEvents()
    assert snapshot(view) == during

    assert lock.try_unlock(PASSWORD)
    QApplication.processEvents()
    assert window.stack.currentWidget() is view
    assert snapshot(view) == before_intake
    assert snapshot(window.language_bar) == before_bar
    assert (
        view.panel.records.current_form()
        is view.panel.records.forms[
            view.client.card.records  # the debt form of this card, with the stored debt
        ]
    )
    assert view.panel.records.current_form().items.count() == 1

    # The start screen and the Sociale kaart are as in a window that was never locked.
    view.panel.back_button.click()
    QApplication.processEvents()
    fresh = _window(tmp_path, db_url, qtbot, first=False)
    fresh.show_start()
    QApplication.processEvents()
    for tab in ("start_view", "follow_ups", "directory_view"):
        window.home.setCurrentWidget(getattr(window, tab))
        fresh.home.setCurrentWidget(getattr(fresh, tab))
        # Both lists are read on workers: compare once both windows have them (on a busy
        # machine one Nazorg list still said "wordt geladen" after a single event pass).
        settle(qtbot, window)
        settle(qtbot, fresh)
        assert snapshot(getattr(window, tab)) == snapshot(getattr(fresh, tab)), tab
    assert window.start_view.model.rowCount() == 1
    fresh.context.close()
    window.context.close()


def test_locking_twice_and_unlocking_changes_nothing(gui_app, qtbot, db_url, tmp_path) -> None:
    window = _window(tmp_path, db_url, qtbot, first=True)
    lock = ScreenLock(window, window.context.security.accounts, window.tr_ui, minutes=15)
    window._start("ti")
    QApplication.processEvents()
    before = snapshot(window.intake_view)
    for _ in range(2):
        lock.lock()
        assert lock.try_unlock(PASSWORD)
        QApplication.processEvents()
    assert snapshot(window.intake_view) == before
    window.context.close()


def test_the_menu_says_who_is_logged_in_and_offers_the_languages(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    from intake_app.ui.account_dialogs import install_account_menu
    from intake_app.ui.language_settings import LanguageSettingsDialog

    window = _window(tmp_path, db_url, qtbot, first=True)
    context = window.context
    actions = install_account_menu(
        window, context.security.accounts, context.security.audit, window.tr_ui,
        lambda: None, context.languages,
    )  # fmt: skip
    corner = window.menuBar().cornerWidget()
    assert corner is not None and corner.text() == "Ingelogd als Anna"
    assert actions["languages"].isVisible()
    actions["languages"].trigger()
    QApplication.processEvents()
    assert any(isinstance(w, LanguageSettingsDialog) and w.isVisible()
               for w in window.findChildren(LanguageSettingsDialog))  # fmt: skip
    context.close()
