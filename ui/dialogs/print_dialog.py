"""Print/Export of a trip's itinerary handout: page size and where the PDF goes."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QLocale, QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studio.domain.i18n import current_language
from ui.widgets.field_editors import FieldBox


def default_page_size() -> str:
    """Letter where it is the usual paper (US, Canada, Mexico, Philippines…), A4 elsewhere."""
    letter = {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Philippines,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
    }
    return "letter" if QLocale().territory() in letter else "a4"


def safe_file_name(title: str) -> str:
    """A trip title as a file name every system accepts (Chinese kept)."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip(" .")
    return re.sub(r"\s+", " ", name)[:120] or "itinerary"


class PrintDialog(QDialog):
    """Choose A4 or Letter and the PDF file; :meth:`options` gives what was chosen."""

    def __init__(self, trip_title: str, folder: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print or export the itinerary"))
        self.setObjectName("printDialog")
        self.a4 = QRadioButton(self.tr("A&4"), self)
        self.letter = QRadioButton(self.tr("US &Letter"), self)
        group = QButtonGroup(self)
        group.addButton(self.a4)
        group.addButton(self.letter)
        (self.letter if default_page_size() == "letter" else self.a4).setChecked(True)
        sizes = QWidget(self)
        sr = QHBoxLayout(sizes)
        sr.setContentsMargins(0, 0, 0, 0)
        sr.addWidget(self.a4)
        sr.addWidget(self.letter)
        sr.addStretch(1)

        if not folder or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            ) or str(Path.home())
        self.path = QLineEdit(str(Path(folder) / f"{safe_file_name(trip_title)}.pdf"), self)
        self.path.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self.browse)
        file_row = QWidget(self)
        fr = QHBoxLayout(file_row)
        fr.setContentsMargins(0, 0, 0, 0)
        fr.addWidget(self.path, 1)
        fr.addWidget(browse)
        self.file_box = FieldBox(file_row, self)

        self.prices = QCheckBox(self.tr("Show prices and totals (never costs or margins)"), self)
        self.lang = QComboBox(self)
        self.lang.addItem(self.tr("English"), "en")
        self.lang.addItem("中文", "zh")
        self.lang.setCurrentIndex(max(0, self.lang.findData(current_language())))
        self.lang.setToolTip(self.tr("Language of the handout's own words and dates"))
        self.lang.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        form = QFormLayout()
        form.addRow(self.tr("Page size:"), sizes)
        form.addRow(self.tr("&File:"), self.file_box)
        form.addRow("", self.prices)
        form.addRow(self.tr("&Language:"), self.lang)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Write PDF"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def options(self) -> dict:
        """Keyword options for the handout writer beyond the size: ``lang``, and ``prices`` when
        they are to be shown."""
        out: dict = {"lang": self.lang.currentData()}
        if self.prices.isChecked():
            out["prices"] = True
        return out

    def size_key(self) -> str:
        return "letter" if self.letter.isChecked() else "a4"

    def out_path(self) -> Path:
        text = self.path.text().strip()
        path = Path(text).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the itinerary as"), self.path.text(), self.tr("PDF files (*.pdf)")
        )
        if chosen:
            self.path.setText(chosen)

    def submit(self) -> None:
        """Accept only a file in a folder that exists; the reason shows under the field."""
        text = self.path.text().strip()
        if not text:
            self.file_box.show_error(self.tr("Choose where to save the PDF."))
            return
        folder = self.out_path().parent
        if not folder.is_dir():
            self.file_box.show_error(
                self.tr("The folder %1 does not exist.").replace("%1", str(folder))
            )
            return
        self.file_box.clear_error()
        self.accept()
