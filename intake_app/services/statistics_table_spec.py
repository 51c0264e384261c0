"""The building blocks of the statistics tables: ``TableSpec`` (one table), the helpers that
make the common kinds of table, and the row lists several tables share.

Split off from statistics_tables.py so the table lists by theme (statistics_specs_*.py) and
the list of all tables can both use them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from intake_app.i18n.translator import N_

Rows = tuple[tuple[str, str], ...]

NOT_ANSWERED = ("not_answered", N_("Niet besproken"))

AMOUNT_ROWS: Rows = (
    ("under_100", N_("Minder dan € 100")),
    ("100_500", N_("€ 100 tot € 500")),
    ("500_1000", N_("€ 500 tot € 1.000")),
    ("1000_5000", N_("€ 1.000 tot € 5.000")),
    ("5000_plus", N_("€ 5.000 of meer")),
    ("unknown", N_("Bedrag onbekend")),
)
MINUTE_ROWS: Rows = (
    ("under_30", N_("Korter dan 30 minuten")),
    ("30_60", N_("30 tot 60 minuten")),
    ("60_90", N_("60 tot 90 minuten")),
    ("90_120", N_("90 tot 120 minuten")),
    ("120_plus", N_("2 uur of langer")),
)
FOLLOW_UP_DAY_ROWS: Rows = (
    ("within_7", N_("Binnen 7 dagen")),
    ("8_14", N_("8 tot 14 dagen")),
    ("15_30", N_("15 tot 30 dagen")),
    ("31_60", N_("31 tot 60 dagen")),
    ("over_60", N_("Meer dan 60 dagen")),
)
PROVISIONS: Rows = (
    ("huurtoeslag", N_("Huurtoeslag")),
    ("zorgtoeslag", N_("Zorgtoeslag")),
    ("kwijtschelding", N_("Kwijtschelding gemeentelijke belastingen")),
    ("kindgebonden_budget", N_("Kindgebonden budget")),
    ("bijzondere_bijstand", N_("Bijzondere bijstand")),
    ("energietoeslag", N_("Energietoeslag")),
)


@dataclass(frozen=True, slots=True)
class TableSpec:
    id: str
    title: str
    unit: str
    source: str  # key in RawCounts
    rows: Rows  # without the complement row
    prefix: str = ""  # raw row id = prefix + row id
    complement: tuple[str, str] | None = None  # linked: this row gets sessions minus the rest
    requirement: str = ""
    yes_key: str = ""  # yes/no tables: the raw row id counted as "yes"
    every_session: bool = False  # the rows already cover every session once, without a rest row

    @property
    def linked(self) -> bool:
        return self.complement is not None or self.every_session


def card_spec(
    card: str, title: str, rows: Rows, *, multi: bool = False, requirement: str = ""
) -> TableSpec:
    return TableSpec(
        id=card,
        title=title,
        unit=N_("vermeldingen") if multi else N_("gesprekken"),
        source="options",
        rows=rows,
        prefix=f"{card}|",
        complement=None if multi else NOT_ANSWERED,
        requirement=requirement,
    )


def yes_no_spec(
    table_id: str, title: str, source: str, yes_key: str, requirement: str
) -> TableSpec:
    return TableSpec(
        id=table_id,
        title=title,
        unit=N_("gesprekken"),
        source=source,
        rows=(("yes", N_("Ja")),),
        complement=("no", N_("Nee")),
        requirement=requirement,
        yes_key=yes_key,
    )


SESSIONS = "sessions"
