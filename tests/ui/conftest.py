"""Fixtures for the desktop client's tests: a small studio, its AppContext, a main window."""

from __future__ import annotations

import pytest

from studio.services import clients

#: (romanized, native) names used to seed small studios; accents and Chinese on purpose.
NAMES = [
    ("Wang Xiaoming", "王小明"),
    ("Zoë Martin", None),
    ("Li Na", "李娜"),
    ("José Álvarez", None),
    ("Chen Jie", "陈杰"),
    ("Amélie Dubois", None),
]
STAGES = ["prospect", "active", "repeat"]


def seed(studio, n: int = 30) -> list[str]:
    """``n`` clients, one transaction; returns their ids in creation order."""
    second = clients.create_advisor(studio, "Tom Baker")
    ids = []
    with studio.transaction():
        for i in range(n):
            name, native = NAMES[i % len(NAMES)]
            c = clients.create_client(
                studio,
                f"{name} {i:02d}",
                native_name=native,
                stage=STAGES[i % 3],
                tags=["vip"] if i % 5 == 0 else ["honeymoon"],
                advisor_id=second.id if i % 4 == 0 else studio.advisor_id,
            )
            ids.append(c.id)
    return ids


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory):
    """QSettings() of the app under test write to a temporary folder, never the user's."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield


@pytest.fixture(autouse=True)
def _no_unexpected_message_box(monkeypatch):
    """A message box nobody expected fails the test with its text, instead of waiting offscreen
    for a click that never comes. Tests that expect one patch it themselves (their patch wins)."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(kind):
        def box(parent, title, text, *args, **kwargs):
            raise AssertionError(f"unexpected {kind} message box: {title}: {text}")

        return box

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, unexpected(kind))


@pytest.fixture
def seeded(studio):
    """The studio fixture with 30 clients; ``seeded.ids`` lists them."""
    studio.ids = seed(studio, 30)
    return studio


@pytest.fixture
def ctx(seeded, qapp):
    from ui.context import AppContext

    c = AppContext(seeded)
    yield c
    c.bridge.close()


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(ctx, settings, qtbot, monkeypatch):
    from ui.main_window import MainWindow

    w = MainWindow(ctx, settings=settings)
    qtbot.addWidget(w)
    monkeypatch.setattr(w, "confirm_delete", lambda name: True)
    w.show()
    qtbot.waitExposed(w)
    return w
