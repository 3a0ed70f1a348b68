"""File → Import contacts…: a wizard over the contacts import core (studio.services.contacts_io).

The file, then (CSV and Excel) its sheet and header row, then which column is what (suggested,
remembered per source, Google's and Outlook's layouts recognised), then the dry run row by row,
then the import as one undoable step. A refusal from the core is one sentence on the page and
nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from studio.domain.i18n import tr as core_tr
from studio.errors import StudioError
from studio.services import contacts_io, studio_profile
from studio.services.contacts_io import mapping
from studio.services.contacts_io.plan import ImportPlan, ImportResult, RowResult
from studio.services.contacts_io.readers import Table

PAGE_FILE, PAGE_SOURCE, PAGE_MAPPING, PAGE_PREVIEW = range(4)


def add_import_action(window: QMainWindow, menu: QMenu) -> QAction:
    """File → Import contacts… (Ctrl+Shift+I), opening the wizard over the window's studio."""
    action = QAction(window.tr("&Import contacts…"), window)
    action.setShortcut(QKeySequence("Ctrl+Shift+I"))
    action.setStatusTip(window.tr("Clients from a CSV, Excel or vCard file, checked before import"))

    def run() -> None:
        wizard = ImportContactsWizard(window.ctx, window)  # type: ignore[attr-defined]
        wizard.exec()
        done = wizard.imported
        if done is not None:
            window.statusBar().showMessage(
                window.tr("Imported: %1 clients created, %2 updated (Edit › Undo takes it back).")
                .replace("%1", str(done.clients_created))
                .replace("%2", str(done.clients_updated)),
                8000,
            )

    action.triggered.connect(run)
    menu.addAction(action)
    return action


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setObjectName("error")
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


def _show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class ImportContactsWizard(QWizard):
    """The wizard; ``table``, ``choice`` and ``plan`` hold what the pages found so far and
    ``imported`` what was imported."""

    def __init__(self, ctx, parent: QWidget | None = None, path: str | None = None):  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.table: Table | None = None
        self.plan: ImportPlan | None = None
        self.mapping_used: dict[str, str] = {}
        self.imported: ImportResult | None = None
        self.setWindowTitle(self.tr("Import contacts"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Import"))
        self.file_page = FilePage(self)
        self.source_page = SourcePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.setPage(PAGE_FILE, self.file_page)
        self.setPage(PAGE_SOURCE, self.source_page)
        self.setPage(PAGE_MAPPING, self.mapping_page)
        self.setPage(PAGE_PREVIEW, self.preview_page)
        self.resize(820, 560)
        if path:
            self.file_page.path_edit.setText(path)

    @property
    def studio(self):  # noqa: ANN201 - studio.store.Studio
        return self.ctx.studio

    def read(self, sheet: str | None = None, header_row: int | None = None) -> Table:
        path = self.file_page.path_edit.text().strip()
        return contacts_io.read_table(Path(path), sheet=sheet, header_row=header_row)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportContactsWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr("Choose a contacts file"))
        self.setSubTitle(
            self.tr(
                "A CSV file (any delimiter, UTF-8, UTF-16 or GBK), an Excel workbook (.xlsx) or "
                "vCards (.vcf), such as Google's or Outlook's contacts export."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("The file to import"))
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.error = _error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import contacts"),
            "",
            self.tr("Contacts (*.csv *.txt *.tsv *.xlsx *.vcf);;All files (*)"),
        )
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        try:
            self.w.table = self.w.read()
        except StudioError as e:
            _show_error(self.error, str(e))
            return False
        _show_error(self.error, "")
        return True

    def nextId(self) -> int:
        table = self.w.table
        if table is not None and table.kind == "vcard":
            return PAGE_MAPPING  # cards have no sheet nor header row
        return PAGE_SOURCE


class SourcePage(QWizardPage):
    def __init__(self, wizard: ImportContactsWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr("Sheet and header row"))
        self.setSubTitle(
            self.tr("Which sheet holds the contacts, and which row names the columns.")
        )
        self.sheet_combo = QComboBox()
        self.header_spin = QSpinBox()
        self.header_spin.setRange(1, 1000)
        self.sheet_combo.currentIndexChanged.connect(self._reread)
        self.header_spin.valueChanged.connect(self._reread)
        self.sample = QTableWidget()
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.error = _error_label()
        form = QFormLayout()
        form.addRow(self.tr("&Sheet:"), self.sheet_combo)
        form.addRow(self.tr("&Header row:"), self.header_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("The first rows as they will be read:")))
        layout.addWidget(self.sample, 1)
        layout.addWidget(self.error)
        self._filling = False

    def initializePage(self) -> None:
        table = self.w.table
        assert table is not None
        self._filling = True
        self.sheet_combo.clear()
        self.sheet_combo.addItems(table.sheets)
        if table.sheet:
            self.sheet_combo.setCurrentText(table.sheet)
        self.sheet_combo.setEnabled(len(table.sheets) > 1)
        self.header_spin.setValue(table.header_row)
        self._filling = False
        _show_error(self.error, "")
        self._show_sample(table)

    def _reread(self) -> None:
        if self._filling or self.w.table is None:
            return
        sheet = self.sheet_combo.currentText() or None
        try:
            table = self.w.read(sheet=sheet, header_row=self.header_spin.value())
        except StudioError as e:
            _show_error(self.error, str(e))
            self.w.table = None
            self.sample.setRowCount(0)
            self.completeChanged.emit()
            return
        _show_error(self.error, "")
        self.w.table = table
        self._show_sample(table)
        self.completeChanged.emit()

    def _show_sample(self, table: Table) -> None:
        shown = table.rows[:8]
        self.sample.clear()
        self.sample.setColumnCount(len(table.headers))
        self.sample.setHorizontalHeaderLabels(table.headers)
        self.sample.setRowCount(len(shown))
        for r, row in enumerate(shown):
            for c, value in enumerate(row[: len(table.headers)]):
                self.sample.setItem(r, c, QTableWidgetItem(value))

    def isComplete(self) -> bool:
        return self.w.table is not None


