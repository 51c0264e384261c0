"""``intake-app``: start the desktop application.

intake-app [--db URL] [--data-dir DIR] [--ui-language CODE]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from intake_app.bootstrap.context import build_context
from intake_app.bootstrap.paths import default_paths
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


def quit_after_first_paint(window: QWidget) -> None:
    window.installEventFilter(_QuitOnPaint(window))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("intake_app")
    app.setStyle("Fusion")
    paths = default_paths(args.data_dir)

    from intake_app.ui.fonts import install_fonts  # after QApplication exists

    install_fonts(app, paths.fonts)
    app.setStyleSheet((paths.styles / "app.qss").read_text(encoding="utf-8"))
    ui = Translator(args.ui_language, paths.catalogs)
    from intake_app.ui.recovery_dialog import build_with_recovery

    try:
        built = build_with_recovery(
            lambda: build_context(db_url=args.db, data_dir=args.data_dir), ui
        )
    except IntakeError as exc:
        report_startup_error(exc.render(ui.gettext))
        return 2
    if built is None:  # a damaged database, and the person chose to quit
        return 2
    context = built

    from intake_app.ui.main_window import MainWindow

    window = MainWindow(context, ui)
    if args.smoke_test:
        quit_after_first_paint(window)
    window.show()
    try:
        return app.exec()
    finally:
        context.close()


if __name__ == "__main__":
    raise SystemExit(main())
