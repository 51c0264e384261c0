"""The prevention indicator (ORG-07): urgent matters resolved on the spot, from the published
(perturbed) "prevention" table, with the research's indicative cost figures beside it.

The figures are quoted from one research report (a house eviction "quickly costs" € 6,000; a
place in foster care € 13,500) and are shown as indicative references, never multiplied into
a "saved" amount: the report gives no basis for counting one per resolved case.
"""

from __future__ import annotations

from intake_app.core.statistics import StatisticsReport

TABLE = "prevention"
# Indicative costs in euros, as the research quotes them (seed 004 › Inleiding).
COST_REFERENCES = {"eviction": 6_000, "foster_care": 13_500}


def resolved_totals(report: StatisticsReport) -> dict[str, int | None]:
    """Row id -> the published total over the period (None: hidden, below the threshold)."""
    for table in report.tables:
        if table.id == TABLE:
            column = len(table.columns)
            return {
                row_id: table.shown_value(r, column) for r, (row_id, _) in enumerate(table.rows)
            }
    return {}
