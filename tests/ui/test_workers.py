"""ui.workers: a job's progress, cancel, error and result arrive as signals on the GUI thread; the
background variant of ctx.execute writes once, as one undo step. Waits on signals, never sleeps."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread, QThreadPool

from studio.domain.models import Client
from studio.errors import StudioError, ValidationError
from studio.services import clients
from ui.workers import Job, JobOutcome, running_jobs


@pytest.fixture
def pool(qapp):
    p = QThreadPool()
    p.setMaxThreadCount(1)
    yield p
    p.waitForDone()


def test_result_and_progress_arrive_on_the_gui_thread(pool, qtbot):
    gui = QThread.currentThread()
    worker_threads, seen = [], []

    def work(progress, cancel):
        worker_threads.append(QThread.currentThread())
        for n in range(1, 4):
            progress(n, 3, f"step {n}")
        return 42

    job = Job(work)
    job.sig_progress.connect(lambda d, t, m: seen.append((d, t, m, QThread.currentThread())))
    results = []
    job.sig_result.connect(lambda value: results.append(value))
    with qtbot.waitSignal(job.sig_finished, timeout=10000) as done:
        assert job.start(pool) is job and job.running
    outcome = done.args[0]
    assert isinstance(outcome, JobOutcome)
    assert (outcome.result, outcome.error, outcome.cancelled) == (42, None, False)
    assert results == [42] and not job.running and job.outcome is outcome
    assert [(d, t, m) for d, t, m, _ in seen] == [
        (1, 3, "step 1"),
        (2, 3, "step 2"),
        (3, 3, "step 3"),
    ]
    assert all(th is gui for *_, th in seen)
    assert worker_threads and worker_threads[0] is not gui
    assert running_jobs() == 0


def test_cancel_stops_the_work_and_says_so(pool, qtbot):
    started, release = threading.Event(), threading.Event()

    class Stopped(StudioError):
        pass

    def work(progress, cancel):
        started.set()
        assert release.wait(10)
        if cancel():
            raise Stopped("stopped")
        return "finished anyway"

    job = Job(work, cancelled_type=Stopped)
    job.start(pool)
    assert started.wait(10)
    cancelled = []
    job.sig_cancelled.connect(lambda: cancelled.append(True))
    with qtbot.waitSignal(job.sig_finished, timeout=10000) as done:
        job.cancel()
        assert job.cancelling
        release.set()
    outcome = done.args[0]
    assert cancelled == [True]
    assert outcome.cancelled and outcome.error is None and outcome.result is None


def test_a_cancelled_job_that_returns_keeps_its_result(pool, qtbot):
    started, release = threading.Event(), threading.Event()

    def work(progress, cancel):
        started.set()
        assert release.wait(10)
        return "what was done so far" if cancel() else "all"

    job = Job(work)
    job.start(pool)
    assert started.wait(10)
    with qtbot.waitSignal(job.sig_finished, timeout=10000) as done:
        job.cancel()
        release.set()
    assert done.args[0].cancelled and done.args[0].result == "what was done so far"


def test_errors_are_one_sentence_and_never_a_crash(pool, qtbot):
    def refuse(progress, cancel):
        raise StudioError("The disk is full.")

    def crash(progress, cancel):
        raise KeyError("x")

    for fn, text in ((refuse, "The disk is full."), (crash, "KeyError: 'x'")):
        job = Job(fn)
        with qtbot.waitSignal(job.sig_error, timeout=10000) as failed:
            job.start(pool)
        assert failed.args[0] == text
        assert job.outcome.error == text and job.outcome.result is None


def test_then_runs_on_the_gui_thread_with_the_result(pool, qtbot):
    gui = QThread.currentThread()
    where = []

    def then(value):
        where.append(QThread.currentThread())
        return value * 2

    job = Job(lambda progress, cancel: 21, then=then)
    with qtbot.waitSignal(job.sig_result, timeout=10000) as done:
        job.start(pool)
    assert done.args[0] == 42 and where == [gui]


def test_a_job_outlives_the_widget_that_started_it(pool, qtbot):
    from PySide6.QtWidgets import QLabel

    release = threading.Event()
    label = QLabel()
    job = Job(lambda progress, cancel: release.wait(10))
    job.sig_result.connect(label.setNum)
    job.start(pool)
    label.deleteLater()
    qtbot.waitUntil(lambda: not _alive(label))
    with qtbot.waitSignal(job.sig_finished, timeout=10000):
        release.set()
    assert running_jobs() == 0


def test_finish_now_delivers_without_the_event_loop(pool, qtbot):
    """For shutdown: the outcome (and ``then``) arrive before the call returns."""
    delivered = []
    job = Job(lambda progress, cancel: "done", then=lambda v: v.upper())
    job.sig_result.connect(delivered.append)
    job.start(pool)
    assert job.finish_now(10000)
    assert delivered == ["DONE"] and job.outcome.result == "DONE" and running_jobs() == 0


def _alive(obj) -> bool:
    from shiboken6 import isValid

    return isValid(obj)


def test_execute_in_background_writes_once_as_one_undo_step(ctx, pool, qtbot):
    gui = QThread.currentThread()
    prepared_on, written_on = [], []

    def prepare(progress, cancel):  # the slow part: no write
        prepared_on.append(QThread.currentThread())
        progress(1, 1, "read")
        return ["Ada Lovelace", "Grace Hopper"]

    def write(names):
        written_on.append(QThread.currentThread())
        return [clients.create_client(ctx.studio, n).id for n in names]

    before, people = ctx.undo_stack.count(), ctx.studio.count(Client)
    changes = []
    ctx.bridge.sig_changed.connect(changes.append)
    with qtbot.waitSignal(ctx.undo_stack.indexChanged, timeout=10000):
        job = ctx.execute_in_background(
            lambda names: f"Add {len(names)} clients", prepare, write, pool=pool
        )
    qtbot.waitUntil(lambda: job.outcome is not None)
    ids = job.outcome.result
    assert len(ids) == 2 and prepared_on[0] is not gui and written_on == [gui]
    assert ctx.undo_stack.count() == before + 1
    assert ctx.undo_stack.undoText() == "Add 2 clients"
    assert len({c.tx for c in changes}) == 1  # one transaction
    assert ctx.studio.count(Client) == people + 2
    ctx.undo_stack.undo()
    assert ctx.studio.count(Client) == people


def test_execute_in_background_refused_writes_nothing(ctx, pool, qtbot):
    def write(_value):
        clients.create_client(ctx.studio, "Someone")
        raise ValidationError("name", "No.")

    before, people = ctx.undo_stack.count(), ctx.studio.count(Client)
    job = ctx.execute_in_background("Add", lambda p, c: None, write, pool=pool)
    with qtbot.waitSignal(job.sig_error, timeout=10000) as failed:
        pass
    assert "No." in failed.args[0]
    assert ctx.undo_stack.count() == before and ctx.studio.count(Client) == people
