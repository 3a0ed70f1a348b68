"""Removing a laptop rotates the studio key: it cannot read what comes after; the others converge."""

from __future__ import annotations

import json

import pytest

from studio.services import clients, exchange, queries
from studio.store import Studio
from studio.sync import engine, rotation
from studio.sync import membership as mb
from studio.sync import segment as sg
from studio.sync.keys import LocalKeys, SyncError, new_device_key
from studio.sync.transport import FolderTransport


@pytest.fixture
def three(tmp_path):
    """The owner's laptop A with a client, and laptops B and C joined, admitted and in sync."""
    place = tmp_path / "place"
    a = Studio.open(tmp_path / "a")
    clients.setup_local_advisor(a, "Mei Lin", role="owner")
    clients.create_client(a, "Zoë Martin")
    engine.create_share(a, str(place), tmp_path / "key.json")
    engine.sync(a)
    b, c = Studio.open(tmp_path / "b"), Studio.open(tmp_path / "c")
    for s in (b, c):
        engine.join_share(s, str(place), tmp_path / "key.json")
        engine.sync(s)
    engine.sync(a)  # admits B and C
    for s in (b, c):
        engine.sync(s)
    yield a, b, c, place
    for s in (a, b, c):
        s.close()


def _same(*studios: Studio) -> None:
    docs = [exchange.export_document(s) for s in studios]
    for d in docs[1:]:
        assert d["tables"] == docs[0]["tables"]
        assert d["journal"] == docs[0]["journal"]


def _names(studio: Studio) -> set[str]:
    return {queries.get_dossier(studio, c).client.name for c in queries.client_ids(studio)}


def _members(place) -> dict:
    return json.loads((place / mb.NAME).read_text())["body"]


def _c_keys(c: Studio) -> list[bytes]:
    keys = LocalKeys.load(c.data_dir)
    ring = rotation.Keyring.load(c.data_dir, keys)
    return [keys.studio.key, *ring.generations.values()]


def test_after_removal_the_removed_laptop_cannot_read_new_segments_and_the_others_converge(three):
    a, b, c, place = three
    engine.remove_device(a, c.device_id)
    body = _members(place)
    assert body["generation"] == 1 and set(body["key_checks"]) == {"0", "1"}
    assert engine.status(a)["key_generation"] == 1
    assert (place / rotation.key_file_name(1, b.device_id)).is_file()
    assert not (place / rotation.key_file_name(1, c.device_id)).exists()

    clients.create_client(b, "After the removal")
    report = engine.sync(b)
    assert report.keys_received == [1] and report.sent_segments == 1
    seg = sorted((place / "journal" / b.device_id).glob("*.seg"))[-1]
    header, signed, _sig = sg.read_header(seg.read_bytes())
    assert header.generation == 1
    for key in _c_keys(c):  # every key the removed laptop ever held
        with pytest.raises(sg.Refused):
            sg.unseal(header, signed, key)
    # nor can it open the key handed to B, with its own X25519 key
    c_ring = rotation.Keyring.load(c.data_dir, LocalKeys.load(c.data_dir))
    keys_a = LocalKeys.load(a.data_dir)
    with pytest.raises(SyncError, match="cannot be opened"):
        rotation.open_key(
            (place / rotation.key_file_name(1, b.device_id)).read_bytes(),
            keys_a.public_key,
            keys_a.studio.studio_id,
            b.device_id,
            1,
            c_ring.kx_key,
        )

    clients.create_client(a, "From the owner, after")
    report = engine.sync(a)
    assert report.received_records > 0 and not report.refused and not report.held
    engine.sync(b)
    _same(a, b)
    assert {"After the removal", "From the owner, after"} <= _names(b)
    with pytest.raises(SyncError, match="removed this laptop"):
        engine.sync(c)


def test_old_segments_stay_readable_and_a_new_laptop_needs_the_new_key_file(three, tmp_path):
    a, b, c, place = three
    engine.remove_device(a, c.device_id)
    clients.create_client(b, "Sealed with generation 1")
    engine.sync(b)
    engine.sync(a)
    with Studio.open(tmp_path / "d-old") as d:  # the key file the studio was shared with
        with pytest.raises(SyncError, match="retired studio key"):
            engine.join_share(d, str(place), tmp_path / "key.json")
    code = engine.write_key_file(a, tmp_path / "new-key.json")
    with Studio.open(tmp_path / "d") as d:
        assert engine.join_share(d, str(place), tmp_path / "new-key.json") == code
        engine.sync(d)
        engine.sync(a)  # admits D and hands it every generation
        report = engine.sync(d)
        assert sorted(report.keys_received) == [0]
        assert not report.held and not report.refused
        engine.sync(b)
        _same(a, b, d)  # generation-0 segments (before) and generation-1 ones (after) both read
    with pytest.raises(SyncError, match="Only the owner"):
        engine.write_key_file(b, tmp_path / "x.json")


