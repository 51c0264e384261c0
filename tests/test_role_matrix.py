"""Every role through every operation: allowed or refused, and the audit line (issue 11).

The matrix below is the one in docs/roles.md (a test keeps the two equal). Each cell is run
twice: through the services of a context composed for that user after a real log-in, and
through the real ``intake-admin`` code in a separate process per role
(tests/role_matrix_driver.py), reading the audit log from the database file afterwards. A
few commands also run as the installed ``intake-admin`` script, one process each.
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from intake_app.bootstrap.context import AppContext, build_context
from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.directory import Organisation
from intake_app.core.errors import IntakeError
from intake_app.core.model import ConsentPurpose
from intake_app.core.security import AccessDeniedError, Role
from intake_app.services.accounts import AccountService
from intake_app.services.network_map import NetworkMap
from intake_app.services.summaries import ConsentMissingError
from intake_app.storage.database import sqlite_url
from tests.role_matrix_driver import cheap_hasher

REPO = Path(__file__).resolve().parents[1]
PW = "een goed wachtwoord"
USERS = {
    Role.VOLUNTEER: "vera",
    Role.COUNSELLOR: "carla",
    Role.COORDINATOR: "coen",
    Role.ADMIN: "beheer",
}
V, C, K, A = Role.VOLUNTEER, Role.COUNSELLOR, Role.COORDINATOR, Role.ADMIN
EVERYONE = frozenset(Role)


@dataclass
class World:
    """One database with four accounts and sessions made for each operation."""

    tmp: Path
    url: str
    file: Path
    ids: dict[str, int]
    import_file: Path


def make_world(tmp: Path) -> World:
    """Build the database once (six Argon2 hashes are slow); see ``copy_world``."""
    file = tmp / "matrix.db"
    url = sqlite_url(file)
    admin = build_context(db_url=url, data_dir=tmp)
    try:
        # Hashed cheaply, for the ninety log-ins of the command-line run (role_matrix_driver).
        accounts = AccountService(
            admin.storage.accounts, admin.security.access, hasher=cheap_hasher()
        )
        accounts.create_first_admin("beheer", "Beheer", PW)
        for role, name in USERS.items():
            if role is not Role.ADMIN:
                accounts.add_user(name, name, role, PW)
        accounts.add_user("extra1", "Extra", Role.VOLUNTEER, PW)
        accounts.add_user("extra2", "Extra", Role.VOLUNTEER, PW)
        intake = admin.intake
        ids = {}
        for name in ("main", "open", "answer", "give", "revoke", "noconsent", "erase"):
            state = intake.start_session("nl")
            intake.answer(state.id, "primary_question", ["rent"])
            ids[name] = state.id
        admin.consent.give(ids["main"], ConsentPurpose.HANDOVER_FORMAL)
        admin.consent.give(ids["revoke"], ConsentPurpose.STORAGE)
    finally:
        admin.close()
    # A session file from another laptop (its code is not in this database yet).
    other = build_context(db_url=sqlite_url(tmp / "other.db"), data_dir=tmp)
    try:
        state = other.intake.start_session("tr")
        import_file = tmp / "import.json"
        other.session_files.export_session(state.id, import_file)
    finally:
        other.close()
    return World(tmp, url, file, ids, import_file)


def copy_world(template: World, tmp: Path) -> World:
    """A private copy of the template database for one test (closed, so no WAL left)."""
    for name in ("matrix.db", "import.json"):
        shutil.copyfile(template.tmp / name, tmp / name)
    return World(tmp, sqlite_url(tmp / "matrix.db"), tmp / "matrix.db", dict(template.ids),
                 tmp / "import.json")  # fmt: skip


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> World:
    return make_world(tmp_path_factory.mktemp("matrix"))


@dataclass(frozen=True)
class Op:
    name: str  # as in docs/roles.md
    roles: frozenset[Role]  # who may
    audit: tuple[str, str, str | None] | None  # (action, target, detail) after success
    service: Callable[[AppContext, World], object]
    cli: Callable[[World], list[str]] | None = None
    stdin: str = ""
    refused_anyway: type[IntakeError] | None = None  # allowed, but the content says no


def _stats_export(c: AppContext, w: World) -> object:
    return c.statistics.export(c.statistics.compute("2026-01", "2026-06"), w.tmp / "s.csv")


OPS: tuple[Op, ...] = (
    Op("sessions list", frozenset({V, C, A}), None,
       lambda c, w: c.intake.list_sessions(), lambda w: ["sessions", "list"]),
    Op("session open", frozenset({V, C, A}), ("opened", "session:{open}", ""),
       lambda c, w: c.intake.open_session(w.ids["open"])),
    Op("session answer", frozenset({V, C, A}), ("changed", "session:{answer}", None),
       lambda c, w: c.intake.answer(w.ids["answer"], "primary_question", ["energy"])),
    Op("consent give", frozenset({V, C, A}),
       ("consent_given", "session:{give}", "sharing_informal"),
       lambda c, w: c.consent.give(w.ids["give"], ConsentPurpose.SHARING_INFORMAL)),
    Op("consent revoke", frozenset({V, C, A}), ("consent_revoked", "session:{revoke}", "storage"),
       lambda c, w: c.consent.revoke(w.ids["revoke"], ConsentPurpose.STORAGE)),
    Op("print client summary", frozenset({V, C, A}), ("printed", "session:{main}", "client"),
       lambda c, w: c.summaries.render(w.ids["main"], "client"),
       lambda w: ["summary", str(w.ids["main"]), "--kind", "client",
                  "--out", str(w.tmp / "client.pdf")]),
    Op("print network map", frozenset({V, C, A}), ("printed", "session:{main}", "network_map"),
       lambda c, w: c.summaries.render_network_map(w.ids["main"], NetworkMap(("friends",)))),
    Op("print handover", frozenset({C, A}), ("printed", "session:{main}", "handover"),
       lambda c, w: c.summaries.render(w.ids["main"], "handover"),
       lambda w: ["summary", str(w.ids["main"]), "--kind", "handover",
                  "--out", str(w.tmp / "handover.pdf")]),
    Op("print handover without consent", frozenset({C, A}),
       ("print_refused", "session:{noconsent}", "handover"),
       lambda c, w: c.summaries.render(w.ids["noconsent"], "handover"),
       lambda w: ["summary", str(w.ids["noconsent"]), "--kind", "handover",
                  "--out", str(w.tmp / "refused.pdf")],
       refused_anyway=ConsentMissingError),
    Op("session export", frozenset({C, A}), ("exported", "session:{main}", ""),
       lambda c, w: c.session_files.export_session(w.ids["main"], w.tmp / "out.json"),
       lambda w: ["sessions", "export", str(w.ids["main"]), "--out", str(w.tmp / "out.json")]),
    Op("session import", frozenset({C, A}), ("imported", "session:*", ""),
       lambda c, w: c.session_files.import_session(w.import_file),
       lambda w: ["sessions", "import", str(w.import_file)]),
    Op("session erase", frozenset({C, A}), ("erased", "session:{erase}", ""),
       lambda c, w: c.storage_admin.erase_session(w.ids["erase"]),
       lambda w: ["sessions", "erase", str(w.ids["erase"]), "--yes"]),
    Op("statistics view", frozenset({K, A}), None,
       lambda c, w: c.statistics.compute("2026-01", "2026-06")),
    Op("statistics export", frozenset({K, A}),
       ("statistics_exported", "statistics:csv", "2026-01..2026-06"), _stats_export,
       lambda w: ["stats", "export", "--from", "2026-01", "--to", "2026-06",
                  "--out", str(w.tmp / "s.csv")]),
    Op("languages list", EVERYONE, None,
       lambda c, w: c.languages.languages(), lambda w: ["languages", "list"]),
    Op("languages offer", frozenset({K, A}), ("languages_changed", "setting:languages", "nl,tr"),
       lambda c, w: c.languages.set_offered(["tr"]), lambda w: ["languages", "offer", "tr"]),
    Op("directory read", EVERYONE, None, lambda c, w: c.directory.organisations()),
    Op("directory change", frozenset({K, A}), ("directory_changed", "organisation:*", "saved"),
       lambda c, w: c.directory.save(Organisation("Buurtteam Noord", languages=("nl",)))),
    Op("retention show", frozenset({K, A}), None,
       lambda c, w: c.storage_admin.retention_days(), lambda w: ["retention", "show"]),
    Op("retention set", frozenset({K, A}), ("retention_changed", "setting:retention", "3650"),
       lambda c, w: c.storage_admin.set_retention_days(3650),
       lambda w: ["retention", "set", "3650"]),
    Op("retention apply", frozenset({K, A}), ("retention_applied", "sessions", "0"),
       lambda c, w: c.storage_admin.apply_retention(), lambda w: ["retention", "apply"]),
    Op("backup make", frozenset({K, A}), ("backup_made", "database", None),
       lambda c, w: c.storage_admin.make_backup(), lambda w: ["backup", "make"]),
    Op("backup list", frozenset({K, A}), None,
       lambda c, w: c.storage_admin.backups(), lambda w: ["backup", "list"]),
    Op("backup keep", frozenset({K, A}), ("setting_changed", "setting:backup_count", "5"),
       lambda c, w: c.storage_admin.set_backup_count(5), lambda w: ["backup", "keep", "5"]),
    Op("database check", EVERYONE, None,
       lambda c, w: c.storage_admin.check(), lambda w: ["db", "check"]),
    Op("users list", frozenset({A}), None,
       lambda c, w: c.security.accounts.list_users(), lambda w: ["users", "list"]),
    Op("user add", frozenset({A}), ("user_added", "user:nieuw", "volunteer"),
       lambda c, w: c.security.accounts.add_user("nieuw", "Nieuw", Role.VOLUNTEER, PW),
       lambda w: ["users", "add", "nieuw", "--role", "volunteer", "--password-stdin"],
       stdin=PW + "\n"),
    Op("user set role", frozenset({A}), ("user_role_changed", "user:extra1", "counsellor"),
       lambda c, w: c.security.accounts.set_role("extra1", Role.COUNSELLOR),
       lambda w: ["users", "set-role", "extra1", "counsellor"]),
    Op("user remove", frozenset({A}), ("user_removed", "user:extra2", ""),
       lambda c, w: c.security.accounts.deactivate_user("extra2"),
       lambda w: ["users", "remove", "extra2"]),
    Op("audit list", frozenset({A}), None,
       lambda c, w: c.security.audit.entries(), lambda w: ["audit", "list"]),
)  # fmt: skip


def audit_after(file: Path, after: int) -> list[tuple[int, str, str, str, str]]:
    with contextlib.closing(sqlite3.connect(file)) as connection:
        return list(
            connection.execute(
                "SELECT id, actor, action, target, detail FROM audit_event WHERE id > ? "
                "ORDER BY id",
                (after,),
            )
        )


def last_audit_id(file: Path) -> int:
    rows = audit_after(file, 0)
    return rows[-1][0] if rows else 0


def check_cell(
    op: Op, role: Role, world: World, ok: bool, error: str, lines: list[list[str]]
) -> list[str]:
    """What is wrong with one cell (empty when right). ``lines``: [actor, action, target,
    detail] written by the operation."""
    user = USERS[role]
    where = f"{op.name} as {role.value}"
    problems = []
    mine = [line for line in lines if line[0] == user]
    actions = [line[1] for line in mine]
    if role not in op.roles:
        if ok:
            problems.append(f"{where}: allowed, should be refused")
        if "access_denied" not in actions:
            problems.append(f"{where}: refusal not in the audit log: {lines}")
        if set(actions) - {"access_denied"}:
            problems.append(f"{where}: refused but logged {actions}")
        return problems
    if op.refused_anyway is None and not ok:
        problems.append(f"{where}: refused, should be allowed ({error})")
    if op.refused_anyway is not None and ok:
        problems.append(f"{where}: should be refused by the content rule")
    if "access_denied" in actions:
        problems.append(f"{where}: access_denied logged for an allowed operation")
    if op.audit is None:
        if set(actions) - {"opened"}:
            problems.append(f"{where}: unexpected audit lines {mine}")
        return problems
    action, target, detail = op.audit
    target = target.format(**world.ids)
    found = [
        line
        for line in mine
        if line[1] == action
        and fnmatch.fnmatch(line[2], target)
        and (detail is None or line[3] == detail)
    ]
    if not found:
        problems.append(f"{where}: no audit line {op.audit}, got {mine}")
    if action != "printed" and "printed" in actions:
        problems.append(f"{where}: logged as printed: {mine}")
    return problems


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_every_operation_through_the_services(role: Role, template: World, tmp_path: Path) -> None:
    world = copy_world(template, tmp_path)
    context = DatabaseGate(db_url=world.url, data_dir=tmp_path).open_with_login(USERS[role], PW)
    problems = []
    try:
        for op in OPS:
            before = last_audit_id(world.file)
            ok, error = True, ""
            try:
                op.service(context, world)
            except AccessDeniedError as exc:
                ok, error = False, str(exc)
            except IntakeError as exc:
                if op.refused_anyway is None or not isinstance(exc, op.refused_anyway):
                    raise
                ok, error = False, str(exc)
            lines = [list(row[1:]) for row in audit_after(world.file, before)]
            problems += check_cell(op, role, world, ok, error, lines)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("INTAKE_APP_DB_URL", None)
    env["INTAKE_APP_PASSWORD"] = PW
    env["PYTHONPATH"] = str(REPO)
    return env


def _start_driver(role: Role, world: World) -> subprocess.Popen[str]:
    commands = [(op.name, op.cli(world), op.stdin) for op in OPS if op.cli is not None]
    spec = world.tmp / "spec.json"
    spec.write_text(
        json.dumps(
            {"db_file": str(world.file), "db_url": world.url, "user": USERS[role],
             "commands": commands}
        ),
        encoding="utf-8",
    )  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "tests.role_matrix_driver", str(spec)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
        cwd=REPO,
    )


@pytest.mark.slow
def test_every_command_through_intake_admin(template: World, tmp_path: Path) -> None:
    """One process per role, each on its own copy of the database, all four at once."""
    worlds, drivers = {}, {}
    for role in Role:
        (tmp_path / role.value).mkdir()
        worlds[role] = copy_world(template, tmp_path / role.value)
        drivers[role] = _start_driver(role, worlds[role])
    problems = []
    for role, driver in drivers.items():
        out, err = driver.communicate()
        assert driver.returncode == 0, err
        results = {item["name"]: item for item in json.loads(out)}
        for op in OPS:
            if op.cli is None:
                continue
            item = results[op.name]
            ok = item["code"] == 0
            if not ok and (
                item["code"] != 2
                or item["stderr"].count("\n") != 1
                or "Traceback" in item["stderr"]
            ):
                problems.append(f"{op.name} as {role}: not one sentence: {item}")
            problems += check_cell(op, role, worlds[role], ok, item["stderr"], item["audit"])
    assert not problems, "\n".join(problems)


def test_the_documented_matrix_is_the_tested_one() -> None:
    """docs/roles.md has one row per operation: ✓ where allowed, – where refused."""
    text = (REPO / "docs" / "roles.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and cells[1] in ("✓", "–"):
            rows[cells[0].strip("`")] = [cell == "✓" for cell in cells[1:5]]
    for op in OPS:
        assert op.name in rows, f"docs/roles.md misses {op.name}"
        assert rows[op.name] == [role in op.roles for role in (V, C, K, A)], op.name


# -- the installed script itself, one process per command -------------------------------------
def intake_admin(*args: str, stdin: str = "", env: dict[str, str] | None = None):
    script = Path(sys.executable).with_name("intake-admin")
    return subprocess.run(
        [str(script), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env or _env(),
        check=False,
    )


@pytest.mark.slow
def test_the_holes_from_the_issue_are_closed(template: World, tmp_path: Path) -> None:
    """The exact commands of issue 11, as the installed script, refused and logged."""
    world = copy_world(template, tmp_path)
    main, erase = str(world.ids["main"]), str(world.ids["erase"])
    attempts = [
        ("coen", ["sessions", "export", main, "--out", str(tmp_path / "f.json")]),
        ("vera", ["sessions", "erase", erase, "--yes"]),
        ("vera", ["retention", "set", "1"]),
        ("vera", ["stats", "export", "--from", "2026-01", "--to", "2026-06",
                  "--out", str(tmp_path / "s.csv")]),
        ("vera", ["summary", main, "--kind", "handover", "--out", str(tmp_path / "h.pdf")]),
    ]  # fmt: skip
    for user, argv in attempts:
        before = last_audit_id(world.file)
        done = intake_admin("--db", world.url, "--user", user, *argv)
        assert done.returncode == 2, (argv, done.stdout, done.stderr)
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        actions = [(row[1], row[2]) for row in audit_after(world.file, before)]
        assert (user, "access_denied") in actions, (argv, actions)
    assert not (tmp_path / "f.json").exists() and not (tmp_path / "h.pdf").exists()
    # The counsellor may erase; the line says who and which session, nothing else.
    before = last_audit_id(world.file)
    done = intake_admin("--db", world.url, "--user", "carla", "sessions", "erase", erase, "--yes")
    assert done.returncode == 0, done.stderr
    rows = [row[1:] for row in audit_after(world.file, before)]
    assert ("carla", "erased", f"session:{erase}", "") in rows


@pytest.mark.slow
def test_users_add_on_an_empty_data_folder_makes_the_first_admin(tmp_path: Path) -> None:
    """Exactly as the first-run dialog: the default database is encrypted from then on."""
    from intake_app.storage.encryption import looks_plain

    data = tmp_path / "data"
    env = _env()
    refused = intake_admin(
        "--data-dir", str(data), "users", "add", "vera", "--role", "volunteer",
        "--password-stdin", stdin=PW + "\n", env=env,
    )  # fmt: skip
    assert refused.returncode == 2 and "beheerder" in refused.stderr
    made = intake_admin(
        "--data-dir", str(data), "users", "add", "Beheer", "--role", "admin",
        "--password-stdin", stdin=PW + "\n", env=env,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    database = DatabaseGate(data_dir=data)
    assert database.encrypted and database.file is not None
    assert database.keystore is not None and database.keystore.usernames() == ["beheer"]
    assert not looks_plain(database.file)
    listed = intake_admin("--data-dir", str(data), "--user", "beheer", "users", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    assert re.search(r"^beheer\s+admin\s+ja", listed.stdout, re.MULTILINE)
    # The first admin was made once; the next "users add" needs that admin's log-in.
    again = intake_admin(
        "--data-dir", str(data), "users", "add", "nog-een", "--role", "admin",
        "--password-stdin", stdin=PW + "\n", env={**env, "INTAKE_APP_PASSWORD": ""},
    )  # fmt: skip
    assert again.returncode == 2 and "--user" in again.stderr
