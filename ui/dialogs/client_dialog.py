"""New client: a form whose refusals appear beside the field, keeping everything typed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio.domain import validate
from studio.domain.names import display_name
from studio.domain.values import ClientKind, Stage
from studio.errors import StudioError, ValidationError
from studio.services import clients, queries
from ui.context import AppContext
from ui.models.client_table import stage_label
from ui.style import set_error_style, set_muted
from ui.widgets.form_dialog import collect


def kind_label(kind: str) -> str:
    return {
        "individual": QCoreApplication.translate("NewClientDialog", "Individual"),
        "household": QCoreApplication.translate("NewClientDialog", "Household or travelling party"),
        "organization": QCoreApplication.translate("NewClientDialog", "Organization"),
    }.get(kind, kind)


class NewClientDialog(QDialog):
    """Asks for a new client's essentials and creates it through ``ctx.execute`` (undoable)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.client_id: str | None = None
        self.setWindowTitle(self.tr("New client"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Romanized, e.g. Wang Xiaoming or Zoë Martin"))
        self.native_name = QLineEdit(self)
        self.native_name.setPlaceholderText(self.tr("In the client's own script, e.g. 王小明"))
        self.kind = QComboBox(self)
        for k in ClientKind:
            self.kind.addItem(kind_label(k.value), k.value)
        self.stage = QComboBox(self)
        for s in Stage:
            self.stage.addItem(stage_label(s.value), s.value)
        self.advisor = QComboBox(self)
        for a in queries.advisors(ctx.studio):
            self.advisor.addItem(display_name(a.name, a.native_name), a.id)
        i = self.advisor.findData(ctx.studio.advisor_id)
        self.advisor.setCurrentIndex(max(i, 0))
        self.email = QLineEdit(self)
        self.email.setPlaceholderText(self.tr("optional"))
        self.phone = QLineEdit(self)
        region = validate.default_region()
        self.phone.setPlaceholderText(
            self.tr("optional; without a country code it is a number of %1").replace("%1", region)
            if region
            else self.tr("optional, with country code: +86 138 0013 8000")
        )
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText(self.tr("comma separated, e.g. honeymoon, food lover"))
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 5)

        #: The field name used by the core's ValidationError → (editor, error label).
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, editor in (
            ("name", self.tr("&Name *"), self.name),
            ("native_name", self.tr("Name in &native script"), self.native_name),
            ("kind", self.tr("&Kind"), self.kind),
            ("stage", self.tr("&Stage"), self.stage),
            ("advisor_id", self.tr("&Advisor"), self.advisor),
            ("email", self.tr("&Email"), self.email),
            ("phone", self.tr("&Phone"), self.phone),
            ("tags", self.tr("&Tags"), self.tags),
            ("notes", self.tr("N&otes"), self.notes),
        ):
            error = QLabel(self)
            error.setObjectName(f"error_{key}")
            error.setWordWrap(True)
            error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            set_error_style(error)
            error.hide()
            cell = QWidget(self)
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(editor)
            box.addWidget(error)
            form.addRow(label, cell)
            self._fields[key] = (editor, error)
        self.general_error = QLabel(self)
        self.general_error.setWordWrap(True)
        set_error_style(self.general_error)
        self.general_error.hide()
        required = QLabel(self.tr("* required"), self)
        set_muted(required)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create client"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(required)
        layout.addWidget(buttons)
        self.name.setFocus()

    def error_for(self, field: str) -> str:
        """The message currently shown beside ``field`` ('' when none)."""
        pair = self._fields.get(field)
        return pair[1].text() if pair and pair[1].isVisible() else ""

    def _clear_errors(self) -> None:
        for _editor, label in self._fields.values():
            label.clear()
            label.hide()
        self.general_error.hide()

    def _precheck(self) -> list[ValidationError]:
        checks = [lambda: validate.text(self.name.text(), "name", required=True, max_len=200)]
        if self.email.text().strip():
            checks.append(lambda: validate.email(self.email.text(), "email"))
        if self.phone.text().strip():
            checks.append(lambda: validate.phone(self.phone.text(), "phone"))
        if self.tags.text().strip():
            checks.append(lambda: validate.tags(self.tags.text(), "tags"))
        return collect(*checks)

    def _show_error(self, exc: ValidationError, *, focus: bool = True) -> None:
        field = exc.field
        if field == "value":  # a contact value that is neither email nor phone
            field = "email"
        pair = self._fields.get(field)
        if pair is None:
            self.general_error.setText(exc.message)
            self.general_error.show()
            return
        editor, label = pair
        label.setText(exc.message)
        label.show()
        if not focus:
            return
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(editor, QLineEdit):
            editor.selectAll()

    def accept(self) -> None:
        self._clear_errors()
        contacts = []
        if self.email.text().strip():
            contacts.append({"kind": "email", "value": self.email.text(), "preferred": True})
        if self.phone.text().strip():
            contacts.append({"kind": "phone", "value": self.phone.text(), "preferred": True})
        fields = {
            "kind": self.kind.currentData(),
            "native_name": self.native_name.text(),
            "stage": self.stage.currentData(),
            "advisor_id": self.advisor.currentData(),
            "tags": self.tags.text(),
            "notes": self.notes.toPlainText(),
        }
        name = self.name.text()
        try:
            client = self._ctx.execute(
                self.tr("New client %1").replace("%1", name.strip()),
                lambda: clients.create_client(self._ctx.studio, name, contacts=contacts, **fields),
            )
        except ValidationError as exc:
            # Every field this dialog can check alone is checked, so all refusals show at once.
            shown = {exc.field}
            self._show_error(exc)
            for other in self._precheck():
                if other.field not in shown:
                    shown.add(other.field)
                    self._show_error(other, focus=False)
            return
        except StudioError as exc:  # a full or read-only disk: said as such; the text stays
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.tr("New client"), str(exc))
            return
        self.client_id = client.id
        super().accept()
