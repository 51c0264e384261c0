"""Which tables the coordinator statistics hold (requirements.md §9.2, STA-01…STA-19).

Each table names fixed categories (ids from docs/content-ids.md) with Dutch labels. Row ids
are a closed list: an export may contain nothing else (no free text, names or relationships).
Only the neighbourhood table has rows from the data; a neighbourhood with fewer sessions
than the threshold in the whole period is counted under "Overige wijken".

The tables are defined by theme in statistics_specs_visit.py, _money.py, _help.py and
_context.py (on the building blocks in statistics_table_spec.py); this module joins them in
their fixed order and answers what may appear in an export.
"""

from __future__ import annotations

from intake_app.i18n.translator import N_
from intake_app.services.statistics_specs_context import CONTEXT_SPECS
from intake_app.services.statistics_specs_help import HELP_SPECS
from intake_app.services.statistics_specs_money import MONEY_SPECS
from intake_app.services.statistics_specs_visit import VISIT_SPECS
from intake_app.services.statistics_table_spec import (  # named through this module
    SESSIONS as SESSIONS,
)
from intake_app.services.statistics_table_spec import (
    TableSpec as TableSpec,
)

OTHER_NEIGHBOURHOODS = ("other_neighbourhoods", N_("Overige wijken"))
NO_NEIGHBOURHOOD = ("no_neighbourhood", N_("Geen wijk ingevuld"))
RESERVED = {OTHER_NEIGHBOURHOODS[0], NO_NEIGHBOURHOOD[0], "totaal"}
NEIGHBOURHOOD = "neighbourhood"

# Reference figures from the research: about municipalities, never about our sessions.
SURVEY = N_("Onderzoek onder 155 gemeenten (gemeenteniveau, geen gesprekken): ")
REFERENCES = {
    "interpreter_mode": SURVEY
    + N_("51% zet een tolk in; 18% gebruikt iets anders, zoals familie of een vertaalapp."),
    "counsellor_gender_preference": SURVEY + N_("15% stuurt een man en een vrouw op huisbezoek."),
    # ORG-07: the cost figures one research report quotes, shown beside the count, never
    # multiplied into a "saved" amount (the report gives no source per case).
    "prevention": N_(
        "Indicatief, uit onderzoek (geen cijfers over deze gesprekken): een huisuitzetting kost "
        "al snel € 6.000, een plaats in een pleeggezin € 13.500."
    ),
}

SPECS: tuple[TableSpec, ...] = (*VISIT_SPECS, *MONEY_SPECS, *HELP_SPECS, *CONTEXT_SPECS)

# The raw key of a provision table depends on the status counted.
_PROVISION_STATUS = {"provision_signalled": "not_receiving", "provision_applied": "applied_today"}


def raw_key(spec: TableSpec, row_id: str) -> str:
    if spec.yes_key:
        return spec.yes_key
    if spec.id in _PROVISION_STATUS:
        return f"{row_id}|{_PROVISION_STATUS[spec.id]}"
    return spec.prefix + row_id


def counted_cards() -> tuple[str, ...]:
    """The cards whose options the statistics count (storage reads no other answers)."""
    return tuple(spec.id for spec in SPECS if spec.source == "options")


def allowed_rows() -> dict[str, frozenset[str]]:
    """Every row id an export may hold, per table (the neighbourhood table is checked apart)."""
    out = {}
    for spec in SPECS:
        ids = [row_id for row_id, _ in spec.rows]
        if spec.complement is not None:
            ids.append(spec.complement[0])
        out[spec.id] = frozenset(ids)
    return out
