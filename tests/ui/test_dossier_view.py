"""The dossier view, driven through its real widgets on a tiny studio."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio.services import clients, queries
from ui.context import AppContext
from ui.dialogs.interaction_dialog import InteractionDialog
from ui.views.dossier_view import TAB_HISTORY, TAB_TIMELINE, DossierView


@pytest.fixture
def tiny(studio):
    """Zoë referred 王小明 · Wang Xiaoming, a household of two with one phone."""
    zoe = clients.create_client(studio, "Zoë Martin", stage="active")
    wang = clients.create_client(
        studio, "Wang Xiaoming", native_name="王小明", kind="household", referred_by_id=zoe.id,
        people=[{"name": "Wang Xiaoming", "native_name": "王小明", "role": "primary"},
                {"name": "Li Na", "native_name": "李娜", "role": "partner"}],
        contacts=[{"kind": "phone", "value": "+8613800138000", "person": 0, "preferred": True}],
    )
    studio.zoe, studio.wang = zoe.id, wang.id
    return studio


@pytest.fixture
def view(tiny, qtbot):
    ctx = AppContext(tiny)
    v = DossierView(ctx)
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.show()
    v.show_client(tiny.wang)
    yield v
    ctx.bridge.close()


def _client(studio, cid):
    return queries.get_dossier(studio, cid).client


def test_empty_state_is_friendly(tiny, qtbot):
    ctx = AppContext(tiny)
    v = DossierView(ctx)
    qtbot.addWidget(v)
    v.show_client(None)
    assert v.current_client_id is None
    assert "No client chosen" in v._empty.text()
    assert not v.action_log_interaction.isEnabled()


def test_header_shows_native_and_romanized_name(view, tiny):
    assert view.current_client_id == tiny.wang
    assert view.title.text() == "王小明 · Wang Xiaoming"
    assert "Household" in view.subtitle.text()


def test_editing_a_field_saves_and_undo_restores_it(view, tiny, qtbot):
    ctx = view._ctx
    name = view.overview.name
    name.setText("Wang Xiao Ming")
    with qtbot.waitSignal(ctx.bridge.sig_changed):
        name.editingFinished.emit()
    assert _client(tiny, tiny.wang).name == "Wang Xiao Ming"
    assert view.title.text() == "王小明 · Wang Xiao Ming"
    with qtbot.waitSignal(ctx.bridge.sig_changed):
        ctx.undo_stack.undo()
    assert _client(tiny, tiny.wang).name == "Wang Xiaoming"
    assert name.text() == "Wang Xiaoming"
    ctx.undo_stack.redo()
    qtbot.waitUntil(lambda: name.text() == "Wang Xiao Ming")


def test_choosing_a_stage_saves_it(view, tiny):
    stage = view.overview.stage
    stage.setCurrentIndex(stage.findData("active"))
    stage.activated.emit(stage.currentIndex())
    assert _client(tiny, tiny.wang).stage == "active"
    assert "Active" in view.subtitle.text()


def test_refused_value_is_kept_with_the_message_under_the_field(view, tiny):
    name = view.overview.name
    name.setText("   ")
    name.editingFinished.emit()
    box = view.overview.field_box("name")
    assert box.has_error and "cannot be empty" in box.error.text()
    assert not box.error.isHidden()
    assert name.text() == "   "
    assert _client(tiny, tiny.wang).name == "Wang Xiaoming"
    assert view._ctx.undo_stack.count() == 0
    name.setText("Wang X.")
    name.editingFinished.emit()
    assert not box.has_error
    assert _client(tiny, tiny.wang).name == "Wang X."


def test_invalid_email_in_contact_dialog_keeps_text_and_writes_nothing(view, tiny, qtbot):
    before = len(queries.get_dossier(tiny, tiny.wang).contacts)
    dialog = view.add_contact()
    qtbot.waitExposed(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("email"))
    dialog.value.setText("wang@@example")
    dialog.submit()
    box = dialog.field("value")
    assert dialog.isVisible()
    assert "not a valid email address" in box.error.text()
    assert dialog.value.text() == "wang@@example"
    assert len(queries.get_dossier(tiny, tiny.wang).contacts) == before
    assert view._ctx.undo_stack.count() == 0
    dialog.value.setText("wang@example.com")
    with qtbot.waitSignal(dialog.accepted):
        dialog.submit()
    assert any(c.value == "wang@example.com" for c in queries.get_dossier(tiny, tiny.wang).contacts)


def test_phone_shown_formatted_among_key_contacts(view):
    assert "+86 138 0013 8000" in view.overview.contacts.text()


def test_complaint_is_open_until_resolved(view, tiny, qtbot):
    dialog = view.log_interaction()
    assert view.tabs.currentIndex() == TAB_TIMELINE
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.summary, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)  # 7th kind
    assert dialog.current_kind() == "complaint"
    dialog.summary.setText("Transfer was 40 minutes late")
    with qtbot.waitSignal(dialog.accepted):
        dialog.submit()
    tree = view.timeline.tree
    assert tree.topLevelItem(0).text(4) == "Open"
    assert "open complaint" in view.warning.text()
    assert view.timeline.resolve_action.isEnabled()
    resolve = view.resolve_complaint(view.timeline.current_interaction())
    resolve.submit()  # empty resolution is refused, dialog stays
    assert resolve.isVisible() and resolve.field("resolution").has_error
    resolve.resolution.setPlainText("Refunded the transfer and sent flowers")
    with qtbot.waitSignal(resolve.accepted):
        resolve.submit()
    assert tree.topLevelItem(0).text(4).startswith("Resolved")
    assert not view.timeline.resolve_action.isEnabled()
    assert view.warning.isHidden()
    assert queries.get_dossier(tiny, tiny.wang).open_complaints == []


def test_satisfaction_only_for_feedback(view, qtbot):
    dialog = view.log_interaction()
    assert not dialog.satisfaction.isVisibleTo(dialog)
    dialog.set_kind("feedback")
    assert dialog.satisfaction.isVisibleTo(dialog)
    dialog.close()


def test_history_lists_the_change(view, tiny, qtbot):
    view.overview.stage.setCurrentIndex(view.overview.stage.findData("dormant"))
    view.overview.stage.activated.emit(0)
    view.tabs.setCurrentIndex(TAB_HISTORY)
    model = view.history.proxy
    rows = [" | ".join(model.index(r, c).data() or "" for c in range(4)) for r in range(model.rowCount())]
    assert any("changed stage from “Prospect” to “Dormant”" in r and "Mei Lin" in r for r in rows)


def test_open_referrer_emits_sig_open_client(view, tiny, qtbot):
    href = view.overview.referrer.text().split('"')[1]
    with qtbot.waitSignal(view.sig_open_client) as blocker:
        view.overview.referrer.linkActivated.emit(href)
    assert blocker.args == [tiny.zoe]


def test_change_elsewhere_refreshes_only_the_shown_client(view, tiny, qtbot):
    ctx = view._ctx
    with qtbot.waitSignal(ctx.bridge.sig_changed):
        ctx.execute("log", lambda: clients.log_interaction(tiny, tiny.wang, "call", "Quick call"))
    assert view.timeline.tree.topLevelItemCount() == 1
    view.show_client(tiny.zoe)
    assert view.title.text() == "Zoë Martin"
    assert "王小明 · Wang Xiaoming" in view.overview.referrals.text()


def test_ctrl_l_opens_the_log_dialog(view, qtbot):
    view.tabs.setCurrentIndex(0)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClick(view.overview.name, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert view.tabs.currentIndex() == TAB_TIMELINE
    dialogs = [w for w in view.findChildren(InteractionDialog) if w.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].close()
