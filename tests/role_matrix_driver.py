"""Runs ``intake-admin`` commands for one user in one process; prints what each one did.

Used by tests/test_role_matrix.py: every role through every command costs one process per
role instead of one per cell. Each command still goes through ``intake_app.cli.main.main``
exactly as the ``intake-admin`` script does (argument parsing, log-in with the password from
INTAKE_APP_PASSWORD, the per-role context, one sentence and exit 2 on refusal).

    python -m tests.role_matrix_driver SPEC.json  ->  JSON lines on stdout
SPEC: {"db_file": ..., "db_url": ..., "user": ..., "commands": [[name, argv, stdin], ...]}

The one shortcut: passwords are checked with Argon2id at the cheapest parameters (the test
accounts were hashed with them, so nothing is rehashed), because ninety log-ins at the real
cost would take minutes. tests/test_role_matrix.py runs the installed script, at the real
cost, for the commands named in issue 11 and for the first admin.
"""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any


def cheap_hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def audit_rows(db_file: str, after: int) -> list[tuple[int, str, str, str, str]]:
    with contextlib.closing(sqlite3.connect(db_file)) as connection:
        return list(
            connection.execute(
                "SELECT id, actor, action, target, detail FROM audit_event WHERE id > ? "
                "ORDER BY id",
                (after,),
            )
        )


def main() -> int:
    import intake_app.services.accounts

    intake_app.services.accounts.default_hasher = cheap_hasher  # see the module text
    from intake_app.cli.main import main as intake_admin

    spec = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    results = []
    for name, argv, stdin in spec["commands"]:
        before = audit_rows(spec["db_file"], 0)
        last = before[-1][0] if before else 0
        out, err = io.StringIO(), io.StringIO()
        sys.stdin = io.StringIO(stdin)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = intake_admin(["--db", spec["db_url"], "--user", spec["user"], *argv])
            except SystemExit as exc:  # argparse
                code = int(exc.code or 0)
        lines = [
            [actor, action, target, detail]
            for _id, actor, action, target, detail in audit_rows(spec["db_file"], last)
            if action != "logged_in"
        ]
        results.append({"name": name, "code": code, "stderr": err.getvalue(), "audit": lines})
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
