"""File › Sharing…: where the studio is shared, its laptops (advisor, last seen, version, clock),
removing one (the owner), and the *Changes to review*: fields two laptops changed unaware of
each other, with one click to take the other value."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.domain import formatting
from studio.domain.models import model_for_table
from studio.services import studio_profile
from studio.store import Studio
from studio.sync import engine
from studio.sync import status as share_status
from studio.sync.keys import LocalKeys, SyncError
from ui.context import AppContext
from ui.style import scaled_font, set_error_style, set_muted
from ui.sync_controller import SyncController
from ui.workers import Job, JobOutcome

LAPTOP_COLUMNS = ("laptop", "last_seen", "version", "clock", "changes")
REVIEW_COLUMNS = ("client", "field", "kept", "other")
#: Clocks closer than this to this laptop's are shown as in step.
CLOCK_IN_STEP_S = 120


def take_value(studio: Studio, table: str, row_id: str, field: str, value: Any) -> None:
    """Set one field through the write path (inside :meth:`AppContext.execute`: one step)."""
    with studio.transaction() as tx:
        tx.update(model_for_table(table), row_id, **{field: value})


def _when(iso: str | None) -> str:
    if not iso:
        return "—"
    try:
        at = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return formatting.format_datetime(at)


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class SharingDialog(QDialog):
    """The Sharing panel; reads the shared place in a :class:`Job` when opened."""

    #: Fires when the laptops have been read (or the read failed).
    sig_loaded = Signal()
    #: Fires when a removal has ended (the :class:`JobOutcome`).
    sig_removed = Signal(object)

    def __init__(self, ctx: AppContext, controller: SyncController, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.controller = controller
        self.job: Job | None = None
        self.laptops: list[share_status.Laptop] = []
        self.collisions: list[share_status.Collision] = []
        self._raw_review: list[dict] = []
        studio = ctx.studio
        self.owner = share_status.is_owner(studio)
        self.setWindowTitle(self.tr("Sharing"))
        self.resize(self.fontMetrics().averageCharWidth() * 120, self.fontMetrics().height() * 36)

        title = QLabel(self.tr("Sharing"), self)
        title.setFont(scaled_font(title, 1.3, bold=True))
        role = self.tr("the owner's laptop") if self.owner else self.tr("an advisor's laptop")
        self.place_label = QLabel(
            self.tr("Shared in %1 · this is %2 · join code %3")
            .replace("%1", share_status.place(studio) or "")
            .replace("%2", role)
            .replace("%3", share_status.fingerprint(studio) or ""),
            self,
        )
        self.place_label.setWordWrap(True)
        self.place_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(controller.status_text(), self)
        self.status_label.setWordWrap(True)
        set_muted(self.status_label)
        controller.sig_status.connect(self.status_label.setText)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        set_error_style(self.error)
        self.error.hide()
        self.sync_button = QPushButton(self.tr("S&ync now"), self)
        self.sync_button.setAutoDefault(False)
        self.sync_button.clicked.connect(self._sync_now)
        controller.sig_finished.connect(self._synced)
        head = QHBoxLayout()
        head.addWidget(self.status_label, 1)
        head.addWidget(self.sync_button)

        # -- laptops --
        laptops_box = QGroupBox(self.tr("&Laptops"), self)
        self.laptop_table = QTableWidget(0, len(LAPTOP_COLUMNS), laptops_box)
        self.laptop_table.setObjectName("laptops")
        self.laptop_table.setHorizontalHeaderLabels(
            [
                self.tr("Laptop (advisor)"),
                self.tr("Last seen"),
                self.tr("Version"),
                self.tr("Clock"),
                self.tr("Change files"),
            ]
        )
        self._table_style(self.laptop_table)
        self.laptop_table.horizontalHeader().setStretchLastSection(False)
        # the header and three laptops without scrolling
        self.laptop_table.setMinimumHeight(self.fontMetrics().height() * 9)
        self.laptop_table.itemSelectionChanged.connect(self._update)
        self.remove_button = QPushButton(self.tr("&Remove laptop…"), laptops_box)
        self.remove_button.setAutoDefault(False)
        self.remove_button.setToolTip(
            self.tr("Its later changes are refused; only the owner's laptop can remove one")
        )
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setVisible(self.owner)
        self.sheet_button = QPushButton(self.tr("Recovery &sheet…"), laptops_box)
        self.sheet_button.setAutoDefault(False)
        self.sheet_button.clicked.connect(self.show_sheet)
        self.sheet_button.setVisible(self.owner)
        lb = QHBoxLayout()
        lb.addWidget(self.remove_button)
        lb.addWidget(self.sheet_button)
        lb.addStretch(1)
        ll = QVBoxLayout(laptops_box)
        ll.addWidget(self.laptop_table)
        ll.addLayout(lb)

        # -- changes to review --
        review_box = QGroupBox(self.tr("Changes to &review"), self)
        review_note = QLabel(
            self.tr(
                "The same field changed on two laptops that had not seen each other's change. "
                "The later one was kept; the other stays in the field's history."
            ),
            review_box,
        )
        review_note.setWordWrap(True)
        set_muted(review_note)
        self.review_table = QTableWidget(0, len(REVIEW_COLUMNS), review_box)
        self.review_table.setObjectName("review")
        self.review_table.setHorizontalHeaderLabels(
            [self.tr("Client"), self.tr("Field"), self.tr("Kept"), self.tr("The other value")]
        )
        self._table_style(self.review_table)
        self.review_table.itemSelectionChanged.connect(self._update)
        self.review_empty = QLabel(self.tr("Nothing to review."), review_box)
        set_muted(self.review_empty)
        self.take_button = QPushButton(self.tr("&Take the other value"), review_box)
        self.take_button.setAutoDefault(False)
        self.take_button.clicked.connect(self.take_other_value)
        self.dismiss_button = QPushButton(self.tr("&Keep as it is"), review_box)
        self.dismiss_button.setAutoDefault(False)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        rb = QHBoxLayout()
        rb.addWidget(self.take_button)
        rb.addWidget(self.dismiss_button)
        rb.addStretch(1)
        rl = QVBoxLayout(review_box)
        self._review_layout = rl
        rl.addWidget(review_note)
        rl.addWidget(self.review_table, 1)
        rl.addWidget(self.review_empty)
        rl.addStretch(0)  # with no table, the note and "Nothing to review." stay at the top
        rl.addLayout(rb)
        controller.sig_review_changed.connect(self.load_review)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.place_label)
        layout.addLayout(head)
        layout.addWidget(self.error)
        layout.addWidget(laptops_box, 2)
        layout.addWidget(review_box, 3)
        layout.addWidget(buttons)
        self.load_review()
        self._update()

    @staticmethod
    def _table_style(table: QTableWidget) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

    # -- laptops ------------------------------------------------------------------------------
    def load(self) -> Job:
        """Read the laptops from the shared place (in the background)."""
        studio = self.ctx.studio
        job = Job(lambda _p, _c: share_status.laptops(studio))
        self.job = job
        job.sig_finished.connect(self._loaded)
        self.laptop_table.setRowCount(0)
        return job.start()

    def _loaded(self, outcome: JobOutcome) -> None:
        self.job = None
        if outcome.error is not None:
            self._show_error(outcome.error)
        else:
            problem = outcome.result["status"].get("problem")
            if problem:
                self._show_error(problem)
            else:
                self.error.hide()
            self.laptops = outcome.result["laptops"]
            self._fill_laptops()
        self._update()
        self.sig_loaded.emit()

    def _fill_laptops(self) -> None:
        t = self.laptop_table
        t.setRowCount(len(self.laptops))
        for row, lap in enumerate(self.laptops):
            name = lap.name or self.tr("Laptop %1").replace("%1", lap.device[:8])
            if lap.this_laptop:
                name = self.tr("%1 (this laptop)").replace("%1", name)
            if lap.removed:
                name = self.tr("%1 (removed)").replace("%1", name)
            seen = self.tr("now") if lap.this_laptop else _when(lap.last_seen)
            if lap.schema is None:
                version = "—"
            elif lap.newer:
                version = self.tr("newer (%1)").replace("%1", lap.app or lap.schema.split("_")[0])
            elif lap.app:
                version = lap.app
            else:
                version = self.tr("schema %1").replace("%1", lap.schema.split("_", 1)[0])
            clock, clock_tip = self.clock_text(lap)
            cells = (name, seen, version, clock, str(lap.segments))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, lap.device)
                if col == LAPTOP_COLUMNS.index("clock") and clock_tip:
                    item.setToolTip(clock_tip)
                if col == 0 and lap.last_written:
                    item.setToolTip(
                        self.tr("Last wrote %1 (by its own clock)").replace(
                            "%1", _when(lap.last_written)
                        )
                    )
                t.setItem(row, col, item)
        t.resizeColumnsToContents()
        t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def clock_text(self, lap: share_status.Laptop) -> tuple[str, str]:
        """The Clock cell of a laptop and its tooltip: how far its clock is from this one's."""
        if lap.this_laptop:
            return self.tr("this clock"), ""
        if lap.clock_ahead_min:  # a segment of it is held: its stamps are that far ahead now
            return self.tr("%1 ahead").replace("%1", self._span(lap.clock_ahead_min * 60)), self.tr(
                "Its changes wait until this laptop's clock has caught up with their stamps"
            )
        offset = lap.clock_offset_s
        if offset is None:
            return "—", self.tr("Known once changes from it have arrived")
        tip = self.tr(
            "Estimated from when it wrote its latest change files (by its own clock) and when "
            "they arrived here; a late arrival makes its clock look further behind"
        )
        if abs(offset) < CLOCK_IN_STEP_S:
            return self.tr("in step"), tip
        if offset > 0:
            return self.tr("at least %1 ahead").replace("%1", self._span(offset)), tip
        return self.tr("up to %1 behind").replace("%1", self._span(-offset)), tip

    def _span(self, seconds: int) -> str:
        minutes = max(1, round(seconds / 60))
        if minutes < 120:
            return self.tr("%1 min").replace("%1", f"{minutes:,}")
        hours = round(minutes / 60)
        if hours < 48:
            return self.tr("%1 h").replace("%1", f"{hours:,}")
        return self.tr("%1 days").replace("%1", f"{round(hours / 24):,}")

    def selected_laptop(self) -> share_status.Laptop | None:
        rows = self.laptop_table.selectionModel().selectedRows()
        return self.laptops[rows[0].row()] if rows else None

    def confirm_remove(self, name: str) -> bool:
        """Asks before removing; tests replace it."""
        answer = QMessageBox.question(
            self,
            self.tr("Remove laptop"),
            self.tr(
                "Remove %1 from the shared studio?\n\nWhat it sent so far stays; anything it "
                "writes after this is refused."
            ).replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def remove_selected(self) -> Job | None:
        lap = self.selected_laptop()
        if lap is None or lap.this_laptop or lap.removed or not self.owner:
            return None
        if not self.confirm_remove(lap.name or lap.device[:8]):
            return None
        studio = self.ctx.studio
        job = Job(lambda _p, _c: engine.remove_device(studio, lap.device))
        self.job = job
        job.sig_finished.connect(self._removed)
        self._update()
        return job.start()

    def _removed(self, outcome: JobOutcome) -> None:
        self.job = None
        if outcome.error is not None:
            self._show_error(outcome.error)
            self._update()
        else:
            self.load()
        self.sig_removed.emit(outcome)

    def show_sheet(self) -> None:
        from ui.widgets.share_widgets import RecoverySheet

        keys = LocalKeys.load(self.ctx.studio.data_dir)
        if keys is None:
            return
        try:  # the current key: after a removal, the first one admits no one
            key = engine.current_key(self.ctx.studio)
        except SyncError as exc:
            self._show_error(str(exc))
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Recovery sheet"))
        sheet = RecoverySheet(
            key, studio_profile.profile(self.ctx.studio).display_name, keys.place, dialog
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        lay = QVBoxLayout(dialog)
        lay.addWidget(sheet)
        lay.addWidget(buttons)
        dialog.exec()

    # -- changes to review --------------------------------------------------------------------
    def load_review(self) -> None:
        self._raw_review = self.controller.review()
        self.collisions = share_status.collisions(self.ctx.studio, self._raw_review)
        t = self.review_table
        t.setRowCount(len(self.collisions))
        for row, c in enumerate(self.collisions):
            kept = self.tr("%1 — %2, %3").replace("%1", _show(c.kept))
            kept = kept.replace("%2", c.kept_by or "?").replace("%3", _when(c.kept_at))
            other = self.tr("%1 — %2, %3").replace("%1", _show(c.lost))
            other = other.replace("%2", c.lost_by or "?").replace("%3", _when(c.lost_at))
            field = c.field if c.table == "client" else f"{c.table}: {c.field}"
            for col, text in enumerate((c.client_name or "—", field, kept, other)):
                t.setItem(row, col, QTableWidgetItem(text))
        t.resizeColumnsToContents()
        empty = not self.collisions
        self.review_empty.setVisible(empty)
        self._review_layout.setStretch(3, 1 if empty else 0)
        t.setVisible(not empty)
        self._update()

    def selected_collision(self) -> int | None:
        rows = self.review_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def take_other_value(self) -> bool:
        """Write the other laptop's value into the field: one undoable step."""
        row = self.selected_collision()
        if row is None:
            return False
        c = self.collisions[row]
        try:
            self.ctx.execute(
                self.tr("Take the other value of %1").replace("%1", c.field),
                lambda: take_value(self.ctx.studio, c.table, c.row_id, c.field, c.lost),
            )
        except Exception as exc:  # noqa: BLE001 - a refusal is shown, nothing written
            self._show_error(str(exc))
            return False
        self.controller.dismiss(self._raw_review[row])
        return True

    def dismiss_selected(self) -> None:
        row = self.selected_collision()
        if row is not None:
            self.controller.dismiss(self._raw_review[row])

    # -- helpers ------------------------------------------------------------------------------
    def _sync_now(self) -> None:
        self.controller.sync_now(ask=True)
        self._update()

    def _synced(self, _outcome: Any) -> None:
        self._update()
        if self.job is None and self.isVisible():
            self.load()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _update(self) -> None:
        lap = self.selected_laptop()
        self.remove_button.setEnabled(
            self.owner
            and self.job is None
            and lap is not None
            and not lap.this_laptop
            and not lap.removed
        )
        has = self.selected_collision() is not None
        self.take_button.setEnabled(has)
        self.dismiss_button.setEnabled(has)
        self.sync_button.setEnabled(not self.controller.running)
