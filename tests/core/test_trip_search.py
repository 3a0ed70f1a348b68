"""Search finds clients by their trips: titles, destinations, notes, days, items (places, notes,
confirmation codes) and the suppliers of items, in Latin and Chinese; edits reindex the client."""

from __future__ import annotations

import pytest

from studio.services import clients, queries
from studio.services.search import search
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips import suppliers as trip_suppliers
from studio.services.trips import versions as trip_versions


def names(studio, q):
    return [h.name for h in search(studio, q)]


@pytest.fixture
def trip(studio):
    li = clients.create_client(studio, "Li Na", native_name="李娜")
    clients.create_client(studio, "Olivia Brown", notes="Prefers beaches")
    hotel = trip_suppliers.create_supplier(
        studio, "Songtsam Lodge", kind="hotel", native_name="松赞酒店"
    )
    t = trip_lifecycle.create_trip(
        studio,
        li.id,
        "Yunnan in spring 云南之春",
        start_date="2027-03-14",
        end_date="2027-03-16",
        destinations=["Lijiang", "丽江", "Shangri-La"],
        currency="CNY",
        notes="Celebrating a tenth anniversary",
    )
    d1, d2, _ = trip_reading.days(studio, t.current_version_id)
    trip_plan.update_day(studio, d2.id, title="Tiger Leaping Gorge 虎跳峡")
    trip_plan.add_item(
        studio,
        d1.id,
        "Check in",
        kind="lodging",
        supplier_id=hotel.id,
        place="Dayan old town",
        confirmation="SGT-48213",
        notes="Ask for the room with the courtyard view",
    )
    return t


@pytest.mark.parametrize(
    "q",
    [
        "Lijiang",
        "lijiang",
        "丽江",
        "shangri",
        "云南",
        "spring",
        "tenth anniversary",
        "SGT-48213",
        "sgt 48213",
        "Songtsam",
        "松赞",
        "Dayan",
        "courtyard",
        "虎跳峡",
        "tiger leaping",
    ],
)
def test_finds_client_by_trip_text(studio, trip, q):
    assert names(studio, q) == ["Li Na"]


def test_trip_words_combine_with_names(studio, trip):
    assert names(studio, "李娜 丽江") == ["Li Na"]
    assert names(studio, "olivia lijiang") == []
    assert queries.client_ids(studio, queries.ClientFilter(text="sgt-48213")) == [trip.client_id]


def test_edits_of_trips_days_and_items_reindex_the_client(studio, trip):
    trip_lifecycle.update_trip(
        studio, trip.id, title="Hokkaido powder", destinations=["Niseko", "二世谷"]
    )
    assert names(studio, "Hokkaido") == ["Li Na"] and names(studio, "二世谷") == ["Li Na"]
    assert names(studio, "云南") == []  # the old title is gone from the index
    day = trip_reading.days(studio, trip.current_version_id)[2]
    item = trip_plan.add_item(
        studio, day.id, "Onsen evening", place="Noboribetsu", confirmation="ONS-77"
    )
    assert names(studio, "noboribetsu") == ["Li Na"] and names(studio, "ONS-77") == ["Li Na"]
    trip_plan.update_item(studio, item.id, confirmation="ONS-99")
    assert names(studio, "ONS-77") == [] and names(studio, "ONS-99") == ["Li Na"]
    trip_plan.remove_item(studio, item.id)
    assert names(studio, "noboribetsu") == []


def test_versions_share_lines_and_old_versions_stay_findable(studio, trip):
    v2 = trip_versions.duplicate_version(studio, trip.current_version_id, "Slower")
    day = trip_reading.days(studio, v2.id)[0]
    trip_plan.add_item(studio, day.id, "Naxi music concert", confirmation="NAXI-1")
    assert names(studio, "naxi") == ["Li Na"] and names(studio, "SGT-48213") == ["Li Na"]
    with studio.read() as conn:
        row = conn.exec_driver_sql(
            "SELECT f.notes FROM client_fts f JOIN client c ON c.rowid = f.rowid WHERE c.id = ?",
            (trip.client_id,),
        ).scalar()
    assert row.count("SGT-48213") == 1  # the item copied into v2 is indexed once


def test_deleted_client_with_trips_stays_hidden(studio, trip):
    clients.delete_client(studio, trip.client_id)
    assert names(studio, "lijiang") == []
    clients.restore_client(studio, trip.client_id)
    assert names(studio, "lijiang") == ["Li Na"]


def test_full_reindex_includes_trips(studio, trip):
    from studio.store import fts

    with studio.transaction() as tx:
        fts.reindex(tx.conn)
    assert names(studio, "丽江") == ["Li Na"] and names(studio, "松赞") == ["Li Na"]


def test_upgrade_indexes_the_trips_of_an_existing_studio(studio, trip, data_dir):
    """A studio from before 0008_trip_search (index without trip text) finds trips after opening."""
    import sqlite3

    from fixtures.flat_journal import flatten_journal

    from studio import paths
    from studio.services.check import check
    from studio.store import Studio

    studio.close()
    flatten_journal(data_dir / paths.DB_NAME)  # the journal as 0007 kept it
    con = sqlite3.connect(data_dir / paths.DB_NAME)
    with con:
        con.execute("DELETE FROM client_fts")
        con.execute(
            "INSERT INTO client_fts(rowid, names, contacts, tags, notes) "
            "SELECT rowid, name, '', '', notes FROM client WHERE deleted_at IS NULL"
        )
        con.execute("DROP TABLE studio_profile")  # added by 0009_studio_profile
        con.execute("UPDATE alembic_version SET version_num = '0007_media'")
    con.close()
    with Studio.open(data_dir) as s:
        assert s.migration.startswith("0007_media → ")
        assert names(s, "丽江") == ["Li Na"] and names(s, "SGT-48213") == ["Li Na"]
        assert names(s, "olivia") == ["Olivia Brown"]
        assert check(s).ok, check(s).problems


def test_renaming_a_supplier_reindexes_the_clients_who_use_it(studio, trip):
    hotel = [s for s in trip_suppliers.suppliers(studio) if s.name == "Songtsam Lodge"][0]
    trip_suppliers.update_supplier(
        studio, hotel.id, name="Blue Moon Valley Lodge", native_name="蓝月山谷"
    )
    assert names(studio, "Songtsam") == [] and names(studio, "松赞") == []
    assert names(studio, "blue moon") == ["Li Na"] and names(studio, "蓝月") == ["Li Na"]
