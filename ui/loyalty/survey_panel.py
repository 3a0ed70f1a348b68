"""The trip's Survey tab: the post-trip survey entered as the client answered it (overall 0–100,
would recommend 0–10, what to keep, what to change), and the printable form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.domain.i18n import current_language
from studio.domain.trip_models import Trip
from studio.errors import StudioError, ValidationError
from studio.services.loyalty import printing, surveys
from ui.context import AppContext
from ui.widgets.field_editors import ErrorLabel


class SurveyPanel(QWidget):
    """Follows :meth:`set_trip`; saving goes through ``ctx.execute`` (undoable, journaled)."""

    #: Fires with the recorded :class:`~studio.services.loyalty.surveys.Survey` after a save.
    sig_saved = Signal(object)
    #: Fires with a sentence for the status bar (a PDF written).
    sig_message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._trip_id: str | None = None
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.overall = QLineEdit(self)
        self.overall.setObjectName("surveyOverall")
        self.overall.setPlaceholderText(self.tr("0–100"))
        self.overall.setMaximumWidth(90)
        self.recommend = QLineEdit(self)
        self.recommend.setObjectName("surveyRecommend")
        self.recommend.setPlaceholderText(self.tr("0–10"))
        self.recommend.setMaximumWidth(90)
        self.keep = QPlainTextEdit(self)
        self.keep.setObjectName("surveyKeep")
        self.keep.setTabChangesFocus(True)
        self.keep.setMaximumHeight(70)
        self.change = QPlainTextEdit(self)
        self.change.setObjectName("surveyChange")
        self.change.setTabChangesFocus(True)
        self.change.setMaximumHeight(70)
        self.answered = QLineEdit(self)
        self.answered.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.answered.setMaximumWidth(130)
        self.error = ErrorLabel(self)
        self.save_button = QPushButton(self.tr("&Save survey"), self)
        self.save_button.setObjectName("surveySave")
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton(self.tr("Print blank &survey…"), self)
        self.print_button.clicked.connect(lambda: self.print_form())
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("&Overall satisfaction (0–100):"), self.overall)
        form.addRow(self.tr("&Would recommend (0–10):"), self.recommend)
        form.addRow(self.tr("What to &keep:"), self.keep)
        form.addRow(self.tr("What to &change:"), self.change)
        form.addRow(self.tr("Answered &on:"), self.answered)
        for field in (self.overall, self.recommend, self.keep, self.change, self.answered):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._form_widgets = (self.overall, self.recommend, self.keep, self.change, self.answered)
        ctx.bridge.sig_changed.connect(self._on_changed)

    def _on_changed(self, changes) -> None:
        if self._trip_id and changes.tables & {"trip", "trip_survey"}:
            self._fill()  # a status change opens the form; undo takes a survey back

    def set_trip(self, trip_id: str | None) -> None:
        self._trip_id = trip_id
        self.error.set_message(None)
        self._fill()

    def _fill(self) -> None:
        trip = None
        if self._trip_id:
            with self._ctx.studio.session() as session:
                trip = session.get(Trip, self._trip_id)
            if trip is not None and trip.deleted_at:
                trip = None
        taken = trip is not None and trip.status in surveys.SURVEY_STATUSES
        found = surveys.survey_of_trip(self._ctx.studio, trip.id) if trip is not None else None
        for w in self._form_widgets:
            w.setEnabled(taken)
        self.save_button.setEnabled(taken)
        self.print_button.setEnabled(trip is not None)
        if trip is None:
            self.state.setText("")
        elif not taken:
            self.state.setText(
                self.tr(
                    "The survey follows the trip: it can be entered once the trip is under way or completed."
                )
            )
        elif found is None:
            self.state.setText(self.tr("No survey answered yet for this trip."))
        else:
            text = self.tr("Answered on %1: %2/100, would recommend %3/10.")
            text = (
                text.replace("%1", found.answered_on)
                .replace("%2", str(found.overall))
                .replace("%3", str(found.recommend))
            )
            if found.care:
                text += " " + self.tr("A low score: a care call is on the agenda.")
            self.state.setText(text)
        self.overall.setText(str(found.overall) if found else "")
        self.recommend.setText(str(found.recommend) if found else "")
        self.keep.setPlainText(found.keep if found else "")
        self.change.setPlainText(found.change if found else "")
        self.answered.setText(found.answered_on if found else date.today().isoformat())

    def save(self) -> surveys.Survey | None:
        if not self._trip_id:
            return None
        self.error.set_message(None)
        trip_id = self._trip_id
        try:
            result = self._ctx.execute(
                self.tr("Record survey"),
                lambda: surveys.record_survey(
                    self._ctx.studio,
                    trip_id,
                    self.overall.text(),
                    self.recommend.text(),
                    self.keep.toPlainText(),
                    self.change.toPlainText(),
                    answered_on=self.answered.text() or None,
                ),
            )
        except ValidationError as exc:
            self.error.set_message(exc.message)
            {"overall": self.overall, "recommend": self.recommend}.get(
                exc.field, self.overall
            ).setFocus()
            return None
        except StudioError as exc:
            self.error.set_message(str(exc))
            return None
        self._fill()
        self.sig_saved.emit(result)
        return result

    def print_form(self, target: Path | None = None) -> Path | None:
        if not self._trip_id:
            return None
        if target is None:
            name, _f = QFileDialog.getSaveFileName(
                self, self.tr("Print survey"), "survey.pdf", self.tr("PDF files (*.pdf)")
            )
            if not name:
                return None
            target = Path(name)
        try:
            printing.write_survey(self._ctx.studio, self._trip_id, target, current_language())
        except (OSError, StudioError) as exc:
            self.error.set_message(str(exc))
            return None
        self.sig_message.emit(self.tr("Survey written to %1").replace("%1", str(target)))
        return target
