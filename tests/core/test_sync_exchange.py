"""Sync through a folder: convergence, held and refused segments, faults met calmly."""

from __future__ import annotations

import shutil

import pytest
from fixtures.journal import tx_records

from studio.domain.models import Person
from studio.services import clients, exchange, queries
from studio.store import Studio, schema
from studio.sync import engine
from studio.sync import segment as sg
from studio.sync.keys import LocalKeys, SyncError
from studio.sync.transport import FolderTransport


@pytest.fixture
def laptops(tmp_path):
    """The owner's laptop A with two clients, and laptop B joined and admitted; both in sync."""
    place = tmp_path / "place"
    a = Studio.open(tmp_path / "a")
    clients.setup_local_advisor(a, "Mei Lin", role="owner")
    clients.create_client(a, "Zoë Martin", tags=["vip"])
    clients.create_client(a, "Wang Xiaoming", native_name="王小明")
    engine.create_share(a, str(place), tmp_path / "key.json")
    engine.sync(a)
    b = Studio.open(tmp_path / "b")
    engine.join_share(b, str(place), tmp_path / "key.json")
    engine.sync(b)
    engine.sync(a)  # admits B
    yield a, b, place
    a.close()
    b.close()


def _same(a: Studio, b: Studio) -> None:
    da, db = exchange.export_document(a), exchange.export_document(b)
    assert da["tables"] == db["tables"]
    assert da["journal"] == db["journal"]


def _seg(place, studio: Studio, number: int):
    return place / sg.file_name(studio.device_id, number)


def _client(studio: Studio, name: str) -> str:
    return next(
        c for c in queries.client_ids(studio) if queries.get_dossier(studio, c).client.name == name
    )


def test_two_laptops_converge_and_history_says_who_and_where(laptops):
    a, b, _place = laptops
    _same(a, b)
    zoe = _client(b, "Zoë Martin")
    clients.update_client(b, zoe, notes="Prefers trains")
    clients.update_client(a, zoe, stage="active")
    engine.sync(b)
    report = engine.sync(a)
    assert report.received_records == 1 and report.sent_records == 1
    assert report.collisions == []  # different fields: no collision
    clients.update_client(a, zoe, notes="Prefers night trains")  # A saw B's value: no collision
    engine.sync(a)
    assert engine.sync(b).collisions == []
    engine.sync(b)
    _same(a, b)
    with a.read() as conn:
        devices = {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT device_id FROM change WHERE row_id = ? AND op = 'update'", (zoe,)
            )
        }
    assert devices == {a.device_id, b.device_id}


def test_the_same_field_on_two_laptops_the_clock_decides_and_both_stay_in_history(laptops):
    a, b, _place = laptops
    zoe = _client(a, "Zoë Martin")
    clients.update_client(a, zoe, notes="from A")
    clients.update_client(b, zoe, notes="from B")  # later stamp
    engine.sync(a)
    report = engine.sync(b)  # B's later edit did not know A's: a collision to review
    assert [(c["field"], c["kept"], c["lost"]) for c in report.collisions] == [
        ("notes", "from B", "from A")
    ]
    assert any("collision" in line for line in report.lines())
    report = engine.sync(a)
    assert [(c["kept"], c["lost"]) for c in report.collisions] == [("from B", "from A")]
    assert queries.get_dossier(a, zoe).client.notes == "from B"
    assert queries.get_dossier(b, zoe).client.notes == "from B"
    notes = [e.new for e in queries.history(a, zoe) if e.field == "notes"]
    assert set(notes) == {"from A", "from B"}
    _same(a, b)


def test_a_delete_is_a_tombstone_a_later_edit_elsewhere_does_not_resurrect(laptops):
    a, b, _place = laptops
    zoe = _client(a, "Zoë Martin")
    clients.delete_client(a, zoe)
    clients.update_client(b, zoe, notes="edited after the delete, elsewhere")
    for s in (a, b, a):
        engine.sync(s)
    for s in (a, b):
        assert zoe not in queries.client_ids(s)
    _same(a, b)
    clients.restore_client(b, zoe)  # only an explicit restore brings it back
    engine.sync(b)
    engine.sync(a)
    assert zoe in queries.client_ids(a)
    _same(a, b)


