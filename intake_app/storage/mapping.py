"""Map core dataclasses to table rows and back, by field name.

Rows carry the dataclass's field names; enums are stored by value and ``Money`` as
``amount_cents`` + ``approximate`` (any other money field ``x`` as ``x_cents`` +
``x_approximate``). One generic mapper keeps the tables and the domain in step.
"""

from __future__ import annotations

import enum
import types
import typing
from dataclasses import fields
from typing import Any, TypeVar

from intake_app.core.model import Money

T = TypeVar("T")


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _enum_type(hint: Any) -> type[enum.Enum] | None:
    candidates = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return candidate
    return None


def _is_money(hint: Any) -> bool:
    candidates = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    return Money in candidates


def to_domain(row: Any, cls: type[T]) -> T:
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for spec in fields(cls):  # type: ignore[arg-type]
        if spec.name == "amount":
            cents = getattr(row, "amount_cents", None)
            values["amount"] = None if cents is None else Money(int(cents), bool(row.approximate))
            continue
        if _is_money(hints[spec.name]):
            cents = getattr(row, f"{spec.name}_cents", None)
            approximate = bool(getattr(row, f"{spec.name}_approximate", False))
            values[spec.name] = None if cents is None else Money(int(cents), approximate)
            continue
        if not hasattr(row, spec.name):
            continue
        value = getattr(row, spec.name)
        enum_type = _enum_type(hints[spec.name])
        if enum_type is not None and value is not None:
            value = enum_type(value)
        values[spec.name] = value
    return cls(**values)


def to_columns(item: object, exclude: frozenset[str] = frozenset({"id"})) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for spec in fields(item):  # type: ignore[arg-type]
        if spec.name in exclude:
            continue
        value = getattr(item, spec.name)
        if spec.name == "amount":
            columns["amount_cents"] = value.cents if value is not None else None
            columns["approximate"] = value.approximate if value is not None else False
            continue
        if isinstance(value, Money) or (value is None and _is_money(_hints(type(item))[spec.name])):
            columns[f"{spec.name}_cents"] = value.cents if value is not None else None
            columns[f"{spec.name}_approximate"] = value.approximate if value is not None else False
            continue
        columns[spec.name] = value.value if isinstance(value, enum.Enum) else value
    return columns
