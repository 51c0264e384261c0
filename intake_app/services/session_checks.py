"""What an imported session must pass besides the JSON Schema: the same text hygiene as typed
input, and references that must exist in this app's content.

The schema (``session_schema.json``) says what a file looks like; it cannot know the cards,
options, phases and provisions of the content, nor compare two fields. Those rules are here,
and ``docs/session-format.md`` lists them. ``tests/test_session_corpus.py`` runs the schema
and the importer over one corpus of good and bad files and checks that they agree.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from intake_app.core.durability import SessionFileError
from intake_app.core.errors import IntakeError
from intake_app.core.flow import Flow
from intake_app.core.model import IntakeSession, Note
from intake_app.core.text_hygiene import InvalidTextError, clean_text

if TYPE_CHECKING:
    from jsonschema import FormatChecker

# "35-44", "65+", "<18"; empty when not asked. The schema holds the same pattern.
AGE_BAND = re.compile(r"^(|[0-9]{1,3}-[0-9]{1,3}|[0-9]{1,3}\+|<[0-9]{1,3})$")
MAX_AGE = 120

# The text kind (core/text_hygiene.MAX_LENGTHS) of each free-text field; every other string
# field is an identifier or a coarse value and is cleaned as "short" text.
_KINDS: dict[str, str] = {
    "first_name": "name",
    "creditor": "creditor",
    "organisation_name": "creditor",
    "accompanied_by": "creditor",
    "initial_creditor": "creditor",
    "appointment_place": "creditor",
    "reference": "name",
    "whose": "name",
}


def format_checker() -> FormatChecker:
    """``format: date`` and ``date-time`` checked as the importer reads them.

    jsonschema checks ``date-time`` only with an optional package; our own check makes the
    schema and the importer refuse the same dates (``2026-02-30``, hour 25).
    """
    from jsonschema import FormatChecker  # lazily: start-up does not need it

    checker = FormatChecker(formats=())

    @checker.checks("date", raises=ValueError)
    def _date(value: object) -> bool:
        return not isinstance(value, str) or isinstance(date.fromisoformat(value), date)

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        return datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None

    return checker


def _refuse(field: str, problem: str) -> SessionFileError:
    return SessionFileError(
        "Het gespreksbestand klopt niet: het veld {field} {problem}.", field=field, problem=problem
    )


# -- hygiene ---------------------------------------------------------------------------------
def _clean(value: str, kind: str, field: str) -> str:
    try:
        return clean_text(value, kind)
    except InvalidTextError as exc:
        problem = "is te lang" if "length" in exc.params else "bevat een ongeldig teken"
        raise _refuse(field, problem) from exc


def _clean_record(record: Any, where: str, kind_of: dict[str, str]) -> Any:
    changes: dict[str, object] = {}
    for spec in dataclasses.fields(record):
        value = getattr(record, spec.name)
        field = f"{where}.{spec.name}"
        if isinstance(value, enum.Enum):
            continue  # the schema already allows only the known values
        if isinstance(value, str):
            changes[spec.name] = _clean(value, kind_of.get(spec.name, "short"), field)
        elif isinstance(value, tuple) and all(type(item) is str for item in value):
            changes[spec.name] = tuple(
                _clean(item, "short", f"{field}[{n}]") for n, item in enumerate(value, 1)
            )
    return dataclasses.replace(record, **changes)


def cleaned(session: IntakeSession) -> IntakeSession:
    """``session`` with every text cleaned as if typed: NFC, no direction or control marks,
    no zero-width characters; NUL, lone surrogates and over-long texts are refused."""
    top = _clean_record(
        dataclasses.replace(session, phase_status={}, answers={}), "session", _KINDS
    )
    for name in session.phase_status:
        _clean(name, "short", "session.phase_status")
    answers = {}
    for n, answer in enumerate(session.answers.values(), 1):
        answer = _clean_record(answer, f"session.answers[{n}]", _KINDS)
        answers[answer.card_id] = answer
    children = {}
    for list_name in ("debts", "incomes", "urgencies", "actions", "provisions", "next_steps",
                      "referrals", "consents", "notes"):  # fmt: skip
        items = []
        for n, item in enumerate(getattr(session, list_name), 1):
            kinds = {**_KINDS, "text": "note"} if isinstance(item, Note) else _KINDS
            items.append(_clean_record(item, f"session.{list_name}[{n}]", kinds))
        children[list_name] = tuple(items)
    whole: IntakeSession = dataclasses.replace(
        top, phase_status=dict(session.phase_status), answers=answers, **children
    )
    return whole


# -- references and cross-field rules ------------------------------------------------------
def _known_card(flow: Flow, card_id: str | None, field: str) -> None:
    if card_id is None or card_id == "":
        return
    try:
        flow.card(card_id)
    except IntakeError as exc:
        raise _refuse(field, "noemt een kaart die de app niet kent") from exc


def _check_age_band(band: str) -> None:
    if not AGE_BAND.match(band):
        raise _refuse("session.age_band", "heeft een verkeerde vorm")
    numbers = [int(part) for part in re.findall(r"[0-9]+", band)]
    if any(number > MAX_AGE for number in numbers) or (
        len(numbers) == 2 and numbers[0] >= numbers[1]
    ):
        raise _refuse("session.age_band", "is geen geldige leeftijdsgroep")


def _not_before(later: datetime | None, earlier: datetime, field: str) -> None:
    if later is not None and later < earlier:
        raise _refuse(field, "ligt vóór session.created_at")


def check_references(session: IntakeSession, flow: Flow) -> None:
    """Refuse what the content does not know and dates that contradict each other."""
    phases = {phase.id for phase in flow.phases}
    for n, phase in enumerate(session.phase_order, 1):
        if phase not in phases:
            raise _refuse(f"session.phase_order[{n}]", "noemt een fase die de app niet kent")
    if len(set(session.phase_order)) != len(session.phase_order):
        raise _refuse("session.phase_order", "noemt een fase twee keer")
    for phase in session.phase_status:
        if phase not in phases:
            raise _refuse(f"session.phase_status.{phase[:64]}", "is een onbekende fase")
    _known_card(flow, session.current_card, "session.current_card")
    for n, answer in enumerate(session.answers.values(), 1):
        where = f"session.answers[{n}]"
        _known_card(flow, answer.card_id, f"{where}.card_id")
        card = flow.card(answer.card_id)
        for m, value in enumerate(answer.value, 1):
            if value not in {option.id for option in card.options}:
                raise _refuse(f"{where}.value[{m}]", "is geen keuze van deze kaart")
        if len(set(answer.value)) != len(answer.value):
            raise _refuse(f"{where}.value", "noemt een keuze twee keer")
    for n, debt in enumerate(session.debts, 1):
        _known_card(flow, debt.card_id, f"session.debts[{n}].card_id")
    for n, note in enumerate(session.notes, 1):
        _known_card(flow, note.card_id, f"session.notes[{n}].card_id")
    provisions = {provision.id for provision in flow.provisions}
    seen: set[str] = set()
    for n, check in enumerate(session.provisions, 1):
        if check.provision_id not in provisions:
            raise _refuse(
                f"session.provisions[{n}].provision_id", "noemt een regeling die de app niet kent"
            )
        if check.provision_id in seen:  # one check per provision (the table says so too)
            raise _refuse(f"session.provisions[{n}].provision_id", "noemt een regeling twee keer")
        seen.add(check.provision_id)
    _check_age_band(session.age_band)
    created = session.created_at
    _not_before(session.updated_at, created, "session.updated_at")
    _not_before(session.completed_at, created, "session.completed_at")
    for n, consent in enumerate(session.consents, 1):
        if consent.revoked_at is not None and consent.revoked_at < consent.at:
            raise _refuse(f"session.consents[{n}].revoked_at", "ligt vóór het geven")
