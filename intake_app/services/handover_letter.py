"""The handover letter (requirements.md section 7.3): Dutch, for the receiving professional.

Only what the client consented to share; never the safety flag, trauma details or notes.
Every sentence speaks about the client ("de cliënt"), never to them: the client's own
sentences ("We hebben gevraagd of u ...") belong on the client's papers only.
"""

from __future__ import annotations

from datetime import UTC, datetime

from intake_app.content.pictograms import ATTRIBUTION
from intake_app.core.model import (
    ConsentPurpose,
    DebtKind,
    Direction,
    IntakeSession,
    Pressure,
    Relationship,
    Wish,
)
from intake_app.core.summary import (
    SectionKind,
    SummaryDocument,
    SummaryKind,
    SummaryLine,
    SummarySection,
)
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.languages import SOURCE_LANGUAGE, language
from intake_app.i18n.translator import N_
from intake_app.services.debt_marks import handover_marks
from intake_app.services.handover_chain import (
    formal_debt_amount,
    formal_debt_text,
    household_lines,
    income_amount,
    income_text,
    income_total,
)
from intake_app.services.summary_texts import (
    HANDOVER_ACTION,
    HANDOVER_OWNER,
    HANDOVER_PROVISION,
    HANDOVER_URGENCY,
    PROVISION_STATUS_NL,
    RELATIONSHIP,
    ConsentMissingError,
    PrintOptions,
    moment,
    nl_amount,
    open_steps,
    option_texts,
    redactor,
    sum_debts,
    unit,
)


