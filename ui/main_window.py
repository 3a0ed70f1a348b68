"""The main window: navigation between the studio's areas, menus, shortcuts, remembered layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
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

AREA_CLIENTS = "clients"
AREA_DELETED = "deleted"
AREA_AGENDA = "agenda"
AREA_TRIPS = "trips"


def _dossier_view(ctx: AppContext, parent: QWidget) -> QWidget:
    """The dossier (another part of the app); a plain placeholder while it is not there."""
    try:
        from ui.views.dossier_view import DossierView
    except ImportError:
        label = QLabel(parent.tr("The dossier view is not available in this build."), parent)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label
    return DossierView(ctx, parent)


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
        self.dossier_scroll = QScrollArea(self)
        self.dossier_scroll.setWidgetResizable(True)
        self.dossier_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
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
        style = self.style()
        # The agenda is the first screen: what to do today for the studio's clients.
        self.agenda_view = AgendaView(ctx, self)
        self.agenda_view.sig_open_client.connect(self.open_client)
        self._add_area(
            AREA_AGENDA,
            self.tr("Agenda"),
            self.agenda_view,
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogInfoView),
        )
        self._add_area(
            AREA_CLIENTS,
            self.tr("Clients"),
            self.splitter,
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
        )
        # The trips pipeline across the studio, the chosen trip beside it: built when first
        # needed (see ``trips_view``), so start-up does not pay for it.
        self._trips_view = None
        self._trips_page = QWidget(self)
        trips_layout = QHBoxLayout(self._trips_page)
        trips_layout.setContentsMargins(0, 0, 0, 0)
        self._add_area(
            AREA_TRIPS,
            self.tr("Trips"),
            self._trips_page,
            style.standardIcon(QStyle.StandardPixmap.SP_DirLinkIcon),
        )
        self._add_area(
            AREA_DELETED,
            self.tr("Recently deleted"),
            self.deleted_view,
            style.standardIcon(QStyle.StandardPixmap.SP_TrashIcon),
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
        self.nav.setCurrentRow(0)

        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.stack.setContentsMargins(8, 8, 8, 0)
        self.setCentralWidget(central)

        self._build_actions()
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
        sig_open = getattr(self.dossier, "sig_open_client", None)
        if sig_open is not None:
            sig_open.connect(self.open_client)
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
    def _add_area(self, key: str, label: str, widget: QWidget, icon) -> None:
        self._areas.append(key)
        self.stack.addWidget(widget)
        item = QListWidgetItem(icon, label, self.nav)
        item.setSizeHint(QSize(0, self.fontMetrics().height() + 16))

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = QAction(self.tr("&New client…"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_client)
        file_menu.addAction(self.new_action)
        self.studio_details_action = QAction(self.tr("Studio &details…"), self)
        self.studio_details_action.triggered.connect(self.edit_studio_details)
        file_menu.addAction(self.studio_details_action)
        file_menu.addSeparator()
        from ui.sharing_actions import add_sharing_actions

        add_sharing_actions(self, file_menu)
        file_menu.addSeparator()
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
        self.redo_action.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )
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
        for i, (key, text) in enumerate(
            ((AREA_CLIENTS, self.tr("&Clients")), (AREA_DELETED, self.tr("Recently &deleted")))
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _=False, k=key: self.show_area(k))
            view_menu.addAction(action)
        trips_area = QAction(self.tr("&Trips"), self)
        trips_area.setShortcut(QKeySequence("Ctrl+3"))
        trips_area.triggered.connect(lambda: self.show_area(AREA_TRIPS))
        view_menu.addAction(trips_area)

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
        trips_menu.addSeparator()
        suppliers = QAction(self.tr("&Suppliers…"), self)
        suppliers.triggered.connect(lambda: self.trips_view.open_suppliers())
        trips_menu.addAction(suppliers)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
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

    def current_area(self) -> str:
        return self._areas[self.stack.currentIndex()]

    def show_area(self, key: str) -> None:
        self.nav.setCurrentRow(self._areas.index(key))

    def focus_search(self) -> None:
        if self.current_area() == AREA_TRIPS:  # Ctrl+F filters the list in view
            self.trips_view.focus_search()
            return
        self.show_area(AREA_CLIENTS)
        self.client_list.focus_search()

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
        """“Travel Studio — Lotus Journeys 莲途旅行” once the studio has a name of its own."""
        from studio.services import studio_profile

        details = studio_profile.profile(self.ctx.studio)
        title = self.tr("Travel Studio")
        if details.name != studio_profile.DEFAULT_NAME or details.native_name:
            title += f" — {details.display_name}"
        self.setWindowTitle(title)

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
            # Give the dossier the width it needs, the list the rest.
            total = max(self.width() - self.nav.width() - 16, 400)
            dossier = min(
                max(self.dossier.minimumSizeHint().width() + 20, total * 2 // 5), total * 3 // 5
            )
            self.splitter.setSizes([total - dossier, dossier])
        header = s.value("mainWindow/clientColumns")
        if isinstance(header, QByteArray):
            self.client_list.table.horizontalHeader().restoreState(header)
        area = s.value("mainWindow/area")
        if area in self._areas:
            self.show_area(area)

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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.sharing.stop()  # a sync under way ends before the studio closes
        super().closeEvent(event)
