"""The dossier of one client: a header (with the client's trips in figures), then Overview /
People / Timeline / History / Profile / Trips tabs.

Layout only; each tab's behaviour lives in ``ui/widgets``. Everything is re-read from the core
when ``ctx.bridge.sig_changed`` reports a change touching the shown client, so undo and redo
from anywhere update the dossier at once.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.domain.models import Client
from studio.domain.names import display_name
from studio.domain.values import ClientKind, Stage
from studio.errors import NotFoundError
from studio.services import queries
from studio.services.queries import Dossier
from studio.services.trips import client_trips
from ui.context import AppContext
from ui.dialogs.client_picker import ClientPickerDialog
from ui.dialogs.consent_dialog import ConsentDialog
from ui.dialogs.contact_dialog import ContactDialog
from ui.dialogs.interaction_dialog import InteractionDialog, ResolveDialog
from ui.dialogs.person_dialog import DateDialog, PersonDialog
from ui.dialogs.trip_dialog import NewTripDialog
from ui.models.trip_table import amount_text
from ui.widgets import labels
from ui.widgets.client_trips_panel import ClientTripsPanel
from ui.widgets.field_editors import ErrorLabel
from ui.widgets.history_panel import HistoryPanel
from ui.widgets.overview_panel import OverviewPanel
from ui.widgets.people_panel import PeoplePanel
from ui.widgets.profile_panel import GlanceCard, ProfilePanel
from ui.widgets.timeline_panel import TimelinePanel

TAB_OVERVIEW, TAB_PEOPLE, TAB_TIMELINE, TAB_HISTORY = range(4)


class DossierView(QWidget):
    """Shows one client's dossier and keeps it current from ``ctx.bridge.sig_changed``."""

    #: Emitted with a client id when the user asks to open another client (referrer, referral).
    sig_open_client = Signal(str)
    #: Emitted with a trip id when the user opens one of the client's trips (the Trips tab).
    sig_open_trip = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._client_id: str | None = None
        self._dossier: Dossier | None = None

        self._empty = QLabel(self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setTextFormat(Qt.TextFormat.RichText)
        self._empty.setMargin(24)

        # Header: 王小明 · Wang Xiaoming, then kind · stage · advisor, then warnings.
        self.title = QLabel(self)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel(self)
        self.subtitle.setWordWrap(True)
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.warning = ErrorLabel(self)
        header = QWidget(self)
        hv = QVBoxLayout(header)
        hv.setContentsMargins(4, 4, 4, 4)
        hv.setSpacing(2)
        # The client's trips at a glance: spend per currency, next departure, last trip.
        self.trip_summary = QLabel(self)
        self.trip_summary.setObjectName("dossierTripSummary")
        self.trip_summary.setWordWrap(True)
        self.trip_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.trip_summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        hv.addWidget(self.title)
        hv.addWidget(self.subtitle)
        hv.addWidget(self.trip_summary)
        hv.addWidget(self.warning)
        self.glance = GlanceCard(ctx, header)
        hv.addWidget(self.glance)

        self.overview = OverviewPanel(ctx, self)
        self.people = PeoplePanel(ctx, self)
        self.timeline = TimelinePanel(ctx, self)
        self.history = HistoryPanel(ctx, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.overview, self.tr("Overview"))
        self.tabs.addTab(self.people, self.tr("People"))
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.profile = ProfilePanel(ctx, self)
        self.tabs.addTab(self.profile, self.tr("Profile"))
        self.trips = ClientTripsPanel(ctx, self)
        self.tabs.addTab(self.trips, self.tr("Trips"))
        self.trips.sig_new_trip.connect(lambda: self.new_trip())
        self.trips.sig_open_trip.connect(self.sig_open_trip)
        from ui.loyalty.dossier_panel import LoyaltyPanel

        self.loyalty = LoyaltyPanel(ctx, self)  # tier, friends brought, ideas, events, surveys
        self.tabs.addTab(self.loyalty, self.tr("Loyalty"))
        self.loyalty.sig_open_client.connect(self.sig_open_client)

        page = QWidget(self)
        pv = QVBoxLayout(page)
        pv.setContentsMargins(0, 0, 0, 0)
        pv.addWidget(header)
        line = QFrame(page)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        pv.addWidget(line)
        pv.addWidget(self.tabs, 1)
        self._page = page

        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._empty)
        self._stack.addWidget(page)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

        #: Ctrl+L: log an interaction for the shown client (the main window may add it to a menu).
        self.action_log_interaction = QAction(self.tr("&Log Interaction…"), self)
        self.action_log_interaction.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        self.action_log_interaction.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action_log_interaction.triggered.connect(lambda: self.log_interaction())
        self.addAction(self.action_log_interaction)

        self.overview.sig_open_client.connect(self.sig_open_client)
        self.overview.sig_record_consent.connect(self.record_consent)
        self.overview.sig_choose_referrer.connect(self.choose_referrer)
        self.overview.sig_add_contact.connect(lambda: self.add_contact())
        self.people.sig_add_person.connect(self.add_person)
        self.people.sig_edit_person.connect(self.edit_person)
        self.people.sig_add_contact.connect(self.add_contact)
        self.people.sig_edit_contact.connect(self.edit_contact)
        self.people.sig_add_date.connect(self.add_date)
        self.timeline.sig_log.connect(lambda: self.log_interaction())
        self.timeline.sig_resolve.connect(self.resolve_complaint)
        self.timeline.sig_edit.connect(self.edit_interaction)
        self.tabs.currentChanged.connect(self._tab_changed)
        ctx.bridge.sig_changed.connect(self._on_changed)
        self._show_empty()

    # -- the contract ---------------------------------------------------------------------------
    @property
    def current_client_id(self) -> str | None:
        return self._client_id

    def show_client(self, client_id: str | None) -> None:
        """Show ``client_id``'s dossier, or a friendly empty state for ``None``."""
        if client_id != self._client_id:
            self._dossier = None
        self._client_id = client_id
        self._reload()

    # -- refreshing -----------------------------------------------------------------------------
    def _on_changed(self, changes) -> None:
        if not self._client_id:
            if "client" in changes.tables:
                self._show_empty()  # “No clients yet” becomes “No client chosen”
            return
        # Another client's change can rename our referrer or add a referral: watch the client table.
        if (
            self._client_id in changes.client_ids
            or "client" in changes.tables
            or "advisor" in changes.tables
        ):
            self._reload()
        elif "trip" in changes.tables or "trip_item" in changes.tables:
            self._show_trips()

    def _reload(self) -> None:
        if not self._client_id:
            self._show_empty()
            return
        try:
            dossier = queries.get_dossier(self._ctx.studio, self._client_id)
        except NotFoundError:
            self._client_id = None
            self._show_empty()
            return
        self._dossier = dossier
        self._show_header(dossier)
        advisors = queries.advisors(self._ctx.studio)
        self.overview.set_dossier(dossier, advisors)
        self.people.set_dossier(dossier)
        self.timeline.set_dossier(dossier, advisors)
        self.glance.set_client(self._client_id)
        self.profile.set_client(self._client_id, self._people())
        self.loyalty.set_client(self._client_id)
        self._show_trips()
        self._history_stale = True
        if self.tabs.currentIndex() == TAB_HISTORY:
            self._load_history()
        self.action_log_interaction.setEnabled(True)
        self._stack.setCurrentWidget(self._page)

    def _show_trips(self) -> None:
        if not self._client_id:
            return
        found = client_trips.client_trips(self._ctx.studio, self._client_id)
        self.trips.set_trips(found)
        parts = []
        if found.spend:
            parts.append(
                self.tr("Spent: %1").replace(
                    "%1",
                    " · ".join(f"{cur} {amount_text(v)}" for cur, v in found.spend.items()),
                )
            )
        if found.next_departure is not None:
            parts.append(
                self.tr("Next departure: %1 (%2)")
                .replace("%1", found.next_departure.title)
                .replace("%2", found.next_departure.start_date or "")
            )
        if found.last_trip is not None:
            parts.append(
                self.tr("Last trip: %1 (%2)")
                .replace("%1", found.last_trip.title)
                .replace("%2", found.last_trip.start_date or "")
            )
        if not found.trips:
            parts.append(self.tr("No trips yet"))
        self.trip_summary.setText(" · ".join(parts))

    def new_trip(self) -> str | None:
        """*New trip for this client*: the New trip dialog with the client chosen."""
        if not self._client_id:
            return None
        dialog = NewTripDialog(self._ctx, self._client_id, self)
        self.new_trip_dialog = dialog
        if dialog.exec() != NewTripDialog.DialogCode.Accepted or dialog.result_value is None:
            return None
        trip_id = dialog.result_value.id
        self.sig_open_trip.emit(trip_id)
        return trip_id

    def _tab_changed(self, index: int) -> None:
        if index == TAB_HISTORY and getattr(self, "_history_stale", False):
            self._load_history()

    def _load_history(self) -> None:
        self.history.load(self._client_id)
        self._history_stale = False

    def _show_empty(self) -> None:
        self._dossier = None
        self.action_log_interaction.setEnabled(False)
        if self._ctx.studio.count(Client) == 0:
            title = html.escape(self.tr("No clients yet"))
            hint = html.escape(
                self.tr(
                    "Add your first client with File ▸ New client… (Ctrl+N); "
                    "their dossier will appear here."
                )
            )
        else:
            title = html.escape(self.tr("No client chosen"))
            hint = html.escape(
                self.tr(
                    "Choose a client in the list to see their dossier: who they "
                    "are, the people travelling with them, every call and "
                    "meeting, and the history of changes."
                )
            )
        self._empty.setText(f"<h3>{title}</h3><p>{hint}</p>")
        self._stack.setCurrentWidget(self._empty)

    def _show_header(self, dossier: Dossier) -> None:
        c = dossier.client
        self.title.setText(display_name(c.name, c.native_name))
        parts = [labels.label(ClientKind, c.kind), labels.label(Stage, c.stage)]
        if dossier.advisor is not None:
            parts.append(
                self.tr("Advisor: %1").replace(
                    "%1", display_name(dossier.advisor.name, dossier.advisor.native_name)
                )
            )
        if dossier.people and c.kind != ClientKind.INDIVIDUAL:
            parts.append(
                labels.count_text(len(dossier.people), self.tr("%n person"), self.tr("%n people"))
            )
        self.subtitle.setText(" · ".join(parts))
        warnings = []
        if c.deleted_at:
            warnings.append(self.tr("This client is in Recently deleted."))
        n_open = len(dossier.open_complaints)
        if n_open:
            warnings.append(
                labels.count_text(
                    n_open,
                    self.tr("%n open complaint — see the Timeline."),
                    self.tr("%n open complaints — see the Timeline."),
                )
            )
        self.warning.set_message("  ".join(warnings))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.tabs.setTabText(self.tabs.indexOf(self.trips), self.tr("Trips"))
            self.tabs.setTabText(TAB_OVERVIEW, self.tr("Overview"))
            self.tabs.setTabText(TAB_PEOPLE, self.tr("People"))
            self.tabs.setTabText(TAB_TIMELINE, self.tr("Timeline"))
            self.tabs.setTabText(TAB_HISTORY, self.tr("History"))
            self.tabs.setTabText(self.tabs.indexOf(self.profile), self.tr("Profile"))
        super().changeEvent(event)

    # -- dialogs (public so the main window's menus and tests can call them) ---------------------
    def _people(self):
        return [card.person for card in self._dossier.people] if self._dossier else []

    def log_interaction(self, kind: str = "call") -> InteractionDialog | None:
        """Open the quick “log an interaction” dialog (Ctrl+L). Returns it (already shown)."""
        if not self._client_id:
            return None
        self.tabs.setCurrentIndex(TAB_TIMELINE)
        return self._open(
            InteractionDialog(self._ctx, self._client_id, self._people(), kind=kind, parent=self)
        )

    def edit_interaction(self, interaction) -> InteractionDialog:
        return self._open(
            InteractionDialog(
                self._ctx, self._client_id, self._people(), interaction=interaction, parent=self
            )
        )

    def resolve_complaint(self, complaint) -> ResolveDialog:
        return self._open(ResolveDialog(self._ctx, complaint, parent=self))

    def add_person(self) -> PersonDialog | None:
        if not self._client_id:
            return None
        dialog = PersonDialog(self._ctx, self._client_id, parent=self)
        dialog.accepted.connect(
            lambda: dialog.result_value and self.people.select_person(dialog.result_value.id)
        )
        return self._open(dialog)

    def edit_person(self, person) -> PersonDialog:
        return self._open(PersonDialog(self._ctx, self._client_id, person=person, parent=self))

    def add_contact(self, person_id: str | None = None) -> ContactDialog | None:
        if not self._client_id:
            return None
        return self._open(
            ContactDialog(
                self._ctx, self._client_id, self._people(), person_id=person_id, parent=self
            )
        )

    def edit_contact(self, contact) -> ContactDialog:
        return self._open(
            ContactDialog(self._ctx, self._client_id, self._people(), contact=contact, parent=self)
        )

    def add_date(self, person) -> DateDialog:
        return self._open(DateDialog(self._ctx, person, parent=self))

    def record_consent(self, purpose: str = "") -> ConsentDialog | None:
        if not self._client_id:
            return None
        existing = self._dossier.consents if self._dossier else []
        return self._open(
            ConsentDialog(
                self._ctx, self._client_id, purpose=purpose or None, existing=existing, parent=self
            )
        )

    def choose_referrer(self) -> ClientPickerDialog | None:
        if not self._client_id:
            return None
        dialog = ClientPickerDialog(
            self._ctx, self.tr("Who referred this client?"), exclude=self._client_id, parent=self
        )
        dialog.accepted.connect(
            lambda: dialog.chosen_id() and self.overview.commit_referrer(dialog.chosen_id())
        )
        return self._open(dialog)

    @staticmethod
    def _open(dialog):
        # Window-modal and non-blocking: no nested event loop, so tests can drive the dialog.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog
