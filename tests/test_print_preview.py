"""The print preview on a real PDF: shown with QtPdf, saved, printed to a PDF printer."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from intake_app.core.errors import IntakeError
from intake_app.core.model import ConsentPurpose
from intake_app.i18n.translator import Translator
from intake_app.services.summaries import PrintOptions
from intake_app.ui.accessibility import document_text
from intake_app.ui.print_preview import (
    PrintPreviewDialog,
    start_print_warm_up,
    summary_preview,
)
from tests.pdf_text import flat, pages, pdf_text
from tests.summary_data import CREDITORS, make_session

SHOTS = Path("/tmp/reporting-shots")


def _preview(qtbot, context, language: str, kind: str = "client") -> PrintPreviewDialog:
    sid = make_session(
        context.storage.sessions, language, consents=(ConsentPurpose.HANDOVER_FORMAL,)
    )
    ui = Translator("nl", context.paths.catalogs)
    dialog = summary_preview(context.summaries, ui, sid, kind, PrintOptions(counsellor="Sanne"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=15000)
    return dialog


@pytest.mark.parametrize("language", ["nl", "ar", "ti"])
def test_preview_shows_the_pdf_and_saves_it(gui_app, qtbot, context, tmp_path, language) -> None:
    dialog = _preview(qtbot, context, language)
    assert dialog.page_count() == pages(dialog.data, tmp_path) >= 2
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    SHOTS.mkdir(exist_ok=True)
    qtbot.wait(1500)  # QPdfView paints its pages on a thread of its own
    dialog.grab().save(str(SHOTS / f"preview-{language}.png"))

    out = tmp_path / "bewaard"  # no suffix: .pdf is added
    dialog.ask_save_path = lambda suggested: out
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "bewaard.pdf"
    assert saved.read_bytes() == dialog.data
    assert CREDITORS[0] in flat(pdf_text(saved))


@pytest.mark.parametrize(
    ("language", "direction"),
    [
        ("nl", Qt.LayoutDirection.LeftToRight),
        ("ar", Qt.LayoutDirection.RightToLeft),
        ("fa_AF", Qt.LayoutDirection.RightToLeft),
    ],
)
def test_the_documents_text_stands_beside_the_page_for_a_screen_reader(
    gui_app, qtbot, context, tmp_path, language, direction
) -> None:
    """The PDF is an image to assistive technology: its text is a real, focusable field."""
    sid = make_session(context.storage.sessions, language)
    options = PrintOptions(counsellor="Sanne")
    dialog = summary_preview(
        context.summaries, Translator("nl", context.paths.catalogs), sid, "client", options
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=15000)
    document = context.summaries.preview(sid, "client", options)
    view = dialog.text_view
    text = view.toPlainText()
    assert text == document_text(document).replace("\xa0", " ")  # Qt gives spaces back
    # Reading order: title, then each section's heading before its lines, sections in order.
    positions = [text.index(section.heading) for section in document.sections]
    assert text.index(document.title) < positions[0] and positions == sorted(positions)
    for section in document.sections:
        for line in section.lines:
            assert line.text in text and (not line.dutch or line.dutch in text)
    assert CREDITORS[0] in text
    if language != "nl":  # Dutch alongside, as on paper
        assert document.dutch_title and document.dutch_title in text
    # Read-only, reachable by Tab, named, in the client's language and direction.
    assert view.isReadOnly() and view.isVisible()
    assert view.focusPolicy() & Qt.FocusPolicy.TabFocus
    interface = QAccessible.queryAccessibleInterface(view)
    assert interface.text(QAccessible.Text.Name) == "Tekst van het document"
    assert interface.role() == QAccessible.Role.EditableText
    assert interface.state().readOnly
    assert view.layoutDirection() == direction
    assert view.locale().name().startswith(language.split("_")[0])
    if language == "nl":
        assert view.locale().language() == QLocale.Language.Dutch
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # Tab leaves the field (no tab typed: read-only)
    assert QApplication.focusWidget() in (
        dialog.print_button,
        dialog.save_button,
        dialog.close_button,
    )
    SHOTS.mkdir(exist_ok=True)
    qtbot.wait(1500)  # QPdfView paints its pages on a thread of its own
    dialog.grab().save(str(SHOTS / f"preview-text-{language}.png"))


def test_printing_to_a_pdf_printer_keeps_the_vector_pdf(gui_app, qtbot, context, tmp_path) -> None:
    dialog = _preview(qtbot, context, "nl", "handover")
    printed = tmp_path / "printer.pdf"

    def choose(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    dialog.ask_printer = choose
    with qtbot.waitSignal(dialog.printed):
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert printed.read_bytes() == dialog.data  # text stays text: sharp at any resolution
    assert "Warme overdracht" in pdf_text(printed)
    listing = subprocess.run(
        ["pdfimages", "-list", str(printed)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing == []  # no page images


def test_raster_fallback_uses_the_printers_own_resolution(
    gui_app, qtbot, context, tmp_path
) -> None:
    dialog = _preview(qtbot, context, "nl", "handover")
    printed = tmp_path / "raster.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    printer.setResolution(600)  # a 600 dpi printer gets 600 dpi pages, not 300
    assert dialog.print_raster(printer)
    assert pages(printed) == dialog.page_count()
    listing = subprocess.run(
        ["pdfimages", "-list", str(printed)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    widths = {int(row.split()[3]) for row in listing}
    assert widths == {round(595.2756 / 72 * 600)}, listing  # A4 width at 600 dpi


def test_a_cups_queue_gets_the_pdf_itself_with_the_dialogs_choices(
    gui_app, qtbot, context, tmp_path, monkeypatch
) -> None:
    """``lp`` is the system's print client; a stand-in records what it was given."""
    dialog = _preview(qtbot, context, "nl", "handover")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    lp = bin_dir / "lp"
    lp.write_text(f'#!/bin/sh\necho "$@" > {tmp_path}/args\ncat > {tmp_path}/job.pdf\n')
    lp.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    dialog.printer_queue = lambda printer: "Kantoor"  # no print system on a CI machine
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setCopyCount(2)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    printer.setFromTo(1, 1)
    assert dialog.print_to(printer)
    assert (tmp_path / "job.pdf").read_bytes() == dialog.data
    args = (tmp_path / "args").read_text().split()
    assert args[:2] == ["-d", "Kantoor"]
    assert args[args.index("-n") + 1] == "2"
    assert "print-color-mode=monochrome" in args
    assert args[args.index("-P") + 1] == "1-1"


