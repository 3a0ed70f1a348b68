"""The book's photos: checked in the main process (:func:`check_photo`), prepared for print in
worker processes (:func:`prepare_photo`).

Each photo is decoded at a reduced scale (JPEG draft mode), turned upright (EXIF), cropped to its
frame, converted to 8-bit sRGB, resized to 300 ppi at its placed size (never upscaled) and
encoded once as JPEG.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, cast

from studio import sealed_files
from studio.domain import photo_limits
from studio.reports.book.content import BookPhoto
from studio.reports.book.geometry import Frame

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage
    from PIL.ImageCms import ImageCmsTransform

TARGET_PPI = 300
LOW_PPI = 200
JPEG_QUALITY = 85
JPEG_OPTIMIZE = True  # optimal Huffman tables: ~10 % smaller for ~5 % more time per photo
MAX_MEGAPIXELS = photo_limits.MAX_MEGAPIXELS  # the one limit, shared with the photo import
MAX_MEGAPIXELS_FULL_DECODE = photo_limits.MAX_MEGAPIXELS

_FORMATS = {"JPEG", "MPO", "PNG", "TIFF", "WEBP", "HEIF", "BMP", "GIF"}


@contextmanager
def pixel_limit() -> Iterator[None]:
    """Pillow's decompression-bomb guard, raised to our cap for the length of a build."""
    from PIL import Image

    before = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = MAX_MEGAPIXELS * 1_000_000  # above it we refuse; Pillow, at twice it
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = before


@functools.cache
def register_heif() -> None:
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:
        pass


def label(p: BookPhoto) -> str:
    return p.name or p.path.name or p.media_id


def check_photo(p: BookPhoto, seal_key: bytes | None = None) -> tuple[BookPhoto | None, str]:
    """The photo with its true displayed size, or None and why it cannot be used (its file
    sealed with ``seal_key`` when given)."""
    from PIL import Image, UnidentifiedImageError

    if not p.path.is_file():
        return None, "the file is missing"
    try:
        with sealed_files.open_read(p.path, seal_key) as fh, Image.open(fh) as im:
            fmt = im.format or "?"
            if fmt not in _FORMATS:
                return None, f"{fmt} images are not supported (use JPEG, PNG, TIFF, WebP or HEIC)"
            w, h = im.size
            limit = MAX_MEGAPIXELS if fmt in ("JPEG", "MPO") else MAX_MEGAPIXELS_FULL_DECODE
            if w * h > limit * 1_000_000:
                return None, f"it is too large ({w * h / 1e6:.0f} megapixels; the limit is {limit})"
            if im.getexif().get(0x0112, 1) in (5, 6, 7, 8):
                w, h = h, w
    except UnidentifiedImageError:
        return None, "it is not an image Travel Studio can read (corrupt or an unknown format)"
    except Image.DecompressionBombError:
        return None, f"it is too large (over {MAX_MEGAPIXELS} megapixels)"
    except (OSError, SyntaxError, ValueError) as exc:
        return None, f"it cannot be read ({_reason(exc)})"
    return replace(p, width=w, height=h), ""


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    if "truncated" in text.lower():
        return "the file is truncated"
    return text.rstrip(".")


@dataclass(frozen=True)
class PhotoJob:
    key: tuple
    path: str
    width_px: int  # wanted, as displayed (upright)
    height_px: int
    quality: int = JPEG_QUALITY
    seal_key: bytes | None = field(default=None, repr=False)  # the photo file is sealed with it


@dataclass(frozen=True)
class Prepared:
    key: tuple
    jpeg: bytes = b""
    pixels: tuple[int, int] = (0, 0)
    source: tuple[int, int] = (0, 0)
    error: str = ""


_TRANSPOSE = {
    2: "FLIP_LEFT_RIGHT",
    3: "ROTATE_180",
    4: "FLIP_TOP_BOTTOM",
    5: "TRANSPOSE",
    6: "ROTATE_270",
    7: "TRANSVERSE",
    8: "ROTATE_90",
}
_SRGB_TRANSFORMS: dict[tuple[bytes, str], ImageCmsTransform | None] = {}


