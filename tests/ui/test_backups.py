"""File › Backups…, the passphrase at start, encryption at first run and from the File menu."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from studio import paths
from studio.domain.models import Client
from studio.store import Studio, backup, crypto, keystore
from ui.dialogs.backups_dialog import COL_KIND, BackupsDialog
from ui.dialogs.passphrase_dialog import PassphraseDialog, open_studio

PASS = "a long studio passphrase"


def test_back_up_now_lists_it_and_restore_brings_it_back(ctx, qtbot, monkeypatch):
    dialog = BackupsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and "no backup yet" in dialog.summary.text()
    with qtbot.waitSignal(dialog.sig_job_finished, timeout=30_000) as got:
        dialog.back_up()
    assert got.args[0].error is None
    assert dialog.table.rowCount() == 1 and "Made by hand" in dialog.table.item(0, COL_KIND).text()
    assert "was made less than a minute ago" in dialog.summary.text()
    before = ctx.studio.count(Client)
    from studio.services import clients

    clients.create_client(ctx.studio, name="After The Backup")
    assert ctx.studio.count(Client) == before + 1

    asked = {}

    def yes(parent, title, text, *args, **kwargs):
        asked["text"] = text
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    with (
        qtbot.waitSignal(ctx.bridge.sig_changed, timeout=30_000),
        qtbot.waitSignal(dialog.sig_job_finished, timeout=30_000) as got,
    ):
        dialog._confirm_restore()
    assert got.args[0].error is None, got.args[0].error
    assert "kept aside" in asked["text"]
    assert ctx.studio.count(Client) == before
    assert "kept in" in dialog.status.text()
    kinds = [b.kind for b in backup.list_backups(backup.backup_dir(ctx.studio.data_dir))]
    assert sorted(kinds) == ["before-restore", "manual"]


def test_back_up_to_a_folder(ctx, qtbot, tmp_path):
    dialog = BackupsDialog(ctx)
    qtbot.addWidget(dialog)
    usb = tmp_path / "usb"
    usb.mkdir()
    with qtbot.waitSignal(dialog.sig_job_finished, timeout=30_000) as got:
        dialog.back_up(usb)
    assert got.args[0].error is None and "checked" in dialog.status.text()
    assert [p.suffix for p in usb.iterdir()] == [".sqlite3"]


def test_the_file_menu_has_backups_and_encrypt(window, qtbot):
    security = window.security
    assert security.backups_action.shortcut().toString() == "Ctrl+Shift+B"
    assert security.encrypt_action.isVisible() and not security.passphrase_action.isVisible()
    assert "younger than a week" in security.notice.text()  # no backup yet
    with qtbot.waitSignal(security.sig_auto_backup_finished, timeout=30_000) as got:
        assert security.auto_backup() is not None
    assert got.args[0].error is None and got.args[0].result is not None
    assert security.notice.text() == ""
    with qtbot.waitSignal(security.sig_auto_backup_finished, timeout=30_000) as got:
        security.auto_backup()
    assert got.args[0].result is None  # once a day


def test_encrypting_from_the_file_menu(window, qtbot, monkeypatch):
    from ui.dialogs import passphrase_dialog

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(passphrase_dialog, "ask_new_passphrase", lambda parent, msg="": PASS)
    security = window.security
    with qtbot.waitSignal(security.sig_encrypt_finished, timeout=60_000) as got:
        assert security.encrypt() is not None
    assert got.args[0].error is None, got.args[0].error
    studio = window.ctx.studio
    assert studio.encrypted and not crypto.is_plain_sqlite(studio.db_path)
    assert studio.count(Client) == 30  # the window reads on, through the new engine
    assert security.passphrase_action.isVisible() or not security.encrypt_action.isVisible()
    window.client_list.select_first()


def test_a_new_studio_from_the_first_run_is_encrypted_by_default(data_dir, qapp):
    from ui.dialogs.first_run import FirstRunDialog

    with Studio.open(data_dir) as s:
        dialog = FirstRunDialog(s)
        assert dialog.encrypt_check.isChecked() and not dialog.encrypt_box.isHidden()
        assert dialog.keychain_problem  # no keychain in the tests: the passphrase path
        dialog.empty_radio.setChecked(True)
        dialog.name.setText("Zoë Martin")
        dialog.passphrase.setText(PASS)
        dialog.passphrase_again.setText("something else")
        dialog.accept()  # refused beside the fields
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert "differ" in dialog.encrypt_error.text()
        dialog.passphrase_again.setText(PASS)
        dialog.accept()
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert s.encrypted and s.advisor_id
    assert not crypto.is_plain_sqlite(data_dir / paths.DB_NAME)
    assert keystore.read_info(data_dir).holder == "passphrase"
    with Studio.open(data_dir, passphrase=PASS) as s:
        assert s.advisor_id


@pytest.fixture
def encrypted_dir(data_dir):
    from studio.services import clients

    with Studio.open(data_dir, encrypt=True, passphrase=PASS) as s:
        clients.setup_local_advisor(s, "Mei Lin")
    return data_dir


def test_the_passphrase_is_asked_again_when_wrong_and_cancel_quits(
    encrypted_dir, qapp, monkeypatch
):
    answers = iter(["wrong passphrase", PASS])
    seen = []

    def fake_exec(dialog):
        seen.append(dialog.error.text())
        dialog.field.setText(next(answers))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PassphraseDialog, "exec", fake_exec)
    studio = open_studio(encrypted_dir)
    assert studio is not None and studio.encrypted
    studio.close()
    assert seen == ["", "That passphrase is wrong; try again."]

    before = (encrypted_dir / paths.DB_NAME).read_bytes()
    monkeypatch.setattr(PassphraseDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    assert open_studio(encrypted_dir) is None
    assert (encrypted_dir / paths.DB_NAME).read_bytes() == before
    from ui import app as ui_app

    assert ui_app.run(str(encrypted_dir)) == 0  # Cancel at start: quits cleanly


def test_a_new_passphrase_is_typed_twice(qapp):
    dialog = PassphraseDialog(confirm=True)
    dialog.field.setText("short")
    dialog.accept()
    assert "at least 8" in dialog.error.text() and dialog.result() != QDialog.DialogCode.Accepted
    dialog.field.setText(PASS)
    dialog.again.setText(PASS)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.passphrase() == PASS
