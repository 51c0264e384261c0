"""Register the bundled Noto fonts with ReportLab, once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# ReportLab name -> file in resources/fonts/. Chosen per language script.
FONT_FILES = {
    "NotoSans": "NotoSans-Regular.ttf",
    "NotoSans-Bold": "NotoSans-Bold.ttf",
    "NotoSansArabic": "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold": "NotoSansArabic-Bold.ttf",
    "NotoSansEthiopic": "NotoSansEthiopic-Regular.ttf",
    "NotoSansEthiopic-Bold": "NotoSansEthiopic-Bold.ttf",
}

SCRIPT_FONT = {"ar": "NotoSansArabic", "fa_AF": "NotoSansArabic", "ti": "NotoSansEthiopic"}


@cache
def register_fonts(fonts_dir: Path) -> None:
    for name, file_name in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(fonts_dir / file_name)))


def font_for(language: str, *, bold: bool = False) -> str:
    base = SCRIPT_FONT.get(language, "NotoSans")
    return f"{base}-Bold" if bold else base
