"""Save a PNG of every phase (client view + counsellor panel) in the given languages.

    QT_QPA_PLATFORM=offscreen python -m tests.screenshots OUT_DIR [nl ar ti ...]

For looking at what we build; not run by pytest.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from intake_app.bootstrap.context import build_context
from intake_app.bootstrap.paths import default_paths
from intake_app.i18n.translator import Translator
from intake_app.storage.database import sqlite_url
from intake_app.ui.fonts import install_fonts
from intake_app.ui.main_window import MainWindow


def main(out: Path, languages: list[str]) -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    paths = default_paths()
    install_fonts(app, paths.fonts)
    app.setStyleSheet((paths.styles / "app.qss").read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        context = build_context(db_url=sqlite_url(Path(tmp) / "shots.db"), data_dir=Path(tmp))
        window = MainWindow(context, Translator("nl", paths.catalogs))
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        window.grab().save(str(out / "start.png"))
        for language in languages:
            window._start(language)
            service, sid = context.intake, window.controller.state.id
            service.confirm_trust(sid)
            for phase in context.intake.flow.phases:
                window.controller.apply(lambda s, i, p=phase.id: s.go_to_phase(i, p))
                app.processEvents()
                window.grab().save(str(out / f"{language}-{phase.number:02d}-{phase.id}.png"))
        context.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:] or ["nl"])
