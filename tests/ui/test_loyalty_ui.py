"""Loyalty in the desktop client: the trip's survey entry, the dossier's Loyalty tab, the
Events dialog and the tier column, driven through their real widgets."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from studio.services import clients, profiles
from studio.services.agenda.build import agenda
from studio.services.loyalty import events, referrals, surveys, tiers
from studio.services.trips import lifecycle
from ui.context import AppContext
from ui.loyalty.events_dialog import EventsDialog
from ui.loyalty.survey_panel import SurveyPanel
from ui.models.client_table import COL_TIER, ClientTableModel
from ui.views.dossier_view import DossierView


def _done_trip(studio, client_id, title, dests, days_ago=30):
    t = lifecycle.create_trip(
        studio,
        client_id,
        title,
        destinations=dests,
        start_date=(date.today() - timedelta(days=days_ago + 4)).isoformat(),
        end_date=(date.today() - timedelta(days=days_ago)).isoformat(),
    )
    lifecycle.update_trip(studio, t.id, status="completed")
    return t


@pytest.fixture
def actx(studio, qapp):
    c = AppContext(studio)
    yield c
    c.bridge.close()


@pytest.fixture
def panel(actx, qtbot):
    p = SurveyPanel(actx)
    qtbot.addWidget(p)
    p.show()
    return p


def test_survey_entry_records_feedback_and_undo_takes_it_back(studio, actx, panel, qtbot):
    c = clients.create_client(studio, "Li Na", native_name="李娜")
    trip = _done_trip(studio, c.id, "Kyoto in autumn", ["Kyoto"])
    panel.set_trip(trip.id)
    assert panel.save_button.isEnabled()
    qtbot.keyClicks(panel.overall, "45")
    qtbot.keyClicks(panel.recommend, "5")
    qtbot.keyClicks(panel.change, "the ryokan was cold")
    with qtbot.waitSignal(panel.sig_saved) as saved:
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].overall == 45
    got = surveys.survey_of_trip(studio, trip.id)
    assert got.recommend == 5 and got.change == "the ryokan was cold"
    assert "care call" in panel.state.text()
    assert [e.client_id for e in agenda(studio).entries if e.occurrence.kind == "survey_care"] == [
        c.id
    ]
    actx.undo_stack.undo()
    assert surveys.survey_of_trip(studio, trip.id) is None


def test_survey_entry_refuses_a_score_out_of_range_and_keeps_the_text(studio, panel, qtbot):
    c = clients.create_client(studio, "Li Na")
    trip = _done_trip(studio, c.id, "Kyoto", ["Kyoto"])
    panel.set_trip(trip.id)
    qtbot.keyClicks(panel.overall, "120")
    qtbot.keyClicks(panel.recommend, "9")
    qtbot.keyClicks(panel.keep, "the tea master")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "from 0 to 100" in panel.error.text() and "120" in panel.error.text()
    assert panel.keep.toPlainText() == "the tea master"
    assert surveys.survey_of_trip(studio, trip.id) is None


def test_survey_waits_for_the_trip(studio, panel):
    c = clients.create_client(studio, "Li Na")
    trip = lifecycle.create_trip(studio, c.id, "Patagonia")
    panel.set_trip(trip.id)
    assert not panel.save_button.isEnabled() and not panel.overall.isEnabled()
    assert "follows the trip" in panel.state.text()
    lifecycle.update_trip(studio, trip.id, status="travelling")  # the change signal opens it
    assert panel.save_button.isEnabled()


def test_print_blank_survey(studio, panel, tmp_path):
    c = clients.create_client(studio, "Li Na")
    trip = _done_trip(studio, c.id, "Kyoto", ["Kyoto"])
    panel.set_trip(trip.id)
    out = panel.print_form(tmp_path / "s.pdf")
    assert out is not None and out.stat().st_size > 1000


def test_dossier_loyalty_tab_shows_tier_friends_ideas(studio, actx, qtbot):
    tiers.define_tier(studio, "Silver Circle", 1, min_trips=1)
    tiers.define_tier(studio, "Gold Circle", 2, min_trips=3)
    referrals.set_rule(studio, "gift", "a tea set")
    me = clients.create_client(studio, "Zoë Martin")
    profiles.set_fact(studio, me.id, "interests.food_wine", "love")
    _done_trip(studio, me.id, "Kyoto", ["Kyoto"])
    friend = clients.create_client(studio, "Li Na", referred_by_id=me.id)
    ft = lifecycle.create_trip(studio, friend.id, "Tuscany")
    lifecycle.update_trip(studio, ft.id, status="confirmed")
    other = clients.create_client(studio, "Wine lover")
    profiles.set_fact(studio, other.id, "interests.food_wine", "love")
    surveys.record_survey(studio, _done_trip(studio, other.id, "Provence", ["Provence"]).id, 95, 10)
    view = DossierView(actx)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.show_client(me.id)
    view.tabs.setCurrentWidget(view.loyalty)
    text = view.loyalty.body.text()
    assert "Silver Circle" in text and "Gold Circle" in text
    assert "Li Na" in text and "Tuscany" in text and "reward not given yet" in text
    assert "Provence" in text and "1 client who rated Provence 90+" in text
    # a change elsewhere refreshes the open tab
    surveys.record_survey(studio, _done_trip(studio, me.id, "Bali", ["Bali"], 60).id, 88, 9)
    assert "Bali: 88/100" in view.loyalty.body.text()
    with qtbot.waitSignal(view.loyalty.sig_open_client) as opened:
        view.loyalty.body.linkActivated.emit(f"client:{friend.id}")
    assert opened.args == [friend.id]


def test_events_dialog_invites_rsvps_and_capacity(studio, actx, qtbot, tmp_path):
    guests = [clients.create_client(studio, f"Guest {i}").id for i in range(3)]
    ev = events.create_event(studio, "Salon", date.today() - timedelta(days=3), capacity=1)
    d = EventsDialog(actx, lambda: guests, lambda: guests[:1])
    qtbot.addWidget(d)
    d.show()
    assert d.invite(guests) == (3, 0)
    assert d.guests.rowCount() == 3
    box = d.guests.cellWidget(0, 1)
    box.setCurrentIndex(box.findData("yes"))
    assert events.get_event(studio, ev.id).coming == 1
    box2 = d.guests.cellWidget(1, 1)
    box2.setCurrentIndex(box2.findData("yes"))
    assert "is full" in d.error.text()
    assert d.guests.cellWidget(1, 1).currentData() == "invited"  # shows what is stored
    d.guests.cellWidget(0, 2).setChecked(True)
    assert events.get_event(studio, ev.id).came == 1
    assert d.print_invitations(tmp_path / "inv.pdf") is not None


def test_client_list_tier_column(studio, qapp):
    tiers.define_tier(studio, "Silver Circle", 1, min_trips=1)
    c = clients.create_client(studio, "Aaron")
    clients.create_client(studio, "Bea")
    _done_trip(studio, c.id, "Kyoto", ["Kyoto"])
    model = ClientTableModel(studio)
    col = model.column_of(COL_TIER)
    assert model.headerData(col, Qt.Orientation.Horizontal) == "Tier"
    values = {model.index(r, 0).data(): model.index(r, col).data() for r in range(model.rowCount())}
    assert values["Aaron"] == "Silver Circle" and values["Bea"] == ""


def test_clients_menu_has_the_loyalty_actions(studio, actx, qtbot):
    from ui.main_window import MainWindow

    w = MainWindow(actx)
    qtbot.addWidget(w)
    names = {a.objectName() for a in w.loyalty_actions}
    assert names == {"loyaltyEventsAction", "loyaltyTiersAction", "loyaltyReferralAction"}
    assert w.loyalty_actions[0].shortcut().toString() == "Ctrl+Shift+E"


def test_event_form_edits_an_event(studio, actx, qtbot):
    from ui.loyalty.events_dialog import EventFormDialog

    ev = events.create_event(studio, "Salon", date.today() + timedelta(days=9), capacity=8)
    form = EventFormDialog(actx, events.get_event(studio, ev.id))
    qtbot.addWidget(form)
    form.show()
    form.capacity.setText("0")
    form.submit()
    assert form.isVisible() and events.get_event(studio, ev.id).capacity == 8  # refused, kept open
    form.capacity.setText("14")
    form.title_edit.setText("Autumn salon")
    form.submit()
    got = events.get_event(studio, ev.id)
    assert got.capacity == 14 and got.title == "Autumn salon"
