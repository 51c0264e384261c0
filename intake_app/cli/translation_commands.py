"""``intake-admin translations review-sheet LANG --out FILE.xlsx`` and
``intake-admin translations import-review FILE.xlsx [--reviewer XY] [--date JJJJ-MM-DD]``.

Both work on the catalogs (``--catalogs DIR``, else the app's own) and need no database.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from intake_app.bootstrap.paths import default_paths
from intake_app.cli.arguments import file_path
from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import N_
from intake_app.services.translation_review import import_review, write_review_sheet


def add_parser(commands: Any) -> None:
    translations = commands.add_parser("translations", help="vertalingen laten nakijken")
    actions = translations.add_subparsers(dest="action", required=True)
    sheet = actions.add_parser("review-sheet", help="maak een Excel-blad voor een nakijker")
    sheet.add_argument("code", metavar="TAAL", help="bijvoorbeeld: ar")
    sheet.add_argument("--out", required=True, type=file_path, metavar="BESTAND.xlsx")
    sheet.add_argument("--catalogs", type=Path, metavar="MAP", help="anders: die van de app")
    review = actions.add_parser("import-review", help="neem een nagekeken blad over")
    review.add_argument("file", type=Path, metavar="BESTAND.xlsx")
    review.add_argument("--reviewer", metavar="INITIALEN", help="anders: cel B2 van het blad")
    review.add_argument("--date", metavar="JJJJ-MM-DD", help="anders: cel B3, of vandaag")
    review.add_argument("--catalogs", type=Path, metavar="MAP", help="anders: die van de app")


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise IntakeError(N_("Geef de datum als jaar-maand-dag, niet {text}."), text=text) from exc


def run(args: argparse.Namespace) -> int:
    catalogs = args.catalogs or default_paths().catalogs
    try:
        if args.action == "review-sheet":
            count = write_review_sheet(catalogs, args.code, args.out)
            print(f"Opgeslagen: {args.out} ({count} teksten)")
            return 0
        report = import_review(catalogs, args.file, args.reviewer, _day(args.date))
    except IntakeError as exc:
        print(f"intake-admin: {exc}", file=sys.stderr)
        return 2
    print("\n".join(report.lines()))
    return 0
