"""Backups of one SQLite file made by several processes at once (issue 12).

Each child process reads a frozen clock, as on a machine whose clock is coarse (Windows ticks
in steps of about 15 ms) or was set back: every backup would get the same name, and each copy
would silently replace the one before. The name is now chosen under the maintenance lock and is
always later than every backup there, so every copy survives. No timing is involved: with the
clock frozen, the outcome is the same in any interleaving.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from intake_app.storage.backup import list_backups, make_backup, rotate
from intake_app.storage.database import sqlite_url
from intake_app.storage.opening import open_storage

REPO = Path(__file__).resolve().parent.parent
PROCESSES = 4
EACH = 3

CHILD = """
import sys
from datetime import UTC, datetime
from pathlib import Path

import intake_app.storage.backup as backup

class FrozenClock(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 1, 5, 9, 0, 0, tzinfo=UTC)

backup.datetime = FrozenClock
for _ in range(int(sys.argv[2])):
    backup.make_backup(Path(sys.argv[1]), reason="hand", keep=1000)
"""


def _database(path: Path) -> Path:
    storage = open_storage(sqlite_url(path))
    storage.sessions.create_session(client_language="nl")
    storage.close()
    return path


def test_parallel_processes_with_one_clock_reading_keep_every_backup(tmp_path: Path) -> None:
    database = _database(tmp_path / "intake.db")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(database), str(EACH)],
            env=env,
            stderr=subprocess.PIPE,
        )
        for _ in range(PROCESSES)
    ]
    for child in children:
        _out, err = child.communicate(timeout=600)
        assert child.returncode == 0, err.decode()
    backups = list_backups(database)
    assert len(backups) == PROCESSES * EACH  # none replaced another
    assert len({info.made_at for info in backups}) == PROCESSES * EACH
    assert not list((tmp_path / "backups").glob("*.partial"))
    # Rotation keeps the newest, and "newest" is the order they were made in.
    newest = backups[0].path
    rotate(database, 2)
    assert list_backups(database)[0].path == newest


def test_a_backup_made_after_a_clock_set_back_still_sorts_newest(tmp_path: Path) -> None:
    database = _database(tmp_path / "intake.db")
    first = make_backup(database, reason="hand")
    later = first.with_name(first.name.replace("2026", "2099", 1))
    first.rename(later)  # as if the clock was far ahead then, and set right since
    made = make_backup(database, reason="hand")
    assert list_backups(database)[0].path == made


def test_backups_of_a_database_beside_it_are_not_its_own(tmp_path: Path) -> None:
    ours = _database(tmp_path / "intake.db")
    theirs = _database(tmp_path / "intake-test.db")
    their_backup = make_backup(theirs, reason="hand")
    make_backup(ours, reason="hand", keep=1)
    make_backup(ours, reason="hand", keep=1)
    assert their_backup.exists()  # not rotated away as one of ours
    assert [info.path for info in list_backups(theirs)] == [their_backup]
    assert their_backup not in [info.path for info in list_backups(ours)]
