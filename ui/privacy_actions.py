"""The main window's privacy actions (File menu): a client's own data exported, a client erased
for good (owner only), and the prospects untouched for the studio's review period."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from studio.errors import StudioError
from studio.services.privacy import consent
from studio.services.privacy import erase as privacy_erase
from ui.workers import Job

_ROLE_ID = 256  # Qt.UserRole


class PrivacyUi(QObject):
    """Owned by the main window: the actions and the client-data export's job."""

    #: Fires with the zip's path once a client's data was written.
    sig_exported = Signal(str)

    def __init__(self, window: QMainWindow, menu: QMenu):
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx  # type: ignore[attr-defined]
        self.job: Job | None = None
        self.export_action = QAction(self.tr("E&xport client's data…"), window)
        self.export_action.setStatusTip(
            self.tr("Everything about the current client as a PDF and JSON, in a zip file")
        )
        self.export_action.triggered.connect(lambda: self.export_client(self.current()))
        self.erase_action = QAction(self.tr("E&rase client for good…"), window)
        self.erase_action.triggered.connect(lambda: self.erase_client(self.current()))
        self.review_action = QAction(self.tr("&Prospects to review…"), window)
        self.review_action.triggered.connect(self.review_prospects)
        for a in (self.export_action, self.erase_action, self.review_action):
            menu.addAction(a)
        menu.aboutToShow.connect(self.update_actions)
        self.update_actions()

    def current(self) -> str | None:
        return self.window.client_list.current_client_id  # type: ignore[attr-defined]

    def update_actions(self) -> None:
        has = self.current() is not None
        self.export_action.setEnabled(has)
        owner = privacy_erase._is_owner(self.ctx.studio)
        self.erase_action.setEnabled(has and owner)
        self.erase_action.setToolTip(
            "" if owner else self.tr("Only the studio's owner can erase a client.")
        )

    # -- export ---------------------------------------------------------------------------------
    def choose_export_path(self, name: str) -> str:
        """Where to write the zip; tests replace it."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export client's data"),
            str(Path(folder) / f"{name} - data.zip"),
            self.tr("Zip files (*.zip)"),
        )
        return path

    def export_client(self, client_id: str | None) -> Job | None:
        if not client_id:
            return None
        plan = privacy_erase.plan(self.ctx.studio, client_id)
        target = self.choose_export_path(plan.name)
        if not target:
            return None
        studio = self.ctx.studio

        def work(_progress, _cancel):
            from studio.services.privacy import export

            return export.write_client_export(studio, client_id, target)

        job = Job(work)
        job.sig_result.connect(self._exported)
        job.sig_error.connect(self._failed)
        self.job = job.start()
        self.window.statusBar().showMessage(self.tr("Writing %1…").replace("%1", target))
        return job

    def _exported(self, result) -> None:
        self.window.statusBar().showMessage(
            self.tr("Saved %1 (%2 records, %3 photos).")
            .replace("%1", str(result.path))
            .replace("%2", str(result.rows))
            .replace("%3", str(result.photos)),
            8000,
        )
        self.sig_exported.emit(str(result.path))

    def _failed(self, text: str) -> None:
        QMessageBox.warning(self.window, self.tr("Export client's data"), text)

    # -- erase ----------------------------------------------------------------------------------
    def erase_client(self, client_id: str | None, parent=None):
        from ui.dialogs.erase_dialog import EraseDialog

        if not client_id:
            return None
        dialog = EraseDialog(self.ctx, client_id, parent or self.window)
        dialog.sig_erased.connect(self._erased)
        dialog.open()
        return dialog

    def _erased(self, _client_id: str) -> None:
        self.window.statusBar().showMessage(self.tr("The client was erased for good."), 8000)

    # -- review ---------------------------------------------------------------------------------
    def review_prospects(self):
        dialog = ProspectsDialog(self, self.window)
        dialog.open()
        return dialog


class ProspectsDialog(QDialog):
    """Prospects untouched for the studio's review period: open one, or erase it."""

    def __init__(self, ui: PrivacyUi, parent=None):
        super().__init__(parent)
        self.ui = ui
        self.ctx = ui.ctx
        self.setWindowTitle(self.tr("Prospects to review"))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Offer prospects untouched for")))
        self.years = QSpinBox()
        self.years.setRange(1, 20)
        self.years.setSuffix(self.tr(" years"))
        row.addWidget(self.years)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(self.tr("&Open dossier"))
        self.erase_button = QPushButton(self.tr("&Erase for good…"))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.open_button.clicked.connect(self.open_selected)
        self.erase_button.clicked.connect(self.erase_selected)
        self.list.currentItemChanged.connect(self._selection)
        self.years.setValue(consent.review_years(self.ctx.studio))
        self.years.valueChanged.connect(self._years_changed)
        self.ctx.bridge.sig_changed.connect(lambda *_: self.refresh())
        self.refresh()
        self.resize(520, 420)

    def refresh(self) -> None:
        years, stale = consent.prospects_to_review(self.ctx.studio)
        self.list.clear()
        for p in stale:
            item = QListWidgetItem(
                self.tr("%1 — last touched %2").replace("%1", p.name).replace("%2", p.last[:10])
            )
            item.setData(_ROLE_ID, p.client_id)
            self.list.addItem(item)
        self.summary.setText(
            self.tr("%1 prospects untouched for %2 years or more: review them, or erase them.")
            .replace("%1", str(len(stale)))
            .replace("%2", str(years))
        )
        self._selection()

    def selected(self) -> str | None:
        item = self.list.currentItem()
        return item.data(_ROLE_ID) if item is not None else None

    def _selection(self, *_args) -> None:
        has = self.selected() is not None
        self.open_button.setEnabled(has)
        self.erase_button.setEnabled(has and privacy_erase._is_owner(self.ctx.studio))

    def _years_changed(self, years: int) -> None:
        try:
            self.ctx.execute(
                self.tr("Review prospects after %1 years").replace("%1", str(years)),
                lambda: consent.set_review_years(self.ctx.studio, years),
            )
            self.error.setVisible(False)
        except StudioError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
        self.refresh()

    def open_selected(self) -> None:
        cid = self.selected()
        if cid:
            window = self.ui.window
            window.show_area("clients")  # type: ignore[attr-defined]
            window.client_list.select_client(cid)  # type: ignore[attr-defined]

    def erase_selected(self):
        return self.ui.erase_client(self.selected(), self)


def add_privacy_actions(window: QMainWindow, menu: QMenu) -> PrivacyUi:
    """Add the privacy actions to ``menu``; the result is kept as ``window.privacy``."""
    ui = PrivacyUi(window, menu)
    window.privacy = ui  # type: ignore[attr-defined]
    return ui
