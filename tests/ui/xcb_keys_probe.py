"""Run by tests/ui/test_keyboard_xcb.py under Xvfb on the xcb platform: a main window on a small
studio with one undoable change, reporting on stdout what the keys pressed from outside did.

Lines: ``REDO_BINDINGS <keys>``, ``READY <window id>``, then ``INDEX <n>`` on each undo/redo.
"""

from __future__ import annotations

import sys
import tempfile

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QKeySequence


def main() -> int:
    from studio.services import clients
    from studio.store import Studio
    from ui.app import make_application
    from ui.context import AppContext
    from ui.main_window import MainWindow

    app = make_application([sys.argv[0]])
    folder = tempfile.TemporaryDirectory(prefix="xcb-keys-")
    studio = Studio.open(folder.name)
    clients.setup_local_advisor(studio, "Ada Probe")
    client = clients.create_client(studio, "Probe Client")
    ctx = AppContext(studio)
    settings = QSettings(f"{folder.name}/layout.ini", QSettings.Format.IniFormat)
    window = MainWindow(ctx, settings=settings)
    ctx.execute("Rename", lambda: clients.update_client(studio, client.id, name="Renamed"))
    bindings = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    print("REDO_BINDINGS", ",".join(k.toString() for k in bindings), flush=True)
    ctx.undo_stack.indexChanged.connect(lambda n: print("INDEX", n, flush=True))
    window.show()
    window.activateWindow()
    window.show_area("clients")
    window.client_list.table.setFocus()

    def ready() -> None:
        print("READY", int(window.winId()), flush=True)

    QTimer.singleShot(500, ready)
    QTimer.singleShot(60_000, app.quit)  # never outlives a test that died
    sys.stdin.readline  # noqa: B018 - the test closes the probe with SIGTERM or this timer
    rc = app.exec()
    ctx.bridge.close()
    studio.close()
    folder.cleanup()
    return rc


if __name__ == "__main__":
    raise SystemExit(main())