def test_the_removed_laptop_cannot_come_back_with_its_old_key(three):
    a, b, c, place = three
    engine.remove_device(a, c.device_id)
    keys = LocalKeys.load(c.data_dir)
    comeback = LocalKeys("11111111-2222-4333-8444-555555555555", new_device_key(), keys.studio, "")
    ring = rotation.Keyring(rotation.new_kx_key(), {0: keys.studio.key})
    FolderTransport(place).write(
        mb.request_name(comeback.device_id),
        rotation.seal_join_request(
            comeback, ring, "C again", keys.studio.key, keys.studio.studio_id
        ),
    )
    report = engine.sync(a)
    assert report.admitted == []
    assert comeback.device_id not in _members(place)["devices"]


def test_a_laptop_shared_before_key_generations_publishes_its_key_and_gets_the_new_one(three):
    a, b, c, place = three
    (b.data_dir / rotation.KEYRING_NAME).unlink()  # as a laptop joined by an earlier version
    engine.sync(b)  # a new X25519 key, published in its own request file
    engine.sync(a)  # the owner records it in the membership file
    ring = rotation.Keyring.load(b.data_dir, LocalKeys.load(b.data_dir))
    assert _members(place)["devices"][b.device_id]["kx"] == sg.b64(ring.kx_public)
    engine.remove_device(a, c.device_id)
    assert engine.sync(b).keys_received == [1]
    clients.create_client(b, "Still here")
    engine.sync(b)
    engine.sync(a)
    _same(a, b)


def test_a_tampered_key_file_is_not_used_and_named_then_replaced_by_the_owner(three):
    a, b, c, place = three
    engine.remove_device(a, c.device_id)
    path = place / rotation.key_file_name(1, b.device_id)
    doc = json.loads(path.read_text())
    doc["body"]["nonce"] = sg.new_nonce()
    path.write_text(json.dumps(doc))
    clients.create_client(b, "Waits for the key")
    report = engine.sync(b)
    assert report.keys_received == [] and report.waiting_key and report.sent_segments == 0
    assert [r["file"] for r in report.refused] == [rotation.key_file_name(1, b.device_id)]
    assert "not signed by the owner" in report.refused[0]["reason"]
    assert any("new key" in line for line in report.lines())
    engine.sync(a)  # the owner sees a key file it did not sign and hands the key again
    report = engine.sync(b)
    assert report.keys_received == [1] and report.sent_segments == 1
    engine.sync(a)
    _same(a, b)


def test_remove_device_and_key_file_through_the_cli(three, tmp_path, capsys):
    from studio.cli import main

    a, b, c, place = three
    for s in (a, b, c):
        s.close()
    assert main(["--data-dir", str(a.data_dir), "share", "remove-device", c.device_id]) == 0
    assert "studio key was rotated" in capsys.readouterr().out
    key = tmp_path / "new.json"
    assert main(["--data-dir", str(a.data_dir), "share", "key-file", str(key)]) == 0
    assert "join code" in capsys.readouterr().out
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    assert main(["--data-dir", str(b.data_dir), "share", "key-file", str(key)]) == 1
    assert "Only the owner" in capsys.readouterr().err


def test_a_removal_cut_off_before_the_membership_file_is_written_is_safe_to_repeat(
    three, monkeypatch
):
    a, b, c, place = three
    real = FolderTransport.write

    def unplugged(self, name, data):
        if name == mb.NAME:
            raise SyncError("the disk went away")
        return real(self, name, data)

    monkeypatch.setattr(FolderTransport, "write", unplugged)
    with pytest.raises(SyncError):
        engine.remove_device(a, c.device_id)
    monkeypatch.undo()
    assert _members(place).get("generation", 0) == 0  # nothing named yet: B goes on as before
    assert engine.sync(b).keys_received == []
    engine.remove_device(a, c.device_id)  # again: the same new key, its files already out
    report = engine.sync(b)
    assert report.keys_received == [1] and not report.refused
    clients.create_client(b, "After the second try")
    engine.sync(b)
    assert not engine.sync(a).refused
    _same(a, b)


def test_a_laptop_that_asked_to_join_before_a_removal_asks_again_with_the_new_key_file(
    three, tmp_path
):
    a, b, c, place = three
    with Studio.open(tmp_path / "late") as late:
        engine.join_share(late, str(place), tmp_path / "key.json")
        engine.sync(late)  # waits for admission
        engine.remove_device(a, c.device_id)
        engine.sync(a)  # its request is sealed with the retired key: not admitted
        with pytest.raises(SyncError, match="new key file"):
            engine.sync(late)
        engine.write_key_file(a, tmp_path / "new.json")
        engine.join_share(late, str(place), tmp_path / "new.json")
        engine.sync(a)  # admitted now, and handed every generation
        report = engine.sync(late)
        assert not report.waiting_admission and not report.refused and not report.held
        ring = rotation.Keyring.load(late.data_dir, LocalKeys.load(late.data_dir))
        assert sorted(ring.generations) == [0, 1]  # its first key file's, and the new one
        clients.create_client(late, "From the late laptop")
        engine.sync(late)
        engine.sync(a)
        engine.sync(b)
        _same(a, b, late)
        with pytest.raises(SyncError, match="already belongs"):
            engine.join_share(late, str(place), tmp_path / "new.json")
