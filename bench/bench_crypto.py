"""Encryption at rest, side by side with the plain studio, in one run on the 10,000-client demo.

The plain studio is the baseline: the same demo copied, then encrypted in place (SQLCipher, the
key in a keychain — an in-memory one here, as a laptop's keychain hands the raw key back without
any key derivation), and each figure measured on both:

- open + first page (``Studio.open``, the client ids, the first 50 rows), fresh each sample;
- search (``search()``, top 50, the queries of bench_search), median over queries and runs;
- the agenda (today + 30 days);
- applying a 10,000-change sync (``Transaction.apply_remote`` + its search index + commit);
- a backup (SQLite's backup API + the quick check of the copy), of the whole studio;
- the memory book of bench_book (40 photos of 12 MP): plain files vs photos sealed at rest.

Limits from the issue: each of the first four ≤ 1.3× plain; the backup ≤ 10 s; the book
≤ 1.1× plain. The load average is printed (the machine may be shared).

    python bench/bench_crypto.py [--clients 10000] [--repeat 15] [--book-repeat 3] [--no-book]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from _common import demo_dir, summary  # noqa: E402
from fixtures.memory_keyring import MemoryKeyring  # noqa: E402

QUERIES = ["wang", "li na", "王", "vip", "chen", "honeymoon", "zh", "mart", "138", "paris"]
TODAY = date(2026, 11, 22)
PAGE = 50
PASSPHRASE = "a passphrase for the bench"


def _fake_keychain() -> None:
    """A keychain in memory: the key comes back raw, as from the OS keychain of a laptop."""
    import keyring

    os.environ.pop("TRAVEL_STUDIO_KEYCHAIN", None)
    keyring.set_keyring(MemoryKeyring().backend)


def open_first_page(d: Path) -> float:
    from studio.services import queries
    from studio.store import Studio

    t = time.perf_counter()
    with Studio.open(d) as s:
        ids = queries.client_ids(s)
        rows = queries.client_rows(s, ids[:PAGE])
        assert len(rows) == PAGE
    return time.perf_counter() - t


def search_samples(d: Path, repeat: int) -> list[float]:
    from studio.services.search import search
    from studio.store import Studio

    out = []
    with Studio.open(d) as s:
        for q in QUERIES:
            search(s, q, limit=50)  # warm
        for _ in range(repeat):
            for q in QUERIES:
                t = time.perf_counter()
                search(s, q, limit=50)
                out.append(time.perf_counter() - t)
    return out


def agenda_samples(d: Path, repeat: int) -> list[float]:
    from studio.services.agenda import build as agenda
    from studio.store import Studio

    out = []
    with Studio.open(d) as s:
        agenda.agenda(s, TODAY, 30)
        for _ in range(repeat):
            t = time.perf_counter()
            agenda.agenda(s, TODAY, 30)
            out.append(time.perf_counter() - t)
    return out


def sync_apply(d: Path, work: Path) -> float:
    """Apply 10,000 incoming field changes to a copy of ``d`` (journal, rows, index, commit)."""
    from bench_sync import CHANGES, _remote_records

    from studio.store import Studio

    copy = work / f"apply-{d.name}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(d, copy, ignore=shutil.ignore_patterns("*.lock", "backups"))
    try:
        with Studio.open(copy) as s:
            incoming = _remote_records(s, CHANGES, CHANGES // 5)
            t = time.perf_counter()
            with s.transaction() as tx:
                result = tx.apply_remote(incoming)
            took = time.perf_counter() - t
            assert result.applied == CHANGES
        return took
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def backup_time(d: Path, work: Path) -> tuple[float, int, float]:
    """The whole verified backup (``make_backup``), its size, and the share of the check."""
    from studio.store import Studio, backup, crypto

    folder = work / f"backups-{d.name}"
    with Studio.open(d) as s:
        t = time.perf_counter()
        info = backup.make_backup(s, folder=folder)
        took = time.perf_counter() - t
        t = time.perf_counter()
        assert crypto.integrity_ok(info.path, s.key, quick=True) == "ok"
        check = time.perf_counter() - t  # the check make_backup ran, timed again on its own
    size = info.size
    shutil.rmtree(folder, ignore_errors=True)
    return took, size, check


def book_times(work: Path, repeat: int) -> tuple[list[float], list[float]]:
    import dataclasses

    from bench_book import content, photos

    from studio import sealed_files
    from studio.reports.book.pdf import write_book

    paths = photos()
    key = os.urandom(32)
    sealed_dir = work / "sealed-photos"
    sealed_dir.mkdir(exist_ok=True)
    for p in paths:
        sealed_files.copy_in(p, sealed_dir / p.name, key)
    plain_c = content(paths)
    sealed_c = dataclasses.replace(
        plain_c,
        photos=tuple(
            dataclasses.replace(ph, path=sealed_dir / ph.path.name) for ph in plain_c.photos
        ),
    )
    plain, sealed = [], []
    out = work / "book.pdf"
    for _ in range(repeat):  # alternate, so a change in the machine's load hits both alike
        t = time.perf_counter()
        write_book(plain_c, out)
        plain.append(time.perf_counter() - t)
        t = time.perf_counter()
        write_book(sealed_c, out, seal_key=key)
        sealed.append(time.perf_counter() - t)
    return plain, sealed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--book-repeat", type=int, default=3)
    ap.add_argument("--no-book", action="store_true")
    args = ap.parse_args()
    _fake_keychain()
    from studio.store import Studio, encryption, keystore

    load0 = os.getloadavg()
    src = demo_dir(args.clients)
    work = Path(tempfile.mkdtemp(prefix="bench-crypto-"))
    try:
        plain = work / "plain"
        enc = work / "encrypted"
        for d in (plain, enc):
            shutil.copytree(src, d, ignore=shutil.ignore_patterns("*.lock", ".built", "backups"))
        t = time.perf_counter()
        with Studio.open(enc) as s:
            done = encryption.encrypt_studio(s)
        t_encrypt = time.perf_counter() - t
        size = (plain / "studio.sqlite3").stat().st_size
        print(
            f"{args.clients:,}-client demo, {size / 1e6:,.0f} MB; encrypted in place in "
            f"{t_encrypt:.1f} s ({done['files']} media files sealed); load average "
            f"{load0[0]:.2f} on {os.cpu_count()} cores"
        )
        rows: list[tuple[str, float, float, float | None]] = []

        def side_by_side(label: str, fn, limit: float | None = 1.3) -> None:  # type: ignore[no-untyped-def]
            a, b = fn(plain), fn(enc)
            rows.append((label, a, b, limit))

        side_by_side(
            "open + first page (median)",
            lambda d: statistics.median(open_first_page(d) for _ in range(args.repeat)),
        )
        side_by_side(
            "search, top 50 (median)",
            lambda d: summary(search_samples(d, max(3, args.repeat // 3)))["median_ms"] / 1000,
        )
        side_by_side(
            "agenda, 30 days (median)",
            lambda d: statistics.median(agenda_samples(d, max(3, args.repeat // 2))),
        )
        side_by_side(
            "apply a 10,000-change sync (median of 2)",
            lambda d: statistics.median(sync_apply(d, work) for _ in range(2)),
        )
        (bp, psize, pcheck), (be, esize, echeck) = backup_time(plain, work), backup_time(enc, work)
        rows.append(("backup, verified (whole studio)", bp, be, None))

        # a passphrase instead of the keychain: the key derivation (scrypt) once per open
        key = keystore.unlock(enc)
        keystore.set_passphrase(enc, key, PASSPHRASE)
        t = time.perf_counter()
        keystore.unlock(enc, PASSPHRASE)
        t_scrypt = time.perf_counter() - t

        if not args.no_book:
            bplain, bsealed = book_times(work, args.book_repeat)
            rows.append(
                (
                    "memory book, 40 photos of 12 MP (median)",
                    statistics.median(bplain),
                    statistics.median(bsealed),
                    1.1,
                )
            )
        load1 = os.getloadavg()
        print(f"\n{'':44}{'plain':>10}{'encrypted':>11}{'ratio':>8}{'limit':>8}")
        for label, a, b, limit in rows:
            ok = "" if limit is None else ("  ok" if b / a <= limit else "  OVER")
            lim = f"{limit:.1f}×" if limit else ""
            print(f"{label:44}{_fmt(a):>10}{_fmt(b):>11}{b / a:>7.2f}×{lim:>8}{ok}")
        print(
            f"\nbackup of the encrypted {args.clients:,}-client studio: {be:.1f} s for "
            f"{esize / 1e6:,.0f} MB (limit 10 s: {'ok' if be <= 10 else 'OVER'}); plain "
            f"{bp:.1f} s for {psize / 1e6:,.0f} MB; of which the quick check of the copy: "
            f"{echeck:.1f} s encrypted, {pcheck:.1f} s plain"
        )
        print(
            f"with a studio passphrase instead of the keychain, each open first derives the key "
            f"(scrypt n=2^15): {t_scrypt * 1000:.0f} ms"
        )
        print(f"load average at the end: {load1[0]:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


if __name__ == "__main__":
    main()
