"""Sharing in the desktop app, against real folders and the real engine: share from the dialog,
join a second data directory through the first-run dialog, the background sync and its status,
the Sharing panel's laptops, and taking the other value of a collision as one undo step."""

from __future__ import annotations

import json
import stat

import pytest

from studio.domain.models import Client
from studio.services import clients, queries
from studio.store import Studio
from studio.sync import engine
from studio.sync.keys import KEYS_NAME, StudioKey
from ui.dialogs.first_run import FirstRunDialog
from ui.dialogs.share_dialog import ShareDialog
from ui.dialogs.sharing_dialog import SharingDialog
from ui.sync_controller import SyncController


def _share(ctx, qtbot, place) -> ShareDialog:
    dialog = ShareDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.place_form.set_folder(place)
    with qtbot.waitSignal(dialog.sig_shared, timeout=30_000):
        assert dialog.share() is not None
    return dialog


def _join(qtbot, data_dir, place, key_file, name="Tom Baker") -> tuple[Studio, FirstRunDialog]:
    studio = Studio.open(data_dir)
    dialog = FirstRunDialog(studio)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.join_radio.setChecked(True)
    dialog.encrypt_check.setChecked(False)
    dialog.name.setText(name)
    dialog.join_form.place_form.set_folder(place)
    dialog.join_form.key_file.setText(str(key_file))
    with qtbot.waitSignal(dialog.sig_join_finished, timeout=60_000):
        dialog.accept()
    return studio, dialog


@pytest.fixture
def make_controller(ctx):
    """Controllers made here are stopped and deleted on the GUI thread at the end: a QObject
    left to the garbage collector may be destroyed on a worker thread, and a file watcher
    destroyed there corrupts Qt's event dispatcher."""
    import shiboken6

    made = []

    def make(**kwargs) -> SyncController:
        made.append(SyncController(ctx, **kwargs))
        return made[-1]

    yield make
    for c in made:
        c.stop()
        shiboken6.delete(c)


@pytest.fixture
def shared(ctx, qtbot, tmp_path):
    """The seeded studio shared in ``tmp_path/shared``; its key saved to ``tmp_path/key.json``."""
    place = tmp_path / "shared"
    place.mkdir()
    dialog = _share(ctx, qtbot, place)
    key = tmp_path / "key.json"
    dialog.sheet.write_key_file(key)
    return place, key


