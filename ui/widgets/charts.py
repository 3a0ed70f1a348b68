"""Charts of the Studio area (QtCharts): bars, funnel, lines and sparklines that follow the palette
(light and dark), with the exact value on hover and the numbers one click away."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ui.style import is_dark

#: Status colours of a target tile, readable on light and dark backgrounds.
_STATUS = {
    "green": ("#1a7f37", "#3fb950"),
    "amber": ("#9a6700", "#d29922"),
    "red": ("#b3261e", "#ff7b72"),
    "none": ("#6e7781", "#8b949e"),
}
_SERIES = (
    ("#0969da", "#58a6ff"),
    ("#bc4c00", "#f0883e"),
    ("#1a7f37", "#3fb950"),
    ("#8250df", "#bc8cff"),
    ("#9a6700", "#d29922"),
    ("#cf222e", "#ff7b72"),
)


def status_color(status: str, palette: QPalette) -> QColor:
    light, dark = _STATUS.get(status, _STATUS["none"])
    return QColor(dark if is_dark(palette) else light)


def series_colors(palette: QPalette) -> list[QColor]:
    dark = is_dark(palette)
    return [QColor(d if dark else lt) for lt, d in _SERIES]


def style_chart(chart: QChart, palette: QPalette) -> None:
    """Background, text and grid from the palette, so a dark theme gets a dark chart."""
    chart.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
    chart.setBackgroundRoundness(0)
    text = palette.color(QPalette.ColorRole.Text)
    chart.setTitleBrush(text)
    chart.legend().setLabelColor(text)
    grid = QColor(text)
    grid.setAlpha(40)
    for axis in chart.axes():
        axis.setLabelsColor(text)
        axis.setGridLineColor(grid)
        axis.setLinePenColor(grid)
    chart.setMargins(QMargins(4, 4, 4, 4))


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.2f}"


class ChartPanel(QWidget):
    """A chart with its numbers a click away: the "Numbers" button shows the table behind it."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.chart = QChart()
        self.chart.setTitle(title)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(220)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.table)
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setText(self.tr("Numbers"))
        self.toggle.setToolTip(self.tr("Show the numbers behind the chart"))
        self.toggle.toggled.connect(self._flip)
        self.empty = QLabel(self.tr("No data for this period."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

    def _flip(self, numbers: bool) -> None:
        self.stack.setCurrentIndex(1 if numbers else 0)
        self.toggle.setText(self.tr("Chart") if numbers else self.tr("Numbers"))

    def _reset(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)

    def _fill_table(self, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                text = _fmt(value) if isinstance(value, int | float) else str(value)
                item = QTableWidgetItem(text)
                if isinstance(value, int | float):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)

    def set_bars(
        self,
        categories: Sequence[str],
        series: dict[str, Sequence[float]],
        *,
        horizontal: bool = False,
        notes: Sequence[str] | None = None,
    ) -> None:
        """Bars per category, one set per series; ``notes`` adds a column to the numbers
        (e.g. the conversion from the step before) and to the tooltip."""
        self._reset()
        has_data = bool(categories) and any(any(v for v in vals) for vals in series.values())
        self.empty.setVisible(not has_data)
        bars = QHorizontalBarSeries() if horizontal else QBarSeries()
        colors = series_colors(self.palette())
        for i, (name, values) in enumerate(series.items()):
            s = QBarSet(name)
            s.append([float(v) for v in values])
            s.setColor(colors[i % len(colors)])
            s.setBorderColor(colors[i % len(colors)])
            s.hovered.connect(
                lambda state, index, n=name, vals=list(values): self._tip(
                    state, categories[index], n, vals[index], notes[index] if notes else ""
                )
            )
            bars.append(s)
        self.chart.addSeries(bars)
        cat_axis = QBarCategoryAxis()
        cat_axis.append(list(categories))
        val_axis = QValueAxis()
        val_axis.setLabelFormat("%.0f")
        top = max([float(v) for vals in series.values() for v in vals] + [1.0])
        val_axis.setRange(0, top * 1.1)
        if horizontal:
            self.chart.addAxis(val_axis, Qt.AlignmentFlag.AlignBottom)
            self.chart.addAxis(cat_axis, Qt.AlignmentFlag.AlignLeft)
        else:
            self.chart.addAxis(cat_axis, Qt.AlignmentFlag.AlignBottom)
            self.chart.addAxis(val_axis, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(cat_axis)
        bars.attachAxis(val_axis)
        self.chart.legend().setVisible(len(series) > 1)
        style_chart(self.chart, self.palette())
        headers = ["", *series.keys()] + ([self.tr("Note")] if notes else [])
        rows = [
            [cat, *(vals[i] for vals in series.values())] + ([notes[i]] if notes else [])
            for i, cat in enumerate(categories)
        ]
        self._fill_table(headers, rows)

    def set_lines(
        self,
        categories: Sequence[str],
        series: dict[str, Sequence[float | None]],
        *,
        percent: bool = False,
    ) -> None:
        """Lines over the categories (periods); a None is a gap ("no data")."""
        self._reset()
        colors = series_colors(self.palette())
        top = 0.0
        for i, (name, values) in enumerate(series.items()):
            line = QLineSeries()
            line.setName(name)
            pen = QPen(colors[i % len(colors)])
            pen.setWidthF(2.0)
            line.setPen(pen)
            line.setPointsVisible(True)
            for x, v in enumerate(values):
                if v is not None:
                    shown = v * 100 if percent else v
                    line.append(QPointF(x, shown))
                    top = max(top, shown)
            line.hovered.connect(
                lambda point, state, n=name: self._line_tip(point, state, n, categories, percent)
            )
            self.chart.addSeries(line)
        x_axis = QBarCategoryAxis()  # the periods' names under the points
        x_axis.append(list(categories))
        x_axis.setLabelsAngle(-45 if len(categories) > 6 else 0)
        y_axis = QValueAxis()
        y_axis.setRange(0, max(top * 1.1, 1.0))
        y_axis.setLabelFormat("%.0f")
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for s in self.chart.series():
            s.attachAxis(x_axis)
            s.attachAxis(y_axis)
        self.empty.setVisible(top == 0.0)
        style_chart(self.chart, self.palette())

        def cell(v: float | None) -> str:
            if v is None:
                return self.tr("no data")
            return f"{v:.1%}" if percent else f"{v:.1f}"

        rows = [
            [cat, *(cell(vals[i]) for vals in series.values())] for i, cat in enumerate(categories)
        ]
        self._fill_table(["", *series.keys()], rows)

    def _tip(self, state: bool, category: str, name: str, value: float, note: str) -> None:
        if state:
            extra = f" · {note}" if note else ""
            QToolTip.showText(QCursor.pos(), f"{category} — {name}: {_fmt(float(value))}{extra}")
        else:
            QToolTip.hideText()

    def _line_tip(
        self, point: QPointF, state: bool, name: str, categories: Sequence[str], percent: bool
    ) -> None:
        if not state:
            QToolTip.hideText()
            return
        i = round(point.x())
        label = categories[i] if 0 <= i < len(categories) else ""
        value = f"{point.y():.1f} %" if percent else f"{point.y():.1f}"
        QToolTip.showText(QCursor.pos(), f"{label} — {name}: {value}")


class Sparkline(QWidget):
    """The last periods of a figure as a small line (gaps where there was no data)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._values: list[float | None] = []
        self._color = QColor()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(28)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(120, 28)

    def set_values(self, values: Sequence[float | None], color: QColor) -> None:
        self._values = list(values)
        self._color = color
        self.setToolTip(
            " · ".join("—" if v is None else f"{v:.2f}".rstrip("0").rstrip(".") for v in values)
        )
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        known = [v for v in self._values if v is not None]
        if len(known) < 1:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        lo, hi = min(known), max(known)
        span = (hi - lo) or 1.0
        rect = QRectF(self.rect()).adjusted(2, 3, -2, -3)
        n = max(len(self._values) - 1, 1)
        pen = QPen(self._color)
        pen.setWidthF(1.6)
        p.setPen(pen)
        prev: QPointF | None = None
        for i, v in enumerate(self._values):
            if v is None:
                prev = None
                continue
            pt = QPointF(
                rect.left() + rect.width() * i / n, rect.bottom() - rect.height() * (v - lo) / span
            )
            if prev is not None:
                p.drawLine(prev, pt)
            prev = pt
        if prev is not None:
            p.setBrush(self._color)
            p.drawEllipse(prev, 2.5, 2.5)
        p.end()


class ClickableFrame(QWidget):
    """A widget that says when it was clicked (the target tiles)."""

    sig_clicked = Signal()
    """Fires when the tile is clicked or activated with Enter/Space."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.sig_clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.sig_clicked.emit()
            return
        super().keyPressEvent(event)
