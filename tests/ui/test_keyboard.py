"""The keyboard: Undo/Redo keys (also on X11's bindings, where the platform's Redo is
Ctrl+Shift+Z), Ctrl+Z in a field just saved, Tab out of tables, F6 between panes, the View menu
in sidebar order, every window shortcut in a menu, and the Help sheet read from the actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from studio.services import clients
from ui import main_window as mw
from ui.dialogs.shortcuts_dialog import ShortcutsDialog, shortcuts


def _rename_first(window, seeded, name="Renamed Client"):
    cid = seeded.ids[0]
    window.ctx.execute("Rename", lambda: clients.update_client(seeded, cid, name=name))
    return cid


def _name(seeded, cid) -> str:
    with seeded.read() as conn:
        return conn.exec_driver_sql("SELECT name FROM client WHERE id = ?", (cid,)).scalar()


def _keys(seqs) -> list[str]:
    return [k.toString(QKeySequence.SequenceFormat.PortableText) for k in seqs]


def test_redo_keys_have_no_duplicates_on_x11_bindings(monkeypatch):
    """On xcb the platform's Redo is Ctrl+Shift+Z: registered twice, the shortcut is ambiguous."""
    x11 = [QKeySequence("Ctrl+Shift+Z")]
    monkeypatch.setattr(mw.QKeySequence, "keyBindings", staticmethod(lambda key: list(x11)))
    keys = _keys(mw.redo_shortcuts())
    assert len(keys) == len(set(keys))
    assert set(keys) == {"Ctrl+Y", "Ctrl+Shift+Z"}


def test_redo_keys_on_this_platform(window):
    keys = _keys(window.redo_action.shortcuts())
    assert len(keys) == len(set(keys)), keys
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= set(keys)


