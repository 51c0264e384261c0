"""The statistics tables about the visit itself (STA-01 to STA-07): first or repeat visit,
how the client came in, where and when, the language and the wishes about the counsellor.

One of the theme lists that statistics_tables.py joins into ``SPECS``, in this order; split
by theme to keep each list readable.
"""

from __future__ import annotations

from intake_app.i18n.languages import LANGUAGES
from intake_app.i18n.translator import N_
from intake_app.services.statistics_table_spec import (
    SESSIONS,
    TableSpec,
    card_spec,
)

VISIT_SPECS: tuple[TableSpec, ...] = (
    TableSpec(
        SESSIONS,
        N_("Gesprekken: eerste bezoek of vervolg"),
        N_("gesprekken"),
        "visits",
        (("first", N_("Eén bezoek")), ("repeat", N_("Twee of meer bezoeken"))),
        every_session=True,
        requirement="STA-01",
    ),
    TableSpec(
        "visit_count",
        N_("Aantal bezoeken tot en met dit gesprek"),
        N_("gesprekken"),
        "visit_count",
        (("1", N_("Eén bezoek")), ("2", N_("Twee bezoeken")), ("3_plus", N_("Drie of meer"))),
        every_session=True,
        requirement="STA-15",
    ),
    TableSpec(
        "dropouts",
        N_("Gesprekken niet afgerond (naar maand van start)"),
        N_("gesprekken"),
        "dropouts",
        (("unfinished", N_("Niet afgerond")),),
        requirement="STA-01",
    ),
    card_spec(
        "route_in",
        N_("Hoe kwam de cliënt binnen"),
        (
            ("self", N_("Zelf")),
            ("word_of_mouth", N_("Via via")),
            ("key_person", N_("Sleutelpersoon")),
            ("self_organisation", N_("Zelforganisatie")),
            ("mosque_church", N_("Moskee of kerk")),
            ("school", N_("School")),
            ("gp", N_("Huisarts")),
            ("whatsapp_group", N_("WhatsApp-groep")),
            ("neighbourhood_team", N_("Wijkteam")),
            ("refugee_work", N_("VluchtelingenWerk")),
            ("other", N_("Anders")),
        ),
        requirement="STA-02",
    ),
    card_spec(
        "setting",
        N_("Plek van het gesprek"),
        (
            ("walk_in", N_("Inloopspreekuur")),
            ("office", N_("Kantoor")),
            ("home_visit", N_("Huisbezoek")),
            ("community_location", N_("Locatie in de wijk")),
            ("women_only", N_("Alleen voor vrouwen")),
        ),
        requirement="STA-03",
    ),
    card_spec(
        "time_slot",
        N_("Tijdstip"),
        (("daytime", N_("Overdag")), ("evening", N_("Avond"))),
        requirement="STA-03",
    ),
    TableSpec(
        "language",
        N_("Taal van het gesprek"),
        N_("gesprekken"),
        "language",
        tuple((lang.code, lang.dutch_name) for lang in LANGUAGES),
        complement=("other", N_("Andere taal")),
        requirement="STA-04",
    ),
    card_spec(
        "interpreter_mode",
        N_("Tolk of hulp bij de taal"),
        (
            ("professional_in_person", N_("Tolk aanwezig")),
            ("phone_interpreter", N_("Tolk via telefoon")),
            ("family_member", N_("Familielid")),
            ("key_person", N_("Sleutelpersoon")),
            ("translation_app", N_("Vertaalapp")),
            ("counsellor_language", N_("Hulpverlener spreekt de taal")),
            ("none", N_("Geen")),
        ),
        requirement="STA-05",
    ),
    card_spec(
        "counsellor_gender_preference",
        N_("Voorkeur voor man of vrouw als hulpverlener"),
        (
            ("female", N_("Vrouw")),
            ("male", N_("Man")),
            ("no_preference", N_("Geen voorkeur")),
            ("not_asked", N_("Niet gevraagd")),
        ),
        requirement="STA-06",
    ),
    card_spec(
        "gender_preference_honoured",
        N_("Voorkeur voor man of vrouw gehonoreerd"),
        (("yes", N_("Ja")), ("no", N_("Nee")), ("not_applicable", N_("Niet van toepassing"))),
        requirement="STA-06",
    ),
    card_spec(
        "own_community_preference",
        N_("Voorkeur voor iemand uit de eigen gemeenschap"),
        (("yes", N_("Ja")), ("no", N_("Nee")), ("no_matter", N_("Maakt niet uit"))),
        requirement="STA-07",
    ),
)
