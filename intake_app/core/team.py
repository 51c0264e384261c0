"""The coordinator's own team work: the diversity self-scan and counsellor profiles.

ORG-01: the nine squares of the research's "Bingokaart diversiteitsensitief werken", each with
a status the coordinator chooses and room for tips; one card per installation (organisation).
ORG-05: a counsellor's languages and gender, used only to SUGGEST who could take a
conversation. The suggestion puts the least loaded colleague first and says when one
colleague already carries a large share, so colleagues who share a client's background are
not handed every such client; it never assigns anyone and never asks a colleague to
interpret (requirements.md ORG-05). Pure Python.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from intake_app.core.marks import N_

MAX_TIPS = 2000  # characters of tips per square: a few paragraphs, no files


class SquareStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    WORKING_ON_IT = "working_on_it"
    IN_PLACE = "in_place"


STATUS_LABELS: dict[SquareStatus, str] = {
    SquareStatus.NOT_STARTED: N_("Nog niet"),
    SquareStatus.WORKING_ON_IT: N_("Mee bezig"),
    SquareStatus.IN_PLACE: N_("Geregeld"),
}

# The nine squares, in the card's order (three rows of three), in our own words.
SQUARES: tuple[tuple[str, str], ...] = (
    ("vision", N_("We hebben een visie op waarom diversiteitsbewust werken ertoe doet")),
    ("training", N_("We bieden cursussen of trainingen over diversiteitsbewust werken")),
    ("multidisciplinary", N_("Ons team is multidisciplinair")),
    ("key_persons", N_("We werken samen met sleutelpersonen uit informele netwerken")),
    ("communication", N_("Onze communicatie past bij bewoners met een migratieachtergrond")),
    ("social_network", N_("We betrekken het netwerk van bewoners met een migratieachtergrond")),
    ("neighbourhood", N_("We werken samen op het niveau van de buurt")),
    ("informal_debts", N_("We hebben aandacht voor informele schulden")),
    ("tools", N_("We hebben genoeg handvatten om diversiteitsbewust te werken")),
)  # fmt: skip
SQUARE_IDS = tuple(square_id for square_id, _ in SQUARES)


@dataclass(frozen=True, slots=True)
class SelfScanSquare:
    square_id: str
    status: SquareStatus = SquareStatus.NOT_STARTED
    tips: str = ""
    updated_at: datetime | None = None


def full_card(stored: Sequence[SelfScanSquare]) -> list[SelfScanSquare]:
    """All nine squares in the card's order; squares never saved are "not started"."""
    by_id = {square.square_id: square for square in stored}
    return [by_id.get(square_id, SelfScanSquare(square_id)) for square_id in SQUARE_IDS]


class CounsellorGender(enum.StrEnum):
    UNKNOWN = ""  # not filled in: never guessed
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


GENDER_LABELS: dict[CounsellorGender, str] = {
    CounsellorGender.UNKNOWN: N_("Niet ingevuld"),
    CounsellorGender.FEMALE: N_("Vrouw"),
    CounsellorGender.MALE: N_("Man"),
    CounsellorGender.OTHER: N_("Anders"),
}


@dataclass(frozen=True, slots=True)
class CounsellorProfile:
    username: str
    languages: tuple[str, ...] = ()  # language codes the counsellor holds a conversation in
    gender: CounsellorGender = CounsellorGender.UNKNOWN


# A colleague who already had more than this share of the team's recent conversations is
# marked "heavily loaded" in the suggestion (and moved after the others).
HEAVY_SHARE = 0.4


@dataclass(frozen=True, slots=True)
class Suggestion:
    username: str
    display_name: str
    load: int  # conversations worked on recently (from the audit log)
    share: float  # of the team's recent conversations
    heavy: bool  # above HEAVY_SHARE: suggest someone else first
    speaks_language: bool
    gender_fits: bool


def suggest(
    profiles: Sequence[CounsellorProfile],
    names: Mapping[str, str],
    load: Mapping[str, int],
    *,
    language: str | None = None,
    gender: str | None = None,
) -> list[Suggestion]:
    """Colleagues who fit the client's language and gender wish, the least loaded first.

    Only a suggestion: nothing is assigned. Someone heavily loaded goes after everyone else
    who fits, so that a colleague who shares a client's language is not given every such
    client. Without a wish every colleague fits."""
    total = sum(load.get(p.username, 0) for p in profiles)
    out = []
    for profile in profiles:
        speaks = language is None or language in profile.languages
        fits = gender is None or profile.gender == gender
        if not (speaks and fits):
            continue
        mine = load.get(profile.username, 0)
        share = mine / total if total else 0.0
        out.append(
            Suggestion(
                profile.username,
                names.get(profile.username, profile.username),
                mine,
                share,
                share > HEAVY_SHARE and len(profiles) > 1,
                speaks,
                fits,
            )
        )
    return sorted(out, key=lambda s: (s.heavy, s.load, s.display_name.casefold()))
