"""The profile check of every trip version of a demo studio (the plan runs it on each read).

Baseline, measured in the same run on the same file: the check as it was before it read texts,
matching each item's tags exactly against the taxonomy's words (``profiles.conflicts`` once per
item, as ``trips.totals.flags`` did). Ours: ``trips.totals.flags``, which reads each item's title,
tags, notes, place and times in English and Chinese through the safety vocabulary.

    python bench/bench_profile_check.py [--clients 60] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import demo_dir, summary  # noqa: E402


def tags_only(studio, version_id: str) -> int:
    """The former check: exact tags against the taxonomy, one profile read per item."""
    from studio.services import profiles
    from studio.services.trips.reading import find_trip, version_items

    with studio.read() as conn:
        trip_id = conn.exec_driver_sql(
            "SELECT trip_id FROM trip_version WHERE id = ?", (version_id,)
        ).scalar()
    client = find_trip(studio, trip_id).client_id
    n = 0
    for it in version_items(studio, version_id):
        tags = json.loads(it.tags or "[]")
        if tags:
            n += len(profiles.conflicts(studio, client, tags))
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from studio.services.trips import pipeline, totals
    from studio.store import Studio

    with Studio.open(demo_dir(args.clients)) as s:
        versions = [line.version_id for line in pipeline.pipeline_lines(s) if line.version_id]
        results = {}
        for name, fn in (("baseline (tags only)", tags_only), ("ours (texts)", totals.flags)):
            found = sum(len(fn(s, v)) if name.startswith("ours") else fn(s, v) for v in versions)
            samples = []
            for _ in range(args.repeat):
                for v in versions:
                    t0 = time.perf_counter()
                    fn(s, v)
                    samples.append(time.perf_counter() - t0)
            results[name] = (summary(samples), found)
        print(f"{len(versions)} trip versions, {args.clients}-client demo; per version:")
        for name, (stats, found) in results.items():
            print(
                f"  {name:22s} median {stats['median_ms']:6.1f} ms  p95 {stats['p95_ms']:6.1f} ms"
                f"  ({found} flags in all)"
            )


if __name__ == "__main__":
    main()
