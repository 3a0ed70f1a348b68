"""Time to open a 10,000-client studio and list the first page of clients.

Baseline, measured in the same run: a bare ``sqlite3`` connection and one ``SELECT … ORDER BY name
LIMIT 50`` on the same file. Each sample is a fresh open (engine, pragmas, schema check, lock),
in this process after imports; import time is reported separately.

    python bench/bench_open_list.py [--clients 10000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import demo_dir, summary  # noqa: E402

PAGE = 50


def studio_open_and_list(d: Path) -> int:
    from studio.services import queries
    from studio.store import Studio

    with Studio.open(d) as s:
        ids = queries.client_ids(s)
        rows = queries.client_rows(s, ids[:PAGE])
    return len(rows)


def baseline_open_and_list(d: Path) -> int:
    con = sqlite3.connect(d / "studio.sqlite3")
    rows = con.execute(
        "SELECT id, name, native_name, stage FROM client WHERE deleted_at IS NULL "
        "ORDER BY name COLLATE NOCASE LIMIT ?",
        (PAGE,),
    ).fetchall()
    con.close()
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    d = demo_dir(args.clients)

    imp = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; t=time.perf_counter(); import studio.store, studio.services.queries; print(time.perf_counter()-t)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    studio_open_and_list(d)  # warm the OS cache for both
    baseline_open_and_list(d)
    ours, base = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        assert studio_open_and_list(d) == PAGE
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        assert baseline_open_and_list(d) == PAGE
        base.append(time.perf_counter() - t)
    o, b = summary(ours), summary(base)
    print(f"studio of {args.clients} clients, first page of {PAGE}, {args.repeat} runs")
    print(
        f"  open + list (Studio.open, client_ids, client_rows): median {o['median_ms']:.1f} ms, p95 {o['p95_ms']:.1f} ms"
    )
    print(
        f"  baseline (sqlite3.connect + one SELECT LIMIT {PAGE}): median {b['median_ms']:.2f} ms, p95 {b['p95_ms']:.2f} ms"
    )
    print(f"  ratio (median): {o['median_ms'] / b['median_ms']:.1f}x")
    print(f"  import of studio.store + queries (fresh process): {float(imp.stdout) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
