"""A small form dialog whose OK runs one undoable change and shows refusals beside the field.

The dialog stays open when the core refuses a value; everything typed stays where it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError, ValidationError
from ui.context import AppContext
from ui.widgets.field_editors import ErrorLabel, FieldBox


class FormDialog(QDialog):
    """Subclasses add fields with :meth:`add_field` and implement :meth:`operation`."""

    #: Core field names that should show their message under another field (e.g. "email" → "value").
    FIELD_ALIASES: dict[str, str] = {}

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setModal(True)
        self.result_value: Any = None
        self._fields: dict[str, FieldBox] = {}
        self._form = QFormLayout()
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self._form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    # -- building -------------------------------------------------------------------------------
    def add_field(self, name: str, label: str, editor: QWidget) -> FieldBox:
        box = FieldBox(editor, self)
        caption = QLabel(label, self)
        caption.setBuddy(editor)
        self._form.addRow(caption, box)
        self._fields[name] = box
        return box

    def add_row(self, label: str, widget: QWidget) -> None:
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        self._form.addRow(caption, widget)

    def set_row_visible(self, name: str, visible: bool) -> None:
        self._form.setRowVisible(self._fields[name], visible)

    def field(self, name: str) -> FieldBox:
        return self._fields[name]

    # -- behaviour ------------------------------------------------------------------------------
    def undo_text(self) -> str:
        return self.windowTitle()

    def operation(self) -> Any:
        """Call core write functions; raise ValidationError to refuse. Runs inside ctx.execute."""
        raise NotImplementedError

    def submit(self) -> None:
        """Try the change; on a refusal show the message beside its field and stay open."""
        for box in self._fields.values():
            box.clear_error()
        self.general_error.set_message(None)
        try:
            self.result_value = self.ctx.execute(self.undo_text(), self.operation)
        except ValidationError as exc:
            self.show_refusal(exc)
            return
        except StudioError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.accept()

    def show_refusal(self, exc: ValidationError) -> None:
        name = self.FIELD_ALIASES.get(exc.field, exc.field)
        box = self._fields.get(name)
        if box is None:
            self.general_error.set_message(exc.message)
            return
        box.show_error(exc.message)
        box.editor.setFocus()


def run_guarded(parent: QWidget, ctx: AppContext, text: str, operation: Callable[[], Any]) -> Any:
    """ctx.execute for one-click actions (delete…): a refusal is shown in a message box."""
    try:
        return ctx.execute(text, operation)
    except StudioError as exc:
        QMessageBox.warning(parent, text, str(exc))
        return None
