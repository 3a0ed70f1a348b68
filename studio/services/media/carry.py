"""The photo files carried with an export of the studio (a folder beside the exported file) and
taken back in on import, each checked against its hash."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from studio import sealed_files
from studio.errors import StudioError
from studio.services.media.files import media_dir, store_file
from studio.services.media.probe import FORMATS
from studio.store import Studio

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
        size = sealed_files.content_size(source, studio.media_key)
        if not (target.is_file() and target.stat().st_size == size):
            try:  # an export's photos are plain copies: the export is the user's own file
                target.parent.mkdir(parents=True, exist_ok=True)
                sealed_files.copy_out(source, studio.media_key, target)
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
