"""Where a studio's photo files live: the media folder, content-addressed, and the caches in it."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import BinaryIO

from studio import paths, sealed_files
from studio.domain import photo_limits
from studio.domain.media_models import TripMedia
from studio.errors import StudioError
from studio.services.media.rows import live_rows
from studio.store import Studio


def media_dir(studio: Studio) -> Path:
    """The studio's media folder (``media/`` beside the database)."""
    return studio.data_dir / paths.MEDIA_DIR


def stored_path(studio: Studio, media: TripMedia) -> Path:
    """Where a photo's bytes are kept."""
    return media_dir(studio) / media.sha256[:2] / f"{media.sha256}.{media.ext}"


def open_stored(studio: Studio, path: Path) -> BinaryIO:
    """A file under the media folder, readable as plain bytes (decrypted when the studio is)."""
    return sealed_files.open_read(path, studio.media_key)


def book_cache_dir(studio: Studio) -> Path:
    """Where the memory book keeps the photos it prepared, for the next build (``media/cache/book``)."""
    return media_dir(studio) / "cache" / "book"


_heif_registered = False


def image_module() -> ModuleType:
    """Pillow, with the HEIC/HEIF opener registered (once)."""
    global _heif_registered
    from PIL import Image

    if not _heif_registered:
        try:
            from pillow_heif import register_heif_opener

            register_heif_opener()
        except (
            ImportError
        ):  # pragma: no cover - a dependency; without it HEIC is reported unsupported
            pass
        _heif_registered = True
        photo_limits.apply(Image)  # the one limit on a photo's size (import, thumbnails, book)
    return Image


def store_file(studio: Studio, source: Path | bytes, sha: str, ext: str) -> Path:
    """Copy the bytes (or stream the file) into the media folder under their hash, atomically
    and sealed when the studio is encrypted; no-op if present."""
    target = media_dir(studio) / sha[:2] / f"{sha}.{ext}"
    if target.exists() and target.stat().st_size > 0:
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, bytes):
            sealed_files.write_bytes(target, source, studio.media_key)
        else:
            sealed_files.copy_in(Path(source), target, studio.media_key)
    except OSError as exc:
        raise StudioError(
            f"Cannot write to the media folder {target.parent}: {exc.strerror or exc}."
        ) from None
    return target


def missing_media(studio: Studio, trip_id: str | None = None) -> list[TripMedia]:
    """Live photo rows whose file is gone from the media folder (of one trip, or of all)."""
    with studio.read() as conn:
        where = {"trip_id": trip_id} if trip_id else {}
        rows = live_rows(conn, TripMedia, ("position",), **where)
    return [r for r in rows if not stored_path(studio, r).is_file()]


def unused_files(studio: Studio) -> list[Path]:
    """Files in the media folder that no photo row (deleted ones included) names: left by an
    import that failed before its rows were written. Safe to delete; thumbnails are not listed."""
    with studio.read() as conn:
        used = {
            f"{sha}.{ext}"
            for sha, ext in conn.exec_driver_sql("SELECT sha256, ext FROM trip_media")
        }
    root = media_dir(studio)
    if not root.is_dir():
        return []
    return sorted(
        f
        for d in root.iterdir()
        if d.is_dir() and len(d.name) == 2
        for f in d.iterdir()
        if f.is_file() and f.name not in used
    )
