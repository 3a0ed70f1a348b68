"""The client table model, tested without widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio.services import clients, queries
from studio.services.queries import ClientFilter
from tests.ui.conftest import seed
from ui.models.client_table import (
    COL_ADVISOR,
    COL_DELETED,
    COL_LAST_INTERACTION,
    COL_NAME,
    COL_STAGE,
    COL_TAGS,
    PAGE_SIZE,
    ClientIdRole,
    ClientProxyModel,
    ClientTableModel,
    RowRole,
    SortRole,
)


def names(model, column=COL_NAME):
    col = model.column_of(column) if isinstance(model, ClientTableModel) else column
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_row_count_and_display_roles(seeded, qapp):
    model = ClientTableModel(seeded)
    assert model.rowCount() == 30
    assert model.columnCount() == 8  # … and the loyalty tier
    first = model.index(0, model.column_of(COL_NAME))
    assert first.data() == "Amélie Dubois 05"
    wang = model.row_of(seeded.ids[0])
    assert (
        model.index(wang, COL_NAME).data() == "Wang Xiaoming 00  王小明"
    )  # native beside romanized
    assert model.index(wang, COL_NAME).data(ClientIdRole) == seeded.ids[0]
    assert model.index(wang, model.column_of(COL_STAGE)).data() == "Prospect"
    assert model.index(wang, model.column_of(COL_ADVISOR)).data() == "Tom Baker"
    assert model.index(wang, model.column_of(COL_TAGS)).data() == "vip"
    assert model.index(wang, COL_NAME).data(RowRole).stage == "prospect"
    assert model.headerData(COL_NAME, Qt.Orientation.Horizontal) == "Name"
    assert (
        model.headerData(model.column_of(COL_STAGE), Qt.Orientation.Horizontal, SortRole) == "stage"
    )
    assert model.headerData(model.column_of(COL_TAGS), Qt.Orientation.Horizontal, SortRole) is None


def test_sorting_requeries_in_sql(seeded, qapp):
    model = ClientTableModel(seeded)
    ascending = names(model)
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert names(model) == ascending[::-1]
    model.sort(model.column_of(COL_STAGE), Qt.SortOrder.AscendingOrder)
    stages = [model.index(r, COL_NAME).data(RowRole).stage for r in range(model.rowCount())]
    assert stages == sorted(stages)
    assert model.sort_key == ("stage", False)
    model.sort(model.column_of(COL_TAGS))  # not sortable in SQL: order unchanged
    assert model.sort_key == ("stage", False)


def test_filters(seeded, qapp):
    model = ClientTableModel(seeded)
    counts = []
    model.sig_count_changed.connect(counts.append)
    model.set_filter(ClientFilter(text="zoe"))  # accent-insensitive search through the core
    assert model.rowCount() == 5 and all(n.startswith("Zoë") for n in names(model))
    model.set_filter(ClientFilter(text="小明"))
    assert model.rowCount() == 5
    model.set_filter(ClientFilter(stage="active"))
    assert model.rowCount() == 10
    model.set_filter(ClientFilter(tag="vip"))
    assert model.rowCount() == 6
    tom = next(a for a in queries.advisors(seeded) if a.name == "Tom Baker")
    model.set_filter(ClientFilter(advisor_id=tom.id, tag="vip"))
    assert model.rowCount() == 2  # i % 20 == 0
    assert counts == [5, 5, 10, 6, 2]


def test_pages_are_fetched_lazily(studio, qapp):
    seed(studio, 3 * PAGE_SIZE + 10)
    model = ClientTableModel(studio)
    assert model.rowCount() == 3 * PAGE_SIZE + 10
    assert model.pages_fetched == 0 and model.cached_rows == 0
    model.index(2 * PAGE_SIZE + 5, COL_NAME).data()
    assert model.pages_fetched == 1 and model.cached_rows == PAGE_SIZE
    model.index(2 * PAGE_SIZE + 6, COL_NAME).data()
    assert model.pages_fetched == 1  # same page, from the cache
    assert model.index(0, COL_NAME).data(ClientIdRole)  # ids need no page
    assert model.pages_fetched == 1


def test_proxy_delegates_sorting_and_never_reads_rows(studio, qapp):
    seed(studio, 2 * PAGE_SIZE)
    model = ClientTableModel(studio)
    proxy = ClientProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert model.sort_key == ("name", True)
    assert proxy.rowCount() == 2 * PAGE_SIZE
    assert model.pages_fetched == 0
    assert proxy.client_id(0) == model.client_id(0)
    assert proxy.row_of(model.client_id(7)) == 7


def test_model_follows_changes(seeded, qapp):
    model = ClientTableModel(seeded)
    deleted = ClientTableModel(seeded, deleted=True)
    seeded.subscribe(model.on_studio_changed)
    seeded.subscribe(deleted.on_studio_changed)
    new = clients.create_client(seeded, "Aaron Aa", native_name="亚伦")
    assert model.rowCount() == 31 and model.index(0, COL_NAME).data() == "Aaron Aa  亚伦"
    clients.delete_client(seeded, new.id)
    assert model.rowCount() == 30
    assert deleted.rowCount() == 1 and deleted.client_id(0) == new.id
    assert deleted.index(0, deleted.column_of(COL_DELETED)).data()


def test_edits_that_keep_the_order_reread_lines_without_requerying(seeded, qapp):
    model = ClientTableModel(seeded)
    seeded.subscribe(model.on_studio_changed)
    cid = seeded.ids[2]
    row = model.row_of(cid)
    assert model.index(row, COL_NAME).data()
    before = model.id_queries
    changed = []
    model.dataChanged.connect(lambda *a: changed.append(a))
    clients.update_client(seeded, cid, notes="Prefers aisle seats.")
    clients.log_interaction(
        seeded, cid, "call", "Asked about Kyoto in spring", occurred_at="2026-03-02"
    )
    assert model.id_queries == before and len(changed) == 2
    last = model.column_of(COL_LAST_INTERACTION)
    assert model.index(row, last).data() == "2 Mar 2026"  # the line was re-read
    clients.update_client(seeded, cid, stage="lost")  # a filterable field: re-query
    assert model.id_queries == before + 1
    model.set_filter(ClientFilter(text="li"))
    before = model.id_queries
    clients.update_client(seeded, cid, notes="now about Lisbon")  # may change search hits
    assert model.id_queries == before + 1


def test_deleted_time_is_shown_in_local_time(monkeypatch):
    import time

    from ui.models.client_table import local_time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert local_time("2026-11-22T15:46:01.123Z") == "22 Nov 2026, 23:46"
        assert local_time(None) == ""
    finally:
        monkeypatch.undo()
        time.tzset()
