"""The agenda screen driven through its widgets: done (with what was sent), snooze, dismiss, undo."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from studio.services import agenda, clients
from ui.views.agenda_view import COL_WHY, ENTRY_ROLE, AgendaView

TODAY = date(2026, 11, 22)


@pytest.fixture
def dated(ctx):
    """Two dates: a 60th birthday today and a wedding anniversary in three days."""
    studio = ctx.studio
    with studio.read() as conn:
        people = [r[0] for r in conn.exec_driver_sql("SELECT id FROM person ORDER BY position, id LIMIT 2")]
    clients.add_important_date(studio, people[0], "birthday", TODAY.month, TODAY.day, TODAY.year - 60)
    soon = TODAY + timedelta(days=3)
    clients.add_important_date(studio, people[1], "wedding", soon.month, soon.day, 2019)
    return ctx


def _view(ctx, qtbot, today=TODAY) -> AgendaView:
    view = AgendaView(ctx, today=today)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    qtbot.waitUntil(lambda: view.result is not None, timeout=3000)  # read after the first paint
    return view


def _items(view):
    out = []
    for s in range(view.tree.topLevelItemCount()):
        section = view.tree.topLevelItem(s)
        for c in range(section.childCount()):
            item = section.child(c)
            if item.data(0, ENTRY_ROLE) >= 0:
                out.append((section.text(0), item))
    return out


def _select(view, why: str):
    for _section, item in _items(view):
        if why in item.text(COL_WHY):
            view.tree.setCurrentItem(item)
            return item
    raise AssertionError(f"no entry {why!r}")


def test_sections_and_milestones(dated, qtbot):
    view = _view(dated, qtbot)
    items = _items(view)
    assert [(s.split(" (")[0], i.text(COL_WHY)) for s, i in items] == [
        ("Today", "★ turns 60"), ("This week", "7th anniversary")]
    milestone = items[0][1]
    assert milestone.font(COL_WHY).bold() and not items[1][1].font(COL_WHY).bold()
    assert "0 overdue · 1 today · 1 this week" in view.summary.text()
    assert not view.done_button.isEnabled()
    _select(view, "turns 60")
    assert view.done_button.isEnabled() and view.snooze_button.isEnabled()


def test_done_asks_what_was_sent_logs_it_and_undoes(dated, qtbot, monkeypatch):
    view = _view(dated, qtbot)
    _select(view, "turns 60")
    entry = view.current_entry()
    monkeypatch.setattr(view, "ask_sent", lambda e: "Peonies and a card")
    with qtbot.waitSignal(dated.bridge.sig_changed):
        assert view.mark_done()
    assert [i.text(COL_WHY) for _s, i in _items(view)] == ["7th anniversary"]
    with dated.studio.read() as conn:
        summary = conn.exec_driver_sql(
            "SELECT summary FROM interaction WHERE kind = 'gift' AND client_id = ?", (entry.client_id,)).scalar()
    assert summary.startswith("Peonies and a card — Birthday of ")
    # the last gift shows on that client's next entries
    nxt = [e for e in agenda.agenda(dated.studio, TODAY + timedelta(days=360)).entries if e.client_id == entry.client_id]
    assert nxt and nxt[0].last_gift[1].startswith("Peonies")
    dated.undo_stack.undo()
    assert [i.text(COL_WHY) for _s, i in _items(view)] == ["★ turns 60", "7th anniversary"]


def test_cancelled_done_changes_nothing(dated, qtbot, monkeypatch):
    view = _view(dated, qtbot)
    _select(view, "turns 60")
    monkeypatch.setattr(view, "ask_sent", lambda e: None)
    assert not view.mark_done()
    assert dated.undo_stack.count() == 0


def test_snooze_to_a_date_then_it_comes_back(dated, qtbot, monkeypatch):
    view = _view(dated, qtbot)
    _select(view, "7th anniversary")
    monkeypatch.setattr(view, "ask_snooze_date", lambda e: TODAY + timedelta(days=5))
    assert view.snooze()
    assert [i.text(COL_WHY) for _s, i in _items(view)] == ["★ turns 60"]
    later = _view(dated, qtbot, today=TODAY + timedelta(days=5))
    assert [(s.split(" (")[0], i.text(COL_WHY)) for s, i in _items(later)] == [
        ("Overdue", "★ turns 60"), ("Today", "7th anniversary")]
    dated.undo_stack.undo()
    assert len(_items(view)) == 2


def test_dismiss_and_double_click_opens_the_dossier(dated, qtbot):
    view = _view(dated, qtbot)
    item = _select(view, "turns 60")
    entry = view.current_entry()
    with qtbot.waitSignal(view.sig_open_client) as blocker:
        view.tree.itemDoubleClicked.emit(item, 0)
    assert blocker.args == [entry.client_id]
    assert view.dismiss()
    assert [i.text(COL_WHY) for _s, i in _items(view)] == ["7th anniversary"]


def test_agenda_is_the_first_screen(window):
    from ui.main_window import AREA_AGENDA

    assert window.current_area() == AREA_AGENDA
    assert window.nav.item(0).text() == "Agenda"


def test_a_hidden_agenda_refreshes_when_shown_again(dated, qtbot):
    view = _view(dated, qtbot)
    view.hide()
    entry = view.entries[0]
    agenda.dismiss(dated.studio, *entry.key)
    assert len(_items(view)) == 2  # not re-read while hidden
    view.show()
    qtbot.waitUntil(lambda: len(_items(view)) == 1, timeout=3000)


def test_rules_dialog_changes_the_studio_rules_undoably(dated, qtbot):
    from ui.views.agenda_view import AgendaSettingsDialog

    view = _view(dated, qtbot)
    dialog = AgendaSettingsDialog(dated, view)
    qtbot.addWidget(dialog)
    dialog.enabled["wedding"].setChecked(False)
    dialog.lead["birthday"].setValue(30)
    dialog.feb29.setCurrentIndex(dialog.feb29.findData("mar1"))
    assert dialog.offsets["feedback"].value() == 14
    dialog.offsets["feedback"].setValue(21)
    dialog.accept()
    rules = agenda.rules(dated.studio)
    assert (rules.on("wedding"), rules.lead("birthday"), rules.feb29) == (False, 30, "mar1")
    assert rules.offset("feedback") == 21
    assert [i.text(COL_WHY) for _s, i in _items(view)] == ["★ turns 60"]
    dated.undo_stack.undo()
    assert agenda.rules(dated.studio) == agenda.Rules()
    assert len(_items(view)) == 2


def test_passport_renewal_through_the_documents_dialog(dated, qtbot):
    from ui.dialogs.documents_dialog import DocumentsDialog

    studio = dated.studio
    with studio.read() as conn:
        pid, cid = conn.exec_driver_sql("SELECT id, client_id FROM person ORDER BY id LIMIT 1").one()
    agenda.add_document(studio, pid, TODAY + timedelta(days=40), number="E1")
    view = _view(dated, qtbot)
    assert "passport expires" in " ".join(i.text(COL_WHY) for _s, i in _items(view))
    dialog = DocumentsDialog(dated, cid, "Client", view)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "E1"
    dialog.table.selectRow(0)
    dialog.expires.setDate(dialog.expires.date().addYears(10))
    assert dialog.save()
    assert "passport expires" not in " ".join(i.text(COL_WHY) for _s, i in _items(view))
    dialog.table.clearSelection()
    dialog.number.setText("")
    assert dialog.add()
    assert dialog.table.rowCount() == 2
    dated.undo_stack.undo()
    dated.undo_stack.undo()
    assert "passport expires" in " ".join(i.text(COL_WHY) for _s, i in _items(view))
