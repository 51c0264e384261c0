"""The dashboard's worker job: counting or writing a file on a QThreadPool thread.

Kept apart from ui/stats_dashboard.py because it is the one piece of the dashboard that
runs off the GUI thread: it touches no widget and reports only through queued signals, so
the window stays responsive and shows progress while the statistics are counted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

from intake_app.core.errors import IntakeError

# ``work`` gets a ``progress(done, total)`` callback and returns its result.
Work = Callable[[Callable[[int, int], None]], object]


class JobSignals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


class StatsJob(QRunnable):
    """Runs ``work(progress)`` off the GUI thread and reports through queued signals."""

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.signals = JobSignals()
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self.signals.progress.emit)
        except IntakeError as exc:
            self.signals.failed.emit(exc)
        except Exception as exc:  # one sentence for the person, never a traceback
            self.signals.failed.emit(IntakeError("De statistiek lukte niet: {reason}.",
                                                 reason=type(exc).__name__))  # fmt: skip
        else:
            self.signals.done.emit(result)
