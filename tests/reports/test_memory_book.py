"""The memory book PDF read back: text (title, Chinese journal, captions), rendered pages, fonts
embedded, images at no more than 300 ppi and never upscaled, bleed boxes, bad photos reported by
name with the book still written, cancel leaving nothing, the CLI; rebuilds taking the prepared
photos from the cache, with the same bytes."""

from __future__ import annotations

from dataclasses import replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pdftext import page_texts, squash
from PIL import Image, ImageDraw

from studio.reports.book.content import BookContent, BookDay, BookPhoto
from studio.reports.book.pdf import write_book
from studio.reports.book.photos import prepare_photo
from studio.reports.book.preflight import BuildCancelled

JOURNAL_ZH = "我们在日出前离开大理，洱海还是一片灰色，苍山隐在云里。九点钟雾散了。"


def _img(path, w, h, mode="RGB", fmt=None, **save):
    im = Image.new("RGB", (w, h), (70, 120, 180))
    d = ImageDraw.Draw(im)
    d.ellipse([w * 0.2, h * 0.2, w * 0.6, h * 0.7], fill=(240, 200, 120))
    d.rectangle([0, int(h * 0.75), w, h], fill=(40, 70, 50))
    if mode != "RGB":
        im = im.convert(mode)
    im.save(path, fmt, **save)
    return path


def _photo(path, i, day=1, caption="", name=None):
    with Image.open(path) as im:
        w, h = im.size
    return BookPhoto(f"m{i}", path, w, h, day, caption=caption, name=name or path.name)


def _content(photos, **kw) -> BookContent:
    days = (
        BookDay(
            1,
            "2026-10-03",
            "Arrival in Dali 抵达大理",
            ("Dali", "大理"),
            journal="We left before sunrise, the lake still grey.\n\n" + JOURNAL_ZH,
            quotes="The light on the lake!",
            highlights=("Erhai at dawn",),
        ),
        BookDay(2, "2026-10-04", "Shaxi", ("Shaxi",), journal="The Tea Horse Road."),
    )
    return BookContent(
        "Yunnan in Autumn 云南之秋",
        subtitle="Dali and Shaxi",
        travellers=("Zhang Wei 张伟",),
        start_date="2026-10-03",
        end_date="2026-10-04",
        summary="Two days.",
        closing="Thank you.",
        signature="Mei Lin 林美",
        studio_name="Atlas Travel",
        days=days,
        photos=tuple(photos),
        **kw,
    )


@pytest.fixture
def photos(tmp_path):
    shapes = [(400, 300), (300, 400), (360, 360), (900, 300), (1600, 1200)]
    out = []
    for i, (w, h) in enumerate(shapes * 2):
        p = _img(tmp_path / f"IMG_{i}.jpg", w, h, quality=85)
        out.append(
            _photo(
                p,
                i,
                day=1 + i % 2,
                caption=f"Caption number {i}" + (" 洱海的清晨" if i == 1 else ""),
            )
        )
    return out


def test_book_text_fonts_pages_and_images(photos, tmp_path):
    out = tmp_path / "book.pdf"
    seen = []
    pf = write_book(
        _content(photos), out, workers=1, progress=lambda d, t, m: seen.append((d, t, m))
    )
    text = page_texts(out)
    assert pf.pages == len(text) >= 6
    whole = squash("".join(text))
    assert "YunnaninAutumn云南之秋" in whole and squash(JOURNAL_ZH) in whole
    for i in (2, 3, 5):
        assert f"Captionnumber{i}" in whole
    assert "MeiLin林美" in squash(text[-1])
    # fonts: all ours, all embedded, read back from the file
    names = dict(pf.fonts)
    assert all(names.values()) and {"NotoSerif-Bold", "DroidSansFallback"} <= set(names)
    assert not any("Helvetica" in n for n in names)
    # every photo placed once; none above 300 ppi and none upscaled
    assert sorted(i.media_id for i in pf.images) == sorted(p.media_id for p in photos)
    for im in pf.images:
        assert im.ppi <= 300.5
        assert im.pixels[0] <= im.source_pixels[0] and im.pixels[1] <= im.source_pixels[1]
    assert any(im.low for im in pf.images) and "LOW RESOLUTION" in pf.summary()
    assert pf.file_bytes == out.stat().st_size and "all embedded" in pf.summary()
    assert seen and seen[-1][0] == seen[-1][1] and "page" in seen[-1][2]
    # the images in the file: pixel size against placed size
    pdf = pdfium.PdfDocument(str(out))
    try:
        n_images = 0
        for page in pdf:
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
                left, bottom, right, top = obj.get_bounds()
                assert obj.get_filters() == ["DCTDecode"]
                px_w, _ = obj.get_px_size()
                assert px_w / ((right - left) / 72) <= 301
                n_images += 1
        assert n_images == len(photos)
        # pages render, and the cover is not blank
        bitmap = pdf[0].render(scale=0.3).to_pil()
        lo, hi = bitmap.convert("L").getextrema()
        assert hi - lo > 60
    finally:
        pdf.close()


