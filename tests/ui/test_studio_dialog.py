"""File → Studio details…: refusals under the field with the text kept, saved as one undoable
change, the window title naming the studio."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from studio.services import studio_profile as sp
from ui.dialogs.studio_dialog import StudioDialog


def _fill(dialog: StudioDialog, **values: str) -> None:
    for name, text in values.items():
        dialog.editors[name].setText(text)


def test_refusal_shows_under_the_field_and_keeps_the_text(ctx, qtbot):
    dialog = StudioDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.editors["name"].text() == "Travel Studio"
    _fill(dialog, name="Lotus Journeys", native_name="莲途旅行", emergency_phone="call us any time")
    dialog.submit()
    assert dialog.isVisible() and dialog.result() == 0
    box = dialog.field("emergency_phone")
    assert box.error.isVisible() and box.has_error
    assert box.error.text().startswith(
        "The 24 h emergency line “call us any time” is not a valid phone number"
    )
    assert not dialog.field("name").has_error
    assert dialog.editors["emergency_phone"].text() == "call us any time"
    assert dialog.editors["native_name"].text() == "莲途旅行"
    assert sp.profile(ctx.studio).name == "Travel Studio"  # nothing written
    assert ctx.undo_stack.count() == 0
    _fill(dialog, emergency_phone="+1 212 555 0199")
    with qtbot.waitSignal(ctx.bridge.sig_changed):
        dialog.submit()
    assert dialog.result() == StudioDialog.DialogCode.Accepted
    saved = sp.profile(ctx.studio)
    assert (saved.display_name, saved.emergency_phone) == (
        "Lotus Journeys 莲途旅行",
        "+12125550199",
    )
    assert ctx.undo_stack.undoText() == "Edit studio details"


def test_menu_saves_undo_restores_and_title_follows(window, ctx, qtbot):
    assert window.windowTitle() == "Travel Studio"
    assert window.studio_details_action.text().replace("&", "") == "Studio details…"

    def act():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StudioDialog):
            QTimer.singleShot(10, act)
            return
        _fill(
            dialog, name="Lotus Journeys", phone="+1 212 555 0142", email="hello@lotus.example.com"
        )
        dialog.buttons.accepted.emit()

    QTimer.singleShot(0, act)
    assert window.edit_studio_details()
    assert sp.profile(ctx.studio).phone == "+12125550142"
    qtbot.waitUntil(lambda: window.windowTitle() == "Lotus Journeys")  # the desktop adds the app
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.windowTitle() == "Travel Studio")
    assert sp.profile(ctx.studio) == sp.Profile()
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: sp.profile(ctx.studio).name == "Lotus Journeys")
    # the dialog opens on what is stored, phone numbers as people read them
    dialog = StudioDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.editors["phone"].text() == "+1 212-555-0142"
    assert dialog.editors["email"].text() == "hello@lotus.example.com"
