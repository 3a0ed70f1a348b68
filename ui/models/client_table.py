"""The client list as a table model that stays smooth with 100,000 clients.

The model keeps only the ordered list of ids (``queries.client_ids``: one cheap query) and fetches
:class:`~studio.services.queries.ClientRow` lines a page at a time, when the view first asks for a
row of that page. Sorting and filtering re-run the id query in SQL; the proxy never sorts or
filters by itself, so it never touches every row.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from studio.domain import formatting, names
from studio.services import queries
from studio.services.loyalty.tiers import tier_names
from studio.services.queries import ClientFilter, ClientRow
from studio.store import ChangeSet, Studio

COL_NAME = 0
COL_STAGE = 1
COL_ADVISOR = 2
COL_TAGS = 3
COL_LAST_INTERACTION = 4
COL_NEXT_DATE = 5
COL_DELETED = 6  # only in the Recently deleted list
COL_PROFILE = 7  # completeness of the preference profile, in percent
COL_TIER = 8  # the loyalty tier reached (studio.services.loyalty.tiers)

ClientIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2  #: the queries.SORTS key of a column (header data)
RowRole = Qt.ItemDataRole.UserRole + 3  #: the whole ClientRow

_ROOT = QModelIndex()

PAGE_SIZE = 200
MAX_PAGES = 64  # pages kept in memory (64 × 200 = 12,800 rows); older ones are dropped

#: Column → key of queries.SORTS (None: not sortable in SQL).
SORT_KEYS: dict[int, str | None] = {
    COL_NAME: "name",
    COL_STAGE: "stage",
    COL_ADVISOR: "advisor",
    COL_TAGS: None,
    COL_LAST_INTERACTION: "last_interaction",
    COL_NEXT_DATE: None,
    COL_DELETED: "deleted",
    COL_PROFILE: "completeness",
    COL_TIER: None,
}

#: Client fields that decide which clients are listed, or in what order.
_ORDER_FIELDS = frozenset({"name", "native_name", "stage", "advisor_id", "tags", "deleted_at"})

#: Tables whose changes can alter a line of the list.
_LIST_TABLES = frozenset(
    {"client", "advisor", "interaction", "important_date", "person", "profile_fact"}
    | {"trip", "trip_item", "loyalty_tier"}  # the tier column
)


def stage_label(stage: str) -> str:
    labels = {
        "prospect": QApplication.translate("ClientTable", "Prospect"),
        "active": QApplication.translate("ClientTable", "Active"),
        "repeat": QApplication.translate("ClientTable", "Repeat"),
        "dormant": QApplication.translate("ClientTable", "Dormant"),
        "lost": QApplication.translate("ClientTable", "Lost"),
    }
    return labels.get(stage, stage)


def local_time(stamp: str | None) -> str:
    """A stored UTC timestamp as this laptop's local time, to the minute."""
    if not stamp:
        return ""
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return formatting.format_datetime(when)


def _listed_name(row: ClientRow) -> str:
    """Romanized name with the native script beside it when it differs (the list's form)."""
    return names.display_name(row.name, row.native_name, names.NameForm.LISTED)


