"""The trip memory book: a print-shop-ready PDF of a trip's photos and story.

:func:`build_book` checks the photos, lays the book out (:mod:`studio.reports.book_layout`),
prepares every placed photo in parallel worker processes and draws the pages with reportlab.

Each photo is decoded at a reduced scale (JPEG draft mode), turned upright (EXIF), cropped to its
frame, converted to 8-bit sRGB, resized to 300 ppi at its placed size (never upscaled) and
encoded once as JPEG; those bytes go into the PDF unchanged (DCTDecode, no ASCII85 on top).
Broken, missing or unsupported photos are reported by name in the :class:`Preflight` and left
out; the layout is redone without them. The file is written whole or not at all.

Given a ``cache_dir``, the prepared photos are kept there (:class:`_PhotoCache`): a rebuild after a
caption or a journal line changed takes them from the cache instead of preparing them again, and
the book comes out byte for byte as a fresh build would make it.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import math
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from studio.errors import StudioError
from studio.fileio import atomic_path
from studio.reports import book_layout, fonts
from studio.reports.book_content import BookContent, BookPhoto
from studio.reports.book_layout import MM, STYLES, BookLayout, Frame

TARGET_PPI = 300
LOW_PPI = 200
JPEG_QUALITY = 85
JPEG_OPTIMIZE = True  # optimal Huffman tables: ~10 % smaller for ~5 % more time per photo
MAX_MEGAPIXELS = 400  # a 40,000 x 10,000 panorama still opens; beyond, the photo is refused
MAX_MEGAPIXELS_FULL_DECODE = 150  # formats without reduced-scale decoding (PNG, TIFF...)
SLUG = 9 * MM  # beyond the bleed, where the crop marks go
#: Bump when :func:`prepare_photo` makes different bytes for the same photo and size: photos cached
#: by older code are then not used (and age out of the cache).
PIPELINE_VERSION = 1
CACHE_LIMIT_BYTES = 500 * 1024 * 1024  # about 2,500 prepared photos of a full A4 page
SIZES = tuple(book_layout.SIZES)

_FORMATS = {"JPEG", "MPO", "PNG", "TIFF", "WEBP", "HEIF", "BMP", "GIF"}

_INK, _ACCENT, _MUTED, _RULE, _FILL = "#1f2a37", "#8a6d3b", "#6b7280", "#c9bfa8", "#d9cdb4"


class BuildCancelled(StudioError):
    """The build was cancelled; nothing was written."""


@dataclass(frozen=True)
class ImageReport:
    name: str
    media_id: str
    page: int  # 1-based, as a PDF viewer counts
    placed_mm: tuple[float, float]
    pixels: tuple[int, int]  # as embedded
    source_pixels: tuple[int, int]
    ppi: float  # effective, at the placed size
    low: bool  # prints below LOW_PPI


@dataclass(frozen=True)
class Problem:
    name: str
    reason: str


@dataclass
class Preflight:
    path: Path
    size: str
    bleed: bool
    pages: int = 0
    images: list[ImageReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    fonts: list[tuple[str, bool]] = field(default_factory=list)  # (font, embedded)
    file_bytes: int = 0
    seconds: float = 0.0
    reused: int = 0  # photos taken ready-made from the cache instead of being prepared again

    @property
    def low_ppi(self) -> list[ImageReport]:
        return [i for i in self.images if i.low]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.low_ppi and all(e for _, e in self.fonts)

    def summary(self) -> str:
        trim = self.size + (
            " with 3 mm bleed and crop marks"
            if self.bleed and self.size in ("a4", "a4-landscape", "square20")
            else " with 0.125 in bleed and crop marks"
            if self.bleed
            else ""
        )
        lines = [
            f"Memory book {self.path.name}: {self.pages} pages, {trim}, "
            f"{self.file_bytes / 1e6:.1f} MB, built in {self.seconds:.1f} s."
        ]
        if self.images:
            ppis = [i.ppi for i in self.images]
            reused = f"; {self.reused} of them ready from an earlier build" if self.reused else ""
            lines.append(
                f"Photos: {len(self.images)} placed, effective {min(ppis):.0f}–{max(ppis):.0f} ppi "
                f"(target {TARGET_PPI}){reused}."
            )
        else:
            lines.append("Photos: none placed.")
        for i in self.low_ppi:
            lines.append(
                f"  LOW RESOLUTION: {i.name} prints at {i.ppi:.0f} ppi on page {i.page} "
                f"({i.placed_mm[0]:.0f} x {i.placed_mm[1]:.0f} mm from {i.source_pixels[0]} x "
                f"{i.source_pixels[1]} px); below {LOW_PPI} ppi it may look soft."
            )
        for p in self.problems:
            lines.append(f"  LEFT OUT: {p.name}: {p.reason}")
        missing = [f for f, e in self.fonts if not e]
        lines.append(
            f"Fonts: {len(self.fonts)}, "
            + ("all embedded." if not missing else "NOT embedded: " + ", ".join(missing) + ".")
        )
        lines.append("Preflight: " + ("ready for print." if self.ok else "see the notes above."))
        return "\n".join(lines)


# -- photos: checked in the main process, prepared in workers --------------------------------


@contextmanager
def _pixel_limit():
    """Pillow's decompression-bomb guard, raised to our cap for the length of a build."""
    from PIL import Image

    before = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = MAX_MEGAPIXELS * 1_000_000  # above it we refuse; Pillow, at twice it
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = before


