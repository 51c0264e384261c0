"""Lay out a SummaryDocument as a PDF (A4, bundled Noto fonts, reproducible bytes)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from intake_app.core.summary import SummaryDocument
from intake_app.reporting.fonts import font_for, register_fonts


def _styles(language: str, rtl: bool) -> dict[str, ParagraphStyle]:
    align = TA_RIGHT if rtl else TA_LEFT
    regular, bold = font_for(language), font_for(language, bold=True)
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=20, leading=26, alignment=align),
        "subtitle": ParagraphStyle("subtitle", fontName=regular, fontSize=11, leading=15,
                                   alignment=align, textColor="#555555"),
        "heading": ParagraphStyle("heading", fontName=bold, fontSize=14, leading=19,
                                  alignment=align, spaceBefore=8, spaceAfter=4),
        "body": ParagraphStyle("body", fontName=regular, fontSize=12, leading=16, alignment=align),
        "dutch": ParagraphStyle("dutch", fontName="NotoSans", fontSize=10, leading=13,
                                alignment=TA_LEFT, textColor="#444444"),
        "footer": ParagraphStyle("footer", fontName="NotoSans", fontSize=8, leading=10,
                                 textColor="#666666"),
    }  # fmt: skip


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    # User text must never be read as ReportLab markup (design.md section 5).
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def render_summary(document: SummaryDocument, fonts_dir: Path) -> bytes:
    """The PDF bytes of ``document``; identical input gives identical bytes."""
    register_fonts(fonts_dir)
    styles = _styles(document.language, document.rtl)
    story: list[object] = [
        _para(document.title, styles["title"]),
        _para(document.subtitle, styles["subtitle"]),
        Spacer(1, 6 * mm),
    ]
    for section in document.sections:
        story.append(_para(section.heading, styles["heading"]))
        if section.dutch_heading:
            story.append(_para(section.dutch_heading, styles["dutch"]))
        for line in section.lines:
            story.append(_para(line.text, styles["body"]))
            if line.dutch:
                story.append(_para(line.dutch, styles["dutch"]))
            story.append(Spacer(1, 2 * mm))
    if document.footer:
        story += [Spacer(1, 10 * mm), _para(document.footer, styles["footer"])]
    buffer = BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        invariant=1,
        title=document.title,
        author="intake_app",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    )
    pdf.build(story)
    return buffer.getvalue()


def write_summary(document: SummaryDocument, fonts_dir: Path, out: Path) -> Path:
    """Write atomically: a half-written PDF never replaces a good one."""
    data = render_summary(document, fonts_dir)
    partial = out.with_name(out.name + ".part")
    partial.write_bytes(data)
    partial.replace(out)
    return out
