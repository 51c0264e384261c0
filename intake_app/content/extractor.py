"""A Babel extractor for the content YAML, so ``pybabel extract`` finds card texts.

Registered in translations/babel.cfg as ``intake_app.content.extractor:extract_yaml``.
Each text gets a translator comment naming where it is used (``card.field``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import IO

import yaml

TRANSLATABLE_KEYS = frozenset({"title", "explanation", "counsellor_tip", "label", "text"})


def extract_yaml(
    fileobj: IO[bytes],
    keywords: Mapping[str, object],
    comment_tags: Sequence[str],
    options: Mapping[str, object],
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    del keywords, comment_tags, options  # the YAML keys decide what is translatable
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    if root is not None:
        yield from _walk(root, owner="")


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