def test_a_truncated_segment_is_held_then_applied_when_whole(laptops):
    a, b, place = laptops
    clients.create_client(b, "Chloé Bernard")
    engine.sync(b)
    path = _seg(place, b, 1)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    report = engine.sync(a)
    assert [h["file"] for h in report.held] == [sg.file_name(b.device_id, 1)]
    assert "incomplete" in report.held[0]["reason"] and not report.refused
    assert "Chloé Bernard" not in {
        queries.get_dossier(a, c).client.name for c in queries.client_ids(a)
    }
    path.write_bytes(whole)
    assert engine.sync(a).received_segments == 1
    _same(a, b)


def test_a_tampered_segment_is_refused_by_name_and_never_applied(laptops):
    a, b, place = laptops
    clients.create_client(b, "Chloé Bernard")
    engine.sync(b)
    path = _seg(place, b, 1)
    whole = path.read_bytes()
    bad = bytearray(whole)
    bad[len(bad) // 2] ^= 0xFF
    path.write_bytes(bytes(bad))
    before = exchange.export_document(a)
    report = engine.sync(a)
    assert report.refused == [
        {
            "file": sg.file_name(b.device_id, 1),
            "device": b.device_id,
            "reason": report.refused[0]["reason"],
        }
    ]
    assert "tampered" in report.refused[0]["reason"]
    assert exchange.export_document(a) == before
    path.write_bytes(whole)  # the fault clears: the studio converges
    engine.sync(a)
    _same(a, b)


def test_a_forged_segment_is_refused(laptops, tmp_path):
    a, b, place = laptops
    keys = LocalKeys.load(b.data_dir)
    from studio.sync.keys import new_device_key

    forger = LocalKeys(b.device_id, new_device_key(), keys.studio, keys.place)
    forger.save(b.data_dir)  # B's id, another key
    clients.create_client(b, "Mallory")
    engine.sync(b)
    report = engine.sync(a)
    assert report.refused and "signature" in report.refused[0]["reason"]
    assert report.received_records == 0


def test_a_replayed_segment_under_another_number_is_refused(laptops):
    a, b, place = laptops
    clients.create_client(b, "Chloé Bernard")
    engine.sync(b)
    engine.sync(a)
    shutil.copy(_seg(place, b, 1), _seg(place, b, 2))
    report = engine.sync(a)
    assert report.refused and "replayed" in report.refused[0]["reason"]


def test_a_segment_after_a_missing_one_waits_for_it(laptops):
    a, b, place = laptops
    clients.create_client(b, "One")
    engine.sync(b)
    clients.create_client(b, "Two")
    engine.sync(b)
    first = _seg(place, b, 1)
    hidden = first.with_name("00000001.sync-conflict-20261122-1.seg")  # and ignored as such
    first.rename(hidden)
    report = engine.sync(a)
    assert report.held and "waits for segment 1" in report.held[0]["reason"]
    assert not report.refused
    hidden.rename(first)
    assert engine.sync(a).received_segments == 2
    _same(a, b)


def test_a_removed_laptops_later_segments_are_refused(laptops):
    a, b, _place = laptops
    clients.create_client(b, "Before removal")
    engine.sync(b)
    engine.sync(a)
    clients.create_client(b, "After removal")
    engine.sync(b)  # segment 2, written before B learns it was removed
    engine.remove_device(a, b.device_id[:8])
    report = engine.sync(a)
    assert report.refused and "removed" in report.refused[0]["reason"]
    names = {queries.get_dossier(a, c).client.name for c in queries.client_ids(a)}
    assert "Before removal" in names and "After removal" not in names
    with pytest.raises(SyncError, match="removed this laptop"):
        engine.sync(b)


def test_a_clock_far_ahead_is_held_not_dragging_this_clock_then_applied(laptops):
    a, b, _place = laptops
    real = a.clock._now_ms
    b.clock._now_ms = lambda: real() + 3_600_000  # B's clock is an hour fast
    clients.create_client(b, "From the future")
    engine.sync(b)
    report = engine.sync(a)
    assert report.held and "clock is 60 min ahead" in report.held[0]["reason"]
    assert a.clock.now() < f"{real() + 3_000_000:013d}"
    a.clock._now_ms = lambda: real() + 3_600_000  # time passes: the stamps are no longer ahead
    assert engine.sync(a).received_segments == 1
    _same(a, b)


def test_a_newer_schemas_segment_is_kept_until_this_laptop_upgrades(laptops, monkeypatch):
    a, b, _place = laptops
    clients.create_client(b, "Newer")
    monkeypatch.setattr(schema, "HEAD", "0099_future")
    engine.sync(b)
    monkeypatch.undo()
    report = engine.sync(a)
    assert report.held and "newer Travel Studio" in report.held[0]["reason"]
    assert "update to see its" in report.held[0]["reason"]
    monkeypatch.setattr(schema, "REVISIONS", (*schema.REVISIONS, "0099_future"))
    assert engine.sync(a).received_segments == 1


def test_a_place_gone_mid_write_loses_nothing(laptops, monkeypatch):
    a, b, place = laptops
    clients.create_client(a, "Written while unplugged")
    calls = []
    real = FolderTransport.write

    def unplugged(self, name, data):
        if name.endswith(".seg") and not calls:
            calls.append(name)
            raise SyncError("the disk went away")
        return real(self, name, data)

    monkeypatch.setattr(FolderTransport, "write", unplugged)
    with pytest.raises(SyncError):
        engine.sync(a)
    assert list((a.data_dir / engine.OUTBOX).glob("*.seg"))
    monkeypatch.undo()
    engine.sync(a)  # the staged segment goes out first
    assert not list((a.data_dir / engine.OUTBOX).glob("*.seg"))
    engine.sync(b)
    _same(a, b)


def test_a_missing_place_is_one_clear_error_and_changes_wait(laptops):
    a, b, place = laptops
    clients.create_client(a, "Offline")
    place.rename(place.with_name("away"))
    with pytest.raises(SyncError, match="not there"):
        engine.sync(a)
    assert engine.pending_records(a) > 0
    place.with_name("away").rename(place)
    engine.sync(a)
    assert engine.pending_records(a) == 0
    engine.sync(b)
    _same(a, b)


def test_a_child_row_before_its_parent_waits_then_appears(tmp_path):
    """Records from B about A's new client can arrive before A's: nothing fails, nothing is lost."""
    with Studio.open(tmp_path / "a") as a, Studio.open(tmp_path / "c") as c:
        with a.transaction() as tx1:
            client = clients.create_client(a, "Parent")
        with a.transaction() as tx2:
            clients.add_person(a, client.id, "Child", role="child")
        rec = {t: tx_records(a, t.id) for t in (tx1, tx2)}
        with c.transaction() as tx:
            tx.apply_remote(rec[tx2])
        assert c.count(Person, include_deleted=True) == 0
        with c.transaction() as tx:
            tx.apply_remote(rec[tx1])
        assert exchange.export_document(c)["tables"] == exchange.export_document(a)["tables"]


def test_a_create_split_in_two_waits_for_its_other_half(tmp_path):
    with Studio.open(tmp_path / "a") as a, Studio.open(tmp_path / "c") as c:
        with a.transaction() as t1:
            client = clients.create_client(a, "Split", notes="in two")
        person = queries.get_dossier(a, client.id).people[0].person
        with a.transaction() as t2:
            clients.add_important_date(a, person.id, kind="birthday", month=7, day=7)
        recs = tx_records(a, t1.id) + tx_records(a, t2.id)
        first = [r for r in recs if r["field"] not in ("name", "month")]
        rest = [r for r in recs if r["field"] in ("name", "month")]
        with c.transaction() as tx:
            result = tx.apply_remote(first)
        assert result.parked >= 2 and queries.client_ids(c) == []
        with c.transaction() as tx:
            tx.apply_remote(rest + first)  # duplicates are skipped
        assert exchange.export_document(c)["tables"] == exchange.export_document(a)["tables"]
        with c.read() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM sync_waiting").scalar() == 0


def test_weeks_offline_go_out_in_several_segments_never_splitting_a_transaction(
    laptops, monkeypatch
):
    a, b, place = laptops
    monkeypatch.setattr(engine, "SEGMENT_RECORDS", 5)
    for n in range(6):
        clients.create_client(b, f"Offline client {n}", notes="written offline", tags=["x"])
    report = engine.sync(b)
    assert report.sent_segments >= 3
    keys = LocalKeys.load(b.data_dir)
    seen_tx: dict[str, int] = {}
    for path in sorted((place / "journal" / b.device_id).glob("*.seg")):
        header, body, sig = sg.read_header(path.read_bytes())
        for rec in sg.decode_records(sg.unseal(header, body, keys.studio.key)):
            assert seen_tx.setdefault(rec["tx"], header.number) == header.number
    assert engine.sync(a).received_segments == report.sent_segments
    _same(a, b)


def test_two_batches_in_one_transaction_see_each_other(tmp_path):
    with Studio.open(tmp_path / "a") as a, Studio.open(tmp_path / "c") as c:
        with a.transaction() as t1:
            client = clients.create_client(a, "Twice")
        with a.transaction() as t2:
            clients.update_client(a, client.id, notes="second")
        with c.transaction() as tx:
            tx.apply_remote(tx_records(a, t1.id))
            tx.apply_remote(tx_records(a, t2.id))
        assert exchange.export_document(c)["tables"] == exchange.export_document(a)["tables"]


def test_a_segment_staged_but_never_recorded_is_made_again_not_sent(laptops):
    """A crash between staging a segment and recording it must not put two different files
    under one number."""
    a, b, place = laptops
    clients.create_client(a, "After the crash")
    box = a.data_dir / engine.OUTBOX
    box.mkdir(exist_ok=True)
    number = engine._last_segment(a, a.device_id)[0] + 1
    (box / f"{number:08d}.seg").write_bytes(b"staged before a crash")
    engine.sync(a)
    assert not list(box.glob("*.seg"))
    assert _seg(place, a, number).read_bytes() != b"staged before a crash"
    assert not engine.sync(b).refused
    _same(a, b)


def test_one_damaged_record_never_fails_the_whole_merge(tmp_path):
    with Studio.open(tmp_path / "a") as a, Studio.open(tmp_path / "c") as c:
        with a.transaction() as t:
            client = clients.create_client(a, "Fine", notes="readable")
        recs = tx_records(a, t.id)
        for r in recs:
            if r["field"] == "notes":
                r["new"] = "{not json"
        with c.transaction() as tx:
            tx.apply_remote(recs)
        assert queries.get_dossier(c, client.id).client.name == "Fine"


def test_each_laptops_clock_offset_is_estimated_from_its_segments(laptops):
    from studio.sync import status

    a, b = laptops[0], laptops[1]
    real = b.clock._now_ms
    b.clock._now_ms = lambda: real() + 3 * 60_000  # B's clock is 3 min fast (not held for it)
    clients.create_client(b, "Written on a fast clock")
    engine.sync(b)
    engine.sync(a)
    on_a = {lap["device"]: lap["clock_offset_s"] for lap in engine.status(a)["laptops"]}
    assert on_a[a.device_id] == 0
    assert 170 <= on_a[b.device_id] <= 181
    lap_b = next(lap for lap in status.laptops(a)["laptops"] if lap.device == b.device_id)
    assert lap_b.clock_offset_s == on_a[b.device_id]
    clients.create_client(a, "Written on a right clock")
    engine.sync(a)
    b.clock._now_ms = lambda: real() - 60_000  # B now a minute slow (A not held for it)
    engine.sync(b)
    on_b = {lap["device"]: lap["clock_offset_s"] for lap in engine.status(b)["laptops"]}
    assert 50 <= on_b[a.device_id] <= 61  # from B, A is ahead by as much
