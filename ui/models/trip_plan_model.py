"""The day-by-day plan of one trip version as a tree: days at the top, their items beneath.

Read through :mod:`studio.services.trips`; every change (drops, keyboard moves) goes through
``ctx.execute`` as one undoable step, calling the core's moves
(:func:`studio.services.trips.plan.move_items`, :func:`~studio.services.trips.plan.move_days`),
which do the copy-on-write of an approved version themselves. The model follows the version the
core writes to: when an edit aimed at an approved (locked) version starts a new version, the model
moves to that one and says so with :attr:`TripPlanModel.sig_version_followed`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QByteArray,
    QCoreApplication,
    QDate,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from studio.domain import formatting
from studio.domain.trip_models import ITEM_KINDS, Trip, TripDay, TripItem, TripVersion
from studio.errors import NotFoundError, StudioError
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips import suppliers as trip_suppliers
from studio.services.trips import totals as trip_totals
from studio.store import ChangeSet
from ui.context import AppContext
from ui.style import error_color
from ui.widgets.icons import badge_icon

COL_WHEN, COL_KIND, COL_TITLE, COL_PLACE, COL_SUPPLIER, COL_CONFIRMATION, COL_PRICE = range(7)
COLUMN_COUNT = 7

ItemIdRole = Qt.ItemDataRole.UserRole + 1  #: the item's id (None on a day row)
DayIdRole = Qt.ItemDataRole.UserRole + 2  #: the day's id (an item row gives its day's)
KindRole = Qt.ItemDataRole.UserRole + 3  #: the item's kind key ("flight"…), "day" on a day row
FlagRole = Qt.ItemDataRole.UserRole + 4  #: the profile-conflict reasons of an item, or None
RowObjectRole = Qt.ItemDataRole.UserRole + 5  #: the TripDay or TripItem behind the row

MIME_TYPE = "application/x-travel-studio-plan"

#: Tables whose changes can alter what the plan shows.
_WATCHED = frozenset(
    {
        "trip",
        "trip_version",
        "trip_day",
        "trip_item",
        "supplier",
        "profile_fact",
        "trip_traveller",
        "person",
    }
)

_CTX = "Vocabulary"
KIND_LABELS = {
    "flight": QT_TRANSLATE_NOOP("Vocabulary", "Flight"),
    "lodging": QT_TRANSLATE_NOOP("Vocabulary", "Lodging"),
    "transfer": QT_TRANSLATE_NOOP("Vocabulary", "Transfer"),
    "activity": QT_TRANSLATE_NOOP("Vocabulary", "Activity"),
    "dining": QT_TRANSLATE_NOOP("Vocabulary", "Dining"),
    "free": QT_TRANSLATE_NOOP("Vocabulary", "Free time"),
    "note": QT_TRANSLATE_NOOP("Vocabulary", "Note"),
}


def kind_label(kind: str | None) -> str:
    """The translated label of an item kind."""
    source = KIND_LABELS.get(kind or "")
    return QCoreApplication.translate(_CTX, source) if source else (kind or "")


#: The letter on each kind's badge (translatable; distinct within a language).
KIND_BADGES = {
    "flight": QT_TRANSLATE_NOOP("KindBadge", "F"),
    "lodging": QT_TRANSLATE_NOOP("KindBadge", "L"),
    "transfer": QT_TRANSLATE_NOOP("KindBadge", "T"),
    "activity": QT_TRANSLATE_NOOP("KindBadge", "A"),
    "dining": QT_TRANSLATE_NOOP("KindBadge", "D"),
    "free": QT_TRANSLATE_NOOP("KindBadge", "~"),
    "note": QT_TRANSLATE_NOOP("KindBadge", "N"),
}


def kind_badge(kind: str | None) -> str:
    source = KIND_BADGES.get(kind or "")
    return (
        QCoreApplication.translate("KindBadge", source) if source else (kind_label(kind)[:1] or "?")
    )


def kind_choices() -> list[tuple[str, str]]:
    return [(k, kind_label(k)) for k in ITEM_KINDS]


def zone_abbreviation(zone: str | None, day: str | None, clock: str | None) -> str:
    """ "JST", "CET"… for a zone at a day and time (the zone's name when there is no abbreviation)."""
    if not zone:
        return ""
    try:
        tz = ZoneInfo(zone)
        when = date.fromisoformat(day) if day else date.today()
        hhmm = datetime.strptime(clock, "%H:%M").time() if clock else datetime.min.time()
        return datetime.combine(when, hhmm, tz).tzname() or zone
    except (ValueError, KeyError, OSError):
        return zone


def time_span(item: TripItem, day: str | None) -> str:
    """``09:30–11:00 JST``; a flight across zones: ``10:05 CST – 14:40 JST``."""
    if not item.start_time and not item.end_time:
        return ""
    start_zone = zone_abbreviation(item.time_zone, day, item.start_time)
    end_zone = zone_abbreviation(
        item.end_time_zone or item.time_zone, day, item.end_time or item.start_time
    )
    start = item.start_time or "…"
    if not item.end_time:
        return f"{start} {start_zone}".strip()
    if item.end_time_zone and item.end_time_zone != item.time_zone:
        return f"{start} {start_zone} – {item.end_time} {end_zone}".strip()
    return f"{start}–{item.end_time} {start_zone}".strip()


def money_text(amount: str | None, currency: str | None) -> str:
    if not amount:
        return ""
    try:
        value = formatting.format_amount(Decimal(amount), cents=True)
    except (InvalidOperation, ValueError):
        value = amount
    return f"{value} {currency or ''}".strip()


@dataclass
class _Day:
    day: TripDay
    items: list[TripItem] = field(default_factory=list)


class TripPlanModel(QAbstractItemModel):
    """Days (top level) and their items (children) of one trip version."""

    #: Fires after the plan was re-read (a new version, a change from anywhere).
    sig_refreshed = Signal()
    #: Fires with ``(old_version_id, new_version_id)`` when the model moved to another version by
    #: itself: an edit of an approved version started a new one, or the shown version went away.
    sig_version_followed = Signal(str, str)
    #: Fires with the core's one-sentence reason when it refused a move (e.g. two flights would
    #: overlap); nothing was written.
    sig_move_refused = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.trip: Trip | None = None
        self.version: TripVersion | None = None
        self._days: list[_Day] = []
        self._suppliers: dict[str, str] = {}
        self._flags: dict[str, list[str]] = {}
        self.flag_rows: list[
            trip_totals.Flag
        ] = []  #: the version's profile flags, in the plan's order
        self.reads = 0
        self._compact_kinds = False
        #: Asked (with the moved item's title) why the plan changes while the client travels;
        #: returns the reason, or None to cancel the move. Unset: moves are not asked about.
        self.reason_provider: Callable[[str], str | None] | None = None
        ctx.bridge.sig_changed.connect(self.on_studio_changed)

    # -- what is shown ------------------------------------------------------------------------
    @property
    def version_id(self) -> str | None:
        return self.version.id if self.version else None

    @property
    def trip_id(self) -> str | None:
        return self.trip.id if self.trip else None

    @property
    def locked(self) -> bool:
        return bool(self.version and self.version.locked)

    @property
    def travelling(self) -> bool:
        return bool(self.trip and self.trip.status == "travelling")

    def set_version(self, trip_id: str | None, version_id: str | None) -> None:
        """Show ``version_id`` of ``trip_id`` (the trip's current version when None).

        Asking again for the version already shown does nothing: the model keeps itself current
        from the change signal, so a view that re-applies its choice after each change costs no
        second read (and no reset of the tree)."""
        if trip_id and version_id and (trip_id, version_id) == (self.trip_id, self.version_id):
            return
        self.beginResetModel()
        self._load(trip_id, version_id)
        self.endResetModel()
        self.sig_refreshed.emit()

    def _load(
        self,
        trip_id: str | None,
        version_id: str | None,
        known_flags: dict[str, list[str]] | None = None,
    ) -> None:
        """Read the plan; ``known_flags`` (item id → reasons) skips the profile check when the
        change cannot have altered any item's clashes (a move, a new time)."""
        self.trip, self.version, self._days = None, None, []
        self._flags, self.flag_rows = {}, []
        if not trip_id:
            return
        studio = self.ctx.studio
        try:
            self.trip = trip_reading.find_trip(studio, trip_id)
        except NotFoundError:
            return
        versions = {v.id: v for v in trip_reading.versions(studio, self.trip.id)}
        self.version = versions.get(version_id or self.trip.current_version_id or "")
        if self.version is None:
            return
        self.reads += 1
        by_day: dict[str, list[TripItem]] = {}
        for it in trip_reading.version_items(studio, self.version.id):
            by_day.setdefault(it.day_id, []).append(it)
        self._days = [
            _Day(d, by_day.get(d.id, [])) for d in trip_reading.days(studio, self.version.id)
        ]
        self._suppliers = {s.id: s.name for s in trip_suppliers.suppliers(studio)}
        if known_flags is None:
            self.flag_rows = trip_totals.flags(studio, self.version.id)
        else:
            self.flag_rows = sorted(
                (
                    trip_totals.Flag(it.id, it.title, d.day.day_number, reason)
                    for d in self._days
                    for it in d.items
                    for reason in known_flags.get(it.id, ())
                ),
                key=lambda f: (f.day or 0, f.title),
            )
        for f in self.flag_rows:
            reasons = self._flags.setdefault(f.item_id, [])
            if f.reason not in reasons:
                reasons.append(f.reason)

    def refresh(self, *, recheck_flags: bool = True) -> None:
        """Re-read the plan. Keeps the rows (and so the view's selection and expansion) when only
        what they show changed; resets the model when days or items came, went or moved."""
        old_shape = self._shape()
        old_version = self.version_id
        trip_id = self.trip_id
        before = self._state()
        self._load(trip_id, old_version, None if recheck_flags else dict(self._flags))
        if self.version_id == old_version and self._shape() == old_shape:
            if self._days:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._days) - 1, COLUMN_COUNT - 1)
                )
                for r, d in enumerate(self._days):
                    if d.items:
                        parent = self.index(r, 0)
                        self.dataChanged.emit(
                            self.index(0, 0, parent),
                            self.index(len(d.items) - 1, COLUMN_COUNT - 1, parent),
                        )
            self.sig_refreshed.emit()
            return
        # Put the old data back while the view is told a reset is coming.
        after = self._state()
        self._set_state(before)
        self.beginResetModel()
        self._set_state(after)
        self.endResetModel()
        self.sig_refreshed.emit()

    def _state(self) -> tuple:
        return self._days, self.trip, self.version, self._suppliers, self._flags, self.flag_rows

    def _set_state(self, state: tuple) -> None:
        self._days, self.trip, self.version, self._suppliers, self._flags, self.flag_rows = state

    def _shape(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(d.day.id, tuple(i.id for i in d.items)) for d in self._days]

    def on_studio_changed(self, changes: ChangeSet) -> None:
        if self.trip is None or not (changes.tables & _WATCHED):
            return
        if self.trip.client_id not in changes.client_ids and "supplier" not in changes.tables:
            return  # another client's trip or profile
        followed = self._version_to_follow(changes)
        if followed is not None:
            old = self.version_id or ""
            self.set_version(self.trip.id, followed)
            if self.version_id and self.version_id != old:
                self.sig_version_followed.emit(old, self.version_id)
            return
        self.refresh(recheck_flags=self._flags_may_change(changes))

    @staticmethod
    def _flags_may_change(changes: ChangeSet) -> bool:
        """Whether ``changes`` can alter which items clash with the travellers' profiles."""
        if changes.tables & {"profile_fact", "trip_traveller", "person", "trip", "trip_version"}:
            return True
        return any(
            e.table == "trip_item" and (e.op != "update" or e.field == "tags")
            for e in changes.entries
        )

    def _version_to_follow(self, changes: ChangeSet) -> str | None:
        """The version to move to after ``changes``, or None to stay."""
        if self.version is None or "trip_version" not in changes.tables:
            return None
        studio = self.ctx.studio
        try:
            trip = trip_reading.find_trip(studio, self.trip.id)
        except NotFoundError:
            return None
        versions = trip_reading.versions(studio, trip.id)
        ids = {v.id for v in versions}
        if self.version.id not in ids:  # e.g. undoing the edit that started the shown version
            return trip.current_version_id
        if not self.version.locked:
            return None
        created = {
            e.row_id for e in changes.entries if e.table == "trip_version" and e.op == "create"
        }
        for v in versions:
            if (
                v.id in created
                and v.based_on_id == self.version.id
                and v.id == trip.current_version_id
            ):
                return v.id
        return None

    def set_compact_kinds(self, compact: bool) -> None:
        """Show kinds as badges only (the label moves to the tooltip), for narrow views."""
        if compact != self._compact_kinds:
            self._compact_kinds = compact
            for r, d in enumerate(self._days):
                if d.items:
                    parent = self.index(r, 0)
                    self.dataChanged.emit(
                        self.index(0, COL_KIND, parent),
                        self.index(len(d.items) - 1, COL_KIND, parent),
                    )

    # -- lookups ------------------------------------------------------------------------------
    def day_count(self) -> int:
        return len(self._days)

    def day_at(self, index: QModelIndex | QPersistentModelIndex) -> TripDay | None:
        """The day of a day row, or the day an item row belongs to."""
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._days[index.row()].day if index.row() < len(self._days) else None
        d = index.internalId() - 1
        return self._days[d].day if d < len(self._days) else None

    def item_at(self, index: QModelIndex | QPersistentModelIndex) -> TripItem | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        d = index.internalId() - 1
        if d >= len(self._days) or index.row() >= len(self._days[d].items):
            return None
        return self._days[d].items[index.row()]

    def day_index(self, day_id: str, column: int = 0) -> QModelIndex:
        for r, d in enumerate(self._days):
            if d.day.id == day_id:
                return self.index(r, column)
        return QModelIndex()

    def item_index(self, item_id: str, column: int = 0) -> QModelIndex:
        for r, d in enumerate(self._days):
            for k, it in enumerate(d.items):
                if it.id == item_id:
                    return self.index(k, column, self.index(r, 0))
        return QModelIndex()

    def day_items(self, day_id: str) -> list[TripItem]:
        for d in self._days:
            if d.day.id == day_id:
                return list(d.items)
        return []

    def days(self) -> list[TripDay]:
        return [d.day for d in self._days]

    def day_label(self, day: TripDay) -> str:
        """``Day 3 · Fri 14 Mar · Arashiyama``."""
        parts = [self.tr("Day %1").replace("%1", str(day.day_number))]
        if day.date:
            qd = QDate.fromString(day.date, "yyyy-MM-dd")
            if qd.isValid():
                parts.append(formatting.day_month(day.date))
        if day.title:
            parts.append(day.title)
        return " · ".join(parts)

    # -- QAbstractItemModel -------------------------------------------------------------------
    def index(
        self,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        if column < 0 or column >= COLUMN_COUNT or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._days) else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= len(self._days):
            return QModelIndex()
        if row >= len(self._days[parent.row()].items):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self._days)
        if parent.internalId() == 0 and parent.column() == 0 and parent.row() < len(self._days):
            return len(self._days[parent.row()].items)
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return COLUMN_COUNT

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return self.rowCount(parent) > 0

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_WHEN: self.tr("Day / time"),
            COL_KIND: self.tr("Kind"),
            COL_TITLE: self.tr("Title"),
            COL_PLACE: self.tr("Place"),
            COL_SUPPLIER: self.tr("Supplier"),
            COL_CONFIRMATION: self.tr("Confirmation"),
            COL_PRICE: self.tr("Price"),
        }.get(section)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # days are dropped between days
        if index.internalId() == 0:
            return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        col = index.column()
        if index.internalId() == 0:
            if index.row() >= len(self._days):
                return None
            return self._day_data(self._days[index.row()].day, col, role)
        it = self.item_at(index)
        if it is None:
            return None
        return self._item_data(it, self._days[index.internalId() - 1].day, col, role)

    def _day_data(self, day: TripDay, col: int, role: int) -> Any:
        if role == DayIdRole:
            return day.id
        if role == KindRole:
            return "day"
        if role == RowObjectRole:
            return day
        if col != COL_WHEN:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.day_label(day)
        if role == Qt.ItemDataRole.ToolTipRole:
            return day.notes or None
        if role == Qt.ItemDataRole.FontRole:
            font = QApplication.font()
            font.setBold(True)
            return font
        return None

    def _item_data(self, it: TripItem, day: TripDay, col: int, role: int) -> Any:
        if role == ItemIdRole:
            return it.id
        if role == DayIdRole:
            return it.day_id
        if role == KindRole:
            return it.kind
        if role == RowObjectRole:
            return it
        reasons = self._flags.get(it.id)
        if role == FlagRole:
            return "\n".join(reasons) if reasons else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._item_text(it, day, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            full = (
                self._item_text(it, day, col) if col in (COL_TITLE, COL_PLACE, COL_SUPPLIER) else ""
            )
            if col == COL_KIND:
                full = kind_label(it.kind)
            tip = self._item_tooltip(it, reasons)
            return "\n".join(t for t in (full, tip) if t) or None
        if role == Qt.ItemDataRole.DecorationRole:
            palette = QApplication.palette()
            if col == COL_KIND:
                return badge_icon(kind_badge(it.kind), palette)
            if col == COL_TITLE and reasons:
                return badge_icon("!", palette, alert=True)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            palette = QApplication.palette()
            if reasons and col in (COL_WHEN, COL_TITLE):
                return error_color(palette)
            if col in (COL_SUPPLIER, COL_CONFIRMATION) or it.kind == "note":
                return palette.brush(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_PRICE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _item_text(self, it: TripItem, day: TripDay, col: int) -> str:
        if col == COL_WHEN:
            return time_span(it, day.date)
        if col == COL_KIND:
            return "" if self._compact_kinds else kind_label(it.kind)
        if col == COL_TITLE:
            return it.title
        if col == COL_PLACE:
            return it.place
        if col == COL_SUPPLIER:
            return self._suppliers.get(it.supplier_id or "", "")
        if col == COL_CONFIRMATION:
            return it.confirmation or ""
        if col == COL_PRICE:
            return money_text(it.price, it.currency)
        return ""

    def _item_tooltip(self, it: TripItem, reasons: list[str] | None) -> str | None:
        lines = []
        if reasons:
            lines += [self.tr("Check: %1").replace("%1", r) for r in reasons]
        tags = json.loads(it.tags or "[]")
        if tags:
            lines.append(self.tr("Tags: %1").replace("%1", ", ".join(tags)))
        if it.notes:
            lines.append(it.notes)
        if it.change_reason:
            lines.append(self.tr("Changed on the road: %1").replace("%1", it.change_reason))
        return "\n".join(lines) or None

    # -- drag and drop ------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData | None:  # noqa: N802
        """The dragged rows' ids: all items, or all days (whichever the first row is)."""
        rows = [i for i in indexes if i.isValid() and i.column() == 0]
        if not rows or self.version is None:
            return None
        kind = "day" if rows[0].internalId() == 0 else "item"
        ids: list[str] = []
        for i in rows:
            if (i.internalId() == 0) != (kind == "day"):
                continue
            row_id = self.day_at(i).id if kind == "day" else self.item_at(i).id
            if row_id not in ids:
                ids.append(row_id)
        data = QMimeData()
        payload = {"version": self.version.id, "kind": kind, "ids": ids}
        data.setData(MIME_TYPE, QByteArray(json.dumps(payload).encode("utf-8")))
        return data

    def _payload(self, data: QMimeData | None) -> dict | None:
        if data is None or not data.hasFormat(MIME_TYPE) or self.version is None:
            return None
        try:
            payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None
        if payload.get("version") != self.version.id or not payload.get("ids"):
            return None
        return payload

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,  # noqa: N802
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        payload = self._payload(data)
        if payload is None or action not in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction):
            return False
        if payload["kind"] == "item":
            return parent.isValid() and parent.internalId() == 0
        return not parent.isValid() or (parent.internalId() == 0 and row == -1)

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,  # noqa: N802
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """Apply a drop as one undoable step. ``row`` counts the rows as they are before the drop
        (the dragged ones included); -1 means at the end (or, onto a day, before that day)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        payload = self._payload(data)
        if payload["kind"] == "item":
            day = self.day_at(parent)
            return self.move_items(payload["ids"], day.id, row)
        if parent.isValid():  # a day dropped onto a day takes its place (above it or below it)
            first = next((r for r, d in enumerate(self._days) if d.day.id == payload["ids"][0]), -1)
            row = parent.row() + 1 if 0 <= first < parent.row() else parent.row()
        return self.move_days(payload["ids"], row)

    def removeRows(
        self,
        row: int,
        count: int,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> bool:  # noqa: N802
        """Nothing to remove after a move: the drop already moved the rows, in the core. (A view
        asks to remove the dragged rows after a move; saying no keeps them.)"""
        return False

    # -- moves (each one undoable step) -------------------------------------------------------
    def move_items(self, item_ids: list[str], day_id: str, row: int = -1) -> bool:
        """Put ``item_ids`` (in that order) into ``day_id`` before what is now its ``row``-th
        item (-1: at the end). Returns whether anything changed."""
        where = {i.id: d.day.id for d in self._days for i in d.items}
        titles = {i.id: i.title for d in self._days for i in d.items}
        item_ids = [i for i in item_ids if i in where]
        if not item_ids or not any(d.day.id == day_id for d in self._days):
            return False
        current = [i.id for i in self.day_items(day_id)]
        if trip_plan.arranged(current, item_ids, row) == current:
            return False
        day = next(d.day for d in self._days if d.day.id == day_id)
        day_name = self.tr("Day %1").replace("%1", str(day.day_number))
        name = (
            titles[item_ids[0]]
            if len(item_ids) == 1
            else self.tr("%1 items").replace("%1", str(len(item_ids)))
        )
        if all(where[i] == day_id for i in item_ids):
            text = self.tr("Move “%1” within %2").replace("%1", name).replace("%2", day_name)
        else:
            text = self.tr("Move “%1” to %2").replace("%1", name).replace("%2", day_name)
        studio = self.ctx.studio
        reason = None
        if self.travelling and self.reason_provider is not None:
            reason = self.reason_provider(name)
            if not reason:
                return False
        # the core does the copy-on-write of an approved version, once for the whole move
        return self._execute(
            text,
            lambda: trip_plan.move_items(studio, item_ids, day_id, row, change_reason=reason),
        )

    def _execute(self, text: str, operation: Callable[[], Any]) -> bool:
        """One undoable step; a refusal by the core is reported, never raised into Qt's drop."""
        try:
            self.ctx.execute(text, operation)
        except StudioError as exc:
            self.sig_move_refused.emit(str(exc))
            return False
        return True

    def move_days(self, day_ids: list[str], row: int = -1) -> bool:
        """Put ``day_ids`` before what is now the ``row``-th day (-1: at the end)."""
        current = [d.day.id for d in self._days]
        day_ids = [d for d in day_ids if d in current]
        if not day_ids or self.version is None:
            return False
        order = trip_plan.arranged(current, day_ids, row)
        if order == current:
            return False
        first = next(d.day for d in self._days if d.day.id == day_ids[0])
        text = (
            self.tr("Move Day %1 to place %2")
            .replace("%1", str(first.day_number))
            .replace("%2", str(order.index(first.id) + 1))
        )
        studio, version_id = self.ctx.studio, self.version.id
        return self._execute(text, lambda: trip_plan.move_days(studio, version_id, day_ids, row))

    def step(self, index: QModelIndex | QPersistentModelIndex, delta: int) -> bool:
        """Move a row one place up (-1) or down (+1): an item crosses into the neighbouring day at
        either end of its own; a day swaps with its neighbour."""
        if not index.isValid() or delta not in (-1, 1):
            return False
        if index.internalId() == 0:
            r = index.row()
            if not 0 <= r + delta < len(self._days):
                return False
            day = self._days[r].day
            return self.move_days([day.id], r + delta if delta < 0 else r + 2)
        it = self.item_at(index)
        if it is None:
            return False
        d = index.internalId() - 1
        k = index.row()
        siblings = self._days[d].items
        if 0 <= k + delta < len(siblings):
            return self.move_items([it.id], it.day_id, k + delta if delta < 0 else k + 2)
        neighbour = d + delta
        if not 0 <= neighbour < len(self._days):
            return False
        # Up from the first item: to the end of the previous day; down from the last: to the top.
        return self.move_items([it.id], self._days[neighbour].day.id, -1 if delta < 0 else 0)
