"""The pipeline's table model and proxy, without any widget."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.services import clients
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips import versions as trip_versions
from ui.models.trip_table import (
    COL_ADVISOR,
    COL_CLIENT,
    COL_DATES,
    COL_DESTINATIONS,
    COL_STATUS,
    COL_TITLE,
    COL_TOTAL,
    COL_VERSION,
    ClientIdRole,
    RowRole,
    SortRole,
    StatusRole,
    TripIdRole,
    TripProxyModel,
    TripTableModel,
    amount_text,
    date_span,
    next_status,
)


@pytest.fixture
def studio3(studio):
    """Three trips: Kyoto (priced in JPY, proposed), Provence (EUR and USD items), Yunnan (no dates)."""
    wang = clients.create_client(
        studio,
        "Wang Xiaoming",
        native_name="王小明",
        kind="household",
        people=[
            {"name": "Wang Xiaoming", "native_name": "王小明"},
            {"name": "Li Na", "native_name": "李娜"},
        ],
    )
    zoe = clients.create_client(studio, "Zoë Martin")
    kyoto = trip_lifecycle.create_trip(
        studio,
        wang.id,
        "Kyoto in autumn",
        start_date="2027-03-14",
        end_date="2027-03-17",
        destinations=["Kyoto", "Nara"],
        currency="JPY",
    )
    day1 = trip_reading.days(studio, kyoto.current_version_id)[0]
    trip_plan.add_item(
        studio, day1.id, "Kaiseki dinner", kind="dining", cost="90000", price="110000"
    )
    trip_plan.add_item(studio, day1.id, "Tea ceremony", cost="25000", price="32000")
    trip_lifecycle.set_status(studio, kyoto.id, "proposed", acknowledged=True)
    provence = trip_lifecycle.create_trip(
        studio,
        zoe.id,
        "Provence lavender",
        start_date="2027-06-28",
        end_date="2027-07-02",
        destinations=["Avignon"],
        currency="EUR",
    )
    pday = trip_reading.days(studio, provence.current_version_id)[0]
    trip_plan.add_item(studio, pday.id, "Hôtel d'Europe", kind="lodging", cost="450", price="580")
    trip_plan.add_item(studio, pday.id, "Helicopter", cost="900", price="1200", currency="USD")
    trip_versions.approve_version(studio, provence.current_version_id)
    yunnan = trip_lifecycle.create_trip(studio, wang.id, "Yunnan someday", currency="CNY")
    studio.trip_ids = {"kyoto": kyoto.id, "provence": provence.id, "yunnan": yunnan.id}
    studio.wang, studio.zoe = wang.id, zoe.id
    return studio


def _texts(model, col):
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_rows_show_every_column(studio3, qapp):
    m = TripTableModel(studio3)
    assert m.rowCount() == 3 and m.columnCount() == 8
    assert _texts(m, COL_TITLE) == [
        "Kyoto in autumn",
        "Provence lavender",
        "Yunnan someday",
    ]  # undated last
    row = m.row_of(studio3.trip_ids["kyoto"])
    cell = lambda col: m.index(row, col).data()  # noqa: E731
    assert cell(COL_CLIENT) == "Wang Xiaoming  王小明"
    assert cell(COL_DATES) == "14–17 Mar 2027"
    assert cell(COL_DESTINATIONS) == "Kyoto, Nara"
    assert cell(COL_STATUS) == "Proposed"
    assert cell(COL_ADVISOR) == "Mei Lin"
    assert cell(COL_VERSION) == "v1 “First proposal”"
    assert cell(COL_TOTAL) == "JPY 142,000"
    assert "cost 115,000" in m.index(row, COL_TOTAL).data(Qt.ItemDataRole.ToolTipRole)
    assert m.index(row, COL_TITLE).data(TripIdRole) == studio3.trip_ids["kyoto"]
    assert m.index(row, COL_TITLE).data(ClientIdRole) == studio3.wang
    assert m.index(row, COL_STATUS).data(StatusRole) == "proposed"
    assert m.index(row, COL_TITLE).data(RowRole).title == "Kyoto in autumn"
    assert m.headerData(COL_TOTAL, Qt.Orientation.Horizontal) == "Total price"


def test_mixed_currencies_and_an_approved_version(studio3, qapp):
    m = TripTableModel(studio3)
    row = m.row_of(studio3.trip_ids["provence"])
    assert m.index(row, COL_TOTAL).data() == "EUR 580 · USD 1,200"
    assert m.index(row, COL_VERSION).data() == "v1 “First proposal” (approved)"
    assert m.index(row, COL_DATES).data() == "28 Jun – 2 Jul 2027"
    empty = m.row_of(studio3.trip_ids["yunnan"])
    assert m.index(empty, COL_DATES).data() == "" and m.index(empty, COL_TOTAL).data() == ""


def test_status_counts_and_filters(studio3, qapp):
    m = TripTableModel(studio3)
    counts = m.status_counts()
    # (approving Provence's version confirmed it)
    assert counts["proposed"] == 1 and counts["inquiry"] == 1 and counts["confirmed"] == 1
    assert counts["cancelled"] == 0
    assert (
        m.status_counts(studio3.zoe)["confirmed"] == 1
        and sum(m.status_counts(studio3.zoe).values()) == 1
    )
    p = TripProxyModel()
    p.setSourceModel(m)
    p.set_status("inquiry")
    assert sorted(p.trip_id(r) for r in range(p.rowCount())) == [studio3.trip_ids["yunnan"]]
    p.set_status(None)
    p.set_client(studio3.wang)
    assert p.rowCount() == 2
    p.set_client(None)
    p.set_text("nara")  # a destination
    assert [p.trip_id(r) for r in range(p.rowCount())] == [studio3.trip_ids["kyoto"]]
    p.set_text("王小明")  # the client's native name
    assert p.rowCount() == 2
    p.set_text("zoe")  # accents optional
    assert [p.trip_id(r) for r in range(p.rowCount())] == [studio3.trip_ids["provence"]]
    p.set_text("")
    assert p.rowCount() == 3 and p.row_of(studio3.trip_ids["yunnan"]) >= 0


def test_sorting_uses_the_sort_role(studio3, qapp):
    m = TripTableModel(studio3)
    p = TripProxyModel()
    p.setSourceModel(m)
    p.sort(COL_STATUS, Qt.SortOrder.DescendingOrder)  # pipeline order, not alphabetical
    assert [p.index(r, COL_STATUS).data() for r in range(3)] == [
        "Confirmed",
        "Proposed",
        "Inquiry",
    ]
    p.sort(COL_DATES, Qt.SortOrder.AscendingOrder)
    assert p.index(2, COL_TITLE).data() == "Yunnan someday"  # undated trips last
    assert m.index(0, COL_DATES).data(SortRole) == ("2027-03-14", "2027-03-17")


def test_model_rereads_after_a_trip_change(studio3, qapp, qtbot):
    from ui.context import AppContext

    ctx = AppContext(studio3)
    m = TripTableModel(studio3)
    ctx.bridge.sig_changed.connect(m.on_studio_changed)
    loads = m.loads
    with qtbot.waitSignal(m.dataChanged):  # an edit re-reads only that client's trips
        ctx.execute(
            "Rename",
            lambda: trip_lifecycle.update_trip(
                studio3, studio3.trip_ids["yunnan"], title="Yunnan in spring"
            ),
        )
    assert "Yunnan in spring" in _texts(m, COL_TITLE)
    assert m.loads == loads and m.partial_loads == 1
    day = trip_reading.days(
        studio3, trip_reading.find_trip(studio3, studio3.trip_ids["kyoto"]).current_version_id
    )[0]
    with qtbot.waitSignal(m.dataChanged):
        ctx.execute(
            "Add", lambda: trip_plan.add_item(studio3, day.id, "Sake", cost="1000", price="8000")
        )
    assert m.index(m.row_of(studio3.trip_ids["kyoto"]), COL_TOTAL).data() == "JPY 150,000"
    with qtbot.waitSignal(m.sig_count_changed):  # a new trip re-reads the list
        ctx.execute("New", lambda: trip_lifecycle.create_trip(studio3, studio3.zoe, "Iceland"))
    assert m.rowCount() == 4 and m.loads == loads + 1
    clients.create_advisor(studio3, "Tom Baker")  # an advisor change re-reads too (names shown)
    assert m.loads == loads + 2
    ctx.bridge.close()


def test_small_helpers():
    assert next_status("inquiry") == "drafting"
    assert next_status("completed") == "followed-up"
    assert next_status("followed-up") is None and next_status("cancelled") is None
    assert amount_text("1250.00") == "1,250" and amount_text("1250.5") == "1,250.50"
    assert date_span("2026-12-30", "2027-01-04") == "30 Dec 2026 – 4 Jan 2027"
    assert date_span("2027-05-03", "2027-05-03") == "3 May 2027"
    assert date_span(None, None) == ""
