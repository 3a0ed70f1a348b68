"""Starting the app (run) and the offscreen screenshot."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from studio.errors import StudioError
from studio.services import clients
from studio.store import Studio
from tests.ui.conftest import seed
from ui import app as ui_app
from ui.dialogs.first_run import FirstRunDialog


@pytest.fixture
def closed_studio(data_dir):
    """A data dir holding a small studio, closed again (only one Studio may hold the lock)."""
    with Studio.open(data_dir) as s:
        clients.setup_local_advisor(s, "Mei Lin", role="owner", native_name="林美")
        seed(s, 12)
    return data_dir


@pytest.mark.parametrize("view", ["clients", "dossier"])
def test_screenshot_renders_the_real_window(closed_studio, tmp_path, qapp, view):
    out = tmp_path / f"{view}.png"
    assert ui_app.screenshot(str(closed_studio), out, view=view, size="1000x700") == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    assert not list(tmp_path.glob("*.partial")) and not list(tmp_path.glob(".*.ini"))


def test_screenshot_refuses_a_bad_size(closed_studio, tmp_path, qapp):
    with pytest.raises(StudioError, match="WIDTHxHEIGHT"):
        ui_app.screenshot(str(closed_studio), tmp_path / "x.png", size="big")
    assert not (tmp_path / "x.png").exists()


def test_run_reports_a_locked_data_dir(studio, data_dir, qapp, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert ui_app.run(str(data_dir)) == 1  # the studio fixture holds the lock
    assert len(shown) == 1 and str(data_dir) in shown[0]


def test_run_opens_the_main_window(closed_studio, qapp, monkeypatch):
    seen = {}

    def fake_exec(self=None):
        window = next(
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "mainWindow" and w.isVisible()
        )
        seen["rows"] = window.client_list.proxy.rowCount()
        seen["current"] = window.client_list.current_client_id
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert ui_app.run(str(closed_studio)) == 0
    assert seen["rows"] == 12 and seen["current"]


def test_first_run_asks_who_the_advisor_is(data_dir, qapp, monkeypatch):
    answered = {}

    def fake_dialog_exec(dialog):
        dialog.empty_radio.setChecked(True)
        dialog.encrypt_check.setChecked(False)  # encrypted first runs: tests/ui/test_backups.py
        dialog.accept()  # empty name: refused beside the field, dialog stays
        answered["error"] = dialog.name_error.text()
        dialog.name.setText("Zoë Martin")
        dialog.native_name.setText("佐伊")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FirstRunDialog, "exec", fake_dialog_exec)
    monkeypatch.setattr(QApplication, "exec", lambda self=None: 0)
    assert ui_app.run(str(data_dir)) == 0
    assert "cannot be empty" in answered["error"]
    with Studio.open(data_dir) as s:
        assert s.advisor_id is not None
        assert s.count(clients.Advisor) == 1


def test_first_run_cancelled_starts_nothing(data_dir, qapp, monkeypatch):
    monkeypatch.setattr(FirstRunDialog, "exec", lambda dialog: FirstRunDialog.DialogCode.Rejected)
    assert ui_app.run(str(data_dir)) == 0
    with Studio.open(data_dir) as s:
        assert s.advisor_id is None


def test_first_run_can_load_the_demo_studio(data_dir, qapp, monkeypatch):
    from ui.dialogs import first_run

    monkeypatch.setattr(first_run, "DEMO_CLIENTS", 12)
    with Studio.open(data_dir) as s:
        dialog = FirstRunDialog(s)
        assert dialog.demo_radio.isEnabled() and dialog.demo_radio.isChecked()
        dialog.name.setText("Zoë Martin")
        dialog.encrypt_check.setChecked(False)
        dialog.accept()
        assert dialog.result() == FirstRunDialog.DialogCode.Accepted
        assert s.count(clients.Client) >= 5  # a few demo clients start in Recently deleted
        me = s.advisor_id
        assert me and next(a for a in clients_advisors(s) if a.id == me).name == "Zoë Martin"


def clients_advisors(s):
    from studio.services import queries

    return queries.advisors(s)
