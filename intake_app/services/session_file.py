"""Session files: one whole intake session as JSON, to move it between laptops or keep it.

The format is documented in ``docs/session-format.md`` and fixed by the JSON Schema
``session_schema.json`` beside this module. Export then import gives the same session back,
field for field (database ids are local and not part of the file).
"""

from __future__ import annotations

import enum
import json
import types
import typing
from dataclasses import fields, replace
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from intake_app import __version__
from intake_app.core import safe_write
from intake_app.core.durability import SessionFileError, StorageMaintenance
from intake_app.core.flow import Flow
from intake_app.core.model import (
    Answer,
    Consent,
    Debt,
    Income,
    IntakeSession,
    Money,
    NextStep,
    Note,
    OnTheSpotAction,
    PhaseStatus,
    ProvisionCheck,
    Referral,
    SessionStatus,
    Urgency,
)
from intake_app.core.ports import SessionRepository
from intake_app.core.security import AuditAction, Permission
from intake_app.services.access import Access
from intake_app.services.dto import SessionListItem
from intake_app.services.gate import gated
from intake_app.services.session_checks import check_references, cleaned

FORMAT = "intake-app-session"
VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024

CHILDREN: dict[str, type[Any]] = {
    "debts": Debt,
    "incomes": Income,
    "urgencies": Urgency,
    "actions": OnTheSpotAction,
    "provisions": ProvisionCheck,
    "next_steps": NextStep,
    "referrals": Referral,
    "consents": Consent,
    "notes": Note,
}
_SESSION_SKIP = frozenset({"id", "phase_status", "answers", *CHILDREN})

# What a schema rule means, in plain Dutch, for the message that names the field.
_PROBLEMS = {
    "required": "ontbreekt",
    "type": "heeft het verkeerde soort waarde",
    "enum": "heeft een onbekende waarde",
    "const": "heeft een onbekende waarde",
    "pattern": "heeft een verkeerde vorm",
    "maxLength": "is te lang",
    "minLength": "is leeg",
    "maxItems": "heeft te veel onderdelen",
    "minimum": "is te klein",
    "maximum": "is te groot",
    "additionalProperties": "hoort niet in een gespreksbestand",
    "format": "is geen geldige datum of tijd",
}


@cache
def schema() -> dict[str, Any]:
    text = resources.files("intake_app.services").joinpath("session_schema.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


# -- to JSON ------------------------------------------------------------------------------
def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return _aware(value).astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Money):
        return {"cents": value.cents, "approximate": value.approximate}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _record(item: object, skip: frozenset[str] = frozenset({"id"})) -> dict[str, Any]:
    return {
        spec.name: _plain(getattr(item, spec.name))
        for spec in fields(item)  # type: ignore[arg-type]
        if spec.name not in skip
    }


def to_document(session: IntakeSession, *, exported_at: datetime | None = None) -> dict[str, Any]:
    body = _record(session, _SESSION_SKIP)
    body["phase_status"] = {phase: status.value for phase, status in session.phase_status.items()}
    body["answers"] = [_record(answer) for answer in session.answers.values()]
    for name in CHILDREN:
        body[name] = [_record(item) for item in getattr(session, name)]
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _plain(exported_at or datetime.now(UTC)),
        "app_version": __version__,
        "session": body,
    }


# -- from JSON ----------------------------------------------------------------------------
def _field_name(path: typing.Iterable[object]) -> str:
    name = ""
    for part in path:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "(het hele bestand)"


