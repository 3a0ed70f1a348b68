"""Two laptops sharing a studio through two real Syncthing instances on loopback: how long from
both laptops' edits (and their ``travel-studio sync``) to the same studio on both.

Baseline, in the same run: the same exchange through one plain folder (no sync tool between).
Needs Debian's ``syncthing`` on PATH.

    python bench/bench_syncthing.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from fixtures import syncthing  # noqa: E402


def _plain_folder(work: Path) -> float:
    """The same share, join, edits and syncs through one folder, in process."""
    from studio.services import clients, queries
    from studio.store import Studio
    from studio.sync import engine

    place, key = work / "place", work / "key.json"
    with Studio.open(work / "a") as a, Studio.open(work / "b") as b:
        clients.setup_local_advisor(a, "Mei Lin", role="owner")
        clients.create_client(a, "Zoë Martin", tags=["vip"])
        engine.create_share(a, str(place), key)
        engine.sync(a)
        engine.join_share(b, str(place), key)
        engine.sync(b)
        engine.sync(a)
        t = time.perf_counter()
        zoe = queries.client_ids(a)[0]
        clients.update_client(a, zoe, notes="Edited on laptop A")
        clients.create_client(b, "Created on laptop B")
        for s in (a, b, a, b):
            engine.sync(s)
        return time.perf_counter() - t


def main() -> None:
    if not syncthing.available():
        sys.exit("syncthing is not on PATH (apt-get install syncthing)")
    work = Path(tempfile.mkdtemp(prefix="bench-syncthing-"))
    try:
        times = syncthing.converge(work / "st", timeout=120)
        base = _plain_folder(work / "plain")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"two Syncthing instances: started and connected in {times['start']:.1f} s; the shared "
        f"studio reached laptop B in {times['share']:.1f} s; B admitted in {times['join']:.1f} s"
    )
    print(
        f"edits on both laptops to the same studio on both: {times['converge']:.1f} s "
        f"(baseline, one plain folder and no sync tool: {base:.2f} s); whole check "
        f"{times['total']:.1f} s"
    )


if __name__ == "__main__":
    main()
