"""A review kit for native speakers who are not programmers (issue 19).

``write_review_sheet`` makes an Excel file for one language: every text with the Dutch, the
current draft, where it appears and who reads it, the language's term list, and empty columns
for the reviewer's version, an "OK" mark and a remark. ``import_review`` reads the file back:
changed texts go into the ``.po`` catalog (and the drafts, so the two keep agreeing), remarks
become translator comments, the catalog is compiled, and the language's review status is set
with the reviewer's initials and the date. It is ``reviewed`` only when every client text was
either marked OK or given a new version; otherwise the status stays ``draft`` with a note.
openpyxl is imported on first use only.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from intake_app.core import safe_write
from intake_app.core.errors import IntakeError
from intake_app.i18n import drafts
from intake_app.i18n.catalog_checks import placeholders, template_messages
from intake_app.i18n.languages import SOURCE_LANGUAGE, is_known, language
from intake_app.i18n.status import ReviewStatus, set_review_status
from intake_app.i18n.terms import load_terms
from intake_app.i18n.translator import DOMAINS, N_

TEXTS_SHEET = "Teksten"
TERMS_SHEET = "Woordenlijst"
HELP_SHEET = "Uitleg"
FIRST_ROW = 6  # rows 1-3: language, initials, date; row 5: column titles
COLUMNS = (
    "sleutel", "Waar / Where", "Wie leest het / Who reads it", "Nederlands / Dutch",
    "Concept / Draft", "Uw versie / Your version", "OK (x)", "Opmerking / Remark",
)  # fmt: skip
KEY, WHERE, WHO, DUTCH, DRAFT, VERSION, OK, REMARK = range(1, 9)
HELP = (
    "Dank u wel voor het nakijken! / Thank you for reviewing!",
    "",
    "1. Vul uw initialen en de datum in (cellen B2 en B3). / Fill in your initials and the date.",
    "2. Lees per regel het Nederlands en het concept. / Read the Dutch and the draft per row.",
    "3. Is het concept goed? Zet een x in kolom OK. / Is the draft right? Put an x under OK.",
    "4. Is het beter anders? Schrijf uw versie in 'Uw versie'. / Better otherwise? Write your",
    "   version under 'Your version'. Keep {placeholders} such as {amount} exactly as they are.",
    "5. Twijfel of vraag? Schrijf het bij 'Opmerking'. / Doubt or question? Use 'Remark'.",
    "6. Gebruik de woorden van het tabblad Woordenlijst. / Use the words of the Terms sheet.",
    "",
    "Rijen met 'klant' leest de klant: korte, gewone zinnen, beleefd en voor iedereen",
    "(man of vrouw). Rows marked 'klant' are read by the client: short, plain, polite,",
    "and for everyone (man or woman). 'hulpverlener' rows are for the counsellor.",
)


class ReviewSheetError(IntakeError):
    """A review sheet cannot be made or read."""


@dataclass(frozen=True, slots=True)
class Change:
    dutch: str
    old: str
    new: str


@dataclass(slots=True)
class ReviewReport:
    code: str
    reviewer: str
    day: date
    changed: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    remarks: list[tuple[str, str]] = field(default_factory=list)
    client_checked: int = 0
    client_total: int = 0
    status: ReviewStatus = ReviewStatus.DRAFT

    def lines(self) -> list[str]:
        name = language(self.code).dutch_name
        out = [f"Review {name} ({self.code}) door {self.reviewer} op {self.day.isoformat()}"]
        out.append(f"{len(self.changed)} tekst(en) veranderd:")
        out += [f"  {c.dutch!r}\n    was:   {c.old!r}\n    wordt: {c.new!r}" for c in self.changed]
        if self.remarks:
            out.append(f"{len(self.remarks)} opmerking(en):")
            out += [f"  {dutch!r}: {remark}" for dutch, remark in self.remarks]
        if self.problems:
            out.append(f"{len(self.problems)} regel(s) niet overgenomen:")
            out += [f"  {problem}" for problem in self.problems]
        out.append(
            f"Teksten voor de klant nagekeken: {self.client_checked} van {self.client_total}. "
            f"Status: {self.status.value}."
        )
        return out


@dataclass(frozen=True, slots=True)
class _Row:
    domain: str
    context: str | None
    msgid: str
    where: str
    client: bool
    draft: str

    @property
    def key(self) -> str:
        return json.dumps([self.domain, self.context, self.msgid], ensure_ascii=False)


def _where(comments: list[str], locations: list[tuple[str, int | None]]) -> str:
    """Card and field for card texts, the screen's source file for window texts."""
    if comments:
        return "; ".join(comments)
    files = dict.fromkeys(Path(path).stem for path, _line in locations)
    return ", ".join(files)


