"""Run ``intake-admin`` many times, each run in its own forked process (a test helper).

The bad-input corpus runs more than 150 commands. Each ``python -m intake_app.cli.main`` spent
most of its second or two importing the same libraries; this server imports them once and
forks a fresh child per command, which runs the real entry point (``cli.main.main``) with
its own stdin (``/dev/null``), stdout, stderr, exit status and time limit. What the corpus
checks, one process per input with nothing shared afterwards, stays true.

Protocol: one JSON object per line on stdin, ``{"argv": [...], "cwd": "...", "timeout": s}``;
one JSON line back per request, ``{"returncode": int | null, "stdout": "...", "stderr": "..."}``
(``null``: killed at the time limit). The environment is the server's own.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import tempfile
import time
import traceback

# Everything a command may load, loaded once before the first fork.
import intake_app.bootstrap.context
import intake_app.bootstrap.security  # noqa: F401
from intake_app.cli import main as cli


def _child(argv: list[str], cwd: str, out: int, err: int) -> None:
    """In the forked child: become one ``intake-admin`` run, and never return."""
    code = 1
    try:
        os.chdir(cwd)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.argv = ["intake-admin", *argv]
        code = cli.main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # the child ends either way
                stream.flush()
        os._exit(code)


def _wait(pid: int, timeout: float) -> int | None:
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None
        time.sleep(0.005)


def serve() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            sys.stdout.flush()  # nothing of ours may be written twice by the child
            pid = os.fork()
            if pid == 0:
                _child(request["argv"], request["cwd"], out.fileno(), err.fileno())
            returncode = _wait(pid, float(request["timeout"]))
            out.seek(0)
            err.seek(0)
            answer = {
                "returncode": returncode,
                "stdout": out.read().decode("utf-8", "replace"),
                "stderr": err.read().decode("utf-8", "replace"),
            }
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
