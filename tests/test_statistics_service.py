"""StatisticsService over a real SQLite file: the counts match an independent count in plain
Python over the generated rows, and every export format opens and leaks nothing."""

from __future__ import annotations

import csv
import subprocess
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import SQLModel

from intake_app.bootstrap.context import AppContext
from intake_app.cli.main import main
from intake_app.core.statistics import DisclosureError, StatisticsReport, SuppressedTable
from tests.stats_generator import TABLES, Generated, generate, insert

MONTHS = [f"2026-{m:02d}" for m in range(1, 7)]
COMPLEMENTS = {"not_answered", "no", "unknown", "other"}


@pytest.fixture
def generated(context: AppContext) -> Generated:
    # 200 days from 1 January: some sessions fall in July, outside the period.
    return generate(context.storage.engine, 500, seed=11, days=200)


def _month(moment: datetime) -> str:
    return moment.strftime("%Y-%m")


def _by_month(sessions: dict[int, dict], rows: list[dict], key, distinct: bool) -> Counter:
    counter: Counter = Counter()
    seen = set()
    for row in rows:
        session = sessions.get(row["session_id"])
        if session is None:
            continue
        k = key(row)
        if k is None:
            continue
        item = (k, _month(session["completed_at"]))
        if distinct:
            if (item, row["session_id"]) in seen:
                continue
            seen.add((item, row["session_id"]))
        counter[item] += 1
    return counter


def _true(table: SuppressedTable, row_id: str, month: str) -> int | None:
    assert table.true_values is not None
    return table.true_values[table.row_ids.index(row_id)][table.column_ids.index(month)]


def _assert_table(report: StatisticsReport, table_id: str, expected: Counter) -> None:
    table = report.table(table_id)
    for row_id, _ in table.rows:
        if row_id in COMPLEMENTS:
            continue  # sessions minus the other rows: checked on its own below
        for month in MONTHS:
            assert _true(table, row_id, month) == expected.get((row_id, month), 0), (
                table_id,
                row_id,
                month,
            )


def test_counts_match_an_independent_count(context: AppContext, generated: Generated) -> None:
    report = context.statistics.compute("2026-01", "2026-06")
    sessions = generated.counted(date(2026, 1, 1), date(2026, 7, 1))
    rows = generated.rows
    all_sessions = generated.sessions()
    assert any(s["practice"] and s["completed_at"] for s in all_sessions)  # some to leave out
    assert any(s["completed_at"] and s["completed_at"].month == 7 for s in all_sessions)

    per_month = Counter(_month(s["completed_at"]) for s in sessions.values())
    table = report.table("sessions")
    for month in MONTHS:
        assert _true(table, "totaal", month) == per_month[month]
    assert _true(table, "totaal", "totaal") == len(sessions)
    published = report.table("sessions")
    assert report.sessions == published.values[-1][-1]  # the published (perturbed) total
    assert abs(published.values[-1][-1] - len(sessions)) <= 30  # unbiased noise, sd about 7

    visits = Counter(
        ("first" if s["visit"] == 1 else "repeat", _month(s["completed_at"]))
        for s in sessions.values()
    )
    _assert_table(report, "sessions", visits)
    language = Counter((s["client_language"], _month(s["completed_at"])) for s in sessions.values())
    _assert_table(report, "language", language)

    options = rows["answer_option"]
    for card in ("interpreter_mode", "route_in", "counsellor_gender_preference", "life_domains"):
        expected = _by_month(
            sessions,
            options,
            lambda r, card=card: r["option_id"] if r["card_id"] == card else None,
            distinct=False,
        )
        _assert_table(report, card, expected)
    answered = _by_month(
        sessions, options, lambda r: "x" if r["card_id"] == "interpreter_mode" else None, False
    )
    table = report.table("interpreter_mode")
    for month in MONTHS:
        assert _true(table, "not_answered", month) == per_month[month] - answered[("x", month)]

    debts = rows["debt"]
    informal_owed = _by_month(
        sessions,
        debts,
        lambda r: "yes" if (r["kind"], r["direction"]) == ("informal", "owed_by_client") else None,
        distinct=True,
    )
    _assert_table(report, "informal_debt", informal_owed)
    lent = _by_month(
        sessions, debts, lambda r: "yes" if r["direction"] == "owed_to_client" else None, True
    )
    _assert_table(report, "lent_out", lent)
    cards = _by_month(
        sessions, debts, lambda r: r["card_id"] if r["kind"] == "informal" else None, True
    )
    _assert_table(report, "informal_card", cards)
    categories = _by_month(
        sessions,
        debts,
        lambda r: (r["category"] or "other") if r["kind"] == "formal" else None,
        True,
    )
    _assert_table(report, "formal_category", categories)

    def band(cents: int | None) -> str:
        if cents is None:
            return "unknown"
        for name, upper in (("under_100", 10000), ("100_500", 50000), ("500_1000", 100000),
                            ("1000_5000", 500000)):  # fmt: skip
            if cents < upper:
                return name
        return "5000_plus"

    amounts = _by_month(
        sessions, debts, lambda r: band(r["amount_cents"]) if r["kind"] == "formal" else None, False
    )
    _assert_table(report, "formal_amount", amounts)

    _assert_table(report, "urgent", _by_month(sessions, rows["urgency"], lambda r: "yes", True))
    _assert_table(
        report, "spot_action", _by_month(sessions, rows["spot_action"], lambda r: r["type"], False)
    )
    signalled = _by_month(
        sessions,
        rows["provision_check"],
        lambda r: r["provision_id"] if r["status"] == "not_receiving" else None,
        False,
    )
    _assert_table(report, "provision_signalled", signalled)
    kinds = _by_month(
        sessions,
        rows["referral"],
        lambda r: f"{'formal' if r['formal'] else 'informal'}_{'warm' if r['warm'] else 'cold'}",
        False,
    )
    _assert_table(report, "referral_kind", kinds)
    consent = _by_month(
        sessions,
        rows["consent"],
        lambda r: "yes" if r["given"] and r["revoked_at"] is None else None,
        True,
    )
    _assert_table(report, "handover_consent", consent)
    steps = _by_month(sessions, rows["next_step"], lambda r: "done" if r["done"] else "open", False)
    _assert_table(report, "next_step", steps)
    minutes = Counter()
    for s in sessions.values():
        length = (s["completed_at"] - s["created_at"]).total_seconds() / 60
        name = next(
            (n for n, upper in (("under_30", 30), ("30_60", 60), ("60_90", 90), ("90_120", 120))
             if length < upper),
            "120_plus",
        )  # fmt: skip
        minutes[(name, _month(s["completed_at"]))] += 1
    _assert_table(report, "minutes", minutes)
    with_interpreter = {
        r["session_id"]
        for r in options
        if r["card_id"] == "interpreter_mode"
        and r["option_id"] in ("professional_in_person", "phone_interpreter")
    }
    interpreted = Counter()
    for sid, s in sessions.items():
        if sid in with_interpreter:
            length = (s["completed_at"] - s["created_at"]).total_seconds() / 60
            name = next(
                (n for n, upper in (("under_30", 30), ("30_60", 60), ("60_90", 90),
                                    ("90_120", 120)) if length < upper),
                "120_plus",
            )  # fmt: skip
            interpreted[(name, _month(s["completed_at"]))] += 1
    _assert_table(report, "minutes_interpreter", interpreted)
    assert context.statistics.check(report) == []


