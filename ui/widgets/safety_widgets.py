"""The profile check in the client: how loud a flag is (its colour and sign) and a tags field
that suggests tags as they are typed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ui.style import error_color, is_dark

SIGNS = {"danger": "⛔", "warning": "⚠", "notice": "•"}


def severity_colour(severity: str) -> QColor:
    """Red for a danger, amber for a warning, the muted text colour for a notice."""
    if severity == "danger":
        return error_color()
    if severity == "warning":
        return QColor("#e3b341") if is_dark() else QColor("#9a6700")
    return QColor("#8b949e") if is_dark() else QColor("#57606a")


def severity_label(severity: str) -> str:
    return {
        "danger": QCoreApplication.translate("Safety", "Danger"),
        "warning": QCoreApplication.translate("Safety", "Warning"),
        "notice": QCoreApplication.translate("Safety", "Notice"),
    }.get(severity, severity)


class TagCompleter(QCompleter):
    """Completes the tag being typed in a comma-separated list (the part after the last comma),
    from a list of suggestions, matching anywhere in a tag and ignoring case."""

    def __init__(self, suggestions: list[str], edit: QLineEdit, parent: QWidget | None = None):
        super().__init__(parent or edit)
        self._edit = edit
        self.setModel(QStringListModel(suggestions, self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(10)
        self.setWidget(edit)
        self.activated[str].connect(self.insert)  # type: ignore[index]
        edit.textEdited.connect(self._typed)

    def current_part(self) -> str:
        text = self._edit.text()[: self._edit.cursorPosition()].replace("，", ",")
        return text.rsplit(",", 1)[-1].strip()

    def _typed(self, _text: str) -> None:
        part = self.current_part()
        if not part:
            self.popup().hide()
            return
        self.setCompletionPrefix(part)
        if self.completionCount():
            self.complete()
        else:
            self.popup().hide()

    def insert(self, tag: str) -> None:
        """Replace the tag being typed with ``tag`` and start the next one."""
        edit = self._edit
        pos = edit.cursorPosition()
        text = edit.text()
        head, tail = text[:pos].replace("，", ","), text[pos:]
        before = head.rsplit(",", 1)[0] + ", " if "," in head else ""
        rest = tail.split(",", 1)[1] if "," in tail else ""
        new = before + tag + ", "
        edit.setText(new + rest.lstrip())
        edit.setCursorPosition(len(new))