class ClientTableModel(QAbstractTableModel):
    """Clients matching a :class:`ClientFilter`, in SQL order, fetched lazily by pages."""

    #: Fires after the id list was re-queried (filter, sort or data changed), with the new count.
    sig_count_changed = Signal(int)

    def __init__(self, studio: Studio, *, deleted: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self._studio = studio
        self._deleted = deleted
        self._filter = ClientFilter(deleted=deleted)
        self._sort = "deleted" if deleted else "name"
        self._descending = deleted  # most recently deleted first
        self._ids: list[str] = []
        self._pages: OrderedDict[int, list[ClientRow | None]] = OrderedDict()
        self.pages_fetched = 0  # for tests and the bench: how many page queries ran
        self.id_queries = 0  # … and how many id-list queries
        self._columns = [
            COL_NAME,
            COL_STAGE,
            COL_ADVISOR,
            COL_TAGS,
            COL_LAST_INTERACTION,
            COL_NEXT_DATE,
            COL_PROFILE,
            COL_TIER,
        ]
        self._tiers: dict[str, str] = {}  # client id → tier name, for the rows fetched
        if deleted:
            self._columns = [COL_NAME, COL_STAGE, COL_ADVISOR, COL_DELETED]
        self._requery()

    # -- what the list shows ------------------------------------------------------------------
    def set_filter(self, flt: ClientFilter) -> None:
        flt = replace(flt, deleted=self._deleted)
        if flt == self._filter:
            return
        self._filter = flt
        self.refresh()

    @property
    def sort_key(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def column_of(self, kind: int) -> int:
        return self._columns.index(kind)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        key = SORT_KEYS.get(self._columns[column])
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = key, descending
        self.refresh()

    def refresh(self) -> None:
        """Re-query the id list and drop cached pages (after a change, filter or sort)."""
        self.beginResetModel()
        self._requery()
        self.endResetModel()
        self.sig_count_changed.emit(len(self._ids))

    def on_studio_changed(self, changes: ChangeSet) -> None:
        """Re-query when membership or order may have changed; else just re-read touched lines.

        Re-querying 100,000 ids after every keystroke-sized dossier edit would be wasteful, so an
        edit that only changes what a line shows drops that line's cached page instead.
        """
        if self._needs_requery(changes):
            self.refresh()
            return
        if not changes.tables & _LIST_TABLES:
            return
        if "advisor" in changes.tables or "loyalty_tier" in changes.tables:
            self._pages.clear()  # a renamed advisor or tier shows on many lines
            self._tiers.clear()
        else:
            touched = changes.client_ids
            for page_no, page in list(self._pages.items()):
                if any(r is not None and r.id in touched for r in page):
                    del self._pages[page_no]
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1)
            )

    def _needs_requery(self, changes: ChangeSet) -> bool:
        if self._filter.text.strip() and changes.client_ids:
            return True  # the search index covers contacts and notes too
        if self._filter.profile and ":" in self._filter.profile and changes.client_ids:
            return True  # segments follow facts, stages, birth dates and feedback
        for e in changes.entries:
            if e.table == "client" and (e.op != "update" or e.field in _ORDER_FIELDS):
                return True
            if e.table == "interaction" and self._sort == "last_interaction":
                return True
            if e.table == "advisor" and self._sort == "advisor":
                return True
            if e.table == "profile_fact" and (self._sort == "completeness" or self._filter.profile):
                return True
        return False

    def _requery(self) -> None:
        self._ids = queries.client_ids(self._studio, self._filter, self._sort, self._descending)
        self.id_queries += 1
        self._pages.clear()

    # -- lookups ------------------------------------------------------------------------------
    def client_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, client_id: str) -> int:
        try:
            return self._ids.index(client_id)
        except ValueError:
            return -1

    def client_row(self, row: int) -> ClientRow | None:
        if not 0 <= row < len(self._ids):
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]
            fetched = {r.id: r for r in queries.client_rows(self._studio, ids)}
            if COL_TIER in self._columns:
                self._tiers.update(tier_names(self._studio, ids))
            page = [fetched.get(i) for i in ids]
            self._pages[page_no] = page
            self.pages_fetched += 1
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[row - page_no * PAGE_SIZE]

    @property
    def cached_rows(self) -> int:
        return sum(len(p) for p in self._pages.values())

    # -- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        kind = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_NAME: self.tr("Name"),
                COL_STAGE: self.tr("Stage"),
                COL_ADVISOR: self.tr("Advisor"),
                COL_TAGS: self.tr("Tags"),
                COL_LAST_INTERACTION: self.tr("Last interaction"),
                COL_NEXT_DATE: self.tr("Next important date"),
                COL_DELETED: self.tr("Deleted"),
                COL_PROFILE: self.tr("Profile"),
                COL_TIER: self.tr("Tier"),
            }[kind]
        if role == SortRole:
            return SORT_KEYS.get(kind)
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        if role == ClientIdRole:
            return self.client_id(index.row())
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            SortRole,
            RowRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return None
        row = self.client_row(index.row())
        if row is None:
            return None
        if role == RowRole:
            return row
        kind = self._columns[index.column()]
        if role == SortRole:
            return self._sort_value(row, kind)
        if role == Qt.ItemDataRole.ForegroundRole:
            if kind in (COL_LAST_INTERACTION, COL_NEXT_DATE, COL_DELETED) or (
                kind == COL_STAGE and row.stage in ("dormant", "lost")
            ):
                return QApplication.palette().brush(
                    QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText
                )
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if kind == COL_NEXT_DATE and row.next_date:
                return f"{row.next_date[0]} — {row.next_date[1]}"
            if kind == COL_TAGS and row.tags:
                return ", ".join(row.tags)
            if kind == COL_NAME:
                return _listed_name(row)
            return None
        return self._display(row, kind)

    def _display(self, row: ClientRow, kind: int) -> str:
        if kind == COL_NAME:
            return _listed_name(row)
        if kind == COL_STAGE:
            return stage_label(row.stage)
        if kind == COL_ADVISOR:
            return row.advisor_name or ""
        if kind == COL_TAGS:
            return ", ".join(row.tags)
        if kind == COL_LAST_INTERACTION:
            return formatting.format_date((row.last_interaction or "")[:10])
        if kind == COL_NEXT_DATE:
            return (
                f"{formatting.format_date(row.next_date[0])}  {row.next_date[1]}"
                if row.next_date
                else ""
            )
        if kind == COL_DELETED:
            return local_time(row.deleted_at)
        if kind == COL_PROFILE:
            return f"{row.completeness}%"
        if kind == COL_TIER:
            return self._tiers.get(row.id, "")
        return ""

    @staticmethod
    def _sort_value(row: ClientRow, kind: int) -> Any:
        return {
            COL_NAME: row.name.casefold(),
            COL_STAGE: row.stage,
            COL_ADVISOR: (row.advisor_name or "").casefold(),
            COL_TAGS: ", ".join(row.tags),
            COL_LAST_INTERACTION: row.last_interaction or "",
            COL_NEXT_DATE: row.next_date[0] if row.next_date else "",
            COL_DELETED: row.deleted_at or "",
            COL_PROFILE: row.completeness,
            COL_TIER: "",
        }[kind]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ClientProxyModel(QSortFilterProxyModel):
    """The proxy views use. Sorting is delegated to the source model's SQL ordering; filtering
    is the source's SQL filter. The proxy keeps an identity mapping and never reads row data."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, ClientTableModel):
            source.sort(column, order)

    def client_id(self, proxy_row: int) -> str | None:
        src = self.mapToSource(self.index(proxy_row, 0))
        source = self.sourceModel()
        return (
            source.client_id(src.row())
            if src.isValid() and isinstance(source, ClientTableModel)
            else None
        )

    def row_of(self, client_id: str) -> int:
        source = self.sourceModel()
        if not isinstance(source, ClientTableModel):
            return -1
        r = source.row_of(client_id)
        if r < 0:
            return -1
        return self.mapFromSource(source.index(r, 0)).row()
