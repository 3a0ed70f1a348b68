"""The main window: navigation between the studio's areas, menus, shortcuts, remembered layout."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QWidget,
)

from studio.errors import StudioError
from studio.services import clients
from ui.context import AppContext
from ui.dialogs.client_dialog import NewClientDialog
from ui.models.client_table import COL_NAME
from ui.views.agenda_view import AgendaView
from ui.views.client_list_view import ClientListView
from ui.views.deleted_view import DeletedView
from ui.widgets.fit_scroll import FitScrollArea
from ui.widgets.icons import area_icon

AREA_CLIENTS = "clients"
AREA_DELETED = "deleted"
AREA_AGENDA = "agenda"
AREA_TRIPS = "trips"
AREA_STUDIO = "studio"


@dataclass
class Area:
    """One entry of the sidebar (and of the View menu, with its Ctrl+number in sidebar order)."""

    key: str
    label: str
    widget: QWidget
    icon: str  # the name of an SVG in resources/icons (see ui.widgets.icons); "" for a QIcon
    menu_text: str = ""  # with the &-mnemonic; the label when empty


def redo_shortcuts() -> list[QKeySequence]:
    """The platform's Redo keys plus Ctrl+Y and Ctrl+Shift+Z, each once (on X11 the platform's
    Redo *is* Ctrl+Shift+Z: registering it twice makes the shortcut ambiguous and dead)."""
    keys: list[QKeySequence] = []
    for key in (
        *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo),
        QKeySequence("Ctrl+Y"),
        QKeySequence("Ctrl+Shift+Z"),
    ):
        if not key.isEmpty() and all(key != k for k in keys):
            keys.append(key)
    return keys


class FieldUndoFilter(QObject):
    """Ctrl+Z (and Redo) in a text field that has nothing of its own to undo undoes the studio's
    last change instead. A field that was just saved has no typing left to undo, yet the field
    would swallow the key and nothing would happen."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = event.matches(QKeySequence.StandardKey.Redo) or any(
            QKeySequence(event.keyCombination()) == k for k in redo_shortcuts()
        )
        if not (undo or redo):
            return False
        if _local_history(obj, undo) is False:
            event.ignore()  # not the field's: the window's Undo/Redo action takes the key
            return True
        return False


def _local_history(obj: QObject, undo: bool) -> bool | None:
    """Whether a text editor has its own typing to undo (redo); None for other widgets."""
    if isinstance(obj, QAbstractSpinBox):
        obj = obj.findChild(QLineEdit) or obj
    if isinstance(obj, QLineEdit):
        if obj.isReadOnly():
            return False
        available = obj.isUndoAvailable() if undo else obj.isRedoAvailable()
        return available and obj.isModified()
    if isinstance(obj, QTextEdit | QPlainTextEdit):
        doc = obj.document()
        if obj.isReadOnly():
            return False
        available = doc.isUndoAvailable() if undo else doc.isRedoAvailable()
        return available and doc.isModified()
    return None


def _dossier_view(ctx: AppContext, parent: QWidget) -> QWidget:
    """The dossier (another part of the app); a plain placeholder while it is not there."""
    try:
        from ui.views.dossier_view import DossierView
    except ImportError:
        label = QLabel(parent.tr("The dossier view is not available in this build."), parent)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label
    return DossierView(ctx, parent)


def _is_owner(ctx: AppContext) -> bool:
    """The person at this laptop chose "Studio owner" at first run (or has no advisor yet)."""
    advisor_id = ctx.studio.advisor_id
    if advisor_id is None:
        return True
    with ctx.studio.read() as conn:
        role = conn.exec_driver_sql("SELECT role FROM advisor WHERE id = ?", (advisor_id,)).scalar()
    return role != "advisor"


