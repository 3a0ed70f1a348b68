"""The day-by-day plan editor: the tree model on its own, then the panel with its dialogs, drag and
drop, keyboard moves, undo, locked versions and profile flags."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from studio.services import clients, profiles
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips import versions as trip_versions
from ui.context import AppContext
from ui.dialogs.trip_item_dialog import DayDialog, ReasonDialog, TripItemDialog
from ui.models.trip_plan_model import (
    COL_KIND,
    COL_PRICE,
    COL_TITLE,
    COL_WHEN,
    DayIdRole,
    FlagRole,
    ItemIdRole,
    KindRole,
    TripPlanModel,
)
from ui.widgets.trip_plan_panel import TripPlanPanel

MOVE = Qt.DropAction.MoveAction


@pytest.fixture
def trip(studio):
    c = clients.create_client(
        studio,
        "Chen family",
        kind="household",
        native_name="陈家",
        people=[
            {"name": "Chen Wei", "native_name": "陈伟", "role": "primary"},
            {"name": "Li Na", "native_name": "李娜", "role": "partner"},
        ],
    )
    li_na = [
        p
        for p in trip_reading.travellers(
            studio,
            trip_lifecycle.create_trip(
                studio,
                c.id,
                "Kyoto in autumn",
                start_date="2026-11-01",
                end_date="2026-11-04",
                currency="JPY",
            ).id,
        )
        if p.name == "Li Na"
    ][0]
    profiles.set_fact(studio, c.id, "dietary.vegetarian", "must", person_id=li_na.id)
    t = trip_reading.find_trip(studio, "Kyoto in autumn")
    d1, d2 = trip_reading.days(studio, t.current_version_id)[:2]
    for title, start in (
        ("Tea ceremony", "10:00"),
        ("Cable car", "13:00"),
        ("Kaiseki dinner", "19:00"),
    ):
        trip_plan.add_item(studio, d1.id, title, start_time=start, time_zone="Asia/Tokyo")
    trip_plan.add_item(
        studio,
        d2.id,
        "Fushimi Inari",
        start_time="07:00",
        end_time="09:30",
        time_zone="Asia/Tokyo",
        price="26000",
        place="Fushimi",
    )
    return t


@pytest.fixture
def ctx(studio, qapp):
    c = AppContext(studio)
    yield c
    c.bridge.close()


@pytest.fixture
def model(ctx, trip):
    m = TripPlanModel(ctx)
    m.set_version(trip.id, None)
    return m


@pytest.fixture
def panel(ctx, trip, qtbot):
    p = TripPlanPanel(ctx)
    qtbot.addWidget(p)
    p.resize(1000, 600)
    p.set_version(trip.id, None)
    p.show()
    qtbot.waitExposed(p)
    return p


def titles(model, day_row):
    parent = model.index(day_row, 0)
    return [model.index(r, COL_TITLE, parent).data() for r in range(model.rowCount(parent))]


def db_titles(studio, trip_id, day_row):
    vid = trip_reading.find_trip(studio, trip_id).current_version_id
    return [i.title for i in trip_reading.items(studio, trip_reading.days(studio, vid)[day_row].id)]


def drop_rows(model, indexes, row, parent=QModelIndex()):  # noqa: B008
    data = model.mimeData(indexes)
    assert model.canDropMimeData(data, MOVE, row, 0, parent)
    return model.dropMimeData(data, MOVE, row, 0, parent)


# -- the model, without a view ----------------------------------------------------------------
def test_model_shows_days_and_items_with_roles(model, trip):
    assert model.rowCount() == 4
    day1 = model.index(0, COL_WHEN)
    assert day1.data() == "Day 1 · Sun 1 Nov"
    assert day1.data(KindRole) == "day" and day1.data(ItemIdRole) is None
    assert titles(model, 0) == ["Tea ceremony", "Cable car", "Kaiseki dinner"]
    inari = model.index(0, COL_WHEN, model.index(1, 0))
    assert inari.data() == "07:00–09:30 JST"
    assert inari.siblingAtColumn(COL_KIND).data() == "Activity"
    assert (
        inari.siblingAtColumn(COL_PRICE).data() == "26,000.00 JPY"
    )  # the trip's currency by default
    assert inari.data(DayIdRole) == model.days()[1].id
    assert model.parent(inari) == model.index(1, 0)
    assert model.rowCount(inari) == 0 and not model.hasChildren(inari)


def test_model_follows_changes_from_anywhere(model, ctx, trip):
    day3 = model.days()[2]
    trip_plan.add_item(ctx.studio, day3.id, "Nara deer park", kind="activity")
    assert titles(model, 2) == ["Nara deer park"]
    item_id = model.index(0, 0, model.index(2, 0)).data(ItemIdRole)
    trip_plan.update_item(ctx.studio, item_id, title="Nara and Todai-ji")
    assert titles(model, 2) == ["Nara and Todai-ji"]
    reads = model.reads
    clients.create_client(ctx.studio, "Zoë Martin")  # another client: nothing to re-read
    assert model.reads == reads


def test_drag_reorders_items_within_a_day_and_undo_restores(model, ctx, trip):
    day1 = model.index(0, 0)
    cable = model.index(1, 0, day1)
    assert drop_rows(model, [cable], 0, day1)
    expected = ["Cable car", "Tea ceremony", "Kaiseki dinner"]
    assert titles(model, 0) == expected == db_titles(ctx.studio, trip.id, 0)
    assert ctx.undo_stack.undoText() == "Move “Cable car” within Day 1"
    # Down: dropping below the last row puts it at the end.
    tea = model.index(1, 0, model.index(0, 0))
    assert drop_rows(model, [tea], 3, model.index(0, 0))
    assert (
        titles(model, 0)
        == ["Cable car", "Kaiseki dinner", "Tea ceremony"]
        == db_titles(ctx.studio, trip.id, 0)
    )
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    original = ["Tea ceremony", "Cable car", "Kaiseki dinner"]
    assert titles(model, 0) == original == db_titles(ctx.studio, trip.id, 0)
    ctx.undo_stack.redo()
    assert titles(model, 0) == expected == db_titles(ctx.studio, trip.id, 0)


def test_drag_moves_an_item_to_another_day_in_one_step(model, ctx, trip):
    cable = model.index(1, 0, model.index(0, 0))
    count = ctx.undo_stack.count()
    assert drop_rows(model, [cable], 0, model.index(1, 0))  # to the top of day 2
    assert ctx.undo_stack.count() == count + 1
    assert ctx.undo_stack.undoText() == "Move “Cable car” to Day 2"
    assert (
        titles(model, 0) == ["Tea ceremony", "Kaiseki dinner"] == db_titles(ctx.studio, trip.id, 0)
    )
    assert titles(model, 1) == ["Cable car", "Fushimi Inari"] == db_titles(ctx.studio, trip.id, 1)
    ctx.undo_stack.undo()
    assert (
        titles(model, 0)
        == ["Tea ceremony", "Cable car", "Kaiseki dinner"]
        == db_titles(ctx.studio, trip.id, 0)
    )
    assert titles(model, 1) == ["Fushimi Inari"] == db_titles(ctx.studio, trip.id, 1)


def test_drag_reorders_days_keeping_the_calendar(model, ctx, trip):
    day2 = model.index(1, 0)
    assert drop_rows(model, [day2], 0)
    ds = trip_reading.days(ctx.studio, trip.current_version_id)
    assert [d.date for d in ds] == ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"]
    assert titles(model, 0) == ["Fushimi Inari"] and model.index(0, 0).data().startswith(
        "Day 1 · Sun 1 Nov"
    )
    assert ctx.undo_stack.undoText() == "Move Day 2 to place 1"
    ctx.undo_stack.undo()
    assert titles(model, 0) == ["Tea ceremony", "Cable car", "Kaiseki dinner"]
    # Dropped onto another day, a day takes its place, going down as going up.
    assert drop_rows(model, [model.index(0, 0)], -1, model.index(2, 0))
    assert [titles(model, r) for r in range(4)] == [
        ["Fushimi Inari"],
        [],
        ["Tea ceremony", "Cable car", "Kaiseki dinner"],
        [],
    ]
    assert drop_rows(model, [model.index(2, 0)], -1, model.index(0, 0))
    assert titles(model, 0) == ["Tea ceremony", "Cable car", "Kaiseki dinner"] and titles(
        model, 1
    ) == ["Fushimi Inari"]
    assert not model.removeRows(0, 1, model.index(0, 0)) and model.rowCount(model.index(0, 0)) == 3


def test_drops_that_make_no_sense_are_refused(model, ctx, trip):
    day1 = model.index(0, 0)
    item = model.index(0, 0, day1)
    assert not model.canDropMimeData(
        model.mimeData([item]), MOVE, 0, 0, QModelIndex()
    )  # item among days
    assert not model.canDropMimeData(model.mimeData([day1]), MOVE, 0, 0, day1)  # day into a day
    count = ctx.undo_stack.count()
    assert not drop_rows(model, [item], 0, day1)  # dropped where it already is
    assert ctx.undo_stack.count() == count


# -- the panel --------------------------------------------------------------------------------
def drive(panel, monkeypatch, fill):
    """Answer the panel's next dialogs with ``fill(dialog)`` (which may press OK itself)."""
    seen = []

    def fake_exec(dialog):
        seen.append(dialog)
        fill(dialog)
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(panel, "exec_dialog", fake_exec)
    return seen