def test_share_from_the_dialog_shows_the_recovery_sheet(ctx, qtbot, tmp_path):
    place = tmp_path / "shared"
    dialog = _share(ctx, qtbot, place)  # the folder is made when missing
    sheet = dialog.sheet
    assert sheet is not None and dialog.pages.currentWidget() is sheet
    assert (place / "membership.json").exists() and list((place / "journal").iterdir())
    assert engine.pending_records(ctx.studio) == 0
    key = StudioKey.from_json(json.loads(sheet.key_edit.toPlainText()), "sheet")
    assert sheet.code.text() == key.fingerprint() == engine.status(ctx.studio)["fingerprint"]
    assert not sheet.qr.pixmap().isNull() and sheet.qr.pixmap().width() > 100
    saved = sheet.write_key_file(tmp_path / "studio-key.json")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert StudioKey.read(saved) == key
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    pdf = sheet.write_pdf(tmp_path / "sheet.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert dialog.close_button.isDefault() and dialog.close_button.isVisible()


def test_share_refusal_is_one_sentence_and_writes_nothing(ctx, qtbot, tmp_path):
    dialog = ShareDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.place_form.set_folder(tmp_path / "no" / "such" / "folder")
    job = dialog.share()
    with qtbot.waitSignal(job.sig_finished, timeout=10_000):
        pass
    assert dialog.error.isVisible() and "Cannot create the shared folder" in dialog.error.text()
    assert not (ctx.studio.data_dir / KEYS_NAME).exists()
    assert dialog.pages.currentIndex() == 0


def test_join_a_second_laptop_through_the_first_run_dialog(ctx, shared, qtbot, tmp_path):
    place, key = shared
    studio_b, dialog = _join(qtbot, tmp_path / "b", place, key)
    try:
        assert dialog.result() == FirstRunDialog.DialogCode.Accepted
        assert studio_b.count(Client) == 30
        tom = [a for a in queries.advisors(studio_b) if a.name == "Tom Baker"]
        assert studio_b.advisor_id == tom[0].id  # the shared studio's advisor, not a new one
        assert (studio_b.data_dir / KEYS_NAME).exists()
    finally:
        studio_b.close()


def test_join_refusals_in_one_sentence_with_nothing_written(ctx, shared, qtbot, tmp_path):
    place, _key = shared
    other = tmp_path / "other-key.json"
    StudioKey.new("another-studio", bytes(32)).write(other)
    studio, dialog = _join(qtbot, tmp_path / "c", place, other)
    try:
        assert dialog.result() != FirstRunDialog.DialogCode.Accepted and dialog.isVisible()
        text = dialog.join_form.key_error.text()
        assert text == "This key is not the key of the studio shared there (another studio's key?)."
        assert not (studio.data_dir / KEYS_NAME).exists() and studio.advisor_id is None
        assert studio.is_empty()

        empty = tmp_path / "empty"
        empty.mkdir()
        dialog.join_form.place_form.set_folder(empty)
        dialog.join_form.key_file.setText(str(_key))
        with qtbot.waitSignal(dialog.sig_join_finished, timeout=10_000):
            dialog.accept()
        assert "holds no shared studio" in dialog.join_form.key_error.text()
        dialog.join_form.place_form.set_folder(tmp_path / "unplugged")
        with qtbot.waitSignal(dialog.sig_join_finished, timeout=10_000):
            dialog.accept()
        assert dialog.join_form.key_error.text().startswith("There is no folder")
        assert not (studio.data_dir / KEYS_NAME).exists() and studio.is_empty()
    finally:
        studio.close()


def test_controller_syncs_after_a_local_change_and_says_so(ctx, shared, qtbot, make_controller):
    controller = make_controller(debounce_ms=20)
    assert controller.state.shared and controller.status_text().startswith("Synced")
    cid = ctx.studio.ids[0]
    with qtbot.waitSignal(controller.sig_status, timeout=5000) as blocker:
        ctx.execute("Edit", lambda: clients.update_client(ctx.studio, cid, notes="Hello"))
    assert blocker.args[0] == "1 change waiting to go out"
    with qtbot.waitSignal(controller.sig_finished, timeout=30_000):
        pass  # the debounced sync
    assert controller.status_text() == "Synced just now"
    assert engine.pending_records(ctx.studio) == 0
    assert not controller.debounce.isActive()


def test_changes_from_another_laptop_do_not_start_another_sync(
    ctx, shared, qtbot, make_controller, tmp_path
):
    place, key = shared
    controller = make_controller(debounce_ms=20)
    studio_b, _dialog = _join(qtbot, tmp_path / "b", place, key)
    try:
        with qtbot.waitSignal(controller.sig_finished, timeout=30_000):
            controller.sync_now()  # admits B
        clients.create_client(studio_b, "Created on B")
        engine.sync(studio_b)
        with qtbot.waitSignal(ctx.bridge.sig_changed, timeout=30_000):
            controller.sync_now()
        with qtbot.waitSignal(controller.sig_finished, timeout=30_000):
            pass
        assert "Created on B" in {c.name for c in ctx.studio.session().exec(_all_clients())}
        assert not controller.debounce.isActive() and not controller.running
        assert controller.state.pending == 0
    finally:
        studio_b.close()


def test_history_says_which_laptop_a_change_came_from(
    ctx, shared, qtbot, make_controller, tmp_path
):
    from ui.widgets.history_panel import COL_WHO, HistoryModel

    place, key = shared
    controller = make_controller(debounce_ms=20)
    studio_b, _dialog = _join(qtbot, tmp_path / "b", place, key, name="Tom Baker")
    try:
        with qtbot.waitSignal(controller.sig_finished, timeout=30_000):
            controller.sync_now()  # admits B
        cid = queries.client_ids(ctx.studio)[0]
        engine.sync(studio_b)
        clients.update_client(studio_b, cid, notes="Edited on Tom's laptop")
        clients.update_client(ctx.studio, cid, tags=["edited-here"])
        engine.sync(studio_b)
        with qtbot.waitSignal(controller.sig_finished, timeout=30_000):
            controller.sync_now()
        model = HistoryModel()
        model.load(ctx.studio, cid)
        whos = [model.index(r, COL_WHO).data() for r in range(model.rowCount())]
        assert "Tom Baker · on their laptop" in whos  # the edit made on B
        assert "Mei Lin" in whos  # the edits made here name no laptop
    finally:
        studio_b.close()


def _all_clients():
    from sqlmodel import select

    return select(Client)


def test_panel_lists_two_laptops_and_takes_the_other_value_in_one_step(
    ctx, shared, qtbot, tmp_path, make_controller
):
    place, key = shared
    controller = make_controller(debounce_ms=60_000)
    studio_b, _dialog = _join(qtbot, tmp_path / "b", place, key)
    try:
        with qtbot.waitSignal(controller.sig_finished, timeout=30_000):
            controller.sync_now()  # admits B
        engine.sync(studio_b)
        cid = ctx.studio.ids[3]
        clients.update_client(ctx.studio, cid, notes="Written on A")
        clients.update_client(studio_b, cid, notes="Written on B")  # later: it wins
        engine.sync(studio_b)
        with qtbot.waitSignal(controller.sig_review_changed, timeout=30_000):
            controller.sync_now()
        assert queries.get_dossier(ctx.studio, cid).client.notes == "Written on B"

        panel = SharingDialog(ctx, controller)
        qtbot.addWidget(panel)
        panel.show()
        with qtbot.waitSignal(panel.sig_loaded, timeout=30_000):
            panel.load()
        assert panel.laptop_table.rowCount() == 2
        names = {panel.laptop_table.item(r, 0).text() for r in range(2)}
        assert any("(this laptop)" in n for n in names)
        assert panel.review_table.rowCount() == 1
        row = [panel.review_table.item(0, c).text() for c in range(4)]
        assert row[1] == "notes" and "Written on B" in row[2] and "Written on A" in row[3]
        assert "Mei Lin" in row[3] and "Tom Baker" in row[2]

        panel.review_table.selectRow(0)
        before = ctx.undo_stack.count()
        with qtbot.waitSignal(ctx.bridge.sig_changed, timeout=5000):
            assert panel.take_other_value()
        assert ctx.undo_stack.count() == before + 1
        assert queries.get_dossier(ctx.studio, cid).client.notes == "Written on A"
        assert panel.review_table.isHidden() and panel.review_empty.isVisibleTo(panel)
        ctx.undo_stack.undo()
        assert queries.get_dossier(ctx.studio, cid).client.notes == "Written on B"

        panel.laptop_table.selectRow([lap.this_laptop for lap in panel.laptops].index(False))
        panel.confirm_remove = lambda name: True
        with qtbot.waitSignal(panel.sig_removed, timeout=30_000):
            assert panel.remove_selected() is not None
        with qtbot.waitSignal(panel.sig_loaded, timeout=30_000):
            pass
        assert any("(removed)" in panel.laptop_table.item(r, 0).text() for r in range(2))
    finally:
        studio_b.close()


def test_status_names_offline_and_problems(ctx, shared, qtbot, make_controller):
    place, _key = shared
    controller = make_controller()
    place.rename(place.with_name("unplugged"))
    with qtbot.waitSignal(controller.sig_finished, timeout=30_000):
        controller.sync_now()
    assert controller.status_text() == "Offline — changes kept"
    controller.state.offline = None
    controller.state.names["dev1"] = "Zoë's laptop"
    from studio.sync.status import held

    controller.state.held = held(
        [
            {
                "device": "dev1",
                "reason": "written by a newer Travel Studio (schema 0099_x); update to see "
                "its 42 changes",
            }
        ]
    )
    assert controller.problems() == [
        "Zoë's laptop runs a newer Travel Studio; update to see its 42 changes"
    ]


def test_main_window_menu_shows_sharing_once_shared(window, ctx, shared):
    ui = window.sharing
    ui.shared()
    assert not ui.share_action.isVisible() and ui.panel_action.isVisible()
    assert ui.status_label.text().startswith("Synced")


def test_a_join_cancelled_before_its_fetch_takes_its_request_back(ctx, shared, tmp_path):
    from ui.dialogs.join_dialog import JoinCancelled, join_work

    place, key_file = shared
    asked = []

    def cancel() -> bool:  # Cancel pressed while the request was being written
        asked.append(True)
        return len(asked) > 1

    with Studio.open(tmp_path / "b") as studio:
        work = join_work(studio, str(place), StudioKey.read(key_file))
        with pytest.raises(JoinCancelled):
            work(lambda *_a: None, cancel)
        assert not (studio.data_dir / KEYS_NAME).exists()
    assert not list((place / "requests").iterdir())
    assert engine.sync(ctx.studio).admitted == []


def test_changes_to_review_come_from_the_studio_after_a_restart(
    ctx, shared, qtbot, make_controller
):
    from studio.sync import review

    cid = ctx.studio.ids[2]
    found = {
        "table": "client",
        "row_id": cid,
        "field": "notes",
        "kept": "Kept here",
        "kept_stamp": "1764000000000.00001.b",
        "kept_advisor": None,
        "lost": "The other laptop's",
        "lost_stamp": "1764000000000.00000.a",
        "lost_advisor": None,
    }
    with ctx.studio.engine.connect() as conn, conn.begin():  # what an earlier run's sync found
        review.record(conn, [found])
    controller = make_controller()  # the app starts again
    assert [c["key"] for c in controller.review()] == [review.key_of(found)]
    panel = SharingDialog(ctx, controller)
    qtbot.addWidget(panel)
    assert panel.review_table.rowCount() == 1
    panel.review_table.selectRow(0)
    with qtbot.waitSignal(controller.sig_review_changed, timeout=5000):
        panel.dismiss_selected()
    assert panel.review_table.isHidden()
    assert make_controller().review() == []  # and it stays settled


def test_the_panel_always_shows_each_laptops_clock(ctx, shared, qtbot, make_controller):
    from studio.sync.status import Laptop

    panel = SharingDialog(ctx, make_controller())
    qtbot.addWidget(panel)

    def lap(offset, held=None, this=False) -> Laptop:
        return Laptop("d", "Tom", this, False, 3, None, None, None, False, held, "", offset)

    assert panel.clock_text(lap(0, this=True))[0] == "this clock"
    assert panel.clock_text(lap(None))[0] == "—"
    assert panel.clock_text(lap(40))[0] == "in step"
    assert panel.clock_text(lap(190))[0] == "at least 3 min ahead"
    assert panel.clock_text(lap(-3 * 3600))[0] == "up to 3 h behind"
    assert panel.clock_text(lap(-4 * 86400))[0] == "up to 4 days behind"
    assert panel.clock_text(lap(190, held=62))[0] == "62 min ahead"  # held: what its stamps say
    assert "arrived" in panel.clock_text(lap(190))[1]
    with qtbot.waitSignal(panel.sig_loaded, timeout=30_000):
        panel.load()
    col = panel.laptop_table.horizontalHeaderItem(3).text()
    assert col == "Clock" and panel.laptop_table.item(0, 3).text() == "this clock"


def test_after_a_restart_the_webdav_password_is_asked_once(
    ctx, qtbot, tmp_path, monkeypatch, make_controller
):
    from fixtures.webdav_server import PASSWORD, USER, webdav_server

    from studio.sync import credentials
    from ui.widgets.share_widgets import PasswordDialog

    for name in (credentials.ENV_PASSWORD, credentials.ENV_PASSWORD_FILE, credentials.ENV_USER):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(credentials, "_session", {})
    (tmp_path / "dav").mkdir()
    with webdav_server(tmp_path / "dav") as port:
        place = f"webdav://{USER}@127.0.0.1:{port}/studio"
        credentials.use_for_session(place, PASSWORD)
        engine.create_share(ctx.studio, place, tmp_path / "key.json")
        monkeypatch.setattr(credentials, "_session", {})  # the app starts again: no password

        asked: list[str] = []
        controller = make_controller()
        controller.password_prompt = lambda p: asked.append(p) or None  # declined
        assert controller.sync_now() is None and asked == [place]
        assert "password is needed" in controller.status_text()
        assert controller.sync_now() is None and len(asked) == 1  # background: asked once
        controller.password_prompt = lambda p: asked.append(p) or (PASSWORD, False)
        with qtbot.waitSignal(controller.sig_finished, timeout=30_000) as done:
            job = controller.sync_now(ask=True)  # F5 asks again
            assert job is not None and len(asked) == 2
        assert done.args[0].error is None and controller.state.last_at is not None
        with qtbot.waitSignal(controller.sig_finished, timeout=30_000):
            assert controller.sync_now() is not None  # known for the rest of the run
        assert len(asked) == 2

    monkeypatch.setattr(credentials, "keychain_available", lambda: False)
    dialog = PasswordDialog(place)  # the dialog itself: masked, and without a keychain
    qtbot.addWidget(dialog)
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert dialog.remember.isHidden()
    monkeypatch.setattr(credentials, "keychain_available", lambda: True)
    with_keychain = PasswordDialog(place)
    qtbot.addWidget(with_keychain)
    with_keychain.password.setText("typed")
    with_keychain.remember.setChecked(True)
    assert not with_keychain.remember.isHidden() and with_keychain.answer() == ("typed", True)
