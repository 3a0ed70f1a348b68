"""The History tab: who changed what, when — read from the change journal."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.domain import formatting
from studio.domain import values as v
from studio.domain.names import display_name
from studio.domain.validate import format_phone
from studio.services import queries
from studio.services.dossier_queries import names_for_ids
from studio.sync.status import laptop_names
from ui.context import AppContext
from ui.widgets import labels

COL_WHEN, COL_WHO, COL_WHAT, COL_CHANGE = range(4)
_ROOT = QModelIndex()
#: The UTC ISO time of a row, for sorting.
SortRole = Qt.ItemDataRole.UserRole + 1

_CTX = "HistoryModel"
_FIELDS = {
    "name": QT_TRANSLATE_NOOP("HistoryModel", "name"),
    "native_name": QT_TRANSLATE_NOOP("HistoryModel", "native name"),
    "kind": QT_TRANSLATE_NOOP("HistoryModel", "kind"),
    "stage": QT_TRANSLATE_NOOP("HistoryModel", "stage"),
    "source": QT_TRANSLATE_NOOP("HistoryModel", "source"),
    "source_detail": QT_TRANSLATE_NOOP("HistoryModel", "source detail"),
    "referred_by_id": QT_TRANSLATE_NOOP("HistoryModel", "referred by"),
    "advisor_id": QT_TRANSLATE_NOOP("HistoryModel", "advisor"),
    "person_id": QT_TRANSLATE_NOOP("HistoryModel", "person"),
    "tags": QT_TRANSLATE_NOOP("HistoryModel", "tags"),
    "notes": QT_TRANSLATE_NOOP("HistoryModel", "notes"),
    "note": QT_TRANSLATE_NOOP("HistoryModel", "note"),
    "role": QT_TRANSLATE_NOOP("HistoryModel", "role"),
    "birth_date": QT_TRANSLATE_NOOP("HistoryModel", "birth date"),
    "value": QT_TRANSLATE_NOOP("HistoryModel", "value"),
    "label": QT_TRANSLATE_NOOP("HistoryModel", "label"),
    "preferred": QT_TRANSLATE_NOOP("HistoryModel", "preferred"),
    "purpose": QT_TRANSLATE_NOOP("HistoryModel", "purpose"),
    "granted": QT_TRANSLATE_NOOP("HistoryModel", "agreed"),
    "method": QT_TRANSLATE_NOOP("HistoryModel", "method"),
    "decided_on": QT_TRANSLATE_NOOP("HistoryModel", "date decided"),
    "occurred_at": QT_TRANSLATE_NOOP("HistoryModel", "date"),
    "summary": QT_TRANSLATE_NOOP("HistoryModel", "summary"),
    "body": QT_TRANSLATE_NOOP("HistoryModel", "details"),
    "satisfaction": QT_TRANSLATE_NOOP("HistoryModel", "satisfaction"),
    "status": QT_TRANSLATE_NOOP("HistoryModel", "status"),
    "resolution": QT_TRANSLATE_NOOP("HistoryModel", "resolution"),
    "resolved_at": QT_TRANSLATE_NOOP("HistoryModel", "resolved on"),
    "month": QT_TRANSLATE_NOOP("HistoryModel", "month"),
    "day": QT_TRANSLATE_NOOP("HistoryModel", "day"),
    "year": QT_TRANSLATE_NOOP("HistoryModel", "year"),
}
_VOCAB = {
    ("client", "kind"): v.ClientKind,
    ("client", "stage"): v.Stage,
    ("client", "source"): v.Source,
    ("person", "role"): v.PersonRole,
    ("contact_point", "kind"): v.ContactKind,
    ("interaction", "kind"): v.InteractionKind,
    ("interaction", "status"): v.ComplaintStatus,
    ("consent", "purpose"): v.ConsentPurpose,
    ("consent", "method"): v.ConsentMethod,
    ("important_date", "kind"): v.DateKind,
}
#: Fields not worth a line when a row is created (the row itself says it).
_QUIET = {"client_id", "position", "calendar"}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


@dataclass
class HistoryRow:
    when: str  # ISO UTC
    who: str
    what: str
    change: str


class HistoryModel(QAbstractTableModel):
    """Journal lines of one client, newest first; a created row is one line, not one per field."""

    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryModel", "When"),
        QT_TRANSLATE_NOOP("HistoryModel", "Who"),
        QT_TRANSLATE_NOOP("HistoryModel", "What"),
        QT_TRANSLATE_NOOP("HistoryModel", "Change"),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[HistoryRow] = []

    def load(self, studio, client_id: str | None) -> None:
        entries = queries.history(studio, client_id) if client_id else []
        ids = {e.old for e in entries if e.field.endswith("_id") and isinstance(e.old, str)}
        ids |= {e.new for e in entries if e.field.endswith("_id") and isinstance(e.new, str)}
        names = {k: display_name(*n) for k, n in names_for_ids(studio, ids).items()} if ids else {}
        rows: list[HistoryRow] = []
        created: dict[tuple[str, str], list] = {}
        laptops = laptop_names(studio) if entries else {}
        here = studio.device_id

        def who(e: queries.HistoryEntry) -> str:
            """The advisor, and the laptop when the change came from another one."""
            if not e.device or e.device == here:
                return e.advisor or ""
            laptop = laptops.get(e.device) or _tr("laptop %1").replace("%1", e.device[:8])
            if e.advisor and laptop == e.advisor:
                return f"{e.advisor} · {_tr('on their laptop')}"
            on = _tr("on %1").replace("%1", laptop)
            return f"{e.advisor} · {on}" if e.advisor else on

        for e in entries:
            if e.op == "create":
                key = (e.tx, e.row_id)
                if key not in created:
                    created[key] = []
                    rows.append(HistoryRow(e.when, who(e), _what(e), ""))
                    created[key].append(rows[-1])
                if e.field not in _QUIET and e.new is not False:  # “preferred: no” is noise
                    created[key].append(e)
                continue
            rows.append(HistoryRow(e.when, who(e), _what(e), _describe(e, names)))
        for row, *fields in created.values():
            shown = [f"{_field(e.field)} {_value(e, e.new, names)}" for e in reversed(fields)]
            row.change = _tr("added: %1").replace("%1", "; ".join(shown)) if shown else _tr("added")
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == COL_WHEN:
                return formatting.format_iso(row.when)
            return (row.when, row.who, row.what, row.change)[col]
        if role == SortRole:
            return row.when if col == COL_WHEN else (row.when, row.who, row.what, row.change)[col]
        return None


_STAMP = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})")
#: The first word of the core's subject, per table, is a vocabulary key: show its label instead.
_SUBJECT_VOCAB = {
    "contact_point": v.ContactKind,
    "interaction": v.InteractionKind,
    "important_date": v.DateKind,
}


def _what(e) -> str:
    subject = _STAMP.sub(r"\1 \2", e.subject or "")
    vocab = _SUBJECT_VOCAB.get(e.table)
    if vocab is not None and " " in subject:
        key, rest = subject.split(" ", 1)
        if e.table == "contact_point" and key in ("phone", "whatsapp"):
            rest = format_phone(rest)
        subject = f"{labels.label(vocab, key)} {rest}"
    elif e.table == "consent" and subject.startswith("consent to "):
        subject = labels.label(v.ConsentPurpose, subject.removeprefix("consent to "))
    return f"{labels.table_label(e.table)}: {subject}"


def _field(name: str) -> str:
    source = _FIELDS.get(name)
    return _tr(source) if source else name.replace("_", " ")


def _value(e, value: Any, names: dict[str, str]) -> str:
    if value is None or value == "":
        return "—"
    if e.field.endswith("_id"):
        return f"“{names.get(value, _tr('(unknown)'))}”"
    vocab = _VOCAB.get((e.table, e.field))
    if vocab is not None:
        return f"“{labels.label(vocab, value)}”"
    if isinstance(value, bool):
        return _tr("yes") if value else _tr("no")
    if e.field == "tags" and isinstance(value, str):
        try:
            return ", ".join(json.loads(value)) or "—"
        except json.JSONDecodeError:
            pass
    if isinstance(value, str):
        flat = _STAMP.sub(r"\1 \2", " ".join(value.split()))
        return f"“{flat[:80]}…”" if len(flat) > 80 else f"“{flat}”"
    return str(value)


def _describe(e, names: dict[str, str]) -> str:
    if e.op == "delete":
        return _tr("deleted")
    if e.op == "restore":
        return _tr("restored")
    return (
        _tr("changed %1 from %2 to %3")
        .replace("%1", _field(e.field))
        .replace("%2", _value(e, e.old, names))
        .replace("%3", _value(e, e.new, names))
    )


class HistoryPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.model = HistoryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SortRole)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter the history…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        # Long changes wrap onto more lines rather than being cut to “add…” on a narrow pane.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        for col in (COL_WHEN, COL_WHO):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_CHANGE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.setAccessibleName(self.tr("History"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)

    def load(self, client_id: str | None) -> None:
        self.model.load(self._ctx.studio, client_id)
        self._what_hint = self.table.sizeHintForColumn(COL_WHAT) if self.model.rowCount() else 120
        self._fit_what_column()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_what_column()

    def _fit_what_column(self) -> None:
        # “What” gets what it needs up to a quarter of the table, so “Change” keeps room to read.
        hint = getattr(self, "_what_hint", 120)  # measured once per load, not on every resize
        self.table.setColumnWidth(
            COL_WHAT, max(100, min(hint, 260, self.table.viewport().width() // 4))
        )
