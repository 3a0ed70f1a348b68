"""The profile flags of a trip version, loudest first, where the advisor marks a flag checked
(it stops shouting but stays listed, with who and when) or takes a mark back."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.services.safety import check as safety_check
from studio.services.trips import totals as trip_totals
from ui.context import AppContext
from ui.widgets.field_editors import ErrorLabel
from ui.widgets.safety_widgets import SIGNS, severity_colour, severity_label

FlagRole = Qt.ItemDataRole.UserRole + 1


class SafetyDialog(QDialog):
    """Lists every flag of ``version_id`` (checked ones too); *Mark checked* and *Unmark* act
    on the selected flag, each one undoable step."""

    def __init__(
        self, ctx: AppContext, trip_title: str, version_id: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx, self.version_id = ctx, version_id
        self.setObjectName("safetyDialog")
        self.setWindowTitle(self.tr("Profile flags of “%1”").replace("%1", trip_title))
        intro = QLabel(
            self.tr(
                "What in the plan clashes with the travellers' profiles. Mark a flag checked once "
                "you have confirmed it (with the kitchen, the guide, the client): it stops "
                "shouting but stays on this list and in the pre-send check. A change to the "
                "item makes it loud again."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("how it was checked (optional), e.g. chef confirmed"))
        self.mark_button = QPushButton(self.tr("&Mark checked"), self)
        self.unmark_button = QPushButton(self.tr("&Unmark"), self)
        self.error = ErrorLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.mark_button)
        row.addWidget(self.unmark_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.mark_button.clicked.connect(self.mark_selected)
        self.unmark_button.clicked.connect(self.unmark_selected)
        self.list.currentRowChanged.connect(self._update_buttons)
        ctx.bridge.sig_changed.connect(self.reload)
        em = self.fontMetrics().averageCharWidth()
        self.resize(em * 100, self.fontMetrics().lineSpacing() * 26)
        self.reload()

    def reload(self) -> None:
        keep = self.current_flag()
        keep_key = (keep.item_id, keep.fact_id) if keep else None
        self.flags = trip_totals.flags(self.ctx.studio, self.version_id, include_checked=True)
        order = {s: n for n, s in enumerate(safety_check.SEVERITIES)}
        self.flags.sort(key=lambda f: (f.checked is not None, order.get(f.severity, 3), f.day or 0))
        self.list.clear()
        for f in self.flags:
            text = (
                self.tr("Day %1, “%2”: %3")
                .replace("%1", str(f.day or "?"))
                .replace("%2", f.title)
                .replace("%3", f.reason)
            )
            if f.checked:
                text = "✓ " + text + "\n" + self.tr("Checked: %1").replace("%1", f.checked)
            else:
                text = f"{SIGNS.get(f.severity, '')} {severity_label(f.severity)} · {text}"
            item = QListWidgetItem(text, self.list)
            item.setData(FlagRole, f)
            if f.checked is None:
                item.setForeground(QBrush(severity_colour(f.severity)))
                if f.severity == "danger":
                    font = QFont(self.list.font())
                    font.setBold(True)
                    item.setFont(font)
            else:
                item.setForeground(QBrush(severity_colour("notice")))
            if keep_key == (f.item_id, f.fact_id):
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def current_flag(self) -> trip_totals.Flag | None:
        item = self.list.currentItem() if hasattr(self, "list") else None
        return item.data(FlagRole) if item is not None else None

    def _update_buttons(self) -> None:
        f = self.current_flag()
        self.mark_button.setEnabled(f is not None and f.checked is None)
        self.unmark_button.setEnabled(f is not None and f.check_id is not None)

    def mark_selected(self) -> None:
        f = self.current_flag()
        if f is None or f.fact_id is None:
            return
        note = self.note.text()
        try:
            self.ctx.execute(
                self.tr("Mark the flag on “%1” checked").replace("%1", f.title),
                lambda: safety_check.mark_checked(self.ctx.studio, f.item_id, f.fact_id, note),
            )
        except StudioError as exc:
            self.error.set_message(str(exc))
            return
        self.error.set_message("")
        self.note.clear()

    def unmark_selected(self) -> None:
        f = self.current_flag()
        if f is None or f.check_id is None:
            return
        check_id = f.check_id
        try:
            self.ctx.execute(
                self.tr("Unmark the flag on “%1”").replace("%1", f.title),
                lambda: safety_check.unmark(self.ctx.studio, check_id),
            )
        except StudioError as exc:
            self.error.set_message(str(exc))


def flags_html(found: list[trip_totals.Flag], text: str) -> str:
    """``text`` (e.g. "⚠ 2 profile flags") coloured as loud as the loudest flag: bold red with
    a stop sign when one is a danger (a severe allergy), amber for warnings, muted for notices."""
    order = safety_check.SEVERITIES
    loudest = min((f.severity for f in found), key=order.index, default="notice")
    shown = html.escape(text)
    if loudest == "danger":
        shown = "<b>" + html.escape(text.replace("⚠", SIGNS["danger"])) + "</b>"
    return f'<span style="color:{severity_colour(loudest).name()}">{shown}</span>'


def review_link(widget: QWidget) -> str:
    return ' &nbsp;<a href="review">' + html.escape(widget.tr("Review…")) + "</a>"
