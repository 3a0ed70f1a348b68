"""Adding photos to a trip: the slow part (decoding, hashing and copying each file into the media
folder) in :func:`prepare_import`, which writes no row, and the rows in one transaction in
:func:`write_import`; :func:`add_media` does both. The desktop app runs the first off the GUI
thread and the second as one undoable command."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from studio.domain.base import table_of
from studio.domain.media_models import TripMedia
from studio.services.media.files import store_file
from studio.services.media.probe import Probe, UnusablePhoto, probe
from studio.services.media.rows import day_dates, live_rows, trip_row
from studio.store import Studio


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


@dataclass
class PreparedImport:
    """What :func:`prepare_import` took in: the files already copied into the media folder, in
    the order their rows will be added, and the import's report so far. Holds no row."""

    trip_id: str
    taken: list[tuple[str, str, Probe]] = field(default_factory=list)  # (file name, sha256, probe)
    result: MediaImport = field(default_factory=MediaImport)

    def text(self) -> str:
        """What the import is called on the undo stack."""
        n = len(self.taken)
        return f"Add {n} photos" if n != 1 else "Add a photo"


def prepare_import(
    studio: Studio,
    trip_id: str,
    paths_: Sequence[str | Path] | str | Path,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> PreparedImport:
    """The slow part of an import, safe off the GUI thread: decode, hash and copy each file into
    the media folder (files are never a row: nothing to undo). Writes no row; hand the result to
    :func:`write_import`. Photos already in the trip are reported as duplicates; ``cancel()``
    stops early, keeping what was taken in so far."""
    trip_row(studio, trip_id)
    prepared = PreparedImport(trip_id)
    result = prepared.result
    if isinstance(paths_, (str, Path)):
        paths_ = [paths_]
    files = _files(paths_, result.skipped)
    with studio.read() as conn:
        live_shas = {m.sha256 for m in live_rows(conn, TripMedia, (), trip_id=trip_id)}
    taken: list[tuple[Path, str, Probe]] = []
    for n, f in enumerate(files):
        if cancel and cancel():
            result.cancelled = True
            break
        try:
            info = probe(f)
            sha = _sha256_of(f)
        except UnusablePhoto as exc:
            result.skipped.append((f.name, str(exc)))
        except OSError as exc:
            result.skipped.append((f.name, f"{f.name} cannot be read ({exc.strerror or exc})."))
        else:
            if sha in live_shas:
                result.duplicates.append(f.name)
            else:
                store_file(studio, f, sha, info.ext)  # streamed (sealed when encrypted)
                live_shas.add(sha)
                taken.append((f, sha, info))
        if progress:
            progress(n + 1, len(files), f.name)
    taken.sort(key=lambda x: (x[2].taken_at is None, x[2].taken_at or "", x[0].name.lower()))
    prepared.taken = [(f.name, sha, info) for f, sha, info in taken]
    return prepared


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_import(studio: Studio, prepared: PreparedImport) -> MediaImport:
    """The rows of a prepared import, in one transaction (one undo step): each photo tied to the
    day it was taken, put in among the trip's photos by date (a hand-made order is kept); a photo
    removed from the trip earlier comes back. Returns the import's report."""
    trip_id = prepared.trip_id
    trip = trip_row(studio, trip_id)
    result = prepared.result
    if not prepared.taken:
        return result
    day_of = day_dates(studio, trip)
    with studio.transaction() as tx:
        tx.flush()
        t = table_of(TripMedia)
        existing = [
            TripMedia(**r)
            for r in tx.conn.execute(select(t).where(t.c.trip_id == trip_id)).mappings()
        ]
        live_shas = {m.sha256 for m in existing if m.deleted_at is None}
        deleted_by_sha = {m.sha256: m for m in existing if m.deleted_at is not None}
        current = [m for m in existing if m.deleted_at is None]
        current.sort(key=lambda m: (m.position, m.id))
        for name, sha, info in prepared.taken:
            if sha in live_shas:  # added meanwhile, by another way in
                result.duplicates.append(name)
                continue
            live_shas.add(sha)
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
                assert row is not None  # restored just above
            else:
                row = tx.create(
                    TripMedia,
                    client_id=trip.client_id,
                    trip_id=trip_id,
                    sha256=sha,
                    ext=info.ext,
                    original_name=name[:255],
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
        result.tx = tx.id if result.added else None
        # read back inside the transaction: it may be part of a larger one not yet committed
        tx.flush()
        ids = {m.id for m in result.added}
        order = ("position", "taken_at", "original_name")
        result.added = [
            m for m in live_rows(tx.conn, TripMedia, order, trip_id=trip_id) if m.id in ids
        ]
    return result


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
    prepared = prepare_import(studio, trip_id, paths_, progress=progress, cancel=cancel)
    return write_import(studio, prepared)
