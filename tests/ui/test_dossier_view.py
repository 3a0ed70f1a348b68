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
        studio,
        "Wang Xiaoming",
        native_name="王小明",
        kind="household",
        referred_by_id=zoe.id,
        people=[
            {"name": "Wang Xiaoming", "native_name": "王小明", "role": "primary"},
            {"name": "Li Na", "native_name": "李娜", "role": "partner"},
        ],
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


def test_empty_state_of_an_empty_studio_says_how_to_start(studio, qtbot):
    ctx = AppContext(studio)
    v = DossierView(ctx)
    qtbot.addWidget(v)
    assert "No clients yet" in v._empty.text() and "Ctrl+N" in v._empty.text()


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
    rows = [
        " | ".join(model.index(r, c).data() or "" for c in range(4))
        for r in range(model.rowCount())
    ]
    assert any("stage from *Prospect* to *Dormant*" in r and "Mei Lin" in r for r in rows)


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


def test_add_and_edit_person_then_undo(view, tiny, qtbot):
    ctx = view._ctx
    dialog = view.add_person()
    dialog.name.setText("Wang Lele")
    dialog.native_name.setText("王乐乐")
    dialog.role.setCurrentIndex(dialog.role.findData("child"))
    dialog.birth_date.setText("2099-01-01")
    dialog.submit()
    assert dialog.isVisible() and "future" in dialog.field("birth_date").error.text()
    dialog.birth_date.setText("2015-06-01")
    with qtbot.waitSignal(dialog.accepted):
        dialog.submit()
    names = [view.people.people.item(i).text() for i in range(view.people.people.count())]
    assert "王乐乐 · Wang Lele (Child)" in names
    assert view.people.heading.text() == "王乐乐 · Wang Lele"  # the new person is selected
    ctx.undo_stack.undo()
    names = [view.people.people.item(i).text() for i in range(view.people.people.count())]
    assert not any("Lele" in n for n in names)


def test_dates_without_a_year_and_delete(view, tiny, qtbot):
    person = queries.get_dossier(tiny, tiny.wang).people[0].person
    view.people.select_person(person.id)
    dialog = view.add_date(person)
    dialog.kind.setCurrentIndex(dialog.kind.findData("wedding"))
    dialog.month.setCurrentIndex(1)  # February
    dialog.day.setValue(30)
    dialog.submit()
    assert dialog.isVisible() and "does not exist" in dialog.field("date").error.text()
    dialog.day.setValue(29)  # fine without a year: it recurs in leap years
    with qtbot.waitSignal(dialog.accepted):
        dialog.submit()
    table = view.people.dates
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == "Wedding anniversary"
    assert "29" in table.item(0, 1).text() and "," not in table.item(0, 1).text()
    table.selectRow(0)
    view.people._delete_date()
    assert table.rowCount() == 0


def test_delete_contact_and_undo(view, tiny):
    person = queries.get_dossier(tiny, tiny.wang).people[0].person
    view.people.select_person(person.id)
    table = view.people.contacts
    assert table.rowCount() == 1 and table.item(0, 1).text() == "+86 138 0013 8000"
    table.selectRow(0)
    view.people._delete_contact()
    assert table.rowCount() == 0
    assert "No contacts yet" in view.overview.contacts.text()
    view._ctx.undo_stack.undo()
    assert table.rowCount() == 1


def test_edit_contact_refuses_bad_phone(view, tiny, qtbot):
    cp = queries.get_dossier(tiny, tiny.wang).contacts[0]
    dialog = view.edit_contact(cp)
    assert dialog.value.text() == "+8613800138000"
    dialog.value.setText("12")
    dialog.submit()
    assert dialog.isVisible() and "phone number" in dialog.field("value").error.text()
    assert queries.get_dossier(tiny, tiny.wang).contacts[0].value == "+8613800138000"
    dialog.value.setText("+44 20 7946 0958")
    with qtbot.waitSignal(dialog.accepted):
        dialog.submit()
    assert "+44 20 7946 0958" in view.overview.contacts.text()


def test_record_consent(view, tiny, qtbot):
    assert "not asked yet" in view.overview.consent.text()
    dialog = view.record_consent()
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("marketing"))
    dialog.declined.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        dialog.submit()
    assert "News and offers: declined" in view.overview.consent.text()


def test_choose_and_clear_referrer(view, tiny, qtbot):
    other = clients.create_client(tiny, "José Álvarez")
    picker = view.choose_referrer()
    picker.search.setText("José")
    assert picker.results.count() == 1 and picker.chosen_id() == other.id
    with qtbot.waitSignal(picker.accepted):
        picker.accept()
    assert _client(tiny, tiny.wang).referred_by_id == other.id
    assert "José Álvarez" in view.overview.referrer.text()
    view.overview.clear_referrer.click()
    assert _client(tiny, tiny.wang).referred_by_id is None
    assert "Nobody" in view.overview.referrer.text()


def test_referral_link_opens_that_client(view, tiny, qtbot):
    view.show_client(tiny.zoe)
    href = view.overview.referrals.text().split('"')[1]
    with qtbot.waitSignal(view.sig_open_client) as blocker:
        view.overview.referrals.linkActivated.emit(href)
    assert blocker.args == [tiny.wang]


def test_tags_saved_from_the_overview(view, tiny):
    view.overview.tags.setText("VIP，美食, slow travel")
    view.overview.tags.editingFinished.emit()
    assert queries.get_dossier(tiny, tiny.wang).tags == ["VIP", "美食", "slow travel"]
    assert view.overview.tags.text() == "VIP, 美食, slow travel"


