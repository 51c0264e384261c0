"""``intake-admin`` commands for storage: session files, erasure, retention, backups.

intake-admin sessions export ID --out FILE.json
intake-admin sessions import FILE.json
intake-admin sessions erase ID --yes
intake-admin retention show | set DAYS | apply
intake-admin backup list | make | restore
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from intake_app.bootstrap.context import AppContext
from intake_app.bootstrap.recovery import restore_latest_for
from intake_app.core.errors import IntakeError


def add_session_commands(session_commands: Any) -> None:
    export = session_commands.add_parser("export", help="schrijf één gesprek naar een bestand")
    export.add_argument("id", type=int, help="nummer van het gesprek (zie: sessions list)")
    export.add_argument("--out", type=Path, required=True, metavar="BESTAND.json")
    load = session_commands.add_parser("import", help="lees een gesprek uit een bestand")
    load.add_argument("file", type=Path, metavar="BESTAND.json")
    erase = session_commands.add_parser("erase", help="wis één gesprek helemaal (op verzoek)")
    erase.add_argument("id", type=int)
    erase.add_argument("--yes", action="store_true", help="ja, echt wissen")


def add_storage_commands(commands: Any) -> None:
    retention = commands.add_parser("retention", help="bewaartermijn van persoonsgegevens")
    retention_commands = retention.add_subparsers(dest="action", required=True)
    retention_commands.add_parser("show", help="toon de bewaartermijn")
    set_days = retention_commands.add_parser("set", help="stel de bewaartermijn in")
    set_days.add_argument("days", type=int, help="dagen na de laatste wijziging; 0 = nooit")
    retention_commands.add_parser("apply", help="wis nu wat over de termijn is")
    backup = commands.add_parser("backup", help="reservekopieën van het databasebestand")
    backup_commands = backup.add_subparsers(dest="action", required=True)
    backup_commands.add_parser("list", help="toon de reservekopieën")
    backup_commands.add_parser("make", help="maak nu een reservekopie")
    backup_commands.add_parser("restore", help="zet de nieuwste goede reservekopie terug")
    count = backup_commands.add_parser("keep", help="hoeveel reservekopieën bewaren")
    count.add_argument("count", type=int)
    database = commands.add_parser("db", help="de database zelf")
    database_commands = database.add_subparsers(dest="action", required=True)
    database_commands.add_parser("check", help="controleer het hele databasebestand")


def run_without_context(args: argparse.Namespace) -> int | None:
    """Commands that must work when the database cannot be opened (a damaged file)."""
    if (args.area, args.action) == ("backup", "restore"):
        used = restore_latest_for(args.db)
        print(f"Teruggezet: {used}. Het oude bestand staat ernaast (.damaged-…).")
        return 0
    return None


def run(args: argparse.Namespace, context: AppContext) -> int | None:
    """Run a storage command; None when ``args`` is not one of them."""
    key = (args.area, args.action)
    if key == ("sessions", "export"):
        out = context.session_files.export_session(args.id, args.out)
        print(f"Gesprek {args.id} opgeslagen in {out}")
    elif key == ("sessions", "import"):
        item = context.session_files.import_session(args.file)
        print(f"Gesprek {item.code} ingelezen als nummer {item.id}.")
    elif key == ("sessions", "erase"):
        if not args.yes:
            raise IntakeError("Wissen kan niet ongedaan worden gemaakt. Herhaal met --yes.")
        context.storage_admin.erase_session(args.id)
        print(f"Gesprek {args.id} is gewist.")
    elif key == ("retention", "show"):
        days = context.storage_admin.retention_days()
        print(
            "Persoonsgegevens worden nooit gewist."
            if days == 0
            else f"Bewaartermijn: {days} dagen."
        )
    elif key == ("retention", "set"):
        context.storage_admin.set_retention_days(args.days)
        print(f"Bewaartermijn: {args.days} dagen.")
    elif key == ("retention", "apply"):
        result = context.storage_admin.apply_retention()
        print(f"Persoonsgegevens gewist in {result.anonymised} gesprek(ken).")
    elif key == ("backup", "list"):
        backups = context.storage_admin.backups()
        if not backups:
            print("Nog geen reservekopieën.")
        for info in backups:
            print(f"{info.made_at:%Y-%m-%d %H:%M:%S} UTC  {info.size:>10} bytes  {info.path}")
    elif key == ("backup", "make"):
        # Through the gate: who may make one is checked, and the backup is logged.
        print(f"Reservekopie gemaakt: {context.storage_admin.make_backup()}")
    elif key == ("db", "check"):
        health = context.storage_admin.check()
        if health != "ok":
            print(f"De database is beschadigd: {health[:500]}")
            print("Herstel met: intake-admin backup restore")
            return 1
        print("De database is in orde.")
    elif key == ("backup", "keep"):
        context.storage_admin.set_backup_count(args.count)
        print(f"Er worden {args.count} reservekopieën bewaard.")
    else:
        return None
    return 0
