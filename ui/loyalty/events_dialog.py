"""The Events dialog (Clients › Events…, Ctrl+Shift+E): the studio's salons, tastings and
trip-story evenings; their guests invited from the client list's current filter or the selected
client, each guest's answer and whether they came, and the invitations printed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.domain.i18n import current_language
from studio.domain.names import NameForm, display_name
from studio.errors import StudioError, ValidationError
from studio.services.loyalty import events, printing
from ui.context import AppContext
from ui.widgets.field_editors import ErrorLabel
from ui.widgets.form_dialog import FormDialog

_ID = Qt.ItemDataRole.UserRole


def kind_labels(widget: QWidget) -> dict[str, str]:
    return {
        "salon": widget.tr("Salon"),
        "tasting": widget.tr("Tasting"),
        "story": widget.tr("Trip-story evening"),
    }


def rsvp_labels(widget: QWidget) -> dict[str, str]:
    return {
        "invited": widget.tr("Invited"),
        "yes": widget.tr("Coming"),
        "maybe": widget.tr("Maybe"),
        "no": widget.tr("Not coming"),
    }


class EventFormDialog(FormDialog):
    """A new event, or an existing one's details."""

    FIELD_ALIASES = {"held_on": "held_on"}

    def __init__(self, ctx: AppContext, event: events.Event | None, parent: QWidget | None = None):
        super().__init__(ctx, parent.tr("Edit event") if event and parent else "", parent)
        self.setWindowTitle(self.tr("Edit event") if event else self.tr("New event"))
        self.editing = event
        self.title_edit = QLineEdit(event.title if event else "", self)
        self.kind = QComboBox(self)
        for key, label in kind_labels(self).items():
            self.kind.addItem(label, key)
        if event:
            self.kind.setCurrentIndex(max(0, self.kind.findData(event.kind)))
        default_day = (date.today() + timedelta(days=30)).isoformat()
        self.held_on = QLineEdit(event.held_on if event else default_day, self)
        self.held_on.setPlaceholderText("YYYY-MM-DD")
        self.start_time = QLineEdit((event.start_time or "") if event else "19:00", self)
        self.start_time.setPlaceholderText("HH:MM")
        self.place = QLineEdit(event.place if event else "", self)
        self.theme = QPlainTextEdit(event.theme if event else "", self)
        self.theme.setTabChangesFocus(True)
        self.theme.setMaximumHeight(60)
        self.capacity = QLineEdit(str(event.capacity) if event else "16", self)
        self.add_field("title", self.tr("&Title:"), self.title_edit)
        self.add_field("kind", self.tr("&Kind:"), self.kind)
        self.add_field("held_on", self.tr("&Date:"), self.held_on)
        self.add_field("start_time", self.tr("T&ime:"), self.start_time)
        self.add_field("place", self.tr("&Place:"), self.place)
        self.add_field("theme", self.tr("T&heme:"), self.theme)
        self.add_field("capacity", self.tr("&Capacity:"), self.capacity)

    def operation(self) -> Any:
        values = {
            "title": self.title_edit.text(),
            "kind": self.kind.currentData(),
            "held_on": self.held_on.text(),
            "start_time": self.start_time.text(),
            "place": self.place.text(),
            "theme": self.theme.toPlainText(),
            "capacity": self.capacity.text(),
        }
        if self.editing is None:
            title = values.pop("title")
            held = values.pop("held_on")
            return events.create_event(self.ctx.studio, title, held, **values)
        events.update_event(self.ctx.studio, self.editing.id, **values)
        return events.get_event(self.ctx.studio, self.editing.id)


class EventsDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        current_list: Callable[[], list[str]],
        selected: Callable[[], list[str]],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self._current_list = current_list
        self._selected = selected
        self.setWindowTitle(self.tr("Events"))
        self.resize(900, 560)
        self.list = QListWidget(self)
        self.list.setObjectName("eventsList")
        self.list.currentItemChanged.connect(lambda *_: self._show_event())
        self.new_button = QPushButton(self.tr("&New event…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.new_button.clicked.connect(self.new_event)
        self.edit_button.clicked.connect(self.edit_event)
        self.delete_button.clicked.connect(self.delete_event)
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.list, 1)
        row = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.delete_button):
            row.addWidget(b)
        lv.addLayout(row)

        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.guests = QTableWidget(0, 3, self)
        self.guests.setObjectName("eventGuests")
        self.guests.setHorizontalHeaderLabels(
            [self.tr("Guest"), self.tr("Answer"), self.tr("Came")]
        )
        self.guests.horizontalHeader().setStretchLastSection(False)
        self.guests.horizontalHeader().setSectionResizeMode(
            0, self.guests.horizontalHeader().ResizeMode.Stretch
        )
        self.guests.verticalHeader().hide()
        self.guests.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.invite_list_button = QPushButton(self.tr("Invite the &client list"), self)
        self.invite_list_button.setToolTip(
            self.tr("Invite every client the client list shows now (its search and filters)")
        )
        self.invite_one_button = QPushButton(self.tr("Invite the selected c&lient"), self)
        self.remove_button = QPushButton(self.tr("&Remove guest"), self)
        self.print_button = QPushButton(self.tr("&Print invitations…"), self)
        self.invite_list_button.clicked.connect(lambda: self.invite(self._current_list()))
        self.invite_one_button.clicked.connect(lambda: self.invite(self._selected()))
        self.remove_button.clicked.connect(self.remove_guest)
        self.print_button.clicked.connect(lambda: self.print_invitations())
        self.error = ErrorLabel(self)
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.details)
        rv.addWidget(self.guests, 1)
        rv.addWidget(self.error)
        b1 = QHBoxLayout()
        b1.addWidget(self.invite_list_button)
        b1.addWidget(self.invite_one_button)
        b1.addStretch(1)
        b2 = QHBoxLayout()
        b2.addWidget(self.remove_button)
        b2.addWidget(self.print_button)
        b2.addStretch(1)
        rv.addLayout(b1)
        rv.addLayout(b2)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([300, 600])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(close)
        self._filling = False
        self.reload()

    # -- reading ----------------------------------------------------------------------------
    def current_event(self) -> events.Event | None:
        item = self.list.currentItem()
        if item is None:
            return None
        try:
            return events.get_event(self.ctx.studio, item.data(_ID))
        except StudioError:
            return None

    def reload(self, select: str | None = None) -> None:
        keep = select or (self.list.currentItem().data(_ID) if self.list.currentItem() else None)
        self.list.blockSignals(True)
        self.list.clear()
        labels = kind_labels(self)
        for ev in events.list_events(self.ctx.studio):
            text = (
                self.tr("%1 · %2\n%3 (%4 of %5 coming)")
                .replace("%1", ev.held_on)
                .replace("%2", labels.get(ev.kind, ev.kind))
                .replace("%3", ev.title)
                .replace("%4", str(ev.coming))
                .replace("%5", str(ev.capacity))
            )
            item = QListWidgetItem(text, self.list)
            item.setData(_ID, ev.id)
            if ev.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self._show_event()

    def _show_event(self) -> None:
        ev = self.current_event()
        has = ev is not None
        for w in (
            self.edit_button,
            self.delete_button,
            self.invite_list_button,
            self.invite_one_button,
            self.remove_button,
            self.print_button,
        ):
            w.setEnabled(has)
        self._filling = True
        self.guests.setRowCount(0)
        if ev is None:
            self.details.setText(self.tr("No events yet. Start one with New event…"))
            self._filling = False
            return
        lines = [
            f"{kind_labels(self).get(ev.kind, ev.kind)} · {ev.title}",
            " · ".join(x for x in (ev.held_on, ev.start_time or "", ev.place) if x),
        ]
        if ev.theme:
            lines.append(ev.theme)
        lines.append(
            self.tr("%1 invited · %2 of %3 places taken · %4 came")
            .replace("%1", str(len(ev.guests)))
            .replace("%2", str(ev.coming))
            .replace("%3", str(ev.capacity))
            .replace("%4", str(ev.came))
        )
        self.details.setText("\n".join(lines))
        answers = rsvp_labels(self)
        past = ev.held_on <= date.today().isoformat()
        for r, g in enumerate(ev.guests):
            self.guests.insertRow(r)
            name = QTableWidgetItem(display_name(g.name, g.native_name, NameForm.INLINE))
            name.setData(_ID, g.client_id)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.guests.setItem(r, 0, name)
            box = QComboBox(self.guests)
            for key, label in answers.items():
                box.addItem(label, key)
            box.setCurrentIndex(max(0, box.findData(g.rsvp)))
            box.currentIndexChanged.connect(
                lambda _i, cid=g.client_id, b=box: self.set_rsvp(cid, b.currentData())
            )
            self.guests.setCellWidget(r, 1, box)
            came = QCheckBox(self.guests)
            came.setChecked(g.attended)
            came.setEnabled(past or g.attended)
            came.toggled.connect(lambda on, cid=g.client_id: self.set_attended(cid, on))
            self.guests.setCellWidget(r, 2, came)
        self._filling = False

    # -- writing ----------------------------------------------------------------------------
    def _run(self, text: str, op: Callable[[], Any]) -> bool:
        self.error.set_message(None)
        try:
            self.ctx.execute(text, op)
        except (ValidationError, StudioError) as exc:
            self.error.set_message(str(exc))
            self.reload()  # show what is stored, not what was refused
            return False
        self.reload()
        return True

    def new_event(self) -> events.Event | None:
        dialog = EventFormDialog(self.ctx, None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_value is None:
            return None
        self.reload(select=dialog.result_value.id)
        return dialog.result_value

    def edit_event(self) -> None:
        ev = self.current_event()
        if ev is None:
            return
        dialog = EventFormDialog(self.ctx, ev, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(select=ev.id)

    def delete_event(self) -> None:
        ev = self.current_event()
        if ev is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete event"),
            self.tr(
                "Delete “%1”? Its guests' answers stay in the history; Undo brings it back."
            ).replace("%1", ev.title),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(self.tr("Delete event"), lambda: events.delete_event(self.ctx.studio, ev.id))

    def invite(self, client_ids: list[str]) -> tuple[int, int] | None:
        ev = self.current_event()
        if ev is None:
            return None
        result: list[tuple[int, int]] = []
        ok = self._run(
            self.tr("Invite to event"),
            lambda: result.append(events.invite(self.ctx.studio, ev.id, client_ids)),
        )
        if ok and result:
            added, already = result[0]
            self.error.set_message(None)
            self.details.setText(
                self.details.text()
                + "\n"
                + self.tr("%1 invited now; %2 were already invited.")
                .replace("%1", str(added))
                .replace("%2", str(already))
            )
            return result[0]
        return None

    def set_rsvp(self, client_id: str, rsvp: str) -> bool:
        ev = self.current_event()
        if self._filling or ev is None:
            return False
        return self._run(
            self.tr("Record answer"),
            lambda: events.set_rsvp(self.ctx.studio, ev.id, client_id, rsvp),
        )

    def set_attended(self, client_id: str, attended: bool) -> bool:
        ev = self.current_event()
        if self._filling or ev is None:
            return False
        return self._run(
            self.tr("Record attendance"),
            lambda: events.set_attended(self.ctx.studio, ev.id, client_id, attended),
        )

    def remove_guest(self) -> None:
        ev = self.current_event()
        row = self.guests.currentRow()
        if ev is None or row < 0:
            return
        item = self.guests.item(row, 0)
        if item is None:
            return
        cid = item.data(_ID)
        self._run(self.tr("Remove guest"), lambda: events.uninvite(self.ctx.studio, ev.id, cid))

    def print_invitations(self, target: Path | None = None) -> Path | None:
        ev = self.current_event()
        if ev is None:
            return None
        if target is None:
            name, _f = QFileDialog.getSaveFileName(
                self, self.tr("Print invitations"), "invitations.pdf", self.tr("PDF files (*.pdf)")
            )
            if not name:
                return None
            target = Path(name)
        try:
            pages = printing.write_invitations(self.ctx.studio, ev.id, target, current_language())
        except (OSError, StudioError) as exc:
            self.error.set_message(str(exc))
            return None
        self.error.set_message(None)
        self.details.setText(
            self.details.text()
            + "\n"
            + self.tr("%1 invitations written to %2")
            .replace("%1", str(pages))
            .replace("%2", str(target))
        )
        return target
