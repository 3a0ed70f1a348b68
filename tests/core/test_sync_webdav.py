"""Sync through a real WebDAV server (wsgidav) on loopback: the same studio on two laptops."""

from __future__ import annotations

import pytest
from fixtures.memory_keyring import MemoryKeyring

from studio.services import clients, exchange
from studio.store import Studio
from studio.sync import engine
from studio.sync.keys import SyncError
from studio.sync.places import open_place
from studio.sync.webdav import WebDAVTransport

wsgidav_app = pytest.importorskip("wsgidav.wsgidav_app")
cheroot_wsgi = pytest.importorskip("cheroot.wsgi")


@pytest.fixture
def webdav(tmp_path, monkeypatch):
    from fixtures.webdav_server import PASSWORD, USER, webdav_server

    root = tmp_path / "dav"
    root.mkdir()
    monkeypatch.setenv("TRAVEL_STUDIO_WEBDAV_USER", USER)
    monkeypatch.setenv("TRAVEL_STUDIO_WEBDAV_PASSWORD", PASSWORD)
    with webdav_server(root) as port:
        yield f"webdav://127.0.0.1:{port}/studio", root


def test_two_laptops_share_a_studio_over_webdav(webdav, tmp_path):
    url, root = webdav
    with Studio.open(tmp_path / "a") as a, Studio.open(tmp_path / "b") as b:
        clients.setup_local_advisor(a, "Mei Lin", role="owner")
        clients.create_client(a, "Zoë Martin", native_name="佐伊")
        engine.create_share(a, url, tmp_path / "key.json")
        assert engine.sync(a).sent_records > 0
        engine.join_share(b, url, tmp_path / "key.json")
        assert engine.sync(b).received_records > 0
        engine.sync(a)  # admits B
        clients.create_client(b, "Wang Xiaoming", native_name="王小明")
        # a sync tool's leftovers on the server are never read
        seg_dir = root / "studio" / "journal" / a.device_id
        (seg_dir / "00000009.sync-conflict-20261122-0101.seg").write_bytes(b"junk")
        (seg_dir / ".syncthing.00000010.seg.tmp").write_bytes(b"junk")
        report = engine.sync(b)
        assert report.sent_records > 0 and not report.refused
        assert engine.sync(a).received_records > 0
        da, db = exchange.export_document(a), exchange.export_document(b)
        assert da["tables"] == db["tables"] and da["journal"] == db["journal"]
        assert not [p for p in root.rglob("*.tmp") if not p.name.startswith(".syncthing")]


def test_a_wrong_password_or_an_unreachable_server_is_one_clear_error(webdav, monkeypatch):
    url, _root = webdav
    monkeypatch.setenv("TRAVEL_STUDIO_WEBDAV_PASSWORD", "wrong")
    with pytest.raises(SyncError, match="refused the account"):
        open_place(url).check()
    with pytest.raises(SyncError, match="cannot be reached"):
        WebDAVTransport("webdav://127.0.0.1:9/nothing").check()


def test_photos_and_a_key_rotation_over_webdav(webdav, tmp_path):
    from PIL import Image

    from studio.services.media import files as media_files
    from studio.services.media import importing as media_import
    from studio.services.trips import lifecycle as trip_lifecycle

    url, root = webdav
    with (
        Studio.open(tmp_path / "a") as a,
        Studio.open(tmp_path / "b") as b,
        Studio.open(tmp_path / "c") as c,
    ):
        clients.setup_local_advisor(a, "Mei Lin", role="owner")
        client = clients.create_client(a, "Chen family")
        trip = trip_lifecycle.create_trip(a, client.id, "Yunnan", start_date="2026-03-10")
        (tmp_path / "in").mkdir()
        Image.new("RGB", (40, 30), (200, 120, 60)).save(tmp_path / "in" / "p.png")
        media_import.add_media(a, trip.id, [tmp_path / "in"])
        engine.create_share(a, url, tmp_path / "key.json")
        assert engine.sync(a).media_sent == 1
        for s in (b, c):
            engine.join_share(s, url, tmp_path / "key.json")
            assert engine.sync(s).media_fetched == 1  # with the studio, before admission
        engine.sync(a)  # admits B and C
        assert not media_files.missing_media(b)
        assert (root / "studio" / "media").is_dir()
        engine.remove_device(a, c.device_id)
        clients.create_client(b, "After the rotation")
        report = engine.sync(b)
        assert report.keys_received == [1] and report.sent_segments == 1
        assert not engine.sync(a).refused
        da, db = exchange.export_document(a), exchange.export_document(b)
        assert da["tables"] == db["tables"] and da["journal"] == db["journal"]


