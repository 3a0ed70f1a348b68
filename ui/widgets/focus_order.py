"""Tab order that follows the reading order: rows top to bottom, left to right within a row.

Forms built in pieces (a panel added here, a row there) get a tab order in the order their widgets
were made; :func:`set_reading_order` puts the visible ones of a container in the order a reader
meets them on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget


def takes_tab_focus(widget: QWidget) -> bool:
    """Visible, enabled and reached by Tab."""
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )


def reading_order(container: QWidget) -> list[QWidget]:
    """The container's Tab-reachable widgets, rows top to bottom and each row left to right
    (a widget starts a new row when its top is below the middle of the row's first widget, or
    of one line for a tall one)."""
    placed = []
    for w in container.findChildren(QWidget):
        if not takes_tab_focus(w) or w.focusProxy() is not None:
            continue
        top_left = w.mapTo(container, QPoint(0, 0))
        placed.append((top_left.y(), top_left.x(), w.height(), w))
    placed.sort(key=lambda t: (t[0], t[1]))
    # A row is one line high: a tall widget (a notes box, a scroll area holding a form) does not
    # pull the rows beside or inside it into its own.
    line = container.fontMetrics().height() * 2
    rows: list[list[tuple[int, int, int, QWidget]]] = []
    for item in placed:
        if rows and item[0] < rows[-1][0][0] + max(min(rows[-1][0][2], line), 8) // 2:
            rows[-1].append(item)
        else:
            rows.append([item])
    return [w for row in rows for _y, _x, _h, w in sorted(row, key=lambda t: t[1])]


def set_reading_order(container: QWidget) -> list[QWidget]:
    """Chain the container's visible widgets in reading order; returns that order."""
    order = reading_order(container)
    for first, second in zip(order, order[1:], strict=False):
        QWidget.setTabOrder(first, second)
    return order
