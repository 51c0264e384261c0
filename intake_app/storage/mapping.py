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


# How to read each field of a dataclass from a row of a given table class: (field name,
# kind, enum type). Worked out once per pair, so that reading thousands of rows (Nazorg,
# statistics) does not inspect type hints per row and field.
# A core ``Row`` names its columns in ``_fields``, a pipeline row (``SimpleNamespace``) in its
# ``__dict__``; an ORM row class has them as class attributes.
_Plan = tuple[tuple[str, str, type[enum.Enum] | None], ...]
_PLANS: dict[tuple[type, type, tuple[str, ...] | None], _Plan] = {}


def _plan(row: Any, cls: type) -> _Plan:
    shape: tuple[str, ...] | None = getattr(row, "_fields", None)
    if shape is None and isinstance(row, types.SimpleNamespace):
        shape = tuple(vars(row))
    key = (type(row), cls, shape)
    plan = _PLANS.get(key)
    if plan is None:
        hints = _hints(cls)
        steps: list[tuple[str, str, type[enum.Enum] | None]] = []
        for spec in fields(cls):
            if spec.name == "amount":
                steps.append((spec.name, "amount", None))
            elif _is_money(hints[spec.name]):
                steps.append((spec.name, "money", None))
            elif spec.name in shape if shape is not None else hasattr(type(row), spec.name):
                steps.append((spec.name, "value", _enum_type(hints[spec.name])))
        plan = _PLANS[key] = tuple(steps)
    return plan


def to_domain(row: Any, cls: type[T]) -> T:
    values: dict[str, Any] = {}
    for name, kind, enum_type in _plan(row, cls):
        if kind == "amount":
            cents = getattr(row, "amount_cents", None)
            values[name] = None if cents is None else Money(int(cents), bool(row.approximate))
        elif kind == "money":
            cents = getattr(row, f"{name}_cents", None)
            approximate = bool(getattr(row, f"{name}_approximate", False))
            values[name] = None if cents is None else Money(int(cents), approximate)
        else:
            value = getattr(row, name)
            if enum_type is not None and value is not None:
                value = enum_type(value)
            values[name] = value
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
