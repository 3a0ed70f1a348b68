"""Working through the agenda: after Done the next line is chosen and a message confirms; the
Done form (how, gift, cost, templates), Snooze presets, the client card beside the list, the
*mine only* and kind filters, the rules' wording and the empty agenda's first steps."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialog

from studio.errors import ValidationError
from studio.services import clients
from studio.services.agenda import actions as agenda_actions
from studio.services.trips import lifecycle as trip_lifecycle
from ui.dialogs.agenda_done_dialog import DoneDialog, SnoozeDialog
from ui.views.agenda_view import COL_WHY, AgendaView

TODAY = date(2026, 11, 22)


@pytest.fixture
def dated(ctx):
    """Three birthdays (today, in two days, in four), of clients with different advisors."""
    studio = ctx.studio
    picked = []
    with studio.read() as conn:  # the first three clients: the first is another advisor's
        for cid in studio.ids[:3]:
            picked.append(
                conn.exec_driver_sql(
                    "SELECT id FROM person WHERE client_id = ? ORDER BY position, id LIMIT 1",
                    (cid,),
                ).scalar()
            )
    for n, pid in enumerate(picked):
        day = TODAY + timedelta(days=2 * n)
        clients.add_important_date(studio, pid, "birthday", day.month, day.day, 1980 + n)
    ctx.people = picked
    return ctx


def _view(ctx, qtbot, today=TODAY) -> AgendaView:
    view = AgendaView(ctx, today=today)
    qtbot.addWidget(view)
    view.resize(1200, 600)
    with qtbot.waitSignal(view.sig_refreshed, timeout=5000):
        view.show()
    return view


def _lines(view) -> list[str]:
    return [e.client_id for e in view.visible_entries()]


def test_done_moves_to_the_next_line_and_confirms(dated, qtbot, monkeypatch):
    view = _view(dated, qtbot)
    first, second, _third = view.visible_entries()
    view.tree.setCurrentItem(next(i for i, e in view._entry_items() if e.key == first.key))
    monkeypatch.setattr(view, "ask_sent", lambda e: agenda_actions.done_note("call"))
    messages = []
    view.sig_message.connect(messages.append)
    with qtbot.waitSignal(view.sig_refreshed):
        assert view.mark_done()
    assert view.current_entry() is not None and view.current_entry().key == second.key
    assert messages and "Done" in messages[0] and "Ctrl+Z" in messages[0]
    assert first.key not in [e.key for e in view.visible_entries()]
    # undo brings it back; the selection stays on the line being worked
    with qtbot.waitSignal(view.sig_refreshed):
        dated.undo_stack.undo()
    assert first.key in [e.key for e in view.visible_entries()]
    assert view.current_entry().key == second.key


def test_done_form_records_channel_gift_and_cost(dated, qtbot, monkeypatch):
    view = _view(dated, qtbot)
    entry = view.visible_entries()[0]
    dialog = DoneDialog(entry, "CNY", view)
    qtbot.addWidget(dialog)
    dialog.fill("wechat", "Peonies", "abc", "wished her well")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "not an amount" in dialog.error.text()
    assert dialog.gift.text() == "Peonies"  # what was typed stays
    dialog.cost.setText("300")
    dialog.accept()
    note = dialog.result_note
    assert note == agenda_actions.DoneNote(
        "wechat", "Peonies", Decimal("300.00"), "CNY", "wished her well"
    )
    view.tree.setCurrentItem(next(i for i, e in view._entry_items() if e.key == entry.key))
    monkeypatch.setattr(view, "ask_sent", lambda e: note)
    with qtbot.waitSignal(view.sig_refreshed):
        assert view.mark_done()
    with dated.studio.read() as conn:
        summary, body = conn.exec_driver_sql(
            "SELECT summary, body FROM interaction WHERE kind = 'gift' AND client_id = ?",
            (entry.client_id,),
        ).one()
        sent = conn.exec_driver_sql(
            "SELECT sent FROM agenda_action WHERE source_id = ?", (entry.occurrence.source_id,)
        ).scalar()
    assert summary.startswith("WeChat · Peonies (300 CNY) · wished her well — Birthday")
    assert "Channel: WeChat" in body and "Cost: 300 CNY" in body
    assert sent == "WeChat · Peonies (300 CNY) · wished her well"


def test_done_note_refuses_bad_values_in_one_sentence():
    with pytest.raises(ValidationError, match="not a way of reaching"):
        agenda_actions.done_note("pigeon")
    with pytest.raises(ValidationError, match="from 0 to"):
        agenda_actions.done_note("call", cost="-5")
    with pytest.raises(ValidationError, match="currency code"):
        agenda_actions.done_note("call", cost="5", currency="yuan")
    assert agenda_actions.done_note("gift", "Wine", "1,250.5", "eur").summary() == (
        "Gift · Wine (1250.50 EUR)"
    )


def test_templates_fill_the_done_form(dated, qtbot):
    view = _view(dated, qtbot)
    dialog = DoneDialog(view.visible_entries()[0], "", view)
    qtbot.addWidget(dialog)
    labels = [dialog.template.itemText(i) for i in range(dialog.template.count())]
    assert "Birthday flowers" in labels and "Renewal reminder by email" not in labels
    dialog.template.setCurrentIndex(labels.index("Birthday flowers"))
    assert dialog.channel.currentData() == "gift" and dialog.gift.text() == "Flowers"
    assert dialog.note.text()


def test_snooze_presets(dated, qtbot, monkeypatch):
    view = _view(dated, qtbot)
    entry = view.visible_entries()[0]
    dialog = SnoozeDialog(entry, TODAY, None, view)
    qtbot.addWidget(dialog)
    assert dialog.chosen_day() == TODAY + timedelta(days=1)
    dialog.choose("next_week")
    assert dialog.chosen_day() == TODAY + timedelta(days=7)
    assert "after_trip" not in dialog.choices
    # with a trip coming up, "after the trip" is the day after it ends
    trip = trip_lifecycle.create_trip(
        dated.studio,
        entry.client_id,
        "Kyoto",
        start_date=(TODAY + timedelta(days=10)).isoformat(),
        end_date=(TODAY + timedelta(days=15)).isoformat(),
    )
    assert trip.id
    from studio.services.agenda import desk

    after = desk.after_next_trip(dated.studio, entry.client_id, TODAY)
    assert after == TODAY + timedelta(days=16)
    with_trip = SnoozeDialog(entry, TODAY, after, view)
    qtbot.addWidget(with_trip)
    with_trip.choose("after_trip")
    assert with_trip.chosen_day() == TODAY + timedelta(days=16)
    view.tree.setCurrentItem(next(i for i, e in view._entry_items() if e.key == entry.key))
    monkeypatch.setattr(view, "ask_snooze_date", lambda e: with_trip.chosen_day())
    messages = []
    view.sig_message.connect(messages.append)
    with qtbot.waitSignal(view.sig_refreshed):
        assert view.snooze()
    assert entry.key not in [e.key for e in view.visible_entries()]
    assert messages and "Snoozed until" in messages[0]


def test_the_card_beside_the_list_shows_how_to_reach_the_client(dated, qtbot):
    studio = dated.studio
    view = _view(dated, qtbot)
    entry = view.visible_entries()[0]
    clients.add_contact(studio, entry.client_id, "phone", "+86 138 0013 8000", preferred=True)
    clients.add_contact(studio, entry.client_id, "wechat", "lotus_li")
    clients.add_contact(studio, entry.client_id, "email", "li@example.com")
    clients.log_interaction(studio, entry.client_id, "call", "Asked about Kyoto", occurred_at=TODAY)
    view.tree.setCurrentItem(next(i for i, e in view._entry_items() if e.key == entry.key))
    view._show_card()
    assert view.card_phone.text().replace(" ", "") == "+8613800138000"
    assert view.card_wechat.text() == "lotus_li"
    assert view.card_email.text() == "li@example.com"
    assert "Asked about Kyoto" in view.card_last.text()


def test_mine_only_and_kind_filters(dated, qtbot):
    studio = dated.studio
    view = _view(dated, qtbot)
    everyone = view.visible_entries()
    with studio.read() as conn:
        mine = {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT id FROM client WHERE advisor_id = ?", (studio.advisor_id,)
            )
        }
    expected = [e.key for e in everyone if e.client_id in mine]
    assert 0 < len(expected) < len(everyone)  # the fixture mixes advisors
    view.mine_only.setChecked(True)
    assert [e.key for e in view.visible_entries()] == expected
    view.mine_only.setChecked(False)
    assert len(view.visible_entries()) == len(everyone)
    passport = view.kind_filter.findData("passport")
    view.kind_filter.setCurrentIndex(passport)
    assert view.visible_entries() == []
    view.kind_filter.setCurrentIndex(view.kind_filter.findData("birthday"))
    assert len(view.visible_entries()) == len(everyone)
    assert all(item.isHidden() is False for item, _e in view._entry_items())


def test_rules_dialog_words_trip_tasks_by_their_day(dated, qtbot):
    from ui.dialogs.agenda_rules_dialog import AgendaSettingsDialog

    dialog = AgendaSettingsDialog(dated)
    qtbot.addWidget(dialog)
    lead, offset = dialog.lead["pre_departure"], dialog.offsets["pre_departure"]
    offset.setValue(7)
    lead.setValue(0)
    assert offset.text() == "falls 7 days before departure"
    assert lead.text() == "shows on its day"
    lead.setValue(3)
    assert lead.text() == "shows 3 days before its day"
    assert "days ahead" not in lead.text()


def test_an_empty_agenda_says_what_fills_it(studio, qapp, qtbot):
    from ui.context import AppContext

    ctx = AppContext(studio)
    try:
        view = _view(ctx, qtbot)
        assert view.list_stack.currentWidget() is view.empty
        asked = []
        view.sig_new_client.connect(lambda: asked.append(True))
        view.empty_new_client.click()
        assert asked == [True]
    finally:
        ctx.bridge.close()


def test_done_cell_text_is_unchanged_for_the_why_column(dated, qtbot):
    view = _view(dated, qtbot)
    item, _entry = next(iter(view._entry_items()))
    assert "turns" in item.text(COL_WHY)
