"""A small form dialog whose OK runs one undoable change and shows refusals beside the field.

The dialog stays open when the core refuses a value; everything typed stays where it was, and
every field the dialog can check on its own is checked at once, so all the refusals show together
(not one per try). Return submits (OK is the default button, never a "Choose…" button in the
form); Escape or Cancel on a dialog that holds typed text asks before throwing it away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
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
        self._initial: dict[int, Any] | None = None
        self.discard_box: QMessageBox | None = None

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

    def precheck(self) -> list[ValidationError]:
        """Refusals the dialog finds by checking fields one by one (each with the core's own
        validators), so that all show together; the core still checks everything on OK."""
        return []

    def submit(self) -> None:
        """Try the change; on a refusal show the message beside its field (and every other
        field's refusal :meth:`precheck` finds) and stay open."""
        for box in self._fields.values():
            box.clear_error()
        self.general_error.set_message(None)
        try:
            self.result_value = self.ctx.execute(self.undo_text(), self.operation)
        except ValidationError as exc:
            shown = {exc.field}
            self.show_refusal(exc)
            for other in self.precheck():
                if other.field not in shown:
                    shown.add(other.field)
                    self.show_refusal(other, focus=False)
            return
        except StudioError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.accept()

    def show_refusal(self, exc: ValidationError, *, focus: bool = True) -> None:
        name = self.FIELD_ALIASES.get(exc.field, exc.field)
        box = self._fields.get(name)
        if box is None:
            self.general_error.set_message(exc.message)
            return
        box.show_error(exc.message)
        if focus:
            box.editor.setFocus()

    # -- Return and Escape ----------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        for button in self.findChildren(QPushButton):
            if button is not ok and self.buttons.buttonRole(button) in (
                QDialogButtonBox.ButtonRole.InvalidRole,
            ):
                button.setAutoDefault(False)  # Return is OK, not "Choose…"
        if ok is not None:
            ok.setDefault(True)
        if self._initial is None:
            self._initial = self._snapshot()
        super().showEvent(event)

    def _snapshot(self) -> dict[int, Any]:
        values: dict[int, Any] = {}
        for w in self.findChildren(QWidget):
            if isinstance(w, QLineEdit):
                values[id(w)] = w.text()
            elif isinstance(w, QPlainTextEdit | QTextEdit):
                values[id(w)] = w.toPlainText()
            elif isinstance(w, QComboBox) and not w.isEditable():
                values[id(w)] = w.currentIndex()
            elif isinstance(w, QCheckBox):
                values[id(w)] = w.isChecked()
        return values

    def is_dirty(self) -> bool:
        """True when something was typed or chosen since the dialog opened."""
        if self._initial is None:
            return False
        now = self._snapshot()
        return any(now.get(k) != v for k, v in self._initial.items())

    def reject(self) -> None:
        """Escape or Cancel: close at once when nothing was typed, else ask first."""
        if self.result() == QDialog.DialogCode.Accepted or not self.is_dirty():
            super().reject()
            return
        if self.discard_box is not None and self.discard_box.isVisible():
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.windowTitle(),
            self.tr("Discard what you typed in this dialog?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Keep editing"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("discardBox")
        self.discard_box = box
        box.finished.connect(lambda _answer: self._discard_answered(box))
        box.open()

    def _discard_answered(self, box: QMessageBox) -> None:
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Discard):
            self._initial = None
            super().reject()


def collect(*checks: Callable[[], Any]) -> list[ValidationError]:
    """Run each check; the refusals they raise, in order (for :meth:`FormDialog.precheck`)."""
    out: list[ValidationError] = []
    for check in checks:
        try:
            check()
        except ValidationError as exc:
            out.append(exc)
    return out


def run_guarded(parent: QWidget, ctx: AppContext, text: str, operation: Callable[[], Any]) -> Any:
    """ctx.execute for one-click actions (delete…): a refusal is shown in a message box."""
    try:
        return ctx.execute(text, operation)
    except StudioError as exc:
        QMessageBox.warning(parent, text, str(exc))
        return None
