"""Photos arranged on a page: justified rows or columns, the arrangement that shows them best,
photos grouped into pages, a panorama's band across the page."""

from __future__ import annotations

import math
from dataclasses import dataclass

from studio.reports.book.content import BookPhoto
from studio.reports.book.geometry import (
    CAPTION_GAP,
    GAP,
    PANORAMA,
    STYLES,
    Frame,
    Geometry,
    Measure,
    Rect,
    frame_aspect,
    photo_aspect,
)


@dataclass
class _Arrangement:
    cells: list[tuple[int, Rect]]  # (index into the group, photo rect) relative to (0, 0)
    width: float
    height: float  # including the caption bands


def _compositions(n: int, most: int) -> list[list[int]]:
    if n == 0:
        return [[]]
    out = []
    for k in range(1, min(n, most) + 1):
        out += [[k, *rest] for rest in _compositions(n - k, most)]
    return out


def _rows(
    aspects: list[float], sizes: list[int], W: float, H: float, cap: float
) -> _Arrangement | None:
    """Justified rows (each row as wide as the block), scaled to fit ``W`` x ``H``."""
    groups, i = [], 0
    for k in sizes:
        groups.append(list(range(i, i + k)))
        i += k
    sum_a = [sum(aspects[j] for j in g) for g in groups]
    fixed = len(groups) * cap + GAP * (len(groups) - 1)
    # total height(w) = sum((w - GAP*(k-1)) / A) + fixed  -> the widest w that fits
    inv = sum(1 / a for a in sum_a)
    w = min(
        W,
        (H - fixed + sum(GAP * (len(g) - 1) / a for g, a in zip(groups, sum_a, strict=True))) / inv,
    )
    if w <= 0:
        return None
    cells, y = [], 0.0
    for g, a in zip(groups, sum_a, strict=True):
        rh = (w - GAP * (len(g) - 1)) / a
        if rh <= 0:
            return None
        x = 0.0
        for j in g:
            pw = rh * aspects[j]
            cells.append((j, Rect(x, -y - rh, pw, rh)))
            x += pw + GAP
        y += rh + cap + GAP
    return _Arrangement(cells, w, y - GAP)


def _columns(
    aspects: list[float], sizes: list[int], W: float, H: float, cap: float
) -> _Arrangement | None:
    """Justified columns (each as tall as the block), scaled to fit ``W`` x ``H``."""
    groups, i = [], 0
    for k in sizes:
        groups.append(list(range(i, i + k)))
        i += k

    def widths(h: float) -> list[float]:
        return [
            (h - len(g) * cap - GAP * (len(g) - 1)) / sum(1 / aspects[j] for j in g) for g in groups
        ]

    h = H
    total = sum(widths(h)) + GAP * (len(groups) - 1)
    if total > W:  # linear in h: shrink until it fits
        lo, hi = 0.0, H
        for _ in range(40):
            mid = (lo + hi) / 2
            if sum(widths(mid)) + GAP * (len(groups) - 1) > W:
                hi = mid
            else:
                lo = mid
        h = lo
    ws = widths(h)
    if min(ws) <= 0:
        return None
    cells, x = [], 0.0
    for g, cw in zip(groups, ws, strict=True):
        y = 0.0
        for j in g:
            ph = cw / aspects[j]
            cells.append((j, Rect(x, -y - ph, cw, ph)))
            y += ph + cap + GAP
        x += cw + GAP
    return _Arrangement(cells, x - GAP, h)


def _candidates(aspects: list[float], W: float, H: float, cap: float) -> list[_Arrangement]:
    n = len(aspects)
    out = []
    for sizes in _compositions(n, 3):
        # a panorama gets a row of its own
        i, ok = 0, True
        for k in sizes:
            if k > 1 and any(aspects[j] >= PANORAMA for j in range(i, i + k)):
                ok = False
            i += k
        if ok and (a := _rows(aspects, sizes, W, H, cap)):
            out.append(a)
        if n > 1 and not any(a >= PANORAMA for a in aspects) and len(sizes) > 1:
            if c := _columns(aspects, sizes, W, H, cap):
                out.append(c)
    return out


