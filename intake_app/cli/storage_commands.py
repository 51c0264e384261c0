"""``intake-admin`` commands for storage: session files, erasure, retention, backups.

intake-admin sessions export ID --out FILE.json
intake-admin sessions import FILE.json
intake-admin sessions erase ID --yes
intake-admin retention show | set DAYS | apply
intake-admin organisation show | set NAME   (the sender's organisation on the handover)
intake-admin backup list | make | verify | restore [--backup NAAM] [--yes]
intake-admin db check

Backups are an admin's work and are audited. ``backup`` and ``db check`` never create a
database: a missing file is refused in one sentence.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from intake_app.bootstrap.context import AppContext, resolve_db_url
from intake_app.bootstrap.paths import default_paths
from intake_app.bootstrap.recovery import (
    DamagedPlan,
    choose_backup,
    database_file,
    restore_over_damaged,
    restore_over_healthy,
)
from intake_app.bootstrap.server_roles import setup_server_roles
from intake_app.cli.arguments import file_path, record_id, whole_number
from intake_app.core.durability import CorruptDatabaseError
from intake_app.core.errors import ConfigurationError, IntakeError
from intake_app.services.retention import RestorePlan
from intake_app.storage.backup import is_healthy, list_backups
from intake_app.storage.database import MissingDatabaseError, parse_url, sqlite_file

Opener = Callable[[argparse.Namespace], AppContext]


def add_session_commands(session_commands: Any) -> None:
    export = session_commands.add_parser("export", help="schrijf één gesprek naar een bestand")
    export.add_argument("id", type=record_id, help="nummer van het gesprek (zie: sessions list)")
    export.add_argument("--out", type=file_path, required=True, metavar="BESTAND.json")
    load = session_commands.add_parser("import", help="lees een gesprek uit een bestand")
    load.add_argument("file", type=file_path, metavar="BESTAND.json")
    erase = session_commands.add_parser("erase", help="wis één gesprek helemaal (op verzoek)")
    erase.add_argument("id", type=record_id)
    erase.add_argument("--yes", action="store_true", help="ja, echt wissen")


def add_storage_commands(commands: Any) -> None:
    retention = commands.add_parser("retention", help="bewaartermijn van persoonsgegevens")
    retention_commands = retention.add_subparsers(dest="action", required=True)
    retention_commands.add_parser("show", help="toon de bewaartermijn")
    set_days = retention_commands.add_parser("set", help="stel de bewaartermijn in")
    set_days.add_argument(
        "days", type=whole_number, help="dagen na de laatste wijziging; 0 = nooit"
    )
    retention_commands.add_parser("apply", help="wis nu wat over de termijn is")
    organisation = commands.add_parser("organisation", help="naam van de eigen organisatie")
    organisation_commands = organisation.add_subparsers(dest="action", required=True)
    organisation_commands.add_parser("show", help="toon de naam (afzender op de overdracht)")
    set_name = organisation_commands.add_parser("set", help="stel de naam in")
    set_name.add_argument("name", help="zoals op de overdrachtsbrief, bv. Stichting Voorbeeld")
    backup = commands.add_parser("backup", help="reservekopieën van het databasebestand")
    backup_commands = backup.add_subparsers(dest="action", required=True)
    backup_commands.add_parser("list", help="toon de reservekopieën")
    backup_commands.add_parser("make", help="maak nu een reservekopie")
    backup_commands.add_parser("verify", help="controleer of elke reservekopie te openen is")
    restore = backup_commands.add_parser(
        "restore", help="zet een reservekopie terug (standaard de nieuwste goede)"
    )
    restore.add_argument("--backup", metavar="NAAM", help="bestandsnaam uit: backup list")
    restore.add_argument("--yes", action="store_true", help="ja, echt terugzetten")
    count = backup_commands.add_parser("keep", help="hoeveel reservekopieën bewaren")
    count.add_argument("count", type=whole_number)
    database = commands.add_parser("db", help="de database zelf")
    database_commands = database.add_subparsers(dest="action", required=True)
    database_commands.add_parser("check", help="controleer het hele databasebestand")
    database_commands.add_parser(
        "setup-roles",
        help="PostgreSQL: rollen en rechten op de server (eenmalig, als eigenaar van de database)",
    )


def check_first(args: argparse.Namespace) -> None:
    """Refuse a bad output file or a bad session file before the database is opened.

    Cheaper (no database, no log-in) and kinder: the person hears about the file at once.
    The service checks again when it writes or imports.
    """
    from intake_app.core import safe_write

    out = getattr(args, "out", None)
    if isinstance(out, Path):
        safe_write.check_target(out)
    if (args.area, args.action) == ("sessions", "import"):
        from intake_app.bootstrap.paths import default_paths
        from intake_app.content.loader import load_flow
        from intake_app.services.session_file import from_document, read_document

        from_document(read_document(args.file), load_flow(default_paths(args.data_dir).content))


def run_without_context(args: argparse.Namespace, open_context: Opener) -> int | None:
    """Backups (they need the key as well as a log-in) and checks that must not create a file.

    None when ``args`` is for ``run`` with an ordinary context.
    """
    if args.area not in ("backup", "db"):
        return None
    if args.action == "setup-roles":  # PostgreSQL only, as the database's owner
        for line in setup_server_roles(args.db):
            print(line)
        return 0
    path = sqlite_file(parse_url(resolve_db_url(args.db, default_paths(args.data_dir))))
    if path is None and args.area == "backup":
        # PostgreSQL: the server's own backups apply; say so instead of "no backups yet".
        raise ConfigurationError(
            "Reservekopieën gaan hier alleen over een SQLite-bestand. "
            "Voor PostgreSQL maakt de beheerder ze met pg_dump."
        )
    restoring = args.action == "restore"
    if path is not None and not path.exists() and not (restoring and list_backups(path)):
        raise MissingDatabaseError(path)
    if args.area != "backup" or args.action == "keep":
        return None
    if args.action == "restore":
        return _restore(args, open_context)
    context = open_context(args)
    try:
        _print_warnings(context)
        if args.action == "make":
            print(f"Reservekopie gemaakt: {context.storage_admin.make_backup()}")
        elif args.action == "list":
            _list(context)
        else:
            return _verify(context, getattr(args.gate, "last_key", None))
    finally:
        context.close()
    return 0


def _print_warnings(context: AppContext) -> None:
    for warning in context.storage.warnings:
        print(f"intake-admin: {warning}", file=sys.stderr)


def _list(context: AppContext) -> None:
    backups = context.storage_admin.backups()
    if not backups:
        print("Nog geen reservekopieën.")
    for info in backups:
        print(f"{info.made_at:%Y-%m-%d %H:%M:%S} UTC  {info.size:>10} bytes  {info.path}")


def _verify(context: AppContext, key: bytes | None) -> int:
    backups = context.storage_admin.backups()
    if not backups:
        print("Nog geen reservekopieën.")
        return 0
    bad = 0
    for info in backups:
        healthy = is_healthy(info.path, key)
        bad += not healthy
        print(f"{'in orde ' if healthy else 'ONLEESBAAR'}  {info.path.name}")
    if bad:
        print(f"{bad} reservekopie(ën) kunnen niet worden gebruikt.")
        return 1
    print("Alle reservekopieën zijn in orde.")
    return 0


def _fresh(open_context: Opener, args: argparse.Namespace) -> Callable[[], AppContext]:
    """Open again with a new gate (the old one holds the context that was closed)."""

    def reopen() -> AppContext:
        args.gate = None
        return open_context(args)

    return reopen


def _restore(args: argparse.Namespace, open_context: Opener) -> int:
    database = database_file(args.db, args.data_dir)
    try:
        context = open_context(args)
    except CorruptDatabaseError:
        key = getattr(getattr(args, "gate", None), "last_key", None)
        damaged = DamagedPlan(choose_backup(database, key, args.backup))
        _show_damaged(damaged, database)
        _confirm(args)
        aside = restore_over_damaged(database, damaged, key, _fresh(open_context, args))
        _done(damaged.backup.path, aside)
        return 0
    try:
        _print_warnings(context)
        key = getattr(args.gate, "last_key", None)
        plan = context.storage_admin.plan_restore(choose_backup(database, key, args.backup))
        _show(plan)
        _confirm(args)
    except BaseException:
        context.close()
        raise
    aside = restore_over_healthy(context, plan, key)
    _done(plan.backup.path, aside)
    return 0


def _show(plan: RestorePlan) -> None:
    info = plan.backup
    print(f"Reservekopie: {info.path.name}")
    print(f"Gemaakt op: {info.made_at:%Y-%m-%d %H:%M:%S} UTC")
    if plan.newer_sessions:
        codes = ", ".join(plan.newer_sessions[:20])
        more = " …" if len(plan.newer_sessions) > 20 else ""
        print(
            f"Na dat moment gemaakt of gewijzigd: {len(plan.newer_sessions)} gesprek(ken) "
            f"({codes}{more}). Dat werk gaat niet verloren: het huidige bestand wordt "
            "apart bewaard, maar het staat dan niet meer in de app."
        )
    else:
        print("Er is niets nieuwer dan deze reservekopie.")


def _show_damaged(plan: DamagedPlan, database: Path) -> None:
    info = plan.backup
    print(f"Reservekopie: {info.path.name}")
    print(f"Gemaakt op: {info.made_at:%Y-%m-%d %H:%M:%S} UTC")
    print(
        f"Het huidige bestand {database.name} kan niet worden gelezen; "
        "het wordt apart bewaard (.damaged-…)."
    )


def _confirm(args: argparse.Namespace) -> None:
    if not args.yes:
        raise IntakeError("Terugzetten vervangt de huidige database. Herhaal met --yes.")


def _done(backup: Path, aside: Path | None) -> None:
    print(f"Teruggezet: {backup.name}.")
    if aside is not None:
        print(f"Het vorige bestand staat apart: {aside}")


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
    elif key == ("organisation", "show"):
        name = context.storage_admin.organisation_name()
        print(f"Organisatie: {name}" if name else "Er is nog geen organisatienaam ingesteld.")
    elif key == ("organisation", "set"):
        context.storage_admin.set_organisation_name(args.name)
        print(f"Organisatie: {context.storage_admin.organisation_name()}")
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
