"""The privacy actions in the File menu: export a client's data, erase a client, review prospects."""

from __future__ import annotations

import json
import zipfile

from studio.errors import NotFoundError
from studio.services import clients, queries


def test_export_clients_data_writes_the_zip_off_the_gui_thread(window, qtbot, seeded, tmp_path):
    cid = seeded.ids[1]
    window.client_list.select_client(cid)
    ui = window.privacy
    ui.update_actions()
    assert ui.export_action.isEnabled()
    target = tmp_path / "client.zip"
    ui.choose_export_path = lambda name: str(target)
    with qtbot.waitSignal(ui.sig_exported, timeout=20000) as blocker:
        ui.export_action.trigger()
    assert blocker.args == [str(target)]
    with zipfile.ZipFile(target) as z:
        assert json.loads(z.read("client.json"))["client_id"] == cid
    assert "Saved" in window.statusBar().currentMessage()


def test_erase_asks_twice_and_the_typed_name_must_match(window, qtbot, seeded):
    cid = seeded.ids[2]
    name = queries.get_dossier(seeded, cid).client.name
    window.client_list.select_client(cid)
    window.privacy.update_actions()
    assert window.privacy.erase_action.isEnabled()  # the laptop's advisor is the owner
    dialog = window.privacy.erase_client(cid)
    assert "erased on every laptop" in dialog.summary.text()
    assert not dialog.erase_button.isEnabled()
    dialog.name_edit.setText("someone else")
    assert not dialog.erase_button.isEnabled()
    dialog.name_edit.setText(name)
    assert dialog.erase_button.isEnabled()
    asked = []
    dialog.ask_again = lambda: asked.append(1) or False  # the second answer is "Cancel"
    dialog.erase_button.click()
    assert asked and queries.find_client(seeded, cid).id == cid and dialog.isVisible()
    dialog.ask_again = lambda: True
    with qtbot.waitSignal(dialog.sig_erased):
        dialog.erase_button.click()
    try:
        queries.find_client(seeded, cid)
        raise AssertionError("still there")
    except NotFoundError:
        pass
    qtbot.waitUntil(lambda: window.client_list.proxy.rowCount() == 29, timeout=3000)


def test_an_advisor_who_is_not_the_owner_cannot_erase(window, seeded):
    tom = clients.create_advisor(seeded, "Tom Not Owner")
    seeded.set_local_advisor(tom.id)
    window.client_list.select_client(seeded.ids[0])
    window.privacy.update_actions()
    assert not window.privacy.erase_action.isEnabled()
    assert "owner" in window.privacy.erase_action.toolTip()


def test_prospects_to_review_lists_and_sets_the_period(window, qtbot, seeded):
    dialog = window.privacy.review_prospects()
    assert "0 prospects" in dialog.summary.text()  # all were touched today
    dialog.years.setValue(7)
    from studio.services.privacy import consent

    assert consent.review_years(seeded) == 7
    dialog.close()


def test_a_full_disk_keeps_the_dialog_open_with_what_was_typed(ctx, qtbot, seeded, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.dialogs.client_dialog import NewClientDialog

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    dialog = NewClientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Typed Carefully")
    dialog.notes.setPlainText("a long note " * 400)
    from studio.services import clients as clients_service
    from studio.store import opening_checks

    def full(*_a, **_k):  # the core turns SQLite's "disk is full" into this (tests/core)
        raise opening_checks.DiskFullError(opening_checks.disk_full_sentence(seeded.data_dir))

    monkeypatch.setattr(clients_service, "create_client", full)
    dialog.accept()
    assert dialog.isVisible()
    assert shown and "full" in shown[0] and "restore" not in shown[0]
    assert dialog.name.text() == "Typed Carefully" and dialog.notes.toPlainText()
    assert queries.client_ids(seeded, queries.ClientFilter(text="Carefully")) == []