def handover_document(session: IntakeSession, options: PrintOptions) -> SummaryDocument:
    """The handover letter: only what the client consented to share; never notes or flags."""
    formal_ok = session.consent(ConsentPurpose.HANDOVER_FORMAL)
    informal_ok = session.consent(ConsentPurpose.SHARING_INFORMAL)
    if not (formal_ok or informal_ok):
        raise ConsentMissingError(
            N_(
                "De cliënt heeft geen toestemming gegeven om gegevens te delen. "
                "De overdracht wordt niet gemaakt."
            )
        )
    informal_debts_ok = session.consent(ConsentPurpose.INFORMAL_DEBTS_IN_HANDOVER)
    fmt = Formatter(SOURCE_LANGUAGE)
    # Without consent for formal debts, creditor names and amounts leave free texts too.
    redact = (lambda text: text) if formal_ok else redactor(session)
    today = options.today or datetime.now(UTC).date()
    left_out: list[str] = []

    def line(text: str, pictogram: str = "", amount: str = "", total: bool = False) -> SummaryLine:
        return SummaryLine(text, "", pictogram, amount, total)

    sender = [
        line("Aan de ontvangende hulpverlener. Met toestemming van de cliënt dragen wij over:"),
        line(f"Datum: {fmt.date(today)}"),
        line(f"Gesprekscode: {session.code}"),
    ]
    if options.place:
        sender.append(line(f"Plaats: {options.place}"))
    if options.counsellor or options.role:
        who = ", ".join(p for p in (options.counsellor, options.role) if p)
        sender.append(line(f"Afzender: {who}"))
    if options.organisation:
        sender.append(line(f"Organisatie: {options.organisation}"))
    if session.follow_up_date:
        sender.append(line(f"Wij nemen contact op rond: {fmt.date(session.follow_up_date)}"))

    receiving = []
    for referral in session.referrals:
        if not referral.status.open:  # planned, or the appointment is made
            continue
        text = unit(referral.organisation_name) + (" (warme overdracht)" if referral.warm else "")
        if referral.contact_person:
            text += f". Contactpersoon: {unit(referral.contact_person)}"
        receiving.append(line(text, "1F3E2"))
        if referral.appointment or referral.appointment_place:  # the joint appointment
            where = [moment(fmt, referral.appointment)] if referral.appointment else []
            where += [unit(referral.appointment_place)] if referral.appointment_place else []
            receiving.append(line("Gezamenlijke afspraak: " + ", ".join(where)))
        if referral.accompanied_by:
            receiving.append(line(f"Gaat mee: {unit(referral.accompanied_by)}"))

    question = []
    primary = option_texts(session, "primary_question")
    if primary:
        question.append(line("Eigen vraag van de cliënt: " + ", ".join(primary)))
    if informal_ok:
        behind = option_texts(session, "life_domains")
        if behind:
            question.append(line("Speelt ook mee: " + ", ".join(behind)))
    elif session.answers.get("life_domains"):
        left_out.append("de vraag achter de vraag")

    # Household and income: part of the formal debts' picture, so under the same consent.
    household = [line(text) for text in household_lines(session)] if formal_ok else []
    income = []
    if formal_ok and session.incomes:
        income = [line(income_text(i), "", income_amount(fmt, i)) for i in session.incomes]
        income.append(
            line("Totaal (bekende bedragen)", "", income_total(fmt, session.incomes), True)
        )
    elif session.incomes or household_lines(session):
        left_out.append("huishouden en inkomen")

    urgent = []  # the state: still open (by when) or settled
    for urgency in sorted(session.urgencies, key=lambda u: u.resolved):
        text = HANDOVER_URGENCY[urgency.type]
        if urgency.resolved:
            agreed = f". Afgesproken: {unit(redact(urgency.agreed))}" if urgency.agreed else ""
            urgent.append(line(f"{text}: opgelost{agreed}", "2705"))
            continue
        text += ": nog open"
        if urgency.deadline:
            text += f", uiterlijk {fmt.date(urgency.deadline)}"
        if urgency.agreed:
            text += f". Afgesproken: {unit(redact(urgency.agreed))}"
        urgent.append(line(text, "26A0"))

    done = []
    for action in session.actions:
        text = fmt.date(action.at.date()) + ": " + HANDOVER_ACTION[action.type]
        if action.description:
            text += f" ({unit(redact(action.description))})"
        done.append(line(text, "2705"))

    formal_lines = []
    formal = [d for d in session.debts if d.kind is DebtKind.FORMAL]
    if formal and formal_ok:
        for debt in formal:  # what a case system needs for a saldoverzoek (issue 21)
            formal_lines.append(
                line(formal_debt_text(fmt, debt), "", formal_debt_amount(fmt, debt))
            )
        cents, approximate, unknown = sum_debts(formal)
        total = "Totaal" + (" (bekende bedragen)" if unknown else "")
        amount = ("ongeveer " if approximate else "") + fmt.money(cents)
        formal_lines.append(line(total, "", amount, True))
    elif formal:
        left_out.append("schulden bij bedrijven en instanties")

    informal_sections: list[SummarySection] = []
    informal = [d for d in session.debts if d.kind is DebtKind.INFORMAL]
    shareable = [
        d
        for d in informal
        if informal_debts_ok and d.consent_handover and d.wish is not Wish.KEEP_PRIVATE
    ]
    if len(shareable) < len(informal):
        left_out.append("(een deel van) het geld tussen mensen")
    for heading, direction in (
        ("Geleend van familie, vrienden of gemeenschap", Direction.OWED_BY_CLIENT),
        ("Zelf uitgeleend", Direction.OWED_TO_CLIENT),
        ("Geld naar familie (in het buitenland)", Direction.REMITTANCE),
        ("Giften", Direction.GIFT),
    ):
        group = [d for d in shareable if d.direction is direction]
        if not group:
            continue
        lines = []
        for debt in group:
            relation = RELATIONSHIP[debt.relationship or Relationship.OTHER]
            text = relation + (f", {unit(debt.country)}" if debt.country else "")
            pressed = debt.pressure in (Pressure.SOME, Pressure.HIGH)
            if pressed and debt.direction is Direction.OWED_BY_CLIENT:
                text += ", er is druk om terug te betalen"
            text = ", ".join([text, *handover_marks(debt)])  # issue 21, with consent
            lines.append(line(text, "1F465", nl_amount(fmt, debt)))
        cents, approximate, unknown = sum_debts(group)
        total = "Totaal" + (" (bekende bedragen)" if unknown else "")
        amount = ("ongeveer " if approximate else "") + fmt.money(cents)
        if all(d.monthly for d in group):
            amount += " per maand"
        lines.append(line(total, "", amount, True))
        informal_sections.append(SummarySection(heading, tuple(lines), pictogram="1F91D"))

    provisions = [
        line(
            f"{HANDOVER_PROVISION.get(c.provision_id, c.provision_id)}: "
            f"{PROVISION_STATUS_NL[c.status]}"
            + (f", wie: {HANDOVER_OWNER[c.owner]}" if c.owner else "")
            + (f", vóór {fmt.date(c.due)}" if c.due else "")
        )
        for c in session.provisions
    ]

    communication = [line(f"Taal van de cliënt: {language(session.client_language).dutch_name}")]
    for card, label in (("interpreter_mode", "Tolk"), ("preferred_channel", "Contact")):
        values = option_texts(session, card)
        if values:
            communication.append(line(f"{label}: " + ", ".join(values)))
    preferences = [
        line(text)
        for card in ("counsellor_gender_preference", "own_community_preference")
        for text in option_texts(session, card)
    ]

    steps = []
    for step in open_steps(session.next_steps):
        owner = HANDOVER_OWNER[step.owner]
        when = f", vóór {fmt.date(step.due)}" if step.due else ""
        steps.append(line(f"{unit(redact(step.what))} (wie: {owner}{when})"))

    not_shared = [line(f"Niet gedeeld op verzoek van de cliënt: {item}.") for item in left_out]

    def section(heading: str, lines: list[SummaryLine], pictogram: str = "") -> SummarySection:
        return SummarySection(heading, tuple(lines), pictogram=pictogram)

    sections = [
        section("Afzender en gesprek", sender),
        section("Ontvangende organisatie en afspraak", receiving, "1F3E2"),
        section("Vraag van de cliënt", question, "1F4AC"),
        section("Huishouden", household, "1F3E0"),
        section("Inkomen per maand", income, "1F4B6"),
        SummarySection("Dringend", tuple(urgent), kind=SectionKind.URGENT, pictogram="26A0"),
        section("Ter plekke gedaan", done, "2705"),
        section("Schulden bij bedrijven en instanties", formal_lines, "1F9FE"),
        *informal_sections,
        section("Regelingen", provisions, "1F4CB"),
        section("Communicatie", communication, "1F5E3"),
        section("Voorkeuren", preferences),
        section("Volgende stappen", steps, "1F463"),
        section("Niet gedeeld", not_shared),
    ]
    return SummaryDocument(
        language=SOURCE_LANGUAGE,
        rtl=False,
        title="Warme overdracht",
        subtitle="Vertrouwelijk. Alleen met toestemming van de cliënt gedeeld.",
        sections=tuple(s for s in sections if s.lines),
        footer=ATTRIBUTION,
        kind=SummaryKind.HANDOVER,
    )
