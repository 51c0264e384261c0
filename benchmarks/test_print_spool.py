"""What printing a 3-page client summary sends to the printer: size and time per path.

* vector: the PDF itself (to a PDF file, or to a CUPS queue through ``lp``);
* raster: each page as an image at the printer's resolution (the fallback where no ``lp``
  exists), measured at 300 and 600 dpi through Qt's own PDF printer, which holds the same
  page images a native print job spools.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from benchmarks.test_summary_pdf import OPTIONS, _session
from intake_app.bootstrap.context import build_context
from intake_app.i18n.translator import Translator
from intake_app.storage.database import sqlite_url
from intake_app.ui.print_preview import PrintPreviewDialog
from tests.pdf_text import pages


@pytest.fixture
def dialog(qapp, qtbot, tmp_path: Path):
    sid = _session(tmp_path)
    context = build_context(db_url=sqlite_url(tmp_path / "bench.db"), data_dir=tmp_path)
    data = context.summaries.render(sid, "client", OPTIONS)
    assert pages(data, tmp_path) == 3
    shown = PrintPreviewDialog(Translator("nl", context.paths.catalogs), lambda: data)
    qtbot.addWidget(shown)
    qtbot.waitUntil(lambda: shown.page_count() == 3, timeout=15000)
    yield shown
    context.close()


@pytest.mark.parametrize("dpi", [0, 300, 600])  # 0: the vector path
def test_print_spool_of_a_three_page_summary(benchmark, dialog, tmp_path: Path, dpi) -> None:
    from PySide6.QtPrintSupport import QPrinter

    out = tmp_path / f"spool-{dpi}.pdf"

    def print_once() -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        if dpi:
            printer.setResolution(dpi)
            assert dialog.print_raster(printer)
        else:
            assert dialog.print_to(printer)

    start = time.perf_counter()
    benchmark.pedantic(print_once, rounds=3, iterations=1)
    size = out.stat().st_size
    benchmark.extra_info["spool_bytes"] = size
    label = f"raster {dpi} dpi" if dpi else "vector"
    print(f"\n{label}: {size / 1024:.0f} KiB, {(time.perf_counter() - start) / 3:.2f} s")
