"""More than 150 bad inputs through the real ``intake-admin``, each in its own process.

Argument lists, session files (all of tests/bad_inputs/sessions/bad), statistics files, keys
files, password files and special files (a FIFO, /dev/zero, /dev/full, folders, links). Each
must end with exit status 2 and exactly one line on stderr (no traceback, and not the last
guard's "onverwachts": the cause itself must be handled), within a time limit (a FIFO must not
hang). The database is dumped before and after: a refused input changes nothing.

The processes run in a few parallel workers, each on its own copy of the database. Each worker
forks its processes from one that has imported the app once (``tests/cli_forker.py``): every
input still gets a process of its own, without paying a second of imports each time.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from intake_app.bootstrap.context import build_context
from intake_app.bootstrap.security import DatabaseGate
from intake_app.storage.database import sqlite_url
from intake_app.storage.keys import keys_path
from tests.bad_input_cases import ARGUMENT_CASES, KEYS_CASES, PASSWORD_CASES, USER_CASES
from tests.conftest import REPO

WORKERS = 4
TIMEOUT = 120  # seconds per process; only a hang comes near it
SESSIONS = Path(__file__).resolve().parent / "bad_inputs" / "sessions"
ADMIN_PW = "beheer-wachtwoord-1"


@dataclass(frozen=True)
class Case:
    name: str
    argv: list[str]
    expected: str
    group: str  # "plain" (a worker's database) or "keys:<folder>"


@dataclass(frozen=True)
class Outcome:
    returncode: int | None
    stdout: str
    stderr: str


def _session_cases() -> list[tuple[str, list[str], str]]:
    lines = (SESSIONS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    cases = []
    for line in lines:
        name, verdict, expected = line.split("\t")
        if verdict != "good":
            cases.append((f"import_{Path(name).stem}", ["sessions", "import", str(SESSIONS / name)],
                          expected))  # fmt: skip
    return cases


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTAKE_APP_")}
    env["XDG_DATA_HOME"] = str(tmp / "xdg-data")  # never the real home folder
    env["XDG_CONFIG_HOME"] = str(tmp / "xdg-config")
    return env


class _Forker:
    """One ``tests/cli_forker.py`` server: ``run`` gives one forked ``intake-admin`` run."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.cli_forker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
        )

    def run(self, argv: list[str]) -> Outcome:
        assert self.process.stdin is not None and self.process.stdout is not None
        request = {"argv": argv, "cwd": str(REPO), "timeout": TIMEOUT}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if answer["returncode"] is None:
            return Outcome(None, "", f"no answer within {TIMEOUT} s")
        return Outcome(answer["returncode"], answer["stdout"], answer["stderr"])

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=TIMEOUT)


def _dump(db: Path) -> list[str]:
    """A logical dump: every table's schema and rows."""
    connection = sqlite3.connect(db)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by its bytes (an encrypted database cannot be dumped)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(folder).as_posix()] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return found


def _special_files(tmp: Path) -> dict[str, str]:
    (tmp / "folder").mkdir()
    os.mkfifo(tmp / "fifo")
    (tmp / "devfull_link").symlink_to("/dev/full")
    (tmp / "devzero_link").symlink_to("/dev/zero")
    with (tmp / "big.json").open("wb") as handle:  # sparse: 21 MB on paper
        handle.truncate(21 * 1024 * 1024)
    return {
        "tmp": str(tmp),
        "folder": str(tmp / "folder"),
        "fifo": str(tmp / "fifo"),
        "devfull_link": str(tmp / "devfull_link"),
        "devzero_link": str(tmp / "devzero_link"),
        "big": str(tmp / "big.json"),
        "example": str(SESSIONS / "good" / "example.json"),
    }


def _with_count(line: str, count: str) -> str:
    cells = line.split(";")
    cells[-2] = count
    return ";".join(cells)


