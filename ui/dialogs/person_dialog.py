"""Add or edit a person of a client, and add an important date to a person."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from studio.domain import validate
from studio.domain.models import ImportantDate, Person
from studio.domain.values import DateKind, PersonRole
from studio.errors import ValidationError
from studio.services import clients
from studio.store import Studio
from ui.context import AppContext
from ui.widgets import labels
from ui.widgets.field_editors import NotesEdit
from ui.widgets.form_dialog import FormDialog, collect


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

    def precheck(self) -> list[ValidationError]:
        checks = [lambda: validate.text(self.name.text(), "name", required=True, max_len=200)]
        if self.birth_date.text().strip():
            checks.append(
                lambda: validate.iso_date(
                    self.birth_date.text().strip(), "birth_date", allow_future=False
                )
            )
        return collect(*checks)

    def operation(self):
        fields = {
            "native_name": self.native_name.text(),
            "role": self.role.currentData(),
            "birth_date": self.birth_date.text().strip() or None,
            "notes": self.notes.toPlainText(),
        }
        studio = self.ctx.studio
        if self._person is None:
            person = clients.add_person(studio, self._client_id, self.name.text(), **fields)
            keep_birthday(studio, person.id, None, person.birth_date)
            return person
        result = clients.update_row(
            studio, Person, self._person.id, name=self.name.text(), **fields
        )
        if "birth_date" in result:
            keep_birthday(studio, self._person.id, self._person.birth_date, result["birth_date"][1])
        return result


def keep_birthday(studio: Studio, person_id: str, old: str | None, new: str | None) -> None:
    """A birth date is a birthday to remember: the agenda reads important dates, so the person
    gets one (Gregorian, with the year). A birthday that was the old birth date follows the
    change; one entered by hand (a lunar birthday, another day) is left as it is."""
    if not new:
        return
    born = date.fromisoformat(new)
    with studio.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, month, day, year, calendar FROM important_date "
            "WHERE person_id = ? AND kind = 'birthday' AND deleted_at IS NULL",
            (person_id,),
        ).fetchall()
    if not rows:
        clients.add_important_date(studio, person_id, "birthday", born.month, born.day, born.year)
        return
    if old:
        was = date.fromisoformat(old)
        for rid, m, d, y, cal in rows:
            if cal == "gregorian" and (m, d, y) == (was.month, was.day, was.year):
                clients.update_row(
                    studio, ImportantDate, rid, month=born.month, day=born.day, year=born.year
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
        self.calendar = QComboBox(self)
        self.calendar.addItem(self.tr("Gregorian"), "gregorian")
        self.calendar.addItem(self.tr("Chinese lunar (农历)"), "lunar")
        self.calendar.currentIndexChanged.connect(self._calendar_changed)
        self.note = QLineEdit(self)
        self.whose = QLabel(self)
        self.whose.setWordWrap(True)
        self.add_field("kind", self.tr("&Kind:"), self.kind)
        self.add_row("", self.whose)
        self.add_field("calendar", self.tr("&Calendar:"), self.calendar)
        self.add_field("label", self.tr("&Label:"), self.label)
        self.add_field("month", self.tr("&Month:"), self.month)
        self.add_field("date", self.tr("&Day:"), self.day)
        self.add_field("year", self.tr("&Year:"), self.year)
        self.add_field("note", self.tr("&Note:"), self.note)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.set_row_visible("label", self.kind.currentData() == "custom")
        self.whose.setText(
            self.tr("A wedding anniversary belongs to the couple: it is kept for the household.")
            if self.for_household()
            else ""
        )
        self.whose.setVisible(self.for_household())

    def for_household(self) -> bool:
        """A wedding anniversary is the couple's, not one spouse's."""
        return self.kind.currentData() == "wedding"

    def _calendar_changed(self) -> None:
        lunar = self.calendar.currentData() == "lunar"
        locale = QLocale()
        current = self.month.currentIndex()
        self.month.clear()
        for m in range(1, 13):
            self.month.addItem(lunar_month_name(m) if lunar else locale.standaloneMonthName(m), m)
        self.month.setCurrentIndex(max(current, 0))
        self.day.setRange(1, 30 if lunar else 31)

    def undo_text(self) -> str:
        return (
            self.tr("Add %1 for %2")
            .replace("%1", self.kind.currentText())
            .replace("%2", self._person.name)
        )

    def operation(self):
        year = self.year.value() or None
        extra = {"note": self.note.text(), "calendar": self.calendar.currentData()}
        if self.kind.currentData() == "custom":
            extra["label"] = self.label.text()
        row = clients.add_important_date(
            self.ctx.studio,
            self._person.id,
            self.kind.currentData(),
            self.month.currentData(),
            self.day.value(),
            year,
            **extra,
        )
        if self.for_household():
            clients.update_row(self.ctx.studio, ImportantDate, row.id, person_id=None)
        return row


_LUNAR_MONTHS = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")


def lunar_month_name(month: int) -> str:
    """ "1st month (正月)": how a lunar month reads in the chooser."""
    from PySide6.QtCore import QCoreApplication

    return (
        QCoreApplication.translate("DateDialog", "Month %1 (%2月)")
        .replace("%1", str(month))
        .replace("%2", _LUNAR_MONTHS[month - 1])
    )