def validate(document: object) -> None:
    """Raise SessionFileError naming the first bad field (schema order, deepest first)."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    from intake_app.services.session_checks import format_checker

    validator = Draft202012Validator(schema(), format_checker=format_checker())
    errors = list(validator.iter_errors(document))
    if not errors:
        return
    error = best_match(errors)
    path = list(error.absolute_path)
    if error.validator == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        path.append(missing[0] if missing else "?")
    elif error.validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - allowed)
        path.append(extra[0] if extra else "?")
    raise SessionFileError(
        "Het gespreksbestand klopt niet: het veld {field} {problem}.",
        field=_field_name(path),
        problem=_PROBLEMS.get(str(error.validator), "is niet geldig"),
    )


def _value(hint: Any, raw: Any) -> Any:
    if raw is None:
        return None
    if isinstance(hint, types.UnionType):
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(raw)
    if hint is datetime:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    if hint is date:
        return date.fromisoformat(raw)
    if hint is Money:
        return Money(int(raw["cents"]), bool(raw["approximate"]))
    if typing.get_origin(hint) is tuple:
        return tuple(raw)
    return raw


def _build(cls: type[Any], raw: dict[str, Any], where: str) -> Any:
    hints = typing.get_type_hints(cls)
    values = {}
    for name, value in raw.items():
        try:
            values[name] = _value(hints[name], value)
        except (ValueError, KeyError) as exc:
            raise SessionFileError(
                "Het gespreksbestand klopt niet: het veld {field} {problem}.",
                field=f"{where}.{name}",
                problem="is geen geldige datum of waarde",
            ) from exc
    return cls(**values)


def from_document(document: object, flow: Flow | None = None) -> IntakeSession:
    """The session in a parsed session file: validated against the schema, its texts cleaned
    as typed text is, and (given the ``flow``) its cards, options, phases and provisions
    checked against this app's content (services/session_checks.py)."""
    validate(document)
    assert isinstance(document, dict)
    raw = document["session"]
    plain = {key: value for key, value in raw.items() if key not in _SESSION_SKIP}
    plain["status"] = SessionStatus(plain["status"]).value
    session: IntakeSession = _build(
        IntakeSession, {**plain, "id": 0}, "session"
    )  # id 0: the database gives the real one
    answers = {}
    for index, item in enumerate(raw["answers"], start=1):
        answer = _build(Answer, item, f"session.answers[{index}]")
        if answer.card_id in answers:
            raise SessionFileError(
                "Het gespreksbestand klopt niet: het veld {field} {problem}.",
                field=f"session.answers[{index}].card_id",
                problem="komt twee keer voor",
            )
        answers[answer.card_id] = answer
    children: dict[str, Any] = {
        name: tuple(
            _build(cls, item, f"session.{name}[{index}]")
            # .get: lists added later (incomes, issue 21) are absent from older files
            for index, item in enumerate(raw.get(name, []), start=1)
        )
        for name, cls in CHILDREN.items()
    }
    whole = cleaned(
        replace(
            session,
            phase_status={
                phase: PhaseStatus(status) for phase, status in raw["phase_status"].items()
            },
            answers=answers,
            **children,
        )
    )
    if flow is not None:
        check_references(whole, flow)
    return whole


def read_document(path: Path) -> object:
    """The parsed JSON of a session file: a regular file, at most ``MAX_FILE_BYTES``."""
    try:
        data = safe_write.read_bytes(path, MAX_FILE_BYTES)
    except safe_write.FileReadError as exc:
        raise SessionFileError(exc.message, **exc.params) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SessionFileError("Het bestand {path} is geen tekstbestand.", path=path) from exc
    if _nesting_depth(text) > MAX_NESTING:
        # Checked before parsing: json's recursion would fail deep inside with a RecursionError.
        raise SessionFileError("Het bestand {path} is te diep genest.", path=path)
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise SessionFileError(
            "Het bestand {path} is geen JSON (regel {line}).", path=path, line=exc.lineno
        ) from exc
    except ValueError as exc:  # NaN/Infinity, or an integer too long to convert
        raise SessionFileError("Het bestand {path} bevat een ongeldig getal.", path=path) from exc


MAX_NESTING = 16  # a session file is 5 levels deep


def _nesting_depth(text: str) -> int:
    """The deepest bracket nesting outside strings (a linear scan, no recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _no_constant(name: str) -> object:
    raise ValueError(name)


def write_document(document: dict[str, Any], out: Path) -> Path:
    """Write atomically and owner-only (``core.safe_write``): the file holds personal data."""
    return safe_write.write_text(out, json.dumps(document, ensure_ascii=False, indent=2) + "\n")


class SessionFileService:
    """Export and import whole sessions (``intake-admin sessions export/import``, the GUI)."""

    def __init__(
        self,
        sessions: SessionRepository,
        maintenance: StorageMaintenance,
        access: Access,
        flow: Flow,
    ) -> None:
        self._sessions = sessions  # the guarded store: reading is checked and logged too
        self._maintenance = maintenance
        self._access = access
        self._flow = flow  # imports are checked against this app's cards and phases

    @gated(Permission.EXPORT_SESSIONS, AuditAction.EXPORTED, target="session:{session_id}")
    def export_session(self, session_id: int, out: Path) -> Path:
        safe_write.check_target(out)  # before the session is read: refuse early
        return write_document(to_document(self._sessions.get_session(session_id)), out)

    @gated(Permission.IMPORT_SESSIONS, AuditAction.IMPORTED, in_body=True)
    def import_session(self, path: Path) -> SessionListItem:
        session = from_document(read_document(path), self._flow)
        new_id = self._maintenance.import_session(session)
        self._access.audit(AuditAction.IMPORTED, f"session:{new_id}")
        return SessionListItem.of(self._sessions.get_session(new_id))
