"""The studio's agenda rules as a dialog: kinds, lead days, trip-task offsets, 29 February,
how long missed dates stay overdue and when a client is due a win-back."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from studio.errors import StudioError
from studio.services.agenda.rules import (
    DEFAULT_LEAD_DAYS,
    DEFAULT_OFFSET_DAYS,
    KIND_LABELS,
    MAX_LEAD_DAYS,
    load_rules,
    set_option,
    set_rule,
)
from ui.context import AppContext


class AgendaSettingsDialog(QDialog):
    """The studio's agenda rules: which kinds appear, how many days ahead, 29 February, win-back."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Agenda rules"))
        self.rules = load_rules(ctx.studio)
        labels = {
            "birthday": self.tr("Birthdays"),
            "wedding": self.tr("Wedding anniversaries"),
            "custom": self.tr("Other dates"),
            "passport": self.tr("Passport expiries"),
            "document": self.tr("Other document expiries"),
            "winback": self.tr("Win-back"),
            "trip_anniversary": self.tr("Trip anniversary"),
            "pre_departure": self.tr("Pre-departure check"),
            "welcome_home": self.tr("Welcome-home call"),
            "feedback": self.tr("Feedback request"),
            "survey_care": self.tr("Care call after a survey"),
            "referral_reward": self.tr("Referral reward"),
            "tier_near": self.tr("One trip from the next tier"),
            "event_followup": self.tr("Event follow-up"),
        }
        form = QFormLayout(self)
        note = QLabel(
            self.tr(
                "How many days ahead each kind of reminder appears in the agenda. "
                "These rules are the studio's: every advisor sees them."
            ),
            self,
        )
        note.setWordWrap(True)
        # A wrapped label in a form gets too little height unless its width is settled first.
        note.setMinimumWidth(note.fontMetrics().horizontalAdvance("m") * 36)
        note.setMinimumHeight(note.heightForWidth(note.minimumWidth()))
        form.addRow(note)
        self.enabled: dict[str, QCheckBox] = {}
        self.lead: dict[str, QSpinBox] = {}
        self.offsets: dict[str, QSpinBox] = {}
        for kind in DEFAULT_LEAD_DAYS:
            box = QCheckBox(labels.get(kind, KIND_LABELS.get(kind, kind)), self)
            box.setChecked(self.rules.on(kind))
            self.enabled[kind] = box
            if kind == "winback":
                spin = QSpinBox(self)
                spin.setRange(1, 120)
                spin.setSuffix(self.tr(" months without contact"))
                spin.setValue(self.rules.winback_months)
                self.winback_months = spin
            else:
                spin = QSpinBox(self)
                spin.setRange(0, MAX_LEAD_DAYS)
                if kind in DEFAULT_OFFSET_DAYS:
                    # A trip task has a day of its own (below); the lead says how early it shows.
                    spin.setPrefix(self.tr("shows "))
                    spin.setSuffix(self.tr(" days before its day"))
                    spin.setSpecialValueText(self.tr("shows on its day"))
                else:
                    spin.setSuffix(self.tr(" days ahead"))
                    spin.setSpecialValueText(self.tr("on the day itself"))
                spin.setValue(self.rules.lead(kind))
                self.lead[kind] = spin
            box.toggled.connect(spin.setEnabled)
            spin.setEnabled(box.isChecked())
            if kind in DEFAULT_OFFSET_DAYS:
                # Trip tasks say first when they fall: before departure or after coming home.
                offset = QSpinBox(self)
                offset.setRange(0, 366)
                offset.setPrefix(self.tr("falls "))
                if kind == "pre_departure":
                    offset.setSuffix(self.tr(" days before departure"))
                    offset.setSpecialValueText(self.tr("falls on the day of departure"))
                else:
                    offset.setSuffix(self.tr(" days after coming home"))
                    offset.setSpecialValueText(self.tr("falls on the day of coming home"))
                offset.setValue(self.rules.offset(kind))
                box.toggled.connect(offset.setEnabled)
                offset.setEnabled(box.isChecked())
                self.offsets[kind] = offset
                form.addRow(box, offset)
                form.addRow("", spin)
            else:
                form.addRow(box, spin)
        self.feb29 = QComboBox(self)
        self.feb29.addItem(self.tr("28 February"), "feb28")
        self.feb29.addItem(self.tr("1 March"), "mar1")
        self.feb29.setCurrentIndex(self.feb29.findData(self.rules.feb29))
        form.addRow(self.tr("29 February in common years:"), self.feb29)
        self.overdue = QSpinBox(self)
        self.overdue.setRange(1, 365)
        self.overdue.setSuffix(self.tr(" days"))
        self.overdue.setValue(self.rules.overdue_days)
        form.addRow(self.tr("Missed dates stay overdue for:"), self.overdue)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        studio, r = self.ctx.studio, self.rules

        def apply() -> None:
            for kind, box in self.enabled.items():
                lead = self.lead[kind].value() if kind in self.lead else None
                offset = self.offsets[kind].value() if kind in self.offsets else None
                set_rule(
                    studio,
                    kind,
                    lead_days=lead if lead is not None and lead != r.lead(kind) else None,
                    enabled=box.isChecked() if box.isChecked() != r.on(kind) else None,
                    offset_days=offset if offset is not None and offset != r.offset(kind) else None,
                )
            for key, value, old in (
                ("feb29", self.feb29.currentData(), r.feb29),
                ("overdue_days", self.overdue.value(), r.overdue_days),
                ("winback_months", self.winback_months.value(), r.winback_months),
            ):
                if value != old:
                    set_option(studio, key, value)

        try:
            self.ctx.execute(self.tr("Change agenda rules"), apply)
        except StudioError as exc:
            QMessageBox.warning(self, self.tr("Agenda rules"), str(exc))
            return
        super().accept()
