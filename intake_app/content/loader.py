"""Build the intake Flow from resources/content/*.yaml and validate it.

Every problem is collected with its ``file:line`` so a content editor sees them all at once.
One YAML file holds one phase and its cards.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intake_app.content import pictograms
from intake_app.content.yaml_source import LocatedDict, load_yaml
from intake_app.core.errors import ContentError
from intake_app.core.flow import (
    FLAGS,
    AnswerKind,
    Card,
    Condition,
    Flow,
    Option,
    Phase,
    Provision,
    RecordKind,
)
from intake_app.core.model import Direction
from intake_app.core.organisation_texts import PLACEHOLDER

_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
PHASE_FILES = "[0-9][0-9]_*.yaml"  # other YAML (provisions, glossary) has its own reader
PROVISIONS_FILE = "provisions.yaml"


@dataclass(frozen=True, slots=True)
class ContentProblem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class InvalidContentError(ContentError):
    """The content has problems; ``problems`` lists each with its file:line."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = problems
        super().__init__(
            "De inhoud van het gesprek klopt niet ({count} fouten). Eerste: {first}",
            count=len(problems),
            first=str(problems[0]),
        )


class _Collector:
    def __init__(self, pictogram_exists: Callable[[str], bool]) -> None:
        self.problems: list[ContentProblem] = []
        self.pictogram_exists = pictogram_exists

    def fail(self, node: Any, message: str) -> None:
        where = node.where() if isinstance(node, LocatedDict) else "?"
        self.problems.append(ContentProblem(where, message))

    def text(self, node: LocatedDict, key: str, *, required: bool = True) -> str:
        value = node.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(node, f"'{key}' must be text")
            return ""
        if required and not value.strip():
            self.fail(node, f"'{key}' is missing")
        return value.strip()

    def ident(self, node: LocatedDict, key: str = "id") -> str:
        value = node.get(key)
        if not isinstance(value, str) or not _ID.match(value):
            self.fail(node, f"'{key}' must be lower_snake_case, got {value!r}")
            return str(value)
        return value

    def pictogram(self, node: LocatedDict) -> str:
        raw = node.get("pictogram")
        if raw is None:
            self.fail(node, "'pictogram' is missing")
            return ""
        code = pictograms.normalise_code(raw)
        if not self.pictogram_exists(code):
            self.fail(node, f"pictogram {code} is not in OpenMoji")
        return code

    def mappings(self, node: LocatedDict, key: str) -> list[LocatedDict]:
        value = node.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, LocatedDict) for v in value):
            self.fail(node, f"'{key}' must be a list of mappings")
            return []
        return value


def _option(c: _Collector, node: LocatedDict) -> Option:
    return Option(id=c.ident(node), label=c.text(node, "label"), pictogram=c.pictogram(node))


def _card(c: _Collector, node: LocatedDict, phase_id: str) -> Card:
    kind_text = node.get("kind", "")
    try:
        kind = AnswerKind(kind_text)
    except ValueError:
        allowed = ", ".join(k.value for k in AnswerKind)
        c.fail(node, f"unknown answer kind {kind_text!r} (allowed: {allowed})")
        kind = AnswerKind.INFO
    options = tuple(_option(c, o) for o in c.mappings(node, "options"))
    if kind in (AnswerKind.CHOICE, AnswerKind.MULTI) and len(options) < 2:
        c.fail(node, f"a '{kind.value}' card needs at least two options")
    if kind is AnswerKind.INFO and options:
        c.fail(node, "an 'info' card has no options")
    records = _records(c, node)
    direction = str(node.get("debt_direction", "") or "")
    if direction and direction not in {d.value for d in Direction}:
        c.fail(node, f"unknown debt_direction {direction!r}")
    if records is RecordKind.INFORMAL_DEBTS and not direction:
        c.fail(node, "an informal_debts card needs a debt_direction")
    option_ids = [o.id for o in options]
    for duplicate in {i for i in option_ids if option_ids.count(i) > 1}:
        c.fail(node, f"option id {duplicate!r} is used twice")
    labels = [o.label for o in options]
    for duplicate in {label for label in labels if labels.count(label) > 1}:
        # Often a comma in a {flow: mapping} that cut a label short: quote the label.
        c.fail(node, f"option label {duplicate!r} is used twice")
    return Card(
        id=c.ident(node),
        phase=phase_id,
        kind=kind,
        title=c.text(node, "title"),
        pictogram=c.pictogram(node),
        explanation=c.text(node, "explanation", required=False),
        counsellor_tip=c.text(node, "counsellor_tip", required=False),
        options=options,
        condition=_condition(c, node),
        records=records,
        debt_direction=direction,
        sensitive=bool(node.get("sensitive", False)),
        organisation_text=PLACEHOLDER if node.get("organisation_text", False) else "",
    )


def _records(c: _Collector, node: LocatedDict) -> RecordKind | None:
    raw = node.get("records")
    if raw is None:
        return None
    try:
        return RecordKind(raw)
    except ValueError:
        allowed = ", ".join(k.value for k in RecordKind)
        c.fail(node, f"unknown records {raw!r} (allowed: {allowed})")
        return None