def _to_srgb(im: PILImage) -> PILImage:
    """8-bit sRGB from whatever came in (ICC profile, CMYK, 16-bit, palette, alpha)."""
    from PIL import Image, ImageCms

    icc = im.info.get("icc_profile")
    if icc and im.mode in ("RGB", "CMYK", "L"):
        key = (icc, im.mode)
        if key not in _SRGB_TRANSFORMS:
            try:
                src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
                desc = (ImageCms.getProfileDescription(src) or "").lower()
                if "srgb" in desc and im.mode == "RGB":
                    _SRGB_TRANSFORMS[key] = None
                else:
                    _SRGB_TRANSFORMS[key] = ImageCms.buildTransform(
                        src, ImageCms.createProfile("sRGB"), im.mode, "RGB"
                    )
            except (OSError, ImageCms.PyCMSError, TypeError, ValueError):
                _SRGB_TRANSFORMS[key] = None  # a broken profile: read the numbers as sRGB
        transform = _SRGB_TRANSFORMS[key]
        if transform is not None:
            srgb = ImageCms.applyTransform(im, transform)
            assert srgb is not None  # None only for a transform made in place
            return srgb
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        im.mode == "P" and "transparency" in im.info
    ):
        rgba = im.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return im if im.mode == "RGB" else im.convert("RGB")


def _to_8bit(im: PILImage) -> PILImage:
    """Modes Pillow cannot resample well made 8-bit first (16-bit, float, palette, 1-bit)."""
    if im.mode.startswith("I;16") or im.mode == "I":
        im = im.convert("I") if im.mode != "I" else im
        peak = cast(float, im.getextrema()[1]) or 1  # one band: (min, max)
        scale = 255 / 65535 if peak > 255 else 1.0
        return im.point(lambda v: v * scale).convert("L")
    if im.mode == "F":
        return im.point(lambda v: v * 255 if v <= 1.0 else v).convert("L")
    if im.mode in ("P", "PA", "1"):
        return im.convert("RGBA" if im.mode == "PA" or "transparency" in im.info else "RGB")
    return im


def prepare_photo(job: PhotoJob) -> Prepared:
    """Decode, turn, crop, convert and resize one photo; its JPEG bytes. Runs in a worker."""
    from PIL import Image

    register_heif()
    try:
        with (
            pixel_limit(),
            sealed_files.open_read(job.path, job.seal_key) as fh,
            Image.open(fh) as im,
        ):
            orientation = im.getexif().get(0x0112, 1)
            swap = orientation in (5, 6, 7, 8)
            tw, th = (job.height_px, job.width_px) if swap else (job.width_px, job.height_px)
            aspect = tw / th
            W, H = im.size
            # the centred crop of the frame's shape, in the file's own pixels
            cw, ch = (H * aspect, H) if W / H > aspect else (W, W / aspect)
            out_w = max(1, min(tw, math.floor(cw)))
            out_h = max(1, min(th, math.floor(ch), round(out_w / aspect)))
            if im.format in ("JPEG", "MPO"):
                f = out_w / cw
                im.draft(
                    "RGB" if im.mode in ("RGB", "YCbCr") else im.mode,
                    (math.ceil(W * f), math.ceil(H * f)),
                )
            k = im.size[0] / W
            box = ((W - cw) / 2 * k, (H - ch) / 2 * k, (W + cw) / 2 * k, (H + ch) / 2 * k)
            src = im
            im8 = _to_8bit(im)
            info = dict(src.info)
            out = im8.resize((out_w, out_h), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
            out.info = info
            if orientation in _TRANSPOSE:
                out = out.transpose(getattr(Image.Transpose, _TRANSPOSE[orientation]))
                out.info = info
            out = _to_srgb(out)
            buf = io.BytesIO()
            out.save(buf, "JPEG", quality=job.quality, optimize=JPEG_OPTIMIZE, progressive=False)
            source = (H, W) if swap else (W, H)
            return Prepared(job.key, buf.getvalue(), out.size, source)
    except Image.DecompressionBombError:
        return Prepared(job.key, error=f"it is too large (over {MAX_MEGAPIXELS} megapixels)")
    except (OSError, SyntaxError, ValueError, MemoryError) as exc:  # corrupt, truncated, odd modes
        return Prepared(job.key, error=f"it cannot be read ({_reason(exc)})")


def job_for(p: BookPhoto, frame: Frame, seal_key: bytes | None = None) -> PhotoJob:
    w = max(1, round(frame.rect.w / 72 * TARGET_PPI))
    h = max(1, round(frame.rect.h / 72 * TARGET_PPI))
    return PhotoJob((p.media_id, w, h), str(p.path), w, h, seal_key=seal_key)
