"""The compare dialog names each changed field with its value before and after."""

from __future__ import annotations

import pytest

from studio.services import clients
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips import suppliers as trip_suppliers
from studio.services.trips import versions as trip_versions
from ui.dialogs.compare_dialog import CompareDialog


@pytest.fixture
def versions(studio):
    """v1 and a v2 in which the cooking class costs more, starts later, moves a day and gets a
    supplier; a tour is added; the tea ceremony is dropped."""
    c = clients.create_client(studio, "Zhang Wei", native_name="张伟")
    t = trip_lifecycle.create_trip(
        studio,
        c.id,
        "Kyoto in autumn",
        start_date="2027-11-10",
        end_date="2027-11-12",
        destinations=["Kyoto"],
        currency="JPY",
    )
    v1 = t.current_version_id
    d1, _d2, _d3 = trip_reading.days(studio, v1)
    trip_plan.add_item(
        studio,
        d1.id,
        "Cooking class 料理教室",
        start_time="07:00",
        price="26000",
        notes="Bring an apron",
    )
    trip_plan.add_item(studio, d1.id, "Tea ceremony")
    v2 = trip_versions.duplicate_version(studio, v1, "Later start")
    e1, e2, _e3 = trip_reading.days(studio, v2.id)
    cooking, tea = trip_reading.items(studio, e1.id)
    school = trip_suppliers.create_supplier(studio, "Haru Cooking School", kind="guide")
    trip_plan.update_item(
        studio, cooking.id, start_time="08:00", price="28000", supplier_id=school.id
    )
    trip_plan.move_item(studio, cooking.id, e2.id)
    trip_plan.remove_item(studio, tea.id)
    trip_plan.add_item(studio, e1.id, "Gion walking tour", price="9000", currency="EUR")
    return t, v1, v2.id, cooking.id


def test_changed_fields_show_before_and_after(ctx, versions, qtbot):
    trip, v1, v2, cooking_id = versions
    cmp = trip_versions.compare_versions(ctx.studio, v1, v2)
    (ch,) = cmp.changed
    assert dict(zip(ch.fields, zip(ch.old_values, ch.new_values, strict=True), strict=True))[
        "price"
    ] == ("26000.00", "28000.00")
    assert (ch.old_currency, ch.new_currency) == ("JPY", "JPY")

    dialog = CompareDialog(ctx, trip.id, v1, v2)
    qtbot.addWidget(dialog)
    lines = dialog.lines()
    changed = [ln for ln in lines if ln.startswith("Changed")]
    assert len(changed) == 1
    what = changed[0].split(" | ")[2]
    assert "price 26,000 → 28,000 JPY" in what
    assert "start time 07:00 → 08:00" in what
    assert "supplier — → Haru Cooking School" in what
    assert "day 1 → 2" in what
    assert changed[0].startswith("Changed (1): Cooking class 料理教室 | 2 |")
    assert any(ln.startswith("Added (1): Gion walking tour") for ln in lines)
    assert any(ln.startswith("Removed (1): Tea ceremony") for ln in lines)
    # each change on its own line in the tooltip
    item = dialog.tree.topLevelItem(2).child(0)
    assert "price 26,000 → 28,000 JPY\n" in item.toolTip(2) + "\n"


def test_currency_and_long_text_changes(ctx, versions, qtbot):
    trip, v1, v2, cooking_id = versions
    trip_plan.update_item(
        ctx.studio, cooking_id, currency="CNY", notes="Bring an apron and a notebook; " * 5
    )
    dialog = CompareDialog(ctx, trip.id, v1, v2)
    qtbot.addWidget(dialog)
    what = [ln for ln in dialog.lines() if ln.startswith("Changed")][0].split(" | ")[2]
    assert "price 26,000 JPY → 28,000 CNY" in what
    assert "currency JPY → CNY" in what
    shown = dialog.tree.topLevelItem(2).child(0).text(2).split("\n")
    notes = [p for p in shown if p.startswith("notes ")][0]
    assert notes.startswith(
        "notes Bring an apron → Bring an apron and a notebook"
    ) and notes.endswith("…")
    assert len(notes) < 100
    tip = dialog.tree.topLevelItem(2).child(0).toolTip(2)
    assert ("Bring an apron and a notebook; " * 5).strip() in tip  # the whole text on hover
