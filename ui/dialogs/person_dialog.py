"""Add or edit a person of a client, and add an important date to a person."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from studio.domain.models import Person
from studio.domain.values import DateKind, PersonRole
from studio.services import clients
from ui.context import AppContext
from ui.widgets import labels
from ui.widgets.field_editors import NotesEdit
from ui.widgets.form_dialog import FormDialog


class PersonDialog(FormDialog):
    """``person`` None adds a person to ``client_id``; otherwise edits that person."""

    def __init__(
        self,
        ctx: AppContext,
        client_id: str,
        *,
        person: Person | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(ctx, self.tr("Edit person") if person else self.tr("Add person"), parent)
        self._client_id = client_id
        self._person = person
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Name in Latin letters, e.g. Wang Xiaoming"))
        self.native_name = QLineEdit(self)
        self.native_name.setPlaceholderText(self.tr("Name in its own script, e.g. 王小明"))
        self.role = QComboBox(self)
        for key, text in labels.choices(PersonRole):
            self.role.addItem(text, key)
        self.birth_date = QLineEdit(self)
        self.birth_date.setPlaceholderText(self.tr("YYYY-MM-DD (optional)"))
        self.notes = NotesEdit(self)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.add_field("name", self.tr("&Name:"), self.name)
        self.add_field("native_name", self.tr("Nati&ve name:"), self.native_name)
        self.add_field("role", self.tr("&Role:"), self.role)
        self.add_field("birth_date", self.tr("&Birth date:"), self.birth_date)
        self.add_field("notes", self.tr("N&otes:"), self.notes)
        if person is not None:
            self.name.setText(person.name)
            self.native_name.setText(person.native_name or "")
            self.role.setCurrentIndex(max(0, self.role.findData(person.role)))
            self.birth_date.setText(person.birth_date or "")
            self.notes.setPlainText(person.notes or "")
        else:
            self.role.setCurrentIndex(max(0, self.role.findData("partner")))
        self.name.setFocus()

    def operation(self):
        fields = {
            "native_name": self.native_name.text(),
            "role": self.role.currentData(),
            "birth_date": self.birth_date.text().strip() or None,
            "notes": self.notes.toPlainText(),
        }
        if self._person is None:
            return clients.add_person(self.ctx.studio, self._client_id, self.name.text(), **fields)
        return clients.update_row(
            self.ctx.studio, Person, self._person.id, name=self.name.text(), **fields
        )


class DateDialog(FormDialog):
    """Add an important date (birthday, anniversary…) to a person; the year may stay unknown."""

    def __init__(self, ctx: AppContext, person: Person, parent: QWidget | None = None):
        super().__init__(ctx, self.tr("Add a date to remember"), parent)
        self._person = person
        self.kind = QComboBox(self)
        for key, text in labels.choices(DateKind):
            self.kind.addItem(text, key)
        self.label = QLineEdit(self)
        self.label.setPlaceholderText(self.tr("e.g. first trip together"))
        self.month = QComboBox(self)
        locale = QLocale()
        for m in range(1, 13):
            self.month.addItem(locale.standaloneMonthName(m), m)
        self.day = QSpinBox(self)
        self.day.setRange(1, 31)
        self.year = QSpinBox(self)
        self.year.setRange(0, 9999)
        self.year.setSpecialValueText(self.tr("Year unknown"))
        self.year.setValue(0)
        self.note = QLineEdit(self)
        self.add_field("kind", self.tr("&Kind:"), self.kind)
        self.add_field("label", self.tr("&Label:"), self.label)
        self.add_field("month", self.tr("&Month:"), self.month)
        self.add_field("date", self.tr("&Day:"), self.day)
        self.add_field("year", self.tr("&Year:"), self.year)
        self.add_field("note", self.tr("&Note:"), self.note)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.set_row_visible("label", self.kind.currentData() == "custom")

    def undo_text(self) -> str:
        return (
            self.tr("Add %1 for %2")
            .replace("%1", self.kind.currentText())
            .replace("%2", self._person.name)
        )

    def operation(self):
        year = self.year.value() or None
        extra = {"note": self.note.text()}
        if self.kind.currentData() == "custom":
            extra["label"] = self.label.text()
        return clients.add_important_date(
            self.ctx.studio,
            self._person.id,
            self.kind.currentData(),
            self.month.currentData(),
            self.day.value(),
            year,
            **extra,
        )
