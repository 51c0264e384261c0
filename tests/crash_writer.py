"""A writer process for the crash test: answers cards and adds debts in a loop, for ever.

    python -m tests.crash_writer DB_FILE SEED

It prints ``ready`` once the database is open, then one acknowledgement line per committed
write, flushed *after* the repository returned:

    A <session id> <card id> <option>
    D <session id> <debt id> <amount in cents>

The crash test kills it with SIGKILL and checks that every acknowledged write survived.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from intake_app.core.model import Answer, AnswerState, Debt, DebtKind, Direction, Money
from intake_app.storage.database import sqlite_url
from intake_app.storage.opening import open_storage


def main(db_file: str, seed: int) -> None:
    rng = random.Random(seed)
    storage = open_storage(sqlite_url(Path(db_file)))
    repo = storage.sessions
    out = sys.stdout
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


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
