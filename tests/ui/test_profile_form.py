"""The Profile form stays still while it is used, records only the levels the user chose, and
words diets and allergies as people say them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from studio.services import clients, profiles
from ui.context import AppContext
from ui.views.dossier_view import DossierView

WATCHED = (
    "dietary.peanuts",
    "dietary.fish",
    "access.no_stairs",
    "pace.early_start",
    "interests.diving",
)


@pytest.fixture
def view(studio, qtbot):
    c = clients.create_client(
        studio,
        "Wang household",
        kind="household",
        people=[{"name": "Wang Wei", "role": "primary"}, {"name": "Li Na", "role": "partner"}],
    )
    studio.cid = c.id
    ctx = AppContext(studio)
    v = DossierView(ctx)
    qtbot.addWidget(v)
    v.resize(1296, 810)
    v.show()
    qtbot.waitExposed(v)
    v.show_client(c.id)
    v.tabs.setCurrentWidget(v.profile)
    yield v
    ctx.bridge.close()


def _facts(studio, cid):
    return {(f.key, f.person_id): f for f in profiles.facts(studio, cid)}


def _positions(view):
    panel = view.profile
    out = {}
    for key in WATCHED:
        row = panel.rows[key]
        for level, b in row.buttons.items():
            out[(key, level)] = b.mapTo(view, QPoint(0, 0))
        out[(key, "note")] = row.note.mapTo(view, QPoint(0, 0))
    return out


def _settle(qtbot, view):
    qtbot.wait(0)  # let pending layout requests run (no timing involved)
    view.layout().activate()


def test_rows_do_not_move_between_two_clicks(view, qtbot):
    panel = view.profile
    _settle(qtbot, view)
    before = _positions(view)
    # Facts that each add a line to the glance card above the tabs: a severe allergy (Must
    # know), a love, an avoid, a mobility need, a service prompt.
    peanuts = panel.rows["dietary.peanuts"]
    peanuts.severity.setCurrentIndex(peanuts.severity.findData("severe"))
    peanuts.severity.activated.emit(peanuts.severity.currentIndex())
    qtbot.mouseClick(peanuts.buttons["never"], Qt.MouseButton.LeftButton)
    for key, level in (
        ("interests.diving", "love"),
        ("interests.photography", "love"),
        ("access.no_stairs", "must"),
        ("pace.early_start", "dislike"),
        ("never.crowds", "never"),
        ("dietary.fish", "dislike"),
        ("interests.art", "love"),
    ):
        qtbot.mouseClick(panel.rows[key].buttons[level], Qt.MouseButton.LeftButton)
        _settle(qtbot, view)
        assert _positions(view) == before, f"rows moved after {key}"
    assert len(_facts(view._ctx.studio, view._ctx.studio.cid)) == 8
    assert "Must know" in view.glance.text.text()
    # A refusal shows below the form, not above it.
    panel.error.set_message("A refusal, one sentence.")
    _settle(qtbot, view)
    assert _positions(view) == before


def test_a_note_on_an_empty_row_records_nothing_until_a_level_is_chosen(view, qtbot):
    studio, cid, panel = view._ctx.studio, view._ctx.studio.cid, view.profile
    row = panel.rows["dietary.peanuts"]
    row.note.setText("anaphylaxis")
    row.note.editingFinished.emit()
    assert _facts(studio, cid) == {}
    assert "choose a level" in row.others.text() and row.note.text() == "anaphylaxis"
    # Another click elsewhere refreshes the form: the typed note stays, still unrecorded.
    qtbot.mouseClick(panel.rows["interests.diving"].buttons["love"], Qt.MouseButton.LeftButton)
    assert row.note.text() == "anaphylaxis" and ("dietary.peanuts", None) not in _facts(studio, cid)
    # Choosing a severity is not choosing a level either.
    row.severity.setCurrentIndex(row.severity.findData("severe"))
    row.severity.activated.emit(row.severity.currentIndex())
    assert ("dietary.peanuts", None) not in _facts(studio, cid)
    qtbot.mouseClick(row.buttons["never"], Qt.MouseButton.LeftButton)
    fact = _facts(studio, cid)[("dietary.peanuts", None)]
    assert (fact.level, fact.severity, fact.note) == ("never", "severe", "anaphylaxis")
    # A need typed without "Yes" is not a need.
    stairs = panel.rows["access.no_stairs"]
    stairs.note.setText("knee surgery")
    stairs.note.editingFinished.emit()
    assert ("access.no_stairs", None) not in _facts(studio, cid)


def test_diets_read_eats_avoids_and_allergies_allergic_severity(view):
    panel = view.profile
    fish = panel.rows["dietary.fish"]
    assert [b.text() for b in fish.buttons.values()] == ["Eats", "Avoids", "Dislikes"]
    texts = [fish.severity.itemText(i) for i in range(fish.severity.count())]
    assert "Allergic (severe)" in texts and "Allergic (intolerance)" in texts
    assert [b.text() for b in panel.rows["dietary.vegetarian"].buttons.values()] == ["Follows"]
    assert panel.rows["dietary.vegetarian"].severity is None


def test_eats_fish_is_not_shown_as_an_avoid(view, qtbot):
    panel = view.profile
    qtbot.mouseClick(panel.rows["dietary.fish"].buttons["like"], Qt.MouseButton.LeftButton)
    assert "Fish" not in view.glance.text.text()


def test_the_glance_card_folds_to_one_line(view, qtbot):
    card = view.glance
    open_height = card.area.height()
    qtbot.mouseClick(card.toggle, Qt.MouseButton.LeftButton)
    assert card.area.height() < open_height and not card.toggle.isChecked()
