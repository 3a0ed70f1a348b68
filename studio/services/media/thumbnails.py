"""Thumbnails of a trip's photos: a cache in ``media/thumbs/`` that can be deleted at any time."""

from __future__ import annotations

import warnings
from pathlib import Path

from studio import sealed_files
from studio.domain import photo_limits
from studio.domain.media_models import TripMedia
from studio.errors import StudioError
from studio.services.media.files import image_module, media_dir, open_stored, stored_path
from studio.services.media.probe import to_rgb
from studio.services.media.rows import get_media
from studio.store import Studio

THUMBS = "thumbs"


def thumbnail(studio: Studio, media: str | TripMedia, size: int = 256) -> Path:
    """A cached JPEG no larger than ``size`` pixels on its long side, the right way up.

    Raises :class:`StudioError` naming the photo when its file is missing or unreadable.
    """
    row = get_media(studio, media) if isinstance(media, str) else media
    size = max(16, min(int(size), 2048))
    target = media_dir(studio) / THUMBS / f"{row.sha256}-{size}.jpg"
    if target.is_file():
        return target
    source = stored_path(studio, row)
    if not source.is_file():
        raise StudioError(
            f"The photo {row.original_name or row.sha256[:12]} is missing from the media folder."
        )
    Image = image_module()
    from PIL import ImageOps

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with open_stored(studio, source) as fh, Image.open(fh) as im:
                w, h = im.size
                if photo_limits.too_large(w, h):
                    raise StudioError(
                        f"The photo {row.original_name or row.sha256[:12]} is too large "
                        f"({photo_limits.describe(w, h)})."
                    )
                # reduce first (JPEG decodes at reduced scale; others are reduced in place, one
                # full-size copy at most), then turn and convert the small image
                im.draft("RGB", (size, size))
                im.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=2.0)
                im = ImageOps.exif_transpose(im)
                im = to_rgb(im)
                target.parent.mkdir(parents=True, exist_ok=True)
                with sealed_files.open_write(target, studio.media_key, durable=False) as out:
                    im.save(out, "JPEG", quality=85, optimize=True)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise StudioError(
            f"The photo {row.original_name or row.sha256[:12]} cannot be read ({exc})."
        ) from None
    return target


def thumbnail_bytes(studio: Studio, media: str | TripMedia, size: int = 256) -> bytes:
    """The JPEG bytes of :func:`thumbnail` (decrypted when the studio is encrypted)."""
    path = thumbnail(studio, media, size)
    try:
        return sealed_files.read_bytes(path, studio.media_key)
    except OSError as exc:
        path.unlink(missing_ok=True)  # a cache entry that cannot be read is made again next time
        raise StudioError(f"The thumbnail {path.name} cannot be read ({exc}).") from None
