"""``intake-admin``: administration from the command line.

    intake-admin [--db URL] sessions list
    intake-admin [--db URL] sessions export|import|erase ...   (see cli/storage_commands.py)
    intake-admin [--db URL] retention|backup ...

Errors are one sentence on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from intake_app.bootstrap.context import AppContext, build_context
from intake_app.cli import storage_commands
from intake_app.core.durability import CorruptDatabaseError
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
    storage_commands.add_session_commands(session_commands)
    storage_commands.add_storage_commands(commands)
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
        done = storage_commands.run_without_context(args)
        if done is not None:
            return done
        context = build_context(db_url=args.db)
    except CorruptDatabaseError as exc:
        print(f"intake-admin: {exc}", file=sys.stderr)
        if exc.latest_backup is not None:
            print("Herstel met: intake-admin backup restore", file=sys.stderr)
        return 2
    except IntakeError as exc:
        print(f"intake-admin: {exc}", file=sys.stderr)
        return 2
    for warning in context.storage.warnings:
        print(f"intake-admin: {warning}", file=sys.stderr)
    try:
        if (args.area, args.action) == ("sessions", "list"):
            return _sessions_list(context)
        done = storage_commands.run(args, context)
        return 2 if done is None else done  # argparse already refused anything else
    except IntakeError as exc:
        print(f"intake-admin: {exc}", file=sys.stderr)
        return 2
    finally:
        context.close()


if __name__ == "__main__":
    raise SystemExit(main())
