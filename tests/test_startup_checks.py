"""The quick check and backup after the window is on screen (issue 16) and the window's
restore through the admin gate (issue 12).

Real temp SQLite files. The check is held back deterministically by holding the maintenance
lock (storage/locking.py) in the test, never by sleeping.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from intake_app.bootstrap.recovery import admin_opener
from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.durability import CorruptDatabaseError
from intake_app.core.errors import IntakeError
from intake_app.core.security import AuditAction, Role
from intake_app.i18n.translator import Translator
from intake_app.storage.backup import list_backups, make_backup
from intake_app.storage.database import sqlite_url
from intake_app.storage.locking import maintenance_lock
from intake_app.storage.opening import open_storage
from intake_app.storage.write_gate import DatabaseCheckFailedError
from intake_app.ui.main_window import MainWindow
from intake_app.ui.recovery_dialog import RecoveryDialog
from intake_app.ui.startup_checks import StartupChecks

SHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
ADMIN_PW = "een lang wachtwoord"
OTHER_PW = "nog een lang wachtwoord"


@pytest.fixture
def clean_env(monkeypatch):
    monkeypatch.delenv("INTAKE_APP_DB_URL", raising=False)
    monkeypatch.delenv("INTAKE_APP_ENCRYPT", raising=False)


def _database(tmp_path: Path, sessions: int = 1) -> Path:
    path = tmp_path / "intake.db"
    storage = open_storage(sqlite_url(path))
    for _ in range(sessions):
        storage.sessions.create_session(client_language="nl")
    storage.close()
    return path


def _damage_a_data_page(path: Path) -> None:
    """Damage the file so that it opens and its schema reads, but quick_check fails."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(path.read_bytes())
    data[-4096 + 100 : -100] = b"\x07" * (4096 - 200)
    path.write_bytes(bytes(data))


def _window(qtbot, tmp_path: Path, path: Path):  # type: ignore[no-untyped-def]
    gate = DatabaseGate(db_url=sqlite_url(path), data_dir=tmp_path)
    gate.defer_checks = True
    context = gate.open_without_accounts()
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    checks = StartupChecks(window, context, window.tr_ui, admin_opener(gate.url, tmp_path))
    window.resize(1366, 698)
    window.show()
    return window, context, checks


def test_window_is_usable_while_the_check_runs_and_writes_wait_for_it(
    gui_app, qtbot, tmp_path, clean_env
) -> None:
    path = _database(tmp_path)
    assert list_backups(path) == []  # the start-up backup is due
    with maintenance_lock(path):  # another program's upkeep: the check cannot run yet
        window, context, checks = _window(qtbot, tmp_path, path)
        assert context.storage.deferred is not None
        checks.start()
        qtbot.waitUntil(lambda: window.start_view.model.rowCount() == 1)  # reads go on
        assert checks.status.isVisible()
        assert checks.status.text() == "Controle en reservekopie lopen…"
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / "startup-check-running-nl.png"))
        saved: list[object] = []
        writer = threading.Thread(
            target=lambda: saved.append(context.intake.start_session("ar").code)
        )
        writer.start()
        writer.join(0.5)
        # Still waiting at the gate (a slow machine only makes this more so).
        assert writer.is_alive() and saved == []
        assert list_backups(path) == []
    qtbot.waitUntil(lambda: checks.passed is not None, timeout=120_000)
    writer.join(120)
    assert checks.passed is True
    assert len(saved) == 1  # the save went through once the check had passed
    assert len(list_backups(path)) == 1  # and the backup was made after it
    assert not checks.status.isVisible()
    checks.wait()
    window.close()
    context.close()
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT count(*) FROM intake_session").fetchone() == (2,)
    connection.close()


def test_damage_found_after_the_window_opened_refuses_writes_and_offers_recovery(
    gui_app, qtbot, tmp_path, clean_env
) -> None:
    path = _database(tmp_path, sessions=300)
    backup = make_backup(path, reason="test")
    _damage_a_data_page(path)
    window, context, checks = _window(qtbot, tmp_path, path)
    assert context.storage.deferred is not None  # it opened: the damage is found later
    offered: list[CorruptDatabaseError] = []
    checks.ask_recovery = lambda error: offered.append(error) or False  # type: ignore[method-assign]
    checks.start()
    qtbot.waitUntil(lambda: checks.passed is not None, timeout=120_000)
    assert checks.passed is False
    assert [error.latest_backup for error in offered] == [backup]
    assert "beschadigd" in checks.status.text()
    window.grab().save(str(SHOTS / "startup-check-damaged-nl.png"))
    before = [
        Path(f"{path}{side}").read_bytes()
        for side in ("", "-wal")
        if Path(f"{path}{side}").exists()
    ]
    with pytest.raises(DatabaseCheckFailedError):
        context.intake.start_session("ar")
    after = [
        Path(f"{path}{side}").read_bytes()
        for side in ("", "-wal")
        if Path(f"{path}{side}").exists()
    ]
    assert before == after  # nothing was written into the damaged file
    window.close()
    context.close()


