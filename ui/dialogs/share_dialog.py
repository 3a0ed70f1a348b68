"""File › Share this studio…: the owner picks the shared place, the app writes the studio there
(in the background, with progress) and then shows the recovery sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio.services import studio_profile
from studio.sync import engine
from studio.sync.keys import LocalKeys
from ui.context import AppContext
from ui.style import scaled_font, set_error_style
from ui.widgets.share_widgets import PlaceForm, RecoverySheet
from ui.workers import Job, JobOutcome


class ShareDialog(QDialog):
    """Two pages: where to share (then *Share*), and the recovery sheet once it is shared."""

    #: Fires once the studio is shared, with the join code.
    sig_shared = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self.sheet: RecoverySheet | None = None
        self.setWindowTitle(self.tr("Share this studio"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

        self.pages = QStackedWidget(self)
        setup = QWidget(self)
        title = QLabel(self.tr("Share this studio with the other laptops"), setup)
        title.setFont(scaled_font(title, 1.3, bold=True))
        intro = QLabel(
            self.tr(
                "Choose a folder the studio already keeps in sync between laptops, or a WebDAV "
                "address (Nextcloud, ownCloud, a NAS, Jianguoyun). Each laptop writes only its "
                "own sealed, signed files there; the studio's own file never goes in. Every "
                "laptop keeps working offline and catches up when the place is reachable."
            ),
            setup,
        )
        intro.setWordWrap(True)
        self.place_form = PlaceForm(setup)
        self.place_form.sig_changed.connect(self._update)
        self.progress = QProgressBar(setup)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.message = QLabel(setup)
        self.message.setWordWrap(True)
        self.error = QLabel(setup)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        set_error_style(self.error)
        self.error.hide()
        sl = QVBoxLayout(setup)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(title)
        sl.addWidget(intro)
        sl.addSpacing(6)
        sl.addWidget(self.place_form)
        sl.addStretch(1)
        sl.addWidget(self.progress)
        sl.addWidget(self.message)
        sl.addWidget(self.error)
        self.pages.addWidget(setup)

        self.buttons = QDialogButtonBox(self)
        self.share_button = self.buttons.addButton(
            self.tr("&Share"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.share_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self.share_button.clicked.connect(self.share)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.share_button.setEnabled(self.job is None and self.place_form.is_complete())

    def accept(self) -> None:
        if self.pages.currentIndex() == 0:  # Enter on the first page shares
            self.share()
            return
        super().accept()

    def reject(self) -> None:
        if self.job is not None:  # writing the studio out: it finishes (it is quick and whole)
            return
        super().reject()

    # -- sharing ------------------------------------------------------------------------------
    def share(self) -> Job | None:
        """Share in the place chosen (in the background); the sheet shows when it is done."""
        if self.job is not None or not self.place_form.is_complete():
            return None
        self.error.hide()
        place = self.place_form.place()
        self.place_form.use_password()
        studio = self.ctx.studio

        def work(progress, _cancel):
            progress(0, 0, self.tr("Writing the studio key…"))
            _key_file, code = engine.create_share(studio, place)
            progress(1, 2, self.tr("Writing the studio to the shared place…"))
            report = engine.sync(studio)
            return code, report

        self.job = Job(work)
        self.job.sig_progress.connect(lambda _d, _t, text: self.message.setText(text))
        self.job.sig_finished.connect(self._finished)
        self.place_form.setEnabled(False)
        self.progress.show()
        self._update()
        self.job.start()
        return self.job

    def _finished(self, outcome: JobOutcome) -> None:
        self.job = None
        self.progress.hide()
        self.place_form.setEnabled(True)
        self._update()
        if outcome.error is not None:
            self.message.clear()
            self.error.setText(outcome.error)
            self.error.show()
            if LocalKeys.load(self.ctx.studio.data_dir) is not None:
                # shared, but the first exchange failed: the sheet still matters; sync retries
                self._show_sheet()
            return
        code, report = outcome.result
        self.message.setText(
            self.tr("Shared: %1 changes written.").replace("%1", f"{report.sent_records:,}")
        )
        self._show_sheet()
        self.sig_shared.emit(code)

    def _show_sheet(self) -> None:
        keys = LocalKeys.load(self.ctx.studio.data_dir)
        assert keys is not None
        name = studio_profile.profile(self.ctx.studio).display_name
        self.sheet = RecoverySheet(keys.studio, name, keys.place, self)
        self.pages.addWidget(self.sheet)
        self.pages.setCurrentWidget(self.sheet)
        self.share_button.hide()
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
