"""A window's database calls, on one worker thread (issue 20).

Every view that reads or writes through a service does it here, so that neither a slow disk
nor a frozen shared server freezes the window. Two ways in:

- ``call(action)``: waited for. The GUI thread spins a short local event loop (it keeps
  painting and handling input) and gets the result back in order; an exception raised by the
  service is raised again on the GUI thread, so a view's ``except IntakeError`` stays as it
  was. A view may wait inside another's wait (a timer fires during the local loop); its call
  queues behind the first. The intake refuses a second click during a save instead, with
  ``BusyError`` (one sentence; ``ui/controller.py``), so it never lands on the next card.
- ``off_thread(service, background)``: the service as views get it; each method call is a
  waited ``call``. The window hands views only such services, so a new view cannot call
  the database on the GUI thread by accident.
- ``later(action, deliver, failed)``: nothing waits. ``deliver`` gets the result on the GUI
  thread when it arrives; for places where a nested event loop is not safe (a view painting
  or scrolling, a signal handler in the middle of showing a card, a key handler): the reads
  of lists and the recap, and the client's language chosen with the arrow keys.

One thread keeps every read after the writes before it. A call that takes longer than
``WAITING_AFTER_MS`` makes ``waiting`` say so (the window shows "waiting for the database").
When the screen locks, ``discard_pending`` makes every result still on its way drop.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
)

from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import N_

T = TypeVar("T")
WAITING_AFTER_MS = 800  # a call that takes longer than this shows "waiting for the database"


class BusyError(IntakeError):
    message = N_("Even geduld: het vorige wordt nog opgeslagen. Kies daarna opnieuw.")


def _on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


class _Done(QObject):
    finished = Signal()


class _Job(QRunnable):
    """One service call on the worker; the result or the exception is handed back."""

    def __init__(self, action: Callable[[], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.action = action
        self.result: object = None
        self.error: BaseException | None = None
        self.done = _Done()

    def run(self) -> None:
        try:
            self.result = self.action()
        except BaseException as exc:  # handed to the GUI thread, raised there
            self.error = exc
        self.done.finished.emit()


class Background(QObject):
    waiting = Signal(bool)  # True: a call is taking long; False: it ended

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(1)  # one thread: calls stay in the order they were made
        self.depth = 0  # waited calls in progress (a view may wait inside another's wait)
        self._slow = QTimer(self)
        self._slow.setSingleShot(True)
        self._slow.setInterval(WAITING_AFTER_MS)
        self._slow.timeout.connect(lambda: self.waiting.emit(True))
        self.epoch = 0  # bumped when the screen locks: older results never reach a view
        self._reading: set[_Job] = set()  # runnables must outlive the call that started them

    @property
    def busy(self) -> bool:
        return self.depth > 0

    def call(self, action: Callable[[], T]) -> T:
        """Run ``action`` on the worker and return its result (or raise its exception).

        Off the GUI thread (a view's own worker job) it simply runs: there is no window to
        keep painting there, and waiting for this worker from it could deadlock.
        """
        if not _on_gui_thread():
            return action()
        self.depth += 1
        self._slow.start()
        try:
            job = _Job(action)
            loop = QEventLoop()
            job.done.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
            self.pool.start(job)
            loop.exec()
            # The local loop can also end because the application is quitting: the call
            # must still finish before anyone closes the database.
            self.pool.waitForDone()
        finally:
            self.depth -= 1
            if not self.depth:
                self._slow.stop()
                self.waiting.emit(False)
        if job.error is not None:
            raise job.error
        return job.result  # type: ignore[return-value]

    def later(
        self,
        action: Callable[[], T],
        deliver: Callable[[T], None],
        failed: Callable[[IntakeError], None],
    ) -> None:
        """Run ``action`` on the worker; ``deliver`` (or ``failed``) gets the outcome later.

        An outcome that arrives after the screen locked is dropped.
        """
        epoch = self.epoch
        job = _Job(action)
        self._reading.add(job)

        def arrived() -> None:
            self._reading.discard(job)
            if epoch != self.epoch:
                return
            if isinstance(job.error, IntakeError):
                failed(job.error)
                return
            if job.error is not None:
                raise job.error
            deliver(job.result)  # type: ignore[arg-type]

        job.done.finished.connect(arrived, Qt.ConnectionType.QueuedConnection)
        self.pool.start(job)

    @property
    def reading(self) -> bool:
        """A read has been asked for and its result has not been delivered yet."""
        return bool(self._reading)

    def discard_pending(self) -> None:
        """The screen locked: outcomes still on their way are kept out of the views."""
        self.epoch += 1

    def finish(self) -> None:
        """Wait for everything still on the worker (before the database closes)."""
        self.pool.waitForDone()


class _OffThread:
    """A service whose every method runs through ``Background.call``."""

    def __init__(self, service: object, background: Background) -> None:
        self._service = service
        self._background = background

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._service, name)
        if not callable(value):
            return value
        background = self._background

        @functools.wraps(value)
        def waited(*args: Any, **kwargs: Any) -> Any:
            return background.call(lambda: value(*args, **kwargs))

        return waited


def off_thread(service: T, background: Background) -> T:
    """``service`` as a view gets it: every method call waited for on ``background``."""
    return cast(T, _OffThread(service, background))
