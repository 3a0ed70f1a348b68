"""Add or edit an itinerary item, add or edit a day, and say why a plan changes on the road.

The core validates every value; a refused one shows its reason under the field, everything typed
stays, and nothing is written.
"""

from __future__ import annotations

import functools
import html
import json
from zoneinfo import available_timezones

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from studio.domain import formatting
from studio.domain.names import display_name
from studio.domain.trip_models import CHANGE_REASONS, Trip, TripDay, TripItem
from studio.services.safety import check as safety_check
from studio.services.safety.check import ItemText
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips import suppliers as trip_suppliers
from studio.services.trips import validators as trip_validators
from ui.context import AppContext
from ui.dialogs.suppliers_dialog import SupplierDialog
from ui.models.trip_plan_model import kind_choices
from ui.widgets.field_editors import NO_VALUE, ErrorLabel, NotesEdit
from ui.widgets.form_dialog import FormDialog
from ui.widgets.safety_widgets import SIGNS, TagCompleter, severity_colour

_REASON_LABELS = {
    "weather": QT_TRANSLATE_NOOP("Vocabulary", "Weather"),
    "client request": QT_TRANSLATE_NOOP("Vocabulary", "Client request"),
    "supplier": QT_TRANSLATE_NOOP("Vocabulary", "Supplier"),
    "other": QT_TRANSLATE_NOOP("Vocabulary", "Other"),
}


def reason_label(key: str) -> str:
    return QCoreApplication.translate("Vocabulary", _REASON_LABELS.get(key, key))


@functools.cache
def zone_names() -> list[str]:
    return sorted(available_timezones() | {"UTC"})


def day_caption(day: TripDay) -> str:
    text = QCoreApplication.translate("TripItemDialog", "Day %1").replace("%1", str(day.day_number))
    if day.date:
        qd = QDate.fromString(day.date, "yyyy-MM-dd")
        if qd.isValid():
            text += " · " + formatting.long_date(day.date)
    if day.title:
        text += " · " + day.title
    return text


