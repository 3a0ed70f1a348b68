"""A trip's photos and story: import into the media folder, captions and order, day journals,
memory-book settings, thumbnails, and the :class:`~studio.reports.book_content.BookContent` a
memory book is laid out from.

Photos are copied into ``media/`` beside the database, content-addressed
(``media/<sha[:2]>/<sha256>.<ext>``, the original bytes, written atomically): a photo added twice
to a trip is stored once and reported as a duplicate; the same file in two trips is one file and
two rows. Every row change goes through the studio's transaction (journaled, undoable); the files
themselves are never deleted by a row's removal, so undo always finds them. Thumbnails in
``media/thumbs/`` are a cache that can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from studio import paths
from studio.domain import validate
from studio.domain.media_models import BOOK_SIZES, MemoryBook, TripJournal, TripMedia
from studio.domain.models import Advisor, Person
from studio.domain.trip_models import Trip, TripDay, TripItem, TripTraveller
from studio.errors import NotFoundError, StudioError, ValidationError
from studio.fileio import atomic_path
from studio.reports.book_content import BookContent, BookDay, BookPhoto
from studio.store import Studio

#: Pillow format → stored extension. MPO is what some phones call a JPEG with a depth map.
FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "TIFF": "tif", "WEBP": "webp", "HEIF": "heic"}
ACCEPTED = "JPEG, PNG, TIFF, WebP and HEIC/HEIF"
#: The largest image accepted, in pixels (a 30,000 × 5,800 panorama). Just below Pillow's own
#: decompression-bomb guard (about 179 megapixels), so the refusal can give the image's size.
MAX_PIXELS = 175_000_000
THUMBS = "thumbs"
_ORIENTATION = 0x0112
_EXIF_IFD = 0x8769
_DATE_ORIGINAL = 0x9003
_DATE_TIME = 0x0132
#: Item kinds whose place is where the day starts from (a terminal, a pick-up), not where it is spent.
_PASSING = ("flight", "transfer", "note")
_LIMITS = {"title": 200, "subtitle": 300, "summary": 2000, "closing": 4000, "signature": 300}


# -- where files live -------------------------------------------------------------------------
def media_dir(studio: Studio) -> Path:
    """The studio's media folder (``media/`` beside the database)."""
    return studio.data_dir / paths.MEDIA_DIR


def stored_path(studio: Studio, media: TripMedia) -> Path:
    """Where a photo's bytes are kept."""
    return media_dir(studio) / media.sha256[:2] / f"{media.sha256}.{media.ext}"


def book_cache_dir(studio: Studio) -> Path:
    """Where the memory book keeps the photos it prepared, for the next build (``media/cache/book``)."""
    return media_dir(studio) / "cache" / "book"


_heif_registered = False


def _image_module():
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
    return Image


# -- probing one file -------------------------------------------------------------------------
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


def _exif_date(exif) -> str | None:
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


def _orientation_and_date(im) -> tuple[int, str | None]:
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
    Image = _image_module()
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
    size = f" ({w:,} × {h:,} pixels)" if w else ""
    return (
        f"{name} is too large{size}: Travel Studio takes images up to {MAX_PIXELS // 1_000_000} megapixels; "
        "export a smaller copy."
    )


def to_rgb(im):
    """An 8-bit RGB copy of any opened image: CMYK, 16-bit, grey, palette and alpha included."""
    Image = _image_module()
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


