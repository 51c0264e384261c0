"""Which tables the coordinator statistics hold (requirements.md §9.2, STA-01…STA-19).

Each table names fixed categories (ids from docs/content-ids.md) with Dutch labels. Row ids
are a closed list: an export may contain nothing else (no free text, names or relationships).
Only the neighbourhood table has rows from the data; a neighbourhood with fewer sessions
than the threshold in the whole period is counted under "Overige wijken".
"""

from __future__ import annotations

from dataclasses import dataclass

from intake_app.i18n.languages import LANGUAGES
from intake_app.i18n.translator import N_

Rows = tuple[tuple[str, str], ...]

NOT_ANSWERED = ("not_answered", N_("Niet besproken"))
OTHER_NEIGHBOURHOODS = ("other_neighbourhoods", N_("Overige wijken"))
NO_NEIGHBOURHOOD = ("no_neighbourhood", N_("Geen wijk ingevuld"))
RESERVED = {OTHER_NEIGHBOURHOODS[0], NO_NEIGHBOURHOOD[0], "totaal"}

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


def _card(
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


def _yes_no(table_id: str, title: str, source: str, yes_key: str, requirement: str) -> TableSpec:
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
NEIGHBOURHOOD = "neighbourhood"

SPECS: tuple[TableSpec, ...] = (
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
    _card(
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
    _card(
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
    _card(
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
    _card(
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
    _card(
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
    _card(
        "gender_preference_honoured",
        N_("Voorkeur voor man of vrouw gehonoreerd"),
        (("yes", N_("Ja")), ("no", N_("Nee")), ("not_applicable", N_("Niet van toepassing"))),
        requirement="STA-06",
    ),
    _card(
        "own_community_preference",
        N_("Voorkeur voor iemand uit de eigen gemeenschap"),
        (("yes", N_("Ja")), ("no", N_("Nee")), ("no_matter", N_("Maakt niet uit"))),
        requirement="STA-07",
    ),
    _yes_no(
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
    _yes_no(
        "lent_out",
        N_("Gesprekken met geld uitgeleend aan anderen"),
        "debt_sessions",
        "informal|owed_to_client",
        "STA-08",
    ),
    _yes_no(
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
    _yes_no("urgent", N_("Gesprekken met iets dringends"), "urgent", "yes", "STA-11"),
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
    _yes_no(
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
    _yes_no(
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
    _card(
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
    _yes_no(
        "safety_flag", N_("Gesprekken met een zorg over veiligheid"), "safety_flag", "yes", "STA-16"
    ),
    _card(
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
    _card(
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
    _card(
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
    _card(
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
