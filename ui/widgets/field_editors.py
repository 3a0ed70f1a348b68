"""Field editors that show a refusal right under the field, in a palette-aware error colour."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from ui.style import error_color

#: Item data for "no value" in combo boxes, rather than None: PySide6 6.12.0 on Python 3.11
#: loses a reference to None each time it hands None back to Python (reading item data, and
#: returning from any void method), which ends in a "deallocating None" crash; 6.11 does not.
NO_VALUE = ""


class ErrorLabel(QLabel):
    """A message under a field; hidden while empty. Follows palette changes (light/dark)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        self._apply_colour()

    def set_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colour()
        super().changeEvent(event)

    def _apply_colour(self) -> None:
        pal = self.palette()
        colour = error_color(pal)
        if pal.color(QPalette.ColorRole.WindowText) != colour:
            pal.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(pal)


class FieldBox(QWidget):
    """An editor with its error message underneath. The editor keeps whatever was typed."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)

    @property
    def has_error(self) -> bool:
        return bool(self.error.text())

    def show_error(self, message: str) -> None:
        self.error.set_message(message)
        self.editor.setAccessibleDescription(message)

    def clear_error(self) -> None:
        self.error.set_message(None)
        self.editor.setAccessibleDescription("")


class NotesEdit(QPlainTextEdit):
    """A multi-line editor that, like QLineEdit, tells when editing is finished (focus leaves)."""

    #: Fires when the editor loses focus after its text was changed.
    editingFinished = Signal()  # noqa: N815 - named like QLineEdit's signal

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._watch = _FocusOutFilter(self)
        self.installEventFilter(self._watch)


class _FocusOutFilter(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusOut and obj.document().isModified():
            obj.editingFinished.emit()
        return False
