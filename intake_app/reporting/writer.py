"""The DocumentWriter the app uses. Cheap to import: ReportLab loads on the first print."""

from __future__ import annotations

from pathlib import Path

from intake_app.core.summary import SummaryDocument


class PdfDocumentWriter:
    def __init__(self, fonts_dir: Path) -> None:
        self.fonts_dir = fonts_dir

    def write(self, document: SummaryDocument, out: Path) -> Path:
        from intake_app.reporting.summary_pdf import write_summary

        return write_summary(document, self.fonts_dir, out)
