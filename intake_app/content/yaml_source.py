"""YAML reading that remembers where every mapping came from, for file:line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class LocatedDict(dict[str, Any]):
    """A mapping from YAML that knows its file and 1-based line."""

    file: str = "?"
    line: int = 0

    def where(self) -> str:
        return f"{self.file}:{self.line}"


# libyaml's parser when PyYAML has it (about five times faster at start-up); same marks.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[valid-type,misc]
    source_name = "?"


_NULL_TAG = "tag:yaml.org,2002:null"


def _reject_split_text(node: yaml.MappingNode) -> None:
    """``{id: x, label: Buurthuis, moskee of kerk}`` is valid YAML: the comma ends the label
    and "moskee of kerk" becomes a key without a value. Nobody writes a bare key on purpose
    in our content, so such an entry is an error that names the line, not a shorter label."""
    if not node.flow_style:
        return
    for key, value in node.value:
        bare = isinstance(value, yaml.ScalarNode) and value.tag == _NULL_TAG and value.value == ""
        if bare and isinstance(key, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"'{key.value}' has no value: a comma inside {{...}} split a text; "
                "put the text in quotes",
                key.start_mark,
            )


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LocatedDict:
    _reject_split_text(node)
    loader.flatten_mapping(node)
    mapping = LocatedDict({str(k): v for k, v in loader.construct_mapping(node, deep=True).items()})
    mapping.file = loader.source_name
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, display_name: str | None = None) -> Any:
    """Parse one YAML file; syntax errors become ValueError with file:line."""
    name = display_name or str(path)
    text = path.read_text(encoding="utf-8")

    class Loader(_LineLoader):
        source_name = name

    try:
        return yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else 0
        raise ValueError(f"{name}:{line}: YAML error: {exc.problem}") from exc