def _zone_combo(parent: QWidget) -> QComboBox:
    """An editable combo of IANA zone names; typing any part ("Tok", "Paris") completes."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("")
    combo.addItems(zone_names())
    completer = QCompleter(zone_names(), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    combo.setMinimumContentsLength(16)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


class _Row(QWidget):
    """Several editors on one form row (start and end, cost, price and currency)."""

    def __init__(self, parent: QWidget, *parts: QWidget | str, stretch: bool = False):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for part in parts:
            if isinstance(part, str):
                layout.addWidget(QLabel(part, self))
            else:
                layout.addWidget(part, 1)
        if stretch:
            layout.addStretch(3)


class ReasonEditor(QWidget):
    """Why a plan changes while the client travels: one of the core's reasons and a detail."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.reason = QComboBox(self)
        self.reason.addItem(self.tr("Choose…"), NO_VALUE)
        for key in CHANGE_REASONS:
            self.reason.addItem(reason_label(key), key)
        self.detail = QLineEdit(self)
        self.detail.setPlaceholderText(self.tr("e.g. typhoon closes the ropeway"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.reason)
        layout.addWidget(self.detail, 1)
        self.setFocusProxy(self.reason)

    def value(self) -> str | None:
        """``weather: morning rain`` (the core's key, then the detail), or None when unset."""
        key = self.reason.currentData()
        detail = self.detail.text().strip()
        if not key:
            return detail or None
        return f"{key}: {detail}" if detail else key


class ReasonDialog(QDialog):
    """Asks why a plan changes while the client is travelling (for removals and moves)."""

    def __init__(self, what: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Why does the plan change?"))
        self.editor = ReasonEditor(self)
        self.error = ErrorLabel(self)
        intro = QLabel(
            self.tr(
                "The client is travelling, so the trip's story keeps why “%1” changes."
            ).replace("%1", what),
            self,
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Reason:"), self.editor)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def value(self) -> str | None:
        return self.editor.value()

    def submit(self) -> None:
        if not self.value():
            self.error.set_message(
                self.tr("Choose a reason (weather, client request, supplier or other).")
            )
            self.editor.setFocus()
            return
        self.accept()


class TripItemDialog(FormDialog):
    """``item`` None adds an item at the end of ``day``; otherwise edits it."""

    FIELD_ALIASES = {
        "end_time": "start_time",
        "end_time_zone": "time_zone",
        "cost": "price",
        "currency": "price",
    }

    def __init__(
        self,
        ctx: AppContext,
        trip: Trip,
        day: TripDay,
        *,
        item: TripItem | None = None,
        default_zone: str | None = None,
        parent: QWidget | None = None,
    ):
        title = (
            self.tr("Edit item")
            if item
            else self.tr("Add item to Day %1").replace("%1", str(day.day_number))
        )
        super().__init__(ctx, title, parent)
        self._trip, self._day, self._item = trip, day, item
        self.day_label = QLabel(day_caption(day), self)
        self.kind = QComboBox(self)
        for key, text in kind_choices():
            self.kind.addItem(text, key)
        self.title = QLineEdit(self)
        self.title.setMinimumWidth(360)
        self.start_time = QLineEdit(self)
        self.start_time.setPlaceholderText(self.tr("09:30"))
        self.end_time = QLineEdit(self)
        self.end_time.setPlaceholderText(self.tr("11:00"))
        for edit in (self.start_time, self.end_time):
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("00:00") * 3)
        self.time_zone = _zone_combo(self)
        self.end_time_zone = _zone_combo(self)
        self.end_time_zone.lineEdit().setPlaceholderText(self.tr("same"))
        self.place = QLineEdit(self)
        self.supplier = QComboBox(self)
        self._fill_suppliers()
        self._supplier_before = 0
        self.supplier.currentIndexChanged.connect(self._remember_supplier)
        self.supplier.activated.connect(self._supplier_chosen)
        self.confirmation = QLineEdit(self)
        self.cost = QLineEdit(self)
        self.cost.setPlaceholderText(self.tr("0.00"))
        self.price = QLineEdit(self)
        self.price.setPlaceholderText(self.tr("0.00"))
        self.currency = QLineEdit(self)
        self.currency.setPlaceholderText(trip.currency)
        self.currency.setMaxLength(3)
        self.currency.setMaximumWidth(self.currency.fontMetrics().horizontalAdvance("WWWW") + 16)
        currency_completer = QCompleter(sorted(trip_validators.currencies()), self.currency)
        currency_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.currency.setCompleter(currency_completer)
        self.notes = NotesEdit(self)
        lines = self.notes.fontMetrics().lineSpacing()
        self.notes.setMinimumHeight(lines * 4)
        self.notes.setMaximumHeight(lines * 8)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText(self.tr("comma separated, e.g. stairs, seafood, early start"))
        self.tag_completer = TagCompleter(safety_check.suggested_tags(ctx.studio), self.tags)
        self.clashes = QLabel(self)  # what the item's text clashes with, before anything is saved
        self.clashes.setWordWrap(True)
        self.clashes.setTextFormat(Qt.TextFormat.RichText)
        self.clashes.hide()
        self._going = {p.id for p in trip_reading.travellers(ctx.studio, trip.id)}
        self._facts, self._names = safety_check.travellers_facts(ctx.studio, trip.id)
        for edit in (self.title, self.tags, self.place, self.start_time, self.end_time):
            edit.textChanged.connect(self._check_tags)
        self.notes.textChanged.connect(self._check_tags)
        self.kind.currentIndexChanged.connect(self._check_tags)
        self.reason = ReasonEditor(self)

        self.add_row(self.tr("Day:"), self.day_label)
        self.add_field("kind", self.tr("&Kind:"), self.kind)
        self.add_field("title", self.tr("&Title:"), self.title)
        self.add_field(
            "start_time",
            self.tr("&Time:"),
            _Row(self, self.start_time, self.tr("to"), self.end_time, stretch=True),
        )
        self.add_field(
            "time_zone",
            self.tr("Time &zone:"),
            _Row(self, self.time_zone, self.tr("arrives in"), self.end_time_zone),
        )
        self.add_field("place", self.tr("&Place:"), self.place)
        self.add_field("supplier_id", self.tr("&Supplier:"), self.supplier)
        self.add_field("confirmation", self.tr("C&onfirmation:"), self.confirmation)
        self.add_field(
            "price",
            self.tr("C&ost / price:"),
            _Row(self, self.cost, self.tr("price"), self.price, self.currency),
        )
        self.add_field("notes", self.tr("&Notes:"), self.notes)
        self.add_field("tags", self.tr("T&ags:"), self.tags)
        self.add_row("", self.clashes)
        self.add_field("change_reason", self.tr("&Why it changes:"), self.reason)
        self.set_row_visible("change_reason", trip.status == "travelling")

        if item is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind)))
            self.title.setText(item.title)
            self.start_time.setText(item.start_time or "")
            self.end_time.setText(item.end_time or "")
            self.time_zone.setCurrentText(item.time_zone or "")
            self.end_time_zone.setCurrentText(item.end_time_zone or "")
            self.place.setText(item.place)
            self.supplier.setCurrentIndex(
                max(0, self.supplier.findData(item.supplier_id or NO_VALUE))
            )
            self.confirmation.setText(item.confirmation or "")
            self.cost.setText(item.cost or "")
            self.price.setText(item.price or "")
            self.currency.setText(item.currency or "")
            self.notes.setPlainText(item.notes)
            self.tags.setText(", ".join(json.loads(item.tags or "[]")))
        else:
            self.time_zone.setCurrentText(default_zone or "")
        self.title.setFocus()

    NEW_SUPPLIER = "\x00new-supplier"

    def _fill_suppliers(self, select: str | None = None) -> None:
        self.supplier.blockSignals(True)
        self.supplier.clear()
        self.supplier.addItem(self.tr("None"), NO_VALUE)
        for s in trip_suppliers.suppliers(self.ctx.studio):
            self.supplier.addItem(display_name(s.name, s.native_name), s.id)
        self.supplier.insertSeparator(self.supplier.count())
        self.supplier.addItem(self.tr("New supplier…"), self.NEW_SUPPLIER)
        if select:
            self.supplier.setCurrentIndex(max(0, self.supplier.findData(select)))
        self.supplier.blockSignals(False)

    def _remember_supplier(self, index: int) -> None:
        if self.supplier.itemData(index) != self.NEW_SUPPLIER:
            self._supplier_before = index

    def _supplier_chosen(self, index: int) -> None:
        """*New supplier…* opens the supplier form; the new supplier is then chosen here."""
        if self.supplier.itemData(index) != self.NEW_SUPPLIER:
            return
        self.supplier.setCurrentIndex(self._supplier_before)
        dialog = SupplierDialog(self.ctx, parent=self)
        self.supplier_dialog = dialog
        dialog.accepted.connect(lambda: self._supplier_added(dialog))
        dialog.open()

    def _supplier_added(self, dialog: QDialog) -> None:
        created = getattr(dialog, "result_value", None)
        if created is not None:
            self._fill_suppliers(select=created.id)
            self._supplier_before = self.supplier.currentIndex()

    def _tags(self) -> list[str]:
        return [t.strip() for t in self.tags.text().replace("，", ",").split(",") if t.strip()]

    def _check_tags(self) -> None:
        """Say at once what the item's title, tags, notes, place and times clash with in the
        travellers' profiles (the same check the plan runs), loudest first."""
        item = ItemText(
            self.title.text(),
            tuple(self._tags()),
            self.notes.toPlainText(),
            self.place.text(),
            self.kind.currentData() or "activity",
            self.start_time.text().strip() or None,
            self.end_time.text().strip() or None,
        )
        found = safety_check.clashes(item, self._facts, self._names)
        self.clash_severities = [c.severity for c in found]
        self.clashes.setText(
            "<br>".join(
                f'<span style="color:{severity_colour(c.severity).name()}">'
                + ("<b>" if c.severity == "danger" else "")
                + html.escape(
                    SIGNS[c.severity] + " " + self.tr("Clashes: %1").replace("%1", c.reason)
                )
                + ("</b>" if c.severity == "danger" else "")
                + "</span>"
                for c in found
            )
        )
        self.clashes.setVisible(bool(found))

    def undo_text(self) -> str:
        name = self.title.text().strip() or self.tr("item")
        if self._item is None:
            return (
                self.tr("Add “%1” to Day %2")
                .replace("%1", name)
                .replace("%2", str(self._day.day_number))
            )
        return self.tr("Edit “%1”").replace("%1", name)

    def values(self) -> dict:
        """What the form holds, as the core's fields (raw text: the core validates)."""
        tags = self._tags()
        out = {
            "kind": self.kind.currentData(),
            "title": self.title.text(),
            "start_time": self.start_time.text().strip(),
            "end_time": self.end_time.text().strip(),
            "time_zone": self.time_zone.currentText().strip(),
            "end_time_zone": self.end_time_zone.currentText().strip(),
            "place": self.place.text(),
            "supplier_id": self.supplier.currentData() or None,
            "confirmation": self.confirmation.text(),
            "cost": self.cost.text(),
            "price": self.price.text(),
            "currency": self.currency.text().strip(),
            "notes": self.notes.toPlainText(),
            "tags": tags,
        }
        if self._trip.status == "travelling":
            out["change_reason"] = self.reason.value()
        return out

    def operation(self):
        data = self.values()
        studio = self.ctx.studio
        if self._item is None:
            if not data["currency"]:
                del data["currency"]  # the core then prices in the trip's currency
            return trip_plan.add_item(
                studio, self._day.id, data.pop("title"), data.pop("kind"), **data
            )
        return trip_plan.update_item(studio, self._item.id, **data)