class MainWindow(QMainWindow):
    """Areas on the left (Clients, Recently deleted; trips, agenda, memory books as they arrive)."""

    def __init__(
        self, ctx: AppContext, settings: QSettings | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self._settings = settings if settings is not None else QSettings()
        self.setWindowTitle(self.tr("Travel Studio"))
        self.setObjectName("mainWindow")

        self.client_list = ClientListView(ctx, self)
        self.dossier = _dossier_view(ctx, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("clientsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.client_list)
        # The dossier scrolls rather than forcing a wide window on a small laptop screen.
        # (to its minimum size only: panels that scroll on their own get the height there is)
        self.dossier_scroll = FitScrollArea(self)
        self.dossier_scroll.setWidget(self.dossier)
        self.splitter.addWidget(self.dossier_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.deleted_view = DeletedView(ctx, self)

        self.stack = QStackedWidget(self)
        self.nav = QListWidget(self)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setObjectName("navigation")
        self._areas: list[str] = []
        #: The sidebar's areas in order; the View menu lists them with Ctrl+1… in this order.
        self.areas: list[Area] = []
        self.view_menu: QMenu | None = None
        # The agenda is the first screen: what to do today for the studio's clients.
        self.agenda_view = AgendaView(ctx, self)
        self.agenda_view.sig_open_client.connect(self.open_client)
        self.agenda_view.sig_message.connect(self._show_message)
        self.agenda_view.sig_new_client.connect(self.new_client)
        self._add_area(
            AREA_AGENDA, self.tr("Agenda"), self.agenda_view, "agenda", self.tr("&Agenda")
        )
        self._add_area(
            AREA_CLIENTS, self.tr("Clients"), self.splitter, "clients", self.tr("&Clients")
        )
        # The trips pipeline across the studio, the chosen trip beside it: built when first
        # needed (see ``trips_view``), so start-up does not pay for it.
        self._trips_view = None
        self._trips_page = QWidget(self)
        trips_layout = QHBoxLayout(self._trips_page)
        trips_layout.setContentsMargins(0, 0, 0, 0)
        self._add_area(AREA_TRIPS, self.tr("Trips"), self._trips_page, "trips", self.tr("&Trips"))
        # The owner's desk: first in the sidebar for the owner, "My figures" for an advisor;
        # built on first use (see ``studio_view``).
        self._studio_view = None
        self._studio_page = QWidget(self)
        QHBoxLayout(self._studio_page).setContentsMargins(0, 0, 0, 0)
        owner = _is_owner(ctx)
        self._add_area(
            AREA_STUDIO,
            self.tr("Studio") if owner else self.tr("My figures"),
            self._studio_page,
            "studio",
            self.tr("&Studio") if owner else self.tr("&My figures"),
            first=owner,
        )
        self._add_area(
            AREA_DELETED,
            self.tr("Recently deleted"),
            self.deleted_view,
            "deleted",
            self.tr("Recently &deleted"),
        )
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setSpacing(2)
        # Wide enough for the longest area name with a count beside it, e.g. "Recently deleted (999)".
        longest = max((self.nav.item(i).text() for i in range(self.nav.count())), key=len)
        width = (
            self.fontMetrics().horizontalAdvance(f"{longest} (9999)")
            + self.nav.iconSize().width()
            + 32
        )
        self.nav.setFixedWidth(width)
        self.nav.currentRowChanged.connect(self._build_area)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(self._areas.index(AREA_AGENDA))

        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.stack.setContentsMargins(8, 8, 8, 0)
        self.setCentralWidget(central)

        self._build_actions()
        # Tab leaves a table (arrows move inside it) rather than walking its cells.
        self.client_list.table.setTabKeyNavigation(False)
        self.client_list.sig_current_changed.connect(self._show_client)
        self.client_list.sig_delete_requested.connect(self.delete_client)
        self.client_list.sig_new_requested.connect(self.new_client)
        self.client_list.model.sig_count_changed.connect(lambda _n: self._update_actions())
        self.deleted_view.model.sig_count_changed.connect(self._show_deleted_count)
        self._show_deleted_count(self.deleted_view.model.rowCount())
        self.deleted_view.sig_restored.connect(
            lambda cid: self.statusBar().showMessage(
                self.tr("Restored. It is back in the client list."), 5000
            )
        )
        dossier_tabs = getattr(self.dossier, "tabs", None)
        if dossier_tabs is not None:
            dossier_tabs.currentChanged.connect(self._order_dossier_later)
        sig_open = getattr(self.dossier, "sig_open_client", None)
        if sig_open is not None:
            sig_open.connect(self.open_client)
        sig_trip = getattr(self.dossier, "sig_open_trip", None)  # the dossier's Trips tab
        if sig_trip is not None:
            sig_trip.connect(self.open_trip)
        # A bound method, not a lambda: Qt drops the connection when this window is destroyed,
        # while the undo stack (owned by the longer-lived context) may still emit.
        ctx.undo_stack.indexChanged.connect(self._update_actions)
        ctx.bridge.sig_changed.connect(self._studio_changed)
        self._update_title()
        self.statusBar()
        self._default_size()
        self._restore_layout()
        self._update_actions()

    # -- building -----------------------------------------------------------------------------
    def _add_area(
        self,
        key: str,
        label: str,
        widget: QWidget,
        icon: str | QIcon,
        menu_text: str = "",
        first: bool = False,
    ) -> Area:
        """A sidebar entry, its page and its View-menu action (Ctrl+N, N its place in the
        sidebar). ``icon`` names an SVG in resources/icons (drawn in the palette's colours);
        a ready QIcon is taken as it is. ``first`` puts it at the top (before the menus are
        built)."""
        area = Area(key, label, widget, icon if isinstance(icon, str) else "", menu_text or label)
        at = 0 if first else len(self.areas)
        self.areas.insert(at, area)
        self._areas.insert(at, key)
        self.stack.insertWidget(at, widget)
        drawn = area_icon(icon, self.palette()) if isinstance(icon, str) else icon
        item = QListWidgetItem(drawn, label)
        self.nav.insertItem(at, item)
        item.setSizeHint(QSize(0, self.fontMetrics().height() + 16))
        if self.view_menu is not None:  # added after the menus were built
            self._add_area_action(area, len(self.areas))
        return area

    def _add_area_action(self, area: Area, place: int) -> QAction:
        action = QAction(area.menu_text, self)
        action.setObjectName(f"viewArea_{area.key}")
        if place <= 9:
            action.setShortcut(QKeySequence(f"Ctrl+{place}"))
        action.triggered.connect(lambda _=False, k=area.key: self.show_area(k))
        assert self.view_menu is not None
        self.view_menu.insertAction(self._view_areas_end, action)
        return action

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = QAction(self.tr("&New client…"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_client)
        file_menu.addAction(self.new_action)
        self.studio_details_action = QAction(self.tr("Studio &details…"), self)
        self.studio_details_action.triggered.connect(self.edit_studio_details)
        file_menu.addAction(self.studio_details_action)
        from ui.dialogs.import_contacts_wizard import add_import_action

        add_import_action(self, file_menu)  # Import contacts…
        file_menu.addSeparator()
        from ui.sharing_actions import add_sharing_actions

        add_sharing_actions(self, file_menu)
        file_menu.addSeparator()
        from ui.privacy_actions import add_privacy_actions

        add_privacy_actions(self, file_menu)

        from ui.security_actions import SecurityUi

        self.security = SecurityUi(self, file_menu)  # Backups…, Encrypt…, Change passphrase…
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.ctx.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.ctx.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts(redo_shortcuts())
        self._field_undo = FieldUndoFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._field_undo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.find_action = QAction(self.tr("&Find client"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        edit_menu.addAction(self.find_action)
        self.delete_action = QAction(self.tr("&Delete client…"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(
            lambda: self.delete_client(self.client_list.current_client_id)
        )
        self.client_list.table.addAction(self.delete_action)
        edit_menu.addAction(self.delete_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.view_menu = view_menu
        self._view_areas_end = view_menu.addSeparator()
        for place, area in enumerate(self.areas, start=1):
            self._add_area_action(area, place)
        self.next_pane_action = QAction(self.tr("Next &pane"), self)
        self.next_pane_action.setShortcuts([QKeySequence("F6"), QKeySequence("Ctrl+Tab")])
        self.next_pane_action.triggered.connect(lambda: self.cycle_pane(1))
        view_menu.addAction(self.next_pane_action)
        self.previous_pane_action = QAction(self.tr("Pre&vious pane"), self)
        self.previous_pane_action.setShortcuts(
            [QKeySequence("Shift+F6"), QKeySequence("Ctrl+Shift+Tab")]
        )
        self.previous_pane_action.triggered.connect(lambda: self.cycle_pane(-1))
        view_menu.addAction(self.previous_pane_action)
        from ui.i18n import add_language_menu

        add_language_menu(self, view_menu)  # View › Language: switches at once

        clients_menu = self.menuBar().addMenu(self.tr("&Clients"))
        clients_menu.addAction(self.new_action)
        log_action = getattr(self.dossier, "action_log_interaction", None)
        if log_action is not None:  # Ctrl+L: the dossier's own action, listed here
            clients_menu.addAction(log_action)
        clients_menu.addAction(self.delete_action)
        from ui.loyalty import add_loyalty_actions

        add_loyalty_actions(self, clients_menu)  # Events…, Loyalty tiers…, Referral reward…

        trips_menu = self.menuBar().addMenu(self.tr("&Trips"))
        self.new_trip_action = QAction(self.tr("&New trip…"), self)
        self.new_trip_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_trip_action.triggered.connect(self.new_trip)
        trips_menu.addAction(self.new_trip_action)
        self.client_trips_action = QAction(self.tr("&This client's trips"), self)
        self.client_trips_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.client_trips_action.triggered.connect(
            lambda: self.show_client_trips(self.client_list.current_client_id)
        )
        trips_menu.addAction(self.client_trips_action)
        # Ctrl+P belongs to the trip view (active only while it is on screen); the menu shows the
        # key without registering it a second time, which would make the shortcut ambiguous.
        self.print_trip_action = QAction(self.tr("&Print/Export itinerary…") + "\tCtrl+P", self)
        self.print_trip_action.triggered.connect(self.print_trip)
        trips_menu.addAction(self.print_trip_action)
        # Ctrl+B belongs to the memory book tab (active while it has the focus), as Ctrl+P above.
        self.build_book_action = QAction(self.tr("&Build memory book") + "\tCtrl+B", self)
        self.build_book_action.triggered.connect(self.build_memory_book)
        trips_menu.addAction(self.build_book_action)
        trips_menu.addSeparator()
        suppliers = QAction(self.tr("&Suppliers…"), self)
        suppliers.triggered.connect(lambda: self.trips_view.open_suppliers())
        trips_menu.addAction(suppliers)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.guide_action = QAction(self.tr("&Getting started"), self)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(self.show_guide)
        help_menu.addAction(self.guide_action)
        self.shortcuts_action = QAction(self.tr("&Keyboard shortcuts"), self)
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        about = QAction(self.tr("&About Travel Studio"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    # -- areas and clients --------------------------------------------------------------------
    @property
    def trips_view(self):
        """The Trips area (:class:`~ui.views.trips_view.TripsView`), built on first use."""
        if self._trips_view is None:
            from ui.views.trips_view import TripsView

            view = TripsView(self.ctx, self._trips_page)
            self._trips_view = view
            self._trips_page.layout().addWidget(view)
            view.table.setTabKeyNavigation(False)
            view.sig_open_client.connect(self.open_client)
            view.sig_message.connect(lambda text: self.statusBar().showMessage(text, 6000))
            trip_print = view.trip_view.action_print
            trip_print.changed.connect(
                lambda: self.print_trip_action.setEnabled(trip_print.isEnabled())
            )
            self.print_trip_action.setEnabled(trip_print.isEnabled())
            view.restore_layout(self._settings, "mainWindow/trips")
        return self._trips_view

    def _build_area(self, row: int) -> None:
        if 0 <= row < len(self._areas) and self._areas[row] == AREA_TRIPS:
            _ = self.trips_view
        if 0 <= row < len(self._areas) and self._areas[row] == AREA_STUDIO:
            _ = self.studio_view

    @property
    def studio_view(self):
        """The Studio area (:class:`~ui.views.studio_view.StudioView`), built on first use."""
        if self._studio_view is None:
            from ui.views.studio_view import StudioView

            view = StudioView(self.ctx, self._studio_page, mine=not _is_owner(self.ctx))
            self._studio_view = view
            self._studio_page.layout().addWidget(view)
            view.sig_open_client.connect(self.open_client)
            view.sig_open_clients.connect(self.show_figure_clients)
            view.sig_message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        return self._studio_view

    def show_figure_clients(self, ids: list, reason: str) -> None:
        """The client list with exactly the clients behind a figure, and a banner saying why."""
        self.show_area(AREA_CLIENTS)
        self.client_list.show_only(list(ids), reason)
        self.client_list.select_first()

    def current_area(self) -> str:
        return self._areas[self.stack.currentIndex()]

    def show_area(self, key: str) -> None:
        self.nav.setCurrentRow(self._areas.index(key))

    def panes(self, key: str | None = None) -> list[QWidget]:
        """The panes F6 / Ctrl+Tab moves between: the sidebar, then the area's own panes (the
        parts of its splitter, left to right)."""
        key = key or self.current_area()
        if key == AREA_TRIPS:
            _ = self.trips_view
        page = self.areas[self._areas.index(key)].widget
        splitter = page if isinstance(page, QSplitter) else page.findChild(QSplitter)
        parts = (
            [splitter.widget(i) for i in range(splitter.count())] if splitter is not None else []
        )
        return [self.nav, *[w for w in parts if w.isVisible()]] if parts else [self.nav, page]

    def cycle_pane(self, step: int = 1) -> QWidget | None:
        """Move the keyboard focus to the next (``step`` 1) or previous (-1) pane."""
        panes = self.panes()
        focus = QApplication.focusWidget()
        here = next(
            (
                i
                for i, p in enumerate(panes)
                if focus is not None and (p is focus or p.isAncestorOf(focus))
            ),
            -1,
        )
        for n in range(1, len(panes) + 1):
            pane = panes[(here + step * n) % len(panes)]
            target = _first_focusable(pane)
            if target is not None:
                target.setFocus(Qt.FocusReason.TabFocusReason)
                return target
        return None

    def build_memory_book(self) -> None:
        """Trips ▸ Build memory book: the trip in view's memory book tab, built."""
        from ui.views.trip_view import TAB_BOOK

        self.show_area(AREA_TRIPS)
        trip_view = self.trips_view.trip_view
        trip_view.tabs.setCurrentIndex(TAB_BOOK)
        trip_view.memory_book.build()

    def show_shortcuts(self) -> None:
        """Help ▸ Keyboard shortcuts: the sheet, read from this window's actions."""
        from ui.dialogs.shortcuts_dialog import ShortcutsDialog

        _ = self.trips_view  # its panels' keys belong on the sheet too
        ShortcutsDialog(self, self).exec()

    def show_guide(self) -> None:
        """Help ▸ Getting started: a short guide to the areas and the daily round."""
        from ui.dialogs.guide_dialog import GuideDialog

        GuideDialog(self).exec()

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def focus_search(self) -> None:
        if self.current_area() == AREA_TRIPS:  # Ctrl+F filters the list in view
            self.trips_view.focus_search()
            return
        self.show_area(AREA_CLIENTS)
        self.client_list.focus_search()

    def open_trip(self, trip_id: str) -> None:
        """Show ``trip_id`` in the Trips area (from a dossier's Trips tab)."""
        self.show_area(AREA_TRIPS)
        self.trips_view.select_trip(trip_id)  # clears a filter that hides it

    def open_client(self, client_id: str) -> None:
        self.show_area(AREA_CLIENTS)
        if not self.client_list.select_client(client_id):
            self.statusBar().showMessage(self.tr("That client is in Recently deleted."), 5000)

    def new_trip(self) -> str | None:
        """A new trip (for the client shown in Clients, when that is the area in view)."""
        client_id = (
            self.client_list.current_client_id if self.current_area() == AREA_CLIENTS else None
        )
        self.show_area(AREA_TRIPS)
        return self.trips_view.new_trip(client_id)

    def print_trip(self) -> None:
        """Print/Export the handout of the trip shown in the Trips area."""
        self.show_area(AREA_TRIPS)
        self.trips_view.trip_view.print_handout()

    def show_client_trips(self, client_id: str | None) -> None:
        """The Trips area showing only ``client_id``'s trips (the first one chosen)."""
        if not client_id:
            return
        self.show_area(AREA_TRIPS)
        self.trips_view.clear_filters()
        self.trips_view.set_client_filter(client_id)
        if self.trips_view.proxy.rowCount():
            self.trips_view.select_first()
        else:
            self.statusBar().showMessage(
                self.tr("No trips for this client yet; start one with New trip… (Ctrl+Shift+N)."),
                6000,
            )

    def _show_client(self, client_id: str | None) -> None:
        show = getattr(self.dossier, "show_client", None)
        if show is not None:
            show(client_id)
        self._update_actions()
        self._order_dossier_later()

    def _order_dossier_later(self, *_args) -> None:
        """Tab through the dossier in reading order, once its rows for this client are laid out."""
        QTimer.singleShot(0, self.order_dossier)

    def order_dossier(self) -> list[QWidget]:
        """Set the dossier's Tab order to its reading order; returns that order."""
        from ui.widgets.focus_order import set_reading_order

        if not self.dossier.isVisible():
            return []
        return set_reading_order(self.dossier)

    def _show_deleted_count(self, n: int) -> None:
        item = self.nav.item(self._areas.index(AREA_DELETED))
        label = self.tr("Recently deleted")
        item.setText(f"{label} ({n})" if n else label)

    def _update_actions(self, *_args) -> None:
        self.delete_action.setEnabled(self.client_list.current_client_id is not None)
        self.client_trips_action.setEnabled(self.client_list.current_client_id is not None)

    def new_client(self) -> str | None:
        dialog = NewClientDialog(self.ctx, self)
        if dialog.exec() != NewClientDialog.DialogCode.Accepted or not dialog.client_id:
            return None
        self.show_area(AREA_CLIENTS)
        self.client_list.select_client(dialog.client_id)
        self.statusBar().showMessage(self.tr("Client created."), 4000)
        return dialog.client_id

    def confirm_delete(self, name: str) -> bool:
        """Asks before deleting; tests replace it."""
        answer = QMessageBox.question(
            self,
            self.tr("Delete client"),
            self.tr(
                "Move %1 to Recently deleted?\n\nThe whole dossier is kept and can be restored "
                "from Recently deleted, or with Undo."
            ).replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_client(self, client_id: str | None) -> bool:
        if not client_id:
            return False
        model = self.client_list.model
        row = model.row_of(client_id)
        name = model.index(row, model.column_of(COL_NAME)).data() if row >= 0 else client_id
        if not self.confirm_delete(name):
            return False
        # Keep the user's place: the next client down becomes current.
        proxy_row = self.client_list.proxy.row_of(client_id)
        try:
            self.ctx.execute(
                self.tr("Delete %1").replace("%1", name),
                lambda: clients.delete_client(self.ctx.studio, client_id),
            )
        except StudioError as exc:
            QMessageBox.warning(self, self.tr("Delete client"), str(exc))
            return False
        rows = self.client_list.proxy.rowCount()
        if rows:
            self.client_list.select_client(
                self.client_list.proxy.client_id(min(proxy_row, rows - 1))
            )
        self.statusBar().showMessage(self.tr("Moved to Recently deleted. Undo with Ctrl+Z."), 5000)
        return True

    def edit_studio_details(self) -> bool:
        """File → Studio details…: the name and contacts printed on handouts, forms and books."""
        from ui.dialogs.studio_dialog import StudioDialog

        dialog = StudioDialog(self.ctx, self)
        if dialog.exec() != StudioDialog.DialogCode.Accepted:
            return False
        self.statusBar().showMessage(self.tr("Studio details saved. Undo with Ctrl+Z."), 5000)
        return True

    def _studio_changed(self, changes) -> None:
        if "studio_profile" in changes.tables:
            self._update_title()

    def _update_title(self) -> None:
        """The studio's name once it has one of its own (“Lotus Journeys 莲途旅行”). The desktop
        adds the application's display name after a title that differs from it, so a named
        studio's title does not say it again (“Travel Studio — Lotus Journeys — Travel
        Studio”); an unnamed one is just the app's name."""
        from studio.services import studio_profile

        details = studio_profile.profile(self.ctx.studio)
        named = details.name != studio_profile.DEFAULT_NAME or details.native_name
        if not named:  # the same as the display name: the desktop adds nothing after it
            self.setWindowTitle(self.tr("Travel Studio"))
        elif QApplication.applicationDisplayName():
            self.setWindowTitle(details.display_name)
        else:  # nothing is added after the title
            self.setWindowTitle(f"{details.display_name} — {self.tr('Travel Studio')}")

    def _about(self) -> None:
        from studio import __version__

        QMessageBox.about(
            self,
            self.tr("About Travel Studio"),
            self.tr(
                "Travel Studio %1\nClient dossiers, itineraries and keepsakes for "
                "boutique travel studios."
            ).replace("%1", __version__),
        )

    # -- remembered layout --------------------------------------------------------------------
    def _default_size(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1400, 900
        if screen is not None and screen.width() > 0:
            width = min(width, screen.width() * 9 // 10)
            height = min(height, screen.height() * 9 // 10)
        self.resize(width, height)

    def _restore_layout(self) -> None:
        s = self._settings
        geometry = s.value("mainWindow/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = s.value("mainWindow/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = s.value("mainWindow/clientsSplitter")
        if isinstance(splitter, QByteArray) and self.splitter.restoreState(splitter):
            pass
        else:
            # Give the dossier the width its widest tab needs (the Profile form's five buttons a
            # row), as long as the list keeps room for names; the list gets the rest.
            total = max(self.width() - self.nav.width() - 16, 400)
            least_list = max(self.client_list.minimumSizeHint().width(), 320)
            wanted = max(self._dossier_wanted_width(), total * 2 // 5)
            dossier = max(min(wanted, total - least_list, total * 7 // 10), total * 2 // 5)
            self.splitter.setSizes([total - dossier, dossier])
        header = s.value("mainWindow/clientColumns")
        if isinstance(header, QByteArray):
            self.client_list.table.horizontalHeader().restoreState(header)
        area = s.value("mainWindow/area")
        if area in self._areas:
            self.show_area(area)

    #: The dossier's forms are built when first shown; their widest (the Profile: a label, five
    #: level buttons and a note a row) needs about this many ems to show without scrolling.
    DOSSIER_FORM_EMS = 66

    def _dossier_wanted_width(self) -> int:
        """The dossier's width at which none of its scrolling panels scrolls sideways."""
        em = self.fontMetrics().horizontalAdvance("m")
        least = max(self.dossier.minimumSizeHint().width() + 20, em * self.DOSSIER_FORM_EMS)
        for area in self.dossier.findChildren(QScrollArea):
            inner = area.widget()
            if inner is None or area is self.dossier_scroll:
                continue
            around = self.dossier.width() - area.viewport().width() if self.dossier.width() else 40
            need = inner.minimumSizeHint().width() + area.verticalScrollBar().sizeHint().width()
            least = max(least, need + max(around, 24))
        return least

    def save_layout(self) -> None:
        s = self._settings
        s.setValue("mainWindow/geometry", self.saveGeometry())
        s.setValue("mainWindow/state", self.saveState())
        s.setValue("mainWindow/clientsSplitter", self.splitter.saveState())
        s.setValue(
            "mainWindow/clientColumns", self.client_list.table.horizontalHeader().saveState()
        )
        if self._trips_view is not None:  # never built this run: its remembered layout stays
            self._trips_view.save_layout(s, "mainWindow/trips")
        s.setValue("mainWindow/area", self.current_area())
        s.sync()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "nav"):
            for row, area in enumerate(self.areas):  # light ↔ dark: redraw the icons' ink
                if area.icon:
                    self.nav.item(row).setIcon(area_icon(area.icon, self.palette()))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.sharing.stop()  # a sync under way ends before the studio closes
        super().closeEvent(event)


def _first_focusable(pane: QWidget) -> QWidget | None:
    """The pane itself when it takes the focus by Tab, else its first such child in tab order."""

    def takes(w: QWidget) -> bool:
        return w.isVisible() and w.isEnabled() and bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus)

    if takes(pane) and (isinstance(pane, QAbstractItemView) or not pane.findChildren(QWidget)):
        return pane
    w = pane.nextInFocusChain()
    seen = 0
    while w is not None and w is not pane and seen < 5000:
        if pane.isAncestorOf(w) and takes(w):
            return w
        w = w.nextInFocusChain()
        seen += 1
    return pane if takes(pane) else None