def test_neighbourhood_filter(context: AppContext, generated: Generated) -> None:
    report = context.statistics.compute("2026-01", "2026-06", neighbourhood="Zuidhoek")
    sessions = generated.counted(date(2026, 1, 1), date(2026, 7, 1))
    expected = sum(1 for s in sessions.values() if s["neighbourhood"] == "Zuidhoek")
    table = report.table("sessions")
    assert _true(table, "totaal", "totaal") == expected
    assert "Zuidhoek" in context.statistics.neighbourhoods()


def _adversarial(context: AppContext) -> None:
    """Many ordinary sessions, and one client in a rare language in a tiny neighbourhood,
    with a name, a note, a relationship and an exact date stored."""
    generate(context.storage.engine, 120, seed=3, days=150, languages=["nl", "ar", "tr"])
    moment = datetime(2026, 3, 14, 10, 5, tzinfo=UTC)
    one = Generated({name: [] for name in TABLES})
    one.rows["intake_session"].append(
        {
            "id": 9001, "code": "K-RARE-01", "created_at": moment, "updated_at": moment,
            "client_language": "ti", "status": "completed", "current_card": None,
            "practice": False, "first_name": "Fiyori", "age_band": "30-39",
            "neighbourhood": "Kleindorp", "visit": 1, "trust_confirmed_at": moment,
            "trauma_flag": True, "safety_flag": True, "follow_up_date": date(2026, 3, 28),
            "next_appointment": None, "completed_at": moment + timedelta(minutes=95),
            "phase_order_json": "[]",
        }
    )  # fmt: skip
    one.rows["debt"].append(
        {
            "session_id": 9001, "kind": "informal", "direction": "owed_by_client",
            "card_id": "inf_family_abroad", "amount_cents": 123456, "approximate": False,
            "monthly": False, "creditor": "", "category": None, "relationship": "in_law",
            "country": "Eritrea", "purpose": "bruiloft van Semhar", "terms": "verbal",
            "pressure": "high", "deadline": None, "wish": "pay_back", "status": "unknown",
            "consent_handover": False,
        }
    )  # fmt: skip
    insert(context.storage.engine, one)
    with context.storage.engine.begin() as connection:
        note = SQLModel.metadata.tables["note"]
        connection.execute(
            note.insert(),
            [{"session_id": 9001, "card_id": None, "text": "Fiyori belt", "at": moment}],
        )


