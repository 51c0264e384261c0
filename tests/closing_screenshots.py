"""Screenshots of the end of the conversation (issue 18) at 1366x698, offscreen: the recap and
the smileys per language, and an information sheet PDF rendered to PNG with pdftoppm.

    QT_QPA_PLATFORM=offscreen python -m tests.closing_screenshots OUT nl ar ti

Draft translations are applied to a copy of the catalogs first (tests/draft_catalogs.py).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication

from intake_app.bootstrap.context import build_context
from intake_app.i18n.translator import Translator, Translators
from tests.draft_catalogs import catalogs_with_drafts
from tests.test_closing_widgets import PHONE, _session


def main(out: Path, languages: list[str]) -> None:
    from intake_app.ui.fonts import install_fonts
    from intake_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    catalogs = catalogs_with_drafts(tmp / "catalogs", tuple(c for c in languages if c != "nl"))
    for code in languages:
        built = build_context(data_dir=tmp / f"data-{code}")
        context = replace(built, translators=Translators(catalogs)).for_current_user()
        install_fonts(app, context.paths.fonts)
        app.setStyleSheet((context.paths.styles / "app.qss").read_text(encoding="utf-8"))
        context.directory.set_own_phone(PHONE)
        window = MainWindow(context, Translator("nl", context.paths.catalogs))
        window.resize(1366, 698)
        window.show()
        sid = _session(context, code)
        for card in ("recap", "expectations_again", "client_feedback"):
            context.intake.go_to(sid, card)
            window._resume(sid)
            for _ in range(30):
                app.processEvents()
            window.grab().save(str(out / f"{card}-{code}.png"))
        pdf = out / f"sheet-kwijtschelding-{code}.pdf"
        summaries = context.summaries
        pdf.write_bytes(summaries.render_document(summaries.info_sheet("kwijtschelding", code)))
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                        str(out / f"sheet-kwijtschelding-{code}")], check=True)  # fmt: skip
        summary = out / f"summary-{code}.pdf"
        summary.write_bytes(summaries.render(sid, "client"))
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(summary),
                        str(out / f"summary-{code}")], check=True)  # fmt: skip
        window.close()
        context.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:] or ["nl", "ar", "ti"])
