"""The agenda: what to do today for the studio's clients (birthdays, anniversaries, expiring
passports, win-backs), grouped overdue / today / this week / the next 30 days / coming up.

Layout here; the rules live in :mod:`studio.services.agenda`. The tray notice is
:mod:`ui.widgets.tray_notifier`, the rules dialog :mod:`ui.dialogs.agenda_rules_dialog`. Every action goes through
``AppContext.execute`` (journaled, undoable) and the view refreshes from ``sig_changed``.

The agenda is read in a pool thread (a 10,000-client studio takes ~0.6 s): the core function
returns plain data, and the tree is filled on the GUI thread when it arrives.
"""

from __future__ import annotations

import atexit
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.domain import formatting
from studio.errors import StudioError
from studio.services.agenda import actions as agenda_actions
from studio.services.agenda import build as agenda_build
from studio.services.agenda import desk as agenda_desk
from studio.services.agenda.actions import DoneNote
from studio.services.agenda.build import Agenda, AgendaEntry
from studio.store import ChangeSet
from ui.context import AppContext
from ui.dialogs.agenda_rules_dialog import AgendaSettingsDialog
from ui.workers import Cancel, Job, Progress, error_text

COL_WHEN, COL_WHO, COL_WHAT, COL_WHY, COL_ADVISOR, COL_GIFT = range(6)
#: Item data role holding the entry's index in :attr:`AgendaView.entries` (-1 on section rows).
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
_RELEVANT = {
    "important_date",
    "travel_document",
    "agenda_action",
    "agenda_setting",
    "interaction",
    "client",
    "person",
    "advisor",
    "trip",  # the trips' tasks and anniversaries, and the win-backs' last trip
}


# -- reading in the background ------------------------------------------------------------------
@dataclass(frozen=True)
class RowText:
    """What one entry's row shows, worked out in the reader thread (dates are slow to format)."""

    columns: tuple[str, ...]
    why_tip: str


@dataclass
class AgendaRead:
    """One background read of the agenda: plain data, no Qt objects."""

    generation: int
    today: date
    result: Agenda | None = None
    rows: list[RowText] = field(default_factory=list)
    error: str | None = None


def row_text(e: AgendaEntry, today: date, words: dict[str, str]) -> RowText:
    """The six columns of an entry; ``words`` holds the translated phrases (translated on the
    GUI thread: today, tomorrow, yesterday, ago, ahead, milestone)."""
    days = (e.due - today).days
    if days == 0:
        when = words["today"]
    elif days == 1:
        when = words["tomorrow"]
    elif days == -1:
        when = words["yesterday"]
    elif days < 0:
        when = words["ago"].replace("%1", str(-days))
    else:
        when = words["ahead"].replace("%1", str(days))
    when = f"{formatting.day_month(e.due)} · {when}"
    occ = e.occurrence
    why = (
        ("★ " if e.milestone else "")
        + occ.why
        + (f" ({occ.calendar_note})" if occ.calendar_note else "")
    )
    gift = f"{formatting.format_date(e.last_gift[0])} · {e.last_gift[1]}" if e.last_gift else "—"
    tip = words["milestone"].replace("%1", e.why) if e.milestone else e.why
    return RowText((when, e.who, e.what, why, e.advisor_name or "—", gift), tip)


_POOL: QThreadPool | None = None