def test_migration_pending_keeps_the_check_before_the_window(tmp_path, clean_env) -> None:
    """A migration must never run on an unchecked file: then nothing is deferred."""
    from alembic import command
    from sqlalchemy import create_engine

    from intake_app.storage.migrate import alembic_config

    path = tmp_path / "intake.db"
    engine = create_engine(sqlite_url(path))
    config = alembic_config()
    with engine.begin() as connection:  # the schema of the app before this one
        config.attributes["connection"] = connection
        command.upgrade(config, "0005_informal_debts")
    engine.dispose()
    storage = open_storage(sqlite_url(path), defer_checks=True)
    try:
        assert storage.deferred is None
        assert storage.migrated and storage.backup_made is not None  # checked, backed up first
    finally:
        storage.close()


def _accounts_with_backup(tmp_path: Path) -> Path:
    path = tmp_path / "intake.db"
    context = DatabaseGate(db_url=sqlite_url(path)).open_first_run("beheer", "Beheer", ADMIN_PW)
    context.security.accounts.add_user("fatima", "Fatima", Role.COUNSELLOR, OTHER_PW)
    for _ in range(300):
        context.intake.start_session("nl")
    context.close()
    make_backup(path, reason="test")
    _damage_a_data_page(path)
    return path


def test_window_restore_needs_an_admin_and_is_audited(gui_app, qtbot, tmp_path, clean_env) -> None:
    path = _accounts_with_backup(tmp_path)
    damaged = path.read_bytes()
    with pytest.raises(CorruptDatabaseError) as caught:
        open_storage(sqlite_url(path))
    dialog = RecoveryDialog(
        caught.value,
        Translator("nl", tmp_path),
        open_as=admin_opener(sqlite_url(path), None),
        username="fatima",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.restore_button is not None
    dialog.password.setText(OTHER_PW)
    dialog.restore_button.click()  # a counsellor: refused, and the restore undone
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.failure.isVisible() and dialog.failure.text()
    assert path.read_bytes() == damaged
    dialog.username.setText("beheer")
    dialog.password.setText("een verkeerd wachtwoord")
    dialog.restore_button.click()  # a wrong password: refused too
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert path.read_bytes() == damaged
    dialog.password.setText(ADMIN_PW)
    dialog.restore_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.failure.text()
    assert dialog.password.text() == ""  # never kept in the dialog
    storage = open_storage(sqlite_url(path), create=False)
    try:
        restored = [
            event for event in storage.audit.events() if event.action is AuditAction.BACKUP_RESTORED
        ]
        assert [event.actor for event in restored] == ["beheer"]
        assert len(storage.sessions.list_sessions()) == 300
    finally:
        storage.close()
    assert list(tmp_path.glob("intake.db.damaged-*"))  # the damaged file is kept aside


def test_window_restore_of_an_accountless_plain_file_runs_as_system(
    gui_app, qtbot, tmp_path, clean_env
) -> None:
    path = _database(tmp_path, sessions=300)
    make_backup(path, reason="test")
    _damage_a_data_page(path)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_storage(sqlite_url(path))
    dialog = RecoveryDialog(
        caught.value, Translator("nl", tmp_path), open_as=admin_opener(sqlite_url(path), None)
    )
    qtbot.addWidget(dialog)
    assert dialog.restore_button is not None
    dialog.restore_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.failure.text()
    assert isinstance(dialog.failure.text(), str)
    with pytest.raises(IntakeError):
        raise DatabaseCheckFailedError()


def test_start_up_backup_leaves_the_reserve_free(tmp_path, clean_env, monkeypatch) -> None:
    """A start-up backup that would leave less than the reserve free is skipped, with a
    warning; reading goes on (README "Backups for years of data")."""
    path = _database(tmp_path)
    monkeypatch.setenv("INTAKE_APP_BACKUP_RESERVE_MB", str(1024**4))  # more than any disk
    storage = open_storage(sqlite_url(path))
    try:
        assert storage.backup_made is None and list_backups(path) == []
        assert any("vrije ruimte" in str(notice.params) for notice in storage.warnings)
        assert len(storage.sessions.list_sessions()) == 1
    finally:
        storage.close()
    monkeypatch.setenv("INTAKE_APP_BACKUP_RESERVE_MB", "0")
    storage = open_storage(sqlite_url(path))
    try:
        assert storage.backup_made is not None
    finally:
        storage.close()


def test_resume_offer_is_a_recent_unfinished_session(tmp_path, clean_env) -> None:
    """Bounded to RESUME_WINDOW, so the start and the unlock never read every session."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import text

    from intake_app.storage.repository import RESUME_WINDOW

    storage = open_storage(sqlite_url(tmp_path / "intake.db"))
    try:
        old = storage.sessions.create_session(client_language="nl", owner="fatima")
        storage.sessions.update_session(old.id, current_card="route_in")
        long_ago = datetime.now(UTC) - RESUME_WINDOW - timedelta(days=1)
        with storage.engine.begin() as connection:
            connection.execute(text("UPDATE intake_session SET updated_at = :at"), {"at": long_ago})
        assert storage.sessions.latest_unfinished("fatima") is None
        assert len(storage.sessions.session_page(0, 10)) == 1  # still in the list
        recent = storage.sessions.create_session(client_language="ar", owner="fatima")
        storage.sessions.update_session(recent.id, current_card="route_in")
        found = storage.sessions.latest_unfinished("fatima")
        assert found is not None and found.code == recent.code
    finally:
        storage.close()
