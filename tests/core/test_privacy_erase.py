"""Erasing a client for good: no trace left in any file of the data directory, on every laptop."""

from __future__ import annotations

from datetime import date

import pytest
from PIL import Image

from studio.errors import NotFoundError, StudioError
from studio.services import clients, profiles, queries, search
from studio.services.agenda import documents
from studio.services.media import importing
from studio.services.privacy import erase
from studio.services.trips import lifecycle
from studio.store import Studio
from studio.sync import engine

NAME = "Quillon Varga"
EMAIL = "quillon.varga@example.org"
PHONE = "+44 20 7946 0321"
PHONE_DIGITS = "2079460321"
PASSPORT = "K7Q4R9Z2X"
SECRETS = (NAME, "Quillon", "Varga", EMAIL, PHONE_DIGITS, PASSPORT, "Vargapassion")


def _fill(studio: Studio, tmp_path, *, photo: bool = True) -> str:
    c = clients.create_client(studio, NAME, tags=["Vargapassion"], notes="Quillon likes tea")
    p = clients.add_person(studio, c.id, "Quillon Varga", birth_date="1980-05-06")
    clients.add_person(studio, c.id, "Ilse Varga", role="partner")
    clients.add_contact(studio, c.id, "email", EMAIL)
    clients.add_contact(studio, c.id, "phone", PHONE)
    clients.set_consent(studio, c.id, "profile", True)
    documents.add_document(studio, p.id, "2031-01-01", number=PASSPORT, country="GB")
    profiles.set_fact(studio, c.id, "diet.vegetarian", "must", note="Varga family rule")
    trip = lifecycle.create_trip(
        studio, c.id, "Varga honeymoon", start_date="2026-06-01", end_date="2026-06-03"
    )
    if photo:
        img = tmp_path / "varga.png"
        Image.new("RGB", (64, 48), (200, 10, 10)).save(img)
        importing.add_media(studio, trip.id, [img])
    return c.id


def _scan(data_dir) -> list[str]:
    """Files (and which secret) that still hold a secret, in any encoding a file might use."""
    found = []
    for f in erase.data_files(data_dir):
        data = f.read_bytes()
        for s in SECRETS:
            for enc in ("utf-8", "utf-16-le"):
                if s.encode(enc) in data or s.lower().encode(enc) in data:
                    found.append(f"{f.name}: {s}")
    return found


def _checkpoint(studio: Studio) -> None:
    with studio.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def test_before_an_erase_the_scan_finds_the_client(studio, tmp_path):
    _fill(studio, tmp_path)
    _checkpoint(studio)
    assert _scan(studio.data_dir)  # the scan would see a trace


def test_an_erased_client_leaves_no_trace_in_any_file(studio, tmp_path):
    keep = clients.create_client(studio, "Ada Keeper")
    cid = _fill(studio, tmp_path)
    clients.update_client(studio, keep.id, referred_by_id=cid)
    clients.update_client(studio, cid, notes="Quillon now prefers coffee")  # history of a value
    result = erase.erase_client(studio, cid)
    assert result.rows >= 10 and result.files >= 1
    _checkpoint(studio)
    assert _scan(studio.data_dir) == []
    with pytest.raises(NotFoundError):
        queries.find_client(studio, NAME)
    assert search.search(studio, "Varga") == []
    # the history keeps "erased on D by X" and nothing else
    with studio.read() as conn:
        left = conn.exec_driver_sql("SELECT field, new FROM change WHERE row_id = ?", (cid,)).all()
    assert [f for f, _ in left] == ["erased"]
    assert erase.erase_history(studio, cid) == {"on": date.today().isoformat(), "by": "Mei Lin"}
    # other clients keep everything (the referral to the erased client is cleared)
    other = queries.get_dossier(studio, keep.id).client
    assert other.name == "Ada Keeper" and other.referred_by_id is None


def test_only_the_owner_erases(data_dir):
    s = Studio.open(data_dir)
    try:
        clients.setup_local_advisor(s, "Tom Advisor", role="advisor")
        c = clients.create_client(s, NAME)
        with pytest.raises(StudioError, match="owner"):
            erase.erase_client(s, c.id)
        assert queries.find_client(s, NAME).id == c.id
    finally:
        s.close()


def test_the_last_backup_holding_the_client_expires_by_the_rotation():
    today = date(2026, 12, 2)
    assert erase.last_backup_expiry([], today) is None
    assert erase.last_backup_expiry([date(2026, 12, 3)], today) is None  # made after: no client
    # the newest backup, kept last as its month's copy, goes when 12 newer months have one
    assert erase.last_backup_expiry([date(2026, 11, 1), date(2026, 12, 2)], today) == date(
        2027, 12, 1
    )


@pytest.fixture
def laptops(tmp_path):
    place = tmp_path / "place"
    a = Studio.open(tmp_path / "a")
    clients.setup_local_advisor(a, "Mei Lin", role="owner")
    engine.create_share(a, str(place), tmp_path / "key.json")
    engine.sync(a)
    b = Studio.open(tmp_path / "b")
    engine.join_share(b, str(place), tmp_path / "key.json")
    engine.sync(b)
    engine.sync(a)
    yield a, b
    a.close()
    b.close()


def test_an_erase_reaches_every_laptop_and_a_late_change_never_brings_the_client_back(
    laptops, tmp_path
):
    a, b = laptops
    cid = _fill(a, tmp_path, photo=False)
    engine.sync(a)
    engine.sync(b)
    assert queries.find_client(b, NAME).id == cid
    # B edits the client, unaware of the erase to come
    clients.add_contact(b, cid, "email", "second." + EMAIL)
    erase.erase_client(a, cid)
    engine.sync(a)
    engine.sync(b)  # B receives the erase (and sends its late edit)
    engine.sync(a)  # A receives B's late edit: refused by the tombstones
    for s in (a, b):
        with pytest.raises(NotFoundError):
            queries.find_client(s, NAME)
        assert erase.erase_history(s, cid) is not None
        _checkpoint(s)
        erase.compact(s)
        assert _scan(s.data_dir) == [], s.data_dir
