"""The statistics tables about the conversation's length and the client's situation
(STA-15 to STA-20): duration (with and without an interpreter), other worries and the
safety flag, household, income, since when the problems exist, and the client's feedback.

One of the theme lists that statistics_tables.py joins into ``SPECS``, in this order; split
by theme to keep each list readable.
"""

from __future__ import annotations

from intake_app.i18n.translator import N_
from intake_app.services.statistics_table_spec import (
    MINUTE_ROWS,
    TableSpec,
    card_spec,
    yes_no_spec,
)

CONTEXT_SPECS: tuple[TableSpec, ...] = (
    TableSpec(
        "minutes",
        N_("Duur van de intake"),
        N_("gesprekken"),
        "minutes",
        MINUTE_ROWS,
        every_session=True,  # a completed session always has a length
        requirement="STA-15",
    ),
    TableSpec(
        "minutes_interpreter",
        N_("Duur van de intake, met een tolk"),
        N_("gesprekken"),
        "minutes_interpreter",
        MINUTE_ROWS,
        requirement="STA-15",
    ),
    card_spec(
        "life_domains",
        N_("Andere zorgen"),
        (
            ("health", N_("Gezondheid")),
            ("parenting", N_("Opvoeding")),
            ("caregiving", N_("Zorg voor een ander")),
            ("safety_at_home", N_("Veiligheid thuis")),
            ("work_or_course", N_("Werk of opleiding")),
            ("loneliness", N_("Eenzaamheid")),
            ("none", N_("Geen")),
        ),
        multi=True,
        requirement="STA-16",
    ),
    yes_no_spec(
        "safety_flag", N_("Gesprekken met een zorg over veiligheid"), "safety_flag", "yes", "STA-16"
    ),
    card_spec(
        "household",
        N_("Huishouden"),
        (
            ("single", N_("Alleenstaand")),
            ("single_parent", N_("Alleenstaande ouder")),
            ("couple", N_("Stel zonder kinderen")),
            ("couple_with_children", N_("Stel met kinderen")),
            ("other", N_("Anders")),
        ),
        requirement="STA-17",
    ),
    card_spec(
        "income_sources",
        N_("Bron van inkomen"),
        (
            ("work", N_("Werk")),
            ("benefit", N_("Uitkering")),
            ("pension", N_("Pensioen")),
            ("student_finance", N_("Studiefinanciering")),
            ("none", N_("Geen inkomen")),
            ("other", N_("Anders")),
        ),
        multi=True,
        requirement="STA-17",
    ),
    card_spec(
        "problems_since",
        N_("Problemen sinds"),
        (
            ("under_6_months", N_("Korter dan 6 maanden")),
            ("6_to_12_months", N_("6 tot 12 maanden")),
            ("1_to_3_years", N_("1 tot 3 jaar")),
            ("over_3_years", N_("Langer dan 3 jaar")),
            ("dont_know", N_("Weet niet")),
        ),
        requirement="STA-18",
    ),
    # Optional client feedback at the end (STA-20): one of three faces, or skipped.
    card_spec(
        "client_feedback",
        N_("Hoe vond de cliënt het gesprek"),
        (
            ("good", N_("Goed")),
            ("okay", N_("Gaat wel")),
            ("not_good", N_("Niet goed")),
        ),
        requirement="STA-20",
    ),
)
