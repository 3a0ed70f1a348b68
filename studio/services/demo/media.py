"""Photos and the trip's story for the demo studio's completed trips, so a memory book can be built
right after ``travel-studio demo``.

The photos are painted by code (no downloads): skies in gradients, mountain ridges, lakes, rice
terraces, lavender and tea rows, old-town roofs, lanterns at night. Each is drawn small with smooth
shapes and soft edges, then enlarged to print size (long side 3,000 px, the panorama 3,600 px; bilinear, which smooth
shapes do not mind) and saved as JPEG with
an EXIF date (and, for a few portraits, an Orientation tag with the pixels stored sideways, as
phones do). Deterministic from the seed. Runs after the demo trips
(:func:`studio.services.demo.build.build_demo`); rows go through the one write path with seeded ids.
"""

from __future__ import annotations

import functools
import hashlib
import io
import math
import random
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from studio.domain import dates
from studio.domain.media_models import MemoryBook, TripJournal, TripMedia
from studio.domain.trip_models import Trip
from studio.reports.words import month_span
from studio.services.demo.common import seeded_id
from studio.services.media.editing import highlights_json
from studio.services.media.files import store_file
from studio.services.media.rows import trip_days, trip_row
from studio.store import Studio

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

#: Print size: the long side of each photo, and the small size it is painted at.
LONG_SIDE = 3000
PANORAMA = (3600, 1200)
_PAINT_LONG = 480

#: Aspect ratios of a trip's 20 photos (w, h): mostly 3:2, some portraits, 4:3, squares, a panorama.
_SHAPES = [(3, 2)] * 9 + [(2, 3)] * 4 + [(4, 3)] * 3 + [(1, 1)] * 3 + [(3, 1)]

_PALETTES = {
    "dawn": ((246, 196, 160), (140, 170, 210)),
    "day": ((120, 170, 225), (205, 225, 240)),
    "dusk": ((60, 50, 110), (240, 150, 110)),
    "haze": ((180, 200, 215), (235, 232, 220)),
}


class _Story(TypedDict):
    scenes: list[list[tuple[str, str]]]  # per day: (scene kind, caption)
    journal: list[tuple[str, str, list[str]]]  # per day: (journal, quotes, highlights)
    subtitle: str
    summary: str
    closing: str


