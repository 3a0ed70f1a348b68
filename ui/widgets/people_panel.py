"""The People tab: who belongs to the client, how to reach each of them, dates to remember."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.domain import formatting
from studio.domain.models import ContactPoint, ImportantDate, Person
from studio.domain.names import display_name
from studio.domain.validate import format_phone
from studio.domain.values import ContactKind, DateKind, PersonRole
from studio.services import clients
from studio.services.queries import Dossier
from ui.context import AppContext
from ui.widgets import labels
from ui.widgets.form_dialog import run_guarded

_SHARED = "__shared__"  # the list entry for contacts that belong to the whole client


class PeoplePanel(QWidget):
    """People on the left; the chosen person's details, contacts and dates on the right."""

    #: Emitted when the panel wants a dialog; the dossier view opens it (keeps dialogs testable).
    sig_add_contact = Signal(object)  # person id or None
    sig_edit_contact = Signal(object)  # ContactPoint
    sig_add_person = Signal()
    sig_edit_person = Signal(object)  # Person
    sig_add_date = Signal(object)  # Person

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._dossier: Dossier | None = None

        self.people = QListWidget(self)
        self.people.setAccessibleName(self.tr("People"))
        self.people.currentItemChanged.connect(self._show_current)
        self.people.itemActivated.connect(lambda _i: self._edit_person())
        self.add_person = QPushButton(self.tr("&Add person…"), self)
        self.add_person.clicked.connect(self.sig_add_person)
        self.edit_person = QPushButton(self.tr("Ed&it person…"), self)
        self.edit_person.clicked.connect(self._edit_person)
        self.remove_person = QPushButton(self.tr("Remove person"), self)
        self.remove_person.clicked.connect(self._remove_person)
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.people, 1)
        lv.addWidget(self.add_person)

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.contacts = _table(
            self, [self.tr("Kind"), self.tr("Value"), self.tr("Label"), self.tr("Preferred")]
        )
        self.contacts.itemActivated.connect(lambda _i: self._edit_contact())
        self.add_contact = QPushButton(self.tr("Add &contact…"), self)
        self.add_contact.clicked.connect(lambda: self.sig_add_contact.emit(self._person_id()))
        self.edit_contact = QPushButton(self.tr("Edit…"), self)
        self.edit_contact.clicked.connect(self._edit_contact)
        self.delete_contact = QPushButton(self.tr("Delete"), self)
        self.delete_contact.clicked.connect(self._delete_contact)
        self.contacts.itemSelectionChanged.connect(self._update_buttons)
        contacts_box = _boxed(
            self,
            self.tr("Contacts"),
            self.contacts,
            [self.add_contact, self.edit_contact, self.delete_contact],
        )

        self.dates = _table(self, [self.tr("What"), self.tr("Date"), self.tr("Next")])
        self.add_date = QPushButton(self.tr("Add &date…"), self)
        self.add_date.clicked.connect(
            lambda: self._current_person() and self.sig_add_date.emit(self._current_person())
        )
        self.delete_date = QPushButton(self.tr("Delete"), self)
        self.delete_date.clicked.connect(self._delete_date)
        self.dates.itemSelectionChanged.connect(self._update_buttons)
        _on_delete_key(self.contacts, self._delete_contact)
        _on_delete_key(self.dates, self._delete_date)
        self.dates_box = _boxed(
            self, self.tr("Dates to remember"), self.dates, [self.add_date, self.delete_date]
        )

        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.edit_person)
        heading_row.addWidget(self.remove_person)
        rv.addLayout(heading_row)
        rv.addWidget(self.facts)
        rv.addWidget(contacts_box, 3)
        rv.addWidget(self.dates_box, 2)

        # The details scroll rather than force the whole dossier to be wide.
        right_scroll = QScrollArea(self)
        right_scroll.setWidgetResizable(True)
        right_scroll.setFrameShape(QFrame.Shape.NoFrame)
        right_scroll.setWidget(right)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right_scroll)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        self._split = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    #: Below this width the people list goes above the details instead of beside them.
    SIDE_BY_SIDE_MIN_WIDTH = 640

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        wide = event.size().width() >= self.SIDE_BY_SIDE_MIN_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self._split.orientation() != orientation:
            self._split.setOrientation(orientation)
            self._fit_list()
        super().resizeEvent(event)

    def _fit_list(self) -> None:
        """Stacked (narrow), the people list is only as tall as its first few rows."""
        left = self._split.widget(0)
        if self._split.orientation() == Qt.Orientation.Horizontal:
            left.setMaximumHeight(16777215)
            return
        rows = min(max(self.people.count(), 2), 5)
        row_height = (
            self.people.sizeHintForRow(0)
            if self.people.count()
            else self.fontMetrics().height() + 4
        )
        frame = self.people.frameWidth() * 2
        left.setMaximumHeight(row_height * rows + frame + self.add_person.sizeHint().height() + 8)

    # -- showing --------------------------------------------------------------------------------
    def set_dossier(self, dossier: Dossier) -> None:
        keep = None  # keep the chosen person while the same client refreshes
        same_client = self._dossier is not None and self._dossier.client.id == dossier.client.id
        if same_client and self.people.currentItem() is not None:
            keep = self.people.currentItem().data(Qt.ItemDataRole.UserRole)
        self._dossier = dossier
        self.people.blockSignals(True)
        self.people.clear()
        for card in dossier.people:
            p = card.person
            item = QListWidgetItem(
                self.tr("%1 (%2)")
                .replace("%1", display_name(p.name, p.native_name))
                .replace("%2", labels.label(PersonRole, p.role))
            )
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.people.addItem(item)
        shared = QListWidgetItem(self.tr("Shared contacts"))
        shared.setData(Qt.ItemDataRole.UserRole, _SHARED)
        self.people.addItem(shared)
        row = 0
        for i in range(self.people.count()):
            if self.people.item(i).data(Qt.ItemDataRole.UserRole) == keep:
                row = i
        self.people.setCurrentRow(row)
        self.people.blockSignals(False)
        self._fit_list()
        self._show_current()

    def select_person(self, person_id: str) -> None:
        for i in range(self.people.count()):
            if self.people.item(i).data(Qt.ItemDataRole.UserRole) == person_id:
                self.people.setCurrentRow(i)

    def _person_id(self) -> str | None:
        item = self.people.currentItem()
        pid = item.data(Qt.ItemDataRole.UserRole) if item else None
        return None if pid == _SHARED else pid

    def _current_person(self) -> Person | None:
        pid = self._person_id()
        for card in self._dossier.people if self._dossier else []:
            if card.person.id == pid:
                return card.person
        return None

    def _show_current(self, *_args) -> None:
        if self._dossier is None:
            return
        person = self._current_person()
        if person is None:
            self.heading.setText(self.tr("Shared contacts"))
            self.facts.setText(
                self.tr("Ways to reach the client as a whole, e.g. the household's landline.")
            )
            contacts = [c for c in self._dossier.contacts if c.person_id is None]
            dates: list[ImportantDate] = []
        else:
            card = next(c for c in self._dossier.people if c.person.id == person.id)
            self.heading.setText(display_name(person.name, person.native_name))
            facts = [labels.label(PersonRole, person.role)]
            if person.birth_date:
                facts.append(self.tr("born %1").replace("%1", person.birth_date))
            text = " · ".join(facts)
            if person.notes:
                text += "\n" + person.notes
            self.facts.setText(text)
            # the household's dates (a wedding anniversary) belong to each of the couple too
            contacts, dates = card.contacts, card.dates + self._dossier.shared_dates
        self.dates_box.setVisible(person is not None)
        self._fill_contacts(contacts)
        self._fill_dates(dates)
        self._update_buttons()

    def _fill_contacts(self, contacts: list[ContactPoint]) -> None:
        self.contacts.setRowCount(len(contacts))
        for row, cp in enumerate(contacts):
            value = (
                format_phone(cp.value)
                if cp.kind in (ContactKind.PHONE, ContactKind.WHATSAPP)
                else cp.value
            )
            cells = [
                labels.label(ContactKind, cp.kind),
                value,
                cp.label or "",
                self.tr("Preferred") if cp.preferred else "",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, cp)
                self.contacts.setItem(row, col, item)

    def _fill_dates(self, dates: list[ImportantDate]) -> None:
        from datetime import date

        self.dates.setRowCount(len(dates))
        for row, d in enumerate(dates):
            what = labels.label(DateKind, d.kind) if d.kind != "custom" or not d.label else d.label
            when = (
                formatting.format_date(date(d.year, d.month, d.day))
                if d.year and d.calendar != "lunar"
                else formatting.month_day(d.month, d.day)
            )
            today = date.today()
            nxt = self._dossier.next_date(d, today) if self._dossier else today
            days = (nxt - today).days
            soon = (
                self.tr("today")
                if days == 0
                else labels.count_text(days, self.tr("in %n day"), self.tr("in %n days"))
            )
            cells = [what, when, f"{formatting.format_date(nxt)} ({soon})"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, d)
                self.dates.setItem(row, col, item)

    def _update_buttons(self) -> None:
        person = self._current_person()
        self.edit_person.setEnabled(person is not None)
        self.remove_person.setEnabled(person is not None)
        has_contact = self._selected(self.contacts) is not None
        self.edit_contact.setEnabled(has_contact)
        self.delete_contact.setEnabled(has_contact)
        self.delete_date.setEnabled(self._selected(self.dates) is not None)

    @staticmethod
    def _selected(table: QTableWidget):
        items = table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    # -- actions --------------------------------------------------------------------------------
    def _edit_person(self) -> None:
        person = self._current_person()
        if person is not None:
            self.sig_edit_person.emit(person)

    def _remove_person(self) -> None:
        person = self._current_person()
        if person is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove person"),
            self.tr("Remove %1 from this client? You can undo this (Ctrl+Z).").replace(
                "%1", display_name(person.name, person.native_name)
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            run_guarded(
                self,
                self._ctx,
                self.tr("Remove %1").replace("%1", person.name),
                lambda: clients.delete_row(self._ctx.studio, Person, person.id),
            )

    def _edit_contact(self) -> None:
        cp = self._selected(self.contacts)
        if cp is not None:
            self.sig_edit_contact.emit(cp)

    def _delete_contact(self) -> None:
        cp = self._selected(self.contacts)
        if cp is not None:
            run_guarded(
                self,
                self._ctx,
                self.tr("Delete %1 contact").replace("%1", labels.label(ContactKind, cp.kind)),
                lambda: clients.delete_row(self._ctx.studio, ContactPoint, cp.id),
            )

    def _delete_date(self) -> None:
        d = self._selected(self.dates)
        if d is not None:
            run_guarded(
                self,
                self._ctx,
                self.tr("Delete date"),
                lambda: clients.delete_row(self._ctx.studio, ImportantDate, d.id),
            )


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.setAlternatingRowColors(True)
    return table


def _boxed(
    parent: QWidget, title: str, table: QTableWidget, buttons: list[QPushButton]
) -> QGroupBox:
    box = QGroupBox(title, parent)
    layout = QVBoxLayout(box)
    layout.addWidget(table, 1)
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    layout.addLayout(row)
    return box


def _on_delete_key(table: QTableWidget, slot) -> None:
    """The Delete key on a focused table deletes its selected row (undoable with Ctrl+Z)."""
    action = QAction(table)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(slot)
    table.addAction(action)