def test_build_a_day_through_the_ui(panel, ctx, trip, monkeypatch, qtbot):
    def fill(dialog):
        if isinstance(dialog, DayDialog):
            dialog.title.setText("Arashiyama")
        else:
            assert dialog.day_label.text().startswith("Day 5")
            dialog.kind.setCurrentIndex(dialog.kind.findData("transfer"))
            dialog.title.setText("Sagano train")
            dialog.start_time.setText("09:15")
            dialog.end_time.setText("09:40")
            assert dialog.time_zone.currentText() == "Asia/Tokyo"  # from the plan's last item
            dialog.price.setText("1,200")
            dialog.tags.setText("scenic, train")
        dialog.submit()

    seen = drive(panel, monkeypatch, fill)
    # The trip runs 1-4 Nov; a fifth day needs the trip to last a day longer.
    trip_lifecycle.update_trip(ctx.studio, trip.id, end_date="2026-11-05")
    panel.add_day_action.trigger()
    assert panel.model.day_count() == 5
    assert panel.model.index(4, 0).data() == "Day 5 · Thu 5 Nov · Arashiyama"
    assert panel.model.day_at(panel.tree.currentIndex()).title == "Arashiyama"
    with qtbot.waitSignal(panel.sig_current_item_changed) as sig:
        panel.add_item_action.trigger()
    assert [type(d) for d in seen] == [DayDialog, TripItemDialog]
    it = trip_reading.items(ctx.studio, panel.model.days()[4].id)[0]
    assert (it.kind, it.title, it.price, it.currency, it.tags) == (
        "transfer",
        "Sagano train",
        "1200.00",
        "JPY",
        '["scenic", "train"]',
    )
    assert sig.args == [it.id] and panel.current_item_id() == it.id
    assert panel.model.item_index(it.id, COL_WHEN).data() == "09:15–09:40 JST"
    assert ctx.undo_stack.undoText() == "Add “Sagano train” to Day 5"


