"""Undo and redo over the core's write path.

A command wraps a transaction that already happened; undo applies the inverse of its journal
records (``Studio.revert``) as a new transaction, redo reverts that one. Every step is therefore
journaled like any other change, and every view updates from the same change signal.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from studio.store import Studio


class StudioCommand(QUndoCommand):
    def __init__(self, studio: Studio, text: str, tx_id: str):
        super().__init__(text)
        self._studio = studio
        self._applied_tx = tx_id  # the transaction whose effect is currently in the data
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo(); the change is already applied
            self._pushed = True
            return
        self._applied_tx = self._studio.revert(self._undo_tx) or self._applied_tx

    def undo(self) -> None:
        self._undo_tx = self._studio.revert(self._applied_tx)
