"""The agenda screen driven through its widgets: done (with what was sent), snooze, dismiss, undo;
its background read (off the GUI thread, fresher results win, closing while it runs)."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QThread

from studio.services import clients
from studio.services.agenda import actions as agenda_actions
from studio.services.agenda import build as agenda_build
from studio.services.agenda import documents as agenda_documents
from studio.services.agenda import rules as agenda_rules
from ui.views import agenda_view as av
from ui.views.agenda_view import COL_WHY, ENTRY_ROLE, AgendaView

TODAY = date(2026, 11, 22)


@pytest.fixture
def dated(ctx):
    """Two dates: a 60th birthday today and a wedding anniversary in three days."""
    studio = ctx.studio
    with studio.read() as conn:
        people = [
            r[0]
            for r in conn.exec_driver_sql("SELECT id FROM person ORDER BY position, id LIMIT 2")
        ]
    clients.add_important_date(
        studio, people[0], "birthday", TODAY.month, TODAY.day, TODAY.year - 60
    )
    soon = TODAY + timedelta(days=3)
    clients.add_important_date(studio, people[1], "wedding", soon.month, soon.day, 2019)
    return ctx


def _view(ctx, qtbot, today=TODAY) -> AgendaView:
    view = AgendaView(ctx, today=today)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    with qtbot.waitSignal(view.sig_refreshed, timeout=5000):  # read after the first paint
        view.show()
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
        ("Today", "★ turns 60"),
        ("This week", "7th anniversary"),
    ]
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
    with qtbot.waitSignal(view.sig_refreshed):
        assert view.mark_done()
    assert [i.text(COL_WHY) for _s, i in _items(view)] == ["7th anniversary"]
    with dated.studio.read() as conn:
        summary = conn.exec_driver_sql(
            "SELECT summary FROM interaction WHERE kind = 'gift' AND client_id = ?",
            (entry.client_id,),
        ).scalar()
    assert summary.startswith("Peonies and a card — Birthday of ")
    # the last gift shows on that client's next entries
    nxt = [
        e
        for e in agenda_build.agenda(dated.studio, TODAY + timedelta(days=360)).entries
        if e.client_id == entry.client_id
    ]
    assert nxt and nxt[0].last_gift[1].startswith("Peonies")
    with qtbot.waitSignal(view.sig_refreshed):
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
    with qtbot.waitSignal(view.sig_refreshed):
        assert view.snooze()
    assert [i.text(COL_WHY) for _s, i in _items(view)] == ["★ turns 60"]
    later = _view(dated, qtbot, today=TODAY + timedelta(days=5))
    assert [(s.split(" (")[0], i.text(COL_WHY)) for s, i in _items(later)] == [
        ("Overdue", "★ turns 60"),
        ("Today", "7th anniversary"),
    ]
    with qtbot.waitSignal(view.sig_refreshed):
        dated.undo_stack.undo()
    assert len(_items(view)) == 2


def test_dismiss_and_double_click_opens_the_dossier(dated, qtbot):
    view = _view(dated, qtbot)
    item = _select(view, "turns 60")
    entry = view.current_entry()
    with qtbot.waitSignal(view.sig_open_client) as blocker:
        view.tree.itemDoubleClicked.emit(item, 0)
    assert blocker.args == [entry.client_id]
    with qtbot.waitSignal(view.sig_refreshed):
        assert view.dismiss()
    assert [i.text(COL_WHY) for _s, i in _items(view)] == ["7th anniversary"]


def test_agenda_is_the_first_screen(window):
    from ui.main_window import AREA_AGENDA

    assert window.current_area() == AREA_AGENDA
    assert window.nav.item(window._areas.index(AREA_AGENDA)).text() == "Agenda"


def test_a_hidden_agenda_refreshes_when_shown_again(dated, qtbot):
    view = _view(dated, qtbot)
    view.hide()
    entry = view.entries[0]
    agenda_actions.dismiss(dated.studio, *entry.key)
    assert len(_items(view)) == 2  # not re-read while hidden
    with qtbot.waitSignal(view.sig_refreshed):
        view.show()
        assert len(_items(view)) == 2  # the rows shown stay until the read arrives
    assert len(_items(view)) == 1


def test_a_trip_edit_refreshes_the_agenda(dated, qtbot):
    """The trip tasks and win-backs are read from the trip table: a trip edit re-reads them."""
    from studio.services.trips import lifecycle as trip_lifecycle

    studio = dated.studio
    with studio.read() as conn:
        client_id = conn.exec_driver_sql("SELECT id FROM client ORDER BY name LIMIT 1").scalar()
    leaves = TODAY + timedelta(days=7)  # the pre-departure check falls a week before: today
    trip = trip_lifecycle.create_trip(
        studio,
        client_id,
        "Kyoto in autumn",
        start_date=leaves.isoformat(),
        end_date=(leaves + timedelta(days=3)).isoformat(),
    )
    trip_lifecycle.set_status(studio, trip.id, "confirmed")
    view = _view(dated, qtbot)
    assert any("Kyoto in autumn leaves" in i.text(COL_WHY) for _s, i in _items(view)), [
        (s, [i.text(c) for c in range(6)]) for s, i in _items(view)
    ]
    with qtbot.waitSignal(view.sig_refreshed, timeout=3000):
        dated.execute(
            "Rename the trip",
            lambda: trip_lifecycle.update_trip(studio, trip.id, title="Kyoto and Nara"),
        )
    whys = [i.text(COL_WHY) for _s, i in _items(view)]
    assert any("Kyoto and Nara leaves" in w for w in whys), whys


def test_rules_dialog_changes_the_studio_rules_undoably(dated, qtbot):
    from ui.dialogs.agenda_rules_dialog import AgendaSettingsDialog

    view = _view(dated, qtbot)
    dialog = AgendaSettingsDialog(dated, view)
    qtbot.addWidget(dialog)
    dialog.enabled["wedding"].setChecked(False)
    dialog.lead["birthday"].setValue(30)
    dialog.feb29.setCurrentIndex(dialog.feb29.findData("mar1"))
    assert dialog.offsets["feedback"].value() == 14
    dialog.offsets["feedback"].setValue(21)
    with qtbot.waitSignal(view.sig_refreshed):
        dialog.accept()
    rules = agenda_rules.load_rules(dated.studio)
    assert (rules.on("wedding"), rules.lead("birthday"), rules.feb29) == (False, 30, "mar1")
    assert rules.offset("feedback") == 21
    assert [i.text(COL_WHY) for _s, i in _items(view)] == ["★ turns 60"]
    with qtbot.waitSignal(view.sig_refreshed):
        dated.undo_stack.undo()
    assert agenda_rules.load_rules(dated.studio) == agenda_rules.Rules()
    assert len(_items(view)) == 2


def test_passport_renewal_through_the_documents_dialog(dated, qtbot):
    from ui.dialogs.documents_dialog import DocumentsDialog

    studio = dated.studio
    with studio.read() as conn:
        pid, cid = conn.exec_driver_sql(
            "SELECT id, client_id FROM person ORDER BY id LIMIT 1"
        ).one()
    agenda_documents.add_document(studio, pid, TODAY + timedelta(days=40), number="E1")
    view = _view(dated, qtbot)
    assert "passport expires" in " ".join(i.text(COL_WHY) for _s, i in _items(view))
    dialog = DocumentsDialog(dated, cid, "Client", view)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "E1"
    dialog.table.selectRow(0)
    dialog.expires.setDate(dialog.expires.date().addYears(10))
    with qtbot.waitSignal(view.sig_refreshed):
        assert dialog.save()
    assert "passport expires" not in " ".join(i.text(COL_WHY) for _s, i in _items(view))
    dialog.table.clearSelection()
    dialog.number.setText("")
    assert dialog.add()
    assert dialog.table.rowCount() == 2
    with qtbot.waitSignal(view.sig_refreshed):
        dated.undo_stack.undo()
        dated.undo_stack.undo()
    assert "passport expires" in " ".join(i.text(COL_WHY) for _s, i in _items(view))


# -- the background read ----------------------------------------------------------------------
class _HeldReads:
    """Replaces the core's agenda read: records the thread each read runs on, and holds a read
    (after it has read the studio) until released, so a test can act while it is under way."""

    def __init__(self, monkeypatch):
        self.real = agenda_build.agenda
        self.threads: list[QThread] = []
        self.started = threading.Event()
        self.release = threading.Event()
        self.hold = True
        self.finished = 0
        monkeypatch.setattr(agenda_build, "agenda", self)

    def __call__(self, studio, today=None, days=30):
        self.threads.append(QThread.currentThread())
        result = self.real(studio, today, days)
        self.started.set()
        if self.hold:
            assert self.release.wait(10), "the test never released the read"
        self.finished += 1
        return result


def test_the_read_runs_off_the_gui_thread_with_a_quiet_first_state(dated, qtbot, monkeypatch):
    reads = _HeldReads(monkeypatch)
    view = AgendaView(dated, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(reads.started.is_set, timeout=5000)
    # the window is live while the read is held: the quiet state, no rows yet
    assert view.reading and view.result is None
    assert view.summary.text() == "Reading the agenda…"
    assert _items(view) == [] and not view.done_button.isEnabled()
    with qtbot.waitSignal(view.sig_refreshed):
        reads.release.set()
    assert reads.threads and all(t is not view.thread() for t in reads.threads)
    assert [i.text(COL_WHY) for _s, i in _items(view)] == ["★ turns 60", "7th anniversary"]
    assert not view.reading and view.has_fresh_result()


def test_a_change_during_a_read_shows_the_fresher_result_only(dated, qtbot, monkeypatch):
    view = _view(dated, qtbot)
    reads = _HeldReads(monkeypatch)
    shown: list[list[str]] = []
    view.sig_refreshed.connect(lambda: shown.append([i.text(COL_WHY) for _s, i in _items(view)]))
    entry = view.entries[1]
    agenda_actions.dismiss(dated.studio, *entry.key)  # not through the UI: read again by hand
    view.refresh()
    qtbot.waitUntil(reads.started.is_set, timeout=5000)  # that read has seen two changes fewer
    first = view.entries[0]
    view.ctx.execute(
        "Dismiss", lambda: agenda_actions.dismiss(dated.studio, *first.key)
    )  # a burst of
    view.refresh()  # requests
    view.refresh()
    assert len(_items(view)) == 2  # the rows shown stay while it reads
    reads.hold = False
    with qtbot.waitSignal(view.sig_refreshed, timeout=5000):
        reads.release.set()
    # the held read was dropped; one more read (not one per request) gave what is true now
    assert reads.finished == 2
    assert shown == [[]] and _items(view) == [] and view.entries == []
    assert "0 overdue · 0 today · 0 this week" in view.summary.text()


def test_closing_during_a_read_does_not_crash(dated, qtbot, qapp, monkeypatch):
    reads = _HeldReads(monkeypatch)
    view = AgendaView(dated, today=TODAY)
    view.show()
    qtbot.waitUntil(reads.started.is_set, timeout=5000)
    refreshed: list[bool] = []
    view.sig_refreshed.connect(lambda: refreshed.append(True))
    gone: list[bool] = []
    view.destroyed.connect(lambda: gone.append(True))
    view.close()
    view.deleteLater()
    qtbot.waitUntil(lambda: bool(gone))
    reads.release.set()
    assert av.wait_for_reads(5000)
    qapp.processEvents()  # the finished read's queued delivery reaches no one
    assert reads.finished == 1 and refreshed == []


def test_quitting_waits_for_the_read_then_drops_it(dated, qtbot, qapp, monkeypatch):
    reads = _HeldReads(monkeypatch)
    view = AgendaView(dated, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(reads.started.is_set, timeout=5000)
    # what app quit does before the studio is closed; the read is released from another thread
    releaser = threading.Timer(0.05, reads.release.set)
    releaser.start()
    view.shutdown()
    releaser.join()
    assert reads.finished == 1  # ended before shutdown() returned, so closing the studio is safe
    dated.studio.close()
    qapp.processEvents()  # deliver the finished read
    assert view.result is None and _items(view) == []  # its result was dropped
    view.refresh()  # after quitting no read starts
    assert not view.reading


def test_tray_notice_uses_the_background_read(dated, qtbot, monkeypatch):
    from PySide6.QtGui import QIcon

    from ui.widgets.tray_notifier import TrayNotifier

    class FakeTray:
        def __init__(self):
            self.messages: list[str] = []

        def showMessage(self, _title, message, *_args):  # noqa: N802 - Qt's name
            self.messages.append(message)

    view = AgendaView(dated, today=TODAY)
    qtbot.addWidget(view)
    notifier = TrayNotifier(view, QIcon())
    notifier.tray = FakeTray()  # offscreen there is no system tray
    reads = _HeldReads(monkeypatch)
    reads.hold = False
    with qtbot.waitSignal(view.sig_refreshed, timeout=5000):
        notifier.check()  # nothing read yet: it asks for a read and says nothing until it arrives
        assert notifier.tray.messages == []
    assert notifier.tray.messages == [view.due_today_message()]
    assert notifier.tray.messages[0].startswith("1 due today: ")
    assert reads.threads and all(t is not view.thread() for t in reads.threads)
    notifier.check()  # the same day: nothing new
    assert len(notifier.tray.messages) == 1


def test_a_failed_read_says_so_and_keeps_the_rows(dated, qtbot, monkeypatch):
    from studio.errors import StudioError

    view = _view(dated, qtbot)
    real = agenda_build.agenda

    def broken(*_args, **_kwargs):
        raise StudioError("The studio database is busy.")

    monkeypatch.setattr(agenda_build, "agenda", broken)
    view.refresh()
    qtbot.waitUntil(lambda: not view.reading, timeout=5000)
    assert view.summary.text() == "The agenda could not be read: The studio database is busy."
    assert len(_items(view)) == 2
    monkeypatch.setattr(agenda_build, "agenda", real)
    with qtbot.waitSignal(view.sig_refreshed):
        view.refresh()  # the next read works again
    assert "0 overdue · 1 today · 1 this week" in view.summary.text()


def test_rows_are_made_in_slices_and_a_newer_request_drops_unfinished_ones(
    dated, qtbot, monkeypatch
):
    monkeypatch.setattr(AgendaView, "BUILD_SLICE", 1)  # one row per turn of the event loop
    view = _view(dated, qtbot)
    assert [i.text(COL_WHY) for _s, i in _items(view)] == ["★ turns 60", "7th anniversary"]
    _select(view, "7th anniversary")
    # hold the slices: a read arrives and its rows are not finished yet
    monkeypatch.setattr(view, "_build_step", lambda: None)
    agenda_actions.dismiss(dated.studio, *view.entries[0].key)
    view.refresh()
    qtbot.waitUntil(lambda: view._running is None, timeout=5000)
    assert view.reading and not view.has_fresh_result()
    assert len(_items(view)) == 2  # the shown rows stay until the new ones are all made
    monkeypatch.undo()
    monkeypatch.setattr(AgendaView, "BUILD_SLICE", 1)
    shown: list[list[str]] = []
    view.sig_refreshed.connect(lambda: shown.append([i.text(COL_WHY) for _s, i in _items(view)]))
    with qtbot.waitSignal(view.sig_refreshed, timeout=5000):
        view.refresh()  # the unfinished rows are dropped for this newer read
    assert shown == [["7th anniversary"]] and view.has_fresh_result()
    assert (
        view.current_entry() is not None and view.current_entry().why == "7th anniversary"
    )  # kept