def _score(arr: _Arrangement, W: float, H: float) -> float:
    """How good a page is: photos shown large, the type area filled, nothing tiny."""
    area = W * H
    fracs = [r.w * r.h / area for _, r in arr.cells]
    value = sum(math.sqrt(f) for f in fracs)
    if min(fracs) < 0.06:
        value -= 0.6
    return value + 0.3 * (arr.width * arr.height / area)


CROP = 1.1  # how much wider or taller than the photo a frame may be, to fill the page better


def _best(
    aspects: list[float], W: float, H: float, cap: float
) -> tuple[float, _Arrangement] | None:
    best = None
    # several photos may be cropped a little (all alike) when that fills the page better
    for f in (1.0, CROP, 1 / CROP) if len(aspects) > 1 else (1.0,):
        shaped = [a if a >= PANORAMA else a * f for a in aspects]
        for arr in _candidates(shaped, W, H, cap):
            s = _score(arr, W, H) - (0.05 if f != 1.0 else 0.0)
            if best is None or s > best[0]:
                best = (s, arr)
    return best


PAGE_COST = 1.25  # what a page costs against the photos' display size (fewer, fuller pages)


def group(photos: list[BookPhoto], W: float, H: float, cap: float) -> list[list[int]]:
    """Photos split into consecutive pages of 1-4, the best pages for the fewest paper."""
    n = len(photos)
    aspects = [frame_aspect(photo_aspect(p)) for p in photos]
    best: list[tuple[float, list[list[int]]]] = [(0.0, [])] * (n + 1)
    for i in range(n - 1, -1, -1):
        cand = None
        for k in range(1, min(4, n - i) + 1):
            r = _best(aspects[i : i + k], W, H, cap)
            if r is None:
                continue
            total = r[0] - PAGE_COST + best[i + k][0]
            if cand is None or total > cand[0]:
                cand = (total, [list(range(i, i + k)), *best[i + k][1]])
        best[i] = cand or (best[i + 1][0], [[i], *best[i + 1][1]])
    return best[0][1]


def place(
    photos: list[BookPhoto], box: Rect, measure: Measure, valign: str = "center"
) -> list[Frame]:
    """Photos (and their captions) arranged in ``box``: the arrangement that shows them best."""
    aspects = [frame_aspect(photo_aspect(p), alone=len(photos) == 1) for p in photos]
    cap = 0.0
    if any(p.caption for p in photos):
        cap = CAPTION_GAP + STYLES["caption"].leading
    for _ in range(3):
        r = _best(aspects, box.w, box.h, cap)
        if r is None:
            return []
        arr = r[1]
        need = max(
            (
                CAPTION_GAP + measure(photos[j].caption, "caption", rect.w)
                for j, rect in arr.cells
                if photos[j].caption
            ),
            default=0.0,
        )
        if need <= cap + 0.01:
            break
        cap = need
    x0 = box.x + (box.w - arr.width) / 2
    top = box.top - (box.h - arr.height) * (0.5 if valign == "center" else 1.0)
    frames = []
    for j, rect in arr.cells:
        pr = Rect(x0 + rect.x, top + rect.y, rect.w, rect.h)
        frames.append(Frame("photo", pr, photos[j].media_id))
        if photos[j].caption:
            ch = measure(photos[j].caption, "caption", pr.w)
            frames.append(
                Frame(
                    "text",
                    Rect(pr.x, pr.y - CAPTION_GAP - ch, pr.w, ch),
                    "caption",
                    photos[j].caption,
                    caption_of=photos[j].media_id,
                )
            )
    return frames


def panorama_band(p: BookPhoto, g: Geometry, measure: Measure) -> list[Frame]:
    """A panorama alone on its page: a band across the whole page, bleed edge to bleed edge."""
    b = g.bleed
    w = g.width + 2 * b
    h = min(w / frame_aspect(photo_aspect(p), alone=True), g.content.h * 0.62)
    y = g.content.y + (g.content.h - h) * 0.55
    frames = [Frame("photo", Rect(-b, y, w, h), p.media_id, bleed=True)]
    if p.caption:
        ch = measure(p.caption, "caption", g.content.w * 0.6)
        frames.append(
            Frame(
                "text",
                Rect(g.content.x, y - 3 * CAPTION_GAP - ch, g.content.w * 0.6, ch),
                "caption",
                p.caption,
                caption_of=p.media_id,
            )
        )
    return frames
