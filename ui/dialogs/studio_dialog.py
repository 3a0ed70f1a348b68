"""File → Studio details…: the studio's name, contacts, 24 h line and tagline, shared by every
laptop and printed on handouts, intake forms and memory books."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from studio.services import studio_profile
from ui.context import AppContext
from ui.style import set_muted
from ui.widgets.form_dialog import FormDialog


class StudioDialog(FormDialog):
    """Edits the one studio profile; OK saves it as one undoable change."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, self.tr("Studio details"), parent)
        self.setObjectName("studioDialog")
        current = studio_profile.profile(ctx.studio)
        note = QLabel(
            self.tr(
                "Printed on itinerary handouts, intake forms and memory books; "
                "every laptop of the studio shares them."
            ),
            self,
        )
        note.setWordWrap(True)
        set_muted(note)
        self.layout().insertWidget(0, note)
        self.editors: dict[str, QLineEdit] = {}
        rows = (
            ("name", self.tr("&Name:"), ""),
            ("native_name", self.tr("Name in &Chinese:"), self.tr("e.g. 莲途旅行")),
            ("phone", self.tr("&Phone:"), self.tr("+86 21 5555 0100 (with the country code)")),
            ("email", self.tr("&Email:"), self.tr("hello@studio.example")),
            ("website", self.tr("&Website:"), self.tr("www.studio.example")),
            ("address", self.tr("&Address:"), self.tr("Street, city, country")),
            (
                "emergency_phone",
                self.tr("24 h emergency &line:"),
                self.tr("a number answered day and night, with the country code"),
            ),
            (
                "tagline",
                self.tr("&Tagline:"),
                self.tr("a short line under the name on a handout's cover"),
            ),
        )
        for name, label, hint in rows:
            editor = QLineEdit(self)
            editor.setObjectName(f"studio_{name}")
            editor.setPlaceholderText(hint)
            editor.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
            editor.setMaxLength(studio_profile.FIELDS[name][1])
            self.add_field(name, label, editor)
            self.editors[name] = editor
        for name, editor in self.editors.items():
            value = getattr(current, name)
            if name in ("phone", "emergency_phone") and value:
                from studio.domain.validate import format_phone

                value = format_phone(value)
            editor.setText(value)
        self.editors["name"].setFocus()

    def values(self) -> dict[str, str]:
        return {name: editor.text() for name, editor in self.editors.items()}

    def undo_text(self) -> str:
        return self.tr("Edit studio details")

    def operation(self):
        return studio_profile.update_profile(self.ctx.studio, **self.values())