FORBIDDEN = ("Kleindorp", "Fiyori", "K-RARE", "Semhar", "Eritrea", "in_law", "2026-03-14",
             "2026-03-28", "1234", "belt")  # fmt: skip


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_exports_open_and_leak_nothing_about_one_rare_client(
    context: AppContext, tmp_path: Path
) -> None:
    _adversarial(context)
    stats = context.statistics
    for neighbourhood in (None, "Kleindorp"):
        report = stats.compute("2026-01", "2026-06", neighbourhood=neighbourhood)
        language = report.table("language")
        ti = language.row_ids.index("ti")
        assert language.true_values is not None and language.true_values[ti][2] == 1
        assert stats.check(report) == []  # the attacker's audit passes: the one is protected

        out_csv = stats.export(report, tmp_path / "s.csv")
        rows = list(csv.reader(out_csv.open(encoding="utf-8-sig"), delimiter=";"))
        assert rows[0] == ["tabel", "titel", "eenheid", "rij", "label", "maand", "aantal",
                           "procent"]  # fmt: skip
        cells = [row[6] for row in rows[1:] if row[0] != "#meta"]
        assert all(value in {"<5", "x"} or int(value) >= 5 for value in cells)

        out_xlsx = stats.export(report, tmp_path / "s.xlsx")
        book = load_workbook(out_xlsx, read_only=True)
        xlsx_text = " ".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
        assert "Taal van het gesprek" in xlsx_text

        out_pdf = stats.export(report, tmp_path / "s.pdf")
        pdf_text = _pdf_text(out_pdf)
        assert "Anonieme statistiek" in pdf_text and "Tolk of hulp bij de taal" in pdf_text
        assert "gemeenteniveau" in pdf_text

        csv_text = out_csv.read_text(encoding="utf-8-sig")
        for text in (csv_text, xlsx_text, pdf_text):
            for secret in FORBIDDEN:
                if neighbourhood == "Kleindorp" and secret == "Kleindorp":
                    continue  # the coordinator's own filter is named in the file
                assert secret not in text, secret


def test_export_refuses_an_unsafe_report_and_writes_nothing(
    context: AppContext, generated: Generated, tmp_path: Path
) -> None:
    report = context.statistics.compute("2026-01", "2026-06")
    table = report.table("language")
    opened = SuppressedTable(
        **{
            **{name: getattr(table, name) for name in SuppressedTable.__slots__},
            "states": tuple(tuple("shown" for _ in row) for row in table.states),
        }
    )
    unsafe = StatisticsReport("2026-01", "2026-06", None, 5, (opened,))
    for suffix in ("csv", "xlsx", "pdf"):
        with pytest.raises(DisclosureError):
            context.statistics.export(unsafe, tmp_path / f"unsafe.{suffix}")
    assert list(tmp_path.glob("unsafe*")) == []


def test_cli_export_merge_and_one_sentence_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from intake_app.bootstrap.context import build_context

    files = []
    for name, seed in (("a", 1), ("b", 2)):
        url = f"sqlite:///{tmp_path / name}.db"
        built = build_context(db_url=url, data_dir=tmp_path)
        generate(built.storage.engine, 200, seed=seed)
        built.close()
        out = tmp_path / f"{name}.csv"
        assert main(["--db", url, "stats", "export", "--from", "2026-01", "--to", "2026-06",
                     "--format", "csv", "--out", str(out)]) == 0  # fmt: skip
        files.append(out)
    merged = tmp_path / "merged.csv"
    assert main(["stats", "merge", *map(str, files), "--out", str(merged)]) == 0

    def cells(path: Path) -> dict[tuple[str, str, str], str]:
        reader = csv.reader(path.open(encoding="utf-8-sig"), delimiter=";")
        return {(r[0], r[3], r[5]): r[6] for r in reader}

    rows = cells(merged)
    parts = [cells(f) for f in files]
    key = ("sessions", "totaal", "totaal")
    assert int(rows[key]) == int(parts[0][key]) + int(parts[1][key])
    for cell, value in rows.items():
        if cell[0] != "#meta" and value.isdigit():
            assert int(value) >= 5
            if all(p.get(cell, "").isdigit() for p in parts):
                assert int(value) == sum(int(p[cell]) for p in parts)
    assert main(["stats", "merge", *map(str, files), "--out", str(tmp_path / "m.xlsx")]) == 0

    # A tampered file with a visible small count is refused, in one sentence.
    tampered = tmp_path / "tampered.csv"
    text = files[0].read_text(encoding="utf-8-sig").replace(";<5;", ";2;", 1)
    tampered.write_text(text, encoding="utf-8-sig")
    capsys.readouterr()
    assert main(["stats", "merge", str(tampered), str(files[1]), "--out", str(merged)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("intake-admin: ") and "Traceback" not in err and err.count("\n") == 1
    assert main(["--db", f"sqlite:///{tmp_path / 'a'}.db", "stats", "export", "--from", "2026-13",
                 "--to", "2026-06", "--out", str(tmp_path / "x.csv")]) == 2  # fmt: skip
    assert "2026-13" in capsys.readouterr().err
