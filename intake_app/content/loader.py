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
from intake_app.core.flow import AnswerKind, Card, Flow, Option, Phase

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# Content files that are not phases and have their own loader (content/glossary.py).
NOT_PHASE_FILES = frozenset({"glossary.yaml"})


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
    option_ids = [o.id for o in options]
    for duplicate in {i for i in option_ids if option_ids.count(i) > 1}:
        c.fail(node, f"option id {duplicate!r} is used twice")
    return Card(
        id=c.ident(node),
        phase=phase_id,
        kind=kind,
        title=c.text(node, "title"),
        pictogram=c.pictogram(node),
        explanation=c.text(node, "explanation", required=False),
        counsellor_tip=c.text(node, "counsellor_tip", required=False),
        options=options,
    )


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
        cards=cards,
    )


def load_flow(
    content_dir: Path, *, pictogram_exists: Callable[[str], bool] = pictograms.exists
) -> Flow:
    """Read every ``*.yaml`` in ``content_dir``; raise InvalidContentError listing all problems."""
    collector = _Collector(pictogram_exists)
    files = sorted(p for p in content_dir.glob("*.yaml") if p.name not in NOT_PHASE_FILES)
    if not files:
        raise InvalidContentError([ContentProblem(str(content_dir), "no *.yaml content files")])
    phases: list[Phase] = []
    for path in files:
        name = path.name
        try:
            doc = load_yaml(path, display_name=name)
        except ValueError as exc:
            collector.problems.append(ContentProblem(name, str(exc).split(": ", 1)[-1]))
            continue
        phase = _phase(collector, doc, name)
        if phase is not None:
            phases.append(phase)
    _check_unique(collector, phases)
    if collector.problems:
        raise InvalidContentError(collector.problems)
    return Flow(phases=tuple(sorted(phases, key=lambda p: p.number)))


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