class MappingPage(QWizardPage):
    """One row per column: its name, a sample value and a combo of what it is imported as."""

    def __init__(self, wizard: ImportContactsWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr("What each column holds"))
        self.origin = QLabel()
        self.origin.setWordWrap(True)
        self.grid = QTableWidget(0, 3)
        self.grid.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("First value"), self.tr("Import as")]
        )
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.verticalHeader().hide()
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.error = _error_label()
        self.combos: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.origin)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.error)

    def _combo(self, target: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("(not imported)"), "")
        known = dict(mapping.TARGETS)
        groups = {t.split("@", 1)[1] for t in self._suggested.values() if "@" in t}
        for base, label in known.items():
            combo.addItem(core_tr(label), base)
            if base in mapping.ADDRESS_PARTS:
                for g in sorted(groups):
                    combo.addItem(f"{core_tr(label)} ({g})", f"{base}@{g}")
        if target and combo.findData(target) < 0:
            combo.addItem(target, target)
        combo.setCurrentIndex(max(0, combo.findData(target)))
        return combo

    def initializePage(self) -> None:
        table = self.w.table
        assert table is not None
        _show_error(self.error, "")
        choice = mapping.choose_mapping(self.w.studio, table.headers, table.kind)
        self._suggested = choice.mapping
        if choice.layout:
            text = self.tr("Recognised: %1. Check the columns, then go on.").replace(
                "%1", mapping.layout_label(choice.layout)
            )
        elif choice.origin == "remembered":
            text = self.tr("The columns are mapped as last time for a file with these columns.")
        else:
            text = self.tr("Suggested from the column names; choose what each column holds.")
        self.origin.setText(text)
        self.combos = {}
        self.grid.setRowCount(len(table.headers))
        first = table.rows[0] if table.rows else []
        for r, header in enumerate(table.headers):
            self.grid.setItem(r, 0, QTableWidgetItem(header))
            sample = first[r] if r < len(first) else ""
            self.grid.setItem(r, 1, QTableWidgetItem(sample))
            combo = self._combo(choice.mapping.get(header, ""))
            self.grid.setCellWidget(r, 2, combo)
            self.combos[header] = combo

    def current_mapping(self) -> dict[str, str]:
        return {h: str(c.currentData() or "") for h, c in self.combos.items()}

    def set_target(self, header: str, target: str) -> None:
        combo = self.combos[header]
        i = combo.findData(target)
        if i < 0:
            raise KeyError(target)
        combo.setCurrentIndex(i)

    def validatePage(self) -> bool:
        table = self.w.table
        assert table is not None
        chosen = self.current_mapping()
        try:
            mapping.check_mapping(chosen, table.headers)
            self.w.plan = contacts_io.build_plan(
                table,
                chosen,
                studio=self.w.studio,
                region=studio_profile.default_region(self.w.studio),
                source=Path(self.w.file_page.path_edit.text().strip()).name,
            )
        except StudioError as e:
            _show_error(self.error, str(e))
            return False
        _show_error(self.error, "")
        self.w.mapping_used = chosen
        return True


