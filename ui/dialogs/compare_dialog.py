"""Compare two versions of a trip: what was added, removed and changed (each changed field with its
value before and after: “price 26,000 → 28,000 JPY”, “start time 07:00 → 08:00”)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.domain.trip_models import TripVersion
from studio.services.trips import reading as trip_reading
from studio.services.trips import suppliers as trip_suppliers
from studio.services.trips import versions as trip_versions
from ui.context import AppContext
from ui.models.trip_table import amount_text
from ui.style import set_muted


def field_label(name: str) -> str:
    return {
        "kind": QCoreApplication.translate("CompareDialog", "kind"),
        "title": QCoreApplication.translate("CompareDialog", "title"),
        "start_time": QCoreApplication.translate("CompareDialog", "start time"),
        "end_time": QCoreApplication.translate("CompareDialog", "end time"),
        "time_zone": QCoreApplication.translate("CompareDialog", "time zone"),
        "end_time_zone": QCoreApplication.translate("CompareDialog", "arrival time zone"),
        "place": QCoreApplication.translate("CompareDialog", "place"),
        "supplier_id": QCoreApplication.translate("CompareDialog", "supplier"),
        "confirmation": QCoreApplication.translate("CompareDialog", "confirmation"),
        "cost": QCoreApplication.translate("CompareDialog", "cost"),
        "price": QCoreApplication.translate("CompareDialog", "price"),
        "currency": QCoreApplication.translate("CompareDialog", "currency"),
        "notes": QCoreApplication.translate("CompareDialog", "notes"),
        "tags": QCoreApplication.translate("CompareDialog", "tags"),
        "day": QCoreApplication.translate("CompareDialog", "day"),
    }.get(name, name.replace("_", " "))


_MONEY = ("price", "cost")
_LONG = 60  # characters of a changed text (notes…) shown; the tooltip shows more


def _short(text: str, limit: int = _LONG) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def value_text(name: str, value: Any, suppliers: dict[str, str], limit: int = _LONG) -> str:
    """One side of a change as people read it; “—” for nothing."""
    if value is None or value == "" or value == "[]":
        return "—"
    if name == "supplier_id":
        return suppliers.get(value, QCoreApplication.translate("CompareDialog", "another supplier"))
    if name in _MONEY:
        try:
            return amount_text(value)
        except ArithmeticError:
            return str(value)
    if name == "tags":
        try:
            return ", ".join(json.loads(value)) or "—"
        except (TypeError, ValueError):
            return str(value)
    return _short(str(value), limit)


def change_text(
    ch: trip_versions.ItemChange,
    name: str,
    old: Any,
    new: Any,
    suppliers: dict[str, str],
    limit: int = _LONG,
) -> str:
    """“price 26,000 → 28,000 JPY”, “start time 07:00 → 08:00”, “day 2 → 3”."""
    label = field_label(name)
    before, after = value_text(name, old, suppliers, limit), value_text(name, new, suppliers, limit)
    if name == "day":
        return f"{label} {old or '—'} → {new or '—'}"
    if name in _MONEY:
        cur_old, cur_new = ch.old_currency or "", ch.new_currency or ""
        if cur_old == cur_new:
            return f"{label} {before} → {after} {cur_new}".rstrip()
        return f"{label} {before} {cur_old} → {after} {cur_new}".rstrip()
    return f"{label} {before} → {after}"


def version_text(v: TripVersion) -> str:
    text = f"v{v.number}"
    if v.label:
        text += f" “{v.label}”"
    return (
        QCoreApplication.translate("CompareDialog", "%1 (approved)").replace("%1", text)
        if v.locked
        else text
    )


class CompareDialog(QDialog):
    """Two version choosers and the differences between them, grouped added / removed / changed."""

    def __init__(
        self,
        ctx: AppContext,
        trip_id: str,
        old_version_id: str | None = None,
        new_version_id: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(self.tr("Compare versions"))
        self.setObjectName("compareDialog")
        versions = trip_reading.versions(ctx.studio, trip_id)
        self.old = QComboBox(self)
        self.new = QComboBox(self)
        for v in versions:
            self.old.addItem(version_text(v), v.id)
            self.new.addItem(version_text(v), v.id)
        if new_version_id is None and versions:
            new_version_id = versions[-1].id
        if old_version_id is None:
            by_id = {v.id: v for v in versions}
            newer = by_id.get(new_version_id)
            if newer is not None and newer.based_on_id in by_id:
                old_version_id = newer.based_on_id
            else:
                older = [v for v in versions if newer is not None and v.number < newer.number]
                old_version_id = older[-1].id if older else (versions[0].id if versions else None)
        self.old.setCurrentIndex(max(0, self.old.findData(old_version_id)))
        self.new.setCurrentIndex(max(0, self.new.findData(new_version_id)))

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("&From"), self, buddy=self.old))
        row.addWidget(self.old, 1)
        row.addWidget(QLabel(self.tr("&to"), self, buddy=self.new))
        row.addWidget(self.new, 1)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("comparison")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Item"), self.tr("Day"), self.tr("What changed")])
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        # a changed item lists its changes one under another ("price 26,000 → 28,000 JPY")
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.empty = QLabel(self.tr("These two versions plan the same items."), self)
        set_muted(self.empty)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        em = self.fontMetrics().averageCharWidth()
        self.resize(em * 120, self.fontMetrics().lineSpacing() * 30)
        self.tree.setColumnWidth(0, em * 44)
        self.tree.setColumnWidth(1, em * 8)

        self.old.currentIndexChanged.connect(self.refresh)
        self.new.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        old, new = self.old.currentData(), self.new.currentData()
        if not old or not new:
            self.summary.setText(self.tr("This trip has no versions to compare."))
            self.empty.hide()
            return
        cmp = trip_versions.compare_versions(self._ctx.studio, old, new)
        self.comparison = cmp
        self.summary.setText(
            self.tr("%1 added, %2 removed, %3 changed.")
            .replace("%1", str(len(cmp.added)))
            .replace("%2", str(len(cmp.removed)))
            .replace("%3", str(len(cmp.changed)))
        )
        suppliers = {s.id: s.name for s in trip_suppliers.suppliers(self._ctx.studio)}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for title, changes, show_fields in (
            (self.tr("Added"), cmp.added, False),
            (self.tr("Removed"), cmp.removed, False),
            (self.tr("Changed"), cmp.changed, True),
        ):
            if not changes:
                continue
            group = QTreeWidgetItem(self.tree, [f"{title} ({len(changes)})"])
            group.setFont(0, bold)
            group.setFirstColumnSpanned(True)
            for ch in changes:
                parts, whole = [], []
                if show_fields:
                    if len(ch.old_values) == len(ch.fields) == len(ch.new_values):
                        pairs = list(zip(ch.fields, ch.old_values, ch.new_values, strict=True))
                        parts = [change_text(ch, f, o, n, suppliers) for f, o, n in pairs]
                        whole = [change_text(ch, f, o, n, suppliers, 500) for f, o, n in pairs]
                    else:  # a comparison without values: the fields' names
                        parts = whole = [field_label(f) for f in ch.fields]
                what = "\n".join(parts)
                item = QTreeWidgetItem(group, [ch.title, str(ch.day) if ch.day else "", what])
                item.setToolTip(0, ch.title)
                if what:
                    item.setToolTip(2, "\n".join(whole))
            group.setExpanded(True)
        self.tree.setVisible(not cmp.is_empty)
        self.empty.setVisible(cmp.is_empty)

    def lines(self) -> list[str]:
        """The comparison as plain lines ("Added: Title (day 2)"), for tests and copying."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                c = group.child(j)
                out.append(
                    f"{group.text(0)}: {c.text(0)} | {c.text(1)} | {c.text(2).replace(chr(10), '; ')}"
                )
        return out
