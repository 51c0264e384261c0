"""The coordinator's printable statistics report (PDF). Only suppressed figures reach it.

``StatsPdfWriter`` is cheap to import; ReportLab loads on the first report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from intake_app.core.statistics import (
    HIDDEN_SECONDARY,
    StatisticsReport,
    small_label,
    visible_share,
)


class StatsPdfWriter:
    """Implements ``core.statistics.StatsDocumentWriter``."""

    def __init__(self, fonts_dir: Path) -> None:
        self.fonts_dir = fonts_dir

    def write(self, report: StatisticsReport, out: Path) -> Path:
        data = render_stats_report(report, self.fonts_dir)
        partial = out.with_name(out.name + ".part")
        partial.write_bytes(data)
        partial.replace(out)
        return out


def render_stats_report(report: StatisticsReport, fonts_dir: Path) -> bytes:
    from io import BytesIO

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from intake_app.reporting.fonts import register_fonts

    register_fonts(fonts_dir)
    title = ParagraphStyle("t", fontName="NotoSans-Bold", fontSize=18, leading=23)
    heading = ParagraphStyle("h", fontName="NotoSans-Bold", fontSize=11, leading=14, spaceBefore=6)
    body = ParagraphStyle("b", fontName="NotoSans", fontSize=9, leading=12)
    note = ParagraphStyle("n", fontName="NotoSans", fontSize=8, leading=10, textColor="#555555")

    def para(text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(text), style)

    where = report.neighbourhood or "alle wijken"
    story: list[Any] = [
        para("Anonieme statistiek", title),
        para(f"Periode {report.first_month} tot en met {report.last_month}, {where}.", body),
        para(
            f"Aantallen onder de {report.threshold} staan er als "
            f"‘{small_label(report.threshold)}’. Alle aantallen zijn licht verstoord "
            "(celsleutelmethode), zodat niemand te herkennen is; totalen zijn sommen van de "
            f"cellen. ‘{HIDDEN_SECONDARY}’: onbekend na samenvoegen. "
            "Oefengesprekken tellen niet mee. "
            "Als getal getoond: {} van {} cellen.".format(*visible_share(report.tables)),
            note,
        ),
        Spacer(1, 4 * mm),
    ]
    for table in report.tables:
        header = ["", *table.columns, "Totaal"]
        labels = [*(label for _, label in table.rows), "Totaal"]
        data: list[list[Any]] = [header]
        for r in range(len(labels)):
            data.append(
                [para(labels[r], body), *(table.display(r, c) for c in range(len(header) - 1))]
            )
        grid = Table(data, colWidths=[62 * mm] + [None] * (len(header) - 1), repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), "NotoSans", 8),
                    ("FONT", (0, 0), (-1, 0), "NotoSans-Bold", 8),
                    ("FONT", (0, -1), (-1, -1), "NotoSans-Bold", 8),
                    ("FONT", (-1, 0), (-1, -1), "NotoSans-Bold", 8),
                    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.grey),
                    ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.grey),
                    (
                        "ROWBACKGROUNDS",
                        (0, 1),
                        (-1, -2),
                        [colors.white, colors.HexColor("#f4f1ea")],
                    ),
                ]
            )
        )
        block: list[Any] = [para(f"{table.title} (aantal {table.unit})", heading), grid]
        if table.reference:
            block.append(para(table.reference, note))
        story.append(KeepTogether(block))
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        invariant=1,
        title="Anonieme statistiek",
        author="intake_app",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    document.build(story)
    return buffer.getvalue()
