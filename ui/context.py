"""What every view of the desktop client shares: the open studio, its change signal, undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtGui import QUndoStack

from studio.services import studio_profile
from studio.store import ChangeSet, Studio
from ui.commands import StudioCommand
from ui.workers import Job, Work


class StudioBridge(QObject):
    """Turns the core's change notifications into one Qt signal every view listens to."""

    #: Fires after every committed write to the studio (from the UI, undo/redo, imports),
    #: with the :class:`~studio.store.ChangeSet`; delivered on the GUI thread.
    sig_changed = Signal(object)

    def __init__(self, studio: Studio, parent: QObject | None = None):
        super().__init__(parent)
        self._unsubscribe = studio.subscribe(self._on_change)

    def _on_change(self, changes: ChangeSet) -> None:
        # Emitting from a worker thread reaches GUI-thread receivers through a queued connection.
        self.sig_changed.emit(changes)

    def close(self) -> None:
        self._unsubscribe()


class AppContext(QObject):
    """Handed to every view and dialog. Views read through ``studio`` and ``studio.services``;
    every change goes through :meth:`execute` (or :meth:`execute_in_background`) so it lands on
    the undo stack."""

    def __init__(self, studio: Studio, parent: QObject | None = None):
        super().__init__(parent)
        self.studio = studio
        self.bridge = StudioBridge(studio, self)
        self.undo_stack = QUndoStack(self)
        studio_profile.apply_default_region(studio)  # "138…" is a number of the studio's country

    def execute(self, text: str, operation: Callable[[], Any]) -> Any:
        """Run ``operation`` (which calls core write functions) as one undoable step.

        Errors (e.g. :class:`~studio.errors.ValidationError`) propagate to the caller and nothing
        is written or pushed. Returns what ``operation`` returned.
        """
        with self.studio.transaction() as tx:
            result = operation()
        if tx.entries:
            self.undo_stack.push(StudioCommand(self.studio, text, tx.id))
        return result

    def execute_in_background(
        self,
        text: str | Callable[[Any], str],
        prepare: Work,
        write: Callable[[Any], Any],
        *,
        pool: QThreadPool | None = None,
        cancelled_type: type[BaseException] | None = None,
    ) -> Job:
        """:meth:`execute` for work with a slow part: ``prepare(progress, cancel)`` runs in a pool
        thread and writes nothing to the studio (it reads, decodes, copies files); then, on the GUI
        thread, ``write(prepared)`` runs through :meth:`execute` as one undoable step named
        ``text`` (or ``text(prepared)``). The job's result is what ``write`` returned; a refusal
        from either part is its error, and nothing is written or pushed. A cancelled ``prepare``
        that returns still has its result written (what was done so far is kept); one that
        raises ``cancelled_type`` writes nothing. The job is started (in ``pool``, else the
        global pool); connect to its signals right away.
        """

        def then(prepared: Any) -> Any:
            label = text(prepared) if callable(text) else text
            return self.execute(label, lambda: write(prepared))

        return Job(prepare, then=then, cancelled_type=cancelled_type).start(pool)