def _stats_files(tmp: Path, good: Path) -> dict[str, str]:
    text = good.read_text(encoding="utf-8")
    lines = text.splitlines()
    files = {
        "csv_long": lines[0] + "\n" + "x" * 200_000 + ",a,b,c,d,e,f\n",
        "csv_header": "a,b,c\n1,2,3\n",
        "csv_short": lines[0] + "\nsessions,x\n",
        # The count column of the last row (the Dutch dialect: semicolons; a percent follows).
        "csv_count": "\n".join([*lines[:-1], _with_count(lines[-1], "=HYPERLINK(1)")]),
    }
    out = {"csv": str(good)}
    for name, content in files.items():
        (tmp / f"{name}.csv").write_text(content, encoding="utf-8")
        out[name] = str(tmp / f"{name}.csv")
    (tmp / "csv_binary.csv").write_bytes(bytes(range(256)))
    (tmp / "csv_nul.csv").write_bytes(lines[0].encode() + b"\n\x00\x00\x00\n")
    (tmp / "csv_utf16.csv").write_bytes(text.encode("utf-16"))
    for name in ("csv_binary", "csv_nul", "csv_utf16"):
        out[name] = str(tmp / f"{name}.csv")
    return out


def _plain_database(tmp: Path) -> Path:
    db = tmp / "plain.db"
    context = build_context(db_url=sqlite_url(db), data_dir=tmp / "plain-data")
    try:
        context.session_files.import_session(SESSIONS / "good" / "example.json")
        context.intake.start_session("tr")
        report = context.statistics.compute("2026-01", "2026-12")
        context.statistics.export(report, tmp / "good.csv", "csv")
    finally:
        context.close()
    return db


def _encrypted_folder(tmp: Path) -> Path:
    folder = tmp / "encrypted"
    gate = DatabaseGate(data_dir=folder)
    context = gate.open_first_run("beheer", "Anna", ADMIN_PW)
    context.intake.start_session("ar")
    context.close()
    return folder


def _damage_keys(folder: Path, content: object, specials: dict[str, str]) -> None:
    database = next(folder.glob("*.db"))
    keys = keys_path(database)
    if isinstance(content, bytes):
        keys.write_bytes(content)
    elif content == "folder":
        keys.unlink()
        keys.mkdir()
    elif content == "fifo":
        keys.unlink()
        os.mkfifo(keys)
    elif content == "devzero_link":
        keys.unlink()
        keys.symlink_to("/dev/zero")
    else:
        assert isinstance(content, dict)
        data = json.loads(keys.read_text(encoding="utf-8"))
        entry = data["users"]["beheer"]
        if "drop" in content:
            del entry[content["drop"]]
        if "set" in content:
            entry[content["set"][0]] = content["set"][1]
        if "kdf" in content:
            entry["kdf"][content["kdf"][0]] = content["kdf"][1]
        keys.write_text(json.dumps(data), encoding="utf-8")