def test_invalid_price_keeps_the_text_and_writes_nothing(panel, ctx, trip, monkeypatch):
    panel.select_row(panel.model.days()[1].id)
    before = len(trip_reading.version_items(ctx.studio, trip.current_version_id))
    steps = ctx.undo_stack.count()

    def fill(dialog):
        dialog.title.setText("Sake tasting")
        dialog.price.setText("12,5x")
        dialog.notes.setPlainText("Fushimi brewery, ask for the junmai")
        dialog.submit()

    seen = drive(panel, monkeypatch, fill)
    panel.add_item_action.trigger()
    dialog = seen[0]
    assert dialog.result() != dialog.DialogCode.Accepted
    assert (
        "price" in dialog.field("price").error.text()
        and "12,5x" in dialog.field("price").error.text()
    )
    assert dialog.price.text() == "12,5x" and dialog.title.text() == "Sake tasting"
    assert dialog.notes.toPlainText() == "Fushimi brewery, ask for the junmai"
    assert len(trip_reading.version_items(ctx.studio, trip.current_version_id)) == before
    assert ctx.undo_stack.count() == steps
    # A bad time zone names its field too; fixing both writes once.
    dialog.price.setText("3000")
    dialog.time_zone.setCurrentText("Asia/Kyoto")
    dialog.submit()
    assert (
        "time zone" in dialog.field("time_zone").error.text()
        and dialog.result() != dialog.DialogCode.Accepted
    )
    dialog.time_zone.setCurrentText("Asia/Tokyo")
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(trip_reading.version_items(ctx.studio, trip.current_version_id)) == before + 1


def test_keyboard_moves_and_undo_restore_tree_and_database(panel, ctx, trip, qtbot):
    cable = panel.model.index(1, 0, panel.model.index(0, 0)).data(ItemIdRole)
    panel.select_row(cable)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert (
        titles(panel.model, 0)
        == ["Cable car", "Tea ceremony", "Kaiseki dinner"]
        == db_titles(ctx.studio, trip.id, 0)
    )
    assert panel.current_item_id() == cable  # the selection follows the row
    # Up from a day's first item crosses into... nothing (day 1 is first); down twice reaches day 2.
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert (
        titles(panel.model, 1)
        == ["Cable car", "Fushimi Inari"]
        == db_titles(ctx.studio, trip.id, 1)
    )
    assert panel.current_item_id() == cable
    for _ in range(4):
        ctx.undo_stack.undo()
    assert (
        titles(panel.model, 0)
        == ["Tea ceremony", "Cable car", "Kaiseki dinner"]
        == db_titles(ctx.studio, trip.id, 0)
    )
    assert titles(panel.model, 1) == ["Fushimi Inari"]
    assert panel.tree.isExpanded(panel.model.index(0, 0))


def test_flagged_item_shows_its_reason_and_the_strip_selects_it(panel, ctx, trip):
    assert not panel.flags_list.isVisible()
    day3 = panel.model.days()[2]
    trip_plan.add_item(ctx.studio, day3.id, "Wagyu tasting", kind="dining", tags=["meat"])
    index = panel.model.item_index(trip_reading.items(ctx.studio, day3.id)[0].id, COL_TITLE)
    reason = index.data(FlagRole)
    assert reason and "Li Na" in reason and "meat" in reason
    assert reason in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert panel.flags_list.count() == 1 and panel.flags_list.isVisible()
    assert (
        "Wagyu tasting" in panel.flags_list.item(0).text()
        and "Li Na" in panel.flags_list.item(0).text()
    )
    panel._flag_clicked(panel.flags_list.item(0))
    assert panel.tree.currentIndex().data(ItemIdRole) == index.data(ItemIdRole)
    # Moving day 3 to the front renumbers the flag; clearing the tags clears it.
    assert panel.flags_list.item(0).text().startswith("Day 3 · ")
    wagyu = index.data(ItemIdRole)
    assert drop_rows(panel.model, [panel.model.index(2, 0)], 0)
    assert panel.flags_list.item(0).text().startswith("Day 1 · Wagyu tasting")
    assert panel.model.item_index(wagyu, COL_TITLE).data(FlagRole) == reason
    # (the check reads the title too: "Wagyu" alone would still clash with a vegetarian)
    trip_plan.update_item(ctx.studio, wagyu, title="Matcha tasting", tags=["tea"])
    assert panel.model.item_index(wagyu, COL_TITLE).data(FlagRole) is None
    assert panel.flags_list.count() == 0 and "nothing clashes" in panel.flags_title.text()


def test_editing_a_locked_version_follows_to_the_new_version(panel, ctx, trip, monkeypatch, qtbot):
    v1 = trip.current_version_id
    trip_versions.approve_version(ctx.studio, v1)
    panel.set_version(trip.id, v1)
    assert panel.notice.isVisible() and "locked" in panel.notice.text()
    tea = panel.model.index(0, 0, panel.model.index(0, 0)).data(ItemIdRole)
    panel.select_row(tea)

    def fill(dialog):
        dialog.start_time.setText("10:30")
        dialog.submit()

    drive(panel, monkeypatch, fill)
    with qtbot.waitSignal(panel.sig_version_followed) as sig:
        panel.edit_current()
    v2 = trip_reading.find_trip(ctx.studio, trip.id).current_version_id
    assert v2 != v1 and sig.args == [v1, v2] and panel.version_id() == v2
    assert "started v2" in panel.notice.text()
    assert panel.model.index(0, COL_WHEN, panel.model.index(0, 0)).data() == "10:30 JST"
    assert (
        trip_reading.items(ctx.studio, trip_reading.days(ctx.studio, v1)[0].id)[0].start_time
        == "10:00"
    )  # v1 untouched
    # A drag on the new (unlocked) version stays there; undoing everything returns to v1.
    assert drop_rows(
        panel.model, [panel.model.index(2, 0, panel.model.index(0, 0))], 0, panel.model.index(0, 0)
    )
    assert panel.version_id() == v2
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert (
        panel.version_id() == v1
        and trip_reading.find_trip(ctx.studio, trip.id).current_version_id == v1
    )


