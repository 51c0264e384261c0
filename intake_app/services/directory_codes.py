"""The code lists of the sociale kaart, and reading a directory file (issue 13).

Fields that mean a code hold only codes from these lists: the languages the app knows
(``i18n.languages``) and the contact persons' genders. The window offers them as choices; a
file (CSV, as a spreadsheet saves it) or another caller that brings anything else is refused
in one Dutch sentence that names the line, the value and what is allowed.
"""

from __future__ import annotations

import csv
import io
import re

from intake_app.core.directory import Organisation
from intake_app.core.errors import IntakeError
from intake_app.i18n.languages import LANGUAGES
from intake_app.i18n.translator import N_

LANGUAGE_CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
GENDER_CODES: tuple[str, ...] = ("female", "male")
GENDER_LABELS = {"female": N_("vrouw"), "male": N_("man")}
COLUMNS = (
    "name", "formal", "kind", "languages", "contact_genders", "neighbourhood", "channel",
    "evening_hours", "consent_needed", "own_community", "contact", "active",
)  # fmt: skip
_YES = {"1", "ja", "yes", "true", "waar", "x"}
_NO = {"0", "nee", "no", "false", "onwaar", ""}


def split_codes(text: str) -> tuple[str, ...]:
    """ "nl, ar;ti" → ("nl", "ar", "ti"): commas, semicolons or spaces between codes."""
    return tuple(part for part in re.split(r"[,;\s]+", text.strip()) if part)


# One sentence each; the file's line number when the code came from a file.
_BAD_LANGUAGE = N_("„{code}” is geen taalcode; gebruik {allowed}.")
_BAD_LANGUAGE_ON_LINE = N_("Regel {line}: „{code}” is geen taalcode; gebruik {allowed}.")
_BAD_GENDER = N_("„{code}” is geen code voor contactpersonen; gebruik female of male.")
_BAD_GENDER_ON_LINE = N_(
    "Regel {line}: „{code}” is geen code voor contactpersonen; gebruik female of male."
)


def check_codes(organisation: Organisation, line: int | None = None) -> None:
    """Refuse a code that is not in its list, in one sentence."""
    for code in organisation.languages:
        if code not in LANGUAGE_CODES:
            message = _BAD_LANGUAGE if line is None else _BAD_LANGUAGE_ON_LINE
            raise IntakeError(message, code=code, allowed=", ".join(LANGUAGE_CODES), line=line)
    for code in organisation.contact_genders:
        if code not in GENDER_CODES:
            message = _BAD_GENDER if line is None else _BAD_GENDER_ON_LINE
            raise IntakeError(message, code=code, line=line)


def _flag(raw: str, column: str, line: int) -> bool:
    value = raw.strip().casefold()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise IntakeError(
        N_("Regel {line}: in kolom {column} staat „{value}”; gebruik ja of nee."),
        line=line, column=column, value=raw.strip(),
    )  # fmt: skip


def read_directory_csv(text: str) -> list[Organisation]:
    """Organisations from a CSV file with the ``COLUMNS`` as its first row; every line is
    checked before anything is saved, so a bad file changes nothing."""
    rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [
        c for c in ("name", "languages", "contact_genders") if c not in (rows.fieldnames or [])
    ]
    if missing:
        raise IntakeError(
            N_("Het bestand mist de kolom {column}; de eerste regel moet de kolomnamen geven."),
            column=missing[0],
        )
    found: list[Organisation] = []
    for line, row in enumerate(rows, start=2):
        get = {column: (row.get(column) or "") for column in COLUMNS}
        if not get["name"].strip():
            raise IntakeError(N_("Regel {line}: de organisatie heeft geen naam."), line=line)
        organisation = Organisation(
            name=get["name"].strip(),
            formal=_flag(get["formal"] or "ja", "formal", line),
            kind=get["kind"].strip(),
            languages=split_codes(get["languages"]),
            contact_genders=split_codes(get["contact_genders"]),
            neighbourhood=get["neighbourhood"].strip(),
            channel=get["channel"].strip(),
            evening_hours=_flag(get["evening_hours"], "evening_hours", line),
            consent_needed=_flag(get["consent_needed"] or "ja", "consent_needed", line),
            own_community=_flag(get["own_community"], "own_community", line),
            contact=get["contact"].strip(),
            active=_flag(get["active"] or "ja", "active", line),
        )
        check_codes(organisation, line)
        found.append(organisation)
    return found
