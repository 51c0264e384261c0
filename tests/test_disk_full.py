"""A full disk: writes are refused in one sentence and lose nothing; reading, printing and
exporting still work; the start-up backup that cannot be written is skipped with a warning;
everything works again once there is room.

In-process the "disk" is capped with ``PRAGMA max_page_count`` on every new connection. The
command line runs in a child process whose files may not grow past a size (RLIMIT_FSIZE, with
SIGXFSZ ignored so a write fails with EFBIG the way a full disk fails it).
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from intake_app.bootstrap.context import build_context
from intake_app.core.errors import StorageError
from intake_app.core.model import Note
from intake_app.storage.backup import is_healthy, list_backups
from intake_app.storage.database import sqlite_url
from tests.sample_session import fill_session

REPO = Path(__file__).resolve().parents[1]
BIG = "x" * 3000


def _page_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA page_count").fetchone()[0])
    finally:
        connection.close()


def test_writes_are_refused_cleanly_and_reading_printing_exporting_go_on(
    tmp_path: Path,
) -> None:
    path = tmp_path / "intake.db"
    context = build_context(db_url=sqlite_url(path), data_dir=tmp_path)
    try:
        repo = context.storage.sessions
        session_id = fill_session(repo)
        before = repo.get_session(session_id)
        limit = {"pages": 0}

        def cap(dbapi_connection: Any, _record: Any) -> None:
            if limit["pages"]:
                dbapi_connection.execute(f"PRAGMA max_page_count={limit['pages']}")

        engine = context.storage.engine
        event.listen(engine, "connect", cap)
        engine.dispose()
        limit["pages"] = _page_count(path)  # not one page more: the disk is full

        with pytest.raises(StorageError, match="schijf is vol") as caught:
            for index in range(500):
                repo.add_note(session_id, Note(f"{index} {BIG}", datetime.now(UTC)))
        assert "\n" not in str(caught.value)
        assert "veilig" in str(caught.value)  # says that what was saved is safe
        with pytest.raises(StorageError, match="schijf is vol"):
            for _ in range(50):
                context.intake.start_session("nl")  # a new conversation cannot be stored

        # Everything saved before is intact and can be read, printed and exported.
        again = repo.get_session(session_id)
        assert again.debts == before.debts and again.first_name == before.first_name
        assert [item.id for item in context.intake.list_sessions()][-1] == session_id
        exported = context.session_files.export_session(session_id, tmp_path / "s.json")
        assert exported.stat().st_size > 0
        pdf = context.summaries.render(session_id, "client")
        assert pdf.startswith(b"%PDF")
        report = context.statistics.compute("2026-01", "2026-12")
        assert context.statistics.export(report, tmp_path / "stats.csv").stat().st_size > 0

        # Room again: writing works, and the audit lines that waited are written too.
        limit["pages"] = 0
        engine.dispose()
        note_id = repo.add_note(session_id, Note("na het opruimen", datetime.now(UTC)))
        assert any(n.id == note_id for n in repo.get_session(session_id).notes)
        context.summaries.record_printed(session_id, "client")
        actions = [e.action for e in context.security.audit.entries()]
        assert actions.count("printed") >= 2  # the one that waited, and this one
    finally:
        context.close()
    assert is_healthy(path)


def test_the_window_says_the_start_up_backup_was_skipped(gui_app, qtbot, tmp_path: Path) -> None:
    from intake_app.i18n.translator import Translator
    from intake_app.ui.main_window import MainWindow

    path = tmp_path / "intake.db"
    url = sqlite_url(path)
    build_context(db_url=url, data_dir=tmp_path).close()
    shutil.rmtree(tmp_path / "backups", ignore_errors=True)
    (tmp_path / "backups").write_bytes(b"")  # the backup cannot be written
    context = build_context(db_url=url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.show()
    notice = window.start_view.notice.text()
    assert "reservekopie bij het starten" in notice and "exporteren" in notice
    window.close()
    context.close()


def _limited(limit: int) -> Any:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _cli(*argv: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTAKE_APP_")}
    return subprocess.run(
        [sys.executable, "-m", "intake_app.cli.main", *argv],
        capture_output=True, text=True, cwd=REPO, check=False,
        env={**env, "PYTHONPATH": str(REPO)},
        preexec_fn=_limited(limit) if limit else None,
    )  # fmt: skip


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="POSIX only")
def test_cli_on_a_full_disk_skips_the_start_up_backup_and_still_exports(tmp_path: Path) -> None:
    path = tmp_path / "intake.db"
    url = sqlite_url(path)
    context = build_context(db_url=url, data_dir=tmp_path)
    try:
        repo = context.storage.sessions
        session_id = fill_session(repo)
        filler = repo.create_session(client_language="nl")
        for index in range(700):  # a database larger than the room left on the "disk"
            repo.add_note(filler.id, Note(f"{index} {BIG}", datetime.now(UTC)))
    finally:
        context.close()
    for info in list_backups(path):
        info.path.unlink()  # the hourly start-up backup is due
    room = 1_000_000
    assert path.stat().st_size > 2 * room

    listed = _cli("--db", url, "sessions", "list", limit=room)
    assert listed.returncode == 0, listed.stderr
    assert "reservekopie bij het starten" in listed.stderr and "Traceback" not in listed.stderr
    out = tmp_path / "out"
    out.mkdir()
    exported = _cli(
        "--db", url, "sessions", "export", str(session_id), "--out", str(out / "s.json"),
        limit=room,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    printed = _cli(
        "--db", url, "summary", str(session_id), "--kind", "client", "--out", str(out / "s.pdf"),
        limit=room,
    )  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    assert (out / "s.pdf").read_bytes().startswith(b"%PDF")
    made = _cli("--db", url, "backup", "make", limit=room)
    assert made.returncode == 2 and "reservekopie" in made.stderr
    assert "Traceback" not in made.stderr
    assert not list((tmp_path / "backups").glob("*.partial"))  # nothing half-written left

    # Room again: the start-up backup is made, and the file is sound.
    again = _cli("--db", url, "sessions", "list")
    assert again.returncode == 0 and "reservekopie" not in again.stderr
    assert len(list_backups(path)) == 1 and is_healthy(list_backups(path)[0].path)
    assert is_healthy(path)