@functools.cache
def _heif() -> None:
    try:
        import pillow_heif  # type: ignore[import-not-found]

        pillow_heif.register_heif_opener()
    except ImportError:
        pass


def _label(p: BookPhoto) -> str:
    return p.name or p.path.name or p.media_id


def _check(p: BookPhoto) -> tuple[BookPhoto | None, str]:
    """The photo with its true displayed size, or None and why it cannot be used."""
    from PIL import Image, UnidentifiedImageError

    if not p.path.is_file():
        return None, "the file is missing"
    try:
        with Image.open(p.path) as im:
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
class _Job:
    key: tuple
    path: str
    width_px: int  # wanted, as displayed (upright)
    height_px: int
    quality: int = JPEG_QUALITY


@dataclass(frozen=True)
class _Prepared:
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
_SRGB_TRANSFORMS: dict[tuple[bytes, str], object] = {}


def _to_srgb(im):
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
            return ImageCms.applyTransform(im, transform)
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        im.mode == "P" and "transparency" in im.info
    ):
        rgba = im.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return im if im.mode == "RGB" else im.convert("RGB")


def _to_8bit(im):
    """Modes Pillow cannot resample well made 8-bit first (16-bit, float, palette, 1-bit)."""
    if im.mode.startswith("I;16") or im.mode == "I":
        im = im.convert("I") if im.mode != "I" else im
        peak = im.getextrema()[1] or 1
        scale = 255 / 65535 if peak > 255 else 1.0
        return im.point(lambda v: v * scale).convert("L")
    if im.mode == "F":
        return im.point(lambda v: v * 255 if v <= 1.0 else v).convert("L")
    if im.mode in ("P", "PA", "1"):
        return im.convert("RGBA" if im.mode == "PA" or "transparency" in im.info else "RGB")
    return im


