"""A writer process for the crash test: answers cards and adds debts in a loop, for ever.

    python -m tests.crash_writer DB_FILE SEED     # one writer
    python -m tests.crash_writer --serve          # a fork server (imports paid once)

A writer prints ``ready`` once the database is open, then one acknowledgement line per
committed write, flushed *after* the repository returned:

    A <session id> <card id> <option>
    D <session id> <debt id> <amount in cents>

The fork server reads ``DB_FILE SEED`` lines on stdin. For each it forks a writer, prints
``pid <pid>``, relays the writer's lines, and when the writer is gone prints
``exit <signal number or -status>``. The crash test kills the writer (never the server) with
SIGKILL and checks that every acknowledged write survived.
"""

from __future__ import annotations

import os
import random
import sys
import traceback
from pathlib import Path
from typing import TextIO

from intake_app.core.model import Answer, AnswerState, Debt, DebtKind, Direction, Money
from intake_app.storage.database import sqlite_url
from intake_app.storage.opening import open_storage


def main(db_file: str, seed: int, out: TextIO) -> None:
    rng = random.Random(seed)
    storage = open_storage(sqlite_url(Path(db_file)))
    repo = storage.sessions
    out.write("ready\n")
    out.flush()
    session = repo.create_session(client_language=rng.choice(["nl", "ar", "ti"]))
    step = 0
    while True:
        step += 1
        if step % 25 == 0:
            session = repo.create_session(client_language="nl")
        if rng.random() < 0.7:
            card = f"card_{seed}_{step}"
            option = rng.choice(["rent", "energy", "health", "family"])
            repo.record_answer(
                session.id, Answer(card, AnswerState.ANSWERED, (option,)), next_card=card
            )
            out.write(f"A {session.id} {card} {option}\n")
        else:
            cents = rng.randrange(1, 10_000_000)
            debt_id = repo.add_debt(
                session.id,
                Debt(DebtKind.INFORMAL, Direction.OWED_BY_CLIENT, "inf_test", Money(cents)),
            )
            out.write(f"D {session.id} {debt_id} {cents}\n")
        out.flush()


def _child(db_file: str, seed: int, write_fd: int) -> None:
    try:
        with os.fdopen(write_fd, "w") as out:
            main(db_file, seed, out)
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(1)


def serve() -> None:
    for request in sys.stdin:
        db_file, seed = request.split()
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(db_file, int(seed), write_fd)
        os.close(write_fd)
        print(f"pid {pid}", flush=True)
        with os.fdopen(read_fd) as lines:
            for line in lines:  # ends when the writer is gone (its end of the pipe closed)
                sys.stdout.write(line)
                sys.stdout.flush()
        _pid, status = os.waitpid(pid, 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        print(f"exit {code}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "--serve":
        serve()
    else:
        main(sys.argv[1], int(sys.argv[2]), sys.stdout)
