"""Waiting for the window's reads: they run on the controller's worker (issue 20)."""

from __future__ import annotations

from typing import Any

SETTLE_MS = 30_000  # generous: CI machines may be busy; the wait ends as soon as it is done


def settle(qtbot: Any, window: Any) -> None:
    """Wait until every list read the window asked for (the conversation list, Nazorg) has
    reached its views."""
    qtbot.waitUntil(
        lambda: not window.controller.reading and not window.follow_ups.loading,
        timeout=SETTLE_MS,
    )


def fetch_all(qtbot: Any, window: Any) -> None:
    """Scroll the conversation list to its end, page by page, as a view would."""
    model = window.start_view.model
    settle(qtbot, window)
    while model.canFetchMore():
        model.fetchMore()
        settle(qtbot, window)