def _reader_pool() -> QThreadPool:
    """The agenda's reader thread (one: reads queue rather than compete for two cores), made on
    first use on the GUI thread."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
        atexit.register(_POOL.waitForDone)  # a read under way ends before the interpreter does
    return _POOL


def wait_for_reads(msecs: int = -1) -> bool:
    """Block until no agenda read is running (True), or ``msecs`` have passed (False)."""
    return _POOL is None or _POOL.waitForDone(msecs)


class AgendaView(QWidget):
    """The agenda screen."""

    #: Emitted with a client id when an entry is double-clicked: open that client's dossier.
    sig_open_client = Signal(str)
    #: Fires after the tree shows a fresh read (the first one, and each after a change).
    sig_refreshed = Signal()
    #: A line for the status bar: what was just done (and that Ctrl+Z undoes it).
    sig_message = Signal(str)
    #: The empty agenda's "New client…": the main window opens its New client dialog.
    sig_new_client = Signal()

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self._fixed_today = today
        self.entries: list[AgendaEntry] = []
        self.result: Agenda | None = None
        self._stale = False
        # Background reads: each request bumps the generation; one read runs at a time, and a
        # read that finishes behind a newer request is dropped and the newest one started.
        self._generation = 0
        self._running: int | None = None  # the generation being read, None when idle
        self._building: Iterator[None] | None = None  # the rows of a finished read, made in slices
        self._closed = False
        self._select_after: list[tuple] = []  # keys to select after the next read, in order

        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        for label in (self.title, self.summary):  # long dates and counts wrap rather than widen
            label.setWordWrap(True)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("agendaTree")
        self.tree.setColumnCount(6)
        self.tree.setHeaderLabels(
            [
                self.tr("When"),
                self.tr("Who"),
                self.tr("What"),
                self.tr("Why it matters"),
                self.tr("Advisor"),
                self.tr("Last gift or greeting"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(self._open)

        self.done_button = QPushButton(self.tr("&Done…"), self)
        self.done_button.setToolTip(
            self.tr("Mark it done and note what was sent; it goes on the client's timeline.")
        )
        self.snooze_button = QPushButton(self.tr("&Snooze…"), self)
        self.snooze_button.setToolTip(self.tr("Hide it until a later day."))
        self.dismiss_button = QPushButton(self.tr("D&ismiss"), self)
        self.dismiss_button.setToolTip(
            self.tr("Nothing to do this time; next year's comes back as usual.")
        )
        self.open_button = QPushButton(self.tr("&Open dossier"), self)
        self.documents_button = QPushButton(self.tr("&Passports…"), self)
        self.documents_button.setToolTip(
            self.tr(
                "This client's passports and other documents: add one, or "
                "change an expiry after a renewal."
            )
        )
        self.documents_button.clicked.connect(self.edit_documents)
        self.rules_button = QPushButton(self.tr("&Rules…"), self)
        self.rules_button.setToolTip(
            self.tr("How many days ahead each kind appears, which kinds are on.")
        )
        self.rules_button.clicked.connect(self.edit_rules)
        self.done_button.clicked.connect(self.mark_done)
        self.snooze_button.clicked.connect(self.snooze)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.open_button.clicked.connect(lambda: self._open(self.tree.currentItem()))

        buttons = QHBoxLayout()
        for b in (self.done_button, self.snooze_button, self.dismiss_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.documents_button)
        buttons.addWidget(self.open_button)

        # Filters: the advisor's own clients, one kind of reminder.
        self.mine_only = QCheckBox(self.tr("&Mine only"), self)
        self.mine_only.setToolTip(self.tr("Only the clients you are the advisor of."))
        self.mine_only.toggled.connect(lambda _on: self._apply_filters())
        self.kind_filter = QComboBox(self)
        self.kind_filter.setToolTip(self.tr("Show one kind of reminder"))
        self.kind_filter.addItem(self.tr("All kinds"), "")
        for kind, label in self._kind_labels().items():
            self.kind_filter.addItem(label, kind)
        self.kind_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self._mine: set[str] | None = None  # the advisor's clients, read when first asked for

        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.summary)
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addWidget(self.mine_only, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.kind_filter, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.rules_button, 0, Qt.AlignmentFlag.AlignTop)

        # The client beside the list: how to reach them, when they last heard from the studio.
        self.card = QFrame(self)
        self.card.setObjectName("agendaClientCard")
        self.card.setFrameShape(QFrame.Shape.StyledPanel)
        self.card_name = QLabel(self.card)
        bold_font = self.card_name.font()
        bold_font.setBold(True)
        self.card_name.setFont(bold_font)
        self.card_name.setWordWrap(True)
        self.card_phone = QLabel(self.card)
        self.card_email = QLabel(self.card)
        self.card_wechat = QLabel(self.card)
        self.card_last = QLabel(self.card)
        card_form = QFormLayout()
        card_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for label_text, value_label in (
            (self.tr("Phone:"), self.card_phone),
            (self.tr("Email:"), self.card_email),
            (self.tr("WeChat:"), self.card_wechat),
            (self.tr("Last contact:"), self.card_last),
        ):
            value_label.setWordWrap(True)
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value_label.setTextFormat(Qt.TextFormat.PlainText)
            card_form.addRow(label_text, value_label)
        card_layout = QVBoxLayout(self.card)
        card_layout.addWidget(self.card_name)
        card_layout.addLayout(card_form)
        card_layout.addStretch(1)
        self.card.setMinimumWidth(self.fontMetrics().horizontalAdvance("m") * 18)

        # The empty agenda says what fills it, with the first steps as buttons.
        self.empty = QWidget(self)
        self.empty.setObjectName("agendaEmpty")
        empty_text = QLabel(
            self.tr(
                "Nothing on the agenda yet.\n\nIt fills itself from your clients: birthdays "
                "and anniversaries of the people in a dossier, passports that expire, trips to "
                "prepare and clients due a call. Add a client with their dates to begin."
            ),
            self.empty,
        )
        empty_text.setWordWrap(True)
        empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_new_client = QPushButton(self.tr("&New client…"), self.empty)
        self.empty_new_client.clicked.connect(self.sig_new_client)
        self.empty_rules = QPushButton(self.tr("Agenda &rules…"), self.empty)
        self.empty_rules.clicked.connect(self.edit_rules)
        empty_buttons = QHBoxLayout()
        empty_buttons.addStretch(1)
        empty_buttons.addWidget(self.empty_new_client)
        empty_buttons.addWidget(self.empty_rules)
        empty_buttons.addStretch(1)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(empty_text)
        empty_layout.addLayout(empty_buttons)
        empty_layout.addStretch(2)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.tree)
        self.list_stack.addWidget(self.empty)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_stack)
        self.splitter.addWidget(self.card)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.tree.currentItemChanged.connect(lambda *_a: self._show_card())
        self._show_card()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 8)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)

        ctx.bridge.sig_changed.connect(self._on_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        # Read when first shown, after the window has painted: the read runs in a pool thread,
        # but it still shares the interpreter with the first paint.
        self._stale = True
        self._read_scheduled = False
        self.title.setText(self.tr("Agenda"))
        self.summary.setText(self.tr("Reading the agenda…"))
        self._update_buttons()  # nothing to act on until the first read arrives

    # -- reading ------------------------------------------------------------------------------
    @property
    def today(self) -> date:
        return self._fixed_today or date.today()

    @property
    def reading(self) -> bool:
        """True while a read is under way, about to start, or its rows are being made."""
        return self._running is not None or self._read_scheduled or self._building is not None

    def has_fresh_result(self, day: date | None = None) -> bool:
        """True when the tree shows a finished read of ``day`` (today) with no newer one pending."""
        return (
            self.result is not None
            and self.result.today == (day or self.today)
            and not self._stale
            and not self.reading
        )

    def refresh(self) -> None:
        """Read the agenda again, in a pool thread. The current rows stay until the read arrives
        (:attr:`sig_refreshed`); requests made meanwhile end in one more read, never a stale one."""
        if self._closed:
            return
        self._read_scheduled = False
        self._building = None  # rows of an older read: a newer one is coming
        self._generation += 1
        if self._running is None:
            self._start_read()

    def wait_until_read(self, msecs: int = 30000) -> bool:
        """Run the event loop until the tree shows a read that is not outdated (True), or ``msecs``
        have passed (False). For rendering the window offscreen, not for the user's session."""
        if self.has_fresh_result():
            return True
        if not self.reading:
            self.refresh()
        loop = QEventLoop()
        self.sig_refreshed.connect(loop.quit)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(msecs)
        while timer.isActive() and not self.has_fresh_result():
            loop.exec()
        self.sig_refreshed.disconnect(loop.quit)
        timer.stop()
        timer.deleteLater()
        return self.has_fresh_result()

    def shutdown(self) -> None:
        """When the app quits: start no more reads and let a running one end before the studio
        is closed. Its result is dropped."""
        self._closed = True
        self._building = None
        if self._running is not None:
            wait_for_reads()

    def _words(self) -> dict[str, str]:
        return {
            "today": self.tr("today"),
            "tomorrow": self.tr("tomorrow"),
            "yesterday": self.tr("yesterday"),
            "ago": self.tr("%1 days ago"),
            "ahead": self.tr("in %1 days"),
            "milestone": self.tr("Milestone: %1"),
        }

    def _start_read(self) -> None:
        studio, today, words = self.ctx.studio, self.today, self._words()
        read = AgendaRead(self._generation, today)

        def work(_progress: Progress, _cancel: Cancel) -> AgendaRead:  # a pool thread: no Qt
            try:
                read.result = agenda_build.agenda(studio, today, 30)
                read.rows = [row_text(e, today, words) for e in read.result.entries]
            except Exception as exc:  # noqa: BLE001 - shown in the view, never a crash
                read.error = error_text(exc)
            return read

        self._running = self._generation
        job = Job(work)
        job.sig_result.connect(self._on_read)  # a bound method: a closed view drops it
        job.start(_reader_pool())

    def _on_read(self, read: AgendaRead) -> None:
        self._running = None
        if self._closed:
            return
        if read.generation != self._generation:
            self._start_read()  # something changed while it ran: read again, drop this one
            return
        if read.error is not None:
            self.summary.setText(
                self.tr("The agenda could not be read: %1").replace("%1", read.error)
            )
            return
        self._building = self._show(read)
        self._build_step()

    def _build_step(self) -> None:
        """Make the next slice of rows; the last step shows them all at once."""
        if self._building is None:
            return
        try:
            next(self._building)
        except StopIteration:
            self._building = None
            self.sig_refreshed.emit()
        else:
            QTimer.singleShot(0, self._build_step)

    #: Rows made per turn of the event loop (a few milliseconds' worth), so typing and scrolling
    #: go on while thousands of rows are made.
    BUILD_SLICE = 500

    def _show(self, read: AgendaRead) -> Iterator[None]:
        """Make the tree's rows for ``read`` in slices (a generator: one slice per step), then
        swap them in with the title and counts in one go."""
        assert read.result is not None
        result = read.result
        bold = QFont(self.tree.font())
        bold.setBold(True)
        accent = QBrush(self.palette().color(QPalette.ColorRole.Link))
        muted = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        titles = {
            "overdue": self.tr("Overdue"),
            "today": self.tr("Today"),
            "this_week": self.tr("This week"),
            "next_days": self.tr("Next 30 days"),
            "later": self.tr("Coming up (longer lead times)"),
        }
        # The items are built detached and added in one go: thousands of rows inserted one by one
        # into a shown tree cost several times as much.
        sections: list[QTreeWidgetItem] = []
        spanned: list[QTreeWidgetItem] = []
        by_key: dict[tuple, QTreeWidgetItem] = {}
        index = 0
        for key, _title, entries in result.sections():
            if not entries and key not in ("overdue", "today"):
                continue
            section = QTreeWidgetItem([f"{titles[key]} ({len(entries)})"])
            section.setData(0, ENTRY_ROLE, -1)
            section.setFont(0, bold)
            section.setFlags(Qt.ItemFlag.ItemIsEnabled)
            sections.append(section)
            spanned.append(section)
            children = []
            if not entries:
                empty = QTreeWidgetItem([self.tr("Nothing due.")])
                empty.setData(0, ENTRY_ROLE, -1)
                empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
                empty.setForeground(0, muted)
                children.append(empty)
                spanned.append(empty)
            for e in entries:
                row = read.rows[index]
                item = QTreeWidgetItem(list(row.columns))
                item.setData(
                    0, ENTRY_ROLE, index
                )  # sections list the entries in the agenda's order
                index += 1
                item.setToolTip(COL_WHY, row.why_tip)
                item.setToolTip(COL_WHO, row.columns[COL_WHO])
                item.setToolTip(COL_GIFT, row.columns[COL_GIFT])
                if e.milestone:
                    for col in range(6):
                        item.setFont(col, bold)
                    item.setForeground(COL_WHY, accent)
                by_key[e.key] = item
                children.append(item)
                if index % self.BUILD_SLICE == 0:
                    yield
            section.addChildren(children)
        # The swap: everything below happens in one step, so the tree never shows half a read.
        current = self.current_entry()
        select = by_key.get(current.key) if current else None
        for key in self._select_after:  # after Done: the line that followed it, if still there
            if key in by_key:
                select = by_key[key]
                break
        self._select_after = []
        self.result = result
        self.entries = list(result.entries)
        today = read.today
        self.title.setText(self.tr("Agenda for %1").replace("%1", formatting.long_date(today)))
        counts = {k: len(v) for k, _t, v in result.sections()}
        self.summary.setText(
            self.tr("%1 overdue · %2 today · %3 this week")
            .replace("%1", str(counts["overdue"]))
            .replace("%2", str(counts["today"]))
            .replace("%3", str(counts["this_week"]))
        )
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            self.tree.addTopLevelItems(sections)
            for item in spanned:  # both need the item in the tree
                item.setFirstColumnSpanned(True)
            for section in sections:
                section.setExpanded(True)
            self._size_columns()
            self._apply_filters()
            if select is not None and not select.isHidden():
                self.tree.setCurrentItem(select)
        finally:
            self.tree.setUpdatesEnabled(True)
        self.list_stack.setCurrentWidget(self.empty if not self.entries else self.tree)
        self._update_buttons()
        self._show_card()

    def _size_columns(self) -> None:
        fm = self.tree.fontMetrics()
        # Child rows are indented under their section; leave room for that and the cell margins.
        pad = self.tree.indentation() + 16
        widths = {
            COL_WHEN: fm.horizontalAdvance("Wed 30 Sep · 365 days ago") + pad,
            COL_WHO: fm.horizontalAdvance("M") * 24,
            COL_WHAT: fm.horizontalAdvance("Wedding anniversary") + 24,
            COL_WHY: fm.horizontalAdvance("turns 41 (lunar 10th month, day 14)") + 24,
            COL_ADVISOR: fm.horizontalAdvance("Oliver Grant") + 24,
        }
        for col, w in widths.items():
            self.tree.setColumnWidth(col, w)

    def _kind_labels(self) -> dict[str, str]:
        return {
            "birthday": self.tr("Birthdays"),
            "wedding": self.tr("Wedding anniversaries"),
            "custom": self.tr("Other dates"),
            "passport": self.tr("Passport expiries"),
            "document": self.tr("Other document expiries"),
            "winback": self.tr("Win-back"),
            "trip_anniversary": self.tr("Trip anniversaries"),
            "pre_departure": self.tr("Pre-departure checks"),
            "welcome_home": self.tr("Welcome-home calls"),
            "feedback": self.tr("Feedback requests"),
        }

    def _entry_of(self, item: QTreeWidgetItem | None) -> AgendaEntry | None:
        i = item.data(0, ENTRY_ROLE) if item is not None else None
        return self.entries[i] if isinstance(i, int) and 0 <= i < len(self.entries) else None

    def _passes(self, entry: AgendaEntry) -> bool:
        kind = self.kind_filter.currentData()
        if kind and entry.occurrence.kind != kind:
            return False
        if self.mine_only.isChecked():
            if self._mine is None:
                self._mine = agenda_desk.clients_of(self.ctx.studio, self.ctx.studio.advisor_id)
            return entry.client_id in self._mine
        return True

    def visible_entries(self) -> list[AgendaEntry]:
        """The entries the filters let through, in the tree's order."""
        out = []
        for _item, entry in self._entry_items():
            if self._passes(entry):
                out.append(entry)
        return out

    def _entry_items(self) -> Iterator[tuple[QTreeWidgetItem, AgendaEntry]]:
        for s in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(s)
            for c in range(section.childCount()):
                item = section.child(c)
                entry = self._entry_of(item)
                if entry is not None:
                    yield item, entry

    def _apply_filters(self) -> None:
        """Hide the lines the filters leave out; the sections count what is shown."""
        filtered = bool(self.kind_filter.currentData()) or self.mine_only.isChecked()
        for s in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(s)
            shown = total = 0
            for c in range(section.childCount()):
                item = section.child(c)
                entry = self._entry_of(item)
                if entry is None:
                    continue
                total += 1
                hide = not self._passes(entry)
                item.setHidden(hide)
                shown += not hide
            title = section.text(0).rsplit(" (", 1)[0]
            count = f"{shown} / {total}" if filtered and shown != total else str(total)
            section.setText(0, f"{title} ({count})")
        current = self.tree.currentItem()
        if current is not None and current.isHidden():
            self.tree.setCurrentItem(None)
        self._update_buttons()

    def _show_card(self) -> None:
        entry = self.current_entry()
        card = agenda_desk.contact_card(self.ctx.studio, entry.client_id) if entry else None
        none = self.tr("—")
        if card is None:
            self.card_name.setText(self.tr("Choose a line to see how to reach the client."))
            for value in (self.card_phone, self.card_email, self.card_wechat, self.card_last):
                value.setText(none)
            return
        self.card_name.setText(entry.who if entry else card.name)
        self.card_phone.setText("\n".join(card.phones) or none)
        self.card_email.setText("\n".join(card.emails) or none)
        self.card_wechat.setText("\n".join(card.wechat) or none)
        if card.last_contact:
            when, _kind, summary = card.last_contact
            self.card_last.setText(
                f"{formatting.format_date(date.fromisoformat(when))} · {summary}"
            )
        else:
            self.card_last.setText(self.tr("never logged"))

    def select_first(self) -> AgendaEntry | None:
        """Choose the first line the filters show (its client's card beside it)."""
        for item, entry in self._entry_items():
            if not item.isHidden():
                self.tree.setCurrentItem(item)
                return entry
        return None

    def current_entry(self) -> AgendaEntry | None:
        item = self.tree.currentItem() if self.tree.topLevelItemCount() else None
        if item is None:
            return None
        i = item.data(0, ENTRY_ROLE)
        return self.entries[i] if isinstance(i, int) and 0 <= i < len(self.entries) else None

    def _update_buttons(self) -> None:
        has = self.current_entry() is not None
        for b in (
            self.done_button,
            self.snooze_button,
            self.dismiss_button,
            self.open_button,
            self.documents_button,
        ):
            b.setEnabled(has)

    def _on_changed(self, changes: ChangeSet) -> None:
        if not changes.tables & _RELEVANT:
            return
        # While another area is shown, read on return rather than for nothing.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            if self.result is not None:  # the rows shown stay until the read arrives
                self.refresh()
                return
            self._read_scheduled = True
            # Read once the list has painted (or shortly, if it never does), so the window is
            # on screen first.
            self.tree.viewport().installEventFilter(self)
            QTimer.singleShot(300, self._first_read)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and obj is self.tree.viewport():
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._first_read)
        return False

    def _first_read(self) -> None:
        self.tree.viewport().removeEventFilter(self)
        if self._read_scheduled:  # the paint and the fallback timer both call this; read once
            self._read_scheduled = False
            self.refresh()

    def _open(self, item: QTreeWidgetItem | None, _column: int = 0) -> None:
        if item is None:
            return
        i = item.data(0, ENTRY_ROLE)
        if isinstance(i, int) and 0 <= i < len(self.entries):
            self.sig_open_client.emit(self.entries[i].client_id)

    # -- asking (tests replace these) ---------------------------------------------------------
    def ask_sent(self, entry: AgendaEntry) -> DoneNote | str | None:
        """The Done form's answer (how, gift, cost, note); None when cancelled."""
        from studio.services import studio_profile
        from ui.dialogs.agenda_done_dialog import DoneDialog

        currency = getattr(studio_profile.profile(self.ctx.studio), "currency", "") or ""
        dialog = DoneDialog(entry, currency, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_note

    def ask_snooze_date(self, entry: AgendaEntry) -> date | None:
        """The day chosen in the Snooze form (a preset or a day); None when cancelled."""
        from ui.dialogs.agenda_done_dialog import SnoozeDialog

        after = agenda_desk.after_next_trip(self.ctx.studio, entry.client_id, self.today)
        dialog = SnoozeDialog(entry, self.today, after, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen_day()

    # -- acting -------------------------------------------------------------------------------
    def _run(self, text: str, operation) -> bool:
        try:
            self.ctx.execute(text, operation)
        except StudioError as exc:
            QMessageBox.warning(self, self.tr("Agenda"), str(exc))
            return False
        return True

    def _move_on(self, entry: AgendaEntry) -> None:
        """After acting on ``entry``: select the line below it (above, at the end) now, and again
        once the agenda is read anew."""
        items = [(i, e) for i, e in self._entry_items() if not i.isHidden()]
        keys = [e.key for _i, e in items]
        if entry.key not in keys:
            return
        at = keys.index(entry.key)
        after = [k for k in keys[at + 1 :]] + [k for k in reversed(keys[:at])]
        self._select_after = after
        if after:
            self.tree.setCurrentItem(items[keys.index(after[0])][0])

    def _acted(self, entry: AgendaEntry, message: str) -> None:
        self._move_on(entry)
        self.sig_message.emit(message + " " + self.tr("Undo with Ctrl+Z."))

    def mark_done(self) -> bool:
        entry = self.current_entry()
        if entry is None:
            return False
        answer = self.ask_sent(entry)
        if answer is None:
            return False
        studio, today = self.ctx.studio, self.today
        if isinstance(answer, DoneNote):
            kwargs: dict = {"note": answer}
        else:
            kwargs = {"sent": answer}
        if not self._run(
            self.tr("Done: %1").replace("%1", f"{entry.who}, {entry.what}"),
            lambda: agenda_actions.act_on(studio, entry, "done", on=today, **kwargs),
        ):
            return False
        self._acted(entry, self.tr("Done: %1.").replace("%1", f"{entry.who}, {entry.what}"))
        return True

    def snooze(self) -> bool:
        entry = self.current_entry()
        if entry is None:
            return False
        until = self.ask_snooze_date(entry)
        if until is None:
            return False
        studio, today = self.ctx.studio, self.today
        if not self._run(
            self.tr("Snooze: %1").replace("%1", f"{entry.who}, {entry.what}"),
            lambda: agenda_actions.act_on(studio, entry, "snoozed", until=until, today=today),
        ):
            return False
        self._acted(
            entry,
            self.tr("Snoozed until %1: %2.")
            .replace("%1", formatting.format_date(until))
            .replace("%2", f"{entry.who}, {entry.what}"),
        )
        return True

    def dismiss(self) -> bool:
        entry = self.current_entry()
        if entry is None:
            return False
        studio = self.ctx.studio
        if not self._run(
            self.tr("Dismiss: %1").replace("%1", f"{entry.who}, {entry.what}"),
            lambda: agenda_actions.act_on(studio, entry, "dismissed"),
        ):
            return False
        self._acted(entry, self.tr("Dismissed: %1.").replace("%1", f"{entry.who}, {entry.what}"))
        return True

    def edit_documents(self) -> None:
        from ui.dialogs.documents_dialog import DocumentsDialog

        entry = self.current_entry()
        if entry is not None:
            DocumentsDialog(self.ctx, entry.client_id, entry.client_name, self).exec()

    def edit_rules(self) -> bool:
        return AgendaSettingsDialog(self.ctx, self).exec() == QDialog.DialogCode.Accepted

    def due_today_message(self) -> str | None:
        """One line for a notification of what is due today, or None when nothing is."""
        if self.result is None:
            return None
        today = self.result.due_today()
        overdue = self.result.section("overdue")
        if not today and not overdue:
            return None
        names = ", ".join(f"{e.who.split(' (')[0]} ({e.why})" for e in today[:3])
        more = len(today) - 3
        text = self.tr("%1 due today").replace("%1", str(len(today)))
        if names:
            text += f": {names}" + (
                self.tr(" and %1 more").replace("%1", str(more)) if more > 0 else ""
            )
        if overdue:
            text += self.tr(" · %1 overdue").replace("%1", str(len(overdue)))
        return text
