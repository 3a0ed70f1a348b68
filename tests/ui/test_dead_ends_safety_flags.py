"""The profile check in the window: the item dialog reads title, notes and tags as they are typed,
louder for a severe allergy; tags complete from a suggested list; the flags dialog marks a flag
checked (quiet in the plan, still listed) and undo takes the mark back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.services import clients, profiles
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips import totals as trip_totals
from ui.context import AppContext
from ui.dialogs.safety_dialog import SafetyDialog
from ui.dialogs.trip_item_dialog import TripItemDialog


@pytest.fixture
def ctx(studio, qapp):
    c = AppContext(studio)
    yield c
    c.bridge.close()


@pytest.fixture
def trip(studio):
    c = clients.create_client(
        studio, "Wong household", kind="household", people=[{"name": "Ana Wong"}]
    )
    with studio.read() as conn:
        pid = conn.exec_driver_sql("SELECT id FROM person WHERE client_id = ?", (c.id,)).scalar()
    profiles.set_fact(
        studio,
        c.id,
        "dietary.peanuts",
        "never",
        person_id=pid,
        severity="severe",
        note="anaphylaxis",
    )
    return trip_lifecycle.create_trip(
        studio, c.id, "Singapore", start_date="2026-11-01", end_date="2026-11-02"
    )


def _day(studio, trip):
    vid = trip_reading.find_trip(studio, trip.id).current_version_id
    return vid, trip_reading.days(studio, vid)[0]


def test_item_dialog_reads_title_and_notes_not_only_tags(ctx, trip, qtbot):
    _, day = _day(ctx.studio, trip)
    dialog = TripItemDialog(ctx, trip, day)
    qtbot.addWidget(dialog)
    dialog.title.setText("Dinner at Sushi Zen")
    assert not dialog.clashes.isVisibleTo(dialog)
    dialog.tags.setText("sushi, peanut sauce")
    assert dialog.clashes.isVisibleTo(dialog) and dialog.clash_severities == ["danger"]
    assert "peanut sauce" in dialog.clashes.text() and "<b>" in dialog.clashes.text()
    dialog.tags.setText("sushi")
    assert not dialog.clashes.isVisibleTo(dialog)
    dialog.notes.setPlainText("Served with satay skewers")
    assert dialog.clashes.isVisibleTo(dialog) and "satay" in dialog.clashes.text()


def test_tags_complete_from_the_suggested_list(ctx, trip, qtbot):
    _, day = _day(ctx.studio, trip)
    trip_plan.add_item(ctx.studio, day.id, "Boat", tags=["river view"])
    dialog = TripItemDialog(ctx, trip, day)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tags.setFocus()
    qtbot.keyClicks(dialog.tags, "sushi, riv")
    completer = dialog.tag_completer
    assert completer.current_part() == "riv"
    assert completer.completionCount() >= 1 and completer.currentCompletion() == "river view"
    completer.insert("river view")
    assert dialog.tags.text() == "sushi, river view, "
    assert dialog._tags() == ["sushi", "river view"]
    dialog.tags.clear()
    dialog.tags.setText("花")  # QTest types ASCII only; what typing it would emit:
    dialog.tags.textEdited.emit("花")
    assert completer.completionCount() >= 1 and "花" in completer.currentCompletion()


def test_mark_checked_quiets_the_flag_keeps_it_listed_and_undoes(ctx, trip, qtbot):
    vid, day = _day(ctx.studio, trip)
    trip_plan.add_item(ctx.studio, day.id, "Satay at Lau Pa Sat", kind="dining")
    dialog = SafetyDialog(ctx, trip.title, vid)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and dialog.mark_button.isEnabled()
    assert dialog.list.item(0).font().bold()  # a severe allergy: loud
    dialog.note.setText("chef confirmed no peanut oil")
    with qtbot.waitSignal(ctx.bridge.sig_changed):
        qtbot.mouseClick(dialog.mark_button, Qt.MouseButton.LeftButton)
    assert trip_totals.flags(ctx.studio, vid) == []
    assert dialog.list.count() == 1 and "Checked: checked by Mei Lin" in dialog.list.item(0).text()
    assert not dialog.list.item(0).font().bold() and dialog.unmark_button.isEnabled()
    with qtbot.waitSignal(ctx.bridge.sig_changed):
        ctx.undo_stack.undo()
    assert len(trip_totals.flags(ctx.studio, vid)) == 1
    assert dialog.list.item(0).font().bold()