def test_history_groups_a_created_row_and_shows_deletes(view, tiny):
    ctx = view._ctx
    cp = queries.get_dossier(tiny, tiny.wang).contacts[0]
    ctx.execute("del", lambda: clients.delete_row(tiny, type(cp), cp.id))
    view.tabs.setCurrentIndex(TAB_HISTORY)
    model = view.history.model
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert rows[0][2] == "Contact: Phone +86 138 0013 8000"
    assert rows[0][3].startswith("deleted the Phone +86 138 0013 8000")
    added = [r for r in rows if r[2] == "Person: 李娜 · Li Na"]
    assert len(added) == 1 and added[0][3].startswith("added 李娜 · Li Na to ")


def test_error_colour_follows_the_palette(view, qtbot):
    from PySide6.QtGui import QColor, QPalette

    from ui.widgets.field_editors import error_color

    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#f5f5f5"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    assert error_color(light).lightnessF() < 0.5 < error_color(dark).lightnessF()
    label = view.overview.field_box("name").error
    view.setPalette(dark)
    assert label.palette().color(QPalette.ColorRole.WindowText) == error_color(dark)


def test_overview_stacks_when_narrow(view, qtbot):
    from PySide6.QtWidgets import QBoxLayout

    view.resize(500, 700)
    qtbot.waitUntil(lambda: view.overview._columns.direction() == QBoxLayout.Direction.TopToBottom)
    view.resize(1100, 700)
    qtbot.waitUntil(lambda: view.overview._columns.direction() == QBoxLayout.Direction.LeftToRight)


def test_edit_a_timeline_entry_keeps_its_time(view, tiny, qtbot):
    ctx = view._ctx
    ctx.execute(
        "log",
        lambda: clients.log_interaction(
            tiny, tiny.wang, "call", "Cal about Kyoto", occurred_at="2026-03-01T10:15"
        ),
    )
    item = view.timeline.current_interaction()
    dialog = view.edit_interaction(item)
    assert dialog.summary.text() == "Cal about Kyoto" and dialog.current_kind() == "call"
    dialog.summary.setText("Call about Kyoto")
    dialog.set_kind("feedback")
    dialog.satisfaction.setValue(80)
    with qtbot.waitSignal(dialog.accepted):
        dialog.submit()
    it = queries.get_dossier(tiny, tiny.wang).interactions[0]
    assert (it.summary, it.kind, it.satisfaction, it.occurred_at) == (
        "Call about Kyoto",
        "feedback",
        80,
        "2026-03-01T10:15",
    )
    assert view.timeline.tree.topLevelItem(0).text(4) == "Satisfaction 80/100"


def test_timeline_filter_shows_open_complaints_only(view, tiny):
    ctx = view._ctx
    ctx.execute("log", lambda: clients.log_interaction(tiny, tiny.wang, "call", "Hello"))
    ctx.execute(
        "log", lambda: clients.log_interaction(tiny, tiny.wang, "complaint", "Late transfer")
    )
    tl = view.timeline
    tl.kind_filter.setCurrentIndex(tl.kind_filter.findData("open"))
    shown = [
        tl.tree.topLevelItem(i).text(3)
        for i in range(tl.tree.topLevelItemCount())
        if not tl.tree.topLevelItem(i).isHidden()
    ]
    assert shown == ["Late transfer"]
    assert tl.current_interaction().summary == "Late transfer"


def test_typing_with_focus_then_undo_updates_the_focused_field(view, tiny, qtbot):
    ctx = view._ctx
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    tags = view.overview.tags
    tags.setFocus()
    qtbot.waitUntil(tags.hasFocus)
    tags.selectAll()
    qtbot.keyClicks(tags, "VIP,food")  # (QTest can only type ASCII)
    with qtbot.waitSignal(ctx.bridge.sig_changed):
        qtbot.keyClick(tags, Qt.Key.Key_Return)
    assert tags.hasFocus() and tags.text() == "VIP, food"  # shown as stored
    ctx.undo_stack.undo()
    assert tags.text() == ""


@pytest.mark.parametrize("tab", [0, 1, 2])
def test_mnemonics_are_unique_and_leave_the_menu_letters_alone(view, tab):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    page = view.tabs.widget(tab)
    texts = [w.text() for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton)]
    texts += [a.text() for a in page.findChildren(type(view.action_log_interaction))]
    letters = []
    for text in texts:
        i = text.replace("&&", "").find("&")
        if i >= 0 and i + 1 < len(text):
            letters.append(text.replace("&&", "")[i + 1].lower())
    assert len(letters) == len(set(letters)), letters
    assert not set(letters) & set("fevh"), letters


def test_a_deleted_client_says_so_and_none_shows_the_empty_state(view, tiny, qtbot):
    ctx = view._ctx
    with qtbot.waitSignal(ctx.bridge.sig_changed):
        ctx.execute("delete", lambda: clients.delete_client(tiny, tiny.wang))
    assert "Recently deleted" in view.warning.text()
    ctx.undo_stack.undo()
    assert "Recently deleted" not in view.warning.text()
    view.show_client(None)
    assert view.current_client_id is None and view._stack.currentWidget() is view._empty


def test_timeline_detail_names_the_person(view, tiny, qtbot):
    li_na = queries.get_dossier(tiny, tiny.wang).people[1].person
    dialog = view.log_interaction("meeting")
    dialog.person.setCurrentIndex(dialog.person.findData(li_na.id))
    dialog.summary.setText("Tea at the studio")
    with qtbot.waitSignal(dialog.accepted):
        dialog.submit()
    assert queries.get_dossier(tiny, tiny.wang).interactions[0].person_id == li_na.id
    assert "with 李娜 · Li Na" in view.timeline.detail.toPlainText()
