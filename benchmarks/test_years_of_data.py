"""Years of data on one laptop (issue 16, design.md section 9): 10,000 and 50,000 sessions.

A laptop that has served three years holds about 10,000 sessions; 50,000 is a busy office.
Sessions, with answers, debts, referrals and follow-up dates over three years, are inserted once
per size into an *encrypted* data folder (the default) with bulk SQL. The benchmarks time what a
person waits for and fail when a budget is missed (medians; quiet 2-core machine):

- process start to the first window: 1.0 s at 10k, 1.2 s at 50k (aim: at most 4x a bare
  PySide6 window measured in the same run; the ratio is stored in the benchmark's extra info);
- start to the first *usable* window of the encrypted default: the log-in window's start plus
  log-in (Argon2id, open, services) to the painted main window, with the quick check, the
  start-up backup and retention on the worker (ui/startup_checks.py). Same budget, scaled by
  the load: a bare PySide6 window timed in the same run against its quiet 0.11 s;
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

from intake_app.bootstrap.recovery import admin_opener
from intake_app.bootstrap.security import DatabaseGate
from intake_app.i18n.translator import Translator
from intake_app.ui.auto_lock import ScreenLock
from intake_app.ui.main_window import MainWindow
from intake_app.ui.startup_checks import start_checks
from tests.stats_generator import generate

PASSWORD = "een lang wachtwoord"
SIZES = {"10k": 10_000, "50k": 50_000}
START_BUDGET = {"10k": 1.0, "50k": 1.2}
QUIET_BARE_WINDOW = 0.11  # s, a bare PySide6 window on the quiet 2-core machine (issue 16)


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
    # On a busy machine the budget grows with the bare window's slowdown (never shrinks).
    assert ours <= START_BUDGET[size] * max(1.0, theirs / QUIET_BARE_WINDOW)


@pytest.fixture(scope="module")
def load_factor() -> float:
    """How much slower this machine is now than the quiet one: a bare PySide6 window's start
    against its quiet 0.11 s (never below 1). Budgets are scaled by it, so a busy machine
    neither fails a sound change nor hides a slow one (the ratio stays)."""
    bare = [sys.executable, "-c", BARE_WINDOW]
    _start_command(bare)
    return max(1.0, _median([_start_command(bare) for _ in range(3)]) / QUIET_BARE_WINDOW)


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


def test_unlock_the_locked_screen(benchmark, window, qtbot, load_factor) -> None:
    """Budget 0.3 s. The password is checked against the in-memory verifier made at log-in
    (services/unlock_verifier.py), not the stored Argon2id hash (64 MiB, 3 passes)."""
    accounts = window.context.security.accounts
    lock = ScreenLock(window, accounts, window.tr_ui, minutes=5)
    began = time.perf_counter()
    accounts.unlock(PASSWORD)
    check_s = time.perf_counter() - began

    def unlock() -> None:
        assert lock.try_unlock(PASSWORD)
        QApplication.processEvents()

    benchmark.pedantic(unlock, setup=lock.lock, rounds=5, iterations=1)
    qtbot.waitUntil(lambda: not window.controller.reading, timeout=30_000)
    assert window.start_view.model.rowCount() > 0
    benchmark.extra_info["password_check_s"] = round(check_s, 3)
    print(
        f"\nunlock {benchmark.stats.stats.median:.3f} s, of which the password {check_s:.3f} s; "
        f"load factor {load_factor:.1f}"
    )
    benchmark.extra_info["load_factor"] = round(load_factor, 2)
    assert benchmark.stats.stats.median <= 0.3 * load_factor


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
    assert view.lines.rowCount() > 0
    assert benchmark.stats.stats.median <= 0.3


class _Windows:
    """Open the main window as app.main() does after the log-in, close it again (untimed)."""

    def __init__(self, path, qtbot, *, defer: bool) -> None:  # type: ignore[no-untyped-def]
        self.path, self.qtbot, self.defer = path, qtbot, defer
        self.open: list[tuple[MainWindow, object, object]] = []

    def log_in(self) -> None:
        """From pressing "Inloggen" to the main window painted."""
        gate = DatabaseGate(data_dir=self.path)
        gate.defer_checks = self.defer
        context = gate.open_with_login("beheer", PASSWORD)
        window = MainWindow(context, Translator("nl", context.paths.catalogs))
        self.qtbot.addWidget(window)
        checks = start_checks(
            window, context, window.tr_ui, admin_opener(gate.url, self.path), gate.last_key
        )
        window.show()
        window.repaint()  # painted now, not at the next turn of the event loop
        self.open.append((window, context, checks))

    def close(self) -> None:
        import shutil

        while self.open:
            window, context, checks = self.open.pop()
            checks.wait()  # type: ignore[attr-defined]
            QApplication.processEvents()
            assert checks.passed is (True if self.defer else None)  # type: ignore[attr-defined]
            window.controller.finish_reads()
            window.follow_ups.wait_idle()
            window.close()
            context.close()  # type: ignore[attr-defined]
        shutil.rmtree(self.path / "backups", ignore_errors=True)  # the hourly backup is due

    def time_once(self) -> float:
        self.close()
        began = time.perf_counter()
        self.log_in()
        elapsed = time.perf_counter() - began
        self.close()
        return elapsed


def test_start_to_first_usable_window_with_the_checks_on_a_worker(
    benchmark, folder, qtbot, load_factor
) -> None:
    """Log-in window start + log-in to painted main window, the checks deferred; beside the
    same with the checks on the path (as before) and a bare PySide6 window."""
    size, path = folder
    dialog = [sys.executable, "-m", "intake_app.app", "--data-dir", str(path), "--smoke-test"]
    _start_command(dialog)
    deferred_windows = _Windows(path, qtbot, defer=True)
    deferred_windows.time_once()  # imports (they load while the person types)
    dialog_s = _median([_start_command(dialog) for _ in range(3)])
    on_path = _median([_Windows(path, qtbot, defer=False).time_once() for _ in range(3)])
    benchmark.pedantic(
        deferred_windows.log_in, setup=deferred_windows.close, rounds=3, iterations=1
    )
    deferred_windows.close()
    deferred = benchmark.stats.stats.median
    total = dialog_s + deferred
    load = load_factor
    for name, value in (
        ("log_in_window_s", dialog_s),
        ("total_s", total),
        ("checks_on_the_path_total_s", dialog_s + on_path),
        ("load_factor", load),
    ):
        benchmark.extra_info[name] = round(value, 3)
    print(
        f"\n{size}: log-in window {dialog_s:.3f} s + log-in to window {deferred:.3f} s "
        f"= {total:.3f} s (checks on the path: {dialog_s + on_path:.3f} s); "
        f"load factor {load:.1f}, "
        f"budget {START_BUDGET[size] * load:.2f} s"
    )
    assert deferred < on_path  # the work did move off the path
    assert total <= START_BUDGET[size] * load
