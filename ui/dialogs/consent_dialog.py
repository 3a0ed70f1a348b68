"""Record what a client agreed to (or declined) for one purpose, e.g. keeping a profile."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from studio.domain.models import Consent
from studio.domain.values import ConsentMethod, ConsentPurpose
from studio.services import clients
from ui.context import AppContext
from ui.widgets import labels
from ui.widgets.form_dialog import FormDialog


class ConsentDialog(FormDialog):
    def __init__(
        self,
        ctx: AppContext,
        client_id: str,
        *,
        purpose: str | None = None,
        existing: list[Consent] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(ctx, self.tr("Record consent"), parent)
        self._client_id = client_id
        self._existing = {c.purpose: c for c in existing or []}
        self.purpose = QComboBox(self)
        for key, text in labels.choices(ConsentPurpose):
            self.purpose.addItem(text, key)
        answer = QWidget(self)
        row = QHBoxLayout(answer)
        row.setContentsMargins(0, 0, 0, 0)
        self.granted = QRadioButton(self.tr("&Agreed"), answer)
        self.declined = QRadioButton(self.tr("De&clined"), answer)
        group = QButtonGroup(answer)
        group.addButton(self.granted)
        group.addButton(self.declined)
        self.granted.setChecked(True)
        row.addWidget(self.granted)
        row.addWidget(self.declined)
        row.addStretch(1)
        self.method = QComboBox(self)
        for key, text in labels.choices(ConsentMethod):
            self.method.addItem(text, key)
        self.method.setCurrentIndex(self.method.findData("verbal"))
        self.decided_on = QDateEdit(QDate.currentDate(), self)
        self.decided_on.setCalendarPopup(True)
        self.decided_on.setDisplayFormat("yyyy-MM-dd")
        self.note = QLineEdit(self)
        self.add_field("purpose", self.tr("&Purpose:"), self.purpose)
        self.add_field("granted", self.tr("Answer:"), answer)
        self.add_field("method", self.tr("&How:"), self.method)
        self.add_field("decided_on", self.tr("&Date:"), self.decided_on)
        self.add_field("note", self.tr("&Note:"), self.note)
        self.purpose.currentIndexChanged.connect(self._purpose_changed)
        if purpose:
            self.purpose.setCurrentIndex(max(0, self.purpose.findData(purpose)))
        self._purpose_changed()

    def _purpose_changed(self) -> None:
        c = self._existing.get(self.purpose.currentData())
        if c is None:
            return
        (self.granted if c.granted else self.declined).setChecked(True)
        self.method.setCurrentIndex(max(0, self.method.findData(c.method)))
        self.note.setText(c.note or "")

    def undo_text(self) -> str:
        return self.tr("Record consent: %1").replace("%1", self.purpose.currentText())

    def operation(self):
        return clients.set_consent(
            self.ctx.studio,
            self._client_id,
            self.purpose.currentData(),
            self.granted.isChecked(),
            method=self.method.currentData(),
            decided_on=self.decided_on.date().toString("yyyy-MM-dd"),
            note=self.note.text(),
        )
