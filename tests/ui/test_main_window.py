"""The main window driven through its real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from studio.domain.models import Client, ContactPoint
from studio.services import queries
from ui.dialogs.client_dialog import NewClientDialog
from ui.main_window import AREA_CLIENTS, AREA_DELETED, MainWindow


def live_count(studio) -> int:
    return studio.count(Client)


def row_count(window) -> int:
    return window.client_list.proxy.rowCount()


def test_start_up_queries_the_list_once_and_reads_only_visible_pages(window):
    assert window.client_list.model.id_queries == 1
    assert window.deleted_view.model.id_queries == 1
    assert window.client_list.model.pages_fetched <= 1


def test_search_box_narrows_the_list(window, qtbot):
    assert row_count(window) == 30
    window.find_action.trigger()
    assert (
        window.client_list.search.hasFocus()
        or QApplication.focusWidget() is window.client_list.search
    )
    qtbot.keyClicks(window.client_list.search, "zoe")
    qtbot.waitUntil(lambda: row_count(window) == 5, timeout=2000)
    assert window.client_list.count_label.text() == "5 clients"
    window.client_list.search.clear()
    qtbot.waitUntil(lambda: row_count(window) == 30, timeout=2000)
    window.client_list.search.insert("陈杰")  # QTest cannot type CJK; an input method inserts it
    qtbot.waitUntil(lambda: row_count(window) == 5, timeout=2000)


def test_filter_boxes(window, qtbot):
    lst = window.client_list
    lst.stage_box.setCurrentIndex(lst.stage_box.findData("repeat"))
    assert row_count(window) == 10
    assert lst.tag_box.count() == 1  # tags are collected when the box is opened
    lst.tag_box.showPopup()
    lst.tag_box.hidePopup()
    assert lst.tag_box.findData("vip") > 0 and lst.tag_box.findData("honeymoon") > 0
    lst.tag_box.setCurrentIndex(lst.tag_box.findData("vip"))
    assert row_count(window) == 2  # repeat (i % 3 == 2) and vip (i % 5 == 0): 5, 20
    lst.clear_filters()
    assert row_count(window) == 30


def test_selecting_a_row_shows_the_dossier(window, qtbot, seeded):
    with qtbot.waitSignal(window.client_list.sig_current_changed) as blocker:
        window.client_list.select_client(seeded.ids[3])
    assert blocker.args == [seeded.ids[3]]
    if hasattr(window.dossier, "current_client_id"):
        assert window.dossier.current_client_id == seeded.ids[3]


def test_shortcuts(window):
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert QKeySequence("Ctrl+Shift+Z") in window.redo_action.shortcuts()


def _fill_new_client(qtbot, name: str, native: str = "", email: str = "") -> NewClientDialog:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NewClientDialog)
    qtbot.keyClicks(dialog.name, name)
    if native:
        dialog.native_name.setText(native)
    if email:
        qtbot.keyClicks(dialog.email, email)
    return dialog


def test_create_client_through_the_dialog_and_undo_redo(window, qtbot, seeded):
    def fill():
        dialog = _fill_new_client(qtbot, "Aaron Abbott", "亚伦", "aaron@example.com")
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
            Qt.MouseButton.LeftButton,
        )

    QTimer.singleShot(0, fill)
    new_id = window.new_client()
    assert new_id is not None
    assert live_count(seeded) == 31
    dossier = queries.get_dossier(seeded, new_id)
    assert dossier.client.native_name == "亚伦"
    assert [c.value for c in dossier.contacts] == ["aaron@example.com"]
    assert window.client_list.current_client_id == new_id  # the new client is selected
    assert row_count(window) == 31

    assert window.undo_action.isEnabled() and "Aaron Abbott" in window.undo_action.text()
    window.undo_action.trigger()
    assert live_count(seeded) == 30 and row_count(window) == 30
    window.redo_action.trigger()
    assert live_count(seeded) == 31 and row_count(window) == 31


def test_refused_values_show_beside_the_field_and_keep_the_input(ctx, qtbot, seeded):
    dialog = NewClientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.native_name.setText("王小红")
    dialog.tags.setText("family, food")
    dialog.accept()  # no name
    assert dialog.isVisible()
    assert "cannot be empty" in dialog.error_for("name")
    assert dialog.native_name.text() == "王小红" and dialog.tags.text() == "family, food"
    dialog.name.setText("Wang Xiaohong")
    dialog.email.setText("not-an-email")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error_for("name") == ""
    assert "not a valid email" in dialog.error_for("email")
    assert dialog.email.text() == "not-an-email"
    assert live_count(seeded) == 30  # nothing half-written
    assert ctx.undo_stack.count() == 0
    dialog.email.setText("xiaohong@example.com")
    dialog.accept()
    assert not dialog.isVisible() and dialog.client_id
    assert live_count(seeded) == 31


def test_delete_restore_and_undo_delete(window, qtbot, seeded):
    victim = seeded.ids[7]
    window.client_list.select_client(victim)
    assert window.delete_action.isEnabled()
    window.delete_action.trigger()
    with seeded.session() as s:
        assert s.get(Client, victim).deleted_at is not None
    assert live_count(seeded) == 29 and row_count(window) == 29
    assert window.client_list.current_client_id not in (None, victim)  # the next one is current

    assert window.nav.item(window._areas.index(AREA_DELETED)).text() == "Recently deleted (1)"
    window.show_area(AREA_DELETED)
    deleted = window.deleted_view
    assert deleted.proxy.rowCount() == 1 and deleted.proxy.client_id(0) == victim
    deleted.table.selectRow(0)
    assert deleted.restore_button.isEnabled()
    with qtbot.waitSignal(deleted.sig_restored):
        qtbot.mouseClick(deleted.restore_button, Qt.MouseButton.LeftButton)
    assert live_count(seeded) == 30 and row_count(window) == 30
    assert deleted.proxy.rowCount() == 0

    window.show_area(AREA_CLIENTS)
    window.delete_client(victim)
    assert live_count(seeded) == 29
    window.undo_action.trigger()  # undo the delete
    assert live_count(seeded) == 30 and window.client_list.proxy.row_of(victim) >= 0
    window.undo_action.trigger()  # undo the restore
    assert live_count(seeded) == 29


def test_cancelled_delete_changes_nothing(window, seeded, monkeypatch):
    monkeypatch.setattr(window, "confirm_delete", lambda name: False)
    window.client_list.select_client(seeded.ids[0])
    assert not window.delete_client(seeded.ids[0])
    assert live_count(seeded) == 30 and window.ctx.undo_stack.count() == 0


def test_changes_from_elsewhere_reach_the_list(window, seeded, ctx):
    from studio.services import clients

    ctx.execute("edit", lambda: clients.update_client(seeded, seeded.ids[1], stage="lost"))
    row = window.client_list.model.row_of(seeded.ids[1])
    assert window.client_list.model.index(row, 1).data() == "Lost"
    ctx.execute(
        "contact", lambda: clients.add_contact(seeded, seeded.ids[1], "email", "z@example.com")
    )
    assert seeded.count(ContactPoint) == 1


def test_layout_is_remembered(ctx, settings, qtbot):
    first = MainWindow(ctx, settings=settings)
    qtbot.addWidget(first)
    first.resize(700, 500)  # inside the offscreen screen (800x600)
    first.show()
    first.show_area(AREA_CLIENTS)  # the agenda is the first screen; lay the clients out
    first.splitter.setSizes([300, 700])
    first.show_area(AREA_DELETED)
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(ctx, settings=settings)
    qtbot.addWidget(second)
    second.show()
    assert second.size().width() == 700
    assert second.current_area() == AREA_DELETED
    second.show_area(AREA_CLIENTS)
    qtbot.waitUntil(lambda: second.splitter.sizes() == sizes, timeout=2000)