def _condition(c: _Collector, node: LocatedDict) -> Condition | None:
    raw = node.get("show_if")
    if raw is None:
        return None
    usage = "'show_if' needs 'card' with 'any_of' or 'none_of', and/or 'unless_flag'"
    if not isinstance(raw, LocatedDict):
        c.fail(node, usage)
        return None
    card = raw.get("card", "")
    flag = raw.get("unless_flag", "")
    if not isinstance(card, str) or not isinstance(flag, str) or not (card or flag):
        c.fail(node, usage)
        return None
    if flag and flag not in FLAGS:
        c.fail(raw, f"unknown flag {flag!r} (allowed: {', '.join(FLAGS)})")
    lists = {}
    for key in ("any_of", "none_of"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            c.fail(raw, f"'{key}' must be a list of option ids")
            value = []
        lists[key] = tuple(value)
    if card and not lists["any_of"] and not lists["none_of"]:
        c.fail(raw, "'show_if' needs 'any_of' or 'none_of'")
    return Condition(card, lists["any_of"], lists["none_of"], flag)


def _phase(c: _Collector, doc: Any, name: str) -> Phase | None:
    if not isinstance(doc, LocatedDict) or not isinstance(doc.get("phase"), LocatedDict):
        c.problems.append(
            ContentProblem(f"{name}:1", "expected a mapping with 'phase' and 'cards'")
        )
        return None
    head: LocatedDict = doc["phase"]
    number = head.get("number")
    if not isinstance(number, int) or not 0 <= number <= 10:
        c.fail(head, f"'number' must be a whole number 0-10, got {number!r}")
        number = -1
    phase_id = c.ident(head)
    cards = tuple(_card(c, node, phase_id) for node in c.mappings(doc, "cards"))
    return Phase(
        id=phase_id,
        number=number,
        title=c.text(head, "title"),
        pictogram=c.pictogram(head),
        counsellor_only=bool(head.get("counsellor_only", False)),
        requires_trust=bool(head.get("requires_trust", False)),
        cards=cards,
    )


def _yaml_problem(name: str, exc: ValueError) -> ContentProblem:
    """load_yaml says ``file:line: YAML error: …``; keep the line for the content editor."""
    where, found, message = str(exc).partition(": YAML error: ")
    if not found:
        return ContentProblem(name, str(exc))
    return ContentProblem(where, f"YAML error: {message}")


def load_flow(
    content_dir: Path, *, pictogram_exists: Callable[[str], bool] = pictograms.exists
) -> Flow:
    """Read every ``*.yaml`` in ``content_dir``; raise InvalidContentError listing all problems."""
    collector = _Collector(pictogram_exists)
    files = sorted(content_dir.glob(PHASE_FILES))
    if not files:
        missing = ContentProblem(str(content_dir), f"no phase files ({PHASE_FILES})")
        raise InvalidContentError([missing])
    phases: list[Phase] = []
    for path in files:
        name = path.name
        try:
            doc = load_yaml(path, display_name=name)
        except ValueError as exc:
            collector.problems.append(_yaml_problem(name, exc))
            continue
        phase = _phase(collector, doc, name)
        if phase is not None:
            phases.append(phase)
    _check_unique(collector, phases)
    _check_conditions(collector, phases)
    provisions = _provisions(collector, content_dir / PROVISIONS_FILE)
    if collector.problems:
        raise InvalidContentError(collector.problems)
    return Flow(phases=tuple(sorted(phases, key=lambda p: p.number)), provisions=provisions)


def _provisions(c: _Collector, path: Path) -> tuple[Provision, ...]:
    if not path.exists():
        return ()
    try:
        doc = load_yaml(path, display_name=path.name)
    except ValueError as exc:
        c.problems.append(_yaml_problem(path.name, exc))
        return ()
    if not isinstance(doc, LocatedDict):
        c.problems.append(ContentProblem(f"{path.name}:1", "expected a mapping 'provisions'"))
        return ()
    return tuple(
        Provision(
            id=c.ident(node),
            label=c.text(node, "label"),
            pictogram=c.pictogram(node),
            explanation=c.text(node, "explanation", required=False),
        )
        for node in c.mappings(doc, "provisions")
    )


def _check_conditions(c: _Collector, phases: list[Phase]) -> None:
    cards = {card.id: card for phase in phases for card in phase.cards}
    for card in cards.values():
        condition = card.condition
        if condition is None or not condition.card:
            continue
        target = cards.get(condition.card)
        if target is None:
            c.problems.append(
                ContentProblem(card.phase, f"card {card.id!r}: show_if names unknown card")
            )
            continue
        known = {o.id for o in target.options}
        for option in (*condition.any_of, *condition.none_of):
            if option not in known:
                c.problems.append(
                    ContentProblem(
                        card.phase,
                        f"card {card.id!r}: show_if option {option!r} not on {target.id!r}",
                    )
                )


def _check_unique(c: _Collector, phases: list[Phase]) -> None:
    seen: dict[str, str] = {}
    for phase in phases:
        for card in phase.cards:
            if card.id in seen:
                c.problems.append(
                    ContentProblem(phase.id, f"card id {card.id!r} also used in {seen[card.id]}")
                )
            seen[card.id] = phase.id
    numbers = [p.number for p in phases]
    for number in {n for n in numbers if numbers.count(n) > 1}:
        c.problems.append(ContentProblem("content", f"phase number {number} is used twice"))
