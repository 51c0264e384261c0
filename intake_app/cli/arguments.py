"""Argument parsing for ``intake-admin`` that answers bad input with one Dutch sentence.

argparse prints a usage block and an English message; a person (or a script's log) gets one
line here instead, with exit status 2. Numbers are bounded where they are read, so a huge
value such as ``99999999999999999999999`` never reaches the database as an overflow.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from intake_app.core.marks import N_

MAX_ID = 2**31 - 1  # the largest id an INTEGER column holds on PostgreSQL

# argparse's English messages (Python 3.11), mapped to Dutch. Anything else keeps the text.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the following arguments are required: (?P<what>.+)$"),
     N_("Dit ontbreekt nog: {what}.")),
    (re.compile(r"^argument (?P<arg>[^:]+): invalid choice: (?P<given>.+?) "
                r"\(choose from (?P<choices>.+)\)$"),
     N_("{arg}: {given} kan niet; kies uit {choices}.")),
    (re.compile(r"^argument (?P<arg>[^:]+): expected (one|at least one) argument$"),
     N_("{arg} heeft een waarde nodig.")),
    (re.compile(r"^argument (?P<arg>[^:]+): (?P<reason>.+)$"), N_("{arg}: {reason}")),
    (re.compile(r"^unrecognized arguments: (?P<what>.+)$"),
     N_("Dit kent intake-admin niet: {what}.")),
    (re.compile(r"^ambiguous option: (?P<what>.+?) could match (?P<choices>.+)$"),
     N_("{what} is niet duidelijk; bedoelt u {choices}?")),
)  # fmt: skip


def one_line(text: str, limit: int = 400) -> str:
    """``text`` on one line (newlines from a reason or a file name would break the promise)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def dutch(message: str) -> str:
    for pattern, template in _MESSAGES:
        found = pattern.match(message)
        if found:
            return template.format(**found.groupdict())
    return message


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        sentence = one_line(dutch(message))
        sys.stderr.write(f"intake-admin: {sentence[:1].upper()}{sentence[1:]}\n")
        raise SystemExit(2)


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type`` for a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        cleaned = text.strip()
        if not re.fullmatch(r"[+-]?[0-9]{1,12}", cleaned):
            raise argparse.ArgumentTypeError(
                N_("{text} is geen heel getal van {low} tot en met {high}").format(
                    text=repr(one_line(text, 40)), low=low, high=high
                )
            )
        value = int(cleaned)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                N_("{value} kan niet; het moet van {low} tot en met {high} zijn").format(
                    value=value, low=low, high=high
                )
            )
        return value

    parse.__name__ = "getal"  # argparse names the type in some messages
    return parse


record_id = bounded_int(1, MAX_ID)
# Settings (days, counts): the service refuses out-of-range values in its own words.
whole_number = bounded_int(-MAX_ID, MAX_ID)


def file_path(text: str) -> Path:
    """An argparse ``type`` for a file name: not empty, no NUL (the OS would refuse it late)."""
    if not text.strip():
        raise argparse.ArgumentTypeError(N_("geef een bestandsnaam"))
    if "\x00" in text:
        raise argparse.ArgumentTypeError(N_("de bestandsnaam bevat een ongeldig teken"))
    return Path(text)
