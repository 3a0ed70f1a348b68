"""Trip media and the trip's story: content-addressed import, EXIF, bad files, journals, the book."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from studio.domain.media_models import MemoryBook, TripJournal, TripMedia
from studio.errors import ValidationError
from studio.services import clients
from studio.services.check import check
from studio.services.media import book as media_book
from studio.services.media import editing as media_edit
from studio.services.media import files as media_files
from studio.services.media import importing as media_import
from studio.services.media import probe as media_probe
from studio.services.media import rows as media_rows
from studio.services.media import thumbnails as media_thumbs
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.store import Studio

DATE_ORIGINAL = 0x9003
EXIF_IFD = 0x8769
ORIENTATION = 0x0112


def photo(
    path: Path,
    size=(600, 400),
    color=(200, 120, 60),
    taken="2026:11:02 10:00:00",
    orientation: int | None = None,
    fmt="JPEG",
    mode="RGB",
) -> Path:
    """A small picture with an EXIF date (and orientation) written by Pillow."""
    im = Image.new(mode, size, color)
    exif = Image.Exif()
    if taken:
        exif.get_ifd(EXIF_IFD)[DATE_ORIGINAL] = taken
    if orientation:
        exif[ORIENTATION] = orientation
    path.parent.mkdir(parents=True, exist_ok=True)
    kwargs = (
        {"exif": exif.tobytes()}
        if fmt in ("JPEG", "WEBP", "PNG", "TIFF") and (taken or orientation)
        else {}
    )
    im.save(path, fmt, **kwargs)
    return path


@pytest.fixture
def trip(studio):
    c = clients.create_client(
        studio,
        "Chen family",
        kind="household",
        native_name="陈家",
        people=[
            {"name": "Chen Wei", "native_name": "陈伟", "role": "primary"},
            {"name": "Li Na", "native_name": "李娜", "role": "partner"},
        ],
    )
    t = trip_lifecycle.create_trip(
        studio,
        c.id,
        "Yunnan: Lijiang to Shangri-La",
        start_date="2026-03-10",
        end_date="2026-03-13",
        destinations=["Yunnan"],
        currency="CNY",
    )
    return t


def test_same_bytes_stored_once_and_reported_as_duplicate(studio, trip, tmp_path):
    a = photo(tmp_path / "in" / "IMG_1.jpg", taken="2026:03:11 09:00:00")
    copy = tmp_path / "in" / "copy of IMG_1.jpg"
    copy.write_bytes(a.read_bytes())
    res = media_import.add_media(studio, trip.id, [tmp_path / "in"])
    assert [m.original_name for m in res.added] == ["IMG_1.jpg"] or [
        m.original_name for m in res.added
    ] == ["copy of IMG_1.jpg"]
    assert len(res.duplicates) == 1 and not res.skipped
    again = media_import.add_media(studio, trip.id, [a])
    assert again.added == [] and again.duplicates == ["IMG_1.jpg"]
    [row] = media_rows.media_of(studio, trip.id)
    stored = media_files.stored_path(studio, row)
    assert stored == media_files.media_dir(studio) / row.sha256[:2] / f"{row.sha256}.jpg"
    assert stored.read_bytes() == a.read_bytes()
    files = [p for p in media_files.media_dir(studio).rglob("*") if p.is_file()]
    assert files == [stored]
    # the same file in another trip: one file, two rows
    other = trip_lifecycle.create_trip(
        studio, trip.client_id, "Another trip", start_date="2026-05-01", end_date="2026-05-02"
    )
    res2 = media_import.add_media(studio, other.id, [a])
    assert len(res2.added) == 1 and res2.added[0].sha256 == row.sha256
    assert [p for p in media_files.media_dir(studio).rglob("*") if p.is_file()] == [stored]
    assert studio.count(TripMedia) == 2


def test_exif_date_assigns_the_day_and_orders_photos(studio, trip, tmp_path):
    photo(tmp_path / "in" / "b.jpg", taken="2026:03:12 08:00:00", color=(1, 2, 3))
    photo(tmp_path / "in" / "a.jpg", taken="2026:03:12 18:00:00", color=(4, 5, 6))
    photo(tmp_path / "in" / "c.jpg", taken="2026:03:10 07:00:00", color=(7, 8, 9))
    photo(tmp_path / "in" / "d.jpg", taken=None, color=(10, 11, 12))
    photo(tmp_path / "in" / "e.jpg", taken="2025:01:01 12:00:00", color=(13, 14, 15))
    calls = []
    res = media_import.add_media(
        studio, trip.id, [tmp_path / "in"], progress=lambda d, t, n: calls.append((d, t, n))
    )
    assert calls[-1][:2] == (5, 5)
    rows = media_rows.media_of(studio, trip.id)
    assert [(m.original_name, m.day_number) for m in rows] == [
        ("e.jpg", None),
        ("c.jpg", 1),
        ("b.jpg", 3),
        ("a.jpg", 3),
        ("d.jpg", None),
    ]
    assert rows[1].taken_at == "2026-03-10T07:00:00"
    assert "no date" in rows[-1].notes and "outside the trip" in rows[0].notes
    assert len(res.added) == 5
    # a later batch slots in by date; the hand-made order stays
    media_edit.reorder(
        studio, trip.id, [rows[3].id, rows[2].id, rows[0].id, rows[1].id, rows[4].id]
    )
    photo(tmp_path / "later" / "f.jpg", taken="2026:03:13 09:00:00", color=(99, 0, 0))
    media_import.add_media(studio, trip.id, [tmp_path / "later"])
    names = [m.original_name for m in media_rows.media_of(studio, trip.id)]
    assert names == ["a.jpg", "b.jpg", "e.jpg", "c.jpg", "d.jpg", "f.jpg"]


def test_orientation_swaps_width_and_height_and_thumbnail_is_upright(studio, trip, tmp_path):
    photo(tmp_path / "rot.jpg", size=(600, 400), orientation=6)
    [row] = media_import.add_media(studio, trip.id, [tmp_path / "rot.jpg"]).added
    assert (row.width, row.height) == (400, 600)
    thumb = media_thumbs.thumbnail(studio, row.id, size=128)
    assert thumb.parent == media_files.media_dir(studio) / "thumbs"
    with Image.open(thumb) as im:
        assert im.format == "JPEG" and im.size == (85, 128)
    assert media_thumbs.thumbnail(studio, row, size=128) == thumb  # cached


def test_heic_accepted(studio, trip, tmp_path):
    import pillow_heif

    im = Image.new("RGB", (320, 240), (30, 90, 160))
    heif = pillow_heif.from_pillow(im)
    path = tmp_path / "IMG_2041.HEIC"
    heif.save(path, quality=60)
    [row] = media_import.add_media(studio, trip.id, [path]).added
    assert row.ext == "heic" and (row.width, row.height) == (320, 240)
    # an iPhone portrait: the orientation travels with the file and the photo is shown upright
    pillow_heif.register_heif_opener()
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif.get_ifd(EXIF_IFD)[DATE_ORIGINAL] = "2026:03:12 09:30:00"
    Image.new("RGB", (320, 240), (90, 30, 160)).save(
        tmp_path / "IMG_2042.heic", format="HEIF", exif=exif.tobytes()
    )
    [tall] = media_import.add_media(studio, trip.id, [tmp_path / "IMG_2042.heic"]).added
    assert (tall.width, tall.height, tall.day_number) == (240, 320, 3)
    with Image.open(media_thumbs.thumbnail(studio, row, 64)) as t:
        assert max(t.size) == 64


def test_bad_files_skipped_by_name_nothing_else_lost(studio, trip, tmp_path):
    good = photo(tmp_path / "in" / "good.jpg", taken="2026:03:11 09:00:00")
    data = photo(tmp_path / "whole.jpg", size=(1200, 900)).read_bytes()
    (tmp_path / "in" / "cut.jpg").write_bytes(data[: len(data) // 2])
    (tmp_path / "in" / "notes.jpg").write_text("this is a text file, not a photo")
    (tmp_path / "in" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    Image.new("RGB", (40, 30)).save(tmp_path / "in" / "anim.gif")
    (tmp_path / "in" / ".DS_Store").write_bytes(b"junk")
    res = media_import.add_media(studio, trip.id, [tmp_path / "in", tmp_path / "nowhere.jpg"])
    assert [m.original_name for m in res.added] == [good.name]
    reasons = dict(res.skipped)
    assert set(reasons) == {"cut.jpg", "notes.jpg", "broken.png", "anim.gif", "nowhere.jpg"}
    assert "truncated" in reasons["cut.jpg"]
    assert reasons["notes.jpg"].startswith("notes.jpg is not a photo")
    assert "GIF" in reasons["anim.gif"] and "accepts JPEG" in reasons["anim.gif"]
    assert "does not exist" in reasons["nowhere.jpg"]
    assert all(r.count(".") <= 3 and r.startswith(n) for n, r in reasons.items())


def test_too_large_reported_clearly(studio, trip, tmp_path, monkeypatch):
    monkeypatch.setattr(media_probe, "MAX_PIXELS", 100_000)
    photo(tmp_path / "pano.jpg", size=(900, 300))
    res = media_import.add_media(studio, trip.id, [tmp_path / "pano.jpg"])
    assert res.added == [] and "too large (900 × 300 pixels" in res.skipped[0][1]
    # Pillow's own guard (a lower limit set elsewhere in the process) is caught and reported too
    monkeypatch.setattr(media_probe, "MAX_PIXELS", 10**9)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)
    res = media_import.add_media(studio, trip.id, [tmp_path / "pano.jpg"])
    assert res.added == [] and res.skipped[0][1].startswith("pano.jpg is too large")


def test_cmyk_and_16_bit_accepted(studio, trip, tmp_path):
    src = tmp_path / "in"
    photo(src / "cmyk.jpg", mode="CMYK", color=(0, 80, 160, 20))
    im = Image.new("I;16", (300, 200))
    im.putdata([(x * 200) % 65535 for x in range(300 * 200)])
    im.save(src / "deep.png")
    photo(src / "scan.tif", fmt="TIFF", taken=None)
    photo(src / "web.webp", fmt="WEBP", taken=None)
    res = media_import.add_media(studio, trip.id, [src])
    assert not res.skipped
    by = {m.original_name: m for m in res.added}
    assert set(by) == {"cmyk.jpg", "deep.png", "scan.tif", "web.webp"}
    assert "CMYK" in by["cmyk.jpg"].notes and "16 bits" in by["deep.png"].notes
    assert (by["scan.tif"].ext, by["web.webp"].ext) == ("tif", "webp")
    for m in res.added:
        with Image.open(media_thumbs.thumbnail(studio, m, 100)) as t:
            assert t.mode == "RGB"
    with Image.open(media_thumbs.thumbnail(studio, by["deep.png"], 100)) as t:
        assert t.getextrema()[0][1] > 100  # scaled down to 8 bits, not clipped to white


def test_missing_file_reported_and_check_says_so(studio, trip, tmp_path):
    [row] = media_import.add_media(studio, trip.id, [photo(tmp_path / "x.jpg")]).added
    assert media_files.missing_media(studio, trip.id) == []
    media_files.stored_path(studio, row).unlink()
    assert [m.id for m in media_files.missing_media(studio, trip.id)] == [row.id]
    report = check(studio)
    assert not report.ok and any("x.jpg" in p and "missing" in p for p in report.problems)
    assert media_files.unused_files(studio) == []
    spare = media_files.store_file(studio, b"not used by any row", "ab" * 32, "jpg")
    assert media_files.unused_files(studio) == [spare]
    assert any("1 file no photo uses" in f for f in check(studio).facts)


def test_undo_an_import_and_cancel_keeps_what_was_added(studio, trip, tmp_path):
    for i in range(4):
        photo(tmp_path / "in" / f"p{i}.jpg", color=(i * 40, 0, 0))
    res = media_import.add_media(studio, trip.id, [tmp_path / "in"])
    assert len(media_rows.media_of(studio, trip.id)) == 4
    studio.revert(res.tx)
    assert media_rows.media_of(studio, trip.id) == []
    assert all(
        media_files.stored_path(studio, m).is_file() for m in res.added
    )  # files stay for redo
    media_import.add_media(studio, trip.id, [tmp_path / "in"])  # the rows come back, not duplicated
    assert (
        len(media_rows.media_of(studio, trip.id)) == 4
        and studio.count(TripMedia, include_deleted=True) == 4
    )
    other = trip_lifecycle.create_trip(
        studio, trip.client_id, "Other", start_date="2026-06-01", end_date="2026-06-03"
    )
    seen = []
    res = media_import.add_media(
        studio,
        other.id,
        [tmp_path / "in"],
        progress=lambda d, t, n: seen.append(n),
        cancel=lambda: len(seen) >= 2,
    )
    assert res.cancelled and [m.original_name for m in res.added] == ["p0.jpg", "p1.jpg"]
    assert len(media_rows.media_of(studio, other.id)) == 2


def test_editing_validated_and_journaled(studio, trip, tmp_path):
    a, b = (
        media_import.add_media(studio, trip.id, [photo(tmp_path / f"{n}.jpg", color=c)]).added[0]
        for n, c in (("a", (1, 1, 1)), ("b", (2, 2, 2)))
    )
    media_edit.set_caption(studio, a.id, "  Jade Dragon Snow Mountain at dawn ")
    media_edit.set_included(studio, b.id, False)
    media_edit.move_to_day(studio, a.id, 2)
    with pytest.raises(ValidationError, match="Day 9 is not a day of this trip"):
        media_edit.move_to_day(studio, a.id, 9)
    with pytest.raises(ValidationError, match="every photo"):
        media_edit.reorder(studio, trip.id, [a.id])
    with pytest.raises(ValidationError, match="size"):
        media_edit.set_book(studio, trip.id, size="a3")
    with pytest.raises(ValidationError, match="Title is too long"):
        media_edit.set_book(studio, trip.id, title="x" * 500)
    with pytest.raises(ValidationError, match="cover"):
        media_edit.set_book(studio, trip.id, cover_media_id="nope")
    book = media_edit.set_book(
        studio, trip.id, size="square20", bleed=True, cover_media_id=a.id, summary="Ten days."
    )
    assert (book.size, book.bleed, book.cover_media_id) == ("square20", True, a.id)
    assert media_edit.set_book(studio, trip.id, title="Our Yunnan").id == book.id  # one per trip
    assert studio.count(MemoryBook) == 1
    j = media_edit.set_journal(
        studio,
        trip.id,
        2,
        journal="A long walk.",
        quotes="“Unforgettable.”",
        highlights="- the gorge\n- yak butter tea\n",
    )
    assert j.highlights == '["the gorge", "yak butter tea"]'
    media_edit.set_journal(studio, trip.id, 2, quotes="“Again!”")
    assert media_rows.journal_of(studio, trip.id)[2].journal == "A long walk."
    assert studio.count(TripJournal) == 1
    m = media_rows.media_of(studio, trip.id)[0]
    assert (m.caption, m.day_number) == ("Jade Dragon Snow Mountain at dawn", 2)
    media_edit.remove_media(studio, a.id)
    assert [x.id for x in media_rows.media_of(studio, trip.id)] == [b.id]
    assert media_rows.book_settings(studio, trip.id).cover_media_id is None
    assert media_files.stored_path(studio, a).is_file()


def test_book_content(studio, trip, tmp_path):
    v = trip_reading.find_trip(studio, trip.id).current_version_id
    days = trip_reading.days(studio, v)
    trip_plan.update_day(studio, days[0].id, title="Lijiang old town")
    trip_plan.add_item(studio, days[0].id, "Walk the old town", place="Lijiang")
    trip_plan.add_item(studio, days[0].id, "Dinner", kind="dining", place="Lijiang")
    trip_plan.add_item(studio, days[0].id, "Black Dragon Pool", place="Black Dragon Pool")
    media_edit.set_journal(
        studio, trip.id, 1, journal="Arrived in the rain.", highlights=["naxi music"]
    )
    ids = [
        media_import.add_media(
            studio,
            trip.id,
            [photo(tmp_path / f"{i}.jpg", taken=f"2026:03:1{i} 10:00:00", color=(i, i, i))],
        )
        .added[0]
        .id
        for i in range(3)
    ]
    media_edit.set_included(studio, ids[2], False)
    media_edit.set_caption(studio, ids[1], "Tiger Leaping Gorge")
    content = media_book.book_content(studio, trip.id)
    assert content.title == "Yunnan, March 2026"
    assert content.subtitle == "Yunnan: Lijiang to Shangri-La"
    assert content.travellers == ("Chen Wei (陈伟)", "Li Na (李娜)")
    assert (content.start_date, content.end_date, content.destinations) == (
        "2026-03-10",
        "2026-03-13",
        ("Yunnan",),
    )
    assert content.signature == "Mei Lin (林美) · Travel Studio"
    assert [d.number for d in content.days] == [1, 2, 3, 4]
    d1 = content.days[0]
    assert (d1.date, d1.title, d1.places) == (
        "2026-03-10",
        "Lijiang old town",
        ("Lijiang", "Black Dragon Pool"),
    )
    assert (d1.journal, d1.highlights) == ("Arrived in the rain.", ("naxi music",))
    assert [p.media_id for p in content.photos] == ids[:2]
    assert [p.day_number for p in content.photos] == [1, 2]
    assert content.photos[1].caption == "Tiger Leaping Gorge" and content.photos[0].path.is_file()
    assert content.cover_media_id is None
    media_edit.set_book(
        studio,
        trip.id,
        title="Our Yunnan",
        signature="Mei",
        closing="Until next time.",
        cover_media_id=ids[1],
    )
    content = media_book.book_content(studio, trip.id)
    assert (content.title, content.signature, content.closing, content.cover_media_id) == (
        "Our Yunnan",
        "Mei",
        "Until next time.",
        ids[1],
    )


def test_export_import_carries_media_rows(studio, trip, tmp_path):
    from studio.services import exchange

    [row] = media_import.add_media(studio, trip.id, [photo(tmp_path / "x.jpg")]).added
    media_edit.set_book(studio, trip.id, cover_media_id=row.id, summary="S")
    media_edit.set_journal(studio, trip.id, 1, journal="J", highlights=["h"])
    out = tmp_path / "s.json"
    summary = exchange.export_studio(studio, out)
    assert (
        "1 trip photo," in summary and "1 memory book" in summary and "1 photo file in" in summary
    )
    assert (tmp_path / "s.media" / row.sha256[:2] / f"{row.sha256}.jpg").is_file()
    with Studio.open(tmp_path / "other") as other:
        exchange.import_studio(other, out)
        content = media_book.book_content(other, trip.id)
        assert content.cover_media_id == row.id and content.photos[0].path.is_file()
        assert (
            content.photos[0].path.read_bytes() == media_files.stored_path(studio, row).read_bytes()
        )
        assert media_rows.journal_of(other, trip.id)[1].journal == "J"
        assert check(other).ok
    # without the folder the rows still arrive, and the missing files are named
    moved = tmp_path / "moved" / "s.json"
    moved.parent.mkdir()
    moved.write_bytes(out.read_bytes())
    with Studio.open(tmp_path / "third") as third:
        assert "1 photo file was not found" in exchange.import_studio(third, moved)
        assert [m.id for m in media_files.missing_media(third)] == [row.id]
    # a hash that could lead outside the media folder is refused whole
    bad = tmp_path / "bad.json"
    bad.write_text(
        out.read_text(encoding="utf-8").replace(row.sha256, "../../etc"), encoding="utf-8"
    )
    with (
        Studio.open(tmp_path / "fourth") as fourth,
        pytest.raises(Exception, match="not a SHA-256"),
    ):
        exchange.import_studio(fourth, bad)


def test_upgrade_from_0006_keeps_data_and_adds_the_media_tables(data_dir):
    """A studio at the previous schema (0006_trips) upgrades with its trips intact."""
    from alembic import command

    from studio import paths
    from studio.store import migrate, schema
    from studio.store.database import make_engine

    db = data_dir / paths.DB_NAME
    engine = make_engine(db)
    cfg = migrate.alembic_config()
    with engine.connect() as conn, conn.begin():
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006_trips")
        now = "2026-11-22T10:00:00.000Z"
        conn.exec_driver_sql(
            "INSERT INTO client(id, created_at, updated_at, kind, name, stage, tags, notes) "
            "VALUES ('c1', ?, ?, 'individual', 'Zoë Martin', 'client', '[]', '')",
            (now, now),
        )
        conn.exec_driver_sql(
            "INSERT INTO trip(id, created_at, updated_at, client_id, title, destinations, currency, "
            "status, notes) VALUES ('t1', ?, ?, 'c1', 'Provence', '[]', 'EUR', 'completed', '')",
            (now, now),
        )
    engine.dispose()
    with Studio.open(data_dir) as s:
        assert s.migration == f"0006_trips → {schema.HEAD}"
        assert s.backup_path is not None and s.backup_path.is_file()
        assert trip_reading.find_trip(s, "Provence").client_id == "c1"
        assert media_rows.media_of(s, "t1") == [] and media_rows.book_settings(s, "t1").size == "a4"
        book = media_edit.set_book(s, "t1", title="Provence, June 2026")
        assert media_rows.book_settings(s, "t1").id == book.id


def test_book_places_leave_out_terminals(studio, trip):
    v = trip_reading.find_trip(studio, trip.id).current_version_id
    day = trip_reading.days(studio, v)[0]
    trip_plan.add_item(studio, day.id, "Shanghai – Lijiang", kind="flight", place="Hongqiao T2")
    trip_plan.add_item(studio, day.id, "Songtsam Lodge", kind="lodging", place="Lijiang")
    assert media_book.book_content(studio, trip.id).days[0].places == ("Lijiang",)


def test_demo_has_completed_trips_with_photos_and_stories(tmp_path):
    from datetime import date

    from studio.services.demo.build import build_demo

    with Studio.open(tmp_path / "demo") as s:
        summary = build_demo(s, clients=20, seed=5, today=date(2026, 11, 22))
        assert "40 trip photos" in summary
        with s.read() as conn:
            trip_ids = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT DISTINCT m.trip_id FROM trip_media m JOIN trip t ON t.id = m.trip_id "
                    "WHERE t.status = 'completed' ORDER BY m.trip_id"
                )
            ]
        assert len(trip_ids) == 2
        for tid in trip_ids:
            content = media_book.book_content(s, tid)
            assert len(content.photos) == 20 and all(p.path.is_file() for p in content.photos)
            assert {p.day_number for p in content.photos} == {d.number for d in content.days}
            assert content.summary and content.closing and content.cover_media_id
            assert all(d.journal and d.highlights for d in content.days)
            assert any("\u4e00" <= ch <= "\u9fff" for d in content.days for ch in d.journal)
            ratios = {round(p.width / p.height, 2) for p in content.photos}
            assert {1.5, 0.67, 1.33, 1.0, 3.0} <= ratios
            assert max(max(p.width, p.height) for p in content.photos) >= 3000
            turned = 0
            for m in media_rows.media_of(s, tid):
                with Image.open(media_files.stored_path(s, m)) as im:
                    if im.getexif().get(ORIENTATION) == 6:  # stored sideways, shown upright
                        turned += 1
                        assert im.size == (m.height, m.width) and m.height > m.width
            assert turned >= 1
            assert media_probe.probe(content.photos[0].path).taken_at[:10] == content.days[0].date
        assert check(s).ok


def test_a_decoder_surprise_skips_only_that_file(studio, trip, tmp_path, monkeypatch):
    from PIL import ImageFile

    photo(tmp_path / "in" / "a.jpg", color=(1, 2, 3))
    photo(tmp_path / "in" / "b.jpg", color=(3, 2, 1))
    real_load = ImageFile.ImageFile.load

    def load(self):
        if getattr(self, "filename", "").endswith("a.jpg"):
            raise IndexError("list index out of range")  # what a confused plugin might raise
        return real_load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    res = media_import.add_media(studio, trip.id, [tmp_path / "in"])
    assert [m.original_name for m in res.added] == ["b.jpg"]
    assert res.skipped == [("a.jpg", "a.jpg is damaged and cannot be decoded.")]


# -- the import in two parts, the one book build --------------------------------------------------
def test_prepare_import_writes_no_row_and_write_import_is_one_transaction(studio, trip, tmp_path):
    shots = [photo(tmp_path / f"p{i}.jpg", color=(10 * i, 80, 160)) for i in range(3)]
    seen = []
    with studio.read() as conn:
        changes_before = conn.exec_driver_sql("SELECT count(*) FROM change").scalar()
    prepared = media_import.prepare_import(
        studio, trip.id, shots, progress=lambda d, t, m: seen.append(d)
    )
    assert seen == [1, 2, 3] and len(prepared.taken) == 3 and prepared.text() == "Add 3 photos"
    assert media_rows.media_of(studio, trip.id) == []  # the files are stored, no row yet
    assert all(media_files.media_dir(studio).joinpath(s[:2]).is_dir() for _, s, _ in prepared.taken)
    with studio.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM change").scalar() == changes_before
    txs = []
    studio.subscribe(lambda cs: txs.append(cs.tx))
    res = media_import.write_import(studio, prepared)
    assert len(res.added) == 3 and txs == [res.tx]
    # inside a larger transaction (as the app's undoable command does) the rows read back too
    again = media_import.prepare_import(studio, trip.id, [photo(tmp_path / "new.jpg", (90, 60))])
    with studio.transaction() as tx:
        inner = media_import.write_import(studio, again)
    assert [m.original_name for m in inner.added] == ["new.jpg"] and inner.tx == tx.id


def test_build_book_takes_the_saved_size_unless_told(studio, trip, tmp_path, monkeypatch):
    from studio.reports.book import pdf as book_pdf

    media_edit.set_book(studio, trip.id, size="square8", bleed=True, title="Ours")
    calls = []

    def write_book(content, out, **kw):
        calls.append((content.title, out, kw["size"], kw["bleed"], kw["cache_dir"]))
        return "preflight"

    monkeypatch.setattr(book_pdf, "write_book", write_book)
    out = tmp_path / "b.pdf"
    assert media_book.build_book(studio, trip.id, out) == "preflight"
    options = media_book.BookOptions(size="a4", bleed=False, cached=False)
    media_book.build_book(studio, trip.id, out, options)
    assert calls == [
        ("Ours", out, "square8", True, media_files.book_cache_dir(studio)),
        ("Ours", out, "a4", False, None),
    ]


def test_a_chinese_book_gets_its_default_title_and_dates_in_chinese(
    studio, trip, tmp_path, monkeypatch
):
    assert media_book.book_content(studio, trip.id).title == "Yunnan, March 2026"
    content = media_book.book_content(studio, trip.id, lang="zh")
    assert (content.lang, content.title) == ("zh", "Yunnan, 2026年3月")
    seen = []
    from studio.reports.book import pdf as book_pdf

    def write_book(content, out, **kw):
        seen.append((content.lang, content.title))
        return "preflight"

    monkeypatch.setattr(book_pdf, "write_book", write_book)
    media_book.build_book(studio, trip.id, tmp_path / "b.pdf", media_book.BookOptions(lang="zh"))
    assert seen == [("zh", "Yunnan, 2026年3月")]
