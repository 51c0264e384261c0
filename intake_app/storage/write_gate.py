"""Writes wait while the deferred start-up check runs; a failed check refuses them.

The window opens before ``PRAGMA quick_check`` has finished (storage/startup_checks.py). Reads
go on meanwhile; every write transaction (``BEGIN IMMEDIATE``, storage/database.py) first
passes this gate: it waits until the check has passed, and is refused in one sentence when the
check found damage, so nothing a person enters is ever written into a damaged file.
"""

from __future__ import annotations

import re
import threading
import weakref
from typing import Any

from sqlalchemy.engine import Connection, Engine

from intake_app.core.errors import StorageError
from intake_app.core.marks import N_

# A quick check of a large encrypted file on a slow, busy laptop; a save waits at most this.
WAIT_SECONDS = 300.0


class DatabaseCheckFailedError(StorageError):
    message = N_(
        "Er is niets opgeslagen: de controle bij het starten vond schade in de database. "
        "Wat u invoerde staat nog op het scherm."
    )


class CheckNotFinishedError(StorageError):
    message = N_("Er is niets opgeslagen: de controle van de database duurt te lang.")


class WriteGate:
    """Closed until ``open()`` (check passed) or ``fail()`` (damage found)."""

    def __init__(self) -> None:
        self._decided = threading.Event()
        self._failed = False

    def open(self) -> None:
        self._decided.set()

    def fail(self) -> None:
        self._failed = True
        self._decided.set()

    @property
    def decided(self) -> bool:
        return self._decided.is_set()

    @property
    def passed(self) -> bool:
        return self._decided.is_set() and not self._failed

    def wait(self, timeout: float = WAIT_SECONDS) -> None:
        if not self._decided.wait(timeout):
            raise CheckNotFinishedError()
        if self._failed:
            raise DatabaseCheckFailedError()


_GATES: weakref.WeakKeyDictionary[Engine, WriteGate] = weakref.WeakKeyDictionary()


def hold_writes(engine: Engine) -> WriteGate:
    """Close the gate on ``engine``'s write transactions until the check decides."""
    gate = WriteGate()
    _GATES[engine] = gate
    return gate


_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)
_PENDING = "intake_check_pending"


def check_pending(connection: Connection) -> bool:
    """At ``BEGIN``: True until the engine's check has passed (writes must wait, or are
    refused after a failed check)."""
    gate = _GATES.get(connection.engine)
    pending = gate is not None and not gate.passed
    connection.info[_PENDING] = pending
    return pending


def wait_before_write(connection: Connection, _cursor: Any, statement: str, *_rest: Any) -> None:
    """Before each statement: a write in a transaction begun during the check waits for it.

    Only the first write waits (then the flag is cleared); reads never wait.
    """
    if not connection.info.get(_PENDING) or not _WRITE.match(statement):
        return
    gate = _GATES.get(connection.engine)
    if gate is not None:
        gate.wait()
    connection.info[_PENDING] = False
