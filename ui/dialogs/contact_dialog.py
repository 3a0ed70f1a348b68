"""Add or edit a contact point (phone, email, WeChat…) of a client or one of its people."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from studio.domain.models import ContactPoint, Person
from studio.domain.names import display_name
from studio.domain.values import ContactKind
from studio.services import clients
from ui.context import AppContext
from ui.widgets import labels
from ui.widgets.field_editors import NO_VALUE
from ui.widgets.form_dialog import FormDialog


class ContactDialog(FormDialog):
    """``contact`` None adds a new contact; otherwise edits it. ``person_id`` preselects a person."""

    FIELD_ALIASES = {"email": "value", "phone": "value", "whatsapp": "value"}

    def __init__(
        self,
        ctx: AppContext,
        client_id: str,
        people: list[Person],
        *,
        contact: ContactPoint | None = None,
        person_id: str | None = None,
        parent: QWidget | None = None,
    ):
        title = self.tr("Edit contact") if contact else self.tr("Add contact")
        super().__init__(ctx, title, parent)
        self._client_id = client_id
        self._contact = contact
        self.kind = QComboBox(self)
        for key, text in labels.choices(ContactKind):
            self.kind.addItem(text, key)
        self.value = QLineEdit(self)
        self.value.setMinimumWidth(280)
        self.label = QLineEdit(self)
        self.label.setPlaceholderText(self.tr("e.g. work, home, assistant"))
        self.preferred = QCheckBox(self.tr("&Preferred way to reach them for this kind"), self)
        self.person = QComboBox(self)
        self.person.addItem(self.tr("Whole client (shared)"), NO_VALUE)
        for p in people:
            self.person.addItem(display_name(p.name, p.native_name), p.id)
        self.add_field("kind", self.tr("&Kind:"), self.kind)
        self.add_field("value", self.tr("&Value:"), self.value)
        self.add_field("label", self.tr("&Label:"), self.label)
        self.add_field("person_id", self.tr("P&erson:"), self.person)
        self.add_field("preferred", "", self.preferred)
        if contact is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(contact.kind)))
            self.value.setText(contact.value)
            self.label.setText(contact.label or "")
            self.preferred.setChecked(contact.preferred)
            person_id = contact.person_id
        self.person.setCurrentIndex(max(0, self.person.findData(person_id or NO_VALUE)))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.value.setFocus()

    def _kind_changed(self) -> None:
        hints = {
            "email": self.tr("name@example.com"),
            "phone": self.tr("+86 138 0013 8000 (with the country code)"),
            "whatsapp": self.tr("+33 6 12 34 56 78 (with the country code)"),
            "address": self.tr("Street, city, country"),
            "wechat": self.tr("WeChat ID"),
        }
        self.value.setPlaceholderText(hints.get(self.kind.currentData(), ""))

    def undo_text(self) -> str:
        kind = self.kind.currentText()
        if self._contact is None:
            return self.tr("Add %1 contact").replace("%1", kind)
        return self.tr("Edit %1 contact").replace("%1", kind)

    def operation(self):
        fields = {
            "label": self.label.text(),
            "person_id": self.person.currentData() or None,
        }
        studio = self.ctx.studio
        if self._contact is None:
            return clients.add_contact(
                studio,
                self._client_id,
                self.kind.currentData(),
                self.value.text(),
                preferred=self.preferred.isChecked(),
                **fields,
            )
        return clients.update_row(
            studio,
            ContactPoint,
            self._contact.id,
            kind=self.kind.currentData(),
            value=self.value.text(),
            preferred=self.preferred.isChecked(),
            **fields,
        )