def test_dragging_in_a_locked_version_starts_one_new_version(model, ctx, trip):
    v1 = trip.current_version_id
    trip_versions.approve_version(ctx.studio, v1)
    day1 = model.index(0, 0)
    assert drop_rows(
        model, [model.index(0, 0, day1), model.index(2, 0, day1)], 0, model.index(1, 0)
    )
    versions = trip_reading.versions(ctx.studio, trip.id)
    assert len(versions) == 2 and model.version_id == versions[1].id
    assert titles(model, 0) == ["Cable car"]
    assert (
        titles(model, 1)
        == ["Tea ceremony", "Kaiseki dinner", "Fushimi Inari"]
        == db_titles(ctx.studio, trip.id, 1)
    )
    assert [
        i.title for i in trip_reading.items(ctx.studio, trip_reading.days(ctx.studio, v1)[0].id)
    ] == [
        "Tea ceremony",
        "Cable car",
        "Kaiseki dinner",
    ]


def test_while_travelling_changes_ask_for_a_reason(panel, ctx, trip, monkeypatch):
    trip_lifecycle.set_status(ctx.studio, trip.id, "travelling", acknowledged=True)
    cable = panel.model.index(1, 0, panel.model.index(0, 0)).data(ItemIdRole)
    panel.select_row(cable)

    def fill(dialog):
        assert isinstance(dialog, ReasonDialog)
        dialog.submit()  # no reason yet: refused, stays open
        assert dialog.result() != dialog.DialogCode.Accepted and dialog.error.isVisibleTo(dialog)
        dialog.editor.reason.setCurrentIndex(dialog.editor.reason.findData("weather"))
        dialog.editor.detail.setText("ropeway closed by wind")
        dialog.submit()

    drive(panel, monkeypatch, fill)
    panel.remove_action.trigger()
    assert titles(panel.model, 0) == ["Tea ceremony", "Kaiseki dinner"]
    with ctx.studio.read() as conn:
        row = conn.exec_driver_sql(
            "SELECT change_reason, deleted_at FROM trip_item WHERE id = ?", (cable,)
        ).one()
    assert row[0] == "weather: ropeway closed by wind" and row[1] is not None
    # The item dialog carries the reason field itself.
    panel.select_row(panel.model.index(0, 0, panel.model.index(0, 0)).data(ItemIdRole))

    def edit(dialog):
        assert dialog.field("change_reason").isVisibleTo(dialog)
        dialog.place.setText("Uji")
        dialog.submit()
        assert "travelling" in dialog.field("change_reason").error.text()
        dialog.reason.reason.setCurrentIndex(dialog.reason.reason.findData("client request"))
        dialog.submit()

    drive(panel, monkeypatch, edit)
    panel.edit_action.trigger()
    tea = trip_reading.items(ctx.studio, panel.model.days()[0].id)[0]
    assert (tea.place, tea.change_reason) == ("Uji", "client request")


def test_refresh_keeps_selection_and_expansion(panel, ctx, trip, qtbot):
    model = panel.model
    panel.tree.collapse(model.index(1, 0))
    tea = model.index(0, 0, model.index(0, 0)).data(ItemIdRole)
    with qtbot.waitSignal(panel.sig_current_item_changed) as sig:
        panel.select_row(tea)
    assert sig.args == [tea]
    reads = model.reads
    trip_plan.update_item(ctx.studio, tea, place="Uji")  # same rows: no reset
    assert model.reads == reads + 1 and model.item_index(tea, 3).data() == "Uji"
    trip_plan.add_item(
        ctx.studio, model.days()[2].id, "Nara deer park"
    )  # new row: the model resets
    assert panel.current_item_id() == tea
    assert not panel.tree.isExpanded(model.index(1, 0)) and panel.tree.isExpanded(model.index(2, 0))
    assert panel.tree.isFirstColumnSpanned(3, QModelIndex())
    with qtbot.waitSignal(panel.sig_current_item_changed) as sig:
        panel.select_row(model.days()[0].id)
    assert sig.args == [None]
    assert panel.remove_action.isEnabled() and panel.edit_action.isEnabled()  # a day can go too


