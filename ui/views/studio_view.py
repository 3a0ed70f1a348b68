"""The Studio area (the owner's desk; "My figures" for an advisor): the four targets as tiles, the
pipeline, money, trends, care and quality, figures by advisor and the studio's activity.

Figures come from :mod:`studio.services.figures.compute`, computed off the GUI thread with a
:class:`~ui.workers.Job`; the screen paints at once with placeholders and fills in when they
arrive. A tile opens the clients behind it in the client list (``sig_open_clients``).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from studio.domain.i18n import tr as core_tr
from studio.errors import StudioError
from studio.services import activity
from studio.services.figures import compute
from studio.services.figures.period import Period, preset
from ui.context import AppContext
from ui.models.trip_table import status_label
from ui.style import scaled_font, set_muted
from ui.widgets.charts import ChartPanel, ClickableFrame, Sparkline, status_color
from ui.workers import Job

PERIODS = ("month", "last_month", "quarter", "year", "custom")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}".replace("%", " %")


class FigureTile(ClickableFrame):
    """One figure: value, target, previous period, the 12-period trend, green/amber/red, and its
    definition under the info button. Clicking it opens the clients behind it."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.figure: compute.Figure | None = None
        self.setObjectName(f"tile_{key}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title = QLabel(self._title(), self)
        self.title.setFont(scaled_font(self, 1.0, bold=True))
        self.info = QToolButton(self)
        self.info.setText("i")
        self.info.setAutoRaise(True)
        self.info.setToolTip(core_tr(compute.DEFINITIONS[key]))
        self.info.setAccessibleName(self.tr("Definition"))
        self.info.clicked.connect(
            lambda: QToolTip.showText(
                self.info.mapToGlobal(self.info.rect().bottomLeft()),
                core_tr(compute.DEFINITIONS[key]),
            )
        )
        self.value = QLabel("…", self)
        self.value.setFont(scaled_font(self, 2.0, bold=True))
        self.counts = QLabel("", self)
        self.target = QLabel("", self)
        self.previous = QLabel("", self)
        for label in (self.counts, self.target, self.previous):
            set_muted(label)
        self.spark = Sparkline(self)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.info)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.value)
        layout.addWidget(self.counts)
        layout.addWidget(self.target)
        layout.addWidget(self.previous)
        layout.addWidget(self.spark)
        self._paint_status("none")

    def _title(self) -> str:
        return {
            "completeness": self.tr("Profile completeness"),
            "conversion": self.tr("Conversion"),
            "churn": self.tr("Churn"),
            "satisfaction": self.tr("Satisfaction"),
            "repeat_rate": self.tr("Repeat rate"),
            "referral_share": self.tr("Referral share"),
        }[self.key]

    def _text(self, f: compute.Figure | None) -> str:
        if f is None or f.value is None:
            return self.tr("no data")
        if f.key == "satisfaction":
            return f"{f.value:.0f} / 100"
        return _pct(f.value)

    def _paint_status(self, status: str) -> None:
        color = status_color(status, self.palette())
        self.setStyleSheet(
            f"#tile_{self.key} {{ border: 1px solid palette(mid); border-left: 5px solid "
            f"{color.name()}; border-radius: 4px; }}"
        )

    def set_figure(
        self, f: compute.Figure, before: compute.Figure, trend: list[compute.Figure]
    ) -> None:
        self.figure = f
        self.value.setText(self._text(f))
        if f.key == "satisfaction":
            n = f.denominator
            self.counts.setText(
                self.tr("1 answer") if n == 1 else self.tr("%1 answers").replace("%1", str(n))
            )
        else:
            self.counts.setText(
                self.tr("%1 of %2")
                .replace("%1", f"{f.numerator:g}")
                .replace("%2", str(f.denominator))
            )
        if f.target is not None:
            shown = f"{f.target:g}" if f.key == "satisfaction" else _pct(f.target)
            sign = "≤" if f.lower_is_better else "≥"
            self.target.setText(self.tr("target %1 %2").replace("%1", sign).replace("%2", shown))
        else:
            self.target.setText(self.tr("no target"))
        self.previous.setText(self.tr("previous period: %1").replace("%1", self._text(before)))
        status = f.status()
        self._paint_status(status)
        self.spark.set_values([t.value for t in trend], status_color(status, self.palette()))
        self.setToolTip(
            self.tr("Click to see the clients behind it (%1)").replace(
                "%1", str(len(f.attention_ids()))
            )
        )
        self.setAccessibleName(f"{self._title()}: {self._text(f)}")


