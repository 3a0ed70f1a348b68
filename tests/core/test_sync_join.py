"""Joining a shared studio from a laptop whose only history is setting up its own advisor (the
app's File › Join a shared studio… on an empty studio), and the laptop's name it is then known by."""

from __future__ import annotations

import pytest

from studio.services import clients
from studio.services.search import search
from studio.store import Studio
from studio.sync import engine, status
from studio.sync.keys import SyncError


@pytest.fixture
def shared(tmp_path):
    place, key = tmp_path / "shared", tmp_path / "studio-key.json"
    with Studio.open(tmp_path / "owner") as s:
        clients.setup_local_advisor(s, "Mei Lin", role="owner", native_name="林美")
        clients.create_client(s, "Zoë Martin")
        engine.create_share(s, str(place), key)
        engine.sync(s)
    return tmp_path, place, key


def test_a_laptop_with_only_its_own_advisor_joins_and_is_named_after_it(shared):
    tmp_path, place, key = shared
    with Studio.open(tmp_path / "b") as s:
        clients.setup_local_advisor(s, "Tom Baker", role="advisor")
        engine.join_share(s, str(place), key)
        engine.sync(s)
        assert [h.name for h in search(s, "zoe")] == ["Zoë Martin"]
    with Studio.open(tmp_path / "owner") as s:
        engine.sync(s)  # admits b
    with Studio.open(tmp_path / "b") as s:
        engine.sync(s)  # sends its advisor
    with Studio.open(tmp_path / "owner") as s:
        engine.sync(s)
        names = {lap.name for lap in status.laptops(s)["laptops"]}
    assert names == {"Mei Lin", "Tom Baker"}


def test_a_laptop_with_clients_of_its_own_is_refused(shared):
    tmp_path, place, key = shared
    with Studio.open(tmp_path / "c") as s:
        clients.setup_local_advisor(s, "Tom Baker", role="advisor")
        clients.create_client(s, "A client of my own")
        with pytest.raises(SyncError, match="already holds a studio"):
            engine.join_share(s, str(place), key)


def test_another_studios_key_is_named_as_such(shared):
    tmp_path, place, _key = shared
    other_place, other_key = tmp_path / "other", tmp_path / "other-key.json"
    with Studio.open(tmp_path / "other-owner") as s:
        clients.setup_local_advisor(s, "Li Na", role="owner")
        engine.create_share(s, str(other_place), other_key)
    with Studio.open(tmp_path / "d") as s:
        with pytest.raises(SyncError, match="belongs to another studio"):
            engine.join_share(s, str(place), other_key)
        assert not (tmp_path / "d" / "sharing.json").exists()


def test_after_a_removal_the_recovery_key_is_the_new_generation(shared):
    from studio.sync.keys import StudioKey

    tmp_path, place, key = shared
    with Studio.open(tmp_path / "b") as s:
        clients.setup_local_advisor(s, "Tom Baker", role="advisor")
        engine.join_share(s, str(place), key)
        b_device = s.device_id
    with Studio.open(tmp_path / "owner") as s:
        engine.sync(s)  # admits b
        first = StudioKey.read(key).fingerprint()
        assert engine.current_key(s).fingerprint() == first
        engine.remove_device(s, b_device)
        current = engine.current_key(s)
        assert current.fingerprint() != first
        assert engine.write_key_file(s, tmp_path / "new-key.json") == current.fingerprint()
    with Studio.open(tmp_path / "e") as s:  # a new laptop joins with the sheet's key
        engine.join_share(s, str(place), tmp_path / "new-key.json")


def test_a_fetch_reports_progress_and_stops_between_segments_when_cancelled(shared):
    tmp_path, place, key = shared
    with Studio.open(tmp_path / "owner") as s:
        for n in range(3):  # three more segments
            clients.create_client(s, f"Client {n}")
            engine.sync(s)
    with Studio.open(tmp_path / "b") as s:
        engine.join_share(s, str(place), key)
        told: list[tuple[int, int, str]] = []

        def cancel() -> bool:
            return len(told) >= 2  # after the second segment has been taken in

        report = engine.sync(s, progress=lambda d, t, m: told.append((d, t, m)), cancel=cancel)
        assert report.cancelled and report.received_segments == 2
        assert [d for d, _t, _m in told] == [0, 1] and told[0][1] == 4
        assert "Mei Lin" in told[0][2]
        assert len(search(s, "client")) == 1  # whole segments only: the first two
        rest = engine.sync(s)
        assert not rest.cancelled and rest.received_segments == 2
        assert len(search(s, "client")) == 3


def test_a_join_given_up_before_its_fetch_leaves_nothing_in_the_place(shared):
    tmp_path, place, key = shared
    with Studio.open(tmp_path / "b") as s:
        clients.setup_local_advisor(s, "Tom Baker", role="advisor")
        engine.join_share(s, str(place), key)
        device = s.device_id
        assert (place / "requests" / f"{device}.req").exists()
        assert engine.abandon_join(s) is True
        assert not (place / "requests" / f"{device}.req").exists()
        assert not (s.data_dir / "sharing.json").exists()
        assert engine.abandon_join(s) is False  # nothing left to give up
    with Studio.open(tmp_path / "owner") as s:
        assert engine.sync(s).admitted == []  # the owner admits no laptop that gave up
    with Studio.open(tmp_path / "b") as s:  # and it may join again
        engine.join_share(s, str(place), key)
        assert engine.sync(s).received_records > 0


def test_a_join_whose_fetch_was_cancelled_at_once_takes_its_own_segment_back(shared):
    tmp_path, place, key = shared
    with Studio.open(tmp_path / "b") as s:
        clients.setup_local_advisor(s, "Tom Baker", role="advisor")
        engine.join_share(s, str(place), key)
        report = engine.sync(s, cancel=lambda: True)  # its advisor went out, nothing came in
        assert report.cancelled and report.received_segments == 0 and report.sent_segments == 1
        assert engine.abandon_join(s)
        assert not list((place / "journal").glob(f"{s.device_id}/*"))
        assert not list((place / "requests").iterdir())
    with Studio.open(tmp_path / "owner") as s:
        report = engine.sync(s)
        assert report.admitted == [] and not report.held


def test_a_laptop_that_took_in_part_of_the_studio_stays_joined(shared):
    tmp_path, place, key = shared
    with Studio.open(tmp_path / "b") as s:
        engine.join_share(s, str(place), key)
        engine.sync(s)
        with pytest.raises(SyncError, match="stays joined"):
            engine.abandon_join(s)
        assert (place / "requests" / f"{s.device_id}.req").exists()
