"""What one photo file is: its format, displayed size, date and orientation, fully decoded first
so a damaged file is refused by name before anything is stored."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.domain import photo_limits
from studio.services.media.files import image_module

if TYPE_CHECKING:
    from PIL.Image import Exif
    from PIL.Image import Image as PILImage

#: Pillow format → stored extension. MPO is what some phones call a JPEG with a depth map.
FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "TIFF": "tif", "WEBP": "webp", "HEIF": "heic"}
ACCEPTED = "JPEG, PNG, TIFF, WebP and HEIC/HEIF"
#: The largest image accepted, in pixels: the one limit, shared with the memory book.
MAX_PIXELS = photo_limits.MAX_PIXELS
_ORIENTATION = 0x0112
_EXIF_IFD = 0x8769
_DATE_ORIGINAL = 0x9003
_DATE_TIME = 0x0132


@dataclass(frozen=True)
class Probe:
    """What a verified photo file is: its format, displayed size, date and orientation."""

    ext: str
    width: int
    height: int
    taken_at: str | None
    orientation: int
    notes: str = ""


class UnusablePhoto(Exception):
    """A file that cannot be taken in; the message is one sentence naming the file."""


def _exif_date(exif: Exif) -> str | None:
    raw = None
    try:
        raw = exif.get_ifd(_EXIF_IFD).get(_DATE_ORIGINAL)
    except Exception:  # noqa: BLE001 - a damaged EXIF block only loses the date
        raw = None
    raw = raw or exif.get(_DATE_TIME)
    if isinstance(raw, bytes):
        raw = raw.decode("ascii", "replace")
    if not isinstance(raw, str):
        return None
    raw = raw.strip().rstrip("\x00")
    for fmt in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y:%m:%d %H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(raw[:19], fmt).isoformat(timespec="seconds")
        except ValueError:
            continue
    return None


def _orientation_and_date(im: PILImage) -> tuple[int, str | None]:
    """The EXIF orientation (1 when absent or unreadable) and the date the photo was taken."""
    try:
        exif = im.getexif()
    except Exception:  # noqa: BLE001 - a damaged EXIF block only loses the date and orientation
        return 1, None
    try:
        orientation = int(exif.get(_ORIENTATION) or 1)
    except (TypeError, ValueError):
        orientation = 1
    return orientation, _exif_date(exif)


def probe(path: Path) -> Probe:
    """Open and fully decode ``path``; raise :class:`UnusablePhoto` saying why it cannot be used."""
    Image = image_module()
    name = path.name
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                fmt = im.format or ""
                if fmt not in FORMATS:
                    raise UnusablePhoto(
                        f"{name} is a {fmt or 'kind of'} file Travel Studio does not take; it accepts {ACCEPTED} photos."
                    )
                w, h = im.size
                if w * h > MAX_PIXELS:
                    raise UnusablePhoto(_too_big(name, w, h))
                orientation, taken = _orientation_and_date(im)
                mode = im.mode
                if fmt in ("JPEG", "MPO"):
                    # decode every byte of the stream, at reduced scale (fast, little memory)
                    im.draft("RGB", (max(1, w // 8), max(1, h // 8)))
                im.load()
    except UnusablePhoto:
        raise
    except Image.DecompressionBombError:
        raise UnusablePhoto(_too_big(name, 0, 0)) from None
    except Image.UnidentifiedImageError:
        raise UnusablePhoto(
            f"{name} is not a photo Travel Studio can read (it accepts {ACCEPTED}); it may be another kind of file."
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        text = str(exc).lower()
        if "truncated" in text or isinstance(exc, EOFError):
            why = "is truncated (the file ends before the picture does)"
        else:
            why = "is damaged and cannot be decoded"
        raise UnusablePhoto(f"{name} {why}.") from None
    except MemoryError:
        raise UnusablePhoto(f"{name} is too large to decode on this computer.") from None
    except Exception:  # noqa: BLE001 - a decoder's surprise about one file must not stop the others
        raise UnusablePhoto(f"{name} is damaged and cannot be decoded.") from None
    ext = FORMATS[fmt]
    if fmt == "HEIF" and path.suffix.lower() == ".heif":
        ext = "heif"
    if orientation in (5, 6, 7, 8):
        w, h = h, w
    elif orientation not in (1, 2, 3, 4):
        orientation = 1
    notes = []
    if mode == "CMYK":
        notes.append("CMYK colours (converted to RGB for print)")
    elif mode.startswith("I;16") or mode in ("I", "F") or mode.endswith(";16"):
        notes.append("16 bits per channel (reduced to 8 for print)")
    if taken is None:
        notes.append("no date in the file")
    return Probe(ext, w, h, taken, orientation, "; ".join(notes))


def _too_big(name: str, w: int, h: int) -> str:
    size = f" ({w:,} × {h:,} pixels, {w * h / 1e6:.0f} megapixels)" if w else ""
    return (
        f"{name} is too large{size}: Travel Studio takes images up to "
        f"{MAX_PIXELS // 1_000_000} megapixels; export a smaller copy."
    )


def to_rgb(im: Any) -> Any:
    """An 8-bit RGB copy of any opened image: CMYK, 16-bit, grey, palette and alpha included."""
    Image = image_module()
    mode = im.mode
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        im = im.convert("I") if mode != "I" else im
        hi = im.getextrema()[1] or 1
        scale = 255 / 65535 if hi > 255 else 1
        im = im.point(lambda v: v * scale).convert("L")
    elif mode == "F":
        im = im.convert("L")
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        back = Image.new("RGB", rgba.size, (255, 255, 255))
        back.paste(rgba, mask=rgba.getchannel("A"))
        return back
    return im.convert("RGB") if im.mode != "RGB" else im