# Per destination: the scenes of each day with captions (English, then Chinese on some).
_STORIES: dict[str, _Story] = {
    "Yunnan": {
        "scenes": [
            [
                ("roofs", "Grey-tiled roofs of Lijiang old town in the morning light"),
                ("lanterns", "Red lanterns along the canals of Dayan, 丽江古城"),
                ("lake", "Black Dragon Pool with Jade Dragon Snow Mountain behind it"),
                ("mountains", "First sight of the snow peaks from the lodge terrace"),
                ("tea", "A tea garden on the hillside above the town"),
                ("lanterns", "Evening in the old town: music drifting from every courtyard"),
                ("roofs", "Courtyard houses of the Naxi, seen from Lion Hill"),
            ],
            [
                ("mountains", "Tiger Leaping Gorge from the upper trail, 虎跳峡"),
                ("terraces", "Terraced fields on the way to the 28 bends"),
                ("mountains", "The Jinsha River far below the Haba snow range"),
                ("terraces", "Barley terraces at Walnut Garden"),
                ("lake", "Lunch stop by a quiet reservoir"),
                ("mountains", "Late light on the Jade Dragon range"),
            ],
            [
                ("mountains", "The road climbing to 3,300 metres"),
                ("lake", "Napa Lake and its grasslands, 纳帕海"),
                ("terraces", "Highland barley drying racks near Shangri-La"),
                ("roofs", "Golden roofs of Songzanlin Monastery"),
                ("lanterns", "Prayer lamps in Dukezong old town at dusk"),
                ("lake", "Stillness on the lake before dinner"),
                ("tea", "Yak butter tea by the fire"),
            ],
        ],
        "journal": [
            (
                "We landed in Lijiang under a soft, clear sky and walked straight into the old town. "
                "The canals, the willow trees and the sound of Naxi music in the courtyards set the pace "
                "for the whole trip: slow, curious, unhurried.\n\n"
                "抵达丽江，入住松赞酒店后我们漫步古城，傍晚在四方街听纳西古乐。",
                "“We could have stayed on that terrace all evening.”",
                [
                    "Black Dragon Pool at golden hour",
                    "Naxi music in a family courtyard",
                    "雪山日落",
                ],
            ),
            (
                "The upper trail of Tiger Leaping Gorge is the walk the family had been waiting for. "
                "Our guide set an easy pace; the children counted the 28 bends and won every one of them. "
                "Lunch at Tina's guesthouse, with the river thundering two thousand metres below.\n\n"
                "虎跳峡高路徒步，天气晴朗，孩子们一路数着二十八道拐。",
                "“The most beautiful walk of our lives.”",
                ["The 28 bends, conquered", "Walnut Garden's barley terraces", "虎跳峡的江声"],
            ),
            (
                "A long, beautiful drive up to Shangri-La, taking the altitude gently. Songzanlin "
                "Monastery in the afternoon, then a Tibetan hotpot in Dukezong while the prayer lamps "
                "were lit one by one.\n\n"
                "登上香格里拉，参观松赞林寺，晚上在独克宗古城吃藏式火锅。",
                "“我们一定还会再来。”",
                ["Songzanlin Monastery", "Napa Lake grasslands", "酥油茶"],
            ),
        ],
        "subtitle": "From the canals of Lijiang to the high plateau · 从丽江到香格里拉",
        "summary": (
            "Three days from the canals of Lijiang to the high plateau of Shangri-La: an old town "
            "in lantern light, the upper trail of Tiger Leaping Gorge, and a monastery under "
            "the snow peaks. 从丽江古城到香格里拉，一段慢下来的旅程。"
        ),
        "closing": (
            "Thank you for letting us plan this journey with you. We hope these pages bring back "
            "the sound of the gorge and the taste of butter tea for many years. 期待下一次同行。"
        ),
    },
    "Provence": {
        "scenes": [
            [
                ("roofs", "Avignon's rooftops from the Rocher des Doms"),
                ("lake", "The Rhône and the Pont Saint-Bénezet"),
                ("roofs", "Place Crillon in the afternoon sun"),
                ("lanterns", "Dinner on the terrace of the Hôtel d'Europe"),
                ("mountains", "Mont Ventoux on the horizon"),
                ("lake", "Evening light on the river"),
            ],
            [
                ("roofs", "The Palais des Papes, 教皇宫"),
                ("roofs", "Cloister of the Palais, cool after the square"),
                ("terraces", "Vineyards below Gordes"),
                ("mountains", "Gordes on its hill"),
                ("lavender", "Lavender at the edge of the village"),
                ("lanterns", "A long lunch under the plane trees"),
                ("lake", "A fountain in the old town"),
            ],
            [
                ("lavender", "Valensole at eight in the morning, 瓦朗索勒薰衣草田"),
                ("lavender", "Rows and rows of lavender"),
                ("terraces", "Sunflowers beside the lavender"),
                ("mountains", "The plateau and the Alps beyond"),
                ("lavender", "The bees were there first"),
                ("lake", "Lac de Sainte-Croix on the way back"),
                ("lavender", "One last field before the road home"),
            ],
        ],
        "journal": [
            (
                "Arrival in Avignon after the night flight, met on the TGV platform and driven the last "
                "minutes to the Hôtel d'Europe. A quiet first afternoon: the Rocher des Doms, the bridge, "
                "and an early dinner on the terrace.\n\n抵达阿维尼翁，傍晚在酒店露台用餐。",
                "“The first evening already felt like a holiday.”",
                ["The bridge of the song", "Dinner under the plane trees", "罗讷河的黄昏"],
            ),
            (
                "The Palais des Papes with our guide, then lunch at a starred mas near Gordes. The wine "
                "was local, the lunch lasted three hours, and nobody complained.\n\n"
                "参观教皇宫，午餐在戈尔德附近的米其林农庄。",
                "“Three hours for lunch is exactly right.”",
                ["Palais des Papes", "Gordes on its hill", "普罗旺斯的午餐"],
            ),
            (
                "An early start for Valensole: the lavender rows ran to the horizon and we had the fields "
                "almost to ourselves. Hats on — there is little shade on the plateau.\n\n"
                "清晨的瓦朗索勒，薰衣草田一望无际，几乎没有游客。",
                "“薰衣草的香味我会一直记得。”",
                ["Lavender at 8 a.m.", "Sunflowers and bees", "圣十字湖"],
            ),
        ],
        "subtitle": "Avignon, the Luberon and the lavender of Valensole",
        "summary": (
            "Three days in Provence: the papal city of Avignon, a long lunch in the Luberon and "
            "the lavender of Valensole at sunrise. 阿维尼翁、吕贝隆与瓦朗索勒的薰衣草。"
        ),
        "closing": (
            "It was a joy to prepare these days for you. May this book keep the colour of the "
            "lavender and the light of Provence on your shelf. À bientôt — 期待再见。"
        ),
    },
}


