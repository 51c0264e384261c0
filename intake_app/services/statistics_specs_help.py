"""The statistics tables about the help given (STA-11 to STA-14, ORG-07): urgent matters,
what was arranged on the spot, referrals and how they went, follow-up and next steps.

One of the theme lists that statistics_tables.py joins into ``SPECS``, in this order; split
by theme to keep each list readable.
"""

from __future__ import annotations

from intake_app.i18n.translator import N_
from intake_app.services.statistics_table_spec import (
    FOLLOW_UP_DAY_ROWS,
    TableSpec,
    yes_no_spec,
)

HELP_SPECS: tuple[TableSpec, ...] = (
    yes_no_spec("urgent", N_("Gesprekken met iets dringends"), "urgent", "yes", "STA-11"),
    TableSpec(
        "urgency_type",
        N_("Dringende zaken per soort"),
        N_("gesprekken"),
        "urgency_type",
        (
            ("eviction", N_("Uitzetting")),
            ("disconnection", N_("Afsluiting")),
            ("bailiff", N_("Deurwaarder")),
            ("other", N_("Anders")),
        ),
        requirement="STA-11",
    ),
    TableSpec(
        "prevention",
        N_("Preventie: dringende zaken meteen opgelost"),
        N_("gesprekken"),
        "urgency_resolved",
        (
            ("eviction", N_("Uitzetting voorkomen")),
            ("disconnection", N_("Afsluiting voorkomen")),
            ("bailiff", N_("Deurwaarder afgewend")),
            ("other", N_("Anders opgelost")),
        ),
        requirement="ORG-07",
    ),
    TableSpec(
        "spot_action",
        N_("Meteen geregeld, per soort"),
        N_("acties"),
        "spot_action",
        (
            ("creditor_called", N_("Schuldeiser gebeld")),
            ("payment_arrangement_requested", N_("Betalingsregeling gevraagd")),
            ("form_filled", N_("Formulier ingevuld")),
            ("appointment_made", N_("Afspraak gemaakt")),
            ("benefit_application_started", N_("Aanvraag uitkering of toeslag")),
            ("other", N_("Anders")),
        ),
        requirement="STA-12",
    ),
    TableSpec(
        "referral_kind",
        N_("Doorverwijzingen"),
        N_("verwijzingen"),
        "referral_kind",
        (
            ("formal_warm", N_("Formeel, warme overdracht")),
            ("formal_cold", N_("Formeel, zonder overdracht")),
            ("informal_warm", N_("Informeel, warme overdracht")),
            ("informal_cold", N_("Informeel, zonder overdracht")),
        ),
        requirement="STA-13",
    ),
    yes_no_spec(
        "handover_consent",
        N_("Gesprekken met toestemming voor overdracht"),
        "handover_consent",
        "yes",
        "STA-13",
    ),
    TableSpec(
        "referral_status",
        N_("Doorverwijzingen: aangekomen?"),
        N_("verwijzingen"),
        "referral_status",
        (
            ("planned", N_("Nog gepland")),
            ("appointment_made", N_("Afspraak gemaakt")),
            ("arrived", N_("Aangekomen")),
            ("not_arrived", N_("Niet aangekomen")),
            ("lost_contact", N_("Contact verloren")),
        ),
        requirement="STA-14",
    ),
    yes_no_spec(
        "follow_up_planned",
        N_("Gesprekken met een datum voor nazorg"),
        "follow_up_planned",
        "yes",
        "STA-14",
    ),
    TableSpec(
        "follow_up_days",
        N_("Dagen van gesprek tot nazorg"),
        N_("gesprekken"),
        "follow_up_days",
        FOLLOW_UP_DAY_ROWS,
        requirement="STA-14",
    ),
    TableSpec(
        "follow_up_done",
        N_("Nazorg gedaan"),
        N_("gesprekken"),
        "follow_up_done",
        (
            ("done", N_("Gedaan (alles afgesloten)")),
            ("open", N_("Nog open")),
        ),
        complement=("nothing_to_follow", N_("Geen verwijzing of stap")),
        requirement="STA-14",
    ),
    TableSpec(
        "follow_up_done_days",
        N_("Dagen van gesprek tot nazorg gedaan"),
        N_("gesprekken"),
        "follow_up_done_days",
        (
            *FOLLOW_UP_DAY_ROWS,
            ("unknown", N_("Zonder datum (alleen stappen)")),
        ),
        requirement="STA-14",
    ),
    TableSpec(
        "next_step",
        N_("Afgesproken stappen"),
        N_("stappen"),
        "next_step",
        (("done", N_("Gedaan")), ("open", N_("Nog open"))),
        requirement="STA-14",
    ),
)
