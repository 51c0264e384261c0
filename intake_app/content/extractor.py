"""A Babel extractor for the content YAML, so ``pybabel extract`` finds card texts.

Registered in translations/babel.cfg as ``intake_app.content.extractor:extract_yaml``.
Each text gets a translator comment naming where it is used (``card.field``). Texts of a
phase marked ``counsellor_only`` get ``card.field.counsellor_only``: the client never sees
them, so they are not held to the client standard (``i18n/client_texts.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import IO

import yaml

TRANSLATABLE_KEYS = frozenset(
    {"title", "explanation", "counsellor_tip", "label", "text", "instead"}
)


def extract_yaml(
    fileobj: IO[bytes],
    keywords: Mapping[str, object],
    comment_tags: Sequence[str],
    options: Mapping[str, object],
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    del keywords, comment_tags, options  # the YAML keys decide what is translatable
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    if root is not None:
        suffix = ".counsellor_only" if _counsellor_only(root) else ""
        for line, function, text, comments in _walk(root, owner=""):
            yield line, function, text, [c + suffix for c in comments]


def _counsellor_only(root: yaml.Node) -> bool:
    """True for a phase file whose ``phase:`` has ``counsellor_only: true``, and for a file
    with ``counsellor_only: true`` at the top (the knowledge cards, content/knowledge.py)."""
    if not isinstance(root, yaml.MappingNode):
        return False
    for key, value in root.value:
        top_level = key.value == "counsellor_only" and isinstance(value, yaml.ScalarNode)
        if top_level and str(value.value).lower() == "true":
            return True
        if key.value == "phase" and isinstance(value, yaml.MappingNode):
            return any(
                k.value == "counsellor_only" and str(v.value).lower() == "true"
                for k, v in value.value
            )
    return False


def _walk(node: yaml.Node, owner: str) -> Iterator[tuple[int, str | None, str, list[str]]]:
    if isinstance(node, yaml.MappingNode):
        ident = next(
            (v.value for k, v in node.value if k.value == "id" and isinstance(v, yaml.ScalarNode)),
            owner,
        )
        for key, value in node.value:
            if (
                key.value in TRANSLATABLE_KEYS
                and isinstance(value, yaml.ScalarNode)
                and value.value.strip()
            ):
                # A scalar node holds the text already folded, as the loader sees it.
                yield value.start_mark.line + 1, None, value.value.strip(), [f"{ident}.{key.value}"]
            else:
                yield from _walk(value, ident)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, owner)
