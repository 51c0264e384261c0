"""Years of data on one laptop (issue 16, design.md section 9): 10,000 and 50,000 sessions.

A laptop that has served three years holds about 10,000 sessions; 50,000 is a busy office.
Sessions, with answers, debts, referrals and follow-up dates over three years, are inserted once
per size into an *encrypted* data folder (the default) with bulk SQL. The benchmarks time what a
person waits for and fail when a budget is missed (medians; quiet 2-core machine):

- process start to the first window: 1.0 s at 10k, 1.2 s at 50k (aim: at most 4x a bare
  PySide6 window measured in the same run; the ratio is stored in the benchmark's extra info);
- unlock of the locked screen: 0.3 s; switch of the counsellor's language: 0.1 s;
- Nazorg visible: 0.3 s; the start list after log-in (first page, resume offer): 0.1 s.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime

import pytest
from PySide6.QtWidgets import QApplication

from intake_app.bootstrap.security import DatabaseGate
from intake_app.i18n.translator import Translator
from intake_app.ui.auto_lock import ScreenLock
from intake_app.ui.main_window import MainWindow
from tests.stats_generator import generate

PASSWORD = "een lang wachtwoord"
SIZES = {"10k": 10_000, "50k": 50_000}
START_BUDGET = {"10k": 1.0, "50k": 1.2}


@pytest.fixture(scope="module", params=list(SIZES))
def folder(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """An encrypted data folder with three years of sessions (built once per size)."""
    size = request.param
    path = tmp_path_factory.mktemp(f"years-{size}")
    os.environ.pop("INTAKE_APP_DB_URL", None)
    context = DatabaseGate(data_dir=path).open_first_run("beheer", "Beheer", PASSWORD)
    generate(
        context.storage.engine,
        SIZES[size],
        seed=16,
        start=datetime(2023, 12, 1, tzinfo=UTC),
        days=3 * 365,
    )
    context.close()
    return size, path


def _median(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[len(ordered) // 2]


def _start_command(args: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    began = time.perf_counter()
    subprocess.run(args, check=True, env=env, capture_output=True)
    return time.perf_counter() - began


BARE_WINDOW = (
    "import sys\n"
    "from PySide6.QtCore import QEvent, QObject, QTimer\n"
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "app = QApplication(sys.argv)\n"
    "w = QWidget()\n"
    "class Q(QObject):\n"
    "    def eventFilter(self, o, e):\n"
    "        if e.type() == QEvent.Type.Paint:\n"
    "            QTimer.singleShot(0, app.quit)\n"
    "        return False\n"
    "q = Q(); w.installEventFilter(q); w.show(); app.exec()\n"
)


def test_start_to_first_window_beside_a_bare_pyside6_window(benchmark, folder) -> None:
    size, path = folder
    app = [sys.executable, "-m", "intake_app.app", "--data-dir", str(path), "--smoke-test"]
    bare = [sys.executable, "-c", BARE_WINDOW]
    _start_command(app)  # warm the file cache, as a second start of the day would be
    _start_command(bare)
    bare_times = [_start_command(bare) for _ in range(5)]
    benchmark.pedantic(lambda: _start_command(app), rounds=5, iterations=1)
    ours, theirs = benchmark.stats.stats.median, _median(bare_times)
    benchmark.extra_info["bare_pyside6_median_s"] = round(theirs, 3)
    benchmark.extra_info["ratio_to_bare"] = round(ours / theirs, 2)
    print(f"\n{size}: start {ours:.3f} s, bare PySide6 window {theirs:.3f} s, {ours / theirs:.1f}x")
    assert ours <= START_BUDGET[size]


@pytest.fixture
def window(folder, qtbot):
    _size, path = folder
    context = DatabaseGate(data_dir=path).open_with_login("beheer", PASSWORD)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.show()
    yield window
    window.follow_ups.wait_idle()
    window.close()
    context.close()


def test_start_list_after_log_in(benchmark, window, qtbot) -> None:
    def listed() -> None:  # the read runs on the worker: timed until the list has it
        with qtbot.waitSignal(window.controller.sessions_listed, timeout=30_000):
            window.controller.refresh_sessions()

    benchmark.pedantic(listed, rounds=10, iterations=1)
    assert window.start_view.model.rowCount() > 0
    assert benchmark.stats.stats.median <= 0.1


def test_unlock_the_locked_screen(benchmark, window, qtbot) -> None:
    lock = ScreenLock(window, window.context.security.accounts, window.tr_ui, minutes=5)

    def unlock() -> None:
        assert lock.try_unlock(PASSWORD)
        QApplication.processEvents()

    benchmark.pedantic(unlock, setup=lock.lock, rounds=5, iterations=1)
    qtbot.waitUntil(lambda: not window.controller.reading, timeout=30_000)
    assert window.start_view.model.rowCount() > 0
    assert benchmark.stats.stats.median <= 0.3


def test_switch_the_counsellors_language(benchmark, window) -> None:
    codes = iter(["ar", "nl"] * 20)

    def switch() -> None:
        window.set_ui_language(next(codes))
        window.repaint()

    benchmark.pedantic(switch, rounds=20, iterations=1, warmup_rounds=2)
    assert benchmark.stats.stats.median <= 0.1


def test_nazorg_visible(benchmark, window, qtbot) -> None:
    view = window.follow_ups
    window.home.setCurrentWidget(view)
    view.wait_idle()

    def show() -> None:
        with qtbot.waitSignal(view.loaded, timeout=30_000):
            view.refresh(date(2026, 11, 26))
        view.repaint()

    benchmark.pedantic(show, rounds=5, iterations=1)
    assert view.list.count() > 0
    assert benchmark.stats.stats.median <= 0.3
