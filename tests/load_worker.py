"""A worker process for the concurrency test: writes, imports or backs up until a stop file.

    python -m tests.load_worker writer|importer|backup DB_FILE STOP_FILE NAME

It prints one line per *acknowledged* operation, flushed after the call returned:

    note <session id> <note id> <text>
    import <session id> <code>
    backup <file name>

and ``refused <message>`` for an operation that raised. It stops (after at least one
operation) once STOP_FILE exists, and prints ``done``.
"""

from __future__ import annotations

import dataclasses
import sys
from datetime import UTC, datetime
from pathlib import Path

from intake_app.core.errors import IntakeError
from intake_app.core.model import Answer, AnswerState, Note
from intake_app.storage.backup import make_backup
from intake_app.storage.database import sqlite_url
from intake_app.storage.opening import open_storage


def _emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(kind: str, db_file: str, stop_file: str, name: str) -> None:
    database, stop = Path(db_file), Path(stop_file)
    storage = open_storage(sqlite_url(database))
    repo = storage.sessions
    template = repo.get_session(repo.create_session(client_language="nl").id)
    session = repo.create_session(client_language="ar")
    step = 0
    while step == 0 or not stop.exists():
        step += 1
        try:
            if kind == "writer":
                text = f"{name}-{step}"
                note_id = repo.add_note(session.id, Note(text, datetime.now(UTC)))
                repo.record_answer(
                    session.id, Answer(f"c_{name}_{step}", AnswerState.ANSWERED, ("rent",)),
                    next_card=None,
                )  # fmt: skip
                _emit(f"note {session.id} {note_id} {text}")
            elif kind == "importer":
                code = f"I-{name}-{step}"
                copy = dataclasses.replace(template, code=code)
                _emit(f"import {storage.maintenance.import_session(copy)} {code}")
            else:
                _emit(f"backup {make_backup(database, reason='test', keep=3).name}")
        except IntakeError as exc:
            _emit(f"refused {exc}")
    storage.close()
    _emit("done")


if __name__ == "__main__":
    main(*sys.argv[1:5])