def _rows(catalog_dir: Path, code: str) -> list[_Row]:
    client = {(m.domain, m.msgid): m.client for m in template_messages(catalog_dir)}
    rows: list[_Row] = []
    for domain in DOMAINS:
        template = drafts.read_catalog(catalog_dir / f"{domain}.pot", code)
        catalog = drafts.read_catalog(drafts.po_file(catalog_dir, code, domain), code)
        for message in template:
            if not message.id or not isinstance(message.id, str):
                continue
            found = catalog.get(message.id, context=message.context)
            text = found.string if found is not None and isinstance(found.string, str) else ""
            rows.append(
                _Row(
                    domain, message.context, message.id,
                    _where(list(message.auto_comments), list(message.locations)),
                    client.get((domain, message.id), False), text,
                )
            )  # fmt: skip
    # The client's texts first: they matter most and are what a short review should cover.
    return sorted(rows, key=lambda r: (not r.client, r.domain != "content"))


def _check_code(code: str) -> None:
    if not is_known(code) or code == SOURCE_LANGUAGE:
        raise ReviewSheetError(N_("Onbekende taalcode: {code}."), code=code)


def write_review_sheet(catalog_dir: Path, code: str, out: Path) -> int:
    """Write the review workbook for ``code``; returns the number of texts in it."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    _check_code(code)
    rows = _rows(catalog_dir, code)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = TEXTS_SHEET
    lang = language(code)
    sheet["A1"], sheet["B1"], sheet["C1"] = "Taal / Language", code, lang.native_name
    sheet["A2"], sheet["A3"] = "Uw initialen / Your initials", "Datum / Date"
    for cell in ("B2", "B3"):
        sheet[cell].fill = PatternFill("solid", fgColor="FFF2CC")
        sheet[cell].protection = Protection(locked=False)
    for column, title in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=FIRST_ROW - 1, column=column, value=title)
        cell.font = Font(bold=True)
    rtl = lang.rtl
    for index, row in enumerate(rows, start=FIRST_ROW):
        values = (row.key, row.where, "klant" if row.client else "hulpverlener", row.msgid,
                  row.draft, None, None, None)  # fmt: skip
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=index, column=column, value=value)
            cell.alignment = Alignment(
                wrap_text=True, vertical="top",
                horizontal="right" if rtl and column in (DRAFT, VERSION) else None,
                readingOrder=2 if rtl and column in (DRAFT, VERSION, REMARK) else 0,
            )  # fmt: skip
            if column >= VERSION:
                cell.protection = Protection(locked=False)
                cell.fill = PatternFill("solid", fgColor="FFF2CC")
    widths = {"A": 4, "B": 28, "C": 14, "D": 50, "E": 50, "F": 50, "G": 7, "H": 30}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions["A"].hidden = True  # the key that brings a row back home
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=DUTCH)
    # Only the reviewer's columns can be typed in, so the Dutch and the keys stay intact.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    _terms_sheet(book.create_sheet(TERMS_SHEET), catalog_dir, code)
    help_sheet = book.create_sheet(HELP_SHEET)
    for number, line in enumerate(HELP, start=1):
        help_sheet.cell(row=number, column=1, value=line)
    help_sheet.column_dimensions["A"].width = 100
    try:
        book.save(out)
    except OSError as exc:
        raise ReviewSheetError(
            N_("Het bestand {path} kan niet worden geschreven: {reason}"),
            path=str(out), reason=exc.strerror or str(exc),
        ) from exc  # fmt: skip
    return len(rows)


def _terms_sheet(sheet: Any, catalog_dir: Path, code: str) -> None:
    from openpyxl.styles import Font

    dutch = load_terms(catalog_dir, "nl")
    own = load_terms(catalog_dir, code)
    sheet.append(["Aanspreekvorm / Form of address", own.address])
    sheet.append([])
    sheet.append(["Nederlands / Dutch", "Betekenis / Meaning", "Vertaling / Translation"])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for key, term in dutch.terms.items():
        mine = own.terms.get(key)
        sheet.append([key, term.explain, mine.term if mine else ""])
    if own.avoid:
        sheet.append([])
        sheet.append(["Niet gebruiken / Avoid", "Waarom / Why"])
        for avoid in own.avoid:
            sheet.append([avoid.pattern.pattern, avoid.why])
    for letter, width in {"A": 30, "B": 70, "C": 40}.items():
        sheet.column_dimensions[letter].width = width


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _day(value: object, given: date | None) -> date:
    if given is not None:
        return given
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return date.today()


def import_review(
    catalog_dir: Path, path: Path, reviewer: str | None = None, day: date | None = None
) -> ReviewReport:
    """Merge a filled-in review sheet into the catalogs; see the module docstring."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path)
        sheet = book[TEXTS_SHEET]
    except Exception as exc:  # openpyxl raises OSError, KeyError, zip and XML errors
        raise ReviewSheetError(
            N_("Het bestand {path} is geen reviewblad: {reason}"), path=str(path), reason=str(exc)
        ) from exc
    code = _text(sheet["B1"].value)
    _check_code(code)
    initials = (reviewer or _text(sheet["B2"].value)).strip()
    if not initials:
        raise ReviewSheetError(
            N_("Vul de initialen van de nakijker in (cel B2 van het blad, of --reviewer).")
        )
    report = ReviewReport(code, initials, _day(sheet["B3"].value, day))
    catalogs = {
        domain: drafts.read_catalog(drafts.po_file(catalog_dir, code, domain), code)
        for domain in DOMAINS
    }
    touched: set[str] = set()
    new_drafts: dict[str, str] = {}
    for row in sheet.iter_rows(min_row=FIRST_ROW, values_only=True):
        if not row or not row[KEY - 1]:
            continue
        domain, context, msgid = json.loads(str(row[KEY - 1]))
        version, ok, remark = (_text(row[i - 1]) for i in (VERSION, OK, REMARK))
        message = catalogs[domain].get(msgid, context=context) if domain in catalogs else None
        client = _text(row[WHO - 1]) == "klant"
        report.client_total += client
        if message is None:
            if version or ok:
                report.problems.append(f"{msgid!r}: deze tekst bestaat niet meer")
            continue
        old = message.string if isinstance(message.string, str) else ""
        if version and version != old:
            if placeholders(version) != placeholders(msgid):
                report.problems.append(
                    f"{msgid!r}: {{placeholders}} anders dan in het Nederlands: {version!r}"
                )
                continue
            message.string = version
            message.flags.discard("fuzzy")
            report.changed.append(Change(msgid, old, version))
            new_drafts[drafts.draft_key(msgid, context)] = version
            touched.add(domain)
        if remark:
            message.user_comments.append(f"review {initials} {report.day.isoformat()}: {remark}")
            report.remarks.append((msgid, remark))
            touched.add(domain)
        if client and (version or ok):
            report.client_checked += 1
    for domain in touched:
        _save(catalog_dir, code, domain, catalogs[domain])
    if new_drafts and (catalog_dir / drafts.DRAFTS_FOLDER).is_dir():
        drafts.set_drafts(catalog_dir, code, new_drafts)
    complete = report.client_total > 0 and report.client_checked == report.client_total
    report.status = (
        ReviewStatus.REVIEWED if complete and not report.problems else ReviewStatus.DRAFT
    )
    note = (
        f"Reviewed by {initials} on {report.day.isoformat()}: "
        f"{report.client_checked} of {report.client_total} client texts checked, "
        f"{len(report.changed)} changed."
    )
    if report.status is ReviewStatus.DRAFT:
        note = "Partly r" + note[1:]
    set_review_status(catalog_dir, code, report.status, note)
    return report


def _save(catalog_dir: Path, code: str, domain: str, catalog: Catalog) -> None:
    """Write the ``.po`` and compile its ``.mo`` so the app shows the reviewed text."""
    po = drafts.po_file(catalog_dir, code, domain)
    drafts.write_catalog(po, catalog)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    safe_write.write_bytes(po.with_suffix(".mo"), buffer.getvalue())
