"""Unlock the encrypted database: Argon2id key derivation, unwrap, open, log in (budget 1 s)."""

from __future__ import annotations

from pathlib import Path

from intake_app.bootstrap.security import DatabaseGate

PASSWORD = "een lang wachtwoord"


def test_unlock_encrypted_database(benchmark, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("INTAKE_APP_DB_URL", raising=False)
    first = DatabaseGate(data_dir=tmp_path).open_first_run("beheer", "Beheer", PASSWORD)
    first.intake.start_session("ar")
    first.close()

    def unlock() -> None:
        context = DatabaseGate(data_dir=tmp_path).open_with_login("beheer", PASSWORD)
        assert len(context.intake.list_sessions()) == 1
        context.close()

    benchmark.pedantic(unlock, rounds=5, iterations=1, warmup_rounds=1)
