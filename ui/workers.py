"""One way to run work off the GUI thread: a :class:`Job` runs a callable in a ``QThreadPool``,
with progress, cancel, and its outcome reported by signals on the GUI thread.

    job = Job(lambda progress, cancel: slow(progress=progress, cancel=cancel))
    job.sig_result.connect(self._show)
    job.start(pool)

The callable gets ``progress(done, total, message)`` and ``cancel() -> bool`` and must not touch
widgets (nor write to the studio: a write belongs on the undo stack, see ``then`` below and
:meth:`ui.context.AppContext.execute_in_background`). Every signal is emitted on the thread the
job was made on (the GUI thread), after control has gone back to its event loop, so connecting
right after :meth:`Job.start` never misses one, and a slot may update widgets. While it runs, a
job is kept alive by this module, not by a Qt parent, so a window closed meanwhile never
destroys a job under way: its signals go nowhere (Qt drops connections to a deleted receiver).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)

from studio.errors import StudioError

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]
Work = Callable[[Progress, Cancel], Any]


@dataclass
class JobOutcome:
    """How a job ended: its result, or the error text, or cancelled."""

    result: Any = None
    error: str | None = None
    #: Cancel was asked for (the work may still have returned a result: what it did so far).
    cancelled: bool = False


def error_text(exc: BaseException) -> str:
    """The sentence shown for an error: a :class:`StudioError`'s own, else its type and text."""
    return str(exc) if isinstance(exc, StudioError) else f"{type(exc).__name__}: {exc}"


_RUNNING: set[Job] = set()  # jobs started and not yet delivered (kept alive here)


class Job(QObject):
    """One callable run in a pool thread.

    Args:
        fn: ``fn(progress, cancel)``, run in a pool thread; what it returns is the result.
        then: run on the GUI thread with ``fn``'s result once ``fn`` has returned (also after a
            cancel, with what ``fn`` returned); what it returns becomes the result. The place
            for the quick final step that must happen on the GUI thread, e.g. one undoable write.
        cancelled_type: an exception type that means "cancelled" rather than "failed".
    """

    #: Fires with (done, total, message) while the work runs.
    sig_progress = Signal(int, int, str)
    #: Fires with the result when the job ended without error or cancel.
    sig_result = Signal(object)
    #: Fires with one sentence when the work (or ``then``) raised.
    sig_error = Signal(str)
    #: Fires when the job ended after a cancel was asked for (and without error).
    sig_cancelled = Signal()
    #: Fires last, always, with the :class:`JobOutcome`.
    sig_finished = Signal(object)

    # from the pool thread to this object's thread (queued)
    _sig_worker_progress = Signal(int, int, str)
    _sig_worker_done = Signal(object)

    def __init__(
        self,
        fn: Work,
        *,
        then: Callable[[Any], Any] | None = None,
        cancelled_type: type[BaseException] | None = None,
    ):
        super().__init__()
        self._fn = fn
        self._then = then
        self._cancelled_type = cancelled_type
        self._cancel = threading.Event()
        self._worked = threading.Event()  # set when fn has returned or raised
        self._started = False
        self.outcome: JobOutcome | None = None
        queued = Qt.ConnectionType.QueuedConnection
        self._sig_worker_progress.connect(self._on_worker_progress, queued)
        self._sig_worker_done.connect(self._on_worker_done, queued)

    # -- control ----------------------------------------------------------------------------
    def start(self, pool: QThreadPool | None = None) -> Job:
        """Run in ``pool`` (the application's global pool when None); returns the job."""
        if self._started:
            raise RuntimeError("A job runs once.")
        self._started = True
        _RUNNING.add(self)
        (pool or QThreadPool.globalInstance()).start(_Runner(self))
        return self

    def cancel(self) -> None:
        """Ask the work to stop (it stops at its next ``cancel()`` check)."""
        self._cancel.set()

    @property
    def cancelling(self) -> bool:
        return self._cancel.is_set()

    @property
    def running(self) -> bool:
        return self._started and self.outcome is None

    def wait(self, msecs: int = -1) -> bool:
        """Block until the work in the pool thread has ended (True) or ``msecs`` have passed.

        The signals still come later, from the event loop.
        """
        return self._worked.wait(None if msecs < 0 else msecs / 1000)

    def finish_now(self, msecs: int = -1) -> bool:
        """Wait for the work, then deliver its signals at once, on this (the GUI) thread: for when
        the event loop will not run again (the app quitting), so ``then`` and the slots still run.
        False when the work did not end within ``msecs``."""
        if not self.wait(msecs):
            return False
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        return True

    # -- the pool thread --------------------------------------------------------------------
    def _work(self) -> None:
        try:
            value = self._fn(self._sig_worker_progress.emit, self._cancel.is_set)
            raw: tuple[str, Any] = ("ok", value)
        except Exception as exc:  # noqa: BLE001 - reported through sig_error, never a crash
            if self._cancelled_type is not None and isinstance(exc, self._cancelled_type):
                raw = ("cancelled", None)
            else:
                raw = ("error", error_text(exc))
        self._sig_worker_done.emit(raw)
        self._worked.set()  # after the emit: finish_now finds the delivery already posted

    # -- back on the GUI thread ---------------------------------------------------------------
    @Slot(int, int, str)
    def _on_worker_progress(self, done: int, total: int, message: str) -> None:
        if self.outcome is None:
            self.sig_progress.emit(done, total, message)

    @Slot(object)
    def _on_worker_done(self, raw: tuple[str, Any]) -> None:
        kind, value = raw
        outcome = JobOutcome(cancelled=kind == "cancelled" or self.cancelling)
        if kind == "error":
            outcome.error = value
        elif kind == "ok":
            try:
                outcome.result = self._then(value) if self._then is not None else value
            except Exception as exc:  # noqa: BLE001 - reported through sig_error
                if self._cancelled_type is not None and isinstance(exc, self._cancelled_type):
                    outcome.cancelled = True
                else:
                    outcome.error = error_text(exc)
        self.outcome = outcome
        try:
            if outcome.error is not None:
                self.sig_error.emit(outcome.error)
            elif outcome.cancelled:
                self.sig_cancelled.emit()
            else:
                self.sig_result.emit(outcome.result)
            self.sig_finished.emit(outcome)
        finally:
            _RUNNING.discard(self)


class _Runner(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._work()


def running_jobs() -> int:
    """How many jobs have started and not yet delivered their outcome."""
    return len(_RUNNING)
