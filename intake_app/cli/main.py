"""``intake-admin``: administration from the command line.

    intake-admin [--db URL] sessions list
    intake-admin [--db URL] summary ID --kind client|discreet|handover --out F.pdf

Errors are one sentence on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from intake_app.bootstrap.context import AppContext, build_context
from intake_app.cli import summary
from intake_app.core.errors import IntakeError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="intake-admin", description="Beheer van intake_app vanaf de opdrachtregel."
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database-adres (anders INTAKE_APP_DB_URL of het standaardbestand)",
    )
    commands = parser.add_subparsers(dest="area", required=True)
    sessions = commands.add_parser("sessions", help="gesprekken")
    session_commands = sessions.add_subparsers(dest="action", required=True)
    session_commands.add_parser("list", help="toon alle gesprekken")
    summary.add_parser(commands)
    return parser


def _sessions_list(context: AppContext) -> int:
    items = context.intake.list_sessions()
    if not items:
        print("Nog geen gesprekken.")
        return 0
    print(f"{'id':>5}  {'code':<10}  {'taal':<5}  {'status':<10}  laatst opgeslagen (UTC)")
    for item in items:
        saved = item.updated_at.strftime("%Y-%m-%d %H:%M")
        practice = "  (oefening)" if item.practice else ""
        print(
            f"{item.id:>5}  {item.code:<10}  {item.client_language:<5}  "
            f"{item.status:<10}  {saved}{practice}"
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        context = build_context(db_url=args.db)
    except IntakeError as exc:
        print(f"intake-admin: {exc}", file=sys.stderr)
        return 2
    try:
        if args.area == "summary":
            return summary.run(context, args)
        if (args.area, args.action) == ("sessions", "list"):
            return _sessions_list(context)
        return 2  # argparse already refused anything else
    except IntakeError as exc:
        print(f"intake-admin: {exc}", file=sys.stderr)
        return 2
    finally:
        context.close()


if __name__ == "__main__":
    raise SystemExit(main())
