"""The main window's encryption and backups: File › Backups…, Encrypt this studio…, Change studio
passphrase…, the daily automatic backup while the app is used, and the notice when no backup is
younger than a week."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox, QProgressDialog

from studio.store import backup, keystore
from ui.workers import Job, JobOutcome

#: How often the app looks whether the day's automatic backup is due (it is made once a day).
CHECK_EVERY_MS = 60 * 60 * 1000
FIRST_CHECK_MS = 5000


class SecurityUi(QObject):
    """Owned by the main window: the menu actions, the automatic backup, the stale notice."""

    #: Fires with the :class:`JobOutcome` when an automatic backup has ended.
    sig_auto_backup_finished = Signal(object)
    #: Fires with the :class:`JobOutcome` when encrypting the studio has ended.
    sig_encrypt_finished = Signal(object)

    def __init__(self, window: QMainWindow, menu: QMenu):
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx  # type: ignore[attr-defined]
        self.auto_job: Job | None = None
        self.encrypt_job: Job | None = None
        self.backups_action = QAction(self.tr("&Backups…"), window)
        self.backups_action.setShortcut("Ctrl+Shift+B")
        self.backups_action.triggered.connect(self.open_backups)
        self.encrypt_action = QAction(self.tr("&Encrypt this studio…"), window)
        self.encrypt_action.triggered.connect(self.encrypt)
        self.passphrase_action = QAction(self.tr("Change studio &passphrase…"), window)
        self.passphrase_action.triggered.connect(self.change_passphrase)
        for a in (self.backups_action, self.encrypt_action, self.passphrase_action):
            menu.addAction(a)
        menu.aboutToShow.connect(self.update_actions)
        self.notice = QLabel(window)
        self.notice.setObjectName("backupNotice")
        window.statusBar().addPermanentWidget(self.notice)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.auto_backup)
        self.update_actions()
        self.update_notice()

    def start_auto_backups(self) -> None:
        """Back up once a day while the app runs (the app calls this; screenshots do not)."""
        self.timer.start()
        self.first_check = QTimer(self)  # a child: it dies with the window, never fires late
        self.first_check.setSingleShot(True)
        self.first_check.timeout.connect(self.auto_backup)
        self.first_check.start(FIRST_CHECK_MS)

    def update_actions(self) -> None:
        encrypted = self.ctx.studio.encrypted
        self.encrypt_action.setVisible(not encrypted)
        self.passphrase_action.setVisible(encrypted)

    def update_notice(self) -> None:
        stale = backup.is_stale(self.ctx.studio.data_dir) and not self.ctx.studio.is_empty()
        self.notice.setText(
            self.tr("No backup is younger than a week — File › Backups…") if stale else ""
        )

    # -- backups ------------------------------------------------------------------------------
    def open_backups(self) -> None:
        from ui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.ctx, self.window)
        dialog.sig_job_finished.connect(lambda _o: self.update_notice())
        dialog.exec()
        self.update_notice()

    def auto_backup(self) -> Job | None:
        """Make the day's automatic backup in the background, if it is due."""
        if self.auto_job is not None or self.ctx.studio.is_empty():
            return None
        studio = self.ctx.studio
        job = Job(lambda _progress, _cancel: backup.auto_backup(studio))
        job.sig_finished.connect(self._auto_done)
        self.auto_job = job
        return job.start()

    def _auto_done(self, outcome: JobOutcome) -> None:
        self.auto_job = None
        if outcome.error is not None:
            self.window.statusBar().showMessage(
                self.tr("The daily backup failed: %1").replace("%1", outcome.error), 15000
            )
        self.update_notice()
        self.sig_auto_backup_finished.emit(outcome)

    # -- encryption ---------------------------------------------------------------------------
    def encrypt(self) -> Job | None:
        """Ask, then encrypt the studio in place (a passphrase when there is no keychain)."""
        from ui.dialogs.passphrase_dialog import ask_new_passphrase, no_keychain_message

        studio = self.ctx.studio
        if studio.encrypted:
            return None
        answer = QMessageBox.question(
            self.window,
            self.tr("Encrypt this studio"),
            self.tr(
                "Encrypt the studio file, its photos and its backups? Someone who copies them "
                "then reads nothing without the key. An encrypted copy is made and checked "
                "before it replaces the plain file."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        passphrase = None
        problem = keystore.keychain_problem()
        if problem:
            passphrase = ask_new_passphrase(self.window, no_keychain_message(problem))
            if passphrase is None:
                return None
        return self.start_encrypt(passphrase)

    def start_encrypt(self, passphrase: str | None) -> Job:
        from studio.store import encryption

        studio = self.ctx.studio
        progress = QProgressDialog(self.tr("Encrypting the studio…"), "", 0, 0, self.window)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)  # no edits while it swaps
        progress.setMinimumDuration(0)
        job = Job(lambda report, _cancel: encryption.encrypt_studio(studio, passphrase, report))

        def on_progress(done: int, total: int, message: str) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(min(done, total))
            progress.setLabelText(message)

        def finished(outcome: JobOutcome) -> None:
            progress.close()
            self.encrypt_job = None
            self.update_actions()
            if outcome.error is not None:
                QMessageBox.warning(self.window, self.tr("Encrypt this studio"), outcome.error)
            else:
                self.window.statusBar().showMessage(
                    self.tr("The studio, its photos and its backups are encrypted."), 10000
                )
            self.sig_encrypt_finished.emit(outcome)

        job.sig_progress.connect(on_progress)
        job.sig_finished.connect(finished)
        self.encrypt_job = job
        return job.start()

    def change_passphrase(self) -> None:
        from ui.dialogs.passphrase_dialog import change_passphrase

        if change_passphrase(self.window, self.ctx.studio):
            self.window.statusBar().showMessage(self.tr("The studio passphrase was changed."), 8000)
