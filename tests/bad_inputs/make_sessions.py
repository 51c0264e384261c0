"""Write the corpus of good and bad session files from the documented example.

    .venv/bin/python -m tests.bad_inputs.make_sessions

The files are committed; this script only says how each was made. ``MANIFEST.tsv`` gives per
file the verdict and a fragment of the expected message:

- ``good``: the schema and the importer accept it;
- ``schema``: the schema refuses it, and so does the importer (its first check);
- ``importer``: the schema cannot see it (content references, two fields compared, text
  hygiene); the importer refuses it (services/session_checks.py, docs/session-format.md);
- ``unparsable``: not a JSON document the schema could be asked about; the importer refuses it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parents[1] / "docs" / "session-example.json"
OUT = HERE / "sessions"

Doc = dict[str, Any]


def _s(doc: Doc) -> Doc:
    session: Doc = doc["session"]
    return session


def _set(path: str, value: object) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        node: Any = doc
        parts = path.split(".")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        last = parts[-1]
        if last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _drop(path: str) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        node: Any = doc
        parts = path.split(".")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[parts[-1]]

    return change


def _dup_answer(doc: Doc) -> None:
    _s(doc)["answers"].append(copy.deepcopy(_s(doc)["answers"][0]))


def _dup_provision(doc: Doc) -> None:
    _s(doc)["provisions"].append(copy.deepcopy(_s(doc)["provisions"][0]))


def _many_answers(doc: Doc) -> None:
    _s(doc)["answers"] = [copy.deepcopy(_s(doc)["answers"][1]) for _ in range(2001)]


A = "session.answers.0"
D = "session.debts.0"
T = "2026-11-22T10:30:15+00:00"

GOOD: dict[str, Callable[[Doc], None]] = {
    "example": lambda d: None,
    "completed": lambda d: (
        _set("session.status", "completed")(d),
        _set("session.completed_at", "2026-11-23T09:00:00Z")(d),
    ),
    "minimal": lambda d: [
        _s(d).update(
            {
                k: []
                for k in (
                    "answers",
                    "debts",
                    "urgencies",
                    "actions",
                    "provisions",
                    "next_steps",
                    "referrals",
                    "consents",
                    "notes",
                    "phase_order",
                )
            }
        ),
        _s(d).update(phase_status={}, current_card=None, age_band="", first_name=""),
    ],
    "age_65_plus": _set("session.age_band", "65+"),
    "age_under_18": _set("session.age_band", "<18"),
    "dari_leap_day": lambda d: (
        _set("session.client_language", "fa_AF")(d),
        _set("session.follow_up_date", "2028-02-29")(d),
    ),
}

SCHEMA: dict[str, tuple[Callable[[Doc], None], str]] = {
    "no_format": (_drop("format"), "format ontbreekt"),
    "other_format": (_set("format", "something-else"), "format heeft een onbekende"),
    "version_2": (_set("version", 2), "version"),
    "version_string": (_set("version", "1"), "version"),
    "no_session": (_drop("session"), "session ontbreekt"),
    "no_exported_at": (_drop("exported_at"), "exported_at ontbreekt"),
    "top_level_bsn": (_set("bsn", "123456782"), "bsn hoort niet"),
    "session_bsn": (_set("session.bsn", "123456782"), "session.bsn hoort niet"),
    "session_is_list": (_set("session", []), "session heeft het verkeerde"),
    "code_lowercase": (_set("session.code", "k-abc"), "session.code"),
    "code_too_long": (_set("session.code", "K" * 17), "session.code"),
    "code_empty": (_set("session.code", ""), "session.code"),
    "code_with_newline": (_set("session.code", "K-1\nX"), "session.code"),
    "created_no_offset": (_set("session.created_at", "2026-11-22T10:30:15"), "created_at"),
    "created_feb_30": (
        _set("session.created_at", "2026-02-30T10:00:00+00:00"),
        "created_at is geen geldige datum",
    ),
    "created_hour_25": (_set("session.created_at", "2026-11-22T25:00:00+00:00"), "created_at"),
    "created_dutch_order": (_set("session.created_at", "22-11-2026"), "created_at"),
    "trust_feb_29_2026": (
        _set("session.trust_confirmed_at", "2026-02-29T10:00:00+00:00"),
        "trust_confirmed_at is geen geldige datum",
    ),
    "follow_up_feb_30": (
        _set("session.follow_up_date", "2026-02-30"),
        "follow_up_date is geen geldige datum",
    ),
    "follow_up_month_13": (_set("session.follow_up_date", "2026-13-01"), "follow_up_date"),
    "follow_up_with_time": (_set("session.follow_up_date", T), "follow_up_date"),
    "language_xx": (_set("session.client_language", "xx"), "client_language heeft een onbekende"),
    "language_empty": (_set("session.client_language", ""), "client_language"),
    "language_upper": (_set("session.client_language", "AR"), "client_language"),
    "status_deleted": (_set("session.status", "deleted"), "session.status"),
    "practice_yes": (_set("session.practice", "yes"), "session.practice"),
    "visit_zero": (_set("session.visit", 0), "session.visit is te klein"),
    "visit_huge": (_set("session.visit", 99999999999999999999999), "session.visit is te groot"),
    "visit_fraction": (_set("session.visit", 1.5), "session.visit"),
    "visit_string": (_set("session.visit", "2"), "session.visit"),
    "visit_true": (_set("session.visit", True), "session.visit"),
    "age_banana": (_set("session.age_band", "banana"), "session.age_band"),
    "age_open_range": (_set("session.age_band", "35-"), "session.age_band"),
    "first_name_61": (_set("session.first_name", "A" * 61), "session.first_name is te lang"),
    "first_name_number": (_set("session.first_name", 7), "session.first_name"),
    "phase_order_string": (_set("session.phase_order", "welcome"), "phase_order"),
    "phase_status_finished": (_set("session.phase_status.welcome", "finished"), "phase_status"),
    "answers_object": (_set("session.answers", {}), "session.answers"),
    "answer_state_maybe": (_set(f"{A}.state", "maybe"), "answers[1].state"),
    "answer_no_card": (_drop(f"{A}.card_id"), "answers[1].card_id ontbreekt"),
    "answer_value_string": (_set(f"{A}.value", "rent"), "answers[1].value"),
    "answer_time_bad": (_set(f"{A}.answered_at", "yesterday"), "answered_at"),
    "too_many_answers": (_many_answers, "session.answers heeft te veel"),
    "cents_float": (_set(f"{D}.amount.cents", 12.5), "amount.cents"),
    "cents_negative": (_set(f"{D}.amount.cents", -5), "amount.cents is te klein"),
    "cents_huge": (_set(f"{D}.amount.cents", 10**20), "amount.cents is te groot"),
    "amount_euro_string": (_set(f"{D}.amount", "€ 80,00"), "debts[1].amount"),
    "direction_netted": (_set(f"{D}.direction", "netted"), "debts[1].direction"),
    "debt_kind_other": (_set(f"{D}.kind", "other"), "debts[1].kind"),
    "debt_extra_field": (_set(f"{D}.bsn", "1"), "debts[1].bsn hoort niet"),
    "debt_deadline_feb_30": (_set(f"{D}.deadline", "2027-02-30"), "debts[1].deadline"),
    "urgency_fire": (_set("session.urgencies.0.type", "fire"), "urgencies[1].type"),
    "action_time_bad": (_set("session.actions.0.at", "nu"), "actions[1].at"),
    "action_text_301": (_set("session.actions.0.description", "x" * 301), "description"),
    "provision_status_bad": (_set("session.provisions.0.status", "maybe"), "provisions[1]"),
    "step_owner_nobody": (_set("session.next_steps.0.owner", "nobody"), "next_steps[1].owner"),
    "referral_org_zero": (_set("session.referrals.0.organisation_id", 0), "organisation_id"),
    "referral_org_huge": (_set("session.referrals.0.organisation_id", 2**40), "organisation_id"),
    "consent_marketing": (_set("session.consents.0.purpose", "marketing"), "consents[1].purpose"),
    "note_4001": (_set("session.notes.0.text", "x" * 4001), "notes[1].text is te lang"),
    "note_no_time": (_drop("session.notes.0.at"), "notes[1].at ontbreekt"),
}

IMPORTER: dict[str, tuple[Callable[[Doc], None], str]] = {
    "answer_unknown_card": (_set(f"{A}.card_id", "no_such_card"), "kaart die de app niet kent"),
    "answer_unknown_option": (_set(f"{A}.value", ["rent", "lottery"]), "geen keuze van deze"),
    "answer_option_twice": (_set(f"{A}.value", ["rent", "rent"]), "keuze twee keer"),
    "answer_twice": (_dup_answer, "komt twee keer voor"),
    "current_card_unknown": (_set("session.current_card", "nowhere"), "current_card"),
    "phase_order_unknown": (_set("session.phase_order", ["welcome", "party"]), "phase_order[2]"),
    "phase_order_twice": (_set("session.phase_order", ["welcome", "welcome"]), "fase twee keer"),
    "phase_status_unknown": (_set("session.phase_status.party", "done"), "onbekende fase"),
    "debt_unknown_card": (_set(f"{D}.card_id", "inf_lottery"), "debts[1].card_id"),
    "note_unknown_card": (_set("session.notes.0.card_id", "nope"), "notes[1].card_id"),
    "provision_twice": (_dup_provision, "regeling twee keer"),
    "provision_unknown": (
        _set("session.provisions.0.provision_id", "gratis_geld"),
        "regeling die de app niet kent",
    ),
    "age_reversed": (_set("session.age_band", "44-35"), "leeftijdsgroep"),
    "age_200_plus": (_set("session.age_band", "200+"), "leeftijdsgroep"),
    "completed_before_created": (
        _set("session.completed_at", "2026-11-21T10:00:00+00:00"),
        "completed_at ligt vóór",
    ),
    "updated_before_created": (
        _set("session.updated_at", "2020-01-01T00:00:00+00:00"),
        "updated_at ligt vóór",
    ),
    "consent_revoked_before_given": (
        _set("session.consents.0.revoked_at", "2026-01-01T00:00:00+00:00"),
        "revoked_at",
    ),
    "first_name_nul": (_set("session.first_name", "Sel\u0000ma"), "first_name bevat een ongeldig"),
    "creditor_nul": (
        _set("session.debts.1.creditor", "Woon\u0000bedrijf"),
        "debts[2].creditor bevat een ongeldig",
    ),
    "note_lone_surrogate": (
        _set("session.notes.0.text", "tekst \ud800 hier"),
        "notes[1].text bevat een ongeldig",
    ),
    "first_name_lone_surrogate": (_set("session.first_name", "\udc00"), "first_name bevat"),
    "neighbourhood_nul": (_set("session.neighbourhood", "\u0000"), "neighbourhood bevat"),
    "step_text_nul": (_set("session.next_steps.0.what", "Brief\u0000"), "next_steps[1].what"),
}

UNPARSABLE: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "geen JSON"),
    "open_brace": (b"{", "geen JSON"),
    "trailing_garbage": (b'{"format": "intake-app-session"} extra', "geen JSON"),
    "deep_nesting": (b"[" * 100_000 + b"]" * 100_000, "te diep genest"),
    "deep_objects": (b'{"a":' * 5000 + b"1" + b"}" * 5000, "te diep genest"),
    "huge_integer": (b'{"visit": ' + b"9" * 5000 + b"}", "ongeldig getal"),
    "nan": (b'{"visit": NaN}', "ongeldig getal"),
    "infinity": (b'{"visit": -Infinity}', "ongeldig getal"),
    "invalid_utf8": (b'{"format": "\xff\xfe"}', "geen tekstbestand"),
    "utf16": ('{"format": "x"}'.encode("utf-16"), "geen tekstbestand"),
    "utf8_bom": (b"\xef\xbb\xbf{}", "geen JSON"),
    "binary": (bytes(range(256)), "geen tekstbestand"),
    "nul_bytes": (b"\x00" * 64, "geen JSON"),
}
SCHEMA_RAW: dict[str, tuple[bytes, str]] = {
    "document_null": (b"null", "het hele bestand"),
    "document_list": (b"[]", "het hele bestand"),
    "document_string": (b'"intake-app-session"', "het hele bestand"),
    "document_number": (b"1e400", "het hele bestand"),
    "document_empty_object": (b"{}", "ontbreekt"),
}


def main() -> None:
    base: Doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    manifest = ["file\tverdict\texpected"]
    for folder in ("good", "bad"):
        (OUT / folder).mkdir(parents=True, exist_ok=True)
        for old in (OUT / folder).iterdir():
            old.unlink()

    def write(folder: str, name: str, data: bytes, verdict: str, expected: str) -> None:
        (OUT / folder / f"{name}.json").write_bytes(data)
        manifest.append(f"{folder}/{name}.json\t{verdict}\t{expected}")

    def dump(doc: Doc) -> bytes:
        return (json.dumps(doc, ensure_ascii=True, indent=1) + "\n").encode("ascii")

    for n, (name, change) in enumerate(GOOD.items(), 1):
        doc = copy.deepcopy(base)
        change(doc)
        _s(doc)["code"] = f"K-GOOD-{n:02d}"
        write("good", name, dump(doc), "good", "")
    for name, (change, expected) in SCHEMA.items():
        doc = copy.deepcopy(base)
        change(doc)
        write("bad", name, dump(doc), "schema", expected)
    for name, (change, expected) in IMPORTER.items():
        doc = copy.deepcopy(base)
        change(doc)
        write("bad", name, dump(doc), "importer", expected)
    for name, (data, expected) in SCHEMA_RAW.items():
        write("bad", name, data, "schema", expected)
    for name, (data, expected) in UNPARSABLE.items():
        write("bad", name, data, "unparsable", expected)
    (OUT / "MANIFEST.tsv").write_text("\n".join(manifest) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
