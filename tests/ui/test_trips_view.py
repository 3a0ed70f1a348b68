"""The Trips area driven through its real widgets on a small demo studio: the pipeline, a trip's
header (inline edits, undo), versions (duplicate, compare, approve, restore), the pre-send check,
a change on the road, Print/Export, new trips and the supplier directory."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from studio.domain.trip_models import Supplier
from studio.services import clients
from studio.services.demo.build import build_demo
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips import suppliers as trip_suppliers
from studio.services.trips import totals as trip_totals
from studio.services.trips import versions as trip_versions
from studio.store import Studio
from ui.context import AppContext
from ui.models.trip_table import COL_TITLE
from ui.views.trips_view import TripsView

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """A 40-client demo studio (16 trips, every status), built once; each test gets a copy.

    The demo's trip photos are left out: nothing here shows them, and drawing them is most of the
    demo's time."""
    import importlib

    d = tmp_path_factory.mktemp("trips-demo") / "studio"
    with pytest.MonkeyPatch.context() as mp:
        try:
            media = importlib.import_module("studio.services.demo.media")
            mp.setattr(media, "add_media_demo", lambda *a, **k: "")
        except ImportError:
            pass
        # the demo's past trips are the Studio area's; this area's tests count the featured 16
        history = importlib.import_module("studio.services.demo.history")
        mp.setattr(history, "add_history_demo", lambda *a, **k: "")
        with Studio.open(d) as s:
            build_demo(s, clients=40, today=TODAY)
    return d


@pytest.fixture
def demo_studio(demo_template, tmp_path):
    d = tmp_path / "studio"
    shutil.copytree(demo_template, d)
    s = Studio.open(d)
    yield s
    s.close()


@pytest.fixture
def dctx(demo_studio, qapp):
    c = AppContext(demo_studio)
    yield c
    c.bridge.close()


@pytest.fixture
def view(dctx, qtbot):
    v = TripsView(dctx)
    qtbot.addWidget(v)
    v.resize(1300, 820)
    v.show()
    qtbot.waitExposed(v)
    return v


def _trip(studio, status: str):
    """The first demo trip (by date) with ``status``."""
    return [t for t in trip_reading.trips_of(studio) if t.status == status][0]


def _stored(studio, trip_id):
    return trip_reading.find_trip(studio, trip_id)


def _on_modal(qtbot, act) -> list:
    """Run ``act(dialog)`` on the next modal dialog once it is shown; returns a list that holds
    the dialog afterwards (to assert the dialog really appeared)."""
    seen: list = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            seen.append(dialog)
            act(dialog)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return seen


# -- the pipeline in the main window -------------------------------------------------------------
@pytest.fixture
def demo_window(dctx, settings, qtbot):
    from ui.main_window import MainWindow

    w = MainWindow(dctx, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_trips_area_lists_every_demo_trip(demo_window, qtbot):
    w = demo_window
    names = [w.nav.item(i).text() for i in range(w.nav.count()) if w._areas[i] != "studio"]
    assert names[:3] == ["Agenda", "Clients", "Trips"] and names[3].startswith("Recently deleted")
    place = w._areas.index("trips") + 1  # Ctrl+N follows the sidebar (Studio first for the owner)
    qtbot.keyClick(w, Qt.Key(Qt.Key.Key_0 + place), Qt.KeyboardModifier.ControlModifier)
    assert w.current_area() == "trips"
    tv = w.trips_view
    assert tv.proxy.rowCount() == 16
    assert tv.chips["all"].text() == "All 16"
    assert tv.chips["proposed"].text() == "Proposed 2"
    qtbot.mouseClick(tv.chips["travelling"], Qt.MouseButton.LeftButton)
    assert tv.proxy.rowCount() == 2
    assert {tv.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 4) for r in range(2)} == {
        "travelling"
    }
    assert tv.count_label.text() == "2 of 16 trips"
    qtbot.mouseClick(tv.chips["all"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tv.search, "Yunnan")
    assert tv.proxy.rowCount() == 5
    tv.search.clear()
    # Choosing a row shows the trip beside the list.
    tv.table.selectRow(0)
    first = tv.proxy.trip_id(0)
    assert tv.trip_view.trip_id == first
    assert tv.trip_view.title.text() == _stored(w.ctx.studio, first).title


def test_a_clients_trips_from_the_clients_area(demo_window, qtbot):
    w = demo_window
    studio = w.ctx.studio
    trip = _trip(studio, "drafting")
    w.show_area("clients")
    assert w.client_list.select_client(trip.client_id)
    w.client_trips_action.trigger()
    assert w.current_area() == "trips"
    tv = w.trips_view
    assert tv.client_chip.isVisible()
    assert {
        tv.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 5) for r in range(tv.proxy.rowCount())
    } == {trip.client_id}
    assert tv.trip_view.trip_id == trip.id
    qtbot.mouseClick(tv.client_chip, Qt.MouseButton.LeftButton)
    assert tv.proxy.rowCount() == 16 and not tv.client_chip.isVisible()


