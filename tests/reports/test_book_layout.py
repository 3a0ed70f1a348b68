"""Memory book layout invariants, for every size with and without bleed and 1..40 photos:
every photo placed once, nothing outside the safe area but intentional full-bleed photos (which
reach the bleed edge), captions right under their photo, photos never overlapping."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from studio.reports.book.content import BookContent, BookDay, BookPhoto
from studio.reports.book.geometry import PANORAMA, SIZES, Rect, estimate, geometry
from studio.reports.book.layout import layout_book

SHAPES = [
    (4000, 3000),
    (3000, 4000),
    (3000, 3000),
    (6000, 2000),
    (4000, 2250),
    (2250, 4000),
    (9000, 1500),
]


def _content(
    n: int, seed: int = 1, days: int = 3, journal: str = "A quiet morning by the lake. " * 12
) -> BookContent:
    rnd = random.Random(seed)
    photos = []
    for i in range(n):
        w, h = rnd.choice(SHAPES)
        day = rnd.choice([*range(1, days + 1), None]) if i % 5 else 1 + i % days
        photos.append(
            BookPhoto(
                f"m{i}",
                Path(f"/nowhere/{i}.jpg"),
                w,
                h,
                day,
                caption="" if i % 3 == 0 else f"Caption for photo {i} 洱海的清晨",
            )
        )
    ds = tuple(
        BookDay(
            d,
            f"2026-10-{d:02d}",
            f"Day {d} title",
            ("Dali", "大理"),
            journal=journal,
            quotes="We will come back." if d == 1 else "",
            highlights=("Tea", "茶"),
        )
        for d in range(1, days + 1)
    )
    return BookContent(
        "Yunnan 云南",
        subtitle="Autumn",
        travellers=("Zhang Wei",),
        start_date="2026-10-01",
        end_date="2026-10-03",
        days=ds,
        photos=tuple(photos),
        summary="Four days.",
        closing="Thank you.",
        signature="Mei Lin",
    )


def _check(layout, content: BookContent) -> None:
    g = layout.geometry
    placed = [f.ref for p in layout.pages for f in p.photos()]
    assert sorted(placed) == sorted(p.media_id for p in content.photos), "every photo exactly once"
    bleed = g.bleed_rect
    for page in layout.pages:
        photos = page.photos()
        for f in page.frames:
            if f.bleed:
                assert f.rect.inside(bleed)
                edges = [
                    abs(f.rect.x - bleed.x),
                    abs(f.rect.right - bleed.right),
                    abs(f.rect.y - bleed.y),
                    abs(f.rect.top - bleed.top),
                ]
                assert sum(e < 0.01 for e in edges) >= 2, (
                    "a full-bleed photo reaches the bleed edge"
                )
            else:
                assert f.rect.inside(g.safe), (page.kind, f)
            assert f.rect.w >= 0 and f.rect.h >= 0
            if f.caption_of:
                ph = next(p for p in photos if p.ref == f.caption_of)
                assert f.rect.top <= ph.rect.y and ph.rect.y - f.rect.top < 18, (
                    "caption right under its photo"
                )
                assert f.rect.inside(g.safe)
        for i, a in enumerate(photos):
            assert a.rect.w > 20 and a.rect.h > 20
            for b in photos[i + 1 :]:
                overlap_w = min(a.rect.right, b.rect.right) - max(a.rect.x, b.rect.x)
                overlap_h = min(a.rect.top, b.rect.top) - max(a.rect.y, b.rect.y)
                assert overlap_w <= 0.01 or overlap_h <= 0.01, "photos never overlap"


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("bleed", [False, True])
def test_invariants_for_every_size_and_count(size, bleed):
    for n in (0, 1, 2, 3, 4, 5, 7, 12, 40):
        content = _content(n, seed=n)
        _check(layout_book(content, size, bleed), content)


def test_pages_in_order_with_cover_title_overview_openers_and_closing():
    content = _content(12)
    layout = layout_book(content, "a4")
    kinds = [p.kind for p in layout.pages]
    assert kinds[:3] == ["cover", "title", "overview"] and kinds[-1] == "closing"
    undated = any(p.day_number is None for p in content.photos)
    assert kinds.count("opener") == 3 + undated  # photos of no day get an opener of their own
    # a day's photos follow its opener, before the next day's opener
    day_of = {p.media_id: p.day_number for p in content.photos}
    current = None
    for page in layout.pages[3:-1]:
        if page.kind == "opener":
            words = page.frames[0].text.split()
            current = int(words[1].rstrip(",")) if words[0] == "DAY" else None
        for f in page.photos():
            assert day_of[f.ref] in (current, None)
    # folios: interior pages only, numbered from the title page
    assert (
        layout.pages[0].folio is None
        and layout.pages[1].folio is None
        and layout.pages[-1].folio is None
    )
    assert layout.pages[2].folio == 2


def test_a_panorama_alone_gets_a_full_width_band():
    pano = BookPhoto("p", Path("/x.jpg"), 9000, 2000, 1)
    other = BookPhoto("c", Path("/c.jpg"), 3000, 2000, 1)
    content = BookContent(
        "T",
        days=(BookDay(1, "2026-01-01", journal="x " * 900),),
        photos=(other, pano),
        cover_media_id="c",
    )
    layout = layout_book(content, "a4", bleed=True)
    (frame,) = [f for p in layout.pages for f in p.photos() if f.ref == "p"]
    g = layout.geometry
    assert (
        frame.bleed
        and frame.rect.x == pytest.approx(-g.bleed)
        and frame.rect.w == pytest.approx(g.width + 2 * g.bleed)
    )
    assert frame.rect.w / frame.rect.h == pytest.approx(4.0, rel=0.02)  # 4.5:1 cropped a little


def test_frames_follow_the_photos_shape():
    content = _content(24, seed=7)
    aspect = {p.media_id: p.width / p.height for p in content.photos}
    layout = layout_book(content, "a4")
    for page in layout.pages[1:]:
        for f in page.photos():
            a = aspect[f.ref]
            want = min(max(a, 0.62), 4.0 if a >= PANORAMA else 3.2)
            assert f.rect.w / f.rect.h == pytest.approx(want, rel=0.15) or a >= PANORAMA


def test_long_journal_flows_onto_more_pages_and_stays_inside():
    long = "\n\n".join(
        "我们在日出前离开大理，洱海还是一片灰色。" * 8 + " And the words went on."
        for _ in range(12)
    )
    content = _content(3, journal=long, days=1)
    layout = layout_book(content, "square8")
    openers = [p for p in layout.pages if p.kind == "opener"]
    assert len(openers) >= 3
    assert "CONTINUED" in openers[1].frames[0].text
    text = "".join(f.text for p in openers for f in p.frames if f.ref == "body")
    assert text.replace("\n", "").count("我们在日出前离开大理") == 8 * 12
    _check(layout, content)


def test_estimate_and_geometry():
    g = geometry("a4", True)
    assert g.bleed == pytest.approx(3 * 72 / 25.4)
    assert geometry("letter", True).bleed == pytest.approx(9.0)
    assert geometry("a4", False).bleed == 0
    assert g.content.inside(g.safe) and g.safe.inside(Rect(0, 0, g.width, g.height))
    assert estimate("word " * 100, "body", 200) > estimate("word", "body", 200)
    with pytest.raises(ValueError):
        geometry("a5", False)


@pytest.mark.parametrize("size", list(SIZES))
def test_long_titles_and_closing_are_set_smaller_or_flow_never_cut(size):
    from dataclasses import replace

    base = _content(5)
    title = (
        "A very long journey through the valleys of Yunnan, Sichuan and Tibet with the whole family "
        * 2
    )
    closing = "\n\n".join(
        f"Paragraph {n}: thank you for travelling with us, 谢谢你们。" * 6 for n in range(12)
    )
    content = replace(
        base, title=title, subtitle="And a subtitle that goes on for quite a while", closing=closing
    )
    for bleed in (False, True):
        layout = layout_book(content, size, bleed)
        _check(layout, content)
        for page in layout.pages[:2]:
            assert any(f.text == title for f in page.frames), page.kind
        closing_text = "".join(
            f.text
            for p in layout.pages
            if p.kind == "closing"
            for f in p.frames
            if f.ref == "closing"
        )
        assert closing_text.count("Paragraph") == 72 and closing_text.count("谢谢你们") == 72
        assert [f.text for f in layout.pages[-1].frames if f.ref == "signature"] == ["Mei Lin"]


@pytest.mark.parametrize("n_photos", [0, 1, 2, 3, 5, 8, 13])
def test_a_book_has_an_even_number_of_pages_for_binding(n_photos):
    photos = tuple(
        BookPhoto(
            f"m{i}", Path(f"/nowhere/{i}.jpg"), 3000, 2000 if i % 3 else 3000, 1, f"Photo {i}"
        )
        for i in range(n_photos)
    )
    content = BookContent(
        "Kyoto",
        days=(BookDay(1, "2026-11-01", "Temples", journal="A quiet morning."),),
        photos=photos,
        closing="Until next time.",
    )
    book = layout_book(content, "a4")
    assert len(book.pages) % 2 == 0
    assert book.pages[-1].kind == "closing"
    blanks = [p for p in book.pages if p.kind == "blank"]
    assert len(blanks) <= 1 and all(not p.frames and p.folio is None for p in blanks)


def test_photos_of_no_day_get_a_heading_of_their_own():
    from studio.reports.book.layout import UNDATED_KICKER, UNDATED_TITLE

    dated = tuple(
        BookPhoto(f"d{i}", Path(f"/nowhere/d{i}.jpg"), 3000, 2000, 1, f"Day photo {i}")
        for i in range(3)
    )
    loose = tuple(
        BookPhoto(f"u{i}", Path(f"/nowhere/u{i}.jpg"), 2000, 3000, None, f"Loose {i}")
        for i in range(4)
    )
    content = BookContent(
        "Kyoto",
        days=(BookDay(1, "2026-11-01", "Temples", journal="A quiet morning."),),
        photos=dated + loose,
    )
    book = layout_book(content, "a4")
    texts = [(i, f.text) for i, p in enumerate(book.pages) for f in p.frames if f.kind == "text"]
    heading = next(i for i, t in texts if t == UNDATED_KICKER)
    assert any(i == heading and t == UNDATED_TITLE for i, t in texts)
    placed_after = {f.ref for p in book.pages[heading:] for f in p.photos()}
    assert {p.media_id for p in loose} <= placed_after  # the loose photos follow their heading
    placed = [f.ref for p in book.pages for f in p.photos()]
    assert sorted(placed) == sorted(p.media_id for p in dated + loose)  # each exactly once
