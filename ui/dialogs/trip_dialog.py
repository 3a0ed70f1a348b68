"""New trip: the client, title, dates, destinations, purpose, budget and who travels.

Refusals (end before start, an unknown currency, a negative budget…) show under their field and
nothing typed is lost; the trip, its travellers and its first version are one undoable step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.domain.names import display_name
from studio.errors import NotFoundError, ValidationError
from studio.services import queries
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import validators as trip_validators
from ui.context import AppContext
from ui.dialogs.client_picker import ClientPickerDialog
from ui.style import set_muted
from ui.widgets.form_dialog import FormDialog, collect

PURPOSES = [
    "leisure",
    "honeymoon",
    "family",
    "anniversary",
    "culture",
    "adventure",
    "business",
    "wellness",
    "food",
]


class NewTripDialog(FormDialog):
    """Creates a trip (with v1 and one empty day per date) through ``ctx.execute``."""

    FIELD_ALIASES = {"advisor_id": "client_id"}

    def __init__(
        self, ctx: AppContext, client_id: str | None = None, parent: QWidget | None = None
    ):
        super().__init__(ctx, self_tr("New trip"), parent)
        self.setObjectName("newTripDialog")
        self.client_id: str | None = None
        self._checks: dict[str, QCheckBox] = {}

        self.client_label = QLabel(self)
        self.client_label.setTextFormat(Qt.TextFormat.PlainText)
        self.choose_client = QPushButton(self.tr("&Choose…"), self)
        self.choose_client.clicked.connect(self.pick_client)
        client_row = QWidget(self)
        cr = QHBoxLayout(client_row)
        cr.setContentsMargins(0, 0, 0, 0)
        cr.addWidget(self.client_label, 1)
        cr.addWidget(self.choose_client)

        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(self.tr("e.g. Kyoto in autumn colours"))
        self.start_date = QLineEdit(self)
        self.start_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.end_date = QLineEdit(self)
        self.end_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.destinations = QLineEdit(self)
        self.destinations.setPlaceholderText(self.tr("comma separated, e.g. Kyoto, Nara"))
        self.purpose = QLineEdit(self)
        self.purpose.setPlaceholderText(self.tr("e.g. honeymoon, family, culture"))
        self.purpose.setCompleter(QCompleter(PURPOSES, self.purpose))
        self.budget = QLineEdit(self)
        self.budget.setPlaceholderText(self.tr("optional, e.g. 25000"))
        last = QSettings().value("trips/lastCurrency")
        self.currency = QLineEdit(last if isinstance(last, str) and last else "USD", self)
        self.currency.setMaxLength(3)
        self.currency.setToolTip(self.tr("ISO 4217 code, e.g. USD, EUR, CNY, JPY"))
        completer = QCompleter(sorted(trip_validators.currencies()), self.currency)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.currency.setCompleter(completer)
        self.travellers = QWidget(self)
        self._travellers_layout = QVBoxLayout(self.travellers)
        self._travellers_layout.setContentsMargins(0, 0, 0, 0)
        self._travellers_layout.setSpacing(2)
        self.no_party = QLabel(
            self.tr("Choose the client first; their party is listed here."), self.travellers
        )
        set_muted(self.no_party)
        self._travellers_layout.addWidget(self.no_party)

        self.add_field("client_id", self.tr("Client *"), client_row)
        self.add_field("title", self.tr("&Title *"), self.title_edit)
        self.add_field("start_date", self.tr("&Starts"), self.start_date)
        self.add_field("end_date", self.tr("&Ends"), self.end_date)
        self.add_field("destinations", self.tr("&Destinations"), self.destinations)
        self.add_field("purpose", self.tr("&Purpose"), self.purpose)
        self.add_field("budget", self.tr("&Budget"), self.budget)
        self.add_field("currency", self.tr("C&urrency"), self.currency)
        self.add_field("travellers", self.tr("Travellers"), self.travellers)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(self.tr("Create trip"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)

        if client_id:
            self.set_client(client_id)
        else:
            self.client_label.setText(self.tr("Nobody chosen yet"))
        (self.title_edit if client_id else self.choose_client).setFocus()

    # -- the client and their party ---------------------------------------------------------
    def pick_client(self) -> None:
        picker = ClientPickerDialog(self.ctx, self.tr("Trip for which client?"), parent=self)
        if picker.exec() == ClientPickerDialog.DialogCode.Accepted and picker.chosen_id():
            self.set_client(picker.chosen_id())

    def set_client(self, client_id: str) -> None:
        try:
            dossier = queries.get_dossier(self.ctx.studio, client_id)
        except NotFoundError:
            self.field("client_id").show_error(self.tr("That client no longer exists."))
            return
        self.client_id = client_id
        self.field("client_id").clear_error()
        self.client_label.setText(display_name(dossier.client.name, dossier.client.native_name))
        for box in self._checks.values():
            self._travellers_layout.removeWidget(box)
            box.hide()
            box.deleteLater()
        self._checks = {}
        for card in dossier.people:
            p = card.person
            box = QCheckBox(display_name(p.name, p.native_name), self.travellers)
            box.setChecked(True)
            self._travellers_layout.addWidget(box)
            self._checks[p.id] = box
        self.no_party.setVisible(not self._checks)
        self.no_party.setText(
            self.tr("Nobody in this client's party yet; add people in the dossier.")
        )

    def chosen_travellers(self) -> list[str]:
        return [pid for pid, box in self._checks.items() if box.isChecked()]

    # -- FormDialog -------------------------------------------------------------------------
    def undo_text(self) -> str:
        return self.tr("New trip %1").replace("%1", self.title_edit.text().strip())

    def operation(self) -> Any:
        if not self.client_id:
            raise ValidationError("client_id", self.tr("Choose the client this trip is for."))
        fields: dict[str, Any] = {
            "destinations": self.destinations.text(),
            "purpose": self.purpose.text(),
            "currency": self.currency.text(),
        }
        for key, edit in (
            ("start_date", self.start_date),
            ("end_date", self.end_date),
            ("budget", self.budget),
        ):
            if edit.text().strip():
                fields[key] = edit.text().strip()
        start, end = fields.get("start_date"), fields.get("end_date")
        if start and end:
            from datetime import date

            try:
                days = (date.fromisoformat(end) - date.fromisoformat(start)).days
            except ValueError:
                days = 0  # the core names the bad date
            if days > 366:
                raise ValidationError(
                    "end_date",
                    self.tr(
                        "The trip would last %1 days; check the end date "
                        "(a trip is at most a year)."
                    ).replace("%1", str(days + 1)),
                )
        if fields["destinations"]:
            fields["destinations"] = [
                d.strip() for d in fields["destinations"].replace("，", ",").split(",") if d.strip()
            ]
        else:
            fields.pop("destinations")
        return trip_lifecycle.create_trip(
            self.ctx.studio,
            self.client_id,
            self.title_edit.text(),
            travellers=self.chosen_travellers(),
            **fields,
        )

    def precheck(self) -> list[ValidationError]:
        def one(name: str, value: Any) -> Callable[[], Any]:
            return lambda: trip_validators.clean_trip({name: value})

        checks = [one("title", self.title_edit.text())]
        for name, edit in (
            ("start_date", self.start_date),
            ("end_date", self.end_date),
            ("budget", self.budget),
        ):
            if edit.text().strip():
                checks.append(one(name, edit.text().strip()))
        checks.append(one("currency", self.currency.text()))
        out = collect(*checks)
        if not self.client_id:
            out.insert(
                0, ValidationError("client_id", self.tr("Choose the client this trip is for."))
            )
        return out

    def accept(self) -> None:
        if self.result_value is not None:
            QSettings().setValue("trips/lastCurrency", self.result_value.currency)
        super().accept()


def self_tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("NewTripDialog", text)