def test_the_tree_is_set_up_for_internal_moves(panel):
    from PySide6.QtWidgets import QAbstractItemView

    tree, model = panel.tree, panel.model
    assert tree.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    assert tree.defaultDropAction() == MOVE and model.supportedDropActions() == MOVE
    day, item = model.index(0, 0), model.index(0, 0, model.index(0, 0))
    assert (
        model.flags(day) & Qt.ItemFlag.ItemIsDragEnabled
        and model.flags(day) & Qt.ItemFlag.ItemIsDropEnabled
    )
    assert model.flags(item) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    assert model.mimeTypes() == ["application/x-travel-studio-plan"]


def test_narrow_panel_shares_the_width_without_cutting_times_or_prices(panel, qtbot):
    tree, model = panel.tree, panel.model
    inari = model.index(0, 0, model.index(1, 0))
    metrics = tree.fontMetrics()
    for width in (1200, 700):
        panel.resize(width, 600)
        qtbot.waitUntil(
            lambda w=width: abs(tree.viewport().width() - (w - 2 * tree.frameWidth())) < 40
        )
        used = sum(tree.columnWidth(c) for c in range(model.columnCount()))
        assert used <= tree.viewport().width() + 1
        for col in (COL_WHEN, COL_PRICE):
            assert tree.columnWidth(col) > metrics.horizontalAdvance(
                inari.siblingAtColumn(col).data()
            )
    assert inari.siblingAtColumn(COL_KIND).data() == ""  # badge only when narrow
    assert inari.siblingAtColumn(COL_KIND).data(Qt.ItemDataRole.ToolTipRole).startswith("Activity")


def test_moves_on_the_road_keep_their_reason_or_do_not_happen(panel, ctx, trip, monkeypatch):
    trip_lifecycle.set_status(ctx.studio, trip.id, "travelling", acknowledged=True)
    model = panel.model
    cable = model.index(1, 0, model.index(0, 0)).data(ItemIdRole)
    answers = iter([None, "weather: rain all afternoon"])

    monkeypatch.setattr(panel, "ask_reason", lambda what: next(answers))
    model.reason_provider = panel.ask_reason
    steps = ctx.undo_stack.count()
    assert not drop_rows(model, [model.item_index(cable)], -1, model.index(2, 0))  # cancelled
    assert ctx.undo_stack.count() == steps and titles(model, 2) == []
    assert drop_rows(model, [model.item_index(cable)], -1, model.index(2, 0))
    assert ctx.undo_stack.count() == steps + 1 and titles(model, 2) == ["Cable car"]
    moved = trip_reading.items(ctx.studio, model.days()[2].id)[0]
    assert moved.change_reason == "weather: rain all afternoon"
    ctx.undo_stack.undo()
    assert titles(model, 0) == ["Tea ceremony", "Cable car", "Kaiseki dinner"]
    assert trip_reading.items(ctx.studio, model.days()[0].id)[1].change_reason is None


def test_re_showing_the_same_version_costs_no_read(panel, trip):
    reads = panel.model.reads
    panel.set_version(trip.id, trip.current_version_id)
    assert panel.model.reads == reads