class DayDialog(FormDialog):
    """Add a day at the end of a version (``day`` None) or edit a day's title and notes."""

    def __init__(
        self,
        ctx: AppContext,
        version_id: str,
        *,
        day: TripDay | None = None,
        next_number: int = 1,
        default_date: str | None = None,
        parent: QWidget | None = None,
    ):
        title = (
            self.tr("Edit Day %1").replace("%1", str(day.day_number)) if day else self.tr("Add day")
        )
        super().__init__(ctx, title, parent)
        self._version_id, self._day, self._number = version_id, day, next_number
        self.title = QLineEdit(self)
        self.title.setMinimumWidth(320)
        self.title.setPlaceholderText(self.tr("e.g. Arashiyama and the bamboo grove"))
        self.date = QLineEdit(self)
        if default_date:
            self.date.setPlaceholderText(
                self.tr("YYYY-MM-DD (empty: %1)").replace("%1", default_date)
            )
        else:
            self.date.setPlaceholderText(self.tr("YYYY-MM-DD (may stay empty)"))
        self.notes = NotesEdit(self)
        lines = self.notes.fontMetrics().lineSpacing()
        self.notes.setMinimumHeight(lines * 4)
        self.notes.setMaximumHeight(lines * 8)
        if day is None:
            self.add_field("date", self.tr("&Date:"), self.date)
        else:
            self.date.hide()
            shown = QLabel(
                day_caption(day)
                + "\n"
                + self.tr("Drag the day to another place to change its date."),
                self,
            )
            shown.setWordWrap(True)
            self.add_row(self.tr("Date:"), shown)
            self.title.setText(day.title)
            self.notes.setPlainText(day.notes)
        self.add_field("title", self.tr("&Title:"), self.title)
        self.add_field("notes", self.tr("&Notes:"), self.notes)
        self.title.setFocus()

    def undo_text(self) -> str:
        if self._day is None:
            return self.tr("Add Day %1").replace("%1", str(self._number))
        return self.tr("Edit Day %1").replace("%1", str(self._day.day_number))

    def operation(self):
        studio = self.ctx.studio
        if self._day is None:
            return trip_plan.add_day(
                studio,
                self._version_id,
                title=self.title.text(),
                notes=self.notes.toPlainText(),
                date=self.date.text().strip() or None,
            )
        return trip_plan.update_day(
            studio, self._day.id, title=self.title.text(), notes=self.notes.toPlainText()
        )