def test_a_chinese_book_prints_its_dates_in_chinese(photos, tmp_path):
    out = tmp_path / "book.pdf"
    write_book(replace(_content(photos), lang="zh"), out, workers=1)
    text = [squash(t) for t in page_texts(out)]
    whole = "".join(text)
    assert "2026年10月3日至4日" in text[0]  # the cover's span
    assert "10月3日周六" in whole  # the route, day by day
    assert "2026年10月3日星期六" in whole  # the day's opener
    assert "October" not in whole and "Saturday" not in whole


def test_an_english_book_prints_the_same_dates_as_before(photos, tmp_path):
    out = tmp_path / "book.pdf"
    write_book(_content(photos), out, workers=1)
    whole = squash("".join(page_texts(out)))
    assert "3–4October2026" in whole and "SAT3OCT" in whole and "Saturday3October2026" in whole


def test_big_photo_is_downsampled_to_300_ppi_and_passed_through_as_jpeg(tmp_path):
    big = _img(tmp_path / "big.jpg", 3000, 2000, quality=80)
    small = _img(tmp_path / "s.jpg", 300, 200)
    out = tmp_path / "b.pdf"
    pf = write_book(
        _content([_photo(small, 0), _photo(big, 1, day=2)], cover_media_id="m0"),
        out,
        size="square8",
        workers=1,
    )
    (im,) = [i for i in pf.images if i.media_id == "m1"]
    assert im.ppi == pytest.approx(300, abs=1) and im.pixels[0] < 3000
    assert b"/DCTDecode" in out.read_bytes() and b"/ASCII85Decode" not in out.read_bytes()


def test_bleed_sets_trim_and_bleed_boxes(photos, tmp_path):
    out = tmp_path / "bleed.pdf"
    write_book(_content(photos[:3]), out, size="square20", bleed=True, workers=1)
    assert (
        "云南之秋" in page_texts(out)[1]
    )  # the title breaks at a space, not inside the Chinese words
    pdf = pdfium.PdfDocument(str(out))
    try:
        page = pdf[0]
        mb, tb, bb = page.get_mediabox(), page.get_trimbox(), page.get_bleedbox()
        trim = 200 * 72 / 25.4
        assert tb[2] - tb[0] == pytest.approx(trim, abs=0.1)
        assert bb[2] - bb[0] == pytest.approx(trim + 2 * 3 * 72 / 25.4, abs=0.1)
        assert mb[2] - mb[0] > bb[2] - bb[0] and mb[0] <= bb[0] < tb[0]
    finally:
        pdf.close()
    plain = tmp_path / "plain.pdf"
    write_book(_content(photos[:3]), plain, size="letter", workers=1)
    pdf = pdfium.PdfDocument(str(plain))
    try:
        assert pdf[0].get_mediabox() == pytest.approx((0, 0, 612, 792))
    finally:
        pdf.close()


