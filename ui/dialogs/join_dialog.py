"""Joining a shared studio: where it is shared, and its studio key (a key file or the key pasted
from the recovery sheet). The fetch runs in a :class:`~ui.workers.Job` with progress and Cancel.

Used by the first-run dialog (a new laptop) and by File › Join a shared studio… (an empty
studio)."""

from __future__ import annotations

import inspect
import json
import secrets
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.store import Studio
from studio.sync import engine
from studio.sync.keys import StudioKey, SyncError, write_private
from ui.style import scaled_font, set_error_style, set_muted
from ui.widgets.share_widgets import PlaceForm
from ui.workers import Job, JobOutcome, Work


class JoinCancelled(Exception):
    """The join was cancelled before anything stayed behind."""


def _t(text: str) -> str:
    return QCoreApplication.translate("JoinForm", text)


class JoinForm(QWidget):
    """The place and the studio key; shows the key's join code to compare with the sheet."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.place_form = PlaceForm(self, must_exist=True)
        self.place_form.sig_changed.connect(self._update)
        self.key_file = QLineEdit(self)
        self.key_file.setPlaceholderText(self.tr("studio-key.json from the owner's laptop"))
        self.browse_key = QPushButton(self.tr("Choose &key file…"), self)
        self.browse_key.setAutoDefault(False)
        self.browse_key.clicked.connect(self._browse_key)
        key_row = QHBoxLayout()
        key_row.setContentsMargins(0, 0, 0, 0)
        key_row.addWidget(self.key_file, 1)
        key_row.addWidget(self.browse_key)
        self.key_paste = QPlainTextEdit(self)
        self.key_paste.setPlaceholderText(
            self.tr("…or paste the studio key from the recovery sheet (or a QR scan)")
        )
        self.key_paste.setTabChangesFocus(True)
        self.key_paste.setMaximumHeight(self.fontMetrics().height() * 4)
        self.code = QLabel(self)
        self.code.setObjectName("joinCode")
        self.code.setWordWrap(True)
        set_muted(self.code)
        self.key_error = QLabel(self)
        self.key_error.setWordWrap(True)
        set_error_style(self.key_error)
        self.key_error.hide()
        self.key_file.textChanged.connect(self._update)
        self.key_paste.textChanged.connect(self._update)

        where = QLabel(self.tr("Where the studio is shared"), self)
        where.setFont(scaled_font(where, 1.0, bold=True))
        keyl = QLabel(self.tr("The studio key"), self)
        keyl.setFont(scaled_font(keyl, 1.0, bold=True))
        form = QFormLayout()
        form.setContentsMargins(24, 0, 0, 0)
        key_label = QLabel(self.tr("Key &file"), self)
        key_label.setBuddy(self.key_file)
        form.addRow(key_label, key_row)
        paste_label = QLabel(self.tr("or &paste it"), self)
        paste_label.setBuddy(self.key_paste)
        form.addRow(paste_label, self.key_paste)
        form.addRow("", self.code)
        form.addRow("", self.key_error)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(where)
        layout.addWidget(self.place_form)
        layout.addSpacing(4)
        layout.addWidget(keyl)
        layout.addLayout(form)
        self._update()

    def _browse_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the studio key"), str(Path.home()), self.tr("Studio key (*.json)")
        )
        if path:
            self.key_file.setText(path)

    def studio_key(self) -> StudioKey:
        """The key chosen or pasted; :class:`SyncError` with one sentence when it is not one."""
        pasted = self.key_paste.toPlainText().strip()
        if pasted:
            try:
                data = json.loads(pasted)
            except ValueError:
                data = None
            if not isinstance(data, dict):
                raise SyncError(_t("The pasted text is not a Travel Studio studio key."))
            return StudioKey.from_json(data, _t("The pasted text"))
        path = self.key_file.text().strip()
        if not path:
            raise SyncError(_t("Choose the studio key file, or paste the key."))
        return StudioKey.read(Path(path).expanduser())

    def is_complete(self) -> bool:
        return self.place_form.is_complete() and bool(
            self.key_file.text().strip() or self.key_paste.toPlainText().strip()
        )

    def _update(self) -> None:
        self.key_error.hide()
        self.code.clear()
        if self.key_file.text().strip() or self.key_paste.toPlainText().strip():
            try:
                key = self.studio_key()
            except StudioError:
                pass  # said when joining; half-typed text is no error yet
            else:
                self.code.setText(
                    self.tr("Join code %1 — the same as on the owner's recovery sheet?").replace(
                        "%1", key.fingerprint()
                    )
                )
        self.sig_changed.emit()

    def show_error(self, text: str) -> None:
        self.key_error.setText(text)
        self.key_error.show()


def join_work(studio: Studio, place: str, key: StudioKey) -> Work:
    """The work of joining ``place`` with ``key`` and fetching the studio, for a :class:`Job`.

    Its result is ``(join code, SyncReport)``. A refusal is one sentence. Cancel before the
    fetch leaves the data directory as it was (it raises :class:`JoinCancelled`); the fetch
    itself applies whole segments only, so a studio fetched in part is whole as far as it goes
    and the rest arrives at the next sync.
    """

    def work(progress, cancel) -> tuple[str, Any]:
        progress(0, 0, _t("Looking at the shared place…"))
        if "://" not in place and not Path(place).is_dir():
            raise SyncError(
                _t("There is no folder %1; choose the folder the studio is shared in.").replace(
                    "%1", place
                )
            )
        if cancel():
            raise JoinCancelled
        tmp = studio.data_dir / f".join-key.{secrets.token_hex(4)}.json"
        write_private(tmp, json.dumps(key.to_json()))
        try:
            code = engine.join_share(studio, place, tmp)
        except SyncError as exc:
            raise SyncError(_plain_refusal(str(exc))) from None
        finally:
            tmp.unlink(missing_ok=True)
        if cancel():
            engine.abandon_join(studio)  # its request leaves the place too
            raise JoinCancelled
        progress(1, 2, _t("Fetching the studio…"))
        try:
            report = _with_hooks(engine.sync, studio, progress, cancel)
        except Exception:
            _give_up(studio)
            raise
        if report.cancelled and not report.received_segments:
            _give_up(studio)
            raise JoinCancelled
        return code, report

    return work


def _give_up(studio: Studio) -> None:
    """A join that failed or was cancelled before anything arrived leaves nothing behind (in
    the place or here); one that took in part of the studio stays (the rest comes later)."""
    try:
        engine.abandon_join(studio)
    except SyncError:
        pass  # part of the studio is here, or the place went away: the join stands


def _plain_refusal(text: str) -> str:
    """The engine's refusal, said for someone joining."""
    if "not signed by the owner" in text or "another studio" in text:
        return _t("This key is not the key of the studio shared there (another studio's key?).")
    return text


