"""A trip's photos for the memory book's photo strip: one row per photo in book order.

The model reads through :mod:`studio.services.media.rows` and never writes: a drop inside the strip
becomes :attr:`MediaModel.sig_reorder_requested` (the new order of ids), a drop of files from the
desktop :attr:`MediaModel.sig_files_dropped`; the view turns them into undoable operations.

Thumbnails are made and decoded off the GUI thread (a :class:`ui.workers.Job` each), only for rows a view asks
to paint, and kept as ``QImage`` (safe to build outside the GUI thread) per photo.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    QThreadPool,
    QUrl,
    Signal,
)
from PySide6.QtGui import QImage

from studio.domain.media_models import TripMedia
from studio.services.media.rows import book_settings, media_of
from studio.services.media.thumbnails import thumbnail_bytes
from studio.store import Studio
from ui.workers import Job

#: The only column: the photo.
COL_PHOTO = 0

ROLE_ID = Qt.ItemDataRole.UserRole + 1  #: the photo's id (str)
ROLE_MEDIA = Qt.ItemDataRole.UserRole + 2  #: the :class:`TripMedia` row
ROLE_INCLUDED = Qt.ItemDataRole.UserRole + 3  #: printed in the book (bool)
ROLE_DAY = Qt.ItemDataRole.UserRole + 4  #: the trip day number, or None
ROLE_CAPTION = Qt.ItemDataRole.UserRole + 5  #: the caption as typed ("" when none)
ROLE_THUMB_STATE = Qt.ItemDataRole.UserRole + 6  #: "none", "loading", "ready" or "failed"
ROLE_COVER = Qt.ItemDataRole.UserRole + 7  #: this photo is the book's cover (bool)

#: The mime type of photos dragged inside the strip (their ids, one per line).
MIME_IDS = "application/x-travel-studio-media-ids"

THUMB_SIZE = 256

#: Tables whose changes can alter what the strip shows.
TABLES = frozenset({"trip_media", "memory_book"})


def _load_thumbnail(studio: Studio, row: TripMedia, size: int) -> tuple[str, QImage | None, str]:
    """Make (or find) the cached thumbnail of one photo and decode it (in a pool thread):
    (sha256, image or None, why not)."""
    try:
        image = QImage.fromData(thumbnail_bytes(studio, row, size))  # decrypted in memory
        if image.isNull():
            raise OSError(f"The thumbnail of {row.original_name} cannot be read.")
        return row.sha256, image, ""
    except Exception as exc:  # noqa: BLE001 - reported on the photo, never a crash
        return row.sha256, None, str(exc)


class MediaModel(QAbstractListModel):
    """The photos of one trip (``set_trip``), including excluded ones (shown dimmed by views)."""

    #: Fires with the full new order of photo ids after photos were dropped inside the strip.
    sig_reorder_requested = Signal(list)
    #: Fires with local file paths (str) dropped from outside (the desktop, a file manager).
    sig_files_dropped = Signal(list)
    #: Fires with a photo id when its thumbnail became available (or failed).
    sig_thumbnail_ready = Signal(str)

    def __init__(
        self,
        studio: Studio,
        parent: QObject | None = None,
        *,
        thumb_size: int = THUMB_SIZE,
        pool: QThreadPool | None = None,
    ):
        super().__init__(parent)
        self._studio = studio
        self._trip_id: str | None = None
        self._rows: list[TripMedia] = []
        self._cover: str | None = None
        self._thumb_size = thumb_size
        self._thumbs: dict[str, QImage] = {}  # sha256 → image
        self._failed: dict[str, str] = {}  # sha256 → why
        self._pending: set[str] = set()
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(2)
        self._pool = pool

    # -- loading ----------------------------------------------------------------------------
    @property
    def trip_id(self) -> str | None:
        return self._trip_id

    def set_trip(self, trip_id: str | None) -> None:
        self._trip_id = trip_id
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        if self._trip_id:
            try:
                self._rows = media_of(self._studio, self._trip_id)
                self._cover = book_settings(self._studio, self._trip_id).cover_media_id
            except Exception:  # noqa: BLE001 - a trip deleted meanwhile shows empty
                self._rows, self._cover = [], None
        else:
            self._rows, self._cover = [], None
        # keep only this trip's thumbnails in memory; a photo that failed is tried again
        shown = {m.sha256 for m in self._rows}
        self._thumbs = {k: v for k, v in self._thumbs.items() if k in shown}
        self._failed.clear()
        self.endResetModel()

    def on_studio_changed(self, changes) -> None:
        """Slot for ``ctx.bridge.sig_changed``: reload when the trip's photos or book changed."""
        if self._trip_id and TABLES & set(getattr(changes, "tables", ())):
            self.reload()

    # -- reading ----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def media(self, row: int) -> TripMedia:
        return self._rows[row]

    def ids(self) -> list[str]:
        return [m.id for m in self._rows]

    def row_of(self, media_id: str) -> int:
        for i, m in enumerate(self._rows):
            if m.id == media_id:
                return i
        return -1

    def thumbnail(self, row: int) -> QImage | None:
        """The loaded thumbnail of ``row`` (None until loaded; asking starts the loading)."""
        m = self._rows[row]
        image = self._thumbs.get(m.sha256)
        if image is None:
            self._request(m)
        return image

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return m.caption or m.original_name
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(m)
        if role == ROLE_ID:
            return m.id
        if role == ROLE_MEDIA:
            return m
        if role == ROLE_INCLUDED:
            return bool(m.included)
        if role == ROLE_DAY:
            return m.day_number
        if role == ROLE_CAPTION:
            return m.caption
        if role == ROLE_COVER:
            return m.id == self._cover
        if role == ROLE_THUMB_STATE:
            if m.sha256 in self._thumbs:
                return "ready"
            if m.sha256 in self._failed:
                return "failed"
            return "loading" if m.sha256 in self._pending else "none"
        return None

    def _tooltip(self, m: TripMedia) -> str:
        lines = [m.original_name]
        if m.caption:
            lines.append(m.caption)
        facts = [f"{m.width} × {m.height} px"]
        if m.taken_at:
            facts.append(self.tr("taken %1").replace("%1", m.taken_at.replace("T", " ")[:16]))
        facts.append(
            self.tr("day %1").replace("%1", str(m.day_number))
            if m.day_number
            else self.tr("no day")
        )
        lines.append(", ".join(facts))
        if not m.included:
            lines.append(self.tr("Left out of the book"))
        if m.id == self._cover:
            lines.append(
                self.tr("The book's cover")
                if m.included
                else self.tr(
                    "Chosen as the cover, but left out of the book: the first photo is used"
                )
            )
        if m.notes:
            lines.append(m.notes)
        why = self._failed.get(m.sha256)
        if why:
            lines.append(why)
        return "\n".join(lines)

    # -- thumbnails -------------------------------------------------------------------------
    def _request(self, m: TripMedia) -> None:
        if m.sha256 in self._pending or m.sha256 in self._failed:
            return
        self._pending.add(m.sha256)
        studio, size = self._studio, self._thumb_size
        job = Job(lambda _progress, _cancel: _load_thumbnail(studio, m, size))
        job.sig_result.connect(self._on_thumb)
        job.start(self._pool)

    def _on_thumb(self, done: tuple[str, QImage | None, str]) -> None:
        sha, image, error = done
        self._pending.discard(sha)
        if image is not None:
            self._thumbs[sha] = image
        else:
            self._failed[sha] = error
        for i, m in enumerate(self._rows):
            if m.sha256 == sha:
                index = self.index(i, 0)
                self.dataChanged.emit(
                    index, index, [Qt.ItemDataRole.DecorationRole, ROLE_THUMB_STATE]
                )
                self.sig_thumbnail_ready.emit(m.id)

    # -- drag and drop ----------------------------------------------------------------------
    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return (
            base
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API
        return [MIME_IDS, "text/uri-list"]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802 - Qt API
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(MIME_IDS, QByteArray("\n".join(self._rows[r].id for r in rows).encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action, row: int, column: int, parent: QModelIndex
    ) -> bool:  # noqa: N802
        if self._trip_id is None:
            return False
        if data.hasFormat(MIME_IDS):
            return True
        return bool(_local_files(data))

    def dropMimeData(
        self, data: QMimeData, action, row: int, column: int, parent: QModelIndex
    ) -> bool:  # noqa: N802
        """Photos from the strip: ask for the new order; files: ask to import them.

        Always answers False for moves, so the view never removes the dragged rows itself: the
        order changes in the studio and the model reloads from the change signal.
        """
        if self._trip_id is None:
            return False
        if data.hasFormat(MIME_IDS):
            moved = [x for x in bytes(data.data(MIME_IDS).data()).decode().split("\n") if x]
            if (
                parent.isValid()
            ):  # dropped onto a photo: take its place (after it when moving forward)
                row = parent.row()
                rows = [self.row_of(m) for m in moved]
                if rows and all(0 <= r < row for r in rows):
                    row += 1
            order = self.order_after_drop(moved, row)
            if order is not None:
                self.sig_reorder_requested.emit(order)
            return False
        files = _local_files(data)
        if files:
            self.sig_files_dropped.emit(files)
            return True
        return False

    def order_after_drop(self, moved: list[str], row: int) -> list[str] | None:
        """The ids in their new order with ``moved`` placed before ``row`` (-1: at the end);
        None when nothing would change."""
        ids = self.ids()
        moved = [m for m in moved if m in ids]
        if not moved:
            return None
        if row < 0 or row > len(ids):
            row = len(ids)
        before = [i for i in ids[:row] if i not in moved]
        after = [i for i in ids[row:] if i not in moved]
        order = before + [i for i in ids if i in moved] + after
        return None if order == ids else order


def _local_files(data: QMimeData) -> list[str]:
    if not data.hasUrls():
        return []
    return [u.toLocalFile() for u in data.urls() if isinstance(u, QUrl) and u.isLocalFile()]
