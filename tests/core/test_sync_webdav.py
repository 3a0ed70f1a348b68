"""Sync through a real WebDAV server (wsgidav) on loopback: the same studio on two laptops."""

from __future__ import annotations

import threading

import pytest

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
    root = tmp_path / "dav"
    root.mkdir()
    config = {
        "host": "127.0.0.1",
        "port": 0,
        "provider_mapping": {"/": str(root)},
        "simple_dc": {"user_mapping": {"*": {"mei": {"password": "s3cret"}}}},
        "http_authenticator": {
            "domain_controller": None,
            "accept_basic": True,
            "accept_digest": False,
            "default_to_digest": False,
        },
        "verbose": 0,
        "logging": {"enable": False},
    }
    server = cheroot_wsgi.Server(("127.0.0.1", 0), wsgidav_app.WsgiDAVApp(config))
    server.prepare()
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    monkeypatch.setenv("TRAVEL_STUDIO_WEBDAV_USER", "mei")
    monkeypatch.setenv("TRAVEL_STUDIO_WEBDAV_PASSWORD", "s3cret")
    yield f"webdav://127.0.0.1:{server.bind_addr[1]}/studio", root
    server.stop()
    thread.join(timeout=10)


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