def _with_hooks(fn, studio: Studio, progress, cancel):
    """Call ``fn(studio)``, passing ``progress``/``cancel`` when the engine takes them."""
    params = inspect.signature(fn).parameters
    kwargs = {}
    if "progress" in params:
        kwargs["progress"] = progress
    if "cancel" in params:
        kwargs["cancel"] = cancel
    return fn(studio, **kwargs)


class JoinRunner(QWidget):
    """Runs a join job under a window-modal progress dialog with Cancel."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.hide()
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None

    def start(self, studio: Studio, place: str, key: StudioKey) -> Job:
        progress = QProgressDialog(self.tr("Joining the shared studio…"), self.tr("Cancel"), 0, 0)
        progress.setParent(self.parentWidget(), progress.windowFlags())
        progress.setWindowTitle(self.tr("Join a shared studio"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self.progress = progress
        job = Job(join_work(studio, place, key), cancelled_type=JoinCancelled)
        self.job = job
        job.sig_progress.connect(lambda _d, _t, text: progress.setLabelText(text))
        progress.canceled.connect(self._cancel)
        job.sig_finished.connect(self._finished)
        progress.show()
        return job.start()

    def _cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            if self.progress is not None:
                self.progress.show()  # stays until the step under way has ended
                self.progress.setLabelText(self.tr("Stopping after this step…"))

    def _finished(self, _outcome: JobOutcome) -> None:
        self.job = None
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None


class JoinDialog(QDialog):
    """File › Join a shared studio…: join the place into this (empty) studio."""

    #: Fires when the join has ended, with the :class:`~ui.workers.JobOutcome`.
    sig_join_finished = Signal(object)

    def __init__(self, studio: Studio, parent: QWidget | None = None):
        super().__init__(parent)
        self.studio = studio
        self.report: Any = None
        self.setWindowTitle(self.tr("Join a shared studio"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        intro = QLabel(
            self.tr(
                "Fetch the whole studio from the place the owner shared it in. This laptop then "
                "works offline like any other and exchanges changes when the place is reachable."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.form = JoinForm(self)
        self.form.sig_changed.connect(self._update)
        self.runner = JoinRunner(self)
        self.buttons = QDialogButtonBox(self)
        self.join_button = self.buttons.addButton(
            self.tr("&Join"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.join_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.join_button.setEnabled(self.runner.job is None and self.form.is_complete())

    def accept(self) -> None:
        if self.runner.job is not None or not self.form.is_complete():
            return
        try:
            key = self.form.studio_key()
        except StudioError as exc:
            self.form.show_error(str(exc))
            return
        self.form.place_form.use_password()
        job = self.runner.start(self.studio, self.form.place_form.place(), key)
        job.sig_finished.connect(self._finished)
        self._update()

    def _finished(self, outcome: JobOutcome) -> None:
        self._update()
        if outcome.error is not None:
            self.form.show_error(outcome.error)
        elif outcome.result is not None:  # joined (a cancel that came too late keeps it)
            self.report = outcome.result[1]
            super().accept()
        self.sig_join_finished.emit(outcome)
