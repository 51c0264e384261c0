"""The end of the conversation on paper and on screen (COM-04, INT-18, INT-24, COM-10).

* ``question_section``: the client's own question of today, in her words' pictograms;
* ``expectations_section``: "what you can expect" — what we do and do not do, who helps,
  when we get in touch — printed at the end of the client's summary (INT-18);
* ``word_of_mouth_section``: "you may pass on our number" with the organisation's phone
  number from the settings (INT-24);
* ``info_sheet_document``: one information sheet (huurtoeslag, zorgtoeslag, kwijtschelding,
  how debt help works) in the client's language with Dutch beside it (COM-10).

The recap screen (ui/recap_view.py) shows the same client summary, so screen and paper say
the same thing. No client data enters an information sheet.
"""

from __future__ import annotations

import enum

from intake_app.content.info_sheets import InfoSheet
from intake_app.content.pictograms import ATTRIBUTION
from intake_app.core.flow import Flow
from intake_app.core.model import AnswerState, IntakeSession
from intake_app.core.summary import SummaryDocument, SummaryKind, SummaryLine, SummarySection
from intake_app.i18n.translator import N_
from intake_app.services.summary_bilingual import Bilingual, date_of
from intake_app.services.summary_texts import unit

QUESTION_CARD = "primary_question"


class RecapPart(enum.StrEnum):
    """The two screens of the end recap (``SummaryService.recap``)."""

    CONVERSATION = "conversation"  # what we talked about and agreed (COM-04)
    EXPECTATIONS = "expectations"  # what to expect, our number (INT-18, INT-24)


H_QUESTION = N_("Waar u over wilde praten")
H_EXPECT = N_("Wat u van ons kunt verwachten")
H_PASS_ON = N_("Kent u iemand met zorgen over geld?")
H_INFO_NOTE = N_("Goed om te weten")

# What we do and what we do not do (INT-18: "manage verwachtingen"; residents say that they
# are sent on too often, so we say who does what).
WE_DO = (
    (N_("Wij helpen u met uw post en uw rekeningen."), "2705"),
    (N_("Kunnen wij iets niet zelf? Dan gaan we samen naar iemand die het wel kan."), "1F91D"),
)
WE_DO_NOT = (
    (N_("Wij betalen geen rekeningen voor u en wij lenen geen geld uit."), "1F6AB"),
    (N_("Wij beslissen niet voor u. U beslist zelf."), "1F6AB"),
)
WHO_HELPS = N_("Wie helpt u: {name}.")
WHEN_CONTACT = N_("Wij nemen uiterlijk {date} contact met u op.")
CALL_US = N_("Vragen? Bel ons: {phone}.")
PASS_ON_NUMBER = N_("U mag ons nummer doorgeven: {phone}.")
PASS_ON = N_("U mag anderen over ons vertellen. Zij zijn welkom.")
HELP_IS_FREE = N_("Onze hulp is gratis.")
# Every information sheet ends with these (amounts and rules change every year).
SHEET_RULES_CHANGE = N_("Regels en bedragen veranderen elk jaar. Vraag ons wat nu geldt.")
SHEET_CHECK_CURRENT = N_("Kijk wat nu geldt.")


def phone_unit(phone: str) -> str:
    """A phone number as one left-to-right unit (LRI ... PDI): digits are weak, so a first-
    strong isolate inside an Arabic line would put "010 - 123" in the wrong order. The
    number was checked when it was set (DirectoryService.set_own_phone): no controls."""
    return f"\u2066{phone}\u2069" if phone else ""


def question_section(
    session: IntakeSession, texts: Bilingual, flow: Flow | None
) -> SummarySection | None:
    """The client's own question (phase 2), with the card's pictograms."""
    answer = session.answers.get(QUESTION_CARD)
    if flow is None or answer is None or answer.state is not AnswerState.ANSWERED:
        return None
    card = flow.card(QUESTION_CARD)
    lines = [
        texts.line(option.label, option.pictogram)
        for option in card.options
        if option.id in answer.value
    ]
    return texts.section(H_QUESTION, lines, card.pictogram)


def expectations_section(
    session: IntakeSession, texts: Bilingual, counsellor: str
) -> SummarySection:
    """What we can and cannot do, who helps, and when we get in touch (INT-18)."""
    lines = [texts.line(message, pictogram) for message, pictogram in (*WE_DO, *WE_DO_NOT)]
    if counsellor:
        lines.append(texts.line(WHO_HELPS, "1F9D1", name=unit(counsellor)))
    if session.follow_up_date is not None:
        text, dutch = texts.both(WHEN_CONTACT, date=date_of(session.follow_up_date))
        lines.append(SummaryLine(text, dutch, "1F4C5"))
    return texts.section(H_EXPECT, lines, "1F5D3")


def word_of_mouth_section(texts: Bilingual, phone: str) -> SummarySection:
    """ "U mag ons nummer doorgeven" (INT-24): word of mouth reaches who stays away."""
    lines = [texts.line(HELP_IS_FREE, "1F49A")]
    if phone:
        lines.append(texts.line(PASS_ON_NUMBER, "1F4DE", phone=phone_unit(phone)))
    else:
        lines.append(texts.line(PASS_ON, "1F465"))
    return texts.section(H_PASS_ON, lines, "1F4E3")


def info_sheet_document(sheet: InfoSheet, texts: Bilingual, phone: str) -> SummaryDocument:
    """One information sheet as a printable document (COM-10): no client data at all."""
    sections = []
    for section in sheet.sections:
        lines = []
        for line in section.lines:
            text, dutch = texts.both(line.text)
            if line.check_current:  # a number that may have changed since this was written
                note, dutch_note = texts.both(SHEET_CHECK_CURRENT)
                text, dutch = f"{text} {note}", f"{dutch} {dutch_note}" if dutch else ""
            lines.append(SummaryLine(text, dutch, ""))
        sections.append(texts.section(section.title, lines, section.pictogram))
    ending = [texts.line(SHEET_RULES_CHANGE, "1F4C5")]
    if phone:
        ending.append(texts.line(CALL_US, "1F4DE", phone=phone_unit(phone)))
    sections.append(texts.section(H_INFO_NOTE, ending, "1F4A1"))
    title, dutch_title = texts.both(sheet.title)
    return SummaryDocument(
        language=texts.client.code,
        rtl=texts.client.rtl,
        title=title,
        dutch_title=dutch_title,
        subtitle="",
        sections=tuple(sections),
        footer=ATTRIBUTION,
        kind=SummaryKind.CLIENT,
    )
