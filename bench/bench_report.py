"""The owner's desk on the 10,000-client demo studio (three years of history), built once and
cached in ``bench/_data``.

Baseline, measured in the same run on the same file: the same counts in plain SQL on a bare
sqlite3 connection (the six figures' numerators and denominators for one month, trips by status,
the money sums per currency), once for one period and once for twelve. Ours:

- ``report --json``: :func:`studio.services.figures.compute.desk` and its JSON, in process, and
  the whole command in a fresh process (Python's start included); target ≤ 1 s;
- the 12-period trends of the six figures (:func:`compute.trends` from one snapshot, the snapshot's
  read included); target ≤ 2 s;
- the Studio area's first paint (offscreen): building the view, showing it and painting its
  placeholders while the figures are computed in a worker; target ≤ 300 ms; and when the figures
  arrive on screen.

    python bench/bench_report.py [--clients 10000] [--repeat 5] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import demo_dir, summary  # noqa: E402

_BASELINE = [
    # conversion: trips created in the period by status
    "SELECT status, count(*) FROM trip WHERE deleted_at IS NULL AND created_at >= :a "
    "AND created_at < :b GROUP BY status",
    # satisfaction: mean and count of the period's feedback
    "SELECT avg(satisfaction), count(*) FROM interaction WHERE deleted_at IS NULL "
    "AND kind = 'feedback' AND satisfaction IS NOT NULL AND occurred_at >= :a AND occurred_at < :b",
    # referral share: clients created in the period, and those referred
    "SELECT count(*), sum(referred_by_id IS NOT NULL OR source = 'referral') FROM client "
    "WHERE deleted_at IS NULL AND created_at >= :a AND created_at < :b",
    # repeat rate and churn's base: completed trips per live client
    "SELECT count(*), sum(n >= 2) FROM (SELECT t.client_id, count(*) AS n FROM trip t "
    "JOIN client c ON c.id = t.client_id WHERE t.deleted_at IS NULL AND c.deleted_at IS NULL "
    "AND t.status IN ('completed', 'followed-up') AND t.end_date < :b GROUP BY t.client_id)",
    # completeness: live clients, and facts per client and section
    "SELECT count(*) FROM client WHERE deleted_at IS NULL AND created_at < :b",
    "SELECT count(*) FROM (SELECT client_id FROM profile_fact WHERE deleted_at IS NULL "
    "AND created_at < :b GROUP BY client_id HAVING count(DISTINCT substr(key, 1, "
    "instr(key, '.') - 1)) >= 8)",
    # money of the trips starting in the period, per currency
    "SELECT coalesce(i.currency, t.currency), sum(i.price), sum(i.cost) FROM trip t JOIN trip_item i "
    "ON i.version_id = t.current_version_id AND i.deleted_at IS NULL WHERE t.deleted_at IS NULL "
    "AND t.start_date >= :a AND t.start_date < :b GROUP BY 1",
]


def _baseline(db: Path, periods: list) -> float:
    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    for p in periods:
        for sql in _BASELINE:
            con.execute(sql, {"a": p.start.isoformat(), "b": p.end.isoformat()}).fetchall()
    con.close()
    return time.perf_counter() - t0


def _first_paint(d: Path, repeat: int) -> tuple[list[float], list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from studio.store import Studio
    from ui.context import AppContext
    from ui.views.studio_view import StudioView

    app = QApplication.instance() or QApplication([])
    from PySide6.QtWidgets import QWidget

    bare = []
    for _ in range(repeat):  # the same run's baseline for painting: an empty window
        t0 = time.perf_counter()
        w = QWidget()
        w.resize(1400, 900)
        w.show()
        app.processEvents()
        w.grab()
        bare.append(time.perf_counter() - t0)
        w.close()
    _first_paint.bare = bare  # type: ignore[attr-defined]
    paints, filled = [], []
    with Studio.open(d) as studio:
        ctx = AppContext(studio)
        for _ in range(repeat):
            done: list[float] = []
            t0 = time.perf_counter()
            view = StudioView(ctx)
            view.sig_refreshed.connect(lambda done=done: done.append(time.perf_counter()))
            view.resize(1400, 900)
            view.show()
            app.processEvents()
            view.grab()  # the first paint, with placeholders
            paints.append(time.perf_counter() - t0)
            while not done:
                app.processEvents()
                time.sleep(0.002)
            filled.append(done[0] - t0)
            view.wait_until_computed()
            view.close()
            view.deleteLater()
            app.processEvents()
        ctx.bridge.close()
    return paints, filled


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--data-dir", help="measure this studio instead of the cached demo")
    args = ap.parse_args()
    d = Path(args.data_dir) if args.data_dir else demo_dir(args.clients)
    db = d / "studio.sqlite3"

    from studio.domain.models import Client
    from studio.services.figures import compute
    from studio.services.figures.period import from_args
    from studio.store import Studio

    period = from_args(None, None, date.today())
    periods = period.trailing(12)
    base_one = [_baseline(db, [period]) for _ in range(args.repeat)]
    base_twelve = [_baseline(db, periods) for _ in range(args.repeat)]

    desk_s, trends_s = [], []
    with Studio.open(d) as studio:
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            json.dumps(compute.desk(studio, period).to_json(), ensure_ascii=False)
            desk_s.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            compute.trends(compute.load_snapshot(studio), period)
            trends_s.append(time.perf_counter() - t0)
    cli_s = []
    for _ in range(max(2, args.repeat // 2)):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "studio", "--data-dir", str(d), "report", "--json"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        cli_s.append(time.perf_counter() - t0)
    paint_s, filled_s = _first_paint(d, args.repeat)

    rows = [
        ("baseline: plain SQL counts, one period", base_one, None),
        ("baseline: plain SQL counts, 12 periods", base_twelve, None),
        ("report --json (desk + JSON, in process)", desk_s, 1000),
        ("report --json (the command, fresh process)", cli_s, None),
        ("12-period trends (snapshot read + 6 figures × 12)", trends_s, 2000),
        ("baseline: an empty window's first paint", _first_paint.bare, None),  # type: ignore[attr-defined]
        ("Studio area first paint (figures in a worker)", paint_s, 300),
        ("Studio area figures on screen", filled_s, None),
    ]
    with Studio.open(d) as studio:
        n = studio.count(Client)
    print(f"{n:,}-client studio, {period.label()}; median (p95) of {args.repeat} runs")
    for name, samples, target in rows:
        s = summary(samples)
        goal = (
            f"  target ≤ {target} ms: {'ok' if s['median_ms'] <= target else 'MISSED'}"
            if target
            else ""
        )
        print(f"  {name:<52} {s['median_ms']:8.1f} ms ({s['p95_ms']:.1f}){goal}")
    ratio = summary(desk_s)["median_ms"] / max(summary(base_one)["median_ms"], 0.001)
    print(f"  desk ÷ plain SQL of one period: {ratio:.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
