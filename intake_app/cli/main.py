"""``intake-admin``: administration from the command line.

    intake-admin [--db URL] [--data-dir DIR] [--user NAME] sessions list
    intake-admin [--db URL] [--data-dir DIR] --user NAME audit list [--limit N]

Once accounts exist, ``--user`` is needed; the password is asked (or read from
INTAKE_APP_PASSWORD, for scripts). The audit log is for admins only.

Errors are one sentence on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from intake_app.bootstrap.context import AppContext
from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import N_

PASSWORD_VARIABLE = "INTAKE_APP_PASSWORD"  # noqa: S105 - the name of a variable


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="intake-admin", description="Beheer van intake_app vanaf de opdrachtregel."
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database-adres (anders INTAKE_APP_DB_URL of het standaardbestand)",
    )
    parser.add_argument("--data-dir", type=Path, help="map met het standaardbestand")
    parser.add_argument("--user", help="uw gebruikersnaam (nodig zodra er accounts zijn)")
    commands = parser.add_subparsers(dest="area", required=True)
    sessions = commands.add_parser("sessions", help="gesprekken")
    session_commands = sessions.add_subparsers(dest="action", required=True)
    session_commands.add_parser("list", help="toon alle gesprekken")
    audit = commands.add_parser("audit", help="wie deed wat en wanneer (alleen beheerder)")
    audit_commands = audit.add_subparsers(dest="action", required=True)
    audit_list = audit_commands.add_parser("list", help="toon het logboek, nieuwste eerst")
    audit_list.add_argument("--limit", type=int, default=200)
    return parser


def _open(args: argparse.Namespace) -> AppContext:
    """Open the database as a person: log in (and unlock) once accounts exist."""
    gate = DatabaseGate(db_url=args.db, data_dir=args.data_dir)
    if gate.needs_first_admin():
        if gate.encrypted:
            raise IntakeError(N_("Er is nog geen beheerder. Start de app en maak er een."))
        return gate.open_without_accounts()
    if not args.user:
        raise IntakeError(N_("Geef uw gebruikersnaam met --user."))
    password = os.environ.get(PASSWORD_VARIABLE) or getpass.getpass("Wachtwoord: ")
    return gate.open_with_login(args.user, password)


def _audit_list(context: AppContext, limit: int) -> int:
    entries = context.security.audit.entries(limit=limit)
    if not entries:
        print("Het logboek is leeg.")
        return 0
    print(f"{'tijd (UTC)':<19}  {'wie':<16}  {'wat':<16}  {'waarop':<20}  detail")
    for entry in entries:
        at = entry.at.strftime("%Y-%m-%d %H:%M:%S")
        print(
            f"{at:<19}  {entry.actor:<16}  {entry.action:<16}  {entry.target:<20}  {entry.detail}"
        )
    return 0


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
        context = _open(args)
    except IntakeError as exc:
        print(f"intake-admin: {exc}", file=sys.stderr)
        return 2
    try:
        if (args.area, args.action) == ("sessions", "list"):
            return _sessions_list(context)
        if (args.area, args.action) == ("audit", "list"):
            return _audit_list(context, args.limit)
        return 2  # argparse already refused anything else
    except IntakeError as exc:
        print(f"intake-admin: {exc}", file=sys.stderr)
        return 2
    finally:
        context.close()


if __name__ == "__main__":
    raise SystemExit(main())