def test_cancelled_save_and_print_do_nothing(gui_app, qtbot, context, tmp_path) -> None:
    dialog = _preview(qtbot, context, "tr")
    dialog.ask_save_path = lambda suggested: None
    dialog.ask_printer = lambda printer: False
    assert dialog.save_document() is None
    assert dialog.print_document() is False
    assert not list(tmp_path.glob("*.pdf"))


def test_missing_consent_is_refused_before_any_window(context) -> None:
    sid = make_session(context.storage.sessions, "nl")
    ui = Translator("nl", context.paths.catalogs)
    with pytest.raises(IntakeError, match="toestemming"):
        summary_preview(context.summaries, ui, sid, "handover")


def test_a_failing_render_shows_one_sentence(gui_app, qtbot, context) -> None:
    ui = Translator("nl", context.paths.catalogs)

    def broken() -> bytes:
        raise RuntimeError("boom")

    dialog = PrintPreviewDialog(ui, broken)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=5000):
        pass
    assert dialog.status.text() == "De PDF kon niet worden gemaakt."
    assert not dialog.print_button.isEnabled()


def test_warm_up_runs_off_the_gui_thread(gui_app, context) -> None:
    import threading

    from PySide6.QtCore import QThreadPool

    seen: list[threading.Thread] = []
    original = context.summaries.warm_up
    context.summaries.warm_up = lambda: (seen.append(threading.current_thread()), original())
    start_print_warm_up(context.summaries)
    assert QThreadPool.globalInstance().waitForDone(20000)
    assert seen and seen[0] is not threading.main_thread()


def test_only_what_is_saved_or_printed_is_logged_as_printed(
    gui_app, qtbot, context, tmp_path
) -> None:
    def printed() -> list[tuple[str, str]]:
        return [
            (e.target, e.detail)
            for e in context.storage.audit.events(limit=50)
            if e.action.value == "printed"
        ]

    dialog = _preview(qtbot, context, "nl")
    assert printed() == []  # looking at the preview is not printing
    dialog.ask_save_path = lambda suggested: tmp_path / "s.pdf"
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(printed()) == 1 and printed()[0][1] == "client"
