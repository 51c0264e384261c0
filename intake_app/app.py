"""``intake-app``: start the desktop application.

intake-app [--db URL] [--data-dir DIR] [--ui-language CODE]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from intake_app.bootstrap.paths import default_paths
from intake_app.bootstrap.security import DatabaseGate, admin_opener
from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import Translator


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="intake-app")
    parser.add_argument("--db", metavar="URL", help="database URL (or INTAKE_APP_DB_URL)")
    parser.add_argument("--data-dir", type=Path, help="folder for the local database")
    parser.add_argument("--ui-language", default="nl", help="language of the counsellor's screen")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start, paint the first window, and quit (for packaging checks and benchmarks)",
    )
    parser.add_argument(
        "--lock-minutes",
        default=os.environ.get("INTAKE_APP_LOCK_MINUTES"),
        help="lock the screen after this many idle minutes (default 5, at most 15)",
    )
    return parser.parse_args(argv)


def report_startup_error(message: str) -> None:
    """One sentence on stderr, and a dialog when there is a real screen to show it on."""
    print(f"intake-app: {message}", file=sys.stderr)
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        QMessageBox.critical(None, "intake_app", message)


class _QuitOnPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
            watched.removeEventFilter(self)
        return False


def load_database_libraries() -> None:
    """Import what opening the database needs (SQLAlchemy, SQLModel, the services)."""
    import intake_app.bootstrap.context  # noqa: F401


def quit_after_first_paint(window: QWidget) -> None:
    window.installEventFilter(_QuitOnPaint(window))


def opens_without_accounts(*, first_run: bool, encrypted: bool, args: argparse.Namespace) -> bool:
    """Only a packaging check opens a database that has no account without the first-admin
    dialog; every real start asks for the first admin, however the address was given."""
    return first_run and not encrypted and bool(args.smoke_test)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("intake_app")
    app.setStyle("Fusion")
    paths = default_paths(args.data_dir)

    from intake_app.ui.accessibility import install_stable_scroll_areas
    from intake_app.ui.fonts import install_fonts  # after QApplication exists

    install_stable_scroll_areas()  # before any widget meets a screen reader (issue 17)

    install_fonts(app, paths.fonts)
    from intake_app.ui.theme import apply_theme, install_theme_menu, stored_theme

    # The theme chosen on this installation (high contrast or not), from the log-in on.
    apply_theme(app, paths.styles, stored_theme(paths.data_dir))
    ui = Translator(args.ui_language, paths.catalogs)
    from intake_app.ui.recovery_dialog import build_with_recovery

    try:
        # Log-in first: it unlocks the encrypted database (bootstrap/security.py).
        gate = DatabaseGate(db_url=args.db, data_dir=args.data_dir)
        # Quick check and backup run once the window is on screen (ui/startup_checks.py).
        gate.defer_checks = True
        # Opening a plain database happens here: a damaged file gets the recovery dialog
        # (restore the latest backup), never a silent new empty database.
        first_run = build_with_recovery(
            gate.needs_first_admin, ui, admin_opener(gate.url, args.data_dir)
        )
    except IntakeError as exc:
        report_startup_error(exc.render(ui.gettext))
        return 2
    if first_run is None:  # damaged, and the person chose to quit
        return 2
    from intake_app.ui.login_dialog import LoginDialog

    if opens_without_accounts(first_run=first_run, encrypted=gate.encrypted, args=args):
        # Packaging checks and benchmarks on a plain file without accounts. Everywhere else a
        # database without accounts asks for the first admin, however its address was given
        # (issue 20: `--db postgresql://…` used to open as the built-in system admin).
        context = gate.open_without_accounts()
    else:
        dialog = LoginDialog(gate, ui)
        if args.smoke_test:
            quit_after_first_paint(dialog)
            dialog.show()
            return app.exec()
        # The database libraries load while the person types: the log-in window is on screen
        # first (keystrokes wait in Qt's queue meanwhile, none is lost).
        QTimer.singleShot(200, load_database_libraries)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.context is None:
            return 1
        context = dialog.context

    from intake_app.ui.user_switch import UserSession, show_window

    # Afmelden builds a new window for the next user (ui/user_switch.py); the app ends when
    # nobody logs in again.
    users = UserSession(gate, ui, args.lock_minutes)
    users.ended.connect(app.quit)
    # Every user's window gets the theme menu (Beeld → Hoog contrast), after a log-out too.
    users.window_ready.connect(
        lambda new: install_theme_menu(new, paths.styles, paths.data_dir, ui)
    )
    # Quick check, backup and retention run on a worker once each window is on screen
    # (ui/startup_checks.py); writes wait for the check. Started before the window shows.
    from intake_app.ui.startup_checks import StartupChecks, start_checks

    opener = admin_opener(gate.url, args.data_dir)
    running: list[StartupChecks] = []
    users.window_ready.connect(
        lambda new: running.append(start_checks(new, new.context, ui, opener, gate.last_key))
    )
    window = users.open_for(context)
    if args.smoke_test:
        quit_after_first_paint(window)
    show_window(window)
    from intake_app.ui.print_preview import start_print_warm_up

    # PDF libraries, fonts and pictograms load on a worker now, not at the first print.
    summaries = context.services.summaries  # None for a role that prints nothing
    if summaries is not None:
        QTimer.singleShot(1500, lambda: start_print_warm_up(summaries))
    try:
        return app.exec()
    finally:
        for checks in running:  # a backup in progress finishes before the database closes
            checks.wait()
        if users.window is not None:
            users.window.controller.finish_reads()  # a list read still on the worker ends first
        if users.context is not None:  # the last user's (a log-out may have replaced it)
            users.context.close()


if __name__ == "__main__":
    raise SystemExit(main())
