"""The statistics tables about money (STA-08 to STA-10): informal and formal debts by kind
and amount, and the provisions (toeslagen, kwijtschelding) missed or applied for.

One of the theme lists that statistics_tables.py joins into ``SPECS``, in this order; split
by theme to keep each list readable.
"""

from __future__ import annotations

from intake_app.i18n.translator import N_
from intake_app.services.statistics_table_spec import (
    AMOUNT_ROWS,
    PROVISIONS,
    TableSpec,
    yes_no_spec,
)

MONEY_SPECS: tuple[TableSpec, ...] = (
    yes_no_spec(
        "informal_debt",
        N_("Gesprekken met een informele schuld"),
        "debt_sessions",
        "informal|owed_by_client",
        "STA-08",
    ),
    TableSpec(
        "informal_card",
        N_("Informele schulden per soort kaart"),
        N_("gesprekken"),
        "informal_card",
        (
            ("inf_family_nl", N_("Familie in Nederland")),
            ("inf_family_abroad", N_("Familie in het buitenland")),
            ("inf_friends", N_("Vrienden")),
            ("inf_community", N_("Gemeenschap")),
            ("inf_wedding", N_("Bruiloft")),
            ("inf_family_problem", N_("Probleem in de familie")),
            ("inf_remittance", N_("Geld naar het buitenland")),
            ("inf_lent_out", N_("Geld uitgeleend")),
            ("inf_contracts_for_others", N_("Contract voor een ander")),
            ("inf_gift", N_("Gift")),
        ),
        requirement="STA-08",
    ),
    TableSpec(
        "informal_amount",
        N_("Informele schulden naar bedrag"),
        N_("schulden"),
        "debt_amount",
        AMOUNT_ROWS,
        prefix="informal|owed_by_client|",
        requirement="STA-08",
    ),
    yes_no_spec(
        "lent_out",
        N_("Gesprekken met geld uitgeleend aan anderen"),
        "debt_sessions",
        "informal|owed_to_client",
        "STA-08",
    ),
    yes_no_spec(
        "remittance",
        N_("Gesprekken met geld naar familie in het buitenland"),
        "debt_sessions",
        "informal|remittance",
        "STA-08",
    ),
    TableSpec(
        "formal_category",
        N_("Formele schulden per soort"),
        N_("gesprekken"),
        "formal_category",
        (
            ("rent", N_("Huur")),
            ("energy", N_("Energie")),
            ("water", N_("Water")),
            ("health_insurance", N_("Zorgverzekering")),
            ("municipal_tax", N_("Gemeentelijke belastingen")),
            ("tax_office", N_("Belastingdienst en toeslagen")),
            ("fine", N_("Boetes (CJIB)")),
            ("telecom", N_("Telefoon en internet")),
            ("bank_loan", N_("Lening bij de bank")),
            ("buy_now_pay_later", N_("Achteraf betalen")),
            ("study", N_("Studieschuld (DUO)")),
            ("other", N_("Anders")),
        ),
        requirement="STA-09",
    ),
    TableSpec(
        "formal_amount",
        N_("Formele schulden naar bedrag"),
        N_("schulden"),
        "debt_amount",
        AMOUNT_ROWS,
        prefix="formal|owed_by_client|",
        requirement="STA-09",
    ),
    TableSpec(
        "provision_signalled",
        N_("Regelingen die de cliënt niet kreeg"),
        N_("signaleringen"),
        "provision",
        PROVISIONS,
        requirement="STA-10",
    ),
    TableSpec(
        "provision_applied",
        N_("Regelingen aangevraagd tijdens het gesprek"),
        N_("aanvragen"),
        "provision",
        PROVISIONS,
        requirement="STA-10",
    ),
)
