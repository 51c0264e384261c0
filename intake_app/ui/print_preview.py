"""Print preview: the PDF inside the app (QtPdf), "Afdrukken" and "Opslaan als PDF".

The document's content is read on the GUI thread (one quick database read, so errors such
as a missing consent show at once); the PDF is laid out on a worker thread, so the window
stays responsive while ReportLab works.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLocale,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QPainter, QTextCursor
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from intake_app.core import safe_write
from intake_app.core.errors import IntakeError
from intake_app.core.summary import SummaryDocument, SummaryKind
from intake_app.i18n.translator import N_, Translator
from intake_app.services.summaries import PrintOptions, SummaryService
from intake_app.ui.accessibility import document_text
from intake_app.ui.widgets import named

GENERIC_ERROR = N_("De PDF kon niet worden gemaakt.")


def lp_command(lp: str, queue: str, printer: QPrinter, title: str) -> list[str]:
    """The ``lp`` call that prints the PDF on stdin with the dialog's choices."""
    command = [lp, "-d", queue, "-t", title, "-n", str(max(1, printer.copyCount()))]
    sides = {
        QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
        QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
        QPrinter.DuplexMode.DuplexNone: "one-sided",
    }.get(printer.duplex())
    if sides:
        command += ["-o", f"sides={sides}"]
    if printer.colorMode() is QPrinter.ColorMode.GrayScale:
        command += ["-o", "print-color-mode=monochrome"]
    if printer.fromPage() > 0:
        command += ["-P", f"{printer.fromPage()}-{printer.toPage() or printer.fromPage()}"]
    return command


class _RenderSignals(QObject):
    done = Signal(object)  # bytes
    failed = Signal(str)


class _RenderJob(QRunnable):
    def __init__(self, render: Callable[[], bytes], ui: Translator) -> None:
        super().__init__()
        self.render = render
        self.ui = ui
        self.signals = _RenderSignals()

    def run(self) -> None:
        try:
            data = self.render()
        except IntakeError as exc:
            self.signals.failed.emit(exc.render(self.ui.gettext))
        except Exception:  # a person sees one sentence, never a traceback
            self.signals.failed.emit(self.ui.gettext(GENERIC_ERROR))
        else:
            self.signals.done.emit(data)