def test_ctrl_y_and_ctrl_shift_z_both_redo(window, qtbot, seeded):
    cid = _rename_first(window, seeded)
    window.client_list.table.setFocus()
    for redo_key in ("Ctrl+Y", "Ctrl+Shift+Z"):
        qtbot.keyClick(window.client_list.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert _name(seeded, cid) != "Renamed Client"
        seq = QKeySequence(redo_key)[0]
        qtbot.keyClick(window.client_list.table, seq.key(), seq.keyboardModifiers())
        assert _name(seeded, cid) == "Renamed Client", redo_key


def test_ctrl_z_in_a_field_just_saved_undoes_the_save(window, qtbot, seeded):
    cid = _rename_first(window, seeded)
    field = QLineEdit(window.dossier)  # a field whose value was just saved and shown again
    field.setText("Renamed Client")
    field.show()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _name(seeded, cid) != "Renamed Client"
    # with typing of its own, the field undoes that typing first and the studio keeps its change
    qtbot.keyClick(window.client_list.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _name(seeded, cid) == "Renamed Client"
    field.setFocus()
    qtbot.keyClicks(field, "abc")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _name(seeded, cid) == "Renamed Client"
    assert field.text() != "Renamed Clientabc"


def test_tab_leaves_the_client_table(window, qtbot):
    window.show_area(mw.AREA_CLIENTS)
    table = window.client_list.table
    assert not table.tabKeyNavigation()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    row = table.currentIndex().row()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()
    assert table.currentIndex().row() == row


def test_tab_leaves_the_trips_table(window, qtbot):
    window.show_area(mw.AREA_TRIPS)
    table = window.trips_view.table
    assert not table.tabKeyNavigation()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()


def test_f6_and_ctrl_tab_cycle_the_panes(window, qtbot):
    window.show_area(mw.AREA_CLIENTS)
    panes = window.panes()
    assert panes[0] is window.nav and len(panes) == 3
    window.nav.setFocus()
    qtbot.waitUntil(window.nav.hasFocus)
    qtbot.keyClick(window.nav, Qt.Key.Key_F6)
    focus = QApplication.focusWidget()
    assert panes[1].isAncestorOf(focus) or focus is panes[1]
    qtbot.keyClick(focus, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    focus = QApplication.focusWidget()
    assert panes[2].isAncestorOf(focus)
    qtbot.keyClick(focus, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.nav
    qtbot.keyClick(window.nav, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert panes[2].isAncestorOf(QApplication.focusWidget())


def test_view_menu_lists_every_area_in_sidebar_order(window, qtbot):
    area_actions = [a for a in window.view_menu.actions() if a.objectName().startswith("viewArea_")]
    sidebar = [window.nav.item(i).text().split(" (")[0] for i in range(window.nav.count())]
    assert [a.text().replace("&", "") for a in area_actions] == sidebar
    assert "Agenda" in sidebar
    for place, action in enumerate(area_actions, start=1):
        assert action.shortcut() == QKeySequence(f"Ctrl+{place}")
        action.trigger()
        assert window.nav.currentRow() == place - 1


def test_an_area_added_later_gets_its_view_action(window):
    from PySide6.QtWidgets import QLabel

    window._add_area("extra", "Extra", QLabel("x"), "studio")
    action = window.view_menu.actions()[
        window.view_menu.actions().index(window._view_areas_end) - 1
    ]
    assert action.text() == "Extra"
    assert action.shortcut() == QKeySequence(f"Ctrl+{len(window.areas)}")


def _menu_keys(window) -> set[str]:
    return {key for s in shortcuts(window) if not s.group.startswith("In ") for key in s.keys}


def test_every_window_shortcut_is_in_a_menu(window):
    _ = window.trips_view
    menu_keys = {
        QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in _menu_keys(window)
    }
    for key in ("Ctrl+B", "Ctrl+L", "Ctrl+P", "Ctrl+1", "Ctrl+4", "F6"):
        assert QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) in menu_keys
    for action in window.findChildren(QAction):
        if action.shortcutContext() not in (
            Qt.ShortcutContext.WindowShortcut,
            Qt.ShortcutContext.ApplicationShortcut,
        ):
            continue  # a list's or a panel's own key (Delete, F2…): on the sheet's last part
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.NativeText)
            assert text in menu_keys, f"{action.text()!r} ({text}) is in no menu"


def test_shortcuts_sheet_is_read_from_the_actions(window, qtbot):
    dialog = ShortcutsDialog(window, window)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    undo = window.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert undo in text and "Undo" in text
    assert "Keyboard shortcuts" in text and "Build memory book" in text
    # an action added to a menu later appears on the next sheet
    extra = QAction("Frobnicate", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+F"))
    window.view_menu.addAction(extra)
    assert any(s.text == "Frobnicate" for s in shortcuts(window))


def test_guide_opens_from_help(window, qtbot, monkeypatch):
    from ui.dialogs import guide_dialog

    shown = []
    monkeypatch.setattr(guide_dialog.GuideDialog, "exec", lambda self: shown.append(self.text))
    window.guide_action.trigger()
    assert shown and "Agenda" in shown[0] and "Ctrl+Z" in shown[0]


def test_tab_order_in_the_dossier_follows_the_reading_order(window, qtbot, seeded):
    from PySide6.QtCore import QPoint

    from ui.widgets.focus_order import takes_tab_focus

    window.show_area(mw.AREA_CLIENTS)
    window.client_list.select_client(seeded.ids[2])
    order = window.order_dossier()
    assert len(order) > 3
    dossier = window.dossier
    start = order[0]
    chain, w = [start], start.nextInFocusChain()
    while w is not start and len(chain) < 2000:
        if dossier.isAncestorOf(w) and takes_tab_focus(w) and w.focusProxy() is None:
            chain.append(w)
        w = w.nextInFocusChain()
    assert chain == order
    tops = [w.mapTo(dossier, QPoint(0, 0)).y() for w in chain]
    # rows never go back up by more than a row's half height
    assert all(b >= a - 12 for a, b in zip(tops, tops[1:], strict=False)), str(
        [(t, type(w).__name__, w.height()) for t, w in zip(tops, chain, strict=False)]
    )


def test_sidebar_icons_come_from_the_svg_set_in_both_palettes(window, qapp):
    from PySide6.QtGui import QColor, QPalette

    from ui.widgets.icons import area_icon, icon_names

    assert {"agenda", "clients", "trips", "deleted", "studio"} <= set(icon_names())
    assert [a.icon for a in window.areas if a.key != "studio"] == [
        "agenda",
        "clients",
        "trips",
        "deleted",
    ]
    light, dark = QPalette(QColor("#f0f0f0")), QPalette(QColor("#202020"))

    def ink(palette):
        image = area_icon("clients", palette).pixmap(24, 24).toImage()
        dots = [
            image.pixelColor(x, y)
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y).alpha() > 200
        ]
        assert dots, "the icon draws nothing"
        return sum(c.lightness() for c in dots) / len(dots)

    assert ink(light) < 100 < ink(dark)  # dark ink on light, light ink on dark
