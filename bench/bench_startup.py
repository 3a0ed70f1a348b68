"""Start-up of the desktop client: process start → main window shown, on a 10,000-client studio.

Baseline, measured in the same run: a bare PySide6 process that creates a QApplication and shows
an empty QMainWindow. Every sample is a fresh child process (imports included); the parent starts
the clock just before spawning it and the child reports the wall time once the window has been
shown and the event loop has run once (so the first paint is done). Peak memory is the child's
``ru_maxrss`` from ``os.wait4``. Default platform is ``offscreen`` so it runs headless; pass
``--platform xcb`` on a desktop to include the window system.

    python bench/bench_startup.py [--clients 10000] [--repeat 7] [--platform offscreen]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Both children call shown() once the window (or the table's viewport) has been painted.
WATCH = r"""
import time
from PySide6.QtCore import QEvent, QObject
class FirstPaint(QObject):
    # The time is taken at the first paint event itself: work other parts of the window queue
    # for "just after the first paint" (the agenda's first read) must not count as start-up.
    def __init__(self, target, then):
        super().__init__()
        self.then, self.done, self.at = then, False, None
        target.installEventFilter(self)
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done, self.at = True, time.time()
            QTimer.singleShot(0, self.then)
        return False
"""

APP_CHILD = (
    r"""
import sys, time
marks = [time.time()]
from PySide6.QtCore import QSettings, QTimer
"""
    + WATCH
    + r"""
from ui.app import make_application
app = make_application()
marks.append(time.time())
from studio.store import Studio
marks.append(time.time())
from ui.context import AppContext
from ui.main_window import MainWindow
marks.append(time.time())
studio = Studio.open(sys.argv[1])
ctx = AppContext(studio)
marks.append(time.time())
window = MainWindow(ctx, settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
marks.append(time.time())
def shown():
    model = window.client_list.model
    marks.append(watch.at)
    phases = ",".join(f"{(b - a) * 1000:.0f}" for a, b in zip(marks, marks[1:]))
    print("SHOWN", watch.at, model.rowCount(), model.pages_fetched, phases, flush=True)
    app.quit()
# The agenda is the first screen (it reads its dates just after this first paint).
first = window.agenda_view.tree if window.current_area() == "agenda" else window.client_list.table
watch = FirstPaint(first.viewport(), shown)
window.show()
window.client_list.select_first()
app.exec()
studio.close()
"""
)

BARE_CHILD = (
    r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
"""
    + WATCH
    + r"""
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1400, 900)
def shown():
    print("SHOWN", watch.at, 0, 0, "", flush=True)
    app.quit()
watch = FirstPaint(window, shown)
window.show()
app.exec()
"""
)


BUILD_CHILD = r"""
import sys
from pathlib import Path
from studio.domain.models import Client
from studio.services.demo.build import build_demo
from studio.store import Studio
data, n = Path(sys.argv[1]), int(sys.argv[2])
data.mkdir(parents=True, exist_ok=True)
with Studio.open(data) as s:
    if s.count(Client, include_deleted=True) == 0:
        print(f"building a {n}-client demo studio in {data} (once)…", file=sys.stderr)
        build_demo(s, clients=n, seed=2026)
"""


def run_child(code: str, args: list[str], env: dict[str, str]) -> tuple[float, int, list[str]]:
    """(seconds from spawn to shown, peak RSS in KiB, the child's SHOWN fields)."""
    t0 = time.time()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    out = proc.stdout.read()
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    line = next((ln for ln in out.splitlines() if ln.startswith("SHOWN")), None)
    if proc.returncode != 0 or line is None:
        raise SystemExit(f"child failed ({proc.returncode}):\n{err[-2000:]}")
    fields = line.split(" ")
    return float(fields[1]) - t0, usage.ru_maxrss, fields[2:]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--platform", default="offscreen")
    args = ap.parse_args()

    root = Path(__file__).resolve().parent.parent
    # Build (or find) the studio in a separate process: on Linux a child's ru_maxrss starts from
    # the high-water mark of the process it was forked from, so this parent must stay small.
    # Its own directory, checked by counting clients, so no other benchmark's cache can race it.
    data = root / "bench" / "_data" / f"startup-{args.clients}-2026"
    subprocess.run([sys.executable, "-c", BUILD_CHILD, str(data), str(args.clients)], check=True)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": args.platform,
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    with tempfile.TemporaryDirectory() as tmp:
        ini = str(Path(tmp) / "settings.ini")
        _t, _rss, (rows, _pages, _ph) = run_child(
            APP_CHILD, [str(data), ini], env
        )  # warms the file cache
        if int(rows) < args.clients // 2:
            raise SystemExit(f"{data} holds only {rows} clients; delete it to have it rebuilt.")
        run_child(BARE_CHILD, [], env)
        app_t, app_rss, bare_t, bare_rss = [], [], [], []
        rows = pages = "?"
        phases: list[list[float]] = []
        for _ in range(args.repeat):  # interleaved so drift hits both alike
            t, rss, (rows, pages, ph) = run_child(APP_CHILD, [str(data), ini], env)
            phases.append([float(x) for x in ph.split(",")])
            app_t.append(t)
            app_rss.append(rss)
            t, rss, _ = run_child(BARE_CHILD, [], env)
            bare_t.append(t)
            bare_rss.append(rss)

    a, b = statistics.median(app_t) * 1000, statistics.median(bare_t) * 1000
    am, bm = statistics.median(app_rss) / 1024, statistics.median(bare_rss) / 1024
    print(
        f"start-up to main window shown, {args.clients:,}-client studio, platform {args.platform}, "
        f"{args.repeat} runs each (median)"
    )
    print(
        f"  Travel Studio : {a:7.0f} ms  (min {min(app_t) * 1000:.0f}, max {max(app_t) * 1000:.0f})"
        f"   peak RSS {am:6.1f} MiB   list rows {rows}, pages fetched {pages}"
    )
    print(
        f"  bare PySide6  : {b:7.0f} ms  (min {min(bare_t) * 1000:.0f}, max {max(bare_t) * 1000:.0f})"
        f"   peak RSS {bm:6.1f} MiB"
    )
    names = [
        "PySide6 + QApplication + fonts",
        "import studio.store (core)",
        "import ui",
        "Studio.open + context",
        "MainWindow built",
        "show → first paint of the list",
    ]
    print(
        "  where Travel Studio's time goes (median ms, measured inside the child; the interpreter's "
        "own start is the rest):"
    )
    for i, name in enumerate(names):
        print(f"    {name:34s} {statistics.median(p[i] for p in phases):6.0f}")
    print(
        f"  ratio         : {a / b:7.2f}x time, {am / bm:.2f}x memory; app overhead {a - b:.0f} ms, "
        f"{am - bm:.1f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