def test_bad_photos_are_reported_by_name_and_the_book_is_still_written(photos, tmp_path):
    good = photos[:3]
    corrupt = tmp_path / "corrupt.jpg"
    corrupt.write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg" * 10)
    data = (tmp_path / "IMG_4.jpg").read_bytes()
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes(data[: len(data) // 2])
    text = tmp_path / "notes.jpg"
    text.write_text("hello")
    ico = _img(tmp_path / "icon.ico", 64, 64, fmt="ICO")
    cmyk = _img(tmp_path / "cmyk.jpg", 400, 300, mode="CMYK")
    gray16 = tmp_path / "gray16.png"
    Image.new("I;16", (300, 200), 40000).save(gray16)
    pal = _img(tmp_path / "palette.png", 300, 200, mode="P")
    alpha = _img(tmp_path / "alpha.png", 300, 200, mode="RGBA")
    bad = [
        BookPhoto("m10", corrupt, 400, 300, 1, name="corrupt.jpg"),
        BookPhoto("m11", truncated, 1600, 1200, 1, name="truncated.jpg"),
        BookPhoto("m12", tmp_path / "gone.jpg", 400, 300, 2, name="gone.jpg"),
        BookPhoto("m13", text, 400, 300, 2, name="notes.jpg"),
        _photo(ico, 14),
    ]
    converted = [_photo(cmyk, 15), _photo(gray16, 16), _photo(pal, 17), _photo(alpha, 18, day=2)]
    out = tmp_path / "bad.pdf"
    pf = write_book(_content(good + bad + converted), out, workers=2)
    assert out.exists() and pf.pages >= 5
    reasons = {p.name: p.reason for p in pf.problems}
    assert set(reasons) == {"corrupt.jpg", "truncated.jpg", "gone.jpg", "notes.jpg", "icon.ico"}
    assert "missing" in reasons["gone.jpg"] and "truncated" in reasons["truncated.jpg"]
    assert "not supported" in reasons["icon.ico"]
    placed = {i.media_id for i in pf.images}
    assert placed == {p.media_id for p in good + converted}
    for name in ("corrupt.jpg", "truncated.jpg", "gone.jpg"):
        assert name in pf.summary()
    assert not list(tmp_path.glob(".*.partial"))


def test_conversions_give_8bit_srgb(tmp_path):
    from studio.reports.book.photos import PhotoJob

    cmyk = _img(tmp_path / "c.jpg", 400, 300, mode="CMYK")
    g16 = tmp_path / "g16.png"
    Image.new("I;16", (300, 200), 65535).save(g16)
    for path in (cmyk, g16):
        r = prepare_photo(PhotoJob(("k",), str(path), 200, 150))
        assert not r.error
        import io

        with Image.open(io.BytesIO(r.jpeg)) as im:
            assert im.format == "JPEG" and im.mode == "RGB" and im.size == (200, 150)
            if path == g16:
                assert (
                    im.getpixel((10, 10))[0] > 240
                )  # 16-bit white stays white, not clipped to grey
            else:
                assert im.getpixel((10, 10))[2] > im.getpixel((10, 10))[0]  # still blue sky


def test_exif_orientation_is_honoured(tmp_path):
    from studio.reports.book.photos import PhotoJob

    path = tmp_path / "rot.jpg"
    im = Image.new("RGB", (400, 200), (255, 0, 0))
    exif = im.getexif()
    exif[0x0112] = 6  # stored sideways: shown 200 x 400
    im.save(path, exif=exif)
    r = prepare_photo(PhotoJob(("k",), str(path), 100, 200))
    assert r.pixels == (100, 200) and r.source == (200, 400)


def test_cancel_leaves_no_file(photos, tmp_path):
    out = tmp_path / "c.pdf"
    calls = []
    with pytest.raises(BuildCancelled):
        write_book(
            _content(photos),
            out,
            workers=1,
            progress=lambda d, t, m: calls.append(d),
            cancel=lambda: len(calls) >= 3,
        )
    assert (
        not out.exists()
        and not list(tmp_path.glob("*.partial"))
        and not list(tmp_path.glob(".c.pdf*"))
    )


def test_unknown_size_is_one_sentence(photos, tmp_path):
    from studio.errors import StudioError

    with pytest.raises(StudioError, match="size must be one of"):
        write_book(_content(photos), tmp_path / "x.pdf", size="a5")


def test_cli_builds_the_book_of_a_small_studio(studio, data_dir, tmp_path, capsys):
    from studio.cli import main
    from studio.services import clients
    from studio.services.media import editing as media_edit
    from studio.services.media import importing as media_import
    from studio.services.trips import lifecycle as trip_lifecycle

    c = clients.create_client(studio, "Zhang Wei", native_name="张伟")
    t = trip_lifecycle.create_trip(
        studio,
        c.id,
        "Yunnan in Autumn",
        start_date="2026-10-03",
        end_date="2026-10-04",
        destinations=["Dali"],
    )
    shots = [_img(tmp_path / f"p{i}.jpg", 400 + 100 * i, 300, quality=85) for i in range(3)]
    media_import.add_media(studio, t.id, shots)
    media_edit.set_journal(studio, t.id, 1, journal=JOURNAL_ZH)
    studio.close()
    out = tmp_path / "book.pdf"
    assert (
        main(
            [
                "--data-dir",
                str(data_dir),
                "book",
                "Yunnan",
                str(out),
                "--size",
                "square8",
                "--bleed",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "pages" in printed and "all embedded" in printed and out.exists()
    assert squash(JOURNAL_ZH) in squash("".join(page_texts(out)))
    zh = tmp_path / "book-zh.pdf"
    assert main(["--data-dir", str(data_dir), "book", "Yunnan", str(zh), "--lang", "zh"]) == 0
    capsys.readouterr()
    assert "2026年10月3日至4日" in squash(page_texts(zh)[0])
    assert main(["--data-dir", str(data_dir), "book", "Nowhere", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "No trip matches" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


def test_chinese_lines_never_start_with_punctuation(tmp_path):
    from studio.reports.book.text import Typesetter

    ts = Typesetter()
    text = "我们到了，天很蓝。他说：好！" * 30
    for width in range(120, 400, 7):
        para, cjk = ts.paragraph(text, "body", width)
        assert cjk
        para.wrap(ts._width(text, "body", width), 1e6)
        lines = [
            "".join(ln[1])
            if isinstance(ln, tuple)
            else "".join(getattr(w, "text", "") for w in ln.words)
            for ln in para.blPara.lines
        ]
        starts = [ln[:1] for ln in lines if ln]
        assert starts and not any(s in "，。：！" for s in starts), (width, starts)


def test_cancel_with_worker_processes_leaves_no_file(photos, tmp_path):
    out = tmp_path / "w.pdf"
    with pytest.raises(BuildCancelled):
        write_book(
            _content(photos),
            out,
            workers=2,
            progress=lambda d, t, m: None,
            cancel=iter(
                [False, False, False, True, True, True, True, True, True, True] + [True] * 100
            ).__next__,
        )
    assert not out.exists() and not list(tmp_path.glob(".w.pdf*"))


def test_huge_panorama_is_decoded_small_and_gets_a_band(tmp_path, monkeypatch):
    pano = _img(tmp_path / "pano.jpg", 8000, 1000, quality=70)
    first = _img(tmp_path / "first.jpg", 400, 300)
    out = tmp_path / "pano.pdf"
    pf = write_book(
        _content(
            [_photo(first, 0), _photo(pano, 1, day=None, caption="The whole valley")],
            cover_media_id="m0",
        ),
        out,
        workers=1,
        bleed=True,
    )
    (im,) = [i for i in pf.images if i.media_id == "m1"]
    assert im.placed_mm[0] == pytest.approx(216, abs=0.5)  # 210 mm trim + 2 x 3 mm bleed
    assert im.ppi == pytest.approx(300, abs=1) and im.source_pixels == (8000, 1000)
    # over the cap for formats that must be decoded whole: refused by name, the book still made
    from studio.reports.book import photos as book_photos

    monkeypatch.setattr(book_photos, "MAX_MEGAPIXELS_FULL_DECODE", 0.05)
    big = _img(tmp_path / "big.png", 400, 300)
    pf = write_book(_content([_photo(first, 0), _photo(big, 1)]), out, workers=1)
    assert [(p.name, "too large" in p.reason) for p in pf.problems] == [("big.png", True)]


def test_colour_profiles_are_honoured_or_ignored_when_broken(tmp_path):
    import io

    from PIL import ImageCms

    from studio.reports.book.photos import PhotoJob

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for name, icc in (("srgb.jpg", srgb), ("broken.jpg", b"not a profile at all" * 10)):
        path = tmp_path / name
        Image.new("RGB", (300, 200), (200, 40, 40)).save(path, icc_profile=icc)
        r = prepare_photo(PhotoJob(("k",), str(path), 150, 100))
        assert not r.error
        with Image.open(io.BytesIO(r.jpeg)) as im:
            red = im.getpixel((10, 10))
            assert im.mode == "RGB" and red[0] > 180 and red[1] < 70


# -- the cache of prepared photos ----------------------------------------------------------------


@pytest.fixture
def counted(monkeypatch):
    """Same-moment PDFs (no creation date or random ID) and a count of the photos prepared."""
    from reportlab import rl_config

    from studio.reports.book import pdf as book_pdf

    monkeypatch.setattr(rl_config, "invariant", 1)
    calls = []
    real = book_pdf.prepare_photo

    def prepare(job):
        calls.append(job.key)
        return real(job)

    monkeypatch.setattr(book_pdf, "prepare_photo", prepare)
    return calls


def test_warm_rebuild_prepares_no_photo_and_makes_the_same_bytes(
    photos, tmp_path, counted, monkeypatch
):
    from studio.reports.book import pdf as book_pdf

    cache = tmp_path / "cache"
    fresh = write_book(_content(photos), tmp_path / "fresh.pdf", workers=1)
    assert len(counted) == len(photos) and fresh.reused == 0
    counted.clear()
    cold = write_book(_content(photos), tmp_path / "cold.pdf", workers=1, cache_dir=cache)
    assert len(counted) == len(photos) and cold.reused == 0
    assert len(list(cache.glob("*/*.jpg"))) == len(photos) and not list(cache.rglob("*.partial"))
    counted.clear()
    seen = []
    warm = write_book(
        _content(photos),
        tmp_path / "warm.pdf",
        workers=1,
        cache_dir=cache,
        progress=lambda d, t, m: seen.append((d, t)),
    )
    assert counted == [] and warm.reused == len(photos)
    assert f"{len(photos)} of them ready from an earlier build" in warm.summary()
    assert "ready from an earlier build" not in cold.summary()
    assert seen[-1][0] == seen[-1][1]
    fresh_bytes = (tmp_path / "fresh.pdf").read_bytes()
    assert (
        (tmp_path / "cold.pdf").read_bytes() == fresh_bytes == (tmp_path / "warm.pdf").read_bytes()
    )
    assert warm.images == fresh.images
    # with worker processes: none is started when every photo is in the cache
    started = []
    monkeypatch.setattr(book_pdf, "ProcessPoolExecutor", lambda *a, **k: started.append(a))
    write_book(_content(photos), tmp_path / "pool.pdf", workers=2, cache_dir=cache)
    assert started == [] and (tmp_path / "pool.pdf").read_bytes() == fresh_bytes


def test_caption_and_journal_changes_hit_the_cache(photos, tmp_path, counted):
    cache = tmp_path / "cache"
    write_book(_content(photos), tmp_path / "a.pdf", workers=1, cache_dir=cache)
    counted.clear()
    # the same length of caption, so the photo keeps its frame; a new journal line for day 2
    edited = [
        replace(p, caption=p.caption.replace("number 3", "number 7")) if p.media_id == "m3" else p
        for p in photos
    ]
    content = _content(edited)
    content = replace(
        content,
        days=(content.days[0], replace(content.days[1], journal="The Tea Horse Road, again.")),
    )
    pf = write_book(content, tmp_path / "b.pdf", workers=1, cache_dir=cache)
    assert counted == [] and pf.reused == len(photos)
    assert "Captionnumber7" in squash("".join(page_texts(tmp_path / "b.pdf")))


def test_changed_size_or_photo_misses_the_cache(photos, tmp_path, counted):
    from studio.reports.book.cache import PhotoCache
    from studio.reports.book.photos import PhotoJob

    cache = tmp_path / "cache"
    write_book(_content(photos[:3]), tmp_path / "a.pdf", workers=1, cache_dir=cache)
    counted.clear()
    pf = write_book(
        _content(photos[:3]), tmp_path / "sq.pdf", size="square8", workers=1, cache_dir=cache
    )
    assert len(counted) == 3 and pf.reused == 0  # other frames: other pixel sizes and crops
    fresh = write_book(_content(photos[:3]), tmp_path / "sq-fresh.pdf", size="square8", workers=1)
    assert (tmp_path / "sq.pdf").read_bytes() == (tmp_path / "sq-fresh.pdf").read_bytes()
    assert pf.images == fresh.images
    # the file itself changed (a photo edited in place): prepared again
    counted.clear()
    _img(photos[0].path, 400, 300, quality=40)
    pf = write_book(_content(photos[:3]), tmp_path / "a2.pdf", workers=1, cache_dir=cache)
    assert [k[0] for k in counted] == ["m0"] and pf.reused == 2
    # every part of the key matters
    job = PhotoJob(("m0", 300, 200), "x.jpg", 300, 200)
    keys = {
        PhotoCache.key("sha256:" + "a" * 64, job),
        PhotoCache.key("sha256:" + "b" * 64, job),
        PhotoCache.key("sha256:" + "a" * 64, replace(job, width_px=301)),
        PhotoCache.key("sha256:" + "a" * 64, replace(job, height_px=199)),
        PhotoCache.key("sha256:" + "a" * 64, replace(job, quality=90)),
    }
    assert len(keys) == 5


def test_corrupt_or_truncated_entry_is_ignored_and_rewritten(photos, tmp_path, counted):
    cache = tmp_path / "cache"
    write_book(_content(photos[:3]), tmp_path / "a.pdf", workers=1, cache_dir=cache)
    entries = sorted(cache.glob("*/*.jpg"))
    assert len(entries) == 3
    whole = entries[0].read_bytes()
    entries[0].write_bytes(whole[: len(whole) // 2])  # truncated
    entries[1].write_bytes(b"")  # torn by a crash
    counted.clear()
    pf = write_book(_content(photos[:3]), tmp_path / "b.pdf", workers=1, cache_dir=cache)
    assert len(counted) == 2 and pf.reused == 1
    assert entries[0].read_bytes() == whole and entries[1].stat().st_size > 0
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()
    counted.clear()
    write_book(_content(photos[:3]), tmp_path / "c.pdf", workers=1, cache_dir=cache)
    assert counted == []


def test_cache_content_addressed_media_and_least_recently_used_eviction(tmp_path, monkeypatch):
    import hashlib
    import os

    from studio.reports.book.cache import PhotoCache, source_id

    data = (_img(tmp_path / "p.jpg", 40, 30)).read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    stored = tmp_path / "media" / sha[:2] / f"{sha}.jpg"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(data)
    assert source_id(stored) == "sha256:" + sha  # no stat, no read: the name says what it holds
    assert source_id(tmp_path / "p.jpg").startswith("file:")

    cache = PhotoCache(tmp_path / "cache", limit=2500)
    jpeg = b"\xff\xd8" + b"\x00" * 996 + b"\xff\xd9"  # 1,000 bytes
    for i, key in enumerate(["a" * 64, "b" * 64, "c" * 64]):
        cache.put(key, jpeg)
        os.utime(cache._path(key), (1000 + i, 1000 + i))
    os.utime(cache._path("a" * 64), (5000, 5000))  # "a" used last
    cache.trim()
    assert [cache._path(k).exists() for k in ("a" * 64, "b" * 64, "c" * 64)] == [True, False, True]
    cache.put("d" * 64, jpeg)
    cache.trim(keep=["c" * 64])  # in the book being built: kept even though the oldest
    assert [cache._path(k).exists() for k in ("a" * 64, "c" * 64, "d" * 64)] == [False, True, True]


def test_photos_prepared_before_a_cancel_are_kept_for_the_next_build(photos, tmp_path, counted):
    cache = tmp_path / "cache"
    ticks = []
    with pytest.raises(BuildCancelled):
        write_book(
            _content(photos),
            tmp_path / "x.pdf",
            workers=1,
            cache_dir=cache,
            progress=lambda d, t, m: ticks.append(d),
            cancel=lambda: len(ticks) >= 4,
        )
    kept = len(list(cache.glob("*/*.jpg")))
    assert 0 < kept < len(photos) and not (tmp_path / "x.pdf").exists()
    counted.clear()
    pf = write_book(_content(photos), tmp_path / "y.pdf", workers=1, cache_dir=cache)
    assert len(counted) == len(photos) - kept and pf.reused == kept


def test_two_writers_of_one_entry_leave_it_whole(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from studio.reports.book.cache import PhotoCache

    caches = [PhotoCache(tmp_path / "cache") for _ in range(2)]
    jpeg = b"\xff\xd8" + bytes(range(256)) * 400 + b"\xff\xd9"
    with ThreadPoolExecutor(4) as ex:
        list(ex.map(lambda i: caches[i % 2].put("e" * 64, jpeg), range(40)))
    assert caches[0]._path("e" * 64).read_bytes() == jpeg
    assert [p.name for p in (tmp_path / "cache").rglob("*") if p.is_file()] == ["e" * 64 + ".jpg"]
