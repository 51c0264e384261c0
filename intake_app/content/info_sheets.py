"""Information sheets for the client (COM-10): huurtoeslag, zorgtoeslag, kwijtschelding and
how debt help works, as data in ``resources/content/info_sheets.yaml``.

Titles and line texts are Dutch gettext message ids in the ``content`` domain (extracted by
``content/extractor.py``). The counsellor chooses a sheet on the recap screen; the summary
service prints it in the client's language with Dutch beside it.

Amounts go stale: a line with a digit or a euro sign must say ``check_current: true``, and
the printed sheet then tells the reader to check the amount of today.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from intake_app.content import pictograms
from intake_app.content.loader import ContentProblem, InvalidContentError
from intake_app.content.yaml_source import LocatedDict, load_yaml

INFO_SHEETS_FILE = "info_sheets.yaml"
_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
# Numbers and money in a sheet: they change every year.
_STALE = re.compile(r"[0-9€%]|\beuro\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SheetLine:
    text: str  # Dutch msgid
    check_current: bool = False  # names a number: printed with "check the amount of today"


@dataclass(frozen=True, slots=True)
class SheetSection:
    title: str  # Dutch msgid
    pictogram: str
    lines: tuple[SheetLine, ...]


@dataclass(frozen=True, slots=True)
class InfoSheet:
    id: str
    title: str  # Dutch msgid
    label: str  # Dutch msgid: the short name on a button
    pictogram: str
    sections: tuple[SheetSection, ...]

    def texts(self) -> list[str]:
        """Every Dutch msgid of the sheet, in reading order."""
        out = [self.label, self.title]
        for section in self.sections:
            out += [section.title, *(line.text for line in section.lines)]
        return out

    @property
    def names_numbers(self) -> bool:
        return any(line.check_current for s in self.sections for line in s.lines)


@dataclass(frozen=True, slots=True)
class InfoSheets:
    sheets: tuple[InfoSheet, ...]

    def sheet(self, sheet_id: str) -> InfoSheet:
        for sheet in self.sheets:
            if sheet.id == sheet_id:
                return sheet
        raise KeyError(sheet_id)

    def texts(self) -> list[str]:
        return [text for sheet in self.sheets for text in sheet.texts()]


def load_info_sheets(
    content_dir: Path, *, pictogram_exists: Callable[[str], bool] = pictograms.exists
) -> InfoSheets:
    """Read ``info_sheets.yaml``; an absent file means no sheets, a broken one an error that
    lists every problem with its file:line."""
    path = content_dir / INFO_SHEETS_FILE
    if not path.is_file():
        return InfoSheets(())
    try:
        doc = load_yaml(path, display_name=INFO_SHEETS_FILE)
    except ValueError as exc:
        raise InvalidContentError([ContentProblem(INFO_SHEETS_FILE, str(exc))]) from exc
    items = doc.get("info_sheets") if isinstance(doc, LocatedDict) else None
    if not isinstance(items, list):
        raise InvalidContentError(
            [ContentProblem(f"{INFO_SHEETS_FILE}:1", "expected 'info_sheets:'")]
        )
    checker = _Checker(pictogram_exists)
    sheets = [sheet for item in items if (sheet := checker.sheet(item)) is not None]
    ids = [sheet.id for sheet in sheets]
    checker.problems += [
        ContentProblem(INFO_SHEETS_FILE, f"sheet id {i!r} is used twice")
        for i in sorted({i for i in ids if ids.count(i) > 1})
    ]
    if checker.problems:
        raise InvalidContentError(checker.problems)
    return InfoSheets(tuple(sheets))


class _Checker:
    def __init__(self, pictogram_exists: Callable[[str], bool]) -> None:
        self.problems: list[ContentProblem] = []
        self.pictogram_exists = pictogram_exists

    def fail(self, node: object, message: str) -> None:
        where = node.where() if isinstance(node, LocatedDict) else INFO_SHEETS_FILE
        self.problems.append(ContentProblem(where, message))

    def text(self, node: LocatedDict, key: str) -> str:
        value = node.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(node, f"'{key}' is missing")
            return ""
        return value.strip()

    def pictogram(self, node: LocatedDict) -> str:
        code = pictograms.normalise_code(node.get("pictogram", ""))
        if not self.pictogram_exists(code):
            self.fail(node, f"pictogram {code!r} is not in OpenMoji")
        return code

    def sheet(self, item: object) -> InfoSheet | None:
        if not isinstance(item, LocatedDict):
            self.fail(item, "each sheet must be a mapping")
            return None
        before = len(self.problems)
        ident = self.text(item, "id")
        if ident and not _ID.match(ident):
            self.fail(item, f"'id' must be lower_snake_case, got {ident!r}")
        title, pictogram = self.text(item, "title"), self.pictogram(item)
        label = self.text(item, "label")
        raw = item.get("sections")
        if not isinstance(raw, list) or not raw:
            self.fail(item, "'sections' must be a list with at least one section")
            raw = []
        sections = tuple(s for node in raw if (s := self.section(node)) is not None)
        if len(self.problems) > before:
            return None
        return InfoSheet(ident, title, label, pictogram, sections)

    def section(self, node: object) -> SheetSection | None:
        if not isinstance(node, LocatedDict):
            self.fail(node, "each section must be a mapping")
            return None
        title, pictogram = self.text(node, "title"), self.pictogram(node)
        raw = node.get("lines")
        if not isinstance(raw, list) or not raw:
            self.fail(node, "'lines' must be a list with at least one line")
            return None
        lines = []
        for line in raw:
            if not isinstance(line, LocatedDict):
                self.fail(node, "each line must be a mapping with 'text'")
                continue
            text = self.text(line, "text")
            check = line.get("check_current", False) is True
            if _STALE.search(text) and not check:
                self.fail(line, "a number or amount changes over time: add 'check_current: true'")
            lines.append(SheetLine(text, check))
        return SheetSection(title, pictogram, tuple(lines))
