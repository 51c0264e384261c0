"""``intake-admin``: administration from the command line.

    intake-admin [--db URL] sessions list
    intake-admin content check [PATH]
    intake-admin [--db URL] stats export --from 2026-01 --to 2026-06 --format csv --out FILE
    intake-admin stats merge A.csv B.csv ... --out FILE
    intake-admin [--db URL] languages list
    intake-admin [--db URL] languages offer CODE [CODE ...]
    intake-admin [--db URL] languages texts
    intake-admin [--db URL] languages text CARD --approve | --title T [--explanation E] | --reset
    intake-admin [--db URL] phone [NUMMER]
    intake-admin [--db URL] aftercare list|referral|step-done ...   (cli/aftercare.py)
    intake-admin [--db URL] summary ID --kind client|discreet|handover --out F.pdf
    intake-admin [--db URL] --user NAME audit list [--limit N]
    intake-admin [--db URL] sessions export|import|erase ...   (see cli/storage_commands.py)
    intake-admin [--db URL] retention|backup|db ...
    intake-admin [--db URL] --user ADMIN users add|list|remove|set-role ...   (cli/users.py)
    intake-admin translations review-sheet LANG --out FILE.xlsx
    intake-admin translations import-review FILE.xlsx [--reviewer XY] [--date JJJJ-MM-DD]

``--db URL`` and ``--data-dir DIR`` choose the database. Once accounts exist, ``--user`` is
needed; the password is asked, or read from ``--password-file FILE`` (owner-only) or from
INTAKE_APP_PASSWORD (removed from the environment at once; see cli/passwords.py). The audit
log is for admins only.

Errors are one sentence on stderr and exit status 2, never a traceback: argparse's errors
(cli/arguments.py), ``IntakeError``s, and, as a last guard, anything unexpected.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from intake_app.cli import (
    aftercare,
    organisation,
    organisation_text_commands,
    passwords,
    storage_commands,
    summary,
    translation_commands,
    users,
)
from intake_app.cli.arguments import Parser, bounded_int, file_path, one_line
from intake_app.core.durability import CorruptDatabaseError
from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import N_

if TYPE_CHECKING:  # the database layers load only once the arguments are known to be good
    from intake_app.bootstrap.context import AppContext
    from intake_app.bootstrap.security import DatabaseGate

PASSWORD_VARIABLE = passwords.PASSWORD_VARIABLE
DEBUG_VARIABLE = "INTAKE_APP_DEBUG"  # 1: show the traceback of an unexpected error


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="intake-admin", description="Beheer van intake_app vanaf de opdrachtregel."
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database-adres (anders INTAKE_APP_DB_URL of het standaardbestand)",
    )
    parser.add_argument("--data-dir", type=Path, help="map met het standaardbestand")
    parser.add_argument("--user", help="uw gebruikersnaam (nodig zodra er accounts zijn)")
    parser.add_argument(
        "--password-file",
        type=file_path,
        metavar="BESTAND",
        help="lees het wachtwoord uit dit bestand (alleen voor u leesbaar: chmod 600)",
    )
    commands = parser.add_subparsers(dest="area", required=True)
    sessions = commands.add_parser("sessions", help="gesprekken")
    session_commands = sessions.add_subparsers(dest="action", required=True)
    session_commands.add_parser("list", help="toon alle gesprekken")
    storage_commands.add_session_commands(session_commands)
    storage_commands.add_storage_commands(commands)
    content = commands.add_parser("content", help="inhoud van het gesprek")
    content_commands = content.add_subparsers(dest="action", required=True)
    check = content_commands.add_parser("check", help="controleer kaarten en vertalingen")
    check.add_argument("path", nargs="?", type=Path, help="map met de YAML-inhoud")
    _add_stats_commands(commands)
    languages = commands.add_parser("languages", help="talen voor de klant (coördinator)")
    language_commands = languages.add_subparsers(dest="action", required=True)
    language_commands.add_parser("list", help="toon de talen, of ze aangeboden worden en de status")
    offer = language_commands.add_parser("offer", help="kies welke talen aangeboden worden")
    offer.add_argument("codes", nargs="+", metavar="CODE", help="bijvoorbeeld: tr ar ti")
    organisation_text_commands.add_parsers(language_commands)
    summary.add_parser(commands)
    organisation.add_parser(commands)
    aftercare.add_parser(commands)
    users.add_parser(commands)
    translation_commands.add_parser(commands)
    audit = commands.add_parser("audit", help="wie deed wat en wanneer (alleen beheerder)")
    audit_commands = audit.add_subparsers(dest="action", required=True)
    audit_list = audit_commands.add_parser("list", help="toon het logboek, nieuwste eerst")
    audit_list.add_argument("--limit", type=bounded_int(1, 100_000), default=200)
    return parser


def _open(
    args: argparse.Namespace, gate: DatabaseGate | None = None, env_password: str | None = None
) -> AppContext:
    """Open the database as a person: log in (and unlock) once accounts exist.

    The context holds only the services of that person's role (bootstrap/context.py). The
    gate stays on ``args.gate`` (a restore needs its key); the password is asked once.
    """
    if gate is None:
        from intake_app.bootstrap.security import DatabaseGate

        gate = DatabaseGate(db_url=args.db, data_dir=args.data_dir)
    args.gate = gate
    if gate.needs_first_admin():
        if gate.encrypted:
            raise IntakeError(N_("Er is nog geen beheerder. Start de app en maak er een."))
        return gate.open_without_accounts()
    if not args.user:
        raise IntakeError(N_("Geef uw gebruikersnaam met --user."))
    if getattr(args, "password", None) is None:  # asked once, also for a restore
        args.password = passwords.password_for(
            args.password_file, env_password or getattr(args, "env_password", None)
        )
    return gate.open_with_login(args.user, args.password)


def _audit_list(context: AppContext, limit: int) -> int:
    entries = context.security.audit.entries(limit=limit)
    if not entries:
        print("Het logboek is leeg.")
        return 0
    print(f"{'tijd (UTC)':<19}  {'wie':<16}  {'wat':<19}  {'waarop':<20}  detail")
    for entry in entries:
        at = entry.at.strftime("%Y-%m-%d %H:%M:%S")
        print(
            f"{at:<19}  {entry.actor:<16}  {entry.action:<19}  {entry.target:<20}  {entry.detail}"
        )
    return 0


THRESHOLD = bounded_int(0, 10_000)  # the service says why below 3 is refused


def _add_stats_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    stats = commands.add_parser("stats", help="anonieme statistiek")
    stats_commands = stats.add_subparsers(dest="action", required=True)
    export = stats_commands.add_parser("export", help="schrijf de statistiek naar een bestand")
    export.add_argument("--from", dest="first", required=True, metavar="JJJJ-MM")
    export.add_argument("--to", dest="last", required=True, metavar="JJJJ-MM")
    export.add_argument("--neighbourhood", metavar="WIJK", help="alleen deze wijk")
    export.add_argument("--format", choices=("csv", "xlsx", "pdf"), help="anders: de extensie")
    export.add_argument(
        "--threshold", type=THRESHOLD, help="drempel voor kleine aantallen (min. 3)"
    )
    export.add_argument("--out", required=True, type=file_path, metavar="BESTAND")
    export.add_argument("--csv-dialect", choices=("nl", "standard"), default="nl",
                        help="nl: puntkomma en BOM (Excel); standard: komma")  # fmt: skip
    wijken = stats_commands.add_parser("neighbourhoods", help="de lijst van wijken")
    wijken.add_argument("--set", nargs="*", dest="names", metavar="WIJK", help="vervang de lijst")
    merge = stats_commands.add_parser("merge", help="voeg statistiekbestanden (csv) samen")
    merge.add_argument("files", nargs="+", type=file_path, metavar="BESTAND")
    merge.add_argument("--format", choices=("csv", "xlsx", "pdf"), help="anders: de extensie")
    merge.add_argument("--threshold", type=THRESHOLD, help="drempel voor kleine aantallen (min. 3)")
    merge.add_argument("--out", required=True, type=file_path, metavar="BESTAND")
    merge.add_argument("--csv-dialect", choices=("nl", "standard"), default="nl")


def _languages_list(context: AppContext) -> int:
    print(f"{'code':<6}  {'taal':<12}  {'aangeboden':<10}  status")
    for info in context.languages.languages():
        offered = "ja" if info.offered else "nee"
        print(f"{info.code:<6}  {info.dutch_name:<12}  {offered:<10}  {info.status.value}")
    return 0


def _languages_offer(context: AppContext, codes: Sequence[str]) -> int:
    chosen = context.languages.set_offered(list(codes))
    print("Aangeboden: " + ", ".join(chosen))
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


def _stats_export(context: AppContext, args: argparse.Namespace) -> int:
    stats = context.statistics
    report = stats.compute(args.first, args.last, args.neighbourhood, args.threshold)
    out = stats.export(report, args.out, args.format, dialect=args.csv_dialect)
    print(f"Opgeslagen: {out}")
    return 0


def _stats_neighbourhoods(context: AppContext, names: list[str] | None) -> int:
    if names is not None:
        context.statistics.set_neighbourhood_list(names)
    kept = context.statistics.neighbourhood_list()
    print("\n".join(kept) if kept else "Nog geen lijst van wijken.")
    return 0


def _stats_merge(args: argparse.Namespace) -> int:
    """Merging reads files only: it needs no database."""
    from intake_app.bootstrap.context import build_statistics_service

    stats = build_statistics_service()
    report = stats.merge(args.files, args.threshold)
    out = stats.export(report, args.out, args.format, dialect=args.csv_dialect)
    print(f"Opgeslagen: {out} ({len(args.files)} bestanden samengevoegd)")
    return 0


def _run(argv: Sequence[str] | None, env_password: str | None) -> int:
    args = _parser().parse_args(argv)
    if not hasattr(args, "action"):
        args.action = None  # "summary" has no sub-action
    action = args.action
    if args.area == "content":
        # Works without a database: content is checked before it is shipped.
        from intake_app.bootstrap.paths import default_paths
        from intake_app.cli import content_check

        paths = default_paths()
        return content_check.run(args.path or paths.content, paths.catalogs)
    if args.area == "translations":
        return translation_commands.run(args)  # catalogs only, no database
    if (args.area, action) == ("stats", "merge"):
        try:
            storage_commands.check_first(args)
            return _stats_merge(args)
        except IntakeError as exc:
            _say(str(exc))
            return 2
    try:
        storage_commands.check_first(args)
        args.env_password = env_password  # for commands that open the database themselves
        done = storage_commands.run_without_context(args, _open)
        if done is not None:
            return done
        from intake_app.bootstrap.security import DatabaseGate

        gate = DatabaseGate(db_url=args.db, data_dir=args.data_dir)
        done = users.first_admin(gate, args)
        if done is not None:
            return done
        context = _open(args, gate, env_password)
    except CorruptDatabaseError as exc:
        restore = " Herstel met: intake-admin backup restore" if exc.latest_backup else ""
        _say(f"{exc}{restore}")
        return 2
    except IntakeError as exc:
        _say(str(exc))
        return 2
    for warning in context.storage.warnings:
        _say(str(warning))
    try:
        if args.area == "summary":
            return summary.run(context, args)
        if (args.area, action) == ("sessions", "list"):
            return _sessions_list(context)
        if (args.area, action) == ("stats", "export"):
            return _stats_export(context, args)
        if (args.area, action) == ("stats", "neighbourhoods"):
            return _stats_neighbourhoods(context, args.names)
        if (args.area, action) == ("languages", "list"):
            return _languages_list(context)
        if (args.area, action) == ("languages", "offer"):
            return _languages_offer(context, args.codes)
        if args.area == "languages":
            return organisation_text_commands.run(context, args)
        if (args.area, action) == ("audit", "list"):
            return _audit_list(context, args.limit)
        if args.area == "users":
            return users.run(context, args)
        if args.area == "aftercare":
            return aftercare.run(context, args)
        if args.area == "phone":
            return organisation.run(context, args)
        done = storage_commands.run(args, context)
        return 2 if done is None else done  # argparse already refused anything else
    except IntakeError as exc:
        _say(str(exc))
        return 2
    finally:
        context.close()


def _say(sentence: str) -> None:
    """One line on stderr, whatever the sentence carries (a reason, a file name)."""
    sys.stderr.write(f"intake-admin: {one_line(sentence)}\n")
    sys.stderr.flush()


def _tolerant_output() -> None:
    """A file name that is not valid UTF-8 must not crash a print after the work is done."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; whatever happens, at most one sentence on stderr and status 2."""
    # Read once and gone from the environment before anything else runs (or is started).
    env_password = passwords.take_from_environment()
    _tolerant_output()
    try:
        return _run(argv, env_password)
    except KeyboardInterrupt:
        _say("Afgebroken.")
        return 130
    except IntakeError as exc:
        _say(str(exc))
        return 2
    except (Exception, RecursionError) as exc:  # the last guard; the causes are fixed too
        if os.environ.get(DEBUG_VARIABLE) == "1":
            traceback.print_exc()
        _say(
            N_("Er ging iets onverwachts mis ({kind}). Meld dit bij de beheerder.").format(
                kind=type(exc).__name__
            )
        )
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
