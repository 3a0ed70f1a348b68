"""Sharing a 10,000-client studio: sizes, applying incoming changes, a new laptop joining.

Figures, each beside a baseline measured in the same run:

- size of the data file and of its journal (bytes per field change, indexes included), and of
  the shared segments the studio writes (bytes per field change);
- applying 10,000 incoming field changes (``Transaction.apply_remote``), against a bare SQLite
  ``executemany`` inserting the same 10,000 rows into a plain table;
- a new laptop joining the shared studio from a folder (every segment verified, decrypted and
  applied), against copying the data file.

    python bench/bench_sync.py [--clients 10000] [--data-dir DIR] [--only apply] [--repeat N]

``--only apply`` measures the sizes and the apply (not the share and the join); ``--repeat N``
measures the apply N times, each on a fresh copy, and prints each and the median ratio.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import demo_dir  # noqa: E402

CHANGES = 10_000


def _journal_bytes(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(db)
    records = con.execute("SELECT count(*) FROM change").fetchone()[0]
    try:
        size = con.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'journal%' OR name LIKE 'ix_journal%' "
            "OR name LIKE 'sqlite_autoindex_journal%'"
        ).fetchone()[0]
    except sqlite3.OperationalError:  # SQLite built without dbstat
        size = None
    con.close()
    return records, size or 0


def _remote_records(studio, n: int, rows: int) -> list[dict]:
    """``n`` field changes from another laptop, spread over ``rows`` clients (notes and stage)."""
    from studio.store.hlc import HybridClock

    with studio.read() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM client LIMIT ?", (rows,))]
    stages = ("prospect", "active", "dormant")
    device = "00000000-0000-4000-8000-00000000beef"
    clock = HybridClock(device)
    out = []
    for k in range(n):
        out.append(
            {
                "tx": f"bench-tx-{k // 100}",
                "op": "update",
                "table_name": "client",
                "row_id": ids[k % len(ids)],
                "field": ("notes", "stage")[k % 2],
                "old": None,
                "new": f'"incoming note {k}"' if k % 2 == 0 else f'"{stages[k % 3]}"',
                "advisor_id": None,
                "device_id": device,
                "hlc": clock.now(),
                "wall_time": "2026-11-22T10:00:00.000Z",
            }
        )
    return out


def _apply(studio_cls, owner: Path, apply_dir: Path) -> float:
    """Apply 10,000 incoming changes to a fresh copy of the studio (just opened, as a laptop
    that syncs after a start), and insert the same rows with a bare ``executemany``."""
    shutil.rmtree(apply_dir, ignore_errors=True)
    shutil.copytree(owner, apply_dir)
    with studio_cls.open(apply_dir) as s:
        incoming = _remote_records(s, CHANGES, CHANGES // 5)
        t = time.perf_counter()
        with s.transaction() as tx:
            result = tx.apply_remote(incoming)
            t_apply = time.perf_counter() - t
        t_index = time.perf_counter() - t - t_apply
    con = sqlite3.connect(apply_dir / "studio.sqlite3")
    con.execute(
        "CREATE TABLE bench_flat (tx, op, table_name, row_id, field, old, new, advisor_id, "
        "device_id, hlc, wall_time)"
    )
    cols = (
        "tx",
        "op",
        "table_name",
        "row_id",
        "field",
        "old",
        "new",
        "advisor_id",
        "device_id",
        "hlc",
        "wall_time",
    )
    rows = [tuple(r[c] for c in cols) for r in incoming]
    t = time.perf_counter()
    with con:
        con.executemany("INSERT INTO bench_flat VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    t_base = time.perf_counter() - t
    con.close()
    print(
        f"apply {result.applied:,} incoming field changes on {CHANGES // 5:,} clients: "
        f"{t_apply * 1000:,.0f} ms journal and rows, then {t_index * 1000:,.0f} ms search "
        f"index and commit = {(t_apply + t_index) * 1000:,.0f} ms in all (baseline executemany "
        f"of the same rows: {t_base * 1000:,.0f} ms; {t_apply / t_base:.1f}× for journal and rows)"
    )
    return t_apply / t_base


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=10_000)
    ap.add_argument("--data-dir", type=Path, help="an existing demo studio to measure (copied)")
    ap.add_argument("--only", choices=["apply"], help="skip the share and the join")
    ap.add_argument("--repeat", type=int, default=1, help="measure the apply N times")
    args = ap.parse_args()
    from studio.store import Studio
    from studio.sync import engine

    src = args.data_dir or demo_dir(args.clients)
    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        owner = work / "owner"
        shutil.copytree(src, owner, ignore=shutil.ignore_patterns("*.lock", "sharing.json"))
        db = owner / "studio.sqlite3"
        records, journal = _journal_bytes(db)
        size = db.stat().st_size
        print(f"data file: {size / 1e6:,.1f} MB, {records:,} field changes in the journal")
        if journal:
            print(
                f"  journal with its indexes: {journal / 1e6:,.1f} MB = {journal / records:.0f} B per field change"
            )
        print(f"  whole file per field change: {size / records:.0f} B")

        # apply 10,000 incoming field changes, and the bare executemany baseline
        ratios = []
        for _ in range(max(1, args.repeat)):
            ratios.append(_apply(Studio, owner, work / "apply"))
        if len(ratios) > 1:
            print(f"median of {len(ratios)}: {statistics.median(ratios):.1f}× for journal and rows")
        if args.only == "apply":
            return

        # share: the owner writes its whole journal as segments
        place = work / "place"
        with Studio.open(owner) as s:
            t = time.perf_counter()
            engine.create_share(s, str(place), work / "key.json")
            report = engine.sync(s)
            t_share = time.perf_counter() - t
        segs = list(place.glob("journal/*/*.seg"))
        shared = sum(p.stat().st_size for p in segs)
        print(
            f"shared segments: {shared / 1e6:,.1f} MB in {len(segs)} files = "
            f"{shared / max(1, report.sent_records):.1f} B per field change (written in {t_share:.1f} s)"
        )

        # join: a new laptop fetches and applies everything; baseline: copying the data file
        t = time.perf_counter()
        with Studio.open(work / "joiner") as s:
            engine.join_share(s, str(place), work / "key.json")
            joined = engine.sync(s)
        t_join = time.perf_counter() - t
        t = time.perf_counter()
        shutil.copy(db, work / "copy.sqlite3")
        t_copy = time.perf_counter() - t
        print(
            f"join from the folder: {t_join:.1f} s for {joined.received_records:,} field changes "
            f"(baseline: copying the data file, {t_copy:.1f} s)"
        )
        print(
            f"  the joined laptop's data file: {(work / 'joiner' / 'studio.sqlite3').stat().st_size / 1e6:,.1f} MB"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