def test_split_between_list_and_trip_is_remembered(demo_window, settings, dctx, qtbot):
    from ui.main_window import MainWindow

    w = demo_window
    w.show_area("trips")
    total = sum(w.trips_view.splitter.sizes())
    w.trips_view.splitter.setSizes([total // 2, total - total // 2])
    kept = w.trips_view.splitter.sizes()
    w.close()
    again = MainWindow(dctx, settings=settings)
    qtbot.addWidget(again)
    again.show()
    assert again.current_area() == "trips"
    assert again.trips_view.splitter.sizes() == kept


# -- the trip's header -----------------------------------------------------------------------------
def test_edit_title_inline_and_undo_with_ctrl_z(demo_window, qtbot):
    w = demo_window
    studio = w.ctx.studio
    trip = _trip(studio, "drafting")
    w.show_area("trips")
    assert w.trips_view.select_trip(trip.id)
    tv = w.trips_view.trip_view
    tv.title.setFocus()
    tv.title.selectAll()
    qtbot.keyClicks(tv.title, "Kyoto for the Wangs")
    with qtbot.waitSignal(w.ctx.bridge.sig_changed):
        qtbot.keyClick(tv.title, Qt.Key.Key_Return)
    assert _stored(studio, trip.id).title == "Kyoto for the Wangs"
    row = w.trips_view.model.row_of(trip.id)
    assert w.trips_view.model.index(row, COL_TITLE).data() == "Kyoto for the Wangs"
    w.trips_view.table.setFocus()
    with qtbot.waitSignal(w.ctx.bridge.sig_changed):
        qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(studio, trip.id).title == trip.title
    assert tv.title.text() == trip.title


def test_refused_dates_show_the_reason_and_keep_the_text(view, dctx, qtbot):
    studio = dctx.studio
    trip = _trip(studio, "inquiry")
    view.select_trip(trip.id)
    tv = view.trip_view
    tv.end_date.setFocus()
    tv.end_date.selectAll()
    qtbot.keyClicks(tv.end_date, "2020-01-01")
    qtbot.keyClick(tv.end_date, Qt.Key.Key_Tab)
    assert "before it starts" in tv.error_for("end_date")
    assert tv._boxes["dates"].error.isVisible()
    assert tv.end_date.text() == "2020-01-01"  # kept
    assert _stored(studio, trip.id).end_date == trip.end_date  # nothing written
    dctx.execute(
        "Rename", lambda: trip_lifecycle.update_trip(studio, trip.id, title="Renamed elsewhere")
    )
    assert (
        tv.title.text() == "Renamed elsewhere" and tv.end_date.text() == "2020-01-01"
    )  # a refresh keeps it
    tv.end_date.setFocus()
    tv.end_date.setText(trip.end_date)
    qtbot.keyClick(tv.end_date, Qt.Key.Key_Tab)
    assert tv.error_for("end_date") == "" and not tv._boxes["dates"].error.isVisible()
    tv.currency.setFocus()
    tv.currency.setText("XYZ")
    qtbot.keyClick(tv.currency, Qt.Key.Key_Tab)
    assert "not a known currency" in tv.error_for("currency")
    assert _stored(studio, trip.id).currency == trip.currency


def test_travellers_are_checkable_people_of_the_party(view, dctx, qtbot):
    studio = dctx.studio
    trip = next(
        t
        for t in trip_reading.trips_of(studio)
        if t.status == "inquiry" and len(trip_reading.travellers(studio, t.id)) > 1
    )
    view.select_trip(trip.id)
    checks = view.trip_view._checks
    assert len(checks) >= 2 and all(c.isChecked() for c in checks.values())
    assert [c.text() for c in checks.values()] == [
        (f"{p.native_name} · {p.name}" if p.native_name and p.native_name != p.name else p.name)
        for p in trip_reading.travellers(studio, trip.id)
    ]
    pid, box = next(iter(checks.items()))
    with qtbot.waitSignal(dctx.bridge.sig_changed):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert pid not in {p.id for p in trip_reading.travellers(studio, trip.id)}
    dctx.undo_stack.undo()
    assert pid in {p.id for p in trip_reading.travellers(studio, trip.id)}
    assert box.isChecked()


def test_while_travelling_an_edit_asks_why_and_keeps_the_reason(view, dctx, qtbot):
    studio = dctx.studio
    trip = _trip(studio, "travelling")
    view.select_trip(trip.id)
    tv = view.trip_view

    def answer(dialog):
        dialog.reason.setCurrentIndex(dialog.reason.findData("weather"))
        dialog.detail.setText("typhoon warning")
        dialog.accept()

    seen = _on_modal(qtbot, answer)
    tv.destinations.setFocus()
    tv.destinations.setText("Kyoto, Nara, Osaka")
    with qtbot.waitSignal(dctx.bridge.sig_changed):
        tv.destinations.editingFinished.emit()
    assert seen and seen[0].objectName() == "changeReasonDialog"
    stored = _stored(studio, trip.id)
    assert "Osaka" in stored.destinations
    assert "changed destinations while travelling: weather: typhoon warning" in stored.notes
    dctx.undo_stack.undo()  # one step: the change and its reason
    stored = _stored(studio, trip.id)
    assert "Osaka" not in stored.destinations and "typhoon" not in (stored.notes or "")
    # Cancelling the question changes nothing and shows the stored value again.
    _on_modal(qtbot, lambda d: d.reject())
    tv.purpose.setFocus()
    tv.purpose.setText("business")
    tv.purpose.editingFinished.emit()
    assert _stored(studio, trip.id).purpose == trip.purpose
    assert tv.purpose.text() == (trip.purpose or "")


# -- status along the pipeline ---------------------------------------------------------------------
def test_moving_to_proposed_runs_the_presend_check(view, dctx, qtbot):
    studio = dctx.studio
    trip = next(
        t
        for t in trip_reading.trips_of(studio)
        if t.status == "drafting" and trip_totals.presend_check(studio, t.id)
    )
    view.select_trip(trip.id)
    tv = view.trip_view
    assert tv.next_step.text() == "Mark proposed →"
    # Cancel first: nothing changes.
    _on_modal(qtbot, lambda d: d.reject())
    qtbot.mouseClick(tv.next_step, Qt.MouseButton.LeftButton)
    assert _stored(studio, trip.id).status == "drafting"
    assert tv.status.currentData() == "drafting"

    def acknowledge(dialog):
        assert dialog.problems.count() == len(trip_totals.presend_check(studio, trip.id))
        assert not dialog.ok_button.isEnabled()  # must tick first
        dialog.acknowledge.setChecked(True)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    seen = _on_modal(qtbot, acknowledge)
    with qtbot.waitSignal(dctx.bridge.sig_changed):
        qtbot.mouseClick(tv.next_step, Qt.MouseButton.LeftButton)
    assert seen and seen[0].objectName() == "presendDialog"
    assert _stored(studio, trip.id).status == "proposed"
    assert tv.status.currentData() == "proposed" and tv.next_step.text() == "Mark confirmed →"
    row = view.proxy.row_of(trip.id)
    assert view.proxy.index(row, 4).data() == "Proposed"
    assert view.chips["proposed"].text() == "Proposed 3"


def test_status_combo_moves_anywhere_without_a_check(view, dctx, qtbot):
    studio = dctx.studio
    trip = _trip(studio, "confirmed")
    view.select_trip(trip.id)
    tv = view.trip_view
    tv.status.setCurrentIndex(tv.status.findData("cancelled"))
    with qtbot.waitSignal(dctx.bridge.sig_changed):
        tv.status.activated.emit(tv.status.currentIndex())
    assert _stored(studio, trip.id).status == "cancelled"
    assert not tv.next_step.isVisible()


# -- versions ------------------------------------------------------------------------------------
def test_duplicate_compare_approve_and_restore(view, dctx, qtbot, monkeypatch):
    studio = dctx.studio
    trip = _trip(studio, "proposed")  # v1 and v2 "Slower pace", neither locked
    view.select_trip(trip.id)
    tv = view.trip_view
    assert tv.versions.count() == 2
    assert tv.versions.currentText() == "v2 “Slower pace” · current"

    with qtbot.waitSignal(dctx.bridge.sig_changed):
        qtbot.mouseClick(tv.duplicate_button, Qt.MouseButton.LeftButton)
    vs = trip_reading.versions(studio, trip.id)
    assert [v.number for v in vs] == [1, 2, 3]
    assert _stored(studio, trip.id).current_version_id == vs[2].id
    assert (
        tv.version_id == vs[2].id and tv.versions.count() == 3
    )  # the view follows the new version

    # Compare v1 with v2: what the second proposal added, removed and changed.
    tv.show_version(vs[1].id)
    dialog = tv.compare_dialog()
    qtbot.addWidget(dialog)
    assert dialog.new.currentData() == vs[1].id and dialog.old.currentData() == vs[0].id
    expected = trip_versions.compare_versions(studio, vs[0].id, vs[1].id)
    assert not expected.is_empty
    lines = dialog.lines()
    assert len(lines) == len(expected.added) + len(expected.removed) + len(expected.changed)
    for ch in expected.changed:
        assert any(ch.title in ln and "Changed" in ln for ln in lines)
    for ch in expected.added:
        assert any(ch.title in ln and ln.startswith("Added") for ln in lines)
    dialog.old.setCurrentIndex(dialog.old.findData(vs[1].id))
    dialog.new.setCurrentIndex(dialog.new.findData(vs[2].id))
    assert dialog.lines() == [] and dialog.empty.isVisibleTo(dialog)  # a duplicate is identical

    # Label the shown version.
    monkeypatch.setattr(tv, "ask_label", lambda v: "Without Nara")
    with qtbot.waitSignal(dctx.bridge.sig_changed):
        qtbot.mouseClick(tv.label_button, Qt.MouseButton.LeftButton)
    assert [v.label for v in trip_reading.versions(studio, trip.id)][1] == "Without Nara"

    # Restore v1 as current: a copy becomes v4.
    tv.show_version(vs[0].id)
    assert tv.restore_button.isEnabled()
    with qtbot.waitSignal(dctx.bridge.sig_changed):
        qtbot.mouseClick(tv.restore_button, Qt.MouseButton.LeftButton)
    current = _stored(studio, trip.id).current_version_id
    v4 = [v for v in trip_reading.versions(studio, trip.id) if v.id == current][0]
    assert v4.number == 4 and tv.version_id == current and not tv.restore_button.isEnabled()
    assert trip_versions.compare_versions(studio, vs[0].id, v4.id).is_empty

    # Approve it: locked, the button says so.
    monkeypatch.setattr(tv, "confirm", lambda title, text: True)
    with qtbot.waitSignal(dctx.bridge.sig_changed):
        qtbot.mouseClick(tv.approve_button, Qt.MouseButton.LeftButton)
    assert [v for v in trip_reading.versions(studio, trip.id) if v.id == current][0].locked
    assert not tv.approve_button.isEnabled() and tv.approve_button.text() == "Approved"
    assert "(approved)" in tv.versions.currentText()

    # An edit aimed at the locked version lands in a new one, and the view follows it.
    day = trip_reading.days(studio, current)[0]
    with qtbot.waitSignal(dctx.bridge.sig_changed):
        dctx.execute("Add", lambda: trip_plan.add_item(studio, day.id, "Sake tasting"))
    newest = _stored(studio, trip.id).current_version_id
    assert newest != current and tv.version_id == newest
    assert tv.approve_button.isEnabled()


def test_totals_and_flags_follow_the_shown_version(view, dctx):
    studio = dctx.studio
    trip = next(
        t
        for t in trip_reading.trips_of(studio)
        if t.current_version_id and trip_totals.flags(studio, t.current_version_id)
    )
    view.select_trip(trip.id)
    tv = view.trip_view
    totals = trip_totals.totals(studio, trip.current_version_id)
    cur, t = next(iter(totals.items()))
    assert cur in tv.totals.text() and f"{t.price:,.0f}" in tv.totals.text()
    n = len(trip_totals.flags(studio, trip.current_version_id))
    assert tv.flag_count == n and "profile flag" in tv.flags.text()
    assert trip_totals.flags(studio, trip.current_version_id)[0].reason in tv.flags.toolTip()


# -- Print/Export --------------------------------------------------------------------------------
def test_print_writes_the_handout_and_offers_to_open_it(view, dctx, qtbot, tmp_path, monkeypatch):
    studio = dctx.studio
    trip = _trip(studio, "confirmed")
    view.select_trip(trip.id)
    tv = view.trip_view
    out = tmp_path / "handout.pdf"
    offered = []
    monkeypatch.setattr(tv, "ask_open", lambda path: offered.append(path) or False)

    def fill(dialog):
        dialog.letter.setChecked(True)
        dialog.path.setText(str(out))
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    seen = _on_modal(qtbot, fill)
    with qtbot.waitSignal(tv.sig_handout_written, timeout=30000) as written:
        qtbot.keyClick(tv, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # Ctrl+P
        assert seen and seen[0].objectName() == "printDialog"
        assert tv.isEnabled()  # the handout is written in the background
    assert written.args == [out]
    assert out.read_bytes().startswith(b"%PDF")
    assert offered == [out]
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(out))
    width, height = pdf[0].get_size()
    assert abs(width - 612) < 1 and abs(height - 792) < 1  # US Letter
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert trip.title.split(" — ")[0] in text
    pdf.close()


def test_print_refuses_a_missing_folder_and_reports_write_errors(
    view, dctx, qtbot, tmp_path, monkeypatch
):
    from ui.dialogs.print_dialog import PrintDialog

    trip = _trip(dctx.studio, "confirmed")
    view.select_trip(trip.id)
    tv = view.trip_view
    dialog = PrintDialog("Kyoto", str(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.path.text().endswith("Kyoto.pdf")
    dialog.path.setText(str(tmp_path / "nowhere" / "x.pdf"))
    dialog.submit()
    assert (
        "does not exist" in dialog.file_box.error.text()
        and dialog.result() != QDialog.DialogCode.Accepted
    )
    errors = []
    monkeypatch.setattr(tv, "show_print_error", errors.append)
    with qtbot.waitSignal(tv.sig_handout_failed, timeout=30000) as failed:
        assert tv.export_handout(tmp_path / "nowhere" / "x.pdf") is not None
    assert errors == failed.args and "does not exist" in errors[0]
    assert not (tmp_path / "nowhere").exists()


def test_handout_export_reports_a_full_disk_in_one_sentence(
    view, dctx, qtbot, tmp_path, monkeypatch
):
    import errno

    from studio.reports import itinerary

    trip = _trip(dctx.studio, "confirmed")
    view.select_trip(trip.id)
    tv = view.trip_view
    shown = []
    monkeypatch.setattr(tv, "show_print_error", shown.append)

    def full_disk(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(itinerary, "render", full_disk)
    out = tmp_path / "handouts" / "x.pdf"
    out.parent.mkdir()
    with qtbot.waitSignal(tv.sig_handout_failed, timeout=30000) as failed:
        tv.export_handout(out)
    assert shown == failed.args
    assert failed.args[0] == f"{out} could not be written: No space left on device."
    assert list(out.parent.iterdir()) == []


def test_a_second_handout_waits_for_the_first(view, dctx, qtbot, tmp_path):
    trip = _trip(dctx.studio, "confirmed")
    view.select_trip(trip.id)
    tv = view.trip_view
    with qtbot.waitSignal(tv.sig_handout_written, timeout=30000):
        first = tv.export_handout(tmp_path / "a.pdf")
        assert first is not None
        with qtbot.waitSignal(tv.sig_message) as told:
            assert tv.export_handout(tmp_path / "b.pdf") is None
        assert "already" in told.args[0]
    assert (tmp_path / "a.pdf").exists() and not (tmp_path / "b.pdf").exists()


# -- new trips and suppliers ---------------------------------------------------------------------
def test_new_trip_dialog_creates_a_trip_and_keeps_text_on_refusal(view, dctx, qtbot):
    from ui.dialogs.trip_dialog import NewTripDialog

    studio = dctx.studio
    client = clients.create_client(
        studio,
        "Zoë Martin",
        kind="household",
        people=[{"name": "Zoë Martin"}, {"name": "Paul Martin"}],
    )
    dialog = NewTripDialog(dctx, client_id=client.id)
    qtbot.addWidget(dialog)
    assert dialog.client_label.text() == "Zoë Martin" and len(dialog._checks) == 2
    dialog.title_edit.setText("Iceland in winter")
    dialog.start_date.setText("2027-02-10")
    dialog.end_date.setText("2027-02-14")
    dialog.destinations.setText("Reykjavík, Vík")
    dialog.budget.setText("12000")
    dialog.currency.setText("ISX")
    list(dialog._checks.values())[1].setChecked(False)
    dialog.submit()
    assert "not a known currency" in dialog.field("currency").error.text()
    assert (
        dialog.title_edit.text() == "Iceland in winter"
        and dialog.result() != QDialog.DialogCode.Accepted
    )
    assert not trip_reading.trips_of(studio, client.id)
    dialog.currency.setText("EUR")
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    (trip,) = trip_reading.trips_of(studio, client.id)
    assert (
        trip.title == "Iceland in winter" and trip.currency == "EUR" and trip.budget == "12000.00"
    )
    assert [p.name for p in trip_reading.travellers(studio, trip.id)] == ["Zoë Martin"]
    assert len(trip_reading.days(studio, trip.current_version_id)) == 5
    assert view.proxy.row_of(trip.id) >= 0  # the pipeline shows it at once
    dctx.undo_stack.undo()
    assert not trip_reading.trips_of(studio, client.id)


def test_new_trip_needs_a_client(dctx, qtbot):
    from ui.dialogs.trip_dialog import NewTripDialog

    dialog = NewTripDialog(dctx)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Somewhere")
    dialog.submit()
    assert "Choose the client" in dialog.field("client_id").error.text()


def test_new_trip_from_the_trips_area_selects_it(view, dctx, qtbot):
    studio = dctx.studio
    client_id = trip_reading.trips_of(studio)[0].client_id
    view.set_client_filter(client_id)

    def fill(dialog):
        assert dialog.client_id == client_id  # the filtered client is proposed
        dialog.title_edit.setText("Second honeymoon")
        dialog.submit()

    seen = _on_modal(qtbot, fill)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert seen
    trip = next(
        t for t in trip_reading.trips_of(studio, client_id) if t.title == "Second honeymoon"
    )
    assert view.current_trip_id == trip.id and view.trip_view.title.text() == "Second honeymoon"


def test_supplier_directory_add_edit_delete(dctx, qtbot, monkeypatch):
    from ui.dialogs.suppliers_dialog import SuppliersDialog

    studio = dctx.studio
    d = SuppliersDialog(dctx)
    qtbot.addWidget(d)
    before = d.table.rowCount()
    assert before == len(trip_suppliers.suppliers(studio)) > 0

    def fill(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("guide"))
        dialog.name.setText("")
        dialog.submit()  # refused: a name is needed; the dialog stays open
        assert "name" in dialog.field("name").error.text().lower()
        dialog.name.setText("Aiko Tanaka (guide)")
        dialog.native_name.setText("田中愛子")
        dialog.contacts.setPlainText("+81 90 0000 0000")
        dialog.location.setText("Nara")
        dialog.rating.setCurrentIndex(dialog.rating.findData("4"))
        dialog.submit()

    _on_modal(qtbot, fill)
    qtbot.mouseClick(d.add_button, Qt.MouseButton.LeftButton)
    added = next(s for s in trip_suppliers.suppliers(studio) if s.name == "Aiko Tanaka (guide)")
    assert (added.kind, added.native_name, added.rating, added.location) == (
        "guide",
        "田中愛子",
        4,
        "Nara",
    )
    assert d.table.rowCount() == before + 1 and d.current_id() == added.id

    def edit(dialog):
        assert dialog.name.text() == "Aiko Tanaka (guide)"
        dialog.rating.setCurrentIndex(dialog.rating.findData("5"))
        dialog.notes.setPlainText("Speaks Mandarin")
        dialog.submit()

    _on_modal(qtbot, edit)
    qtbot.mouseClick(d.edit_button, Qt.MouseButton.LeftButton)
    s = next(x for x in trip_suppliers.suppliers(studio) if x.id == added.id)
    assert s.rating == 5 and s.notes == "Speaks Mandarin"
    assert d.table.item(d.table.currentRow(), 4).text() == "★★★★★"

    monkeypatch.setattr(d, "confirm_delete", lambda name: True)
    qtbot.mouseClick(d.delete_button, Qt.MouseButton.LeftButton)
    assert added.id not in {x.id for x in trip_suppliers.suppliers(studio)}
    assert studio.count(Supplier, include_deleted=True) == before + 1  # soft delete
    assert d.table.rowCount() == before
    dctx.undo_stack.undo()
    assert added.id in {x.id for x in trip_suppliers.suppliers(studio)}

    d.search.setText("kyoto")
    assert 0 < d.table.rowCount() < before


def test_suppliers_reachable_from_the_area_and_the_menu(demo_window):
    w = demo_window
    menus = {a.text().replace("&", ""): a.menu() for a in w.menuBar().actions()}
    entries = [a.text().replace("&", "") for a in menus["Trips"].actions()]
    assert "Suppliers…" in entries and "New trip…" in entries
    assert w.trips_view.suppliers_button.text().replace("&", "") == "Suppliers…"
    assert w.new_trip_action.shortcut().toString() == "Ctrl+Shift+N"


def test_ctrl_p_prints_only_in_the_trips_area(demo_window, qtbot, monkeypatch):
    w = demo_window
    w.show_area("trips")
    asked = []
    monkeypatch.setattr(
        w.trips_view.trip_view, "print_handout", lambda: asked.append(w.current_area())
    )
    w.show_area("clients")
    qtbot.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked == []  # the hidden trip is not printed from another area
    w.print_trip_action.trigger()  # Trips › Print/Export itinerary… goes to the trip first
    assert asked == ["trips"] and w.current_area() == "trips"
    assert w.print_trip_action.text().endswith("\tCtrl+P")


def test_context_menu_offers_the_trips_client(view, dctx, qtbot):
    trip = _trip(dctx.studio, "confirmed")
    actions = dict(view.context_actions(trip.id))
    client = [a for a in actions if a.startswith("Only ")][0]
    actions[client]()
    assert view.client_chip.isVisible()
    assert {
        view.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 5)
        for r in range(view.proxy.rowCount())
    } == {trip.client_id}
    opened = []
    view.sig_open_client.connect(opened.append)
    actions[[a for a in actions if a.startswith("Open ")][0]]()
    assert opened == [trip.client_id]
    assert list(dict(view.context_actions(None))) == ["New trip…"]


def test_ctrl_f_in_the_trips_area_filters_trips(demo_window, qtbot):
    w = demo_window
    w.show_area("trips")
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.current_area() == "trips" and w.trips_view.search.hasFocus()


def test_an_empty_studio_says_how_to_start_a_trip(ctx, qtbot):
    v = TripsView(ctx)
    qtbot.addWidget(v)
    v.show()
    assert v.proxy.rowCount() == 0 and v.chips["all"].text() == "All 0"
    assert (
        "No trips yet" in v.trip_view._empty.text() and "Ctrl+Shift+N" in v.trip_view._empty.text()
    )
    client_id = ctx.studio.ids[0]
    with qtbot.waitSignal(v.model.sig_count_changed):
        ctx.execute("New", lambda: trip_lifecycle.create_trip(ctx.studio, client_id, "First trip"))
    assert v.proxy.rowCount() == 1 and v.count_label.text() == "1 trip"


def test_an_earlier_version_shown_says_so(view, dctx):
    trip = _trip(dctx.studio, "proposed")
    view.select_trip(trip.id)
    tv = view.trip_view
    v1 = trip_reading.versions(dctx.studio, trip.id)[0]
    tv.show_version(v1.id)
    assert "Showing v1, an earlier version; the current one is v2." in tv.totals.text()
    assert tv.versions.currentData() == v1.id
    tv.show_version(trip.current_version_id)
    assert "earlier version" not in tv.totals.text()


def test_the_client_link_opens_the_dossier(demo_window, qtbot):
    w = demo_window
    trip = _trip(w.ctx.studio, "completed")
    w.show_area("trips")
    w.trips_view.select_trip(trip.id)
    w.trips_view.trip_view.client.linkActivated.emit(f"client:{trip.client_id}")
    assert w.current_area() == "clients" and w.client_list.current_client_id == trip.client_id


def test_a_trip_longer_than_a_year_is_refused(dctx, qtbot):
    from ui.dialogs.trip_dialog import NewTripDialog

    dialog = NewTripDialog(dctx, client_id=trip_reading.trips_of(dctx.studio)[0].client_id)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Typo")
    dialog.start_date.setText("2027-03-01")
    dialog.end_date.setText("2072-03-05")
    dialog.submit()
    assert "check the end date" in dialog.field("end_date").error.text()
    assert dialog.end_date.text() == "2072-03-05"


def test_the_trip_view_rereads_only_for_its_own_client(view, dctx, monkeypatch):
    studio = dctx.studio
    trip = _trip(studio, "confirmed")
    other = next(t for t in trip_reading.trips_of(studio) if t.client_id != trip.client_id)
    view.select_trip(trip.id)
    tv = view.trip_view
    reads = []
    real = tv.reload
    monkeypatch.setattr(tv, "reload", lambda: reads.append(1) or real())
    dctx.execute(
        "Rename", lambda: trip_lifecycle.update_trip(studio, other.id, title="Someone else's")
    )
    assert reads == []
    dctx.execute("Rename", lambda: trip_lifecycle.update_trip(studio, trip.id, title="Ours"))
    assert reads == [1] and tv.title.text() == "Ours"


def test_new_trip_picks_its_client_in_the_picker(dctx, qtbot):
    from ui.dialogs.trip_dialog import NewTripDialog

    studio = dctx.studio
    client = clients.create_client(studio, "Amélie Dubois", people=[{"name": "Amélie Dubois"}])
    dialog = NewTripDialog(dctx)
    qtbot.addWidget(dialog)
    chosen = []

    def pick(picker):
        picker.search.setText("Amélie Dub")  # the list follows the text at once
        chosen.append(picker.chosen_id())
        picker.accept()

    seen = _on_modal(qtbot, pick)
    qtbot.mouseClick(dialog.choose_client, Qt.MouseButton.LeftButton)
    assert seen and chosen == [client.id] and dialog.client_id == client.id
    assert (
        dialog.client_label.text() == "Amélie Dubois"
        and list(dialog._checks.values())[0].isChecked()
    )
    dialog.title_edit.setText("Lisbon weekend")
    dialog.submit()
    assert [t.title for t in trip_reading.trips_of(studio, client.id)] == ["Lisbon weekend"]


def test_the_trips_area_is_built_when_first_needed(dctx, settings, qtbot):
    from ui.main_window import MainWindow

    w = MainWindow(dctx, settings=settings)
    qtbot.addWidget(w)
    w.show()
    assert w._trips_view is None  # start-up does not pay for it
    w.show_area("clients")
    w.save_layout()
    assert w._trips_view is None
    w.show_area("trips")
    assert w._trips_view is not None and w._trips_page.isVisible() and w.trips_view.isVisible()
    assert w.trips_view.proxy.rowCount() == 16


def test_screenshot_of_the_trips_area(demo_template, tmp_path, qapp, monkeypatch):
    from PySide6.QtGui import QImage

    from ui import app as ui_app
    from ui.main_window import MainWindow

    d = tmp_path / "studio"
    shutil.copytree(demo_template, d)
    shown = []
    real = MainWindow.show_area
    monkeypatch.setattr(
        MainWindow, "show_area", lambda self, key: shown.append(key) or real(self, key)
    )
    chosen = []
    pick = ui_app._select_planned_trip

    def record(window):
        pick(window)
        trip = trip_reading.find_trip(window.ctx.studio, window.trips_view.current_trip_id)
        chosen.append(len(trip_reading.days(window.ctx.studio, trip.current_version_id)))

    monkeypatch.setattr(ui_app, "_select_planned_trip", record)
    out = tmp_path / "trips.png"
    assert ui_app.screenshot(str(d), out, view="trips", size="1200x760") == 0
    assert chosen and chosen[0] > 0  # a trip whose plan has days is on show
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 760)
    assert shown[-1] == "trips"


def test_a_refusal_does_not_follow_to_another_trip(view, dctx, qtbot):
    studio = dctx.studio
    first, second = [t for t in trip_reading.trips_of(studio) if t.status == "inquiry"][:2]
    view.select_trip(first.id)
    tv = view.trip_view
    tv.start_date.setFocus()
    tv.start_date.setText("someday")
    qtbot.keyClick(tv.start_date, Qt.Key.Key_Tab)
    assert "not a valid date" in tv.error_for("start_date")
    view.select_trip(second.id)
    assert tv.error_for("start_date") == "" and not tv._boxes["dates"].error.isVisible()
    assert tv.start_date.text() == second.start_date


def test_new_trip_from_the_clients_area_is_for_the_shown_client(demo_window, qtbot):
    w = demo_window
    w.show_area("clients")
    client_id = trip_reading.trips_of(w.ctx.studio)[0].client_id
    assert w.client_list.select_client(client_id)
    proposed = []

    def look(dialog):
        proposed.append(dialog.client_id)
        dialog.reject()

    _on_modal(qtbot, look)
    w.new_trip_action.trigger()
    assert proposed == [client_id] and w.current_area() == "trips"


def test_a_deleted_clients_trips_leave_the_pipeline(view, dctx, qtbot):
    studio = dctx.studio
    trip = _trip(studio, "confirmed")
    view.select_trip(trip.id)
    with qtbot.waitSignal(view.model.sig_count_changed):
        dctx.execute("Delete", lambda: clients.delete_client(studio, trip.client_id))
    assert view.proxy.row_of(trip.id) < 0 and view.current_trip_id is None
    with qtbot.waitSignal(view.model.sig_count_changed):
        dctx.undo_stack.undo()
    assert view.proxy.row_of(trip.id) >= 0


def test_the_trip_header_folds_into_one_column_when_narrow(view, qtbot):
    from PySide6.QtWidgets import QBoxLayout

    tv = view.trip_view
    tv._arrange(False)
    grid = tv._grid
    purpose_row = grid.getItemPosition(grid.indexOf(tv._placed["purpose"][1]))[:2]
    assert purpose_row == (3, 1) and tv._bar.direction() == QBoxLayout.Direction.TopToBottom
    tv._page.layout().activate()
    narrow = tv._page.minimumSizeHint().width()
    tv._arrange(True)
    assert grid.getItemPosition(grid.indexOf(tv._placed["purpose"][1]))[:2] == (0, 3)
    assert tv._bar.direction() == QBoxLayout.Direction.LeftToRight
    tv._page.layout().activate()
    assert narrow < tv._page.minimumSizeHint().width()


def test_flags_are_checked_once_per_read_and_follow_edits(view, dctx, monkeypatch):
    studio = dctx.studio
    trip = next(
        t
        for t in trip_reading.trips_of(studio)
        if t.current_version_id
        and trip_totals.flags(studio, t.current_version_id)
        and not trip_reading.versions(studio, t.id)[-1].locked
        and t.status != "travelling"
    )
    calls = []
    real = trip_totals.flags
    monkeypatch.setattr(trip_totals, "flags", lambda s, v: calls.append(v) or real(s, v))
    view.select_trip(trip.id)
    tv = view.trip_view
    assert calls == [trip.current_version_id]  # the plan's read; the header reuses it
    n = tv.flag_count
    flagged = real(studio, trip.current_version_id)[0]
    source = next(
        i
        for i in trip_reading.version_items(studio, trip.current_version_id)
        if i.id == flagged.item_id
    )
    day = trip_reading.days(studio, trip.current_version_id)[0]
    trip_plan.add_item(
        studio, day.id, "Second helping", kind=source.kind, tags=json.loads(source.tags)
    )
    assert tv.flag_count == n + 1 and str(n + 1) in tv.flags.text()