class PlanModel(QAbstractTableModel):
    """The dry run's rows: line, name, status, existing client, reason and problems."""

    def __init__(self, page: PreviewPage):
        super().__init__(page)
        self.page = page
        self.rows: list[RowResult] = []
        self.headers = [
            page.tr("Line"),
            page.tr("Name"),
            page.tr("Status"),
            page.tr("Existing client"),
            page.tr("Why / problems"),
        ]

    def set_rows(self, rows: list[RowResult]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if col == 0:
            return str(r.line)
        if col == 1:
            return r.person.name if r.person else ""
        if col == 2:
            return self.page.status_label(r.status)
        if col == 3:
            return r.match_name or ""
        return "; ".join(([r.reason] if r.reason else []) + list(r.problems))


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportContactsWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr("Dry run: what the import will do"))
        self.setSubTitle(self.tr("Nothing is written until you press Import."))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.duplicates = QCheckBox(self.tr("Import possible &duplicates as new clients"))
        self.duplicates.toggled.connect(self._duplicates_toggled)
        self.model = PlanModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.error = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.duplicates)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)

    def status_label(self, status: str) -> str:
        return {
            "new": self.tr("new"),
            "update": self.tr("update"),
            "duplicate": self.tr("duplicate"),
            "skipped": self.tr("skipped"),
        }.get(status, status)

    def initializePage(self) -> None:
        plan = self.w.plan
        assert plan is not None
        _show_error(self.error, "")
        self.duplicates.blockSignals(True)
        self.duplicates.setChecked(plan.import_duplicates)
        self.duplicates.blockSignals(False)
        self.duplicates.setVisible(plan.counts()["duplicate"] > 0)
        self.model.set_rows(plan.rows)
        self.view.resizeColumnsToContents()
        self._show_summary()

    def _show_summary(self) -> None:
        plan = self.w.plan
        assert plan is not None
        self.summary.setText("\n".join(plan.summary_lines()))
        self.completeChanged.emit()

    def _duplicates_toggled(self, checked: bool) -> None:
        if self.w.plan is not None:
            self.w.plan.import_duplicates = checked
            self._show_summary()

    def isComplete(self) -> bool:
        plan = self.w.plan
        if plan is None:
            return False
        c = plan.counts()
        return c["clients_new"] + c["clients_updated"] > 0

    def validatePage(self) -> bool:
        """Import: the plan written as one undoable step; a refusal writes nothing."""
        plan, table = self.w.plan, self.w.table
        assert plan is not None and table is not None
        text = self.tr("Import contacts from %1").replace("%1", plan.source)
        try:
            self.w.imported = self.w.ctx.execute(
                text, lambda: contacts_io.write_plan(self.w.studio, plan)
            )
        except StudioError as e:
            _show_error(self.error, str(e))
            return False
        mapping.remember(self.w.studio, table.headers, self.w.mapping_used)
        return True
