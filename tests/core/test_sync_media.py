"""Photos travel through the shared folder: encrypted, content-addressed, fetched when needed."""

from __future__ import annotations

import hashlib

import pytest
from PIL import Image

from studio.services import clients
from studio.services.media import files as media_files
from studio.services.media import importing as media_import
from studio.services.trips import lifecycle as trip_lifecycle
from studio.store import Studio
from studio.sync import engine
from studio.sync import media as photos


@pytest.fixture
def laptops(tmp_path):
    """A (owner) with a trip of two photos, B joined and admitted; nothing synced after."""
    place = tmp_path / "place"
    a = Studio.open(tmp_path / "a")
    clients.setup_local_advisor(a, "Mei Lin", role="owner")
    c = clients.create_client(a, "Chen family")
    trip = trip_lifecycle.create_trip(a, c.id, "Yunnan", start_date="2026-03-10")
    for n, color in enumerate(((200, 120, 60), (20, 120, 200))):
        path = tmp_path / "in" / f"p{n}.png"
        path.parent.mkdir(exist_ok=True)
        Image.new("RGB", (64, 48), color).save(path)
    media_import.add_media(a, trip.id, [tmp_path / "in"])
    engine.create_share(a, str(place), tmp_path / "key.json")
    b = Studio.open(tmp_path / "b")
    engine.join_share(b, str(place), tmp_path / "key.json")
    engine.sync(b)
    yield a, b, place, trip
    a.close()
    b.close()


def _shas(studio: Studio) -> list[str]:
    with studio.read() as conn:
        return sorted(r[0] for r in conn.exec_driver_sql("SELECT sha256 FROM trip_media"))


def test_photos_go_out_encrypted_and_arrive_whole_with_the_sync(laptops):
    a, b, place, trip = laptops
    report = engine.sync(a)  # admits B, sends the journal and the photos
    assert report.media_sent == 2
    for sha in _shas(a):
        blob = (place / photos.place_name(sha)).read_bytes()
        plain = (a.data_dir / "media" / sha[:2]).glob(f"{sha}.*")
        assert next(plain).read_bytes() not in blob  # encrypted
    assert engine.sync(a).media_sent == 0  # remembered: nothing goes twice
    report = engine.sync(b)
    assert report.media_fetched == 2 and report.media_waiting == 0
    for row in media_files.missing_media(b):
        raise AssertionError(f"missing {row.sha256}")
    for sha in _shas(b):
        (path,) = (b.data_dir / "media" / sha[:2]).glob(f"{sha}.*")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha
    assert not (b.data_dir / "media" / "thumbs").exists()  # caches stay local


def test_fetch_media_fetches_one_photo_when_the_app_needs_it(laptops, monkeypatch):
    a, b, place, trip = laptops
    engine.sync(a)
    monkeypatch.setattr(photos, "fetch_missing", lambda *args: photos.MediaReport())
    engine.sync(b)  # rows arrive; files not fetched
    missing = media_files.missing_media(b)
    assert len(missing) == 2
    sha = missing[0].sha256
    path = engine.fetch_media(b, sha)
    assert path == media_files.stored_path(b, missing[0])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha
    assert engine.fetch_media(b, sha) == path  # here already
    assert len(media_files.missing_media(b)) == 1


def test_a_photo_not_in_the_place_yet_waits_and_comes_later(laptops, monkeypatch):
    a, b, place, trip = laptops
    monkeypatch.setattr(photos, "send_media", lambda *args: 0)
    engine.sync(a)
    report = engine.sync(b)
    assert report.media_waiting == 2 and report.media_fetched == 0
    assert any("not in the shared place yet" in line for line in report.lines())
    assert engine.fetch_media(b, _shas(b)[0]) is None
    monkeypatch.undo()
    engine.sync(a)
    assert engine.sync(b).media_fetched == 2


def test_a_tampered_or_misnamed_photo_file_is_refused_by_name_never_stored(laptops):
    a, b, place, trip = laptops
    engine.sync(a)
    first, second = _shas(a)
    tampered = bytearray((place / photos.place_name(first)).read_bytes())
    tampered[-5] ^= 0x01
    (place / photos.place_name(first)).write_bytes(bytes(tampered))
    # the other photo's file under this one's name: decrypts only with its own name
    (place / photos.place_name(second)).write_bytes((place / photos.place_name(first)).read_bytes())
    report = engine.sync(b)
    assert sorted(r["file"] for r in report.refused) == sorted(
        photos.place_name(s) for s in (first, second)
    )
    assert len(media_files.missing_media(b)) == 2
    with pytest.raises(photos.MediaError, match="cannot be decrypted"):
        engine.fetch_media(b, first)


def test_the_plaintext_must_hash_to_the_name(laptops):
    a, _b, _place, _trip = laptops
    keys = {0: b"k" * 32}
    wrong = photos.seal_media(b"not the photo", "ab" * 32, 0, keys[0])
    with pytest.raises(photos.MediaError, match="does not hold the photo"):
        photos.open_media(wrong, "ab" * 32, keys)
    right = photos.seal_media(b"the photo", hashlib.sha256(b"the photo").hexdigest(), 0, keys[0])
    assert photos.open_media(right, hashlib.sha256(b"the photo").hexdigest(), keys) == b"the photo"


def test_after_a_removal_new_photos_are_sealed_with_the_new_key(laptops, tmp_path):
    a, b, place, trip = laptops
    engine.sync(a)
    engine.sync(b)
    with Studio.open(tmp_path / "c") as c:
        engine.join_share(c, str(place), tmp_path / "key.json")
        engine.sync(c)
        engine.sync(a)
        engine.remove_device(a, c.device_id)
    new = tmp_path / "in2" / "p.png"
    new.parent.mkdir()
    Image.new("RGB", (32, 32), (1, 2, 3)).save(new)
    media_import.add_media(a, trip.id, [new])
    assert engine.sync(a).media_sent == 1
    (sha,) = set(_shas(a)) - set(_shas(b))
    assert photos.media_generation((place / photos.place_name(sha)).read_bytes()) == 1
    assert engine.sync(b).media_fetched == 1
