"""The day-by-day plan editor of one trip version: the tree of days and items, its toolbar, and a
strip listing the items that clash with the travellers' profiles."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from studio.domain import dates
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from ui.context import AppContext
from ui.dialogs.trip_item_dialog import DayDialog, ReasonDialog, TripItemDialog
from ui.models.trip_plan_model import (
    COL_CONFIRMATION,
    COL_KIND,
    COL_PLACE,
    COL_PRICE,
    COL_SUPPLIER,
    COL_TITLE,
    COL_WHEN,
    KindRole,
    TripPlanModel,
    kind_label,
)
from ui.style import error_color, set_muted
from ui.widgets.form_dialog import run_guarded
from ui.widgets.icons import badge_icon
from ui.widgets.labels import count_text


class PlanTree(QTreeView):
    """The plan's tree: rows are dragged within it only (days among days, items into days)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setExpandsOnDoubleClick(False)  # double-click edits

    #: Fires after the tree changed size (the panel then shares the width among the columns).
    sig_resized = Signal()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.sig_resized.emit()


class TripPlanPanel(QWidget):
    """Edits the days and items of one trip version; every change is one undoable step."""

    #: Fires with the selected item's id, or None when no item (a day, nothing) is selected.
    sig_current_item_changed = Signal(object)
    #: Fires with ``(old_version_id, new_version_id)`` when the panel moved to another version by
    #: itself (an edit of an approved version started a new one; undo took it away again).
    sig_version_followed = Signal(str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = TripPlanModel(ctx, self)
        self.model.reason_provider = self.ask_reason
        self._current_item: str | None = None
        self._collapsed: set[str] = set()
        self._keep: str | None = None
        self._restoring = False
        self._follow_note = ""  # why the panel moved to another version by itself
        self._refusal = ""  # why the last move was refused (until the next change)

        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setAutoFillBackground(True)
        self.notice.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.notice.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.notice.setMargin(6)
        # Its line stays reserved while it is hidden, so the plan never jumps under the pointer.
        notice_policy = self.notice.sizePolicy()
        notice_policy.setRetainSizeWhenHidden(True)
        self.notice.setSizePolicy(notice_policy)
        self.notice.setMinimumHeight(self.notice.fontMetrics().height() + 12)
        self.notice.hide()

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_day_action = self._action(self.tr("Add &day"), self.add_day, None)
        self.add_item_action = self._action(
            self.tr("Add &item"), self.add_item, QKeySequence("Ctrl+I")
        )
        self.edit_action = self._action(
            self.tr("&Edit"),
            self.edit_current,
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)],
        )
        self.remove_action = self._action(
            self.tr("&Remove"), self.remove_current, QKeySequence(QKeySequence.StandardKey.Delete)
        )
        self.up_action = self._action(
            self.tr("Move &up"), lambda: self.move_current(-1), QKeySequence("Alt+Up")
        )
        self.down_action = self._action(
            self.tr("Move do&wn"), lambda: self.move_current(1), QKeySequence("Alt+Down")
        )
        for a in (
            self.add_day_action,
            self.add_item_action,
            None,
            self.edit_action,
            self.remove_action,
            None,
            self.up_action,
            self.down_action,
        ):
            if a is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(a)

        self.tree = PlanTree(self)
        self.tree.setAccessibleName(self.tr("Day-by-day plan"))
        self.tree.setModel(self.model)
        header = self.tree.header()
        header.setStretchLastSection(False)
        # Fixed widths fitted after each read: ResizeToContents would measure every row again on
        # every layout (each expand), which made a 150-item plan slow to refresh.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.sig_resized.connect(self._layout_columns)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for a in (
            self.add_item_action,
            self.edit_action,
            self.remove_action,
            self.up_action,
            self.down_action,
            self.add_day_action,
        ):
            self.tree.addAction(a)
        self.tree.doubleClicked.connect(lambda _index: self.edit_current())
        self.tree.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.tree.expanded.connect(lambda index: self._note_expansion(index, True))
        self.tree.collapsed.connect(lambda index: self._note_expansion(index, False))

        self.flags_title = QLabel(self)
        set_muted(self.flags_title)
        self.flags_title.setIndent(4)
        self.flags_list = QListWidget(self)
        self.flags_list.setAccessibleName(self.tr("Profile checks"))
        self.flags_list.setWordWrap(True)
        self.flags_list.setIconSize(QSize(16, 16))
        self.flags_list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.flags_list.itemClicked.connect(self._flag_clicked)
        self.flags_list.itemActivated.connect(self._flag_clicked)

        self.empty_hint = QLabel(self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_muted(self.empty_hint)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.notice)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.flags_title)
        layout.addWidget(self.flags_list)

        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_view)
        self.model.sig_refreshed.connect(self._after_refresh)
        self.model.sig_version_followed.connect(self._on_version_followed)
        self.model.sig_move_refused.connect(self._on_move_refused)
        self._after_refresh()

    def _action(self, text: str, slot, keys) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcuts(keys if isinstance(keys, list) else [keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text.replace('&', '')} ({shortcut})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and hasattr(
            self, "tree"
        ):
            self._fit_columns()

    # -- public -------------------------------------------------------------------------------
    def set_version(self, trip_id: str | None, version_id: str | None) -> None:
        """Show the plan of ``version_id`` (None: the trip's current version) of ``trip_id``."""
        if (trip_id, version_id) != (self.model.trip_id, self.model.version_id):
            self._collapsed.clear()
            self._follow_note = ""
        self.model.set_version(trip_id, version_id)

    def version_id(self) -> str | None:
        return self.model.version_id

    def current_item_id(self) -> str | None:
        item = self.model.item_at(self.tree.currentIndex())
        return item.id if item else None

    def select_row(self, row_id: str) -> bool:
        """Select the item or day with ``row_id``; returns whether it is in the plan."""
        index = self.model.item_index(row_id)
        if not index.isValid():
            index = self.model.day_index(row_id)
        if not index.isValid():
            return False
        if index.parent().isValid():
            self.tree.expand(index.parent())
        self.tree.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.tree.scrollTo(index)
        return True

    # -- actions ------------------------------------------------------------------------------
    def exec_dialog(self, dialog: QDialog) -> bool:
        """Run a dialog modally (tests drive dialogs by replacing this)."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _current_day(self):
        day = self.model.day_at(self.tree.currentIndex())
        if day is None and self.model.day_count():
            day = self.model.days()[-1]
        return day

    def add_day(self) -> None:
        if self.model.version_id is None:
            return
        dialog = DayDialog(
            self.ctx,
            self.model.version_id,
            next_number=self.model.day_count() + 1,
            default_date=self._next_date(),
            parent=self,
        )
        if self.exec_dialog(dialog) and dialog.result_value is not None:
            self.select_row(dialog.result_value.id)

    def _next_date(self) -> str | None:
        """The date the core gives a new day: the trip's start plus the days already planned."""
        trip = self.model.trip
        if trip is None or not trip.start_date:
            return None
        try:
            start = date.fromisoformat(trip.start_date)
        except ValueError:
            return None
        return dates.trip_day(start, self.model.day_count() + 1).isoformat()

    def add_item(self) -> None:
        day = self._current_day()
        if day is None or self.model.trip is None:
            return
        dialog = TripItemDialog(
            self.ctx, self.model.trip, day, default_zone=self._default_zone(day.id), parent=self
        )
        if self.exec_dialog(dialog) and dialog.result_value is not None:
            self.select_row(dialog.result_value.id)

    def _default_zone(self, day_id: str) -> str | None:
        for items in (
            self.model.day_items(day_id),
            *(self.model.day_items(d.id) for d in reversed(self.model.days())),
        ):
            for it in reversed(items):
                if it.end_time_zone or it.time_zone:
                    return it.end_time_zone or it.time_zone
        return None

    def edit_current(self) -> None:
        index = self.tree.currentIndex()
        item, day = self.model.item_at(index), self.model.day_at(index)
        if day is None or self.model.trip is None:
            return
        if item is not None:
            dialog = TripItemDialog(self.ctx, self.model.trip, day, item=item, parent=self)
        else:
            dialog = DayDialog(self.ctx, self.model.version_id, day=day, parent=self)
        if not self.exec_dialog(dialog):
            return
        if item is not None and dialog.result_value is not None:
            self.select_row(
                dialog.result_value.id
            )  # the item as it now is (maybe in a new version)
        else:  # the day keeps its number, in whichever version the edit landed
            same = [d for d in self.model.days() if d.day_number == day.day_number]
            if same:
                self.select_row(same[0].id)

    def ask_reason(self, what: str) -> str | None:
        """Why the plan changes (asked only while the client travels); None: the user cancelled."""
        dialog = ReasonDialog(what, self)
        return dialog.value() if self.exec_dialog(dialog) else None

    def remove_current(self) -> None:
        item = self.model.item_at(self.tree.currentIndex())
        if item is None:
            day = self.model.day_at(self.tree.currentIndex())
            if day is not None:
                self.remove_day(day)
            return
        reason = None
        if self.model.travelling:
            reason = self.ask_reason(item.title)
            if reason is None:
                return
        neighbour = self._neighbour_of(item.id)
        text = self.tr("Remove “%1”").replace("%1", item.title)
        studio = self.ctx.studio
        run_guarded(
            self,
            self.ctx,
            text,
            lambda: trip_plan.remove_item(studio, item.id, change_reason=reason),
        )
        if neighbour:
            self.select_row(neighbour)

    def confirm_remove_day(self, day, count: int) -> bool:
        """Ask before a day goes with its items (tests replace this)."""
        title = day.title or self.tr("Day %1").replace("%1", str(day.day_number))
        if count:
            text = (
                self.tr(
                    "Remove “%1” and its %2 items? The days after it move up one day; "
                    "Undo brings them back."
                )
                .replace("%1", title)
                .replace("%2", str(count))
            )
        else:
            text = self.tr("Remove “%1”? The days after it move up one day.").replace("%1", title)
        answer = QMessageBox.question(self, self.tr("Remove day"), text)
        return answer == QMessageBox.StandardButton.Yes

    def remove_day(self, day) -> None:
        count = len(trip_reading.items(self.ctx.studio, day.id))
        if not self.confirm_remove_day(day, count):
            return
        reason = None
        if self.model.travelling:
            reason = self.ask_reason(
                day.title or self.tr("Day %1").replace("%1", str(day.day_number))
            )
            if reason is None:
                return
        text = self.tr("Remove Day %1").replace("%1", str(day.day_number))
        studio = self.ctx.studio
        run_guarded(
            self, self.ctx, text, lambda: trip_plan.remove_day(studio, day.id, change_reason=reason)
        )

    def _neighbour_of(self, item_id: str) -> str | None:
        index = self.model.item_index(item_id)
        below = index.siblingAtRow(index.row() + 1)
        above = index.siblingAtRow(index.row() - 1)
        for i in (below, above):
            if i.isValid():
                return self.model.item_at(i).id
        return self.model.day_at(index).id if index.isValid() else None

    def move_current(self, delta: int) -> None:
        index = self.tree.currentIndex()
        row_id = self.model.item_at(index) or self.model.day_at(index) or None
        if row_id is None:
            return
        self._keep = row_id.id
        try:
            self.model.step(index, delta)  # a refusal shows in the notice bar
        finally:
            self._keep = None

    # -- keeping the view steady across refreshes ---------------------------------------------
    def _note_expansion(self, index: QModelIndex, expanded: bool) -> None:
        day = self.model.day_at(index)
        if self._restoring or day is None:
            return
        if expanded:
            self._collapsed.discard(day.id)
        else:
            self._collapsed.add(day.id)

    def _remember_selection(self) -> None:
        index = self.tree.currentIndex()
        row = self.model.item_at(index) or self.model.day_at(index)
        self._selected = self._keep or (row.id if row else None)
        self._selected_origin = getattr(row, "origin_id", None) or (row.id if row else None)

    def _restore_view(self) -> None:
        days = self.model.days()
        for r in range(len(days)):
            self.tree.setFirstColumnSpanned(r, QModelIndex(), True)
        self._restoring = True
        try:
            self.tree.expandAll()  # one layout pass, rather than one per day
            for r, day in enumerate(days):
                if day.id in self._collapsed:
                    self.tree.collapse(self.model.index(r, 0))
        finally:
            self._restoring = False
        selected = getattr(self, "_selected", None)
        if selected and not self.select_row(selected):
            # The row moved into a new version (an approved one was edited): find its copy.
            origin = getattr(self, "_selected_origin", None)
            for d in days:
                for it in self.model.day_items(d.id):
                    if (it.origin_id or it.id) == origin:
                        self.select_row(it.id)
                        return

    def _fit_columns(self) -> None:
        """Time, kind, confirmation and price columns as wide as their widest item (never as wide
        as a day's title, which spans the whole row)."""
        metrics = self.tree.fontMetrics()
        pad = metrics.horizontalAdvance("M")
        # Items sit one level down: the branch column and their own indentation come first.
        fitted = {
            COL_WHEN: 2 * self.tree.indentation() + pad,
            COL_KIND: 16 + 2 * pad,
            COL_CONFIRMATION: pad,
            COL_PRICE: pad,
        }
        widest = {
            c: metrics.horizontalAdvance(self.model.headerData(c, Qt.Orientation.Horizontal))
            for c in fitted
        }
        for r in range(self.model.rowCount()):
            parent = self.model.index(r, 0)
            for k in range(self.model.rowCount(parent)):
                for c in fitted:
                    index = self.model.index(k, c, parent)
                    text = kind_label(index.data(KindRole)) if c == COL_KIND else index.data() or ""
                    widest[c] = max(widest[c], metrics.horizontalAdvance(text))
        self._fitted = {c: widest[c] + extra for c, extra in fitted.items()}
        self._layout_columns()

    def _layout_columns(self) -> None:
        """Share the width. Time, confirmation and price keep their fitted width; when space is
        short the kind shrinks to its badge, then place and supplier give way down to a minimum,
        then the title; below that the tree scrolls sideways."""
        fitted = getattr(self, "_fitted", None)
        if not fitted:
            return
        em = self.tree.fontMetrics().horizontalAdvance("M")
        widths = dict(fitted)
        widths[COL_PLACE], widths[COL_SUPPLIER] = em * 11, em * 13
        title_min, flex_min = em * 14, em * 6
        short = sum(widths.values()) + title_min - self.tree.viewport().width()
        badge_only = max(self.tree.header().minimumSectionSize(), 16 + em)
        if short > 0:
            give = min(short, widths[COL_KIND] - badge_only)
            widths[COL_KIND] -= give
            short -= give
        self.model.set_compact_kinds(widths[COL_KIND] < fitted[COL_KIND])
        if short > 0:
            flexible = widths[COL_PLACE] + widths[COL_SUPPLIER]
            share = max(2 * flex_min, flexible - short) / flexible
            widths[COL_PLACE] = max(flex_min, int(widths[COL_PLACE] * share))
            widths[COL_SUPPLIER] = max(flex_min, int(widths[COL_SUPPLIER] * share))
        widths[COL_TITLE] = max(title_min, self.tree.viewport().width() - sum(widths.values()))
        for c, w in widths.items():
            self.tree.setColumnWidth(c, w)

    def _after_refresh(self) -> None:
        self._refusal = ""
        self._fit_columns()
        has_version = self.model.version_id is not None
        self.add_day_action.setEnabled(has_version)
        self._update_actions()
        self._update_flags()
        if not has_version:
            self.empty_hint.setText(self.tr("Choose a trip to see its day-by-day plan."))
        elif not self.model.day_count():
            self.empty_hint.setText(
                self.tr("No days yet: add the first day (the trip's dates fill them in).")
            )
        self.empty_hint.setVisible(not self.model.day_count())
        self._show_notice()
        self._emit_current()

    def _update_actions(self) -> None:
        index = self.tree.currentIndex()
        on_row = index.isValid()
        self.add_item_action.setEnabled(self.model.day_count() > 0)
        self.edit_action.setEnabled(on_row)
        self.remove_action.setEnabled(on_row)
        self.up_action.setEnabled(on_row)
        self.down_action.setEnabled(on_row)

    def _update_flags(self) -> None:
        self.flags_list.clear()
        count = 0
        if self.model.version_id:
            icon = badge_icon("!", self.palette(), alert=True)
            for f in self.model.flag_rows:
                day = self.tr("Day %1").replace("%1", str(f.day)) if f.day else ""
                entry = QListWidgetItem(
                    icon, f"{day} · {f.title} — {f.reason}" if day else f"{f.title} — {f.reason}"
                )
                entry.setData(Qt.ItemDataRole.UserRole, f.item_id)
                entry.setToolTip(f.reason)
                self.flags_list.addItem(entry)
                count += 1
        self.flags_title.setText(
            count_text(
                count,
                self.tr("Profile check: %n item clashes with the travellers' profiles"),
                self.tr("Profile check: %n items clash with the travellers' profiles"),
            )
            if count
            else self.tr("Profile check: nothing clashes with the travellers' profiles")
        )
        self.flags_title.setVisible(self.model.version_id is not None)
        self.flags_list.setVisible(count > 0)
        rows = min(count, 4)
        if count:
            height = (
                sum(self.flags_list.sizeHintForRow(r) for r in range(rows))
                + 2 * self.flags_list.frameWidth()
                + 4
            )
            self.flags_list.setMaximumHeight(height)

    def _flag_clicked(self, entry: QListWidgetItem) -> None:
        item_id = entry.data(Qt.ItemDataRole.UserRole)
        if item_id and self.select_row(str(item_id)):
            self.tree.setFocus()

    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        self._emit_current()

    def _emit_current(self) -> None:
        item = self.model.item_at(self.tree.currentIndex())
        item_id = item.id if item else None
        if item_id != self._current_item:
            self._current_item = item_id
            self.sig_current_item_changed.emit(item_id)

    # -- versions -----------------------------------------------------------------------------
    def _on_move_refused(self, message: str) -> None:
        self._refusal = message
        self._show_notice()

    def _show_notice(self) -> None:
        v = self.model.version
        pal = self.notice.palette()
        normal = self.palette().color(QPalette.ColorRole.ToolTipText)
        pal.setColor(
            QPalette.ColorRole.ToolTipText, error_color(self.palette()) if self._refusal else normal
        )
        self.notice.setPalette(pal)
        if self._refusal:
            self.notice.setText(self.tr("Not moved: %1").replace("%1", self._refusal))
        elif self._follow_note and v is not None:
            self.notice.setText(self._follow_note)
        elif v is not None and v.locked:
            self.notice.setText(
                self.tr(
                    "v%1 was approved by the client and is locked: any change here starts a "
                    "new version."
                ).replace("%1", str(v.number))
            )
        elif v is not None and self.model.travelling:
            self.notice.setText(
                self.tr(
                    "The client is travelling: each change asks why it is made (weather, "
                    "client request, supplier…), so the trip's story can be told later."
                )
            )
        else:
            self.notice.clear()
            self.notice.hide()
            return
        self.notice.show()

    def _on_version_followed(self, old_id: str, new_id: str) -> None:
        by_id = (
            {v.id: v for v in trip_reading.versions(self.ctx.studio, self.model.trip_id)}
            if self.model.trip_id
            else {}
        )
        new = by_id.get(new_id)
        old = by_id.get(old_id)
        if new is not None and old is not None and new.based_on_id == old.id:
            self._follow_note = (
                self.tr("v%1 is approved and locked, so this change started v%2, shown now.")
                .replace("%1", str(old.number))
                .replace("%2", str(new.number))
            )
        elif new is not None:
            self._follow_note = self.tr("The version shown was undone; showing v%1.").replace(
                "%1", str(new.number)
            )
        self._show_notice()
        self.sig_version_followed.emit(old_id, new_id)
