"""The trip memory book: a print-shop-ready PDF of a trip's photos and story.

:func:`write_book` checks the photos, lays the book out (:mod:`studio.reports.book.layout`),
prepares every placed photo in parallel worker processes and draws the pages with reportlab.

Each photo is decoded at a reduced scale (JPEG draft mode), turned upright (EXIF), cropped to its
frame, converted to 8-bit sRGB, resized to 300 ppi at its placed size (never upscaled) and
encoded once as JPEG; those bytes go into the PDF unchanged (DCTDecode, no ASCII85 on top).
Broken, missing or unsupported photos are reported by name in the :class:`Preflight` and left
out; the layout is redone without them. The file is written whole or not at all.

Given a ``cache_dir``, the prepared photos are kept there (:class:`~studio.reports.book.cache.PhotoCache`): a rebuild after a
caption or a journal line changed takes them from the cache instead of preparing them again, and
the book comes out byte for byte as a fresh build would make it.
"""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from studio.errors import StudioError
from studio.fileio import atomic_path
from studio.reports import fonts, text_runs
from studio.reports.book.cache import PhotoCache, source_id
from studio.reports.book.content import BookContent, BookPhoto
from studio.reports.book.geometry import MM, SIZES, BookLayout, Geometry
from studio.reports.book.layout import layout_book
from studio.reports.book.photos import (
    LOW_PPI,
    PhotoJob,
    Prepared,
    check_photo,
    job_for,
    label,
    pixel_limit,
    prepare_photo,
    register_heif,
)
from studio.reports.book.preflight import BuildCancelled, ImageReport, Preflight, Problem
from studio.reports.book.text import Typesetter

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

SLUG = 9 * MM  # beyond the bleed, where the crop marks go
_RULE, _FILL = "#c9bfa8", "#d9cdb4"


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
        embedded = desc is not None and bool(
            re.search(rb"/FontFile[23]?\s", objs.get(int(desc.group(1)), b""))
        )
        found[base] = found.get(base, True) and embedded
    return sorted(found.items())


def _draw_marks(c: Canvas, g: Geometry, off: float) -> None:
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


def write_book(
    content: BookContent,
    out: str | os.PathLike,
    *,
    size: str = "a4",
    bleed: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
    cache_dir: str | os.PathLike | None = None,
    seal_key: bytes | None = None,
) -> Preflight:
    """Write the memory book for ``content`` to ``out``; the preflight of what was written.

    ``cache_dir``: where prepared photos are kept between builds (None: prepared on every build).
    ``seal_key``: the photo files and the cache's entries are sealed with it (an encrypted
    studio); the photos are then decrypted as they are read, a chunk at a time.
    """
    if size not in SIZES:
        raise StudioError(f"The book size must be one of {', '.join(SIZES)}, not “{size}”.")
    t0 = time.perf_counter()
    out = Path(out)
    workers = max(1, workers or os.cpu_count() or 1)
    report = Preflight(out, size, bleed)
    ts = Typesetter()

    def tell(done: int, total: int, message: str) -> None:
        if progress is not None:
            progress(done, total, message)

    _checked(cancel)
    usable: list[BookPhoto] = []
    with pixel_limit():
        register_heif()
        for p in content.photos:
            ok, why = check_photo(p, seal_key)
            if ok is None:
                report.problems.append(Problem(label(p), why))
            else:
                usable.append(ok)
    by_id = {p.media_id: p for p in usable}

    cache = PhotoCache(cache_dir, seal_key=seal_key) if cache_dir is not None else None
    cache_keys: dict[tuple, str] = {}  # job key -> cache key
    hits: set[tuple] = set()
    prepared: dict[tuple, Prepared] = {}
    pool: ProcessPoolExecutor | None = None
    try:
        while True:  # lay out; prepare; a photo that fails to decode goes and the layout is redone
            _checked(cancel)
            layout = layout_book(replace(content, photos=tuple(usable)), size, bleed, ts.measure)
            jobs = {}
            for _, frame in layout.placements().values():
                p = by_id[frame.ref]
                job = job_for(p, frame, seal_key)
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

            def tick(n: int, total: int = total) -> None:
                tell(n, total, f"Preparing photo {n} of {len(usable)}")

            try:
                failed = _run(jobs, prepared, pool, cancel, tick)
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
                report.problems.append(Problem(label(p), prepared.pop(key).error))
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    _checked(cancel)
    with atomic_path(out) as tmp, text_runs.collect_missing() as missing:
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
    report.missing_glyphs = [m.describe() for m in missing]
    for i, page in enumerate(layout.pages):
        for frame in page.photos():
            p = by_id[frame.ref]
            r = prepared[job_for(p, frame).key]
            ppi = r.pixels[0] / (frame.rect.w / 72)
            report.images.append(
                ImageReport(
                    label(p),
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
    cache: PhotoCache, cache_keys: dict[tuple, str], p: BookPhoto, job: PhotoJob
) -> Prepared | None:
    """The photo as ``job`` wants it, prepared by an earlier build; None when it must be prepared."""
    if job.key not in cache_keys:
        try:
            cache_keys[job.key] = PhotoCache.key(source_id(p.path), job)
        except OSError:
            return None
    found = cache.get(cache_keys[job.key])
    if found is None:
        return None
    data, pixels = found
    return Prepared(job.key, data, pixels, (p.width, p.height))


def _run(
    jobs: dict[tuple, PhotoJob],
    prepared: dict[tuple, Prepared],
    pool: ProcessPoolExecutor | None,
    cancel: Callable[[], bool] | None,
    tick: Callable[[int], None],
) -> list[tuple]:
    """Prepare ``jobs`` (in ``pool`` if given); the keys of those that failed."""
    failed: list[tuple] = []
    done = len(prepared)

    def take(r: Prepared) -> None:
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

    def jpeg_fh(self) -> io.BytesIO:
        return io.BytesIO(self.data)

    def __str__(self) -> str:  # reportlab names the image XObject after this
        return "jpeg:" + ":".join(map(str, self.key))


def _draw(
    layout: BookLayout,
    content: BookContent,
    by_id: dict[str, BookPhoto],
    prepared: dict[tuple, Prepared],
    path: Path,
    ts: Typesetter,
    cancel: Callable[[], bool] | None,
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
                    key = job_for(p, frame).key
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
