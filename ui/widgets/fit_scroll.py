"""A scroll area that gives its widget the viewport's size and scrolls only below the widget's
*minimum* size.

``QScrollArea.setWidgetResizable`` sizes a widget whose layout has height-for-width (word-wrapped
labels) to its *preferred* height for the width, so a panel that scrolls on its own (a list, a
table, a nested scroll area) made the outer area scroll too: two scroll bars side by side.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class FitScrollArea(QScrollArea):
    """Scrolls its widget only when the viewport is smaller than the widget's minimum size."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def setWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt override
        super().setWidget(widget)
        widget.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        """Size the widget: the viewport's size, grown to the widget's minimum where needed."""
        widget = self.widget()
        if widget is None:
            return
        least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        view = self.maximumViewportSize()
        width = max(view.width(), least.width())
        if width > view.width():  # a horizontal bar takes height
            view.setHeight(view.height() - self.horizontalScrollBar().sizeHint().height())
        height = max(view.height(), least.height())
        if height > view.height() and width == view.width():
            width = max(view.width() - self.verticalScrollBar().sizeHint().width(), least.width())
        size = QSize(width, height)
        if widget.size() != size:
            widget.resize(size)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return super().eventFilter(obj, event)
