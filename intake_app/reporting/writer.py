"""The DocumentWriter the app uses. Cheap to import: ReportLab loads on the first print."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from intake_app.content.pictograms import exists, svg_path
from intake_app.core.summary import SummaryDocument


def pictogram_path(code: str) -> Path | None:
    """The OpenMoji SVG for ``code``, or None: a missing pictogram never stops a print."""
    return svg_path(code) if code and exists(code) else None


class PdfDocumentWriter:
    def __init__(self, fonts_dir: Path) -> None:
        self.fonts_dir = fonts_dir
        # Characters the last render printed as U+FFFD because no bundled font has them
        # (also logged). Empty when every character had a glyph.
        self.last_missing: tuple[str, ...] = ()

    def render(self, document: SummaryDocument) -> bytes:
        from intake_app.reporting.summary_pdf import render_summary_report

        rendered = render_summary_report(document, self.fonts_dir, pictogram_path)
        self.last_missing = rendered.missing
        return rendered.data

    def write(self, document: SummaryDocument, out: Path) -> Path:
        from intake_app.core import safe_write  # owner-only, temp file and rename, no devices

        safe_write.check_target(out)  # refuse a folder or a device before the layout work
        return safe_write.write_bytes(out, self.render(document))

    def warm_up(self, pictograms: Sequence[str]) -> None:
        """Import ReportLab and svglib, register the fonts and parse the pictograms now.

        Meant for a worker thread after the window shows: the first print then costs what
        every later print costs (design.md section 9; start-up itself stays lean).
        """
        from intake_app.reporting.fonts import register_fonts
        from intake_app.reporting.summary_pdf import preload_pictograms

        register_fonts(self.fonts_dir)
        preload_pictograms([p for p in map(pictogram_path, pictograms) if p is not None])
