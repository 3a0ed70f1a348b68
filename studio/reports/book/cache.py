"""The cache of prepared photos: a rebuild after a caption or a journal line changed takes them from
here instead of preparing them again, and the book comes out byte for byte as a fresh build
would make it."""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import time
from collections.abc import Iterable
from pathlib import Path

from studio import sealed_files
from studio.reports.book.photos import JPEG_OPTIMIZE, PhotoJob

#: Bump when :func:`prepare_photo` makes different bytes for the same photo and size: photos cached
#: by older code are then not used (and age out of the cache).
PIPELINE_VERSION = 1
CACHE_LIMIT_BYTES = 500 * 1024 * 1024  # about 2,500 prepared photos of a full A4 page


_SHA256 = re.compile(r"[0-9a-f]{64}")
_STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a process that died mid-write


def source_id(path: Path) -> str:
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


class PhotoCache:
    """Prepared photos as JPEG files in ``folder/<key[:2]>/<key>.jpg``.

    The key hashes everything the bytes depend on: the source's content, the target pixel size
    (the crop is the centred crop of that shape), the colour conversion, the JPEG settings, the
    pipeline version and Pillow's version. Entries are written whole (temporary file, then a
    rename; two processes writing the same entry write the same bytes). An entry that fails the
    check is ignored and written again. Least recently used entries go when the folder holds more
    than ``limit`` bytes; a hit refreshes the entry's modification time.
    """

    def __init__(
        self,
        folder: str | os.PathLike,
        limit: int = CACHE_LIMIT_BYTES,
        *,
        seal_key: bytes | None = None,
    ):
        self.folder = Path(folder)
        self.limit = limit
        self.seal_key = seal_key  # entries are sealed with it (an encrypted studio's cache)

    @staticmethod
    def key(source_id: str, job: PhotoJob) -> str:
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
            data = sealed_files.read_bytes(path, self.seal_key)
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
            sealed_files.write_bytes(path, data, self.seal_key, durable=False)
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
