"""The start screen and Nazorg with many sessions (issue 16): lazy pages, search, one query.

Sessions are inserted with bulk SQL (tests/stats_generator.py), as years of use would leave
them; the window must read only what it shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import event

from intake_app.bootstrap.context import build_context
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow
from intake_app.ui.session_list_model import PAGE_SIZE
from tests.gui_waits import fetch_all, settle
from tests.stats_generator import generate


@contextmanager
def _statements(engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _window(qtbot, db_url, tmp_path, sessions: int) -> MainWindow:
    context = build_context(db_url=db_url, data_dir=tmp_path)
    generate(context.storage.engine, sessions, days=3 * 365)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    return window


def _list_queries(statements: list[str]) -> list[str]:
    return [s for s in statements if "FROM intake_session" in s and "ORDER BY" in s]


def test_start_list_reads_one_page_and_fetches_more_when_scrolled(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    window = _window(qtbot, db_url, tmp_path, 3 * PAGE_SIZE + 7)
    view = window.start_view
    window.show()
    settle(qtbot, window)
    assert view.model.has_more
    assert view.model.rowCount() <= 2 * PAGE_SIZE  # never the whole list at once
    fetch_all(qtbot, window)
    assert view.model.rowCount() == 3 * PAGE_SIZE + 7
    saved = [item.updated_at for item in view.items]
    assert saved == sorted(saved, reverse=True)  # the most recent first
    assert len({item.id for item in view.items}) == len(view.items)  # no row twice
    window.close()


def test_search_by_code_and_a_language_switch_without_a_new_query(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    window = _window(qtbot, db_url, tmp_path, 120)
    view = window.start_view
    window.show()
    settle(qtbot, window)
    wanted = view.items[5].code
    with qtbot.waitSignal(view.sessions.model().modelReset, timeout=10_000):
        view.search.setText(wanted.lower())
    assert [item.code for item in view.items] == [wanted]
    assert wanted in view.item_text(0)

    dutch = view.item_text(0)
    engine = window.context.storage.engine
    with _statements(engine) as seen:
        window.set_ui_language("ar")
        view.sessions.viewport().repaint()
    assert _list_queries(seen) == []  # the rows on screen are formatted again, not re-read
    assert view.item_text(0) != dutch and wanted in view.item_text(0)
    window.close()


def test_opening_the_start_screen_queries_the_list_once(gui_app, qtbot, db_url, tmp_path) -> None:
    context = build_context(db_url=db_url, data_dir=tmp_path)
    generate(context.storage.engine, 30, days=3 * 365)
    with _statements(context.storage.engine) as seen:
        window = MainWindow(context, Translator("nl", context.paths.catalogs))
        qtbot.addWidget(window)
        window.show()
        settle(qtbot, window)
    pages = [s for s in _list_queries(seen) if "LIMIT" in s]
    assert len(pages) == 2  # one page of the list, one for the resume offer
    window.close()


def test_nazorg_loads_off_the_gui_thread_and_drops_a_result_after_the_lock(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    window = _window(qtbot, db_url, tmp_path, 0)
    intake = window.context.intake
    sid = intake.start_session("nl").id
    intake.set_appointment(sid, follow_up=date.today() - timedelta(days=1), next_appointment=None)
    view = window.follow_ups
    window.show()
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        window.home.setCurrentWidget(view)
    assert view.lines.rowCount() == 1 and not view.empty.isVisible()

    # A load still on its way when the screen locks must never fill the list again.
    view.refresh()
    view.clear_sensitive()
    view.wait_idle()
    qtbot.waitUntil(lambda: not view._pending, timeout=30_000)  # delivered, and dropped
    assert view.lines.rowCount() == 0 and view.items == []
    window.close()


def test_list_reads_run_on_the_worker_and_a_late_page_is_dropped(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    """Issue 20: no read of the conversation list on the GUI thread (a frozen shared server
    would freeze the window); a page for a list that was replaced meanwhile never lands."""
    import threading

    context = build_context(db_url=db_url, data_dir=tmp_path)
    generate(context.storage.engine, 2 * PAGE_SIZE + 3, days=365)
    threads: list[int] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if "FROM intake_session" in statement:
            threads.append(threading.get_ident())

    event.listen(context.storage.engine, "before_cursor_execute", record)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, window)
    view = window.start_view
    view.model.fetchMore()
    assert not view.model.canFetchMore()  # one page on its way: nothing more asked for
    view.model.reset(None)  # the list is emptied (as the lock does) before the page arrives
    settle(qtbot, window)
    assert view.items == []  # the late second page did not land on the emptied list
    assert threads and threading.main_thread().ident not in threads
    event.remove(context.storage.engine, "before_cursor_execute", record)
    window.close()
