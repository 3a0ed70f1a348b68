"""The agenda's *Done* form (how the client was reached, the gift, its cost, a note; templates
fill it) and *Snooze* with presets (tomorrow, next week, after the trip, a day of one's own)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.services.agenda import actions as agenda_actions
from studio.services.agenda.actions import DoneNote
from studio.services.agenda.build import AgendaEntry
from ui.widgets.field_editors import NO_VALUE, ErrorLabel


class DoneDialog(QDialog):
    """Done: channel, gift, cost and a note; :attr:`result_note` once accepted."""

    def __init__(self, entry: AgendaEntry, currency: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Done"))
        self.result_note: DoneNote | None = None
        channel_labels = {
            "call": self.tr("Call"),
            "email": self.tr("Email"),
            "wechat": self.tr("WeChat"),
            "message": self.tr("Message"),
            "visit": self.tr("Visit"),
            "card": self.tr("Card"),
            "gift": self.tr("Gift"),
        }
        heading = QLabel(f"{entry.who} — {entry.why}", self)
        heading.setWordWrap(True)
        self.template = QComboBox(self)
        self.template.addItem(self.tr("Choose a template…"), NO_VALUE)
        self.templates = agenda_actions.done_templates(entry.occurrence.kind)
        for i, t in enumerate(self.templates):
            self.template.addItem(self.tr(t.label), str(i))
        self.template.currentIndexChanged.connect(self._use_template)
        self.channel = QComboBox(self)
        self.channel.addItem(self.tr("—"), NO_VALUE)
        for key in agenda_actions.CHANNELS:
            self.channel.addItem(channel_labels.get(key, key), key)
        self.gift = QLineEdit(self)
        self.gift.setPlaceholderText(self.tr("flowers, a card, a bottle of wine…"))
        self.cost = QLineEdit(self)
        self.cost.setPlaceholderText(self.tr("e.g. 300"))
        self.currency = QLineEdit(currency, self)
        self.currency.setMaxLength(3)
        self.currency.setFixedWidth(self.fontMetrics().horizontalAdvance("MMMM") + 12)
        cost_row = QHBoxLayout()
        cost_row.addWidget(self.cost, 1)
        cost_row.addWidget(self.currency)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("what was said or sent"))
        self.error = ErrorLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("&Template:"), self.template)
        form.addRow(self.tr("&How:"), self.channel)
        form.addRow(self.tr("&Gift:"), self.gift)
        form.addRow(self.tr("C&ost:"), cost_row)
        form.addRow(self.tr("&Note:"), self.note)
        hint = QLabel(self.tr("It goes on the client's timeline as a gift or greeting."), self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Mark done"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("m") * 34)
        self.channel.setFocus()

    def _use_template(self, index: int) -> None:
        data = self.template.itemData(index)
        if not data:
            return
        t = self.templates[int(data)]
        self.channel.setCurrentIndex(max(0, self.channel.findData(t.channel)))
        self.gift.setText(self.tr(t.gift) if t.gift else "")
        self.note.setText(self.tr(t.note) if t.note else "")

    def fill(self, channel: str = "", gift: str = "", cost: str = "", note: str = "") -> None:
        """Set the form's fields (for tests and templates)."""
        self.channel.setCurrentIndex(max(0, self.channel.findData(channel)))
        self.gift.setText(gift)
        self.cost.setText(cost)
        self.note.setText(note)

    def accept(self) -> None:
        try:
            self.result_note = agenda_actions.done_note(
                self.channel.currentData() or "",
                self.gift.text(),
                self.cost.text(),
                self.currency.text(),
                self.note.text(),
            )
        except StudioError as exc:
            self.error.set_message(str(exc))  # the form keeps what was typed
            return
        super().accept()


class SnoozeDialog(QDialog):
    """Snooze until tomorrow, next week, the day after the client's trip, or a chosen day."""

    def __init__(
        self,
        entry: AgendaEntry,
        today: date,
        after_trip: date | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Snooze"))
        self.today = today
        heading = QLabel(f"{entry.who} — {entry.why}", self)
        heading.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.choices: dict[str, tuple[QRadioButton, date | None]] = {}
        tomorrow = today + timedelta(days=1)
        next_week = today + timedelta(days=7)

        def day_text(d: date) -> str:
            return f"{d.strftime('%a')} {d.day} {d.strftime('%b')}"

        presets = [
            ("tomorrow", self.tr("&Tomorrow (%1)").replace("%1", day_text(tomorrow)), tomorrow),
            ("next_week", self.tr("&Next week (%1)").replace("%1", day_text(next_week)), next_week),
        ]
        if after_trip is not None and after_trip > today:
            presets.append(
                (
                    "after_trip",
                    self.tr("&After the trip (%1)").replace("%1", day_text(after_trip)),
                    after_trip,
                )
            )
        presets.append(("other", self.tr("&On this day:"), None))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        for key, text, day in presets:
            button = QRadioButton(text, self)
            self.group.addButton(button)
            self.choices[key] = (button, day)
            if key == "other":
                row = QHBoxLayout()
                row.addWidget(button)
                self.date_edit = QDateEdit(self)
                self.date_edit.setCalendarPopup(True)
                self.date_edit.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
                later = today + timedelta(days=3)
                self.date_edit.setDate(QDate(later.year, later.month, later.day))
                self.date_edit.dateChanged.connect(lambda _d, b=button: b.setChecked(True))
                row.addWidget(self.date_edit, 1)
                layout.addLayout(row)
            else:
                layout.addWidget(button)
        self.choices["tomorrow"][0].setChecked(True)
        self.unavailable_after_trip = "after_trip" not in self.choices
        if self.unavailable_after_trip:
            note = QLabel(self.tr("(No upcoming trip for this client.)"), self)
            note.setEnabled(False)
            layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Snooze"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose(self, key: str) -> None:
        """Pick a preset (tomorrow, next_week, after_trip, other)."""
        self.choices[key][0].setChecked(True)

    def chosen_day(self) -> date:
        for _key, (button, day) in self.choices.items():
            if button.isChecked():
                if day is not None:
                    return day
                d = self.date_edit.date()
                return date(d.year(), d.month(), d.day())
        return self.today + timedelta(days=1)
