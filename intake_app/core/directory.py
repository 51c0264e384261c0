"""The referral directory (sociale kaart, REF-02) and suggestions that respect the client's
preferences (REF-03). Suggestions rank; they never decide: the counsellor chooses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    formal: bool = True
    kind: str = ""  # e.g. schuldhulp, wijkteam, budgetmaatje, moskee
    languages: tuple[str, ...] = ()  # catalog codes of languages spoken
    contact_genders: tuple[str, ...] = ()  # "female", "male"
    neighbourhood: str = ""
    channel: str = ""
    evening_hours: bool = False
    consent_needed: bool = True
    own_community: bool = False  # run by or for a community (self-organisation, mosque...)
    contact: str = ""
    active: bool = True
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Preferences:
    language: str = "nl"
    counsellor_gender: str | None = None  # "female" / "male" / None
    own_community: str | None = None  # "yes" / "no" / "no_matter" / None
    neighbourhood: str = ""


def suggest(organisations: Iterable[Organisation], prefs: Preferences) -> list[Organisation]:
    """Active organisations that fit, best first. A clear "no" to the own community
    removes community organisations (GEN-02); other preferences only rank."""
    candidates = []
    for org in organisations:
        if not org.active:
            continue
        if prefs.own_community == "no" and org.own_community:
            continue
        score = 0
        if prefs.language in org.languages:
            score += 4
        if prefs.counsellor_gender and prefs.counsellor_gender in org.contact_genders:
            score += 2
        if prefs.own_community == "yes" and org.own_community:
            score += 2
        if prefs.neighbourhood and org.neighbourhood == prefs.neighbourhood:
            score += 1
        candidates.append((-score, org.name.casefold(), org))
    return [org for *_key, org in sorted(candidates, key=lambda c: (c[0], c[1]))]
