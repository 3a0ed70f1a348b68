"""File › Backups…: the studio's backups with their dates and sizes, Back up now, Back up to a
folder (an external disk), and Restore (after asking; the current studio is kept aside first).

Each piece of work runs in a :class:`~ui.workers.Job` with its progress shown in the dialog.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.store import ChangeSet, backup
from ui.context import AppContext
from ui.workers import Job, JobOutcome

COL_WHEN, COL_KIND, COL_SIZE, COL_LOCK = range(4)


def age_text(when: datetime, now: datetime | None = None) -> str:
    """How long ago, in words ("3 hours ago", "2 days ago")."""
    seconds = max(0, int(((now or datetime.now(UTC)) - when).total_seconds()))
    if seconds < 60:
        return QCoreApplication.translate("BackupsDialog", "less than a minute ago")
    if seconds < 3600:
        return QCoreApplication.translate("BackupsDialog", "%1 minutes ago").replace(
            "%1", str(seconds // 60)
        )
    if seconds < 86400 * 2:
        return QCoreApplication.translate("BackupsDialog", "%1 hours ago").replace(
            "%1", str(seconds // 3600)
        )
    return QCoreApplication.translate("BackupsDialog", "%1 days ago").replace(
        "%1", str(seconds // 86400)
    )


def size_text(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n / 1024:,.0f} KB"
    return f"{n / 1024 / 1024:,.1f} MB"


def kind_text(kind: str) -> str:
    if kind == "auto":
        return QCoreApplication.translate("BackupsDialog", "Daily (automatic)")
    if kind == "manual":
        return QCoreApplication.translate("BackupsDialog", "Made by hand")
    if kind == "before-restore":
        return QCoreApplication.translate("BackupsDialog", "Kept aside by a restore")
    if kind.startswith("before-"):
        return QCoreApplication.translate("BackupsDialog", "Before an upgrade")
    return kind


def notify_everything_changed(ctx: AppContext) -> None:
    """Tell every view the whole studio may differ (after a restore): each reloads."""
    from studio.domain.base import table_name
    from studio.domain.models import MODELS

    with ctx.studio.read() as conn:
        ids = {r[0] for r in conn.exec_driver_sql("SELECT id FROM client")}
    ctx.undo_stack.clear()  # the steps on it belong to the studio as it was
    ctx.bridge.sig_changed.emit(
        ChangeSet(
            tx="restore",
            entries=(),
            tables=frozenset(table_name(m) for m in MODELS),
            client_ids=frozenset(ids),
        )
    )


class BackupsDialog(QDialog):
    """The list of backups and what can be done with them."""

    #: Fires with the :class:`JobOutcome` when a backup or a restore started here has ended.
    sig_job_finished = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Backups"))
        self.resize(self.fontMetrics().averageCharWidth() * 100, 420)
        self.summary = QLabel(self)
        self.summary.setObjectName("backupSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Kind"), self.tr("Size"), self.tr("Encrypted")]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_KIND, QHeaderView.ResizeMode.Stretch)
        for col in (COL_WHEN, COL_SIZE, COL_LOCK):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("&Back up now"), self)
        self.backup_button.clicked.connect(lambda: self.back_up())
        self.folder_button = QPushButton(self.tr("Back up to &folder…"), self)
        self.folder_button.clicked.connect(self._choose_folder)
        self.restore_button = QPushButton(self.tr("&Restore…"), self)
        self.restore_button.clicked.connect(self._confirm_restore)
        row = QHBoxLayout()
        for b in (self.backup_button, self.folder_button, self.restore_button):
            row.addWidget(b)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(close)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        self.reload()

    # -- the list -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.backups = backup.list_backups(backup.backup_dir(self.ctx.studio.data_dir))
        self.table.setRowCount(len(self.backups))
        for i, b in enumerate(self.backups):
            cells = {
                COL_WHEN: b.when.astimezone().strftime("%Y-%m-%d %H:%M"),
                COL_KIND: kind_text(b.kind),
                COL_SIZE: size_text(b.size),
                COL_LOCK: self.tr("yes") if b.encrypted else self.tr("no"),
            }
            for col, text in cells.items():
                item = QTableWidgetItem(text)
                if col == COL_SIZE:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setToolTip(str(b.path))
                self.table.setItem(i, col, item)
        if self.backups:
            newest = self.backups[0]
            text = (
                self.tr("The newest backup was made %1 (%2).")
                .replace("%1", age_text(newest.when))
                .replace("%2", kind_text(newest.kind))
            )
            if backup.is_stale(self.ctx.studio.data_dir):
                text += " " + self.tr("No backup is younger than a week: back up now.")
        else:
            text = self.tr("There is no backup yet. Back up now, or to a folder on another disk.")
        text += " " + self.tr(
            "A backup is made each day the studio is used; 7 daily, 4 weekly and 12 monthly "
            "ones are kept."
        )
        self.summary.setText(text)
        self._update()

    def selected(self) -> backup.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update(self) -> None:
        busy = self.job is not None
        for b in (self.backup_button, self.folder_button):
            b.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.selected() is not None)

    # -- the work -------------------------------------------------------------------------------
    def _run(self, fn, done_text) -> Job:  # type: ignore[no-untyped-def]
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText("")
        job = Job(fn)
        job.sig_progress.connect(self._on_progress)
        job.sig_finished.connect(lambda outcome: self._finished(outcome, done_text))
        self.job = job
        self._update()
        return job.start()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        self.status.setText(QCoreApplication.translate("BackupsDialog", message))

    def _finished(self, outcome: JobOutcome, done_text) -> None:  # type: ignore[no-untyped-def]
        self.job = None
        self.progress.hide()
        if outcome.error is not None:
            self.status.setText(outcome.error)
        else:
            self.status.setText(done_text(outcome.result))
        self.reload()
        self.sig_job_finished.emit(outcome)

    def back_up(self, folder: Path | None = None) -> Job:
        """Back up now (into ``folder`` when given, else the studio's backups)."""
        studio = self.ctx.studio

        def work(progress, _cancel):  # type: ignore[no-untyped-def]
            return backup.make_backup(studio, folder=folder, kind="manual", progress=progress)

        return self._run(
            work,
            lambda info: self.tr("Backed up to %1 (checked).").replace("%1", str(info.path)),
        )

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Back up to folder"))
        if folder:
            self.back_up(Path(folder))

    def _confirm_restore(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Restore backup"),
            self.tr(
                "Restore the backup from %1? The studio goes back to how it was then. The "
                "studio as it is now is kept aside as a backup first, so nothing is lost."
            ).replace("%1", chosen.when.astimezone().strftime("%Y-%m-%d %H:%M")),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(chosen.path)

    def restore(self, path: Path) -> Job:
        """Restore ``path`` (no question asked: :meth:`_confirm_restore` asks)."""
        studio = self.ctx.studio

        def work(progress, _cancel):  # type: ignore[no-untyped-def]
            return backup.restore(studio, path, progress)

        def done(aside: Path) -> str:
            notify_everything_changed(self.ctx)
            return self.tr("Restored. The studio as it was is kept in %1.").replace(
                "%1", aside.name
            )

        return self._run(work, done)

    def reject(self) -> None:
        if self.job is not None:  # a backup or a restore finishes first
            return
        super().reject()