# -- the import -------------------------------------------------------------------------------
@dataclass
class MediaImport:
    """What :func:`add_media` did: rows added, duplicates (file names), files skipped and why."""

    added: list[TripMedia] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    tx: str | None = None  # the transaction to revert to undo the import

    def summary(self) -> str:
        parts = [f"{len(self.added)} photo{'s' if len(self.added) != 1 else ''} added"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already in the trip")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        text = ", ".join(parts)
        return text + (" (stopped before the end)" if self.cancelled else "")


def _files(paths_: Iterable[str | Path], skipped: list[tuple[str, str]]) -> list[Path]:
    out: list[Path] = []
    for p in paths_:
        p = Path(p)
        if p.is_dir():
            out.extend(
                f
                for f in sorted(p.rglob("*"))
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        elif p.is_file():
            out.append(p)
        else:
            skipped.append((p.name, f"{p.name} does not exist (or is not a file)."))
    return out


def _day_dates(studio: Studio, trip: Trip) -> dict[str, int]:
    """``{YYYY-MM-DD: day number}`` from the current version's days, else start date + n."""
    out: dict[str, int] = {}
    days = _days(studio, trip)
    start = date.fromisoformat(trip.start_date) if trip.start_date else None
    for d in days:
        when = d.date
        if when is None and start is not None:
            when = (start + timedelta(days=d.day_number - 1)).isoformat()
        if when:
            out.setdefault(when, d.day_number)
    if not days and start and trip.end_date:
        end = date.fromisoformat(trip.end_date)
        for n in range((end - start).days + 1):
            out[(start + timedelta(days=n)).isoformat()] = n + 1
    return out


def _days(studio: Studio, trip: Trip) -> list[TripDay]:
    if not trip.current_version_id:
        return []
    with studio.read() as conn:
        return _live(conn, TripDay, ("position", "day_number"), version_id=trip.current_version_id)


def _live(conn, model, order: tuple[str, ...] = (), **where) -> list:
    t = model.__table__
    q = select(t).where(t.c.deleted_at.is_(None), *[t.c[k] == v for k, v in where.items()])
    if order:
        q = q.order_by(*[t.c[o] for o in order])
    return [model(**r) for r in conn.execute(q).mappings()]


def _trip(studio: Studio, trip_id: str) -> Trip:
    with studio.read() as conn:
        row = (
            conn.execute(select(Trip.__table__).where(Trip.__table__.c.id == trip_id))
            .mappings()
            .first()
        )
    if row is None or row["deleted_at"]:
        raise NotFoundError(f"No trip with id {trip_id}.")
    return Trip(**row)


def store_file(studio: Studio, source: Path | bytes, sha: str, ext: str) -> Path:
    """Copy the bytes into the media folder under their hash (atomically); no-op if present."""
    target = media_dir(studio) / sha[:2] / f"{sha}.{ext}"
    if target.exists() and target.stat().st_size > 0:
        return target
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            tmp.write_bytes(data)
    except OSError as exc:
        raise StudioError(
            f"Cannot write to the media folder {target.parent}: {exc.strerror or exc}."
        ) from None
    return target


def add_media(
    studio: Studio,
    trip_id: str,
    paths_: Sequence[str | Path] | str | Path,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> MediaImport:
    """Add photos (files, or folders searched recursively in name order) to a trip.

    Each file is fully decoded first; what cannot be used is skipped with its name and a reason,
    and nothing else is lost. The rows are written in one transaction (one undo step) — also when
    ``cancel()`` stops the import early: what was already taken in stays, consistently.
    """
    trip = _trip(studio, trip_id)
    result = MediaImport()
    if isinstance(paths_, (str, Path)):
        paths_ = [paths_]
    files = _files(paths_, result.skipped)
    day_of = _day_dates(studio, trip)
    with studio.read() as conn:
        t = TripMedia.__table__
        existing = [
            TripMedia(**r) for r in conn.execute(select(t).where(t.c.trip_id == trip_id)).mappings()
        ]
    live_shas = {m.sha256 for m in existing if m.deleted_at is None}
    deleted_by_sha = {m.sha256: m for m in existing if m.deleted_at is not None}
    taken: list[tuple[Path, str, Probe]] = []
    for n, f in enumerate(files):
        if cancel and cancel():
            result.cancelled = True
            break
        try:
            info = probe(f)
            data = f.read_bytes()
        except UnusablePhoto as exc:
            result.skipped.append((f.name, str(exc)))
        except OSError as exc:
            result.skipped.append((f.name, f"{f.name} cannot be read ({exc.strerror or exc})."))
        else:
            sha = hashlib.sha256(data).hexdigest()
            if sha in live_shas:
                result.duplicates.append(f.name)
            else:
                store_file(studio, data, sha, info.ext)
                live_shas.add(sha)
                taken.append((f, sha, info))
        if progress:
            progress(n + 1, len(files), f.name)
    taken.sort(key=lambda x: (x[2].taken_at is None, x[2].taken_at or "", x[0].name.lower()))
    if not taken:
        return result
    with studio.transaction() as tx:
        current = [m for m in _tx_live(tx, TripMedia, trip_id=trip_id)]
        current.sort(key=lambda m: (m.position, m.id))
        for f, sha, info in taken:
            day = day_of.get(info.taken_at[:10]) if info.taken_at else None
            notes = info.notes
            if info.taken_at and day is None and day_of:
                notes = "; ".join(
                    x for x in (notes, f"taken {info.taken_at[:10]}, outside the trip's days") if x
                )
            old = deleted_by_sha.get(sha)
            if old is not None:
                tx.restore(TripMedia, old.id)
                row = tx.get(TripMedia, old.id)
            else:
                row = tx.create(
                    TripMedia,
                    client_id=trip.client_id,
                    trip_id=trip_id,
                    sha256=sha,
                    ext=info.ext,
                    original_name=f.name[:255],
                    width=info.width,
                    height=info.height,
                    taken_at=info.taken_at,
                    day_number=day,
                    caption="",
                    included=True,
                    position=0,
                    notes=notes,
                )
            # chronological insertion: before the first photo taken later; hand-made order kept
            at = len(current)
            if row.taken_at:
                for i, m in enumerate(current):
                    if m.taken_at and m.taken_at > row.taken_at:
                        at = i
                        break
            current.insert(at, row)
            result.added.append(row)
        for pos, m in enumerate(current):
            if m.position != pos:
                tx.update(TripMedia, m.id, position=pos)
        result.tx = tx.id
    ids = {m.id for m in result.added}
    result.added = [m for m in media_of(studio, trip_id) if m.id in ids]
    return result


def _tx_live(tx, model, **where) -> list:
    tx.flush()
    return _live(tx.conn, model, (), **where)


# -- carried with an export of the studio ---------------------------------------------------------
_HEX = frozenset("0123456789abcdef")
_EXTS = frozenset(FORMATS.values()) | {"heif"}


def export_folder(path: Path) -> Path:
    """The folder of photo files that travels beside an exported studio file (``studio.media/``)."""
    path = Path(path)
    return path.with_name(f"{path.stem}.media")


def bad_media_row(row: dict) -> str | None:
    """Why an imported photo row cannot be used (its hash or extension), or None."""
    sha, ext = row.get("sha256") or "", row.get("ext") or ""
    if len(sha) != 64 or not set(sha) <= _HEX:
        return f"has “sha256” = “{sha[:70]}”, which is not a SHA-256 hash in lower-case hex"
    if ext not in _EXTS:
        return (
            f"has “ext” = “{ext[:20]}”, which is not a photo extension ({', '.join(sorted(_EXTS))})"
        )
    return None


def export_files(studio: Studio, folder: Path) -> tuple[int, int]:
    """Copy every photo file the studio's rows use (deleted rows too: undo needs them) into
    ``folder``, laid out like the media folder. Returns (files copied or already there, missing)."""
    with studio.read() as conn:
        pairs = sorted(set(conn.exec_driver_sql("SELECT sha256, ext FROM trip_media").fetchall()))
    if not pairs:
        return 0, 0
    folder = Path(folder)
    if not folder.parent.is_dir():
        raise StudioError(f"The folder {folder.parent} does not exist.")
    done = missing = 0
    for sha, ext in pairs:
        source = media_dir(studio) / sha[:2] / f"{sha}.{ext}"
        target = Path(folder) / sha[:2] / f"{sha}.{ext}"
        if not source.is_file():
            missing += 1
            continue
        if not (target.is_file() and target.stat().st_size == source.stat().st_size):
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with atomic_path(target) as tmp:
                    tmp.write_bytes(source.read_bytes())
            except OSError as exc:
                raise StudioError(
                    f"Cannot write the photo files to {folder}: {exc.strerror or exc}."
                ) from None
        done += 1
    return done, missing


def import_files(studio: Studio, folder: Path, rows: Iterable[dict]) -> tuple[int, int]:
    """Copy the files of imported photo rows from an export's media folder into the studio's,
    checking each file's hash. Returns (files now present, files not found or damaged)."""
    present = absent = 0
    for sha, ext in sorted({(r["sha256"], r["ext"]) for r in rows}):
        target = media_dir(studio) / sha[:2] / f"{sha}.{ext}"
        if target.is_file():
            present += 1
            continue
        source = Path(folder) / sha[:2] / f"{sha}.{ext}"
        try:
            data = source.read_bytes()
        except OSError:
            absent += 1
            continue
        if hashlib.sha256(data).hexdigest() != sha:
            absent += 1
            continue
        store_file(studio, data, sha, ext)
        present += 1
    return present, absent


# -- editing ----------------------------------------------------------------------------------
def _media(tx, media_id: str) -> TripMedia:
    row = tx.get(TripMedia, media_id)
    if row is None:
        raise NotFoundError(f"No photo with id {media_id}.")
    return row


def set_caption(studio: Studio, media_id: str, caption: str) -> dict:
    text = validate.text(caption, "caption", max_len=500)
    with studio.transaction() as tx:
        _media(tx, media_id)
        return tx.update(TripMedia, media_id, caption=text)


def set_included(studio: Studio, media_id: str, included: bool) -> dict:
    with studio.transaction() as tx:
        _media(tx, media_id)
        return tx.update(TripMedia, media_id, included=bool(included))


def _day_count(studio: Studio, trip: Trip) -> int:
    days = _days(studio, trip)
    if days:
        return max(d.day_number for d in days)
    if trip.start_date and trip.end_date:
        return (date.fromisoformat(trip.end_date) - date.fromisoformat(trip.start_date)).days + 1
    return 0


def _day_number(studio: Studio, trip: Trip, value: Any, *, optional: bool) -> int | None:
    if value is None or value == "":
        if optional:
            return None
        raise ValidationError("day_number", "Choose the day of the trip.")
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            "day_number", f"The day must be a day number like 3, not “{value}”."
        ) from None
    count = _day_count(studio, trip)
    if n < 1 or (count and n > count):
        raise ValidationError(
            "day_number",
            f"Day {n} is not a day of this trip (it has {count} day{'s' if count != 1 else ''})."
            if count
            else f"Day {n} is not a day number (days start at 1).",
        )
    return n


def move_to_day(studio: Studio, media_id: str, day_number: int | None) -> dict:
    """Tie a photo to another day of its trip (None: to no day)."""
    with studio.read() as conn:
        row = (
            conn.execute(select(TripMedia.__table__).where(TripMedia.__table__.c.id == media_id))
            .mappings()
            .first()
        )
    if row is None or row["deleted_at"]:
        raise NotFoundError(f"No photo with id {media_id}.")
    n = _day_number(studio, _trip(studio, row["trip_id"]), day_number, optional=True)
    with studio.transaction() as tx:
        return tx.update(TripMedia, media_id, day_number=n)


def reorder(studio: Studio, trip_id: str, ids: Sequence[str]) -> None:
    """Put the trip's photos in the order given (every photo of the trip, each once)."""
    with studio.transaction() as tx:
        live = {m.id: m for m in _tx_live(tx, TripMedia, trip_id=trip_id)}
        if len(set(ids)) != len(ids) or set(ids) != set(live):
            raise ValidationError(
                "order", "The new order must list every photo of the trip exactly once."
            )
        for pos, mid in enumerate(ids):
            if live[mid].position != pos:
                tx.update(TripMedia, mid, position=pos)


def remove_media(studio: Studio, media_id: str) -> bool:
    """Remove a photo from its trip (soft delete: undo brings it back; the file stays)."""
    with studio.transaction() as tx:
        _media(tx, media_id)
        book = _tx_live(tx, MemoryBook, cover_media_id=media_id)
        for b in book:
            tx.update(MemoryBook, b.id, cover_media_id=None)
        return tx.delete(TripMedia, media_id)


def _highlights(value: Any) -> str:
    if value is None:
        return "[]"
    if isinstance(value, str):
        items = [ln.strip(" \t-•·") for ln in value.splitlines()]
    elif isinstance(value, (list, tuple)):
        items = [str(x).strip() for x in value]
    else:
        raise ValidationError("highlights", "The highlights must be a list of short lines.")
    items = [x for x in items if x]
    if len(items) > 20:
        raise ValidationError(
            "highlights", f"A day has at most 20 highlights ({len(items)} given)."
        )
    for x in items:
        if len(x) > 300:
            raise ValidationError(
                "highlights", f"A highlight is too long ({len(x)} characters; at most 300)."
            )
    return json.dumps(items, ensure_ascii=False)


def set_journal(
    studio: Studio,
    trip_id: str,
    day_number: int,
    *,
    journal: str | None = None,
    quotes: str | None = None,
    highlights: Sequence[str] | str | None = None,
) -> TripJournal:
    """Write the story of one day (only the parts given change)."""
    trip = _trip(studio, trip_id)
    n = _day_number(studio, trip, day_number, optional=False)
    data: dict[str, Any] = {}
    if journal is not None:
        data["journal"] = validate.text(journal, "journal", max_len=20000)
    if quotes is not None:
        data["quotes"] = validate.text(quotes, "quotes", max_len=5000)
    if highlights is not None:
        data["highlights"] = _highlights(highlights)
    with studio.transaction() as tx:
        rows = _tx_live(tx, TripJournal, trip_id=trip_id, day_number=n)
        if rows:
            tx.update(TripJournal, rows[0].id, **data)
            return tx.get(TripJournal, rows[0].id)
        return tx.create(
            TripJournal, client_id=trip.client_id, trip_id=trip_id, day_number=n, **data
        )


def journal_of(studio: Studio, trip_id: str) -> dict[int, TripJournal]:
    """The trip's day journals by day number."""
    with studio.read() as conn:
        rows = _live(conn, TripJournal, ("day_number",), trip_id=trip_id)
    return {r.day_number: r for r in rows}


def highlights_of(entry: TripJournal | None) -> list[str]:
    if entry is None:
        return []
    try:
        items = json.loads(entry.highlights or "[]")
    except json.JSONDecodeError:
        return []
    return [str(x) for x in items] if isinstance(items, list) else []


def _clean_book(studio: Studio, trip_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in fields.items():
        if name in _LIMITS:
            out[name] = validate.text(raw, name, max_len=_LIMITS[name])
        elif name == "size":
            size = str(raw or "").strip().lower()
            if size not in BOOK_SIZES:
                raise ValidationError(
                    "size", f"“{raw}” is not a book size; choose one of {', '.join(BOOK_SIZES)}."
                )
            out[name] = size
        elif name == "bleed":
            if not isinstance(raw, bool):
                raise ValidationError("bleed", "Bleed is either on (true) or off (false).")
            out[name] = raw
        elif name == "cover_media_id":
            if raw:
                with studio.read() as conn:
                    t = TripMedia.__table__
                    row = conn.execute(select(t).where(t.c.id == raw)).mappings().first()
                if row is None or row["deleted_at"] or row["trip_id"] != trip_id:
                    raise ValidationError(
                        "cover_media_id", "The cover must be one of this trip's photos."
                    )
            out[name] = raw or None
        else:
            raise ValidationError(name, f"A memory book has no setting “{name}”.")
    return out


def set_book(studio: Studio, trip_id: str, **fields: Any) -> MemoryBook:
    """Change the memory book's texts and options (title, subtitle, summary, closing, signature,
    size, bleed, cover_media_id). Empty texts fall back to defaults made from the trip."""
    trip = _trip(studio, trip_id)
    data = _clean_book(studio, trip_id, fields)
    with studio.transaction() as tx:
        rows = _tx_live(tx, MemoryBook, trip_id=trip_id)
        if rows:
            tx.update(MemoryBook, rows[0].id, **data)
            return tx.get(MemoryBook, rows[0].id)
        return tx.create(MemoryBook, client_id=trip.client_id, trip_id=trip_id, **data)


def book_settings(studio: Studio, trip_id: str) -> MemoryBook:
    """The trip's memory-book settings; an unsaved row of defaults when none were set."""
    trip = _trip(studio, trip_id)
    with studio.read() as conn:
        rows = _live(conn, MemoryBook, ("created_at",), trip_id=trip_id)
    return rows[0] if rows else MemoryBook(id="", client_id=trip.client_id, trip_id=trip_id)


def media_of(studio: Studio, trip_id: str, *, included_only: bool = False) -> list[TripMedia]:
    """The trip's photos in book order."""
    with studio.read() as conn:
        rows = _live(conn, TripMedia, ("position", "taken_at", "original_name"), trip_id=trip_id)
    return [r for r in rows if r.included] if included_only else rows


def get_media(studio: Studio, media_id: str) -> TripMedia:
    with studio.read() as conn:
        row = (
            conn.execute(select(TripMedia.__table__).where(TripMedia.__table__.c.id == media_id))
            .mappings()
            .first()
        )
    if row is None:
        raise NotFoundError(f"No photo with id {media_id}.")
    return TripMedia(**row)


def missing_media(studio: Studio, trip_id: str | None = None) -> list[TripMedia]:
    """Live photo rows whose file is gone from the media folder (of one trip, or of all)."""
    with studio.read() as conn:
        where = {"trip_id": trip_id} if trip_id else {}
        rows = _live(conn, TripMedia, ("position",), **where)
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


# -- thumbnails -------------------------------------------------------------------------------
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
    Image = _image_module()
    from PIL import ImageOps

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(source) as im:
                im.draft("RGB", (size, size))
                im = ImageOps.exif_transpose(im)
                im.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=2.0)
                im = to_rgb(im)
                target.parent.mkdir(parents=True, exist_ok=True)
                with atomic_path(target) as tmp:
                    im.save(tmp, "JPEG", quality=85, optimize=True)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise StudioError(
            f"The photo {row.original_name or row.sha256[:12]} cannot be read ({exc})."
        ) from None
    return target


# -- the book's content -----------------------------------------------------------------------
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _when(start: str | None, end: str | None) -> str:
    if not start:
        return ""
    a = date.fromisoformat(start)
    b = date.fromisoformat(end) if end else a
    if (a.year, a.month) == (b.year, b.month):
        return f"{_MONTHS[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{_MONTHS[a.month - 1]} – {_MONTHS[b.month - 1]} {a.year}"
    return f"{_MONTHS[a.month - 1]} {a.year} – {_MONTHS[b.month - 1]} {b.year}"


def _display(name: str, native: str | None) -> str:
    return f"{name} {native}" if native and native != name else name


def default_title(trip: Trip) -> str:
    """ "Yunnan, March 2026": the destinations (or the trip's title) and the month of travel."""
    try:
        dests = [str(d) for d in json.loads(trip.destinations or "[]") if str(d).strip()]
    except json.JSONDecodeError:
        dests = []
    if len(dests) == 1:
        where = dests[0]
    elif len(dests) == 2:
        where = f"{dests[0]} and {dests[1]}"
    else:
        where = trip.title.split(" — ")[0].split(":")[0].strip() or trip.title
    when = _when(trip.start_date, trip.end_date)
    return f"{where}, {when}" if when else where


def book_content(studio: Studio, trip_id: str) -> BookContent:
    """Everything a memory book prints for the trip, with defaults for texts left empty."""
    trip = _trip(studio, trip_id)
    book = book_settings(studio, trip_id)
    journals = journal_of(studio, trip_id)
    days = _days(studio, trip)
    with studio.read() as conn:
        items = (
            _live(conn, TripItem, ("position",), version_id=trip.current_version_id)
            if trip.current_version_id
            else []
        )
        party = _live(conn, TripTraveller, (), trip_id=trip_id)
        ids = [t.person_id for t in party]
        people = [
            Person(**r)
            for r in conn.execute(
                select(Person.__table__).where(
                    Person.__table__.c.id.in_(ids), Person.__table__.c.deleted_at.is_(None)
                )
            ).mappings()
        ]
        advisor = None
        if trip.advisor_id:
            r = (
                conn.execute(
                    select(Advisor.__table__).where(Advisor.__table__.c.id == trip.advisor_id)
                )
                .mappings()
                .first()
            )
            advisor = Advisor(**r) if r else None
    people.sort(key=lambda p: (p.position, p.name))
    from studio.services.studio_profile import profile as studio_details

    studio_name = studio_details(studio).display_name
    try:
        dests = tuple(str(d) for d in json.loads(trip.destinations or "[]") if str(d).strip())
    except json.JSONDecodeError:
        dests = ()
    places_of: dict[str, list[str]] = {}
    for it in items:
        if it.kind in _PASSING:
            continue
        if it.place.strip() and it.place.strip() not in places_of.setdefault(it.day_id, []):
            places_of[it.day_id].append(it.place.strip())
    start = date.fromisoformat(trip.start_date) if trip.start_date else None
    book_days = []
    for d in days:
        j = journals.get(d.day_number)
        when = d.date or ((start + timedelta(days=d.day_number - 1)).isoformat() if start else None)
        book_days.append(
            BookDay(
                number=d.day_number,
                date=when,
                title=d.title,
                places=tuple(places_of.get(d.id, ())),
                journal=j.journal if j else "",
                quotes=j.quotes if j else "",
                highlights=tuple(highlights_of(j)),
            )
        )
    photos = tuple(
        BookPhoto(
            media_id=m.id,
            path=stored_path(studio, m),
            width=m.width,
            height=m.height,
            day_number=m.day_number,
            caption=m.caption,
            name=m.original_name,
        )
        for m in media_of(studio, trip_id, included_only=True)
    )
    cover = book.cover_media_id if book.cover_media_id in {p.media_id for p in photos} else None
    signature = book.signature
    if not signature:
        signature = (
            f"{_display(advisor.name, advisor.native_name)} · {studio_name}"
            if advisor
            else studio_name
        )
    return BookContent(
        title=book.title or default_title(trip),
        subtitle=book.subtitle or trip.title,
        travellers=tuple(_display(p.name, p.native_name) for p in people),
        start_date=trip.start_date,
        end_date=trip.end_date,
        destinations=dests,
        summary=book.summary,
        closing=book.closing,
        signature=signature,
        studio_name=studio_name,
        cover_media_id=cover,
        days=tuple(book_days),
        photos=photos,
    )
