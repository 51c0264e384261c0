"""PostgreSQL for an organisation under faults (issue 20): a frozen server, errors in Dutch.

A server of its own for these tests (they stop it with SIGSTOP), never the shared one.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake_app.bootstrap.context import build_context
from intake_app.core.errors import StorageError
from tests.postgres import PostgresServer, postgres_bin, running_server

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def own_server() -> Iterator[PostgresServer]:
    bin_dir = postgres_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed")
    with running_server(bin_dir) as server:
        yield server


def _server_pids(server: PostgresServer) -> list[int]:
    postmaster = int((server.folder / "data" / "postmaster.pid").read_text().split()[0])
    children = [
        int(p.name)
        for p in Path("/proc").iterdir()
        if p.name.isdigit() and (p / "stat").exists() and _ppid(p) == postmaster
    ]
    return [postmaster, *children]


def _ppid(proc: Path) -> int:
    with contextlib.suppress(OSError, ValueError, IndexError):
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    return -1


@contextlib.contextmanager
def frozen(server: PostgresServer) -> Iterator[None]:
    pids = _server_pids(server)
    try:
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):  # a backend that just ended
                os.kill(pid, signal.SIGSTOP)
        yield
    finally:
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)


def test_a_frozen_server_gives_a_clear_message_and_nothing_typed_is_lost(
    own_server, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("INTAKE_APP_PG_STATEMENT_TIMEOUT", "1")
    monkeypatch.setenv("INTAKE_APP_PG_CONNECT_TIMEOUT", "2")
    with own_server.fresh_database() as url:
        context = build_context(db_url=url, data_dir=tmp_path)
        try:
            state = context.intake.start_session("nl")
            card = context.intake.flow.first_card()
            with frozen(own_server), pytest.raises(StorageError) as caught:
                context.intake.answer(state.id, card.id, [card.options[0].id])
            message = caught.value.render(lambda text: text)
            assert "antwoordt niet" in message and "libpq" not in message
            # Once the server runs again the same window works without a restart, and what
            # was saved before the freeze is all there.
            again = context.intake.answer(state.id, card.id, [card.options[0].id])
            assert again.answer(card.id).values == (card.options[0].id,)
        finally:
            context.close()


def test_the_command_line_stops_waiting_for_a_frozen_server(own_server, tmp_path) -> None:
    with own_server.fresh_database() as url:
        build_context(db_url=url, data_dir=tmp_path).close()  # the schema, no accounts
        env = {
            **os.environ,
            "INTAKE_APP_PG_STATEMENT_TIMEOUT": "1",
            "INTAKE_APP_PG_CONNECT_TIMEOUT": "2",
            "HOME": str(tmp_path),
        }
        command = [sys.executable, "-m", "intake_app.cli.main", "--db", url, "sessions", "list"]
        with frozen(own_server):
            done = subprocess.run(
                command, env=env, capture_output=True, text=True, timeout=120, check=False
            )
        assert done.returncode == 2
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in done.stderr
        assert "databaseserver" in lines[0]


def test_a_wrong_address_or_password_is_said_in_dutch_with_a_hint(own_server, tmp_path) -> None:
    closed_port = own_server.url().replace(str(own_server.port), "1")
    with pytest.raises(StorageError) as caught:
        build_context(db_url=closed_port, data_dir=tmp_path)
    assert "niet bereikbaar" in caught.value.render(lambda t: t)


def test_the_window_shows_it_waits_and_never_drops_a_click_silently(
    own_server, gui_app, qtbot, tmp_path, monkeypatch
) -> None:
    from PySide6.QtCore import QTimer

    from intake_app.i18n.translator import Translator
    from intake_app.ui.main_window import MainWindow

    monkeypatch.setenv("INTAKE_APP_PG_STATEMENT_TIMEOUT", "1")
    monkeypatch.setenv("INTAKE_APP_PG_CONNECT_TIMEOUT", "2")
    with own_server.fresh_database() as url:
        context = build_context(db_url=url, data_dir=tmp_path)
        window = MainWindow(context, Translator("nl", context.paths.catalogs))
        qtbot.addWidget(window)
        window.show()
        controller = window.controller
        try:
            assert controller.start("nl") is not None
            card = context.intake.flow.first_card()
            option = card.options[0].id
            seen: list[object] = []
            controller.ignored.connect(seen.append)
            controller.waiting.connect(lambda waiting: seen.append(("waiting", waiting)))
            controller.waiting.connect(
                lambda waiting: seen.append(("label", window.waiting_label.isVisible()))
            )
            # A second tap while the first is still waiting for the frozen server.
            QTimer.singleShot(100, lambda: controller.answer(card.id, [option]))
            with frozen(own_server):
                assert controller.answer(card.id, [option]) is None  # the watchdog gave up
            assert ("waiting", True) in seen and ("label", True) in seen
            assert any(isinstance(s, str) and "Even geduld" in s for s in seen)
            assert "antwoordt niet" in window.statusBar().currentMessage()
            assert not window.waiting_label.isVisible()
            # The server is back: the same tap works and the old error goes away.
            assert controller.answer(card.id, [option]) is not None
            assert window.statusBar().currentMessage() == ""
        finally:
            if window.last_error_box is not None:
                window.last_error_box.close()
            window.close()
            context.close()