class PrintPreviewDialog(QDialog):
    """Shows the PDF that ``render`` makes; prints it or saves it."""

    loaded = Signal(int)  # number of pages
    failed = Signal(str)
    saved = Signal(Path)
    printed = Signal()

    def __init__(
        self,
        ui: Translator,
        render: Callable[[], bytes],
        suggested_name: str = "samenvatting.pdf",
        parent: QWidget | None = None,
        text: str = "",
        language: str = "nl",
        rtl: bool = False,
    ) -> None:
        super().__init__(parent)
        self.tr_ui = ui
        # The PDF is pictures of pages to a screen reader: the same text, in reading order,
        # stands beside it in a read-only text field that Tab reaches and a reader reads.
        self.text = text
        self.text_view = document_text_view(text, language, rtl)
        self.suggested_name = suggested_name
        self.data = b""
        self._bytes = QByteArray()
        self._buffer = QBuffer(self)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = named(QLabel(), "previewStatus", wrap=True)
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.close_button = QPushButton()
        for button in (self.print_button, self.save_button, self.close_button):
            button.setMinimumHeight(44)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        pages = QSplitter(Qt.Orientation.Horizontal)
        pages.setChildrenCollapsible(False)
        pages.addWidget(self.view)
        pages.addWidget(self.text_view)
        pages.setStretchFactor(0, 3)
        pages.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(pages, 1)
        layout.addLayout(buttons)
        self.resize(1200, 720)
        self.setModal(True)
        self._busy = True
        self.retranslate_ui()
        self._set_ready(False)

        self._job = _RenderJob(render, ui)
        self._job.signals.done.connect(self._show)
        self._job.signals.failed.connect(self._fail)
        QThreadPool.globalInstance().start(self._job)

    # Tests replace these two hooks; the app asks the person.
    def ask_save_path(self, suggested: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr_ui.gettext("Opslaan als PDF"), suggested, "PDF (*.pdf)"
        )
        return Path(name) if name else None

    def ask_printer(self, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, self)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def printer_queue(self, printer: QPrinter) -> str:
        """The print queue the person chose (a CUPS queue name on Linux)."""
        return printer.printerName()

    # -- states ------------------------------------------------------------------------
    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def _show(self, data: bytes) -> None:
        self._busy = False
        self.data = data
        self._bytes = QByteArray(data)
        self._buffer.close()
        self._buffer.setData(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if self.document.status() is not QPdfDocument.Status.Ready:
            self._fail(self.tr_ui.gettext(GENERIC_ERROR))
            return
        self.status.setText("")
        self._set_ready(True)
        self.loaded.emit(self.document.pageCount())

    def _fail(self, message: str) -> None:
        self._busy = False
        self.status.setText(message)
        self._set_ready(False)
        self.failed.emit(message)

    def page_count(self) -> int:
        return self.document.pageCount() if self.data else 0

    # -- actions -----------------------------------------------------------------------
    def save_document(self) -> Path | None:
        path = self.ask_save_path(self.suggested_name)
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            safe_write.write_bytes(path, self.data)
        except IntakeError as exc:
            self.status.setText(exc.render(self.tr_ui.gettext))
            return None
        self.status.setText(self.tr_ui.format("Opgeslagen: {path}", path=path))
        self.saved.emit(path)
        return path

    def print_document(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        if not self.ask_printer(printer):
            return False
        if not self.print_to(printer):
            return False
        self.printed.emit()
        return True

    def print_to(self, printer: QPrinter) -> bool:
        """Print so that text stays sharp (design.md section 10: QtPdf only rasterises).

        * to a PDF file: our own PDF, unchanged (vector, embedded fonts);
        * to a CUPS queue (``lp`` on the machine): the PDF itself, vector, with the copies,
          duplex, page range and colour chosen in the dialog;
        * otherwise: each page as an image at the printer's own resolution, not lower.
        """
        if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            return self._write_pdf(Path(printer.outputFileName()))
        lp = shutil.which("lp")
        queue = self.printer_queue(printer)
        if lp and queue:
            return self._send_to_cups(lp, queue, printer)
        return self.print_raster(printer)

    def _write_pdf(self, path: Path) -> bool:
        try:  # owner-only, temp file and rename (core/safe_write.py)
            safe_write.write_bytes(path, self.data)
        except (OSError, IntakeError):
            self.status.setText(self.tr_ui.gettext("De printer is niet bereikbaar."))
            return False
        return True

    def _send_to_cups(self, lp: str, queue: str, printer: QPrinter) -> bool:
        command = lp_command(lp, queue, printer, self.suggested_name)
        try:
            # lp from PATH, arguments as a list (no shell): the queue name comes from Qt.
            done = subprocess.run(command, input=self.data, capture_output=True, timeout=60)  # noqa: S603
        except (OSError, subprocess.TimeoutExpired):
            done = None
        if done is None or done.returncode != 0:
            self.status.setText(self.tr_ui.gettext("De printer is niet bereikbaar."))
            return False
        return True

    def print_raster(self, printer: QPrinter) -> bool:
        """Each PDF page as an image at the printer's resolution (the fallback path)."""
        painter = QPainter()
        if not painter.begin(printer):
            self.status.setText(self.tr_ui.gettext("De printer is niet bereikbaar."))
            return False
        try:
            dpi = printer.resolution()
            first, last = printer.fromPage(), printer.toPage()
            pages = range(self.document.pageCount())
            if first > 0:  # the dialog's page range, 1-based; 0 means every page
                pages = range(first - 1, min(last or first, self.document.pageCount()))
            for index, page in enumerate(pages):
                if index:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image = self.document.render(page, size)
                target = painter.viewport()
                scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
        finally:
            painter.end()
        return True

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.setWindowTitle(t.gettext("Afdrukvoorbeeld"))
        self.view.setAccessibleName(t.gettext("Afdrukvoorbeeld"))
        self.text_view.setAccessibleName(t.gettext("Tekst van het document"))
        self.print_button.setText(t.gettext("Afdrukken"))
        self.save_button.setText(t.gettext("Opslaan als PDF"))
        self.close_button.setText(t.gettext("Sluiten"))
        if self._busy:
            self.status.setText(t.gettext("Even geduld: de PDF wordt gemaakt."))


def summary_preview(
    summaries: SummaryService,
    ui: Translator,
    session_id: int,
    kind: SummaryKind | str,
    options: PrintOptions | None = None,
    parent: QWidget | None = None,
) -> PrintPreviewDialog:
    """The preview for one session's document. Raises IntakeError (e.g. no consent) at once."""
    document: SummaryDocument = summaries.preview(session_id, kind, options)
    name = f"{SummaryKind(kind).value}-{session_id}.pdf"
    dialog = PrintPreviewDialog(
        ui,
        lambda: summaries.render_document(document),
        name,
        parent,
        document_text(document),
        document.language,
        document.rtl,
    )
    # The audit log says "printed" only for what went to a printer or into a file.
    dialog.saved.connect(lambda _path: summaries.record_printed(session_id, kind))
    dialog.printed.connect(lambda: summaries.record_printed(session_id, kind))
    return dialog


def document_text_view(text: str, language: str, rtl: bool) -> QTextEdit:
    """The document's text, read-only but focusable and selectable, in its own direction."""
    view = QTextEdit()  # not QPlainTextEdit: its layout ignores a paragraph's alignment
    view.setObjectName("documentText")
    view.setAcceptRichText(False)
    view.setReadOnly(True)
    view.setTabChangesFocus(True)  # Tab goes on to the buttons, as everywhere (issue 17)
    view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    view.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByKeyboard
        | Qt.TextInteractionFlag.TextSelectableByMouse
    )
    # The client's language for a screen reader's voice; Arabic and Dari read right to left.
    view.setLocale(QLocale(language))
    view.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    view.setPlainText(text)
    if rtl:
        _direction_per_paragraph(view)
    return view


def _direction_per_paragraph(view: QTextEdit) -> None:
    """Arabic or Dari paragraphs right to left, the Dutch alongside left to right.

    A text field lays out every paragraph in the widget's one direction; the paper
    alternates the client's language with the Dutch, each aligned where it starts. A
    paragraph with any right-to-left letter is the client's (a reference number or a name
    in Latin letters may come first, as on paper).
    """
    block = view.document().firstBlock()
    while block.isValid():
        rtl = any(unicodedata.bidirectional(char) in ("R", "AL") for char in block.text())
        block_format = block.blockFormat()
        block_format.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        block_format.setAlignment(Qt.AlignmentFlag.AlignLeading)
        QTextCursor(block).setBlockFormat(block_format)
        block = block.next()


class _WarmUpJob(QRunnable):
    def __init__(self, summaries: SummaryService) -> None:
        super().__init__()
        self.summaries = summaries

    def run(self) -> None:
        # Only a head start: if it fails, the real print reports the problem.
        with contextlib.suppress(Exception):
            self.summaries.warm_up()


def start_print_warm_up(summaries: SummaryService) -> None:
    """Load ReportLab, fonts and pictograms on a worker thread (call after the window shows).

    Then the first print costs what every later print costs (README, Benchmarks).
    """
    QThreadPool.globalInstance().start(_WarmUpJob(summaries))
