"""The memory book's photo strip: the trip's photos as a wrapping strip of thumbnails, each with
its day, cover and left-out badges and its caption; takes files dropped from outside."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.models.media_model import (
    ROLE_CAPTION,
    ROLE_COVER,
    ROLE_DAY,
    ROLE_INCLUDED,
    ROLE_THUMB_STATE,
    MediaModel,
)
from ui.style import error_color


class PhotoDelegate(QStyledItemDelegate):
    """A thumbnail with a day badge, the caption under it; photos left out of the book dimmed."""

    THUMB = QSize(150, 108)
    PAD = 6

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt API
        line = option.fontMetrics.height()
        return QSize(
            self.THUMB.width() + 2 * self.PAD, self.THUMB.height() + 2 * line + 3 * self.PAD
        )

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        pal = option.palette
        r = option.rect.adjusted(2, 2, -2, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(r, 6, 6)
        included = bool(index.data(ROLE_INCLUDED))
        box = QRect(
            r.left() + self.PAD - 2, r.top() + self.PAD - 2, self.THUMB.width(), self.THUMB.height()
        )
        if not included:
            painter.setOpacity(0.35)
        image = index.data(Qt.ItemDataRole.DecorationRole)
        state = index.data(ROLE_THUMB_STATE)
        if image is not None and not image.isNull():
            size = image.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(box.center())
            painter.drawImage(target, image)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Midlight))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(
                error_color(pal)
                if state == "failed"
                else pal.color(QPalette.ColorRole.PlaceholderText)
            )
            text = self.tr("Photo unreadable") if state == "failed" else "…"
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.setOpacity(1.0)

        small = QFont(option.font)
        small.setPointSizeF(max(6.5, option.font.pointSizeF() * 0.82))
        small.setBold(True)
        painter.setFont(small)
        fm = painter.fontMetrics()
        day = index.data(ROLE_DAY)
        badges = [self.tr("Day %1").replace("%1", str(day)) if day else self.tr("No day")]
        x = box.left() + 4
        # a cover left out of the book is not the cover (the book takes its first photo)
        cover = index.data(ROLE_COVER) and included
        for i, text in enumerate(badges + ([self.tr("Cover")] if cover else [])):
            w = fm.horizontalAdvance(text) + 10
            badge = QRect(x, box.top() + 4, w, fm.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            bg = QColor(
                pal.color(QPalette.ColorRole.Highlight)
                if i
                else pal.color(QPalette.ColorRole.ToolTipBase)
            )
            bg.setAlpha(225)
            painter.setBrush(bg)
            painter.drawRoundedRect(badge, 4, 4)
            painter.setPen(
                pal.color(
                    QPalette.ColorRole.HighlightedText if i else QPalette.ColorRole.ToolTipText
                )
            )
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
            x += w + 4
        if not included:
            text = self.tr("Left out")
            w = fm.horizontalAdvance(text) + 10
            badge = QRect(box.right() - w - 3, box.bottom() - fm.height() - 5, w, fm.height() + 2)
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Text), 1))
            painter.setBrush(pal.color(QPalette.ColorRole.Base))
            painter.drawRoundedRect(badge, 4, 4)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)

        painter.setFont(option.font)
        fm = painter.fontMetrics()
        caption = index.data(ROLE_CAPTION) or ""
        text_rect = QRect(
            r.left() + self.PAD - 2, box.bottom() + self.PAD, box.width(), 2 * fm.height()
        )
        if selected:
            colour = pal.color(QPalette.ColorRole.HighlightedText)
        elif caption and included:
            colour = pal.color(QPalette.ColorRole.Text)
        else:
            colour = pal.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(colour)
        shown = caption or index.data(Qt.ItemDataRole.DisplayRole) or ""
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            _two_lines(fm, shown, text_rect.width()),
        )
        painter.restore()


def _two_lines(fm, text: str, width: int) -> str:
    """``text`` wrapped to at most two lines of ``width``, the second elided."""
    text = " ".join(text.split())
    if fm.horizontalAdvance(text) <= width:
        return text
    # the longest head that fits on the first line, broken at a space when there is one
    cut = len(text)
    while cut > 1 and fm.horizontalAdvance(text[:cut]) > width:
        cut -= 1
    space = text.rfind(" ", 0, cut + 1)
    if space > cut // 2:
        cut = space
    first, rest = text[:cut].rstrip(), text[cut:].lstrip()
    return first + "\n" + fm.elidedText(rest, Qt.TextElideMode.ElideRight, width)


class PhotoStrip(QListView):
    """The trip's photos as a wrapping strip of thumbnails; takes files dropped from outside."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("photoStrip")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)  # drops go to the model (one undoable reorder)
        self.setUniformItemSizes(True)
        self.setSpacing(4)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setItemDelegate(PhotoDelegate(self))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # at least one full row of photos with their captions
        cell = self.itemDelegate().sizeHint(self.viewOptions_(), QModelIndex()).height()
        self.setMinimumHeight(cell + 2 * self.spacing() + 2 * self.frameWidth() + 4)

    def viewOptions_(self) -> QStyleOptionViewItem:
        option = QStyleOptionViewItem()
        option.initFrom(self)
        return option

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and event.source() is not self:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and event.source() is not self:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and event.source() is not self:
            model = self.model()
            if isinstance(model, MediaModel) and model.dropMimeData(
                event.mimeData(), Qt.DropAction.CopyAction, -1, 0, QModelIndex()
            ):
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
            else:
                event.ignore()
            return
        super().dropEvent(event)
