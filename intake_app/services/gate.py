"""The gate: every service operation declares who may run it and what the audit log says.

design.md section 3 ("The gate"), issue 11. A public method of a service class carries one
declaration:

- ``@gated(Permission.X, AuditAction.Y, target="session:{session_id}")``: the caller's
  permission is checked before the body runs (a refusal is logged as ``access_denied`` and
  raised as ``AccessDeniedError``, one sentence), and after the body succeeded the audit line
  is written with ids only. ``audit=None`` says on purpose that a successful call leaves no
  line (reading anonymous figures, listing settings); ``in_body=True`` says the body writes
  the line itself because it depends on the outcome (printed or refused, the new id).
- ``@public("why")``: the method touches no client data, accounts or settings of others
  (e.g. the language list for the picker, logging in, one's own password).

``tests/test_gate.py`` enumerates every public method of every service class and fails on
one without a declaration (the pattern of Pundit's ``verify_authorized``: forgetting to
authorise is itself a failure). Bootstrap composes a user's services from the same
declarations (``permissions_of``): a role without any permission a service needs gets no
such service at all.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from intake_app.core.security import AccessDeniedError, AuditAction, Permission
from intake_app.services.access import Access

P = ParamSpec("P")
R = TypeVar("R")
RULE_ATTRIBUTE = "__gate_rule__"


@dataclass(frozen=True, slots=True)
class Rule:
    """What one operation needs and leaves behind."""

    permission: Permission | None  # None: public (see ``reason``)
    audit: AuditAction | None
    target: str = ""  # a format string over the call's arguments, e.g. "session:{session_id}"
    in_body: bool = False  # the body writes the audit line (the outcome decides it)
    reason: str = ""  # why a public method needs no permission


class ServiceNotInRoleError(AccessDeniedError):
    """The logged-in user's context was composed without this service."""


def _target(template: str, signature: inspect.Signature, args: Any, kwargs: Any) -> str:
    if not template:
        return ""
    bound = signature.bind(*args, **kwargs)
    return template.format(**bound.arguments)


def _declare_once(method: object) -> None:
    if hasattr(method, RULE_ATTRIBUTE):
        raise TypeError(f"{method!r} is declared twice for the gate")


def gated(
    permission: Permission,
    audit: AuditAction | None,
    *,
    target: str = "",
    in_body: bool = False,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Check ``permission`` before the method runs; write ``audit`` after it succeeded."""
    rule = Rule(permission, audit, target, in_body)

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        _declare_once(method)
        signature = inspect.signature(method)

        @functools.wraps(method)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            access: Access = args[0]._access  # type: ignore[attr-defined]
            where = _target(rule.target, signature, args, kwargs)
            access.require(permission, where)
            result = method(*args, **kwargs)
            if audit is not None and not in_body:
                access.audit(audit, where)
            return result

        setattr(checked, RULE_ATTRIBUTE, rule)
        return checked

    return decorate


def public(reason: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare a method that needs no permission, and say why."""

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        _declare_once(method)
        setattr(method, RULE_ATTRIBUTE, Rule(None, None, reason=reason))
        return method

    return decorate


def rule_of(member: object) -> Rule | None:
    """The declaration of a method or property, if it has one."""
    if isinstance(member, property):
        member = member.fget
    if isinstance(member, staticmethod | classmethod):
        member = member.__func__
    rule = getattr(member, RULE_ATTRIBUTE, None)
    return rule if isinstance(rule, Rule) else None


def public_members(cls: type) -> Iterator[tuple[str, object]]:
    """Every public method and property a class defines or inherits from our code."""
    seen: set[str] = set()
    for klass in cls.__mro__:
        if klass is object:
            continue
        for name, member in vars(klass).items():
            if name.startswith("_") or name in seen:
                continue
            if callable(member) or isinstance(member, property | staticmethod | classmethod):
                seen.add(name)
                yield name, member


def permissions_of(cls: type) -> frozenset[Permission]:
    """The permissions a service's operations need (what bootstrap composes by)."""
    return frozenset(
        rule.permission
        for _name, member in public_members(cls)
        if (rule := rule_of(member)) is not None and rule.permission is not None
    )


def has_public_operations(cls: type) -> bool:
    """Whether anyone logged in may use some of the service (e.g. the language picker)."""
    return any(
        (rule := rule_of(member)) is not None and rule.permission is None
        for _name, member in public_members(cls)
    )
