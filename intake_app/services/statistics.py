"""StatisticsService: anonymous figures for coordinators (requirements.md §9.2, design.md §8).

Counts come from storage as grouped numbers (never rows about a person), become tables per
month, are suppressed (``core.statistics``) and only then reach a screen or a file. Every
file is checked again, from what a reader would see, right before it is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from intake_app.core.errors import IntakeError
from intake_app.core.security import AuditAction, Permission
from intake_app.core.statistics import (
    DEFAULT_THRESHOLD,
    DisclosureError,
    StatisticsQuery,
    StatisticsReport,
    StatisticsSource,
    StatsDocumentWriter,
    check_published,
    check_threshold,
    is_safe_label,
    merge_all,
)
from intake_app.core.statistics_audit import AuditError
from intake_app.services import statistics_export
from intake_app.services.access import Access
from intake_app.services.gate import gated
from intake_app.services.statistics_atoms import build
from intake_app.services.statistics_tables import (
    NEIGHBOURHOOD,
    RESERVED,
    SESSIONS,
    allowed_rows,
    counted_cards,
)

FORMATS = ("csv", "xlsx", "pdf")
MAX_NEIGHBOURHOODS = 30  # 30 names of at most 60 characters fit the setting (2,000 characters)
Progress = Callable[[int, int], None]
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-\d{2})?$")


def parse_month(text: str) -> str:
    """ "2026-03" (or a date in that month) as "2026-03"; anything else is refused."""
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 2000:
        raise IntakeError("Geef een maand als jaar-maand, bijvoorbeeld 2026-03, niet {text}.",
                          text=text)  # fmt: skip
    return f"{match.group(1)}-{match.group(2)}"


def format_of(out: Path, given: str | None = None) -> str:
    fmt = (given or out.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise IntakeError("Kies csv, xlsx of pdf als formaat, niet {format}.", format=fmt or "?")
    return fmt


class StatisticsService:
    def __init__(
        self,
        source: StatisticsSource,
        pdf_writer: StatsDocumentWriter | None = None,
        threshold: int = DEFAULT_THRESHOLD,
        *,
        access: Access,
    ) -> None:
        self._access = access
        self._source = source
        self._pdf = pdf_writer
        self.threshold = check_threshold(threshold)

    @gated(Permission.VIEW_STATISTICS, None)
    def neighbourhoods(self) -> list[str]:
        """The neighbourhoods to filter on: the coordinator's list, else the names in use."""
        return self._source.neighbourhood_list() or self._source.neighbourhoods()

    @gated(Permission.VIEW_STATISTICS, None)
    def neighbourhood_list(self) -> list[str]:
        return self._source.neighbourhood_list()

    @gated(
        Permission.MANAGE_DIRECTORY, AuditAction.SETTING_CHANGED, target="setting:neighbourhoods"
    )
    def set_neighbourhood_list(self, names: Sequence[str]) -> list[str]:
        """Keep the coordinator's list of neighbourhoods (STA-19): plain short names only,
        each once, in the order given. Returns what was kept."""
        kept: list[str] = []
        for raw in names:
            name = " ".join(raw.split())
            if not name or name in kept:
                continue
            if not is_safe_label(name) or name in RESERVED:
                raise IntakeError(
                    "Een wijknaam mag alleen letters, cijfers en gewone leestekens bevatten "
                    "(hoogstens 60 tekens): {name}",
                    name=name,
                )
            kept.append(name)
        if len(kept) > MAX_NEIGHBOURHOODS:
            raise IntakeError(
                "Houd de lijst op hoogstens {maximum} wijken.", maximum=MAX_NEIGHBOURHOODS
            )
        self._source.set_neighbourhood_list(kept)
        return kept

    @gated(Permission.VIEW_STATISTICS, None)  # anonymous figures on screen: not logged
    def compute(
        self,
        first_month: str,
        last_month: str,
        neighbourhood: str | None = None,
        threshold: int | None = None,
        progress: Progress | None = None,
    ) -> StatisticsReport:
        first, last = parse_month(first_month), parse_month(last_month)
        if first > last:
            raise IntakeError("De eerste maand ligt na de laatste maand.")
        chosen = check_threshold(threshold or self.threshold)
        query = StatisticsQuery(first, last, neighbourhood or None, cards=counted_cards())
        if progress:
            progress(0, 3)
        raw = self._source.raw_counts(query)
        if progress:
            progress(1, 3)
        try:
            built = build(
                raw,
                query.months(),
                chosen,
                self._source.cell_key_secret(),
                self._source.neighbourhood_list(),
            )
        except AuditError as exc:
            raise DisclosureError(
                "De statistiek kan niet veilig worden gemaakt; er is niets getoond."
            ) from exc
        if progress:
            progress(3, 3)
        report = StatisticsReport(
            first, last, query.neighbourhood, chosen, tuple(built.tables), atoms=built.atoms
        )
        return _with_total(report)

    # -- files ------------------------------------------------------------------------------
    @gated(Permission.VIEW_STATISTICS, None)
    def check(self, report: StatisticsReport) -> list[str]:
        """Everything that forbids writing ``report`` (empty: it may be written): what a
        reader sees, and the attacker's audit over the atoms it is made of."""
        problems = check_published(report.tables, allowed_rows())
        atoms = report.atoms
        if atoms is None:
            return problems  # a merge: sums of files that each passed this check
        for table in report.tables:
            for r, row_id in enumerate(table.row_ids[:-1]):
                for c, month in enumerate(table.columns):
                    if table.values[r][c] != atoms.cell_value(table.id, row_id, month):
                        problems.append(
                            f"{table.id}: cel ({row_id}, {month}) is geen som van atomen"
                        )
        for atom in atoms.failures()[:3]:
            problems.append(f"{atom[0]}: cel ({atom[1]}, {atom[3]}) is te nauw te begrenzen")
        return problems

    @gated(Permission.EXPORT_STATISTICS, AuditAction.STATISTICS_EXPORTED, in_body=True)
    def export(
        self,
        report: StatisticsReport,
        out: Path,
        fmt: str | None = None,
        dialect: str = statistics_export.DUTCH,
    ) -> Path:
        """Write ``report`` as CSV, XLSX or PDF. Refuses (DisclosureError) if the file could
        reveal anything about a person; then nothing is written. ``dialect``: CSV for Dutch
        spreadsheets (semicolon, BOM, decimal comma) or the standard one."""
        chosen = format_of(out, fmt)
        problems = self.check(report)
        if problems:
            raise DisclosureError(
                "Het bestand is niet opgeslagen: het zou iets over personen kunnen verraden "
                "({detail}).",
                detail="; ".join(problems[:3]),
            )
        if chosen == "csv":
            written = statistics_export.write_csv(report, out, dialect=dialect)
        elif chosen == "xlsx":
            written = statistics_export.write_xlsx(report, out)
        elif self._pdf is None:
            raise IntakeError("Een pdf maken kan hier niet.")
        else:
            written = self._pdf.write(report, out)
        period = f"{report.first_month}..{report.last_month}"
        self._access.audit(AuditAction.STATISTICS_EXPORTED, f"statistics:{chosen}", period)
        return written

    @gated(Permission.EXPORT_STATISTICS, None)  # reads files; the export is logged
    def merge(self, files: Sequence[Path], threshold: int | None = None) -> StatisticsReport:
        """Add up statistics files (CSV) from several laptops, then suppress again."""
        if len(files) < 2:
            raise IntakeError("Kies minstens twee bestanden om samen te voegen.")
        reports = [statistics_export.read_csv(path) for path in files]
        for path, report in zip(files, reports, strict=True):
            if check_published(report.tables, allowed_rows()):
                raise DisclosureError(
                    "{file} is niet veilig genoeg om samen te voegen.", file=path.name
                )
        chosen = check_threshold(
            max([threshold or self.threshold, *(r.threshold for r in reports)])
        )
        merged = merge_all(statistics_export.report_tables(reports), chosen)
        neighbourhoods = {report.neighbourhood for report in reports}
        return _with_total(
            StatisticsReport(
                first_month=min(report.first_month for report in reports),
                last_month=max(report.last_month for report in reports),
                neighbourhood=neighbourhoods.pop() if len(neighbourhoods) == 1 else None,
                threshold=chosen,
                tables=tuple(merged),
            )
        )


def _with_total(report: StatisticsReport) -> StatisticsReport:
    """Fill ``sessions``: the grand total of the sessions table, if it is shown."""
    for table in report.tables:
        if table.id == SESSIONS:
            total = table.shown_value(len(table.rows), len(table.columns))
            return StatisticsReport(
                report.first_month,
                report.last_month,
                report.neighbourhood,
                report.threshold,
                report.tables,
                sessions=total,
                notes=report.notes,
                atoms=report.atoms,
            )
    return report


__all__ = ["FORMATS", "NEIGHBOURHOOD", "StatisticsService", "format_of", "parse_month"]
