"""Invented practice cases (ORG-02), read from resources/content/practice_cases.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from intake_app.content.yaml_source import LocatedDict, load_yaml

PRACTICE_FILE = "practice_cases.yaml"


@dataclass(frozen=True, slots=True)
class PracticeCase:
    id: str
    title: str
    story: str


def load_practice_cases(content_dir: Path) -> tuple[PracticeCase, ...]:
    path = content_dir / PRACTICE_FILE
    if not path.exists():
        return ()
    doc = load_yaml(path, display_name=path.name)
    cases = doc.get("cases", []) if isinstance(doc, LocatedDict) else []
    found = []
    for node in cases:
        if not isinstance(node, LocatedDict) or not all(
            isinstance(node.get(key), str) for key in ("id", "title", "story")
        ):
            raise ValueError(
                f"{path.name}:{getattr(node, 'line', 0)}: a case needs id, title, story"
            )
        found.append(PracticeCase(node["id"], node["title"].strip(), node["story"].strip()))
    return tuple(found)
