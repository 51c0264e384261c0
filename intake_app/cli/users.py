"""``intake-admin users``: accounts from the command line (admin only, audited).

intake-admin [--user ADMIN] users add NAME --role ROLE [--name "Shown name"] [--password-stdin]
intake-admin --user ADMIN users list
intake-admin --user ADMIN users remove NAME
intake-admin --user ADMIN users set-role NAME ROLE

The new account's password is asked twice (``getpass``), or read as one line from standard
input with ``--password-stdin`` (for scripts). On a data folder without any account,
``users add NAME --role admin`` makes the first admin exactly as the first-run dialog does:
through ``DatabaseGate.open_first_run``, so the default database is encrypted from then on.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from intake_app.bootstrap.context import AppContext
from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.errors import IntakeError
from intake_app.core.security import Permission, Role
from intake_app.i18n.translator import N_

ROLES = [role.value for role in Role]


def add_parser(commands: Any) -> None:
    users = commands.add_parser("users", help="accounts (alleen beheerder)")
    actions = users.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="maak een account")
    add.add_argument("username", metavar="NAAM")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name", dest="display_name", default="", help="naam op het scherm")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="lees het wachtwoord van het nieuwe account als één regel van stdin",
    )
    actions.add_parser("list", help="toon de accounts")
    remove = actions.add_parser("remove", help="zet een account uit (het logboek blijft)")
    remove.add_argument("username", metavar="NAAM")
    set_role = actions.add_parser("set-role", help="geef een account een andere rol")
    set_role.add_argument("username", metavar="NAAM")
    set_role.add_argument("role", choices=ROLES)


def new_password(args: argparse.Namespace) -> str:
    """The new account's password: one line of stdin, or typed twice."""
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        return password.removesuffix("\r")
    first = getpass.getpass("Wachtwoord voor het nieuwe account: ")
    if getpass.getpass("Nog een keer: ") != first:
        raise IntakeError(N_("De twee wachtwoorden zijn niet gelijk. Er is niets veranderd."))
    return first


def first_admin(gate: DatabaseGate, args: argparse.Namespace) -> int | None:
    """``users add NAME --role admin`` on a database without accounts: the first run."""
    if (args.area, args.action) != ("users", "add") or not gate.needs_first_admin():
        return None
    if args.role != Role.ADMIN.value:
        raise IntakeError(N_("Het eerste account moet een beheerder zijn: gebruik --role admin."))
    context = gate.open_first_run(args.username, args.display_name, new_password(args))
    try:
        user = context.security.accounts.current
        assert user is not None
        encrypted = " De database is versleuteld." if gate.encrypted else ""
        print(f"Beheerder {user.username} is aangemaakt.{encrypted}")
    finally:
        context.close()
    return 0


def _list(context: AppContext) -> int:
    print(f"{'naam':<20}  {'rol':<12}  {'actief':<6}  op het scherm")
    for item in context.security.accounts.list_users():
        active = "ja" if item.active else "nee"
        print(f"{item.username:<20}  {item.role:<12}  {active:<6}  {item.display_name}")
    return 0


def run(context: AppContext, args: argparse.Namespace) -> int:
    accounts = context.security.accounts
    if args.action == "list":
        return _list(context)
    if args.action == "add":
        # Refuse before the new password is typed; add_user checks (and logs) again.
        context.security.access.require(Permission.MANAGE_USERS, "users")
        item = accounts.add_user(
            args.username, args.display_name, Role(args.role), new_password(args)
        )
        print(f"Account {item.username} ({item.role}) is aangemaakt.")
    elif args.action == "remove":
        accounts.deactivate_user(args.username)
        print("Het account is uitgezet.")
    else:  # set-role
        item = accounts.set_role(args.username, Role(args.role))
        print(f"{item.username} heeft nu de rol {item.role}.")
    return 0