@dataclass
class Corpus:
    cases: list[Case]
    outcomes: dict[str, Outcome]
    dumps: dict[str, tuple[list[str], list[str]]]  # plain worker db: (before, after)
    trees: dict[str, tuple[dict[str, str], dict[str, str]]]  # encrypted folder: before, after


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    tmp = tmp_path_factory.mktemp("corpus")
    specials = _special_files(tmp)
    plain = _plain_database(tmp)
    specials.update(_stats_files(tmp, tmp / "good.csv"))
    for name, text, mode in [("pw", ADMIN_PW, 0o600), ("pw_loose", ADMIN_PW, 0o644),
                             ("pw_empty", "", 0o600)]:  # fmt: skip
        (tmp / name).write_text(text + ("\n" if text else ""), encoding="utf-8")
        (tmp / name).chmod(mode)
        specials[name] = str(tmp / name)
    (tmp / "pw_binary").write_bytes(b"\xff\xfe\xfd\n")
    (tmp / "pw_binary").chmod(0o600)
    specials["pw_binary"] = str(tmp / "pw_binary")
    env = _env(tmp)

    # Plain cases: spread over the workers, each worker on its own copy of the database.
    plain_cases = [*ARGUMENT_CASES, *_session_cases()]
    cases: list[Case] = []
    dumps: dict[str, tuple[list[str], list[str]]] = {}
    for n, (name, argv, expected) in enumerate(plain_cases):
        worker = f"w{n % WORKERS}"
        db = tmp / worker / "plain.db"
        if not db.exists():
            db.parent.mkdir()
            source, target = sqlite3.connect(plain), sqlite3.connect(db)
            source.backup(target)
            source.close()
            target.close()
        filled = [part.format(**specials) for part in argv]
        cases.append(Case(name, ["--db", sqlite_url(db), *filled], expected, worker))

    # Keys cases: each on its own copy of an encrypted folder.
    sound = _encrypted_folder(tmp)
    trees: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
    for name, content, expected in KEYS_CASES:
        folder = tmp / "keys" / name
        shutil.copytree(sound, folder)
        _damage_keys(folder, content, specials)
        argv = ["--data-dir", str(folder), "--user", "beheer", "--password-file",
                specials["pw"], "sessions", "list"]  # fmt: skip
        cases.append(Case(name, argv, expected, f"keys:{name}"))
    for name, extra, expected in PASSWORD_CASES:
        argv = ["--data-dir", str(sound), "--user", "beheer",
                *[part.format(**specials) for part in extra], "sessions", "list"]  # fmt: skip
        cases.append(Case(name, argv, expected, "keys:sound"))
    for name, extra, expected in USER_CASES:
        argv = ["--data-dir", str(sound), *[part.format(**specials) for part in extra]]
        cases.append(Case(name, argv, expected, "keys:sound"))

    groups: dict[str, list[Case]] = {}
    for case in cases:
        groups.setdefault(case.group, []).append(case)
    folders = {
        group: (sound if group == "keys:sound" else tmp / "keys" / group[5:])
        for group in groups
        if group.startswith("keys:")
    }
    for group in groups:
        if group.startswith("keys:"):
            trees[group] = (_tree(folders[group]), {})
        else:
            dumps[group] = (_dump(tmp / group / "plain.db"), [])

    outcomes: dict[str, Outcome] = {}

    def run_group(group: list[Case]) -> None:
        forker = _Forker(env)
        try:
            for case in group:
                outcomes[case.name] = forker.run(case.argv)
        finally:
            forker.close()

    # The plain workers each run their cases in order; the keys groups share the other lanes.
    lanes: list[list[Case]] = [[] for _ in range(WORKERS)]
    for n, (group, members) in enumerate(sorted(groups.items())):
        if group.startswith("w"):
            lanes[int(group[1:])].extend(members)
        else:
            lanes[n % WORKERS].extend(members)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(run_group, lanes))

    for group in groups:
        if group.startswith("keys:"):
            trees[group] = (trees[group][0], _tree(folders[group]))
        else:
            dumps[group] = (dumps[group][0], _dump(tmp / group / "plain.db"))
    yield Corpus(cases, outcomes, dumps, trees)


ALL_NAMES = [
    *(name for name, _, _ in ARGUMENT_CASES),
    *(name for name, _, _ in _session_cases()),
    *(name for name, _, _ in KEYS_CASES),
    *(name for name, _, _ in PASSWORD_CASES),
    *(name for name, _, _ in USER_CASES),
]


def test_the_corpus_has_at_least_150_distinct_inputs() -> None:
    assert len(ALL_NAMES) >= 150
    assert len(set(ALL_NAMES)) == len(ALL_NAMES)


def test_every_bad_input_gives_one_sentence_and_exit_status_2(corpus: Corpus) -> None:
    problems = []
    for case in corpus.cases:
        outcome = corpus.outcomes[case.name]
        lines = outcome.stderr.splitlines()
        wrong = []
        if outcome.returncode != 2:
            wrong.append(f"exit {outcome.returncode}")
        if len(lines) != 1 or not outcome.stderr.endswith("\n"):
            wrong.append(f"{len(lines)} lines on stderr")
        if "Traceback" in outcome.stderr or "onverwachts" in outcome.stderr:
            wrong.append("not handled at its cause")
        if case.expected and case.expected not in outcome.stderr:
            wrong.append(f"expected {case.expected!r}")
        if outcome.stdout:
            wrong.append("output on stdout")
        if wrong:
            problems.append(f"{case.name}: {', '.join(wrong)}: {outcome.stderr.strip()[:300]}")
    assert problems == [], "\n".join(problems)


def test_refused_inputs_change_nothing_in_the_database(corpus: Corpus) -> None:
    for worker, (before, after) in corpus.dumps.items():
        assert before, worker
        assert after == before, worker
    for group, (before, after) in corpus.trees.items():
        assert after == before, group


def test_special_files_are_still_what_they_were(corpus: Corpus) -> None:
    assert Path("/dev/full").is_char_device()
    assert Path("/dev/null").is_char_device()