def test_a_join_given_up_removes_its_request_from_the_webdav_place(webdav, tmp_path):
    url, root = webdav
    with Studio.open(tmp_path / "a") as a, Studio.open(tmp_path / "b") as b:
        clients.setup_local_advisor(a, "Mei Lin", role="owner")
        engine.create_share(a, url, tmp_path / "key.json")
        engine.sync(a)
        engine.join_share(b, url, tmp_path / "key.json")
        request = root / "studio" / "requests" / f"{b.device_id}.req"
        assert request.exists()
        assert engine.abandon_join(b)
        assert not request.exists()
        open_place(url).delete("requests/no-such-file.req")  # a file already gone is fine
        assert engine.sync(a).admitted == []


@pytest.fixture
def no_password(monkeypatch):
    from studio.sync import credentials

    for name in (credentials.ENV_PASSWORD, credentials.ENV_PASSWORD_FILE, credentials.ENV_USER):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(credentials, "_session", {})
    return credentials


def test_where_a_webdav_password_comes_from(no_password, monkeypatch, tmp_path):
    c = no_password
    place = "webdavs://mei@cloud.example.com/dav/Studio/"
    assert c.needs_password(place) and c.password(place) is None
    assert not c.needs_password("/some/folder") and not c.needs_password("webdavs://host/x")
    assert c.password("webdavs://mei:in%20url@cloud.example.com/dav") == "in url"
    (tmp_path / "pw").write_text("from a file\nignored\n", encoding="utf-8")
    monkeypatch.setenv(c.ENV_PASSWORD_FILE, str(tmp_path / "pw"))
    assert c.password(place) == "from a file"
    monkeypatch.setenv(c.ENV_PASSWORD, "from the environment")
    assert c.password(place) == "from the environment"
    monkeypatch.delenv(c.ENV_PASSWORD)
    monkeypatch.setenv(c.ENV_PASSWORD_FILE, str(tmp_path / "missing"))
    with pytest.raises(SyncError, match="Cannot read the WebDAV password file"):
        c.password(place)
    monkeypatch.delenv(c.ENV_PASSWORD_FILE)
    assert c.use_for_session(place, "typed", remember=True) is False  # no keychain here
    assert c.password("webdavs://mei@CLOUD.example.com/dav/Studio") == "typed"
    assert c.password("webdavs://other@cloud.example.com/dav/Studio") is None
    c.forget(place)
    assert c.needs_password(place)


def test_a_keychain_remembers_the_password_across_a_restart(no_password, monkeypatch):
    import keyring

    c = no_password
    place = "webdavs://mei@cloud.example.com/dav/Studio"
    monkeypatch.delenv("TRAVEL_STUDIO_KEYCHAIN", raising=False)  # the tests switch it off
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring().backend)
    try:
        assert c.keychain_available()
        assert c.use_for_session(place, "kept", remember=True) is True
        monkeypatch.setattr(c, "_session", {})  # the app starts again
        assert c.password(place) == "kept" and not c.needs_password(place)
        c.forget(place)
        assert c.password(place) is None
    finally:
        keyring.set_keyring(before)
    assert not c.keychain_available()  # this machine's own keyring: none (its fail backend)


def test_the_password_is_never_written_into_the_data_directory(webdav, tmp_path, no_password):
    from fixtures.webdav_server import PASSWORD, USER

    url, _root = webdav
    place = url.replace("webdav://", f"webdav://{USER}@")
    no_password.use_for_session(place, PASSWORD)
    with Studio.open(tmp_path / "a") as a:
        clients.setup_local_advisor(a, "Mei Lin", role="owner")
        engine.create_share(a, place, tmp_path / "key.json")
        assert engine.sync(a).sent_records > 0
    written = [p for p in (tmp_path / "a").rglob("*") if p.is_file()]
    assert written and not [p for p in written if PASSWORD.encode() in p.read_bytes()]
