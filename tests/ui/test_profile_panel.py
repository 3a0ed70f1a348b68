"""The Profile tab and the at-a-glance card, driven through their real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.services import clients, profiles
from ui.context import AppContext
from ui.views.dossier_view import DossierView


@pytest.fixture
def view(studio, qtbot):
    wang = clients.create_client(
        studio,
        "Wang Xiaoming",
        native_name="王小明",
        kind="household",
        people=[
            {"name": "Wang Xiaoming", "native_name": "王小明", "role": "primary"},
            {"name": "Li Na", "native_name": "李娜", "role": "partner"},
        ],
    )
    studio.wang = wang.id
    ctx = AppContext(studio)
    v = DossierView(ctx)
    qtbot.addWidget(v)
    v.resize(1000, 800)
    v.show()
    v.show_client(wang.id)
    v.tabs.setCurrentWidget(v.profile)
    yield v
    ctx.bridge.close()


def _facts(studio, cid):
    return {(f.key, f.person_id): f for f in profiles.facts(studio, cid)}


def test_fill_a_profile_through_the_form(view, qtbot):
    studio, cid, panel = view._ctx.studio, view._ctx.studio.wang, view.profile
    assert "0% complete" in panel.completeness.text()
    # Whole party: loves diving; budget band luxury.
    qtbot.mouseClick(panel.rows["interests.diving"].buttons["love"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.rows["budget.luxury"].buttons["must"], Qt.MouseButton.LeftButton)
    # Li Na: severe shellfish allergy with a note, learned from post-trip feedback on a trip.
    panel.person.setCurrentIndex(panel.person.findText("李娜 · Li Na"))
    panel.person.activated.emit(panel.person.currentIndex())
    panel.source.setCurrentIndex(panel.source.findData("post-trip-feedback"))
    panel.trip.setText("Kyoto 2026")
    row = panel.rows["dietary.shellfish"]
    row.note.setText("carries an EpiPen")
    row.severity.setCurrentIndex(row.severity.findData("severe"))
    row.severity.activated.emit(row.severity.currentIndex())
    qtbot.mouseClick(row.buttons["never"], Qt.MouseButton.LeftButton)  # "Avoids"
    facts = _facts(studio, cid)
    li_na = panel.person_id()
    assert facts[("interests.diving", None)].level == "love"
    assert facts[("budget.luxury", None)].level == "must"
    shell = facts[("dietary.shellfish", li_na)]
    assert (shell.severity, shell.note, shell.source, shell.trip_id) == (
        "severe",
        "carries an EpiPen",
        "post-trip-feedback",
        "Kyoto 2026",
    )
    # The form shows Li Na's facts only; the glance card leads with the allergy.
    assert not panel.rows["interests.diving"].buttons["love"].isChecked()
    assert panel.rows["dietary.shellfish"].buttons["never"].isChecked()
    assert "Severe allergy: Shellfish" in view.glance.text.text()
    assert view.glance.text.text().index("Must know") < view.glance.text.text().index("Loves")
    assert "complete" in panel.completeness.text() and "Lodging" in panel.completeness.text()
    assert "Studio: 0% of dossiers complete (target 90%)" in panel.completeness.text()
    # What the others said shows beside each item; the history says where a fact came from.
    assert panel.rows["interests.diving"].others.text() == "Whole party: Love"
    assert "Shellfish: Never — learned from post-trip feedback (Kyoto 2026)" in panel.history.text()


def test_budget_is_one_answer_and_clicking_again_removes(view, qtbot):
    studio, cid, panel = view._ctx.studio, view._ctx.studio.wang, view.profile
    qtbot.mouseClick(panel.rows["budget.luxury"].buttons["must"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.rows["budget.premium"].buttons["must"], Qt.MouseButton.LeftButton)
    assert [k for k, _ in _facts(studio, cid) if k.startswith("budget.")] == ["budget.premium"]
    qtbot.mouseClick(panel.rows["budget.premium"].buttons["must"], Qt.MouseButton.LeftButton)
    assert not [k for k, _ in _facts(studio, cid) if k.startswith("budget.")]


def test_every_change_is_undoable(view, qtbot):
    studio, cid, panel = view._ctx.studio, view._ctx.studio.wang, view.profile
    stack = view._ctx.undo_stack
    qtbot.mouseClick(panel.rows["interests.photography"].buttons["like"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.rows["interests.photography"].buttons["love"], Qt.MouseButton.LeftButton)
    assert _facts(studio, cid)[("interests.photography", None)].level == "love"
    assert stack.undoText() == "Set “Photography” to Love"
    stack.undo()
    assert _facts(studio, cid)[("interests.photography", None)].level == "like"
    assert panel.rows["interests.photography"].buttons["like"].isChecked()
    assert not panel.rows["interests.photography"].buttons["love"].isChecked()
    stack.undo()
    assert ("interests.photography", None) not in _facts(studio, cid)
    stack.redo()
    assert _facts(studio, cid)[("interests.photography", None)].level == "like"


def test_note_alone_records_a_service_prompt(view, qtbot):
    studio, cid, panel = view._ctx.studio, view._ctx.studio.wang, view.profile
    row = panel.rows["prompts.flowers"]
    row.note.setText("peonies on 18 May")
    row.note.editingFinished.emit()
    assert _facts(studio, cid)[("prompts.flowers", None)].note == "peonies on 18 May"
    assert "peonies" in view.glance.text.text()


def test_unknown_keys_stay_visible(view):
    studio, cid = view._ctx.studio, view._ctx.studio.wang
    profiles.set_fact(studio, cid, "interests.falconry", "love")
    assert "interests.falconry" in view.profile.unknown.text()
    assert view.profile.unknown.isVisible()


def test_client_list_shows_sorts_and_filters_by_profile(seeded, qtbot):
    from ui.models.client_table import COL_PROFILE, ClientTableModel

    model = ClientTableModel(seeded)
    col = model.column_of(COL_PROFILE)
    target = seeded.ids[3]
    for key in ("purpose.family", "interests.golf", "lodging.villa", "transport.rail"):
        profiles.set_fact(seeded, target, key, "love")
    model.refresh()
    model.sort(col, Qt.SortOrder.DescendingOrder)
    assert model.client_id(0) == target
    assert model.data(model.index(0, col)) == "50%"
    from studio.services.queries import ClientFilter

    model.set_filter(ClientFilter(profile="complete"))
    assert model.rowCount() == 0
    for key in ("dietary.none", "access.none", "pace.relaxed", "budget.comfort"):
        profiles.set_fact(seeded, target, key, "must")
    model.refresh()
    assert model.rowCount() == 1 and model.data(model.index(0, col)) == "100%"


def test_client_list_filters_by_segment(seeded, qtbot, ctx):
    from ui.views.client_list_view import ClientListView

    view = ClientListView(ctx)
    qtbot.addWidget(view)
    target = seeded.ids[4]
    box = view.profile_box
    box.setCurrentIndex(box.findData("purpose:purpose.honeymoon"))
    assert view.model.rowCount() == 0
    ctx.execute("honeymoon", lambda: profiles.set_fact(seeded, target, "purpose.honeymoon", "love"))
    assert view.model.rowCount() == 1 and view.model.client_id(0) == target
    box.setCurrentIndex(box.findData("lifecycle:new"))
    assert view.model.rowCount() > 0
    assert box.findData("age:60–74") > 0 and box.findData("budget:budget.luxury") > 0