# -- painting ---------------------------------------------------------------------------------
def _lerp(a: Sequence[float], b: Sequence[float], t: float) -> tuple[int, ...]:
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b, strict=True))


def _gradient(size: tuple[int, int], top: Sequence[int], bottom: Sequence[int]) -> PILImage:
    from PIL import Image

    w, h = size
    col = Image.linear_gradient("L").resize((1, h))
    r, g, b = (col.point(lambda v, i=i: top[i] + (bottom[i] - top[i]) * v / 255) for i in range(3))
    return Image.merge("RGB", (r, g, b)).resize((w, h))


def _ridge(rng: random.Random, w: int, base: float, rough: float, n: int = 9) -> list[float]:
    pts = [base + rng.uniform(-rough, rough) for _ in range(n)]
    out = []
    for x in range(w + 1):
        f = x / w * (n - 1)
        i = min(int(f), n - 2)
        t = f - i
        t = t * t * (3 - 2 * t)
        out.append(pts[i] + (pts[i + 1] - pts[i]) * t + rough * 0.15 * math.sin(x * 0.11 + base))
    return out


def paint(kind: str, size: tuple[int, int], rng: random.Random) -> PILImage:
    """A small painted scene of ``kind`` (sky, mountains, lake, terraces, lavender, tea, roofs,
    lanterns) at ``size``, soft enough to be enlarged."""
    from PIL import Image, ImageDraw, ImageFilter

    w, h = size
    night = kind == "lanterns"
    palette = _PALETTES["dusk" if night else rng.choice(("dawn", "day", "day", "haze", "dusk"))]
    horizon = int(h * rng.uniform(0.38, 0.55))
    im = _gradient((w, h), *palette)
    d = ImageDraw.Draw(im)
    # the sun (or moon), softly glowing
    sx, sy, sr = (
        rng.randint(w // 6, 5 * w // 6),
        rng.randint(h // 10, max(h // 10 + 1, horizon - h // 8)),
        max(4, w // 22),
    )
    glow = Image.new("L", (w, h), 0)
    ImageDraw.Draw(glow).ellipse((sx - sr * 3, sy - sr * 3, sx + sr * 3, sy + sr * 3), fill=110)
    im.paste((255, 240, 210), mask=glow.filter(ImageFilter.GaussianBlur(sr * 1.5)))
    d.ellipse(
        (sx - sr, sy - sr, sx + sr, sy + sr), fill=(255, 246, 225) if not night else (235, 230, 210)
    )
    # clouds
    clouds = Image.new("L", (w, h), 0)
    cd = ImageDraw.Draw(clouds)
    for _ in range(rng.randint(2, 6)):
        cx, cy = rng.randint(0, w), rng.randint(0, max(1, horizon - h // 10))
        cw, ch = rng.randint(w // 10, w // 4), rng.randint(h // 40 + 2, h // 14 + 3)
        cd.ellipse((cx - cw, cy - ch, cx + cw, cy + ch), fill=rng.randint(90, 170))
    im.paste(
        (250, 250, 252) if not night else (90, 80, 120),
        mask=clouds.filter(ImageFilter.GaussianBlur(h / 40)),
    )
    # far ridges, fading with distance
    far = (150, 165, 190) if not night else (55, 50, 85)
    near = {"lavender": (70, 90, 70), "tea": (40, 95, 55), "terraces": (70, 110, 60)}.get(
        kind, (55, 80, 75)
    )
    if night:
        near = (30, 28, 45)
    layers = 4 if kind == "mountains" else 2
    for i in range(layers):
        t = i / max(1, layers - 1)
        top = horizon - h * (0.28 if kind == "mountains" else 0.1) * (1 - t * 0.6)
        ys = _ridge(rng, w, top, h * (0.12 if kind == "mountains" else 0.04), n=rng.randint(5, 11))
        colour = _lerp(far, near, t * (0.7 if kind == "mountains" else 0.4))
        d.polygon([(0, h), *[(x, y) for x, y in enumerate(ys)], (w, h)], fill=colour)
        if kind == "mountains" and i == 0:  # snow on the highest ridge
            d.line(
                [(x, y + 2) for x, y in enumerate(ys)], fill=(245, 247, 250), width=max(2, h // 80)
            )
    ground = horizon
    if kind == "lake":
        water_top = ground
        sky_band = im.crop((0, max(0, 2 * water_top - h), w, water_top)).transpose(
            Image.Transpose.FLIP_TOP_BOTTOM
        )
        water = sky_band.resize((w, h - water_top)).point(lambda v: int(v * 0.82))
        im.paste(water, (0, water_top))
        for _ in range(40):
            y = rng.randint(water_top + 2, h - 1)
            x = rng.randint(0, w)
            d.line(
                (x, y, x + rng.randint(w // 30, w // 8), y),
                fill=_lerp(palette[1], (255, 255, 255), 0.5),
                width=1,
            )
    elif kind in ("terraces", "tea", "lavender"):
        rows = rng.randint(7, 12)
        for r in range(rows):
            t = r / rows
            y0 = ground + (h - ground) * (t**1.6)
            y1 = ground + (h - ground) * (((r + 1) / rows) ** 1.6)
            wave = rng.uniform(0.5, 1.5)
            edge = [
                (x, y0 + (y1 - y0) * 0.35 * math.sin(x / w * math.pi * wave + r))
                for x in range(0, w + 8, 8)
            ]
            if kind == "lavender":
                fill = (
                    _lerp((120, 95, 170), (150, 110, 200), t)
                    if r % 2 == 0
                    else _lerp((70, 95, 60), (90, 120, 70), t)
                )
            elif kind == "tea":
                fill = (
                    _lerp((60, 120, 70), (30, 95, 50), t)
                    if r % 2 == 0
                    else _lerp((95, 140, 80), (60, 115, 60), t)
                )
            else:
                fill = (
                    _lerp((150, 185, 120), (90, 140, 80), t)
                    if r % 3
                    else _lerp((170, 195, 215), (120, 160, 190), t)
                )
            d.polygon([(0, h), *edge, (w, h)], fill=fill)
    elif kind == "mountains":  # a meadow in the foreground, pines along its edge
        ys = _ridge(rng, w, h * rng.uniform(0.74, 0.84), h * 0.03, n=5)
        d.polygon([(0, h), *[(x, y) for x, y in enumerate(ys)], (w, h)], fill=(92, 120, 70))
        for _ in range(rng.randint(6, 14)):
            px = rng.randint(0, w)
            py, ph = ys[min(px, w)] + 2, rng.randint(h // 14, h // 7)
            d.polygon([(px - ph // 4, py), (px, py - ph), (px + ph // 4, py)], fill=(34, 62, 44))
    elif kind in ("roofs", "lanterns"):
        d.rectangle((0, ground, w, h), fill=_lerp(far, near, 0.5))
        for row, (drop, scale, haze) in enumerate(((h // 30, 0.6, 0.45), (h // 4, 1.0, 0.0))):
            x = -rng.randint(0, w // 10) - row * w // 12
            while x < w:
                bw = int(rng.randint(w // 6, w // 3) * scale)
                base = ground + drop + rng.randint(0, h // 14)
                roof_h = int(rng.randint(h // 16, h // 10) * scale)
                wall = _lerp((215, 205, 185) if not night else (80, 50, 40), far, haze)
                tile = _lerp((60, 62, 68) if not night else (20, 18, 26), far, haze)
                d.rectangle((x + bw * 0.08, base, x + bw * 0.92, h), fill=wall)
                # a tiled roof with upturned eaves
                d.polygon(
                    [
                        (x - bw * 0.08, base - roof_h * 0.25),
                        (x + bw * 0.12, base - roof_h),
                        (x + bw * 0.88, base - roof_h),
                        (x + bw * 1.08, base - roof_h * 0.25),
                        (x + bw * 0.92, base + 3),
                        (x + bw * 0.08, base + 3),
                    ],
                    fill=tile,
                )
                d.line(
                    (x + bw * 0.12, base - roof_h, x + bw * 0.88, base - roof_h),
                    fill=_lerp(tile, (200, 200, 200), 0.3),
                    width=max(1, h // 150),
                )
                for wy in range(
                    int(base + h * 0.06 * scale), h - h // 14, max(6, int(h * scale) // 7)
                ):
                    for k in range(3):
                        wx = x + bw * (0.2 + 0.25 * k)
                        lit = _lerp((255, 200, 120) if night else (110, 70, 55), far, haze)
                        d.rectangle((wx, wy, wx + bw * 0.12, wy + h * 0.05 * scale), fill=lit)
                x += bw + rng.randint(-bw // 6, bw // 10)
    if night:
        glow = Image.new("L", (w, h), 0)
        gd = ImageDraw.Draw(glow)
        spots = []
        for _ in range(rng.randint(8, 16)):
            lx, ly = rng.randint(0, w), rng.randint(int(h * 0.15), int(h * 0.75))
            lr = rng.randint(max(3, w // 70), max(4, w // 35))
            spots.append((lx, ly, lr))
            gd.ellipse((lx - lr * 3, ly - lr * 3, lx + lr * 3, ly + lr * 3), fill=140)
        im.paste((255, 150, 80), mask=glow.filter(ImageFilter.GaussianBlur(w / 60)))
        for lx, ly, lr in spots:
            d.line((lx, ly - lr * 2.5, lx, ly - lr), fill=(40, 30, 30), width=1)
            d.ellipse((lx - lr, ly - lr * 1.2, lx + lr, ly + lr * 1.2), fill=(205, 35, 30))
            d.line((lx - lr, ly, lx + lr, ly), fill=(240, 180, 60), width=1)
    # the foreground a little darker, as a lens sees it
    shade = (
        Image.linear_gradient("L")
        .resize((1, h))
        .point(lambda v: max(0, v - 140) * 1.1)
        .resize((w, h))
    )
    im.paste((15, 20, 25), mask=shade)
    return im.filter(ImageFilter.GaussianBlur(0.6))


@functools.lru_cache(
    maxsize=80
)  # a second demo with the same seed in one process (tests) paints nothing again
def _photo_bytes(
    kind: str, shape: tuple[int, int], seed: str, taken: str, orientation: int
) -> bytes:
    """One finished demo photo: painted, enlarged to print size, JPEG with EXIF (~200 KB)."""
    from PIL import Image

    rng = random.Random(seed)
    sw, sh = shape
    if (sw, sh) == (3, 1):
        full = PANORAMA
    elif sw >= sh:
        full = (LONG_SIDE, round(LONG_SIDE * sh / sw))
    else:
        full = (round(LONG_SIDE * sw / sh), LONG_SIDE)
    small = (
        max(8, round(full[0] * _PAINT_LONG / max(full))),
        max(8, round(full[1] * _PAINT_LONG / max(full))),
    )
    im = paint(kind, small, rng).resize(full, Image.Resampling.BILINEAR)
    if orientation == 6:  # stored sideways; the Orientation tag turns it upright again
        im = im.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x010F] = "Travel Studio demo"  # Make
    exif.get_ifd(0x8769)[0x9003] = taken.replace("-", ":").replace("T", " ")
    if orientation != 1:
        exif[0x0112] = orientation
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85, exif=exif.tobytes())
    return buf.getvalue()


# -- the demo ---------------------------------------------------------------------------------
def _story_key(trip: Trip) -> str | None:
    return next((k for k in _STORIES if k in trip.title), None)


def add_media_demo(studio: Studio, *, seed: int, today: date) -> str:
    """Photos, day journals and book texts for up to two completed demo trips; returns ", N photos"."""
    rng = random.Random(f"travel-studio-demo-media-{seed}")
    with studio.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id FROM trip WHERE deleted_at IS NULL AND status = 'completed' "
            "AND current_version_id IS NOT NULL ORDER BY start_date, id"
        ).fetchall()
    chosen = []
    seen_story = set()
    for (trip_id,) in rows:
        trip = trip_row(studio, trip_id)
        key = _story_key(trip)
        if key not in seen_story and key in _STORIES:
            seen_story.add(key)
            chosen.append(trip)
        if len(chosen) == 2:
            break
    if not chosen:
        return ""
    jobs = []  # (trip, day number, kind, caption, shape, seed, taken, orientation)
    for trip in chosen:
        key = _story_key(trip)
        assert key is not None and trip.start_date is not None  # chosen for its story, completed
        story = _STORIES[key]
        days = trip_days(studio, trip)
        shapes = list(_SHAPES)
        rng.shuffle(shapes)
        slots = [(d, s) for d, scenes in zip(days, story["scenes"], strict=False) for s in scenes]
        start = date.fromisoformat(trip.start_date)
        portraits = 0
        for n, ((day, (kind, caption)), shape) in enumerate(zip(slots, shapes, strict=False)):
            when = (
                date.fromisoformat(day.date) if day.date else dates.trip_day(start, day.day_number)
            )
            minutes = 7 * 60 + 30 + n % 7 * 95 + rng.randint(0, 40)
            taken = f"{when.isoformat()}T{minutes // 60:02d}:{minutes % 60:02d}:{rng.randint(0, 59):02d}"
            orientation = 1
            if shape[0] < shape[1]:
                portraits += 1
                orientation = 6 if portraits % 2 else 1
            jobs.append(
                (trip, day, kind, caption, shape, f"{seed}-{trip.id}-{n}", taken, orientation)
            )
    with ThreadPoolExecutor(
        max_workers=2
    ) as pool:  # resizing and encoding run outside the GIL on a free core
        images = list(pool.map(lambda j: _photo_bytes(j[2], j[4], j[5], j[6], j[7]), jobs))

    def new_id() -> str:
        return seeded_id(rng)

    with studio.transaction() as tx:
        by_trip: dict[str, list[str]] = {}
        for (trip, day, _kind, caption, shape, _seed, taken, _orient), data in zip(
            jobs, images, strict=True
        ):
            sha = hashlib.sha256(data).hexdigest()
            store_file(studio, data, sha, "jpg")
            w, h = (
                PANORAMA
                if shape == (3, 1)
                else (LONG_SIDE, round(LONG_SIDE * shape[1] / shape[0]))
                if shape[0] >= shape[1]
                else (round(LONG_SIDE * shape[0] / shape[1]), LONG_SIDE)
            )
            pos = len(by_trip.setdefault(trip.id, []))
            m = tx.create(
                TripMedia,
                id=new_id(),
                client_id=trip.client_id,
                trip_id=trip.id,
                sha256=sha,
                ext="jpg",
                original_name=f"IMG_{4100 + pos + 40 * len(by_trip):04d}.JPG",
                width=w,
                height=h,
                taken_at=taken,
                day_number=day.day_number,
                caption=caption,
                included=True,
                position=pos,
            )
            by_trip[trip.id].append(m.id)
        for trip in chosen:
            key = _story_key(trip)
            assert key is not None  # chosen for its story
            story = _STORIES[key]
            for day, (journal, quotes, highlights) in zip(
                trip_days(studio, trip), story["journal"], strict=False
            ):
                tx.create(
                    TripJournal,
                    id=new_id(),
                    client_id=trip.client_id,
                    trip_id=trip.id,
                    day_number=day.day_number,
                    journal=journal,
                    quotes=quotes,
                    highlights=highlights_json(highlights),
                )
            ids = by_trip.get(trip.id, [])
            cover = next(
                (
                    mid
                    for (t, _d, _k, _c, shape, *_r), mid in zip(
                        [j for j in jobs if j[0].id == trip.id], ids, strict=True
                    )
                    if shape == (3, 2)
                ),
                None,
            )
            tx.create(
                MemoryBook,
                id=new_id(),
                client_id=trip.client_id,
                trip_id=trip.id,
                title=f"{_story_key(trip)}, {month_span(trip.start_date, trip.end_date)}",
                subtitle=story["subtitle"],
                summary=story["summary"],
                closing=story["closing"],
                size="a4",
                cover_media_id=cover,
            )
    n = sum(len(v) for v in by_trip.values())
    return f", {n} trip photos"
