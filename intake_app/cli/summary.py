"""``intake-admin summary ID --kind client|discreet|handover --out F.pdf [--data F.json]``.

``--data`` (handover only) writes the creditor list beside the letter (docs/creditor-list.md),
for a case system's saldoverzoek; refused, like the letter, without the client's consent.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intake_app.cli.arguments import file_path, record_id
from intake_app.core.errors import IntakeError
from intake_app.core.summary import SummaryKind

if TYPE_CHECKING:
    from intake_app.bootstrap.context import AppContext


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("summary", help="druk een samenvatting af als PDF")
    parser.add_argument(
        "session_id", type=record_id, metavar="ID", help="het nummer van het gesprek"
    )
    parser.add_argument(
        "--kind",
        choices=[kind.value for kind in SummaryKind],
        default=SummaryKind.CLIENT.value,
        help="client (voor de cliënt), discreet (zonder namen en bedragen) "
        "of handover (overdracht, alleen met toestemming)",
    )
    parser.add_argument("--out", type=file_path, required=True, metavar="F.pdf", help="PDF-bestand")
    parser.add_argument(
        "--data",
        type=file_path,
        metavar="F.json",
        help="schrijf ook de lijst met schuldeisers als JSON (alleen bij handover)",
    )
    parser.add_argument("--counsellor", default="", help="voornaam van de hulpverlener")
    parser.add_argument("--role", default="", help="rol van de afzender (overdracht)")
    parser.add_argument("--organisation", default="", help="organisatie van de afzender")
    parser.add_argument("--place", default="", help="plaats van het gesprek (overdracht)")
    parser.add_argument(
        "--show-remittances",
        action="store_true",
        help="toon geld naar familie (alleen als de cliënt dat wil)",
    )
    parser.add_argument(
        "--override-discretion",
        action="store_true",
        help="toch de volledige samenvatting van een discreet gesprek (wordt gelogd)",
    )


def run(context: AppContext, args: argparse.Namespace) -> int:
    from intake_app.services.summaries import PrintOptions

    out: Path = args.out
    data: Path | None = args.data
    if data is not None and args.kind != SummaryKind.HANDOVER.value:
        raise IntakeError("Een lijst met schuldeisers hoort alleen bij de overdracht.")
    for target in (out, data):
        if target is None:
            continue
        if target.is_dir():
            raise IntakeError("{path} is een map. Geef een bestandsnaam.", path=target)
        if not target.parent.is_dir():
            raise IntakeError("De map {path} bestaat niet.", path=target.parent)
    if data is not None and data.resolve() == out.resolve():
        raise IntakeError("De brief en de lijst met schuldeisers kunnen niet in hetzelfde bestand.")
    options = PrintOptions(
        counsellor=args.counsellor,
        role=args.role,
        organisation=args.organisation,
        place=args.place,
        show_remittances=True if args.show_remittances else None,  # else: as stored
        override_discretion=args.override_discretion,
    )
    try:
        if data is not None:  # first: it needs the stricter consent (formal debts)
            listed = context.summaries.write_creditor_list(args.session_id, data, options)
        written = context.summaries.write(args.session_id, args.kind, out, options)
    except OSError as exc:
        raise IntakeError(
            "Het bestand {path} kan niet worden geschreven: {reason}",
            path=exc.filename or out,
            reason=exc.strerror or exc,
        ) from exc
    print(f"Opgeslagen: {written}")
    if data is not None:
        print(f"Opgeslagen: {listed}")
    return 0
