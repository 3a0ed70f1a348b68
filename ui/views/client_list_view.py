"""The client list: search box, filters by stage, advisor and tag, and the lazily paged table."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.domain import taxonomy
from studio.domain.i18n import current_language
from studio.domain.names import display_name
from studio.domain.values import Stage
from studio.services import queries
from studio.services.profiles import AGE_BANDS
from studio.services.queries import ClientFilter
from studio.store import ChangeSet
from ui.context import AppContext
from ui.models.client_table import (
    COL_ADVISOR,
    COL_LAST_INTERACTION,
    COL_NAME,
    COL_NEXT_DATE,
    COL_STAGE,
    COL_TAGS,
    ClientProxyModel,
    ClientTableModel,
    stage_label,
)
from ui.style import set_muted
from ui.widgets.list_table import list_table, select_row_id

SEARCH_DEBOUNCE_MS = 150


class LazyComboBox(QComboBox):
    """A combo box that asks ``loader`` for its items when opened, and again after
    :meth:`mark_stale` — so an expensive list costs nothing until someone looks at it."""

    def __init__(self, loader: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self._loader = loader
        self._stale = True

    def mark_stale(self) -> None:
        self._stale = True
        if self.currentData() is not None:  # a value is in use: check it still exists now
            self.ensure_loaded()

    def ensure_loaded(self) -> None:
        if self._stale:
            self._stale = False
            self._loader()

    def showPopup(self) -> None:
        self.ensure_loaded()
        super().showPopup()


class ClientListView(QWidget):
    """The searchable, filterable list of live clients."""

    #: Fires when the current client changes (a client id, or None when nothing is selected).
    sig_current_changed = Signal(object)
    #: Fires when the user asks to delete the current client (Delete key or context menu).
    sig_delete_requested = Signal(str)
    #: Fires when the user asks for a new client from the list's context menu.
    sig_new_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._current: str | None = None
        self.model = ClientTableModel(ctx.studio, parent=self)
        self.proxy = ClientProxyModel(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setObjectName("clientSearch")
        self.search.setPlaceholderText(self.tr("Search names, contacts, tags, notes…"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(self.tr("Filters as you type (Ctrl+F)"))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.apply_filter)

        self.stage_box = QComboBox(self)
        self.stage_box.setToolTip(self.tr("Stage"))
        self.stage_box.addItem(self.tr("All stages"), None)
        for stage in Stage:
            self.stage_box.addItem(stage_label(stage.value), stage.value)
        self.advisor_box = QComboBox(self)
        self.advisor_box.setToolTip(self.tr("Advisor"))
        # Collecting every tag reads every client (½ s at 100,000): done when the box is opened.
        self.tag_box = LazyComboBox(self._load_tags, self)
        self.tag_box.addItem(self.tr("All tags"), None)
        self.tag_box.setToolTip(self.tr("Tag"))
        self.profile_box = QComboBox(self)
        self.profile_box.setToolTip(
            self.tr(
                "Preference profile, or a segment: new / repeat / loyal / dormant, purpose, budget, age"
            )
        )
        self.profile_box.addItem(self.tr("All profiles"), None)
        self.profile_box.addItem(self.tr("Incomplete profiles"), "incomplete")
        self.profile_box.addItem(self.tr("Complete profiles"), "complete")
        # Segments derived from profiles and history share the box (one more would widen the pane).
        self.profile_box.insertSeparator(self.profile_box.count())
        for key, text in (
            ("new", self.tr("New clients")),
            ("repeat", self.tr("Repeat clients")),
            ("loyal", self.tr("Loyal clients")),
            ("dormant", self.tr("Dormant clients")),
        ):
            self.profile_box.addItem(text, f"lifecycle:{key}")
        tax = taxonomy.load()
        for section, prefix in (("purpose", self.tr("Purpose: ")), ("budget", self.tr("Budget: "))):
            for item in tax.by_section[section].items:
                self.profile_box.addItem(
                    prefix + item.text(current_language()), f"{section}:{item.key}"
                )
        for _lo, _hi, band in AGE_BANDS:
            self.profile_box.addItem(self.tr("Age: ") + band, f"age:{band}")
        for box in (self.stage_box, self.advisor_box, self.tag_box, self.profile_box):
            box.currentIndexChanged.connect(self.apply_filter)
        self._reload_choices()

        self.count_label = QLabel(self)
        set_muted(self.count_label)
        # Shown while the list holds only the clients behind a figure (see ``show_only``).
        self._only: tuple[str, ...] | None = None
        self.banner = QFrame(self)
        self.banner.setObjectName("figureBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner_text = QLabel(self.banner)
        self.banner_text.setWordWrap(True)
        self.banner_back = QPushButton(self.tr("Show all clients"), self.banner)
        self.banner_back.clicked.connect(self.show_all)
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(8, 4, 8, 4)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.banner_back)
        self.banner.hide()

        widths = (
            (COL_NAME, 26),
            (COL_STAGE, 9),
            (COL_ADVISOR, 11),
            (COL_TAGS, 14),
            (COL_LAST_INTERACTION, 13),
            (COL_NEXT_DATE, 18),
        )
        self.table = list_table(
            self,
            "clientTable",
            self.proxy,
            {self.model.column_of(kind): chars for kind, chars in widths},
        )
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        hh = self.table.horizontalHeader()
        # Indicator first: enabling sorting then asks the model for exactly the order it already
        # has, so the id list is queried once, not three times, at start-up.
        hh.setSortIndicator(self.model.column_of(COL_NAME), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        # Search on its own row: it keeps its width when the list pane is narrow.
        filters = QHBoxLayout()
        for box in (self.stage_box, self.advisor_box, self.tag_box):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(8)
            filters.addWidget(box, 1)
        # The profile filter sits beside the search: a fourth box in the filter row would widen
        # the narrowest list pane the window allows.
        self.profile_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.profile_box.setMinimumContentsLength(6)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 3)
        search_row.addWidget(self.profile_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(search_row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._restore_current)
        self.model.sig_count_changed.connect(self._show_count)
        ctx.bridge.sig_changed.connect(self._on_studio_changed)
        self._show_count(self.model.rowCount())

    # -- public -------------------------------------------------------------------------------
    @property
    def current_client_id(self) -> str | None:
        return self._current

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current_filter(self) -> ClientFilter:
        return ClientFilter(
            text=self.search.text(),
            stage=self.stage_box.currentData(),
            advisor_id=self.advisor_box.currentData(),
            tag=self.tag_box.currentData(),
            profile=self.profile_box.currentData(),
            ids=self._only,
        )

    def show_only(self, ids: list[str], reason: str) -> None:
        """List exactly ``ids`` (the clients behind a figure), with a banner saying why."""
        self._only = tuple(ids)
        self.banner_text.setText(reason)
        self.banner.show()
        self.clear_filters()

    def show_all(self) -> None:
        """Back to every client (the banner's button)."""
        self._only = None
        self.banner.hide()
        self.apply_filter()

    def apply_filter(self) -> None:
        """Re-query now with the search text and filters (the search box calls it after a pause)."""
        self._debounce.stop()
        self.model.set_filter(self.current_filter())

    def clear_filters(self) -> None:
        for box in (self.stage_box, self.advisor_box, self.tag_box, self.profile_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filter()

    def select_client(self, client_id: str | None) -> bool:
        """Make ``client_id`` current (clearing filters that hide it); False if it is not live."""
        if client_id is None:
            self.table.clearSelection()
            self._set_current(None)
            return True
        if self._only is not None and client_id not in self._only:
            self.show_all()  # a client outside the figure's list: back to all clients
        return select_row_id(self.table, self.proxy.row_of, client_id, self.clear_filters)

    def select_first(self) -> None:
        if self.proxy.rowCount() > 0:
            self.select_client(self.proxy.client_id(0))

    # -- reacting -----------------------------------------------------------------------------
    def _on_studio_changed(self, changes: ChangeSet) -> None:
        if (
            "advisor" in changes.tables
            or any(e.field == "tags" for e in changes.entries)
            or (
                "client" in changes.tables
                and any(e.op in ("delete", "restore") for e in changes.entries)
            )
        ):
            self._reload_choices()
        self.model.on_studio_changed(changes)

    def _reload_choices(self) -> None:
        studio = self._ctx.studio
        self._fill(
            self.advisor_box,
            self.tr("All advisors"),
            [(display_name(a.name, a.native_name), a.id) for a in queries.advisors(studio)],
        )
        self.tag_box.mark_stale()

    def _load_tags(self) -> None:
        self._fill(
            self.tag_box, self.tr("All tags"), [(t, t) for t in queries.all_tags(self._ctx.studio)]
        )

    @staticmethod
    def _fill(box: QComboBox, all_label: str, items: list[tuple[str, str]]) -> None:
        keep = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(all_label, None)
        for label, value in items:
            box.addItem(label, value)
        i = box.findData(keep) if keep is not None else 0
        box.setCurrentIndex(max(i, 0))
        box.blockSignals(False)
        if keep is not None and i < 0:  # the chosen advisor/tag is gone: show everyone again
            box.currentIndexChanged.emit(0)

    def _remember_current(self) -> None:
        self._kept = self._current

    def _restore_current(self) -> None:
        kept = getattr(self, "_kept", None)
        row = self.proxy.row_of(kept) if kept else -1
        if row >= 0:
            index = self.proxy.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        else:
            self._set_current(None)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._set_current(self.proxy.client_id(current.row()) if current.isValid() else None)

    def _set_current(self, client_id: str | None) -> None:
        if client_id != self._current:
            self._current = client_id
            self.sig_current_changed.emit(client_id)

    def _show_count(self, n: int) -> None:
        if n == 0 and self.search.text().strip():
            self.count_label.setText(
                self.tr("No client matches “%1”.").replace("%1", self.search.text().strip())
            )
        elif n == 1:
            self.count_label.setText(self.tr("1 client"))
        else:
            self.count_label.setText(self.tr("%1 clients").replace("%1", f"{n:,}"))

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        menu = QMenu(self)
        menu.addAction(self.tr("New client…"), self.sig_new_requested.emit)
        if index.isValid():
            cid = self.proxy.client_id(index.row())
            if cid:
                menu.addAction(
                    self.tr("Delete client…"), lambda: self.sig_delete_requested.emit(cid)
                )
        menu.exec(self.table.viewport().mapToGlobal(pos))
