"""Lay out a SummaryDocument as a PDF (A4, embedded Noto fonts, reproducible bytes).

Layout only: what goes in which section, translated and formatted, is decided by
``services.summaries``. Right-to-left languages are mirrored: pictogram on the right,
amount on the left, text right-aligned and reordered per line (``reporting.bidi_text``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from intake_app.core.errors import IntakeError
from intake_app.core.summary import SectionKind, SummaryDocument, SummaryLine, SummarySection
from intake_app.reporting.bidi_text import paragraph_markup
from intake_app.reporting.fonts import LATIN, LATIN_BOLD, font_for, register_fonts

log = logging.getLogger(__name__)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
PICTOGRAM = 9 * mm
HEADING_PICTOGRAM = 11 * mm
AMOUNT_WIDTH = 42 * mm
URGENT_RED = colors.HexColor("#B00020")
URGENT_FILL = colors.HexColor("#FDECEE")
MUTED = colors.HexColor("#555555")


@cache
def _svg(path: str) -> Drawing | None:
    from svglib.svglib import svg2rlg

    drawing: Drawing | None = svg2rlg(path)
    if drawing is not None:
        # Drawing a shape sets its state's font; the default would put an unembedded
        # Helvetica in every PDF with a pictogram.
        drawing.initialFontName = LATIN
    return drawing


def preload_pictograms(paths: Sequence[Path]) -> None:
    for path in paths:
        _svg(str(path))


class LayoutFailedError(IntakeError):
    """ReportLab could not fit the document on paper."""


class Pictogram(Flowable):  # type: ignore[misc]
    """An OpenMoji SVG, drawn as vectors at ``size`` points square."""

    def __init__(self, path: Path, size: float) -> None:
        super().__init__()
        self.path = path
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        drawing = _svg(str(self.path))
        if drawing is None or not drawing.width:
            return
        canvas: Canvas = self.canv
        # Each pictogram is drawn once per document as a form, then reused by reference.
        drawn: set[str] = canvas.__dict__.setdefault("_intake_pictograms", set())
        name = f"pictogram-{self.path.stem}"
        if name not in drawn:
            canvas.beginForm(name, 0, 0, drawing.width, drawing.height)
            renderPDF.draw(drawing, canvas, 0, 0)
            canvas.endForm()
            drawn.add(name)
        canvas.saveState()
        scale = self.size / max(drawing.width, drawing.height)
        canvas.scale(scale, scale)
        canvas.doForm(name)
        canvas.restoreState()


@dataclass(frozen=True, slots=True)
class _Fonts:
    regular: str
    bold: str


class _Layout:
    def __init__(self, document: SummaryDocument, pictograms: Any) -> None:
        self.document = document
        self.rtl = document.rtl
        self.pictograms = pictograms  # code -> Path | None
        self.missing: list[str] = []  # characters no bundled font has (printed as U+FFFD)
        self.client = _Fonts(font_for(document.language), font_for(document.language, bold=True))
        self.dutch = _Fonts(LATIN, LATIN_BOLD)
        align = TA_RIGHT if self.rtl else TA_LEFT
        self.align = align

        def style(name: str, size: float, leading: float, **extra: Any) -> ParagraphStyle:
            return ParagraphStyle(name, fontSize=size, leading=leading, alignment=align, **extra)

        self.styles = {
            "title": style("title", 20, 26, fontName=self.client.bold),
            "title_nl": style("title_nl", 12, 16, fontName="NotoSans", textColor=MUTED),
            "subtitle": style("subtitle", 10, 14, fontName=self.client.regular, textColor=MUTED),
            "heading": style("heading", 14, 19, fontName=self.client.bold),
            "heading_urgent": style(
                "heading_urgent", 15, 20, fontName=self.client.bold, textColor=URGENT_RED
            ),
            "heading_nl": style("heading_nl", 10, 13, fontName="NotoSans", textColor=MUTED),
            "body": style("body", 12, 16, fontName=self.client.regular),
            "total": style("total", 12, 16, fontName=self.client.bold),
            "body_nl": style("body_nl", 9.5, 12.5, fontName="NotoSans", textColor=MUTED),
            "total_nl": style("total_nl", 9.5, 12.5, fontName="NotoSans-Bold", textColor=MUTED),
            "amount": ParagraphStyle(
                "amount", fontName=self.client.regular, fontSize=12, leading=16,
                alignment=TA_LEFT if self.rtl else TA_RIGHT,
            ),
        }  # fmt: skip
        self.styles["amount_total"] = ParagraphStyle(
            "amount_total", parent=self.styles["amount"], fontName=self.client.bold
        )
        self.styles["amount_own"] = ParagraphStyle(
            "amount_own", parent=self.styles["amount"], fontSize=9, leading=12, textColor=MUTED
        )

    # -- paragraphs ----------------------------------------------------------------------
    def para(self, text: str, style_name: str, avail: float, *, dutch: bool = False) -> Paragraph:
        """A paragraph aligned with the document; Dutch lines are laid out left to right."""
        style = self.styles[style_name]
        rtl = self.rtl and not dutch
        body = paragraph_markup(
            text, style.fontName, style.fontSize, avail - 2, rtl=rtl, missing=self.missing
        )
        return Paragraph(body, style)

    def amount(self, text: str, *, total: bool, own: bool = False) -> Paragraph:
        name = "amount_own" if own else "amount_total" if total else "amount"
        style = self.styles[name]
        body = paragraph_markup(
            text, style.fontName, style.fontSize, AMOUNT_WIDTH - 8, rtl=self.rtl,
            missing=self.missing,
        )  # fmt: skip
        return Paragraph(body, style)

    def pictogram(self, code: str, size: float) -> Flowable | str:
        path = self.pictograms(code) if code else None
        return Pictogram(path, size) if path is not None else ""

    def row(self, cells: Sequence[Any]) -> list[Any]:
        return list(reversed(cells)) if self.rtl else list(cells)

    def widths(self, widths: Sequence[float]) -> list[float]:
        return list(reversed(widths)) if self.rtl else list(widths)

    # -- blocks --------------------------------------------------------------------------
    def header(self) -> list[Flowable]:
        doc = self.document
        story: list[Flowable] = [self.para(doc.title, "title", FRAME_WIDTH)]
        if doc.dutch_title:
            story.append(self.para(doc.dutch_title, "title_nl", FRAME_WIDTH, dutch=True))
        if doc.subtitle:
            story.append(self.para(doc.subtitle, "subtitle", FRAME_WIDTH))
        story.append(Spacer(1, 5 * mm))
        return story

    def section(self, section: SummarySection) -> list[Flowable]:
        urgent = section.kind is SectionKind.URGENT
        text_width = FRAME_WIDTH - HEADING_PICTOGRAM - 4 * mm
        heading_style = "heading_urgent" if urgent else "heading"
        heading_cell: list[Flowable] = [self.para(section.heading, heading_style, text_width)]
        if section.dutch_heading:
            heading_cell.append(
                self.para(section.dutch_heading, "heading_nl", text_width, dutch=True)
            )
        heading = Table(
            [self.row([self.pictogram(section.pictogram, HEADING_PICTOGRAM), heading_cell])],
            colWidths=self.widths([HEADING_PICTOGRAM + 4 * mm, text_width]),
        )
        heading.setStyle(TableStyle(self._cell_style()))
        heading.keepWithNext = True

        line_width = FRAME_WIDTH - PICTOGRAM - AMOUNT_WIDTH - 6 * mm
        rows = [self._line(line, line_width) for line in section.lines]
        commands = self._cell_style()
        for index, line in enumerate(section.lines):
            if line.total:
                commands.append(("LINEABOVE", (0, index), (-1, index), 0.8, colors.black))
        if urgent:
            commands += [
                ("BOX", (0, 0), (-1, -1), 2, URGENT_RED),
                ("BACKGROUND", (0, 0), (-1, -1), URGENT_FILL),
            ]
        story: list[Flowable] = [Spacer(1, 3 * mm), heading]
        if rows:
            table = Table(
                rows,
                colWidths=self.widths([PICTOGRAM + 3 * mm, line_width + 3 * mm, AMOUNT_WIDTH]),
                splitByRow=1,
                splitInRow=1,  # a very long text may run over a page break
            )
            table.setStyle(TableStyle(commands))
            story.append(table)
        return story

    def _line(self, line: SummaryLine, avail: float) -> list[Any]:
        text_cell: list[Flowable] = [self.para(line.text, "total" if line.total else "body", avail)]
        if line.dutch:
            text_cell.append(
                self.para(line.dutch, "total_nl" if line.total else "body_nl", avail, dutch=True)
            )
        amount: list[Flowable] | str = ""
        if line.amount:  # Dutch notation; the client's own below it, smaller, where it differs
            amount = [self.amount(line.amount, total=line.total)]
            if line.amount_own:
                amount.append(self.amount(line.amount_own, total=False, own=True))
        return self.row([self.pictogram(line.pictogram, PICTOGRAM), text_cell, amount])

    @staticmethod
    def _cell_style() -> list[tuple[Any, ...]]:
        return [
            # An empty cell is still a text block: without this, ReportLab names Helvetica.
            ("FONTNAME", (0, 0), (-1, -1), LATIN),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]


def _footer_painter(footer: str) -> Any:
    def paint(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("NotoSans", 7)
        canvas.setFillColor(MUTED)
        if footer:
            canvas.drawString(MARGIN, 10 * mm, footer)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 10 * mm, str(doc.page))
        canvas.restoreState()

    return paint


@dataclass(frozen=True, slots=True)
class Rendered:
    data: bytes
    missing: tuple[str, ...]  # characters no bundled font has: printed as U+FFFD


def render_summary(document: SummaryDocument, fonts_dir: Path, pictograms: Any = None) -> bytes:
    """The PDF bytes of ``document``; identical input gives identical bytes.

    ``pictograms`` maps a pictogram code to its SVG path (or None); without it no
    pictograms are drawn.
    """
    return render_summary_report(document, fonts_dir, pictograms).data


def render_summary_report(
    document: SummaryDocument, fonts_dir: Path, pictograms: Any = None
) -> Rendered:
    """The PDF and the characters printed as a replacement because no font has them."""
    register_fonts(fonts_dir)
    layout = _Layout(document, pictograms or (lambda code: None))
    story: list[Flowable] = layout.header()
    for section in document.sections:
        story += layout.section(section)
    buffer = BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        invariant=1,
        initialFontName="NotoSans",  # otherwise an unembedded Helvetica is referenced
        title=document.dutch_title or document.title,
        author="intake_app",
        subject=document.kind.value,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    paint = _footer_painter(document.footer)
    try:
        pdf.build(story, onFirstPage=paint, onLaterPages=paint)
    except LayoutError as exc:
        raise LayoutFailedError(
            "De samenvatting past niet op papier. Maak lange teksten korter. ({reason})",
            reason=str(exc)[:200],
        ) from exc
    missing = tuple(dict.fromkeys(layout.missing))
    if missing:
        log.warning(
            "Printed as a replacement character, no bundled font has: %s",
            ", ".join(f"U+{ord(char):04X}" for char in missing),
        )
    return Rendered(buffer.getvalue(), missing)


def write_summary(
    document: SummaryDocument, fonts_dir: Path, out: Path, pictograms: Any = None
) -> Path:
    """Write atomically: a half-written PDF never replaces a good one."""
    from intake_app.core import safe_write  # owner-only, temp file and rename, no devices

    safe_write.check_target(out)  # refuse a folder or a device before the layout work
    return safe_write.write_bytes(out, render_summary(document, fonts_dir, pictograms))