def test_enter_edits_delete_removes_and_ctrl_i_adds(panel, ctx, trip, monkeypatch, qtbot):
    seen = drive(panel, monkeypatch, lambda dialog: dialog.reject())
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    cable = panel.model.index(1, 0, panel.model.index(0, 0)).data(ItemIdRole)
    panel.select_row(cable)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert (
        len(seen) == 1
        and isinstance(seen[0], TripItemDialog)
        and seen[0].title.text() == "Cable car"
    )
    qtbot.keyClick(panel.tree, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert (
        len(seen) == 2
        and isinstance(seen[1], TripItemDialog)
        and seen[1].day_label.text().startswith("Day 1")
    )
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert titles(panel.model, 0) == ["Tea ceremony", "Kaiseki dinner"]
    assert ctx.undo_stack.undoText() == "Remove “Cable car”"
    assert panel.current_item_id() == panel.model.index(1, 0, panel.model.index(0, 0)).data(
        ItemIdRole
    )
    ctx.undo_stack.undo()
    assert titles(panel.model, 0) == ["Tea ceremony", "Cable car", "Kaiseki dinner"]


def test_a_move_the_core_refuses_is_shown_and_writes_nothing(panel, ctx, trip):
    model = panel.model
    day1, day2 = model.days()[:2]
    trip_plan.add_item(
        ctx.studio,
        day1.id,
        "Flight to Sapporo",
        kind="flight",
        start_time="11:00",
        end_time="12:40",
        time_zone="Asia/Tokyo",
    )
    other = trip_plan.add_item(
        ctx.studio,
        day2.id,
        "Flight to Fukuoka",
        kind="flight",
        start_time="11:30",
        end_time="13:30",
        time_zone="Asia/Tokyo",
    )
    steps = ctx.undo_stack.count()
    assert not drop_rows(
        model, [model.item_index(other.id)], -1, model.index(0, 0)
    )  # onto day 1: overlap
    assert ctx.undo_stack.count() == steps
    assert (
        panel.notice.isVisible()
        and "overlaps" in panel.notice.text()
        and "Flight to Sapporo" in panel.notice.text()
    )
    assert [i.title for i in trip_reading.items(ctx.studio, day2.id)] == [
        "Fushimi Inari",
        "Flight to Fukuoka",
    ]
    trip_plan.update_item(ctx.studio, other.id, place="FUK")  # the next change clears the refusal
    assert "overlaps" not in panel.notice.text() and not panel.notice.isVisible()


def test_edit_a_day_through_the_ui_even_when_approved(panel, ctx, trip, monkeypatch):
    def fill(dialog):
        assert isinstance(dialog, DayDialog) and not dialog.date.isVisibleTo(dialog)
        dialog.title.setText("Temples and tea")
        dialog.notes.setPlainText("Comfortable shoes")
        dialog.submit()

    drive(panel, monkeypatch, fill)
    panel.select_row(panel.model.days()[1].id)
    panel.edit_action.trigger()
    assert panel.model.index(1, 0).data() == "Day 2 · Mon 2 Nov · Temples and tea"
    assert panel.model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "Comfortable shoes"
    assert panel.model.day_at(panel.tree.currentIndex()).day_number == 2
    trip_versions.approve_version(ctx.studio, trip.current_version_id)

    def rename(dialog):
        dialog.title.setText("Fushimi and Uji")
        dialog.submit()

    drive(panel, monkeypatch, rename)
    panel.edit_action.trigger()
    assert (
        panel.version_id()
        == trip_reading.find_trip(ctx.studio, trip.id).current_version_id
        != trip.current_version_id
    )
    assert panel.model.index(1, 0).data().endswith("Fushimi and Uji")
    assert panel.model.day_at(panel.tree.currentIndex()).day_number == 2


def test_item_dialog_tells_clashes_while_tags_are_typed(ctx, trip, qtbot):
    vid = trip_reading.find_trip(ctx.studio, trip.id).current_version_id
    day = trip_reading.days(ctx.studio, vid)[0]
    dialog = TripItemDialog(ctx, trip, day)
    qtbot.addWidget(dialog)
    assert not dialog.clashes.isVisibleTo(dialog)
    dialog.tags.setText("meat, river view")
    assert (
        dialog.clashes.isVisibleTo(dialog)
        and "Li Na" in dialog.clashes.text()
        and "meat" in dialog.clashes.text()
    )
    dialog.tags.setText("river view")
    assert not dialog.clashes.isVisibleTo(dialog)


def test_delete_on_a_day_removes_it_with_its_items_after_asking(
    panel, ctx, trip, monkeypatch, qtbot
):
    asked = []
    monkeypatch.setattr(
        panel,
        "confirm_remove_day",
        lambda day, count: asked.append((day.day_number, count)) or True,
    )
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    first_day = panel.model.index(0, 0)
    panel.tree.setCurrentIndex(first_day)
    panel.tree.setFocus()
    assert panel.remove_action.isEnabled()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert asked == [(1, 3)]
    assert panel.model.day_count() == 3
    assert titles(panel.model, 0) == ["Fushimi Inari"]
    assert [d.date for d in trip_reading.days(ctx.studio, trip.current_version_id)] == [
        "2026-11-01",
        "2026-11-02",
        "2026-11-03",
    ]
    assert ctx.undo_stack.undoText() == "Remove Day 1"
    ctx.undo_stack.undo()
    assert panel.model.day_count() == 4
    assert titles(panel.model, 0) == ["Tea ceremony", "Cable car", "Kaiseki dinner"]


def test_declining_to_remove_a_day_changes_nothing(panel, ctx, monkeypatch):
    monkeypatch.setattr(panel, "confirm_remove_day", lambda day, count: False)
    steps = ctx.undo_stack.count()
    panel.tree.setCurrentIndex(panel.model.index(1, 0))
    panel.remove_current()
    assert panel.model.day_count() == 4 and ctx.undo_stack.count() == steps
