"""Several processes on one SQLite file: writers wait their turn, nothing acknowledged is lost.

Two writer processes, an import loop and a backup loop run together on one database for at
least 20 seconds (tests/load_worker.py). Every write must be accepted (BEGIN IMMEDIATE waits
for busy_timeout instead of failing), every acknowledged write must be in the file after, and
the file must pass integrity_check. How many writes fit in 20 s does not matter.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from intake_app.storage.backup import is_healthy, list_backups
from intake_app.storage.database import sqlite_url
from intake_app.storage.opening import open_storage

REPO = Path(__file__).resolve().parents[1]
RUN_SECONDS = 20


def _start(kind: str, db: Path, stop: Path, name: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.load_worker", kind, str(db), str(stop), name],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip


@pytest.mark.slow
def test_two_writers_an_import_loop_and_a_backup_loop_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "intake.db"
    open_storage(sqlite_url(db)).close()  # the schema exists; workers start all at once
    stop = tmp_path / "stop"
    workers = {
        name: _start(kind, db, stop, name)
        for name, kind in (
            ("w1", "writer"), ("w2", "writer"), ("imp", "importer"), ("bak", "backup"),
        )
    }  # fmt: skip
    time.sleep(RUN_SECONDS)  # a duration of load, not a deadline anything must meet
    stop.touch()
    lines: dict[str, list[str]] = {}
    for name, process in workers.items():
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        lines[name] = out.splitlines()
        assert lines[name][-1] == "done", err
    refused = [line for out in lines.values() for line in out if line.startswith("refused")]
    assert refused == []
    notes = [line.split(" ", 3) for name in ("w1", "w2") for line in lines[name][:-1]]
    imports = [line.split(" ") for line in lines["imp"][:-1]]
    backups = [line.split(" ")[1] for line in lines["bak"][:-1]]
    assert notes and imports and backups

    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored_notes = set(connection.execute("SELECT session_id, id, text FROM note"))
        stored_codes = dict(connection.execute("SELECT code, id FROM intake_session"))
    finally:
        connection.close()
    for _kind, session_id, note_id, text in notes:
        assert (int(session_id), int(note_id), text) in stored_notes
    for _kind, session_id, code in imports:
        assert stored_codes.get(code) == int(session_id)
    kept = list_backups(db)
    assert kept and all(is_healthy(info.path) for info in kept)
    assert not list((tmp_path / "backups").glob("*.partial"))


def test_parallel_starts_share_the_maintenance_lock(tmp_path: Path) -> None:
    """Six processes open a fresh file at once: each start succeeds, one schema, sound file."""
    db = tmp_path / "intake.db"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from intake_app.storage.database import sqlite_url\n"
        "from intake_app.storage.opening import open_storage\n"
        "s = open_storage(sqlite_url(Path(sys.argv[1])))\n"
        "s.sessions.create_session(client_language='nl')\n"
        "s.close()\n"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(db)],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        for _ in range(6)
    ]
    for process in processes:
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("SELECT count(*) FROM intake_session").fetchone() == (6,)
    finally:
        connection.close()
    assert not list((tmp_path / "backups").glob("*.partial"))


def test_another_process_backup_in_progress_is_left_alone(tmp_path: Path) -> None:
    """While another process holds the maintenance lock (its backup running), a backup here
    waits for it and never removes that process's ``.partial``."""
    from intake_app.storage.backup import make_backup
    from intake_app.storage.locking import MaintenanceBusyError, maintenance_lock

    db = tmp_path / "intake.db"
    open_storage(sqlite_url(db)).close()
    partial = tmp_path / "backups" / "intake-20260101T000000000000Z-start.db.999-ab.partial"
    partial.parent.mkdir(exist_ok=True)
    partial.write_bytes(b"half a backup")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path\n"
         "from intake_app.storage.locking import maintenance_lock\n"
         "with maintenance_lock(Path(sys.argv[1])):\n"
         "    print('held', flush=True); sys.stdin.readline()\n", str(db)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(MaintenanceBusyError), maintenance_lock(db, timeout=0.2):
            pass
        assert partial.read_bytes() == b"half a backup"
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=60)
    made = make_backup(db, reason="test")  # the other process is done: leftovers go now
    assert made.exists() and not partial.exists()
