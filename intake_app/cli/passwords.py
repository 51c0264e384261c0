"""Where ``intake-admin`` gets a password from, for people and for scripts.

- ``--password-file FILE``: the safer way for scripts. The file must be a regular file that
  only its owner can read or write (mode 0600 or stricter); its first line is the password.
- ``INTAKE_APP_PASSWORD``: read once when the command starts and removed from the
  environment at once, so child processes (a pager, a printer filter) never inherit it.
- Otherwise the password is asked without echo.
"""

from __future__ import annotations

import getpass
import os
import stat
import sys
from pathlib import Path

from intake_app.core import safe_write
from intake_app.core.errors import IntakeError
from intake_app.core.marks import N_
from intake_app.core.text_hygiene import MAX_LENGTHS

PASSWORD_VARIABLE = "INTAKE_APP_PASSWORD"  # noqa: S105 - the name of a variable


def take_from_environment() -> str | None:
    """The password in ``INTAKE_APP_PASSWORD``, removed from the environment as it is read."""
    return os.environ.pop(PASSWORD_VARIABLE, None) or None


def read_password_file(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError) as exc:
        raise IntakeError(
            N_("Het wachtwoordbestand {path} kan niet worden gelezen."), path=path
        ) from exc
    if stat.S_ISREG(mode) and stat.S_IMODE(mode) & 0o077:
        raise IntakeError(
            N_(
                "Het wachtwoordbestand {path} is ook voor anderen leesbaar. "
                "Maak het alleen voor u leesbaar (chmod 600 {path})."
            ),
            path=path,
        )
    try:
        data = safe_write.read_bytes(path, 4 * MAX_LENGTHS["password"] + 2)
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IntakeError(N_("Het wachtwoordbestand {path} is geen tekst."), path=path) from exc
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise IntakeError(N_("Het wachtwoordbestand {path} is leeg."), path=path)
    return lines[0]


def password_for(password_file: Path | None, from_environment: str | None) -> str:
    if password_file is not None:
        return read_password_file(password_file)
    if from_environment:
        return from_environment
    no_password = IntakeError(
        N_("Er is geen wachtwoord gegeven. Gebruik --password-file voor scripts.")
    )
    if not sys.stdin.isatty():
        raise no_password  # getpass would read stdin with a warning, or wait forever
    try:
        return getpass.getpass("Wachtwoord: ")
    except EOFError as exc:
        raise no_password from exc
