"""Two small questions a trip asks before a change: the pre-send check and a travelling reason."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from studio.domain.trip_models import CHANGE_REASONS
from ui.widgets.safety_widgets import severity_colour


def reason_label(reason: str) -> str:
    return {
        "weather": QCoreApplication.translate("ChangeReason", "Weather"),
        "client request": QCoreApplication.translate("ChangeReason", "Client request"),
        "supplier": QCoreApplication.translate("ChangeReason", "Supplier"),
        "other": QCoreApplication.translate("ChangeReason", "Other"),
    }.get(reason, reason)


class PresendDialog(QDialog):
    """Lists what the pre-send check found; OK ("Mark as proposed") only after the advisor
    ticks that they have looked at each point."""

    def __init__(self, trip_title: str, problems: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Before sending the proposal"))
        self.setObjectName("presendDialog")
        text = (
            self.tr(
                "The pre-send check of “%1” found one point to look at before the proposal goes "
                "to the client:"
            )
            if len(problems) == 1
            else self.tr(
                "The pre-send check of “%1” found %2 points to look at before the proposal goes "
                "to the client:"
            ).replace("%2", str(len(problems)))
        )
        intro = QLabel(text.replace("%1", trip_title), self)
        intro.setWordWrap(True)
        self.problems = QListWidget(self)
        self.problems.setWordWrap(True)
        self.problems.setAlternatingRowColors(True)
        self.problems.addItems(problems)
        for row, text in enumerate(problems):  # a checked flag is listed, but quietly
            if "(checked by " in text:
                self.problems.item(row).setForeground(QBrush(severity_colour("notice")))
        self.acknowledge = QCheckBox(
            self.tr("I have looked at each point and want to send it as it is"), self
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Mark as proposed"))
        self.ok_button.setEnabled(False)
        self.acknowledge.toggled.connect(self.ok_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.acknowledge)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().averageCharWidth()
        self.resize(em * 90, self.fontMetrics().lineSpacing() * 22)


class ChangeReasonDialog(QDialog):
    """While the client is travelling, every change says why (kept for the trip's story)."""

    def __init__(self, what: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Why does this change?"))
        self.setObjectName("changeReasonDialog")
        intro = QLabel(
            self.tr(
                "The client is travelling. Say why “%1” changes; the reason is kept with the trip."
            ).replace("%1", what),
            self,
        )
        intro.setWordWrap(True)
        self.reason = QComboBox(self)
        for r in CHANGE_REASONS:
            self.reason.addItem(reason_label(r), r)
        self.detail = QLineEdit(self)
        self.detail.setPlaceholderText(self.tr("optional, e.g. typhoon warning, flight moved"))
        form = QFormLayout()
        form.addRow(self.tr("&Reason:"), self.reason)
        form.addRow(self.tr("&Detail:"), self.detail)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def reason_text(self) -> str:
        """ "weather" or "weather: typhoon warning"."""
        detail = self.detail.text().strip()
        key = self.reason.currentData()
        return f"{key}: {detail}" if detail else key
