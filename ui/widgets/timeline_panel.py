"""The Timeline tab: calls, meetings, feedback and complaints, newest first."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.domain import formatting
from studio.domain.models import Interaction
from studio.domain.names import display_name
from studio.domain.values import InteractionKind
from studio.services import clients, queries
from studio.services.queries import Dossier
from ui.context import AppContext
from ui.widgets import labels
from ui.widgets.form_dialog import run_guarded
from ui.widgets.icons import badge_icon

COL_KIND, COL_DATE, COL_ADVISOR, COL_SUMMARY, COL_STATUS = range(5)


class TimelinePanel(QWidget):
    #: Emitted when the user asks to log an interaction (the dossier view opens the dialog).
    sig_log = Signal()
    #: Emitted with an open complaint (Interaction) the user wants to resolve.
    sig_resolve = Signal(object)
    #: Emitted with the Interaction the user wants to edit.
    sig_edit = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._dossier: Dossier | None = None
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(
            [
                self.tr("Kind"),
                self.tr("Date"),
                self.tr("Advisor"),
                self.tr("Summary"),
                self.tr("Status"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName(self.tr("Timeline"))
        header = self.tree.header()
        header.setStretchLastSection(False)
        for col in (COL_KIND, COL_DATE, COL_ADVISOR, COL_STATUS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.tree.currentItemChanged.connect(self._show_detail)
        self.tree.itemActivated.connect(lambda _i, _c: self._edit())

        self.detail = QTextBrowser(self)
        self.detail.setOpenLinks(False)
        # A tool bar: on a narrow dossier its actions fold into the » menu instead of clipping.
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.log_action = self.toolbar.addAction(self.tr("&Log interaction…"))
        self.log_action.setToolTip(self.tr("Log a call, meeting, feedback or complaint (Ctrl+L)"))
        self.log_action.triggered.connect(self.sig_log)
        self.resolve_action = self.toolbar.addAction(self.tr("&Resolve complaint…"))
        self.resolve_action.setToolTip(self.tr("Close the selected complaint with what was done"))
        self.resolve_action.triggered.connect(self._resolve)
        self.edit_action = self.toolbar.addAction(self.tr("Ed&it…"))
        self.edit_action.setToolTip(self.tr("Correct the selected entry (Enter)"))
        self.edit_action.triggered.connect(self._edit)
        self.delete_action = self.toolbar.addAction(self.tr("Delete"))
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tree.addAction(self.delete_action)
        self.delete_action.triggered.connect(self._delete)
        # Show one kind (or only open complaints) — the owner's review of a long timeline.
        self.kind_filter = QComboBox(self)
        self.kind_filter.setAccessibleName(self.tr("Show"))
        self._filter_captions = {
            "all": self.tr("All entries"),
            "open": self.tr("Open complaints"),
            **dict(labels.choices(InteractionKind)),
        }
        for key, text in self._filter_captions.items():
            self.kind_filter.addItem(text, key)
        self.kind_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_filter.currentIndexChanged.connect(self._apply_filter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.toolbar)
        buttons.addStretch(1)
        buttons.addWidget(self.kind_filter)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([400, 140])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)

    # -- showing --------------------------------------------------------------------------------
    def set_dossier(self, dossier: Dossier, advisors: list | None = None) -> None:
        same = self._dossier is not None and self._dossier.client.id == dossier.client.id
        keep = self.current_interaction().id if same and self.current_interaction() else None
        self._dossier = dossier
        if advisors is None:
            advisors = queries.advisors(self._ctx.studio)
        self._advisors = advisors
        by_id = {a.id: a for a in advisors}
        pal = self.palette()
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        current = None
        for it in dossier.interactions:
            kind = labels.label(InteractionKind, it.kind)
            adv = by_id.get(it.advisor_id)
            status = self._status(it)
            item = QTreeWidgetItem(
                [
                    kind,
                    formatting.format_iso(it.occurred_at),
                    display_name(adv.name, adv.native_name) if adv else "",
                    it.summary or it.body.splitlines()[0] if (it.summary or it.body) else "",
                    status,
                ]
            )
            is_open = it.kind == "complaint" and it.status == "open"
            item.setIcon(COL_KIND, badge_icon(kind, pal, alert=is_open))
            item.setData(COL_KIND, Qt.ItemDataRole.UserRole, it)
            if is_open:
                for col in range(5):
                    item.setFont(col, bold)
            item.setToolTip(COL_SUMMARY, it.summary)
            self.tree.addTopLevelItem(item)
            if it.id == keep:
                current = item
        if current is None and self.tree.topLevelItemCount():
            current = self.tree.topLevelItem(0)
        self.tree.setCurrentItem(current)
        self._apply_filter()
        # The filter's choices carry the counts: “All entries (14)”, “Open complaints (1)”.
        counts: dict[str, int] = {
            "all": len(dossier.interactions),
            "open": len(dossier.open_complaints),
        }
        for it in dossier.interactions:
            counts[it.kind] = counts.get(it.kind, 0) + 1
        for i in range(self.kind_filter.count()):
            key = self.kind_filter.itemData(i)
            self.kind_filter.setItemText(
                i,
                self.tr("%1 (%2)")
                .replace("%1", self._filter_captions[key])
                .replace("%2", str(counts.get(key, 0))),
            )
        self._show_detail()

    def _status(self, it: Interaction) -> str:
        if it.kind == "complaint":
            if it.status == "open":
                return self.tr("Open")
            return (
                self.tr("Resolved %1")
                .replace("%1", (it.resolved_at or "").replace("T", " "))
                .strip()
            )
        if it.kind == "feedback" and it.satisfaction is not None:
            return self.tr("Satisfaction %1/100").replace("%1", str(it.satisfaction))
        return ""

    def _apply_filter(self, *_args) -> None:
        wanted = self.kind_filter.currentData()
        first_visible = None
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            it = item.data(COL_KIND, Qt.ItemDataRole.UserRole)
            if wanted == "all":
                shown = True
            elif wanted == "open":
                shown = it.kind == "complaint" and it.status == "open"
            else:
                shown = it.kind == wanted
            item.setHidden(not shown)
            if shown and first_visible is None:
                first_visible = item
        current = self.tree.currentItem()
        if current is None or current.isHidden():
            self.tree.setCurrentItem(first_visible)
            self._show_detail()

    def current_interaction(self) -> Interaction | None:
        item = self.tree.currentItem()
        return (
            item.data(COL_KIND, Qt.ItemDataRole.UserRole) if item and not item.isHidden() else None
        )

    def _show_detail(self, *_args) -> None:
        it = self.current_interaction()
        self.delete_action.setEnabled(it is not None)
        self.edit_action.setEnabled(it is not None)
        self.resolve_action.setEnabled(
            it is not None and it.kind == "complaint" and it.status == "open"
        )
        if it is None:
            self.detail.setHtml(
                f"<p>{html.escape(self.tr('Nothing logged yet. Press Ctrl+L to log a call, meeting, feedback or complaint.'))}</p>"
            )
            return
        head = [html.escape(formatting.format_iso(it.occurred_at))]
        people = {c.person.id: c.person for c in self._dossier.people} if self._dossier else {}
        if it.person_id in people:
            p = people[it.person_id]
            head.append(
                html.escape(self.tr("with %1").replace("%1", display_name(p.name, p.native_name)))
            )
        parts = [
            f"<p><b>{html.escape(labels.label(InteractionKind, it.kind))}</b> · {' · '.join(head)}</p>"
        ]
        if it.summary:
            parts.append(f"<p>{html.escape(it.summary)}</p>")
        if it.body:
            parts.append(f"<p>{html.escape(it.body).replace(chr(10), '<br>')}</p>")
        if it.satisfaction is not None:
            parts.append(
                f"<p>{html.escape(self.tr('Satisfaction: %1 out of 100').replace('%1', str(it.satisfaction)))}</p>"
            )
        if it.kind == "complaint":
            if it.status == "open":
                parts.append(f"<p><b>{html.escape(self.tr('Open — not resolved yet.'))}</b></p>")
            else:
                parts.append(
                    "<p><b>{}</b> {}</p>".format(
                        html.escape(self.tr("Resolved %1:").replace("%1", it.resolved_at or "")),
                        html.escape(it.resolution or ""),
                    )
                )
        self.detail.setHtml("".join(parts))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        # Icons are drawn from the palette: redraw them when the theme changes.
        if event.type() == QEvent.Type.PaletteChange and self._dossier is not None:
            self.set_dossier(self._dossier, getattr(self, "_advisors", None))
        super().changeEvent(event)

    # -- actions --------------------------------------------------------------------------------
    def _resolve(self) -> None:
        it = self.current_interaction()
        if it is not None and it.kind == "complaint" and it.status == "open":
            self.sig_resolve.emit(it)

    def _edit(self) -> None:
        it = self.current_interaction()
        if it is not None:
            self.sig_edit.emit(it)

    def _delete(self) -> None:
        it = self.current_interaction()
        if it is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete entry"),
            self.tr("Delete this %1 from the timeline? You can undo this (Ctrl+Z).").replace(
                "%1", labels.label(InteractionKind, it.kind).lower()
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            run_guarded(
                self,
                self._ctx,
                self.tr("Delete %1").replace("%1", labels.label(InteractionKind, it.kind)),
                lambda: clients.delete_row(self._ctx.studio, Interaction, it.id),
            )