def _table(parent: QWidget, headers: list[str], *, text_last: bool = False) -> QTableWidget:
    """A read-only table; ``text_last``: the last column holds sentences and takes the room."""
    t = QTableWidget(parent)
    t.setColumnCount(len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.verticalHeader().hide()
    t.setAlternatingRowColors(True)
    # columns share the width (a narrow window elides rather than scrolls sideways)
    header = t.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    if text_last:
        for col in range(len(headers) - 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    t.setWordWrap(False)
    return t


def _fill(t: QTableWidget, rows: list[list[Any]], ids: list[str | None] | None = None) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            item.setToolTip(item.text())  # the whole text where a narrow column cuts it
            if isinstance(value, int | float):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if ids is not None and c == 0:
                item.setData(Qt.ItemDataRole.UserRole, ids[r])
            t.setItem(r, c, item)


class StudioView(QWidget):
    """The owner's desk; for an advisor (``mine``) the same screen scoped to their clients."""

    sig_open_clients = Signal(list, str)
    """Fires with (client ids, why) when a tile or a list asks to show its clients."""
    sig_open_client = Signal(str)
    """Fires with a client id when a row of a list is double-clicked."""
    sig_refreshed = Signal()
    """Fires when new figures have been shown."""
    sig_message = Signal(str)
    """Fires with a sentence for the status bar (a report written, an error)."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        mine: bool = False,
        today: date | None = None,
    ):
        super().__init__(parent)
        self._ctx = ctx
        self._mine = mine
        self._today = today
        self._job: Job | None = None
        self._activity_job: Job | None = None
        self._stale = False
        self.desk: compute.Desk | None = None

        self.heading = QLabel(self.tr("My figures") if mine else self.tr("Studio"), self)
        self.heading.setFont(scaled_font(self, 1.4, bold=True))
        self.period_box = QComboBox(self)
        for key, text in zip(
            PERIODS,
            (
                self.tr("This month"),
                self.tr("Last month"),
                self.tr("This quarter"),
                self.tr("This year"),
                self.tr("Custom…"),
            ),
            strict=True,
        ):
            self.period_box.addItem(text, key)
        self.period_box.setCurrentIndex(PERIODS.index("last_month"))
        self.from_edit = QDateEdit(self)
        self.to_edit = QDateEdit(self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.hide()
        self.advisor_box = QComboBox(self)
        self.advisor_box.setToolTip(self.tr("Whose clients"))
        self.advisor_box.addItem(self.tr("All advisors"), None)
        for adv_id, name in self._advisors():
            self.advisor_box.addItem(name, adv_id)
        if mine and ctx.studio.advisor_id:
            self.advisor_box.setCurrentIndex(
                max(0, self.advisor_box.findData(ctx.studio.advisor_id))
            )
        self.period_label = QLabel("", self)
        set_muted(self.period_label)
        self.status = QLabel(self.tr("Computing the figures…"), self)
        set_muted(self.status)
        self.pdf_button = QPushButton(self.tr("Monthly report (PDF)…"), self)
        self.pdf_button.setToolTip(self.tr("The studio report of this period as a PDF"))
        self.pdf_button.clicked.connect(self.export_pdf)

        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addSpacing(12)
        bar.addWidget(self.period_box)
        bar.addWidget(self.from_edit)
        bar.addWidget(self.to_edit)
        bar.addWidget(self.advisor_box)
        bar.addStretch(1)
        bar.addWidget(self.pdf_button)

        self.tiles = {k: FigureTile(k, self) for k in compute.KPI_KEYS}
        tiles = QGridLayout()
        tiles.setSpacing(8)
        for i, key in enumerate(compute.TARGET_KEYS):
            tiles.addWidget(self.tiles[key], 0, i)
            self.tiles[key].sig_clicked.connect(lambda k=key: self.open_tile(k))
        for key in ("repeat_rate", "referral_share"):
            self.tiles[key].sig_clicked.connect(lambda k=key: self.open_tile(k))

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self._build_tabs()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        info = QHBoxLayout()
        info.addWidget(self.period_label, 1)
        info.addWidget(self.status)
        layout.addLayout(info)
        layout.addLayout(tiles)
        layout.addWidget(self.tabs, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(400)
        self._debounce.timeout.connect(self.refresh)
        self.period_box.currentIndexChanged.connect(self._period_changed)
        self.from_edit.dateChanged.connect(lambda _d: self._debounce.start())
        self.to_edit.dateChanged.connect(lambda _d: self._debounce.start())
        self.advisor_box.currentIndexChanged.connect(lambda _i: self.refresh())
        ctx.bridge.sig_changed.connect(self._studio_changed)
        self._set_custom_dates(self.period())
        # Paint first, then compute: the worker shares the interpreter with the GUI thread.
        QTimer.singleShot(40, lambda: self._job is None and self.refresh())

    # -- building -------------------------------------------------------------------------------
    def _advisors(self) -> list[tuple[str, str]]:
        from studio.domain.names import display_name
        from studio.services.queries import advisors

        return [(a.id, display_name(a.name, a.native_name)) for a in advisors(self._ctx.studio)]

    def _build_tabs(self) -> None:
        # Pipeline: the funnel, and per advisor
        pipe = QWidget(self)
        self.funnel = ChartPanel(self.tr("Trips by step of the pipeline"), pipe)
        self.pipeline_table = _table(
            pipe,
            [
                self.tr("Advisor"),
                self.tr("Trips"),
                self.tr("Converted"),
                self.tr("Cancelled"),
                self.tr("Conversion"),
            ],
        )
        pl = QHBoxLayout(pipe)
        pl.addWidget(self.funnel, 1)
        pl.addWidget(self.pipeline_table, 1)
        self.tabs.addTab(pipe, self.tr("Pipeline"))

        # Money: per currency, by month; a currency box picks which one the chart shows
        money = QWidget(self)
        self.currency_box = QComboBox(money)
        self.currency_box.currentIndexChanged.connect(lambda _i: self._show_money())
        self.money_chart = ChartPanel(self.tr("Revenue, cost and margin by month"), money)
        self.money_table = _table(
            money,
            [
                self.tr("Advisor"),
                self.tr("Currency"),
                self.tr("Revenue"),
                self.tr("Cost"),
                self.tr("Margin"),
            ],
        )
        self.suppliers_table = _table(
            money, [self.tr("Supplier"), self.tr("Items"), self.tr("Revenue")]
        )
        self.destinations_table = _table(money, [self.tr("Destination"), self.tr("Trips")])
        ml = QGridLayout(money)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Currency (never converted):"), money))
        row.addWidget(self.currency_box)
        row.addStretch(1)
        ml.addLayout(row, 0, 0, 1, 3)
        ml.addWidget(self.money_chart, 1, 0, 1, 3)
        ml.addWidget(self.money_table, 2, 0)
        ml.addWidget(self.suppliers_table, 2, 1)
        ml.addWidget(self.destinations_table, 2, 2)
        ml.setRowStretch(1, 3)
        ml.setRowStretch(2, 1)
        self.tabs.addTab(money, self.tr("Money"))

        # Trends of the four targets (and the other two) over 12 periods
        trends = QWidget(self)
        self.trend_chart = ChartPanel(self.tr("The last 12 periods"), trends)
        self.sat_chart = ChartPanel(self.tr("Satisfaction (0–100)"), trends)
        tl = QHBoxLayout(trends)
        tl.addWidget(self.trend_chart, 3)
        tl.addWidget(self.sat_chart, 2)
        self.tabs.addTab(trends, self.tr("Trends"))

        # Care and quality: lists whose rows open their client
        care = QWidget(self)
        self.complaints_table = _table(
            care,
            [
                self.tr("Client"),
                self.tr("Since"),
                self.tr("Age (days)"),
                self.tr("Advisor"),
                self.tr("Complaint"),
            ],
        )
        self.overdue_table = _table(care, [self.tr("Advisor"), self.tr("Overdue care tasks")])
        self.stale_table = _table(
            care,
            [
                self.tr("Client"),
                self.tr("Trip"),
                self.tr("Status"),
                self.tr("Days without contact"),
                self.tr("Advisor"),
            ],
        )
        self.departures_table = _table(
            care,
            [
                self.tr("Client"),
                self.tr("Trip"),
                self.tr("Leaves"),
                self.tr("In days"),
                self.tr("Advisor"),
            ],
        )
        self.sat_advisor_table = _table(
            care, [self.tr("Advisor"), self.tr("Satisfaction"), self.tr("Answers")]
        )
        self.sat_dest_table = _table(
            care, [self.tr("Destination"), self.tr("Satisfaction"), self.tr("Answers")]
        )
        self.referrers_table = _table(care, [self.tr("Referrer"), self.tr("New clients brought")])
        cl = QGridLayout(care)
        boxes = (
            (self.tr("Open complaints"), self.complaints_table),
            (self.tr("Stale inquiries (no contact for 14 days)"), self.stale_table),
            (self.tr("Departures in the next 60 days"), self.departures_table),
            (self.tr("Overdue care tasks"), self.overdue_table),
            (self.tr("Satisfaction by advisor"), self.sat_advisor_table),
            (self.tr("Satisfaction by destination"), self.sat_dest_table),
            (self.tr("Referrers who brought the most"), self.referrers_table),
        )
        for i, (title, table) in enumerate(boxes):
            box = QVBoxLayout()
            label = QLabel(title, care)
            label.setFont(scaled_font(care, 1.0, bold=True))
            box.addWidget(label)
            box.addWidget(table)
            table.cellDoubleClicked.connect(lambda r, _c, t=table: self._open_row(t, r))
            cl.addLayout(box, i // 2, i % 2)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        care.setMinimumHeight(900)
        scroll.setWidget(care)
        self.tabs.addTab(scroll, self.tr("Care and quality"))

        # By advisor: the six figures side by side, and conversion by client source
        adv = QWidget(self)
        self.advisor_table = _table(
            adv,
            [
                self.tr("Advisor"),
                self.tr("Clients"),
                *(self.tiles[k]._title() for k in compute.KPI_KEYS),
            ],
        )
        self.source_table = _table(
            adv,
            [
                self.tr("Client source"),
                self.tr("Conversion"),
                self.tr("Converted"),
                self.tr("Trips"),
            ],
        )
        self.repeat_row = QHBoxLayout()
        for key in ("repeat_rate", "referral_share"):
            self.repeat_row.addWidget(self.tiles[key])
        self.repeat_row.addStretch(1)
        al = QVBoxLayout(adv)
        al.addLayout(self.repeat_row)
        al.addWidget(self.advisor_table, 2)
        al.addWidget(self.source_table, 1)
        self.tabs.addTab(adv, self.tr("By advisor"))

        # Activity: who changed what, when, on which client
        act = QWidget(self)
        self.act_advisor = QComboBox(act)
        self.act_advisor.addItem(self.tr("Anyone"), None)
        for adv_id, name in self._advisors():
            self.act_advisor.addItem(name, adv_id)
        self.act_kind = QComboBox(act)
        self.act_kind.addItem(self.tr("Every kind of change"), None)
        for key, text in (
            ("dossier", self.tr("Dossiers")),
            ("profile", self.tr("Profiles")),
            ("interaction", self.tr("Timeline")),
            ("trip", self.tr("Trips")),
            ("care", self.tr("Care")),
            ("memories", self.tr("Memories")),
            ("studio", self.tr("The studio")),
        ):
            self.act_kind.addItem(text, key)
        self.act_client = QLineEdit(act)
        self.act_client.setPlaceholderText(self.tr("Client (name or id)"))
        self.act_client.setClearButtonEnabled(True)
        self.act_export = QPushButton(self.tr("Export CSV…"), act)
        self.act_export.clicked.connect(self.export_activity)
        self.act_table = _table(
            act,
            [self.tr("When"), self.tr("Who"), self.tr("Client"), self.tr("Change")],
            text_last=True,
        )
        self.act_table.cellDoubleClicked.connect(lambda r, _c: self._open_row(self.act_table, r))
        self.act_note = QLabel("", act)
        set_muted(self.act_note)
        arow = QHBoxLayout()
        for w in (self.act_advisor, self.act_kind, self.act_client):
            arow.addWidget(w, 1)
        arow.addWidget(self.act_export)
        aly = QVBoxLayout(act)
        aly.addLayout(arow)
        aly.addWidget(self.act_table, 1)
        aly.addWidget(self.act_note)
        self.act_advisor.currentIndexChanged.connect(lambda _i: self.load_activity())
        self.act_kind.currentIndexChanged.connect(lambda _i: self.load_activity())
        self.act_client.returnPressed.connect(self.load_activity)
        self.tabs.addTab(act, self.tr("Activity"))

    # -- what is shown ----------------------------------------------------------------------------
    def today(self) -> date:
        return self._today or date.today()

    def period(self) -> Period:
        key = self.period_box.currentData()
        if key == "custom":
            a = self.from_edit.date().toPython()
            b = self.to_edit.date().toPython()
            if b <= a:
                b = a + timedelta(days=1)
            return Period(a, b)
        return preset(key, self.today())

    def advisor_id(self) -> str | None:
        return self.advisor_box.currentData()

    def _set_custom_dates(self, p: Period) -> None:
        for edit, day in ((self.from_edit, p.start), (self.to_edit, p.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _period_changed(self, _index: int) -> None:
        custom = self.period_box.currentData() == "custom"
        for edit in (self.from_edit, self.to_edit):
            edit.setVisible(custom)
        self.refresh()

    def _studio_changed(self, _changes) -> None:
        if self.isVisible():
            self._debounce.start()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    # -- computing off the GUI thread ---------------------------------------------------------------
    def refresh(self) -> None:
        """Compute the figures of the chosen period in a worker; they are shown when they come."""
        if self._job is not None and self._job.running():
            self._job.cancel()
        studio, period, advisor, today = (
            self._ctx.studio,
            self.period(),
            self.advisor_id(),
            self.today(),
        )
        self.status.setText(self.tr("Computing the figures…"))
        self.period_label.setText(
            self.tr("%1 — beside each figure, the period before (%2)")
            .replace("%1", period.label())
            .replace("%2", period.previous().label())
        )

        def work(_progress, _cancel) -> compute.Desk | None:
            try:
                return compute.desk(studio, period, advisor, today=today)
            except StudioError:
                return None  # an empty studio: shown as "no data"

        job = Job(work)
        job.sig_result.connect(self._show)
        job.sig_error.connect(lambda text: self.status.setText(text))
        self._job = job
        job.start()
        self.load_activity()

    def wait_until_computed(self, msecs: int = 30_000) -> None:
        """Block until the figures are in (the screenshot command and tests)."""
        if self._job is None:
            self.refresh()
        for job in (self._job, self._activity_job):
            if job is not None:
                job.finish_now(msecs)

    def _show(self, d: compute.Desk | None) -> None:
        if d is None:
            self.status.setText(
                self.tr("No clients yet: the figures will show as the studio fills.")
            )
            for tile in self.tiles.values():
                tile.value.setText(self.tr("no data"))
            self.sig_refreshed.emit()
            return
        self.desk = d
        for key, tile in self.tiles.items():
            tile.set_figure(d.kpis[key], d.previous_kpis[key], [f for _p, f in d.trends[key]])
        self._show_pipeline(d)
        self._show_money_tables(d)
        self._show_trends(d)
        self._show_care(d)
        self._show_advisors(d)
        self.status.setText(self.tr("Figures of %1").replace("%1", d.today.isoformat()))
        self.sig_refreshed.emit()

    def _show_pipeline(self, d: compute.Desk) -> None:
        steps = d.pipeline["funnel"]
        notes = [
            ""
            if s["from_previous"] is None
            else self.tr("%1 of the step before").replace("%1", _pct(s["from_previous"]))
            for s in steps
        ]
        names = [status_label(s["status"]) for s in steps]
        # bottom-up on a horizontal chart: reversed, so the inquiries are on top
        self.funnel.set_bars(
            [self.tr("Cancelled"), *names[::-1]],
            {self.tr("Trips"): [d.pipeline["cancelled"]] + [s["reached"] for s in steps][::-1]},
            horizontal=True,
            notes=["", *notes[::-1]],
        )
        rows = []
        for row in d.pipeline_by_advisor:
            conv = row["by_status"]
            won = sum(conv.get(s, 0) for s in compute.CONVERTED)
            rows.append(
                [
                    row["advisor"],
                    row["trips"],
                    won,
                    row["cancelled"],
                    _pct(won / row["trips"]) if row["trips"] else self.tr("no data"),
                ]
            )
        _fill(self.pipeline_table, rows)

    def _show_money_tables(self, d: compute.Desk) -> None:
        m = d.money
        current = self.currency_box.currentText()
        self.currency_box.blockSignals(True)
        self.currency_box.clear()
        self.currency_box.addItems(m["currencies"])
        if current in m["currencies"]:
            self.currency_box.setCurrentText(current)
        self.currency_box.blockSignals(False)
        _fill(
            self.money_table,
            [
                [r["advisor"], r["currency"], r["revenue"], r["cost"], r["margin"]]
                for r in m["by_advisor"]
            ],
        )
        _fill(
            self.suppliers_table,
            [
                [s["name"], s["items"], ", ".join(f"{c} {v}" for c, v in s["revenue"].items())]
                for s in m["top_suppliers"]
            ],
        )
        _fill(self.destinations_table, [[r["destination"], r["trips"]] for r in d.destinations])
        self._show_money()

    def _show_money(self) -> None:
        if self.desk is None:
            return
        cur = self.currency_box.currentText()
        months = [r for r in self.desk.money["by_month"] if r["currency"] == cur]
        self.money_chart.set_bars(
            [r["month"] for r in months],
            {
                self.tr("Revenue"): [float(r["revenue"]) for r in months],
                self.tr("Cost"): [float(r["cost"]) for r in months],
                self.tr("Margin"): [float(r["margin"]) for r in months],
            },
        )

    def _show_trends(self, d: compute.Desk) -> None:
        periods = [p for p, _f in d.trends["conversion"]]
        labels = [
            p.start.strftime("%m/%y") if p.is_months() == 1 else p.start.isoformat()
            for p in periods
        ]
        self.trend_chart.set_lines(
            labels,
            {
                self.tiles[k]._title(): [f.value for _p, f in d.trends[k]]
                for k in compute.KPI_KEYS
                if k != "satisfaction"
            },
            percent=True,
        )
        self.sat_chart.set_lines(
            labels,
            {self.tiles["satisfaction"]._title(): [f.value for _p, f in d.trends["satisfaction"]]},
        )

    def _show_care(self, d: compute.Desk) -> None:
        _fill(
            self.complaints_table,
            [
                [c["client"], c["date"], c["age_days"], c["advisor"], c["summary"]]
                for c in d.complaints
            ],
            [c["client_id"] for c in d.complaints],
        )
        _fill(self.overdue_table, [[r["advisor"], r["overdue"]] for r in d.overdue])
        _fill(
            self.stale_table,
            [[r["client"], r["title"], r["status"], r["days"], r["advisor"]] for r in d.stale],
            [r["client_id"] for r in d.stale],
        )
        dep = d.departures["60"]
        _fill(
            self.departures_table,
            [[r["client"], r["title"], r["start"], r["days"], r["advisor"]] for r in dep],
            [r["client_id"] for r in dep],
        )
        _fill(
            self.sat_advisor_table,
            [[r["advisor"], r["mean"], r["answers"]] for r in d.satisfaction["by_advisor"]],
        )
        _fill(
            self.sat_dest_table,
            [[r["destination"], r["mean"], r["answers"]] for r in d.satisfaction["by_destination"]],
        )
        _fill(
            self.referrers_table,
            [[r["name"], r["referred"]] for r in d.referrers],
            [r["client_id"] for r in d.referrers],
        )

    def _show_advisors(self, d: compute.Desk) -> None:
        rows = []
        for row in d.by_advisor:
            rows.append(
                [
                    row["advisor"],
                    row["clients"],
                    *(self.tiles[k]._text(row["kpis"][k]) for k in compute.KPI_KEYS),
                ]
            )
        _fill(self.advisor_table, rows)
        _fill(
            self.source_table,
            [
                [src, self.tiles["conversion"]._text(f), f"{f.numerator:g}", f.denominator]
                for src, f in d.conversion_by_source.items()
            ],
        )

    # -- opening clients --------------------------------------------------------------------------
    def reason(self, key: str) -> str:
        """The client list's banner for a tile's clients."""
        period = self.period().label()
        return {
            "completeness": self.tr(
                "Clients whose preference profile is not complete (profile completeness, %1)"
            ),
            "conversion": self.tr("Clients with a trip created in %1 that has not converted"),
            "churn": self.tr("Churned clients at the end of %1: no trip for the win-back months"),
            "satisfaction": self.tr("Clients who gave feedback in %1"),
            "repeat_rate": self.tr("Clients with two or more completed trips (%1)"),
            "referral_share": self.tr("New clients of %1 who came by referral"),
        }[key].replace("%1", period)

    def open_tile(self, key: str) -> None:
        f = self.tiles[key].figure
        if f is None:
            return
        ids = list(f.attention_ids())
        self.sig_open_clients.emit(ids, f"{self.reason(key)} — {len(ids)}")

    def _open_row(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        cid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if cid:
            self.sig_open_client.emit(cid)

    # -- activity ---------------------------------------------------------------------------------
    def _activity_filter(self) -> activity.ActivityFilter:
        p = self.period()
        kind = self.act_kind.currentData()
        flt = activity.ActivityFilter.resolve(
            self._ctx.studio,
            start=p.start,
            end=p.end,
            client=self.act_client.text().strip() or None,
            kinds=(kind,) if kind else (),
        )
        return activity.ActivityFilter(
            flt.start, flt.end, self.act_advisor.currentData(), flt.client_id, flt.kinds
        )

    def load_activity(self) -> None:
        try:
            flt = self._activity_filter()
        except StudioError as exc:
            self.act_note.setText(str(exc))
            return
        studio = self._ctx.studio
        job = Job(lambda _p, _c: activity.activity(studio, flt, limit=500))
        job.sig_result.connect(self._show_activity)
        job.sig_error.connect(self.act_note.setText)
        self._activity_job = job
        job.start()

    def _show_activity(self, lines: list[activity.ActivityLine]) -> None:
        _fill(
            self.act_table,
            [[line.when_local(), line.who, line.client, line.change] for line in lines],
            [line.client_id for line in lines],
        )
        self.act_note.setText(
            self.tr("Changes shown: %1 (the latest 500 at most; Export CSV has them all)").replace(
                "%1", str(len(lines))
            )
        )

    def export_activity(self, target: Path | None = None) -> Path | None:
        if target is None:
            name, _f = QFileDialog.getSaveFileName(
                self, self.tr("Export activity"), "activity.csv", self.tr("CSV files (*.csv)")
            )
            if not name:
                return None
            target = Path(name)
        try:
            lines = activity.activity(self._ctx.studio, self._activity_filter(), limit=None)
            activity.write_csv(lines, target)
        except (OSError, StudioError) as exc:
            self.sig_message.emit(str(exc))
            return None
        self.sig_message.emit(
            self.tr("Exported %1 lines of activity").replace("%1", str(len(lines)))
        )
        return target

    # -- the monthly report -----------------------------------------------------------------------
    def export_pdf(self, target: Path | None = None, lang: str = "en") -> Job | None:
        """Write the studio report of the period shown (in a worker)."""
        if target is None:
            name, _f = QFileDialog.getSaveFileName(
                self,
                self.tr("Monthly studio report"),
                "studio-report.pdf",
                self.tr("PDF files (*.pdf)"),
            )
            if not name:
                return None
            target = Path(name)
        from studio.services.figures.report import studio_name, write_owner_report

        studio, period, advisor, today = (
            self._ctx.studio,
            self.period(),
            self.advisor_id(),
            self.today(),
        )

        def work(_progress, _cancel) -> Path:
            d = compute.desk(studio, period, advisor, today=today)
            write_owner_report(d, target, lang=lang, studio_name=studio_name(studio))
            return target

        job = Job(work)
        job.sig_result.connect(
            lambda p: self.sig_message.emit(self.tr("Wrote %1").replace("%1", str(p)))
        )
        job.sig_error.connect(self.sig_message.emit)
        self._pdf_job = job
        job.start()
        return job
