"""Dead ends found in the walkthrough, each reproduced in the real widgets: Return submits *New
trip*, Escape on a filled dialog asks first, a form's refusals all show at once, the first-run
"name cannot be empty" goes once a name is typed, numbers are read in the studio's country."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from studio.services import clients
from studio.services import studio_profile as sp
from studio.store import Studio
from ui.context import AppContext
from ui.dialogs.client_dialog import NewClientDialog
from ui.dialogs.first_run import FirstRunDialog
from ui.dialogs.trip_dialog import NewTripDialog


@pytest.fixture
def ctx(studio, qapp):
    c = AppContext(studio)
    yield c
    c.bridge.close()


@pytest.fixture
def client(studio):
    return clients.create_client(studio, "Ana Wong", people=[{"name": "Ana Wong"}])


def _trip_titles(studio):
    with studio.read() as conn:
        return [r[0] for r in conn.exec_driver_sql("SELECT title FROM trip")]


def test_return_in_the_title_creates_the_trip(ctx, client, qtbot):
    dialog = NewTripDialog(ctx, client.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.title_edit.setFocus()
    qtbot.keyClicks(dialog.title_edit, "Lisbon in spring")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert _trip_titles(ctx.studio) == ["Lisbon in spring"]


def test_escape_on_a_filled_dialog_asks_before_discarding(ctx, client, qtbot):
    dialog = NewTripDialog(ctx, client.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.title_edit, "Lisbon")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.discard_box is not None
    assert dialog.discard_box.isVisible()
    dialog.discard_box.button(QMessageBox.StandardButton.Cancel).click()  # keep editing
    assert dialog.isVisible() and dialog.title_edit.text() == "Lisbon"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    with qtbot.waitSignal(dialog.rejected):
        dialog.discard_box.button(QMessageBox.StandardButton.Discard).click()
    assert not dialog.isVisible() and _trip_titles(ctx.studio) == []


def test_escape_on_an_untouched_dialog_closes_at_once(ctx, client, qtbot):
    dialog = NewTripDialog(ctx, client.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.discard_box is None


def test_new_trip_shows_every_refusal_at_once(ctx, client, qtbot):
    dialog = NewTripDialog(ctx, client.id)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("")
    dialog.start_date.setText("2026-13-40")
    dialog.currency.setText("XYZ")
    dialog.submit()
    shown = {
        name: dialog.field(name).error.text()
        for name in ("title", "start_date", "currency")
        if dialog.field(name).error.isVisibleTo(dialog)
    }
    assert set(shown) == {"title", "start_date", "currency"}, shown
    assert _trip_titles(ctx.studio) == []


def test_new_client_shows_email_and_phone_refusals_together(ctx, qtbot):
    dialog = NewClientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Zoë Martin")
    dialog.email.setText("zoe@")
    dialog.phone.setText("12")
    dialog.accept()
    assert dialog.error_for("email") and dialog.error_for("phone")
    assert dialog.client_id is None


def test_a_number_without_country_code_is_read_in_the_studio_country(ctx, qtbot):
    sp.update_profile(ctx.studio, phone="+86 21 6321 0000")
    dialog = NewClientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "CN" in dialog.phone.placeholderText()
    dialog.name.setText("Wang Wei")
    dialog.phone.setText("138 0013 8000")
    dialog.accept()
    assert dialog.client_id and not dialog.error_for("phone")
    with ctx.studio.read() as conn:
        value = conn.exec_driver_sql(
            "SELECT value FROM contact_point WHERE client_id = ?", (dialog.client_id,)
        ).scalar()
    assert value == "+8613800138000"


def test_first_run_name_error_clears_once_a_name_is_typed(data_dir, qtbot):
    with Studio.open(data_dir) as s:
        dialog = FirstRunDialog(s)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.accept()  # no name yet
        assert dialog.name_error.isVisible()
        qtbot.keyClicks(dialog.name, "Mei")
        assert not dialog.name_error.isVisible()
        dialog.close()


def _dates(studio, client_id):
    with studio.read() as conn:
        return conn.exec_driver_sql(
            "SELECT kind, person_id, month, day, year, calendar FROM important_date "
            "WHERE client_id = ? AND deleted_at IS NULL ORDER BY kind",
            (client_id,),
        ).fetchall()


def test_a_birth_date_typed_in_add_person_becomes_a_birthday_reminder(ctx, client, qtbot):
    from datetime import date, timedelta

    from studio.services.agenda import build as agenda_build
    from ui.dialogs.person_dialog import PersonDialog

    soon = date.today() + timedelta(days=10)
    born = soon.replace(year=soon.year - 40)
    dialog = PersonDialog(ctx, client.id)
    qtbot.addWidget(dialog)
    dialog.name.setText("Tom Wong")
    dialog.birth_date.setText(born.isoformat())
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    (row,) = [r for r in _dates(ctx.studio, client.id) if r[0] == "birthday"]
    assert row[2:] == (born.month, born.day, born.year, "gregorian")
    entries = agenda_build.agenda(ctx.studio, days=30).entries
    assert any(e.occurrence.kind == "birthday" and "40" in e.why for e in entries)
    # Correcting the birth date moves the birthday with it; undo takes both back.
    person = dialog.result_value
    from studio.domain.models import Person
    from studio.services import queries

    fresh = next(
        c.person
        for c in queries.get_dossier(ctx.studio, client.id).people
        if c.person.id == person.id
    )
    assert isinstance(fresh, Person)
    edit = PersonDialog(ctx, client.id, person=fresh)
    qtbot.addWidget(edit)
    edit.birth_date.setText(born.replace(day=1).isoformat())
    edit.submit()
    (row,) = [r for r in _dates(ctx.studio, client.id) if r[0] == "birthday"]
    assert row[3] == 1
    ctx.undo_stack.undo()
    (row,) = [r for r in _dates(ctx.studio, client.id) if r[0] == "birthday"]
    assert row[3] == born.day


def test_add_date_takes_a_lunar_date(ctx, client, qtbot):
    from studio.services import queries
    from ui.dialogs.person_dialog import DateDialog

    person = queries.get_dossier(ctx.studio, client.id).people[0].person
    dialog = DateDialog(ctx, person)
    qtbot.addWidget(dialog)
    dialog.calendar.setCurrentIndex(dialog.calendar.findData("lunar"))
    assert "正月" in dialog.month.itemText(0) and dialog.day.maximum() == 30
    dialog.month.setCurrentIndex(7)  # the 8th month
    dialog.day.setValue(15)  # 中秋
    dialog.submit()
    assert _dates(ctx.studio, client.id) == [("birthday", person.id, 8, 15, None, "lunar")]


def test_a_wedding_anniversary_belongs_to_the_couple(ctx, client, qtbot):
    from studio.services import queries
    from ui.dialogs.person_dialog import DateDialog

    person = queries.get_dossier(ctx.studio, client.id).people[0].person
    dialog = DateDialog(ctx, person)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("wedding"))
    assert "couple" in dialog.whose.text()
    dialog.month.setCurrentIndex(4)
    dialog.day.setValue(18)
    dialog.year.setValue(2005)
    dialog.submit()
    assert _dates(ctx.studio, client.id) == [("wedding", None, 5, 18, 2005, "gregorian")]


def test_the_supplier_picker_adds_a_new_supplier(ctx, client, qtbot):
    from studio.services.trips import lifecycle as trip_lifecycle
    from studio.services.trips import reading as trip_reading
    from ui.dialogs.trip_item_dialog import TripItemDialog

    trip = trip_lifecycle.create_trip(
        ctx.studio, client.id, "Lisbon", start_date="2026-05-01", end_date="2026-05-02"
    )
    day = trip_reading.days(ctx.studio, trip.current_version_id)[0]
    dialog = TripItemDialog(ctx, trip, day)
    qtbot.addWidget(dialog)
    new = dialog.supplier.findData(dialog.NEW_SUPPLIER)
    assert new > 0 and "New supplier" in dialog.supplier.itemText(new)
    dialog.supplier.setCurrentIndex(new)
    dialog.supplier.activated.emit(new)
    form = dialog.supplier_dialog
    assert dialog.supplier.currentData() != dialog.NEW_SUPPLIER
    form.name.setText("Pastéis de Belém")
    with qtbot.waitSignal(form.accepted):
        form.submit()
    assert dialog.supplier.currentText() == "Pastéis de Belém"
    assert dialog.supplier.currentData() == form.result_value.id


def test_the_dossier_lists_trips_and_their_figures(ctx, client, qtbot, monkeypatch):
    from studio.services.trips import lifecycle as trip_lifecycle
    from studio.services.trips import plan as trip_plan
    from studio.services.trips import reading as trip_reading
    from ui.views.dossier_view import DossierView

    t = trip_lifecycle.create_trip(
        ctx.studio, client.id, "Kyoto", start_date="2025-04-01", end_date="2025-04-02"
    )
    day = trip_reading.days(ctx.studio, t.current_version_id)[0]
    trip_plan.add_item(ctx.studio, day.id, "Ryokan", price="150000", currency="JPY")
    trip_lifecycle.update_trip(ctx.studio, t.id, status="completed")
    view = DossierView(ctx)
    qtbot.addWidget(view)
    view.resize(1024, 700)
    view.show()
    view.show_client(client.id)
    assert view.tabs.tabText(view.tabs.indexOf(view.trips)) == "Trips"
    assert view.trips.table.topLevelItemCount() == 1
    assert view.trips.table.topLevelItem(0).text(0) == "Kyoto"
    summary = view.trip_summary.text()
    assert "Spent: JPY 150,000" in summary and "Last trip: Kyoto" in summary

    # New trip for this client: the dialog comes with the client chosen, and the trip opens.
    def fill(dialog):
        assert dialog.client_id == client.id
        dialog.title_edit.setText("Lisbon")
        dialog.start_date.setText("2099-05-01")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr("ui.dialogs.trip_dialog.NewTripDialog.exec", fill)
    with qtbot.waitSignal(view.sig_open_trip) as opened:
        qtbot.mouseClick(view.trips.new_button, Qt.MouseButton.LeftButton)
    assert view.trips.table.topLevelItemCount() == 2
    with ctx.studio.read() as conn:
        ids = {r[0] for r in conn.exec_driver_sql("SELECT id FROM trip WHERE title = 'Lisbon'")}
    assert opened.args[0] in ids
    assert "Next departure: Lisbon" in view.trip_summary.text()


def test_add_person_shows_name_and_birth_date_refusals_together(ctx, client, qtbot):
    from ui.dialogs.person_dialog import PersonDialog

    dialog = PersonDialog(ctx, client.id)
    qtbot.addWidget(dialog)
    dialog.name.setText("")
    dialog.birth_date.setText("1990-02-31")
    dialog.submit()
    assert dialog.field("name").error.isVisibleTo(dialog)
    assert dialog.field("birth_date").error.isVisibleTo(dialog)
