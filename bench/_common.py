"""Shared helpers for the benchmarks: cached demo studios and simple statistics."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "_data"


def _built(d: Path, clients: int) -> bool:
    marker = d / ".built"
    return (
        marker.exists() and (d / "studio.sqlite3").exists() and marker.read_text() == str(clients)
    )


def demo_dir(clients: int, seed: int = 2026) -> Path:
    """A data directory holding a demo studio of ``clients`` clients, built once and cached."""
    from studio.services.demo.build import build_demo
    from studio.store import Studio

    d = DATA / f"demo-{clients}-{seed}"
    if _built(d, clients):
        return d
    # Build beside it, then rename: a half-built or concurrently built studio is never used.
    tmp = DATA / f".demo-{clients}-{seed}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    t0 = time.perf_counter()
    last = [0.0]

    def progress(n: int, total: int) -> None:
        if time.perf_counter() - last[0] > 5:
            last[0] = time.perf_counter()
            print(f"  building demo: {n}/{total}", file=sys.stderr)

    with Studio.open(tmp) as s:
        build_demo(s, clients=clients, seed=seed, progress=progress)
    (tmp / ".built").write_text(str(clients))
    print(f"  built a {clients}-client demo in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    if _built(d, clients):
        shutil.rmtree(tmp)  # another run finished first
        return d
    shutil.rmtree(d, ignore_errors=True)
    tmp.rename(d)
    return d


def summary(samples_s: list[float]) -> dict[str, float]:
    ms = sorted(x * 1000 for x in samples_s)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return {"median_ms": statistics.median(ms), "p95_ms": p95, "n": len(ms)}