def prepare_photo(job: _Job) -> _Prepared:
    """Decode, turn, crop, convert and resize one photo; its JPEG bytes. Runs in a worker."""
    from PIL import Image

    _heif()
    try:
        with _pixel_limit(), Image.open(job.path) as im:
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
            im = _to_8bit(im)
            info = dict(src.info)
            out = im.resize((out_w, out_h), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
            out.info = info
            if orientation in _TRANSPOSE:
                out = out.transpose(getattr(Image.Transpose, _TRANSPOSE[orientation]))
                out.info = info
            out = _to_srgb(out)
            buf = io.BytesIO()
            out.save(buf, "JPEG", quality=job.quality, optimize=JPEG_OPTIMIZE, progressive=False)
            source = (H, W) if swap else (W, H)
            return _Prepared(job.key, buf.getvalue(), out.size, source)
    except Image.DecompressionBombError:
        return _Prepared(job.key, error=f"it is too large (over {MAX_MEGAPIXELS} megapixels)")
    except (OSError, SyntaxError, ValueError, MemoryError) as exc:  # corrupt, truncated, odd modes
        return _Prepared(job.key, error=f"it cannot be read ({_reason(exc)})")


def _job_for(p: BookPhoto, frame: Frame) -> _Job:
    w = max(1, round(frame.rect.w / 72 * TARGET_PPI))
    h = max(1, round(frame.rect.h / 72 * TARGET_PPI))
    return _Job((p.media_id, w, h), str(p.path), w, h)


# -- the cache of prepared photos ---------------------------------------------------------------

_SHA256 = re.compile(r"[0-9a-f]{64}")
_STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a process that died mid-write


def _source_id(path: Path) -> str:
    """What the photo's bytes are: the hash in a content-addressed media file's name
    (``media/ab/ab12….jpg``), otherwise the file's path, size and modification time."""
    if _SHA256.fullmatch(path.stem) and path.parent.name == path.stem[:2]:
        return "sha256:" + path.stem
    st = path.stat()
    return f"file:{path.resolve()}:{st.st_size}:{st.st_mtime_ns}"


def _jpeg_ok(data: bytes) -> bool:
    """A cheap check that an entry is a whole JPEG: start and end markers (a torn or truncated
    write loses the end marker). The header is read when its pixel size is taken."""
    return len(data) > 4 and data[:2] == b"\xff\xd8" and data[-2:] == b"\xff\xd9"


class _PhotoCache:
    """Prepared photos as JPEG files in ``folder/<key[:2]>/<key>.jpg``.

    The key hashes everything the bytes depend on: the source's content, the target pixel size
    (the crop is the centred crop of that shape), the colour conversion, the JPEG settings, the
    pipeline version and Pillow's version. Entries are written whole (temporary file, then a
    rename; two processes writing the same entry write the same bytes). An entry that fails the
    check is ignored and written again. Least recently used entries go when the folder holds more
    than ``limit`` bytes; a hit refreshes the entry's modification time.
    """

    def __init__(self, folder: str | os.PathLike, limit: int = CACHE_LIMIT_BYTES):
        self.folder = Path(folder)
        self.limit = limit

    @staticmethod
    def key(source_id: str, job: _Job) -> str:
        from PIL import __version__ as pillow

        parts = {
            "v": PIPELINE_VERSION,
            "pillow": pillow,
            "source": source_id,
            "pixels": [job.width_px, job.height_px],
            "crop": "centre",
            "colour": "srgb-8bit",
            "jpeg": {"quality": job.quality, "optimize": JPEG_OPTIMIZE, "progressive": False},
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.jpg"

    def get(self, key: str) -> tuple[bytes, tuple[int, int]] | None:
        """The entry's bytes and pixel size, or None when missing or damaged."""
        from PIL import Image

        path = self._path(key)
        try:
            data = path.read_bytes()
            if not _jpeg_ok(data):
                return None
            with Image.open(io.BytesIO(data)) as im:
                if im.format != "JPEG":
                    return None
                size = im.size
            os.utime(path)  # used now: the last to be evicted
        except (OSError, SyntaxError, ValueError):
            return None
        return data, size

    def put(self, key: str, data: bytes) -> None:
        # No fsync: an entry torn by a crash fails the check and is prepared again.
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a full disk or a read-only folder: the book is still built, only slower next time

    def trim(self, keep: Iterable[str] = ()) -> None:
        """Remove the least recently used entries (never those in ``keep``) above the limit."""
        keep = {f"{k}.jpg" for k in keep}
        entries: list[tuple[float, int, Path]] = []
        now = time.time()
        try:
            for sub in os.scandir(self.folder):
                if not sub.is_dir(follow_symlinks=False):
                    continue
                for e in os.scandir(sub.path):
                    try:
                        st = e.stat(follow_symlinks=False)
                    except OSError:  # removed meanwhile by another build's trim
                        continue
                    if e.name.endswith(".partial"):
                        if now - st.st_mtime > _STALE_TEMP_SECONDS:
                            Path(e.path).unlink(missing_ok=True)
                    elif e.name.endswith(".jpg") and e.name not in keep:
                        entries.append((st.st_mtime, st.st_size, Path(e.path)))
                    elif e.name.endswith(".jpg"):
                        entries.append((math.inf, st.st_size, Path(e.path)))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for mtime, size, path in sorted(entries, key=lambda e: e[0]):
            if total <= self.limit or mtime == math.inf:
                break
            try:
                path.unlink(missing_ok=True)
            except OSError:
                continue
            total -= size


# -- text ---------------------------------------------------------------------------------------

# Chinese punctuation that must not begin a line; reportlab's own list misses the full-width ones.
_NO_LINE_START = "，。、；：！？）」』》〉】〕”’…·％"


def _kinsoku() -> None:
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for module in (paragraph, textsplit):  # both wrap Chinese, each with its own copy of the list
        missing = "".join(c for c in _NO_LINE_START if c not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing


_WHOLE_WORDS = {
    "cover_title",
    "cover_title_s",
    "cover_title_xs",
    "title_title_s",
    "cover_sub",
    "title_title",
    "title_sub",
    "day_title",
    "route_title",
    "signature",
    "cover_line",
    "title_line",
    "places",
    "day_date",
}
_FONT = {
    "serif": fonts.SERIF,
    "serif-bold": fonts.SERIF_BOLD,
    "sans": fonts.SANS,
    "sans-bold": fonts.SANS_BOLD,
    "sans-italic": fonts.SANS_ITALIC,
}
_DASH = re.compile(r" ([–—]) ")
_ARROWS = str.maketrans({"→": "–", "⇒": "–", "➔": "–", "➜": "–", "⟶": "–", "←": "–"})


class _Typesetter:
    """Paragraphs in the book's styles; measures exactly what it later draws."""

    def __init__(self):
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        fonts.register()
        _kinsoku()
        color = {
            "ink": colors.HexColor(_INK),
            "accent": colors.HexColor(_ACCENT),
            "muted": colors.HexColor(_MUTED),
        }
        align = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
        self.styles = {}
        for name, s in STYLES.items():
            base = ParagraphStyle(
                name,
                fontName=_FONT[s.font],
                fontSize=s.size,
                leading=s.leading,
                alignment=align[s.align],
                textColor=color[s.color],
            )
            self.styles[name] = base
            self.styles[name + "/cjk"] = ParagraphStyle(name + "/cjk", parent=base, wordWrap="CJK")
        self._cache: dict[tuple[str, str, float], float] = {}

    def paragraph(self, text: str, style: str, width: float = 0):
        from reportlab.platypus import Paragraph

        cjk = fonts.has_cjk(text)
        if cjk and style in _WHOLE_WORDS:
            # titles and names break at spaces only ("云南之秋" stays whole) unless a word is too wide
            s = STYLES[style]
            cjk = any(fonts.width(w, s.size) * 1.15 > width for w in text.split())
        text = _DASH.sub("\u00a0\\1 ", text.translate(_ARROWS))  # a dash never begins a line
        markup = "<br/>".join(fonts.markup(line) for line in text.split("\n"))
        return Paragraph(markup, self.styles[style + ("/cjk" if cjk else "")]), cjk

    def _width(self, text: str, style: str, width: float) -> float:
        # with Chinese, punctuation may hang one character into the margin: keep it inside
        return width - (STYLES[style].size if fonts.has_cjk(text) else 0)

    def measure(self, text: str, style: str, width: float) -> float:
        key = (text, style, round(width, 2))
        if key not in self._cache:
            para, _ = self.paragraph(text, style, width)
            self._cache[key] = para.wrap(self._width(text, style, width), 1e6)[1]
        return self._cache[key]

    def draw(self, canvas, frame: Frame, dx: float, dy: float) -> None:
        para, _ = self.paragraph(frame.text, frame.ref, frame.rect.w)
        w = self._width(frame.text, frame.ref, frame.rect.w)
        _, h = para.wrap(w, 1e6)
        x = frame.rect.x + dx
        if STYLES[frame.ref].align == "center":
            x += (frame.rect.w - w) / 2
        para.drawOn(canvas, x, frame.rect.top + dy - h)


# -- the PDF ------------------------------------------------------------------------------------


def _fonts_in_pdf(path: Path) -> list[tuple[str, bool]]:
    """Every font the written PDF names, and whether its program is embedded (read back)."""
    data = path.read_bytes()
    objs: dict[int, bytes] = {}
    for m in re.finditer(rb"(\d+) 0 obj\s*<<(.*?)>>\s*(?:stream|endobj)", data, re.S):
        objs[int(m.group(1))] = m.group(2)
    found: dict[str, bool] = {}
    for body in objs.values():
        if not re.search(rb"/Type\s*/Font\b", body) or b"/Type0" in body:
            continue
        name = re.search(rb"/BaseFont\s*/([^\s/<>\[\]]+)", body)
        if not name:
            continue
        base = name.group(1).decode("latin-1")
        base = base.split("+", 1)[1] if re.match(r"[A-Z]{6}\+", base) else base
        desc = re.search(rb"/FontDescriptor\s+(\d+)\s+0\s+R", body)
        embedded = bool(desc) and bool(
            re.search(rb"/FontFile[23]?\s", objs.get(int(desc.group(1)), b""))
        )
        found[base] = found.get(base, True) and embedded
    return sorted(found.items())


def _draw_marks(c, g, off: float) -> None:
    """Crop marks in the slug: the trim lines extended outside the bleed, never into it."""
    c.saveState()
    c.setStrokeColorCMYK(1, 1, 1, 1)  # registration: on every plate
    c.setLineWidth(0.25)
    start, end = off - g.bleed - 1.5 * MM, off - SLUG + 1 * MM
    for x in (off, off + g.width):
        for y0, y1 in (
            (start, end),
            (off + g.height + (off - start), off + g.height + (off - end)),
        ):
            c.line(x, y0, x, y1)
    for y in (off, off + g.height):
        for x0, x1 in ((start, end), (off + g.width + (off - start), off + g.width + (off - end))):
            c.line(x0, y, x1, y)
    c.restoreState()


def _checked(cancel: Callable[[], bool] | None) -> None:
    if cancel is not None and cancel():
        raise BuildCancelled("The memory book was cancelled; nothing was written.")


def build_book(
    content: BookContent,
    out: str | os.PathLike,
    *,
    size: str = "a4",
    bleed: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
    cache_dir: str | os.PathLike | None = None,
) -> Preflight:
    """Write the memory book for ``content`` to ``out``; the preflight of what was written.

    ``cache_dir``: where prepared photos are kept between builds (None: prepared on every build).
    """
    if size not in book_layout.SIZES:
        raise StudioError(f"The book size must be one of {', '.join(SIZES)}, not “{size}”.")
    t0 = time.perf_counter()
    out = Path(out)
    workers = max(1, workers or os.cpu_count() or 1)
    report = Preflight(out, size, bleed)
    ts = _Typesetter()

    def tell(done: int, total: int, message: str) -> None:
        if progress is not None:
            progress(done, total, message)

    _checked(cancel)
    usable: list[BookPhoto] = []
    with _pixel_limit():
        _heif()
        for p in content.photos:
            ok, why = _check(p)
            if ok is None:
                report.problems.append(Problem(_label(p), why))
            else:
                usable.append(ok)
    by_id = {p.media_id: p for p in usable}

    cache = _PhotoCache(cache_dir) if cache_dir is not None else None
    cache_keys: dict[tuple, str] = {}  # job key -> cache key
    hits: set[tuple] = set()
    prepared: dict[tuple, _Prepared] = {}
    pool: ProcessPoolExecutor | None = None
    try:
        while True:  # lay out; prepare; a photo that fails to decode goes and the layout is redone
            _checked(cancel)
            layout = book_layout.layout_book(
                replace(content, photos=tuple(usable)), size, bleed, ts.measure
            )
            jobs = {}
            for _, frame in layout.placements().values():
                p = by_id[frame.ref]
                job = _job_for(p, frame)
                if job.key in prepared:
                    continue
                if (
                    cache is not None
                    and (hit := _from_cache(cache, cache_keys, p, job)) is not None
                ):
                    prepared[job.key] = hit
                    hits.add(job.key)
                    continue
                jobs[job.key] = job
            if jobs and workers > 1 and len(jobs) > 1 and pool is None:
                import multiprocessing

                # spawn: a fork of a process running Qt threads is not safe
                pool = ProcessPoolExecutor(
                    min(workers, len(jobs)), mp_context=multiprocessing.get_context("spawn")
                )
            total = len(usable) + len(layout.pages)
            try:
                failed = _run(
                    jobs,
                    prepared,
                    pool,
                    cancel,
                    lambda n, total=total: tell(n, total, f"Preparing photo {n} of {len(usable)}"),
                )
            finally:  # cancelled or not, what was prepared is kept for the next build
                if cache is not None:
                    for key in jobs:
                        r = prepared.get(key)
                        if r is not None and not r.error and key in cache_keys:
                            cache.put(cache_keys[key], r.jpeg)
            if not failed:
                break
            for key in failed:
                p = by_id.pop(key[0])
                usable.remove(p)
                report.problems.append(Problem(_label(p), prepared.pop(key).error))
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    _checked(cancel)
    with atomic_path(out) as tmp:
        pages = _draw(
            layout,
            content,
            by_id,
            prepared,
            tmp,
            ts,
            cancel,
            lambda n, pages: tell(
                len(usable) + n, len(usable) + pages, f"Drawing page {n} of {pages}"
            ),
        )
    report.pages = pages
    for i, page in enumerate(layout.pages):
        for frame in page.photos():
            p = by_id[frame.ref]
            r = prepared[_job_for(p, frame).key]
            ppi = r.pixels[0] / (frame.rect.w / 72)
            report.images.append(
                ImageReport(
                    _label(p),
                    p.media_id,
                    i + 1,
                    (frame.rect.w / MM, frame.rect.h / MM),
                    r.pixels,
                    r.source,
                    round(ppi, 1),
                    ppi < LOW_PPI,
                )
            )
            report.reused += r.key in hits
    if cache is not None:
        cache.trim(keep=[cache_keys[k] for k in prepared if k in cache_keys])
    report.fonts = _fonts_in_pdf(out)
    report.file_bytes = out.stat().st_size
    report.seconds = time.perf_counter() - t0
    return report


def _from_cache(
    cache: _PhotoCache, cache_keys: dict[tuple, str], p: BookPhoto, job: _Job
) -> _Prepared | None:
    """The photo as ``job`` wants it, prepared by an earlier build; None when it must be prepared."""
    if job.key not in cache_keys:
        try:
            cache_keys[job.key] = _PhotoCache.key(_source_id(p.path), job)
        except OSError:
            return None
    found = cache.get(cache_keys[job.key])
    if found is None:
        return None
    data, pixels = found
    return _Prepared(job.key, data, pixels, (p.width, p.height))


def _run(
    jobs: dict[tuple, _Job],
    prepared: dict[tuple, _Prepared],
    pool: ProcessPoolExecutor | None,
    cancel,
    tick: Callable[[int], None],
) -> list[tuple]:
    """Prepare ``jobs`` (in ``pool`` if given); the keys of those that failed."""
    failed: list[tuple] = []
    done = len(prepared)

    def take(r: _Prepared) -> None:
        nonlocal done
        prepared[r.key] = r
        done += 1
        if r.error:
            failed.append(r.key)
        tick(done)

    if pool is None:
        for job in jobs.values():
            _checked(cancel)
            take(prepare_photo(job))
        return failed
    # the biggest first, so no core waits for one large photo at the end
    order = sorted(jobs.values(), key=lambda j: -j.width_px * j.height_px)
    pending: set[Future] = {pool.submit(prepare_photo, j) for j in order}
    try:
        while pending:
            finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for f in finished:
                try:
                    take(f.result())
                except BrokenProcessPool:
                    pass  # a worker died (killed, or could not start): done here below
            _checked(cancel)
    except BaseException:
        for f in pending:
            f.cancel()
        raise
    for job in order:  # whatever the workers could not do, done in this process
        if job.key not in prepared:
            _checked(cancel)
            take(prepare_photo(job))
    return failed


class _Jpeg:
    """Finished JPEG bytes for ``canvas.drawImage``: reportlab copies them into the PDF as they are.

    (An ``ImageReader`` would first decode the whole image only to fingerprint it.)
    """

    def __init__(self, key: tuple, data: bytes):
        self.key, self.data = key, data

    def jpeg_fh(self):
        return io.BytesIO(self.data)

    def __str__(self) -> str:  # reportlab names the image XObject after this
        return "jpeg:" + ":".join(map(str, self.key))


def _draw(
    layout: BookLayout,
    content: BookContent,
    by_id: dict[str, BookPhoto],
    prepared: dict[tuple, _Prepared],
    path: Path,
    ts: _Typesetter,
    cancel,
    tick: Callable[[int, int], None],
) -> int:
    from reportlab import rl_config
    from reportlab.lib import colors

    g = layout.geometry
    off = g.bleed + SLUG if g.bleed else 0.0
    media = (g.width + 2 * off, g.height + 2 * off)
    a85 = rl_config.useA85
    rl_config.useA85 = 0  # JPEG bytes go in as they are (DCTDecode), not 25 % bigger as ASCII85
    try:
        c = fonts.Canvas(str(path), pagesize=media, pageCompression=1)
        c.setTitle(content.title)
        c.setAuthor(content.studio_name)
        c.setSubject("Memory book")
        c.setCreator(content.studio_name)
        total = len(layout.pages)
        for n, page in enumerate(layout.pages, 1):
            _checked(cancel)
            if g.bleed:
                c.setTrimBox((off, off, off + g.width, off + g.height))
                c.setBleedBox(
                    (
                        off - g.bleed,
                        off - g.bleed,
                        off + g.width + g.bleed,
                        off + g.height + g.bleed,
                    )
                )
            for frame in page.frames:
                r = frame.rect
                if frame.kind == "photo":
                    p = by_id[frame.ref]
                    key = _job_for(p, frame).key
                    c.drawImage(_Jpeg(key, prepared[key].jpeg), r.x + off, r.y + off, r.w, r.h)
                elif frame.kind == "fill":
                    c.setFillColor(colors.HexColor(_FILL))
                    c.rect(r.x + off, r.y + off, r.w, r.h, stroke=0, fill=1)
                elif frame.kind == "rule":
                    c.setStrokeColor(colors.HexColor(_RULE))
                    c.setLineWidth(0.6)
                    c.line(r.x + off, r.y + off, r.right + off, r.y + off)
                else:
                    ts.draw(c, frame, off, off)
            if g.bleed:
                _draw_marks(c, g, off)
            c.showPage()
            tick(n, total)
        c.save()
        return total
    finally:
        rl_config.useA85 = a85
