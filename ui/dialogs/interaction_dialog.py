"""Log a call, meeting, feedback, complaint… in a few keystrokes; resolve a complaint.

Keyboard: Alt+letter (underlined) or Ctrl+1…8 chooses the kind; the summary has the focus;
Ctrl+Return logs it.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from studio.domain.models import Interaction, Person
from studio.domain.names import display_name
from studio.domain.values import InteractionKind
from studio.services import clients
from ui.context import AppContext
from ui.widgets import labels
from ui.widgets.field_editors import NO_VALUE, NotesEdit
from ui.widgets.form_dialog import FormDialog

#: Kinds in the order of their Ctrl+1…8 shortcuts, most frequent first.
KIND_ORDER = ["call", "meeting", "message", "email", "note", "feedback", "complaint", "gift"]


class InteractionDialog(FormDialog):
    """``interaction`` None logs a new one; otherwise edits it (a typo, the wrong date…)."""

    def __init__(
        self,
        ctx: AppContext,
        client_id: str,
        people: list[Person],
        *,
        kind: str = "call",
        interaction: Interaction | None = None,
        parent: QWidget | None = None,
    ):
        title = self.tr("Edit timeline entry") if interaction else self.tr("Log an interaction")
        super().__init__(ctx, title, parent)
        self._client_id = client_id
        self._interaction = interaction
        # Mnemonics chosen not to clash with the field captions (D, S, L, T, R).
        captions = {
            "call": self.tr("&Call"),
            "meeting": self.tr("&Meeting"),
            "message": self.tr("M&essage"),
            "email": self.tr("Em&ail"),
            "note": self.tr("&Note"),
            "feedback": self.tr("&Feedback"),
            "complaint": self.tr("Com&plaint"),
            "gift": self.tr("&Gift"),
        }
        kinds = QWidget(self)
        grid = QGridLayout(kinds)
        grid.setContentsMargins(0, 0, 0, 0)
        self.kind_group = QButtonGroup(kinds)
        self.kind_buttons: dict[str, QRadioButton] = {}
        for i, key in enumerate(KIND_ORDER):
            button = QRadioButton(captions[key], kinds)
            button.setToolTip(self.tr("Ctrl+%1").replace("%1", str(i + 1)))
            self.kind_group.addButton(button, i)
            self.kind_buttons[key] = button
            grid.addWidget(button, i // 4, i % 4)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            shortcut.activated.connect(button.click)
        self.when = QDateEdit(QDate.currentDate(), self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd")
        self.summary = QLineEdit(self)
        self.summary.setPlaceholderText(self.tr("What happened, in a few words"))
        self.summary.setMinimumWidth(360)
        self.body = NotesEdit(self)
        self.body.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.satisfaction = QSpinBox(self)
        self.satisfaction.setRange(-1, 100)
        self.satisfaction.setSpecialValueText(self.tr("not given"))
        self.satisfaction.setSuffix(self.tr(" / 100"))
        self.satisfaction.setValue(-1)
        self.person = QComboBox(self)
        self.person.addItem(self.tr("Whole client"), NO_VALUE)
        for p in people:
            self.person.addItem(display_name(p.name, p.native_name), p.id)
        self.add_field("kind", self.tr("Kind:"), kinds)
        self.add_field("occurred_at", self.tr("&Date:"), self.when)
        self.add_field("summary", self.tr("&Summary:"), self.summary)
        self.add_field("body", self.tr("Detai&ls:"), self.body)
        self.add_field("satisfaction", self.tr("Satisfac&tion:"), self.satisfaction)
        self.add_field("person_id", self.tr("Pe&rson:"), self.person)
        self.kind_group.idToggled.connect(self._kind_changed)
        if interaction is not None:
            kind = interaction.kind
            self.when.setDate(QDate.fromString(interaction.occurred_at[:10], "yyyy-MM-dd"))
            self.summary.setText(interaction.summary)
            self.body.setPlainText(interaction.body)
            self.satisfaction.setValue(
                -1 if interaction.satisfaction is None else interaction.satisfaction
            )
            self.person.setCurrentIndex(
                max(0, self.person.findData(interaction.person_id or NO_VALUE))
            )
        self.kind_buttons.get(kind, self.kind_buttons["call"]).setChecked(True)
        self._kind_changed()
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.submit)
        self.summary.setFocus()

    def current_kind(self) -> str:
        return KIND_ORDER[self.kind_group.checkedId()]

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    def _kind_changed(self, *_args) -> None:
        self.set_row_visible("satisfaction", self.current_kind() == "feedback")

    def undo_text(self) -> str:
        kind = labels.label(InteractionKind, self.current_kind())
        if self._interaction is not None:
            return self.tr("Edit %1").replace("%1", kind)
        return self.tr("Log %1").replace("%1", kind)

    def _occurred_at(self) -> str:
        day = self.when.date().toString("yyyy-MM-dd")
        old = self._interaction.occurred_at if self._interaction else ""
        return day + old[10:]  # an edited entry keeps its time of day, if it had one

    def operation(self):
        kind = self.current_kind()
        score = self.satisfaction.value()
        extra = {"body": self.body.toPlainText(), "person_id": self.person.currentData() or None}
        if self._interaction is not None:
            return self._update(kind, score, extra)
        if kind == "feedback" and score >= 0:
            extra["satisfaction"] = score
        return clients.log_interaction(
            self.ctx.studio,
            self._client_id,
            kind,
            self.summary.text(),
            occurred_at=self.when.date().toString("yyyy-MM-dd"),
            **extra,
        )

    def _update(self, kind: str, score: int, extra: dict):
        old = self._interaction
        if not self.summary.text().strip() and not extra["body"].strip():
            from studio.errors import ValidationError

            raise ValidationError("summary", self.tr("Say in a few words what happened."))
        changes = {
            "kind": kind,
            "summary": self.summary.text(),
            "occurred_at": self._occurred_at(),
            "satisfaction": score if kind == "feedback" and score >= 0 else None,
            **extra,
        }
        # A complaint keeps its open/resolved state; an entry turned into a complaint starts open.
        if kind == "complaint" and old.status is None:
            changes["status"] = "open"
        elif kind != "complaint" and old.status is not None:
            changes.update(status=None, resolution=None, resolved_at=None)
        return clients.update_row(self.ctx.studio, Interaction, old.id, **changes)


class ResolveDialog(FormDialog):
    """Close an open complaint with what was done about it."""

    def __init__(self, ctx: AppContext, complaint: Interaction, parent: QWidget | None = None):
        super().__init__(ctx, self.tr("Resolve complaint"), parent)
        self._complaint = complaint
        self.resolution = NotesEdit(self)
        self.resolution.setPlaceholderText(self.tr("What was done, and how the client took it"))
        self.resolution.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.resolution.setMinimumWidth(360)
        self.when = QDateEdit(QDate.currentDate(), self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd")
        summary = complaint.summary or complaint.body
        self.add_row(self.tr("Complaint:"), _wrapped_label(summary, self))
        self.add_field("resolution", self.tr("&Resolution:"), self.resolution)
        self.add_field("resolved_at", self.tr("&Date:"), self.when)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.submit)
        self.resolution.setFocus()

    def operation(self):
        return clients.resolve_complaint(
            self.ctx.studio,
            self._complaint.id,
            self.resolution.toPlainText(),
            resolved_at=self.when.date().toString("yyyy-MM-dd"),
        )


def _wrapped_label(text: str, parent: QWidget):
    from PySide6.QtWidgets import QLabel

    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
