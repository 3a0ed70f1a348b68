"""The Trips area's pipeline on a studio with 1,000 trips (500 clients, 3 days and 6 priced items
per trip), built once through the write path and cached in ``bench/_data``.

Baseline, measured in the same run on the same file: a plain SQL fetch of the trips with their
clients' names on a bare sqlite3 connection. Ours: ``trips.pipeline.pipeline_lines`` (trips with
client, advisor, current version and totals per currency), the Qt table model built on it
(offscreen), and, for comparison, the same lines read trip by trip through the trips service
(versions and totals per trip), as the first version of the Trips area did.

    python bench/bench_trips.py [--trips 1000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DATA, summary  # noqa: E402

BASELINE_SQL = """SELECT t.*, c.name, c.native_name FROM trip t JOIN client c ON c.id = t.client_id
                  WHERE t.deleted_at IS NULL"""


def build(d: Path, n_trips: int) -> None:
    from studio.services import clients
    from studio.services.trips import lifecycle as trip_lifecycle
    from studio.services.trips import plan as trip_plan
    from studio.services.trips import reading as trip_reading
    from studio.store import Studio

    t0 = time.perf_counter()
    with Studio.open(d) as s:
        clients.setup_local_advisor(s, "Mei Lin")
        with s.transaction():
            cids = [
                clients.create_client(s, f"Client {i:04d}").id for i in range(max(n_trips // 2, 1))
            ]
            for i in range(n_trips):
                t = trip_lifecycle.create_trip(
                    s,
                    cids[i % len(cids)],
                    f"Trip {i:04d}",
                    start_date="2027-03-01",
                    end_date="2027-03-03",
                    currency=("EUR", "JPY", "CNY")[i % 3],
                )
                for day in trip_reading.days(s, t.current_version_id):
                    for k in range(2):
                        trip_plan.add_item(s, day.id, f"Item {k}", cost="100", price="150")
    print(f"  built {n_trips} trips in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


def studio_dir(n_trips: int) -> Path:
    d = DATA / f"trips-{n_trips}"
    if (d / ".built").exists():
        return d
    tmp = DATA / f".trips-{n_trips}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    build(tmp, n_trips)
    (tmp / ".built").write_text(str(n_trips))
    shutil.rmtree(d, ignore_errors=True)
    tmp.rename(d)
    return d


def _timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trips", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    d = studio_dir(args.trips)

    def baseline():
        con = sqlite3.connect(d / "studio.sqlite3")
        con.execute(BASELINE_SQL).fetchall()
        con.close()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from studio.services.trips import reading as trip_reading
    from studio.services.trips import totals as trip_totals
    from studio.services.trips.pipeline import pipeline_lines
    from studio.store import Studio
    from ui.models.trip_table import TripTableModel

    app = QApplication.instance() or QApplication([])  # noqa: F841 - the model reads the palette
    with Studio.open(d) as s:

        def per_trip():
            for t in trip_reading.trips_of(s):
                trip_reading.versions(s, t.id)
                trip_totals.totals(s, t.current_version_id)

        base = summary(_timed(baseline, args.repeat))
        lines = summary(_timed(lambda: pipeline_lines(s), args.repeat))
        model = summary(_timed(lambda: TripTableModel(s), args.repeat))
        slow = summary(_timed(per_trip, max(2, args.repeat // 3)))
        n = len(pipeline_lines(s))
    print(f"{n} trips")
    print(
        f"baseline  plain SQL fetch of trips and client names : median {base['median_ms']:.1f} ms"
    )
    print(
        f"ours      pipeline_lines (3 queries)                : median {lines['median_ms']:.1f} ms "
        f"({lines['median_ms'] / base['median_ms']:.1f}x baseline)"
    )
    print(
        f"ours      TripTableModel built on it                : median {model['median_ms']:.1f} ms "
        f"({model['median_ms'] / base['median_ms']:.1f}x baseline)"
    )
    print(
        f"compare   trip by trip through the trips service    : median {slow['median_ms']:.1f} ms "
        f"({slow['median_ms'] / base['median_ms']:.1f}x baseline)"
    )


if __name__ == "__main__":
    main()
