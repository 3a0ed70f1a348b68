"""How much of the encrypted studio's search time is the SQLCipher library itself, not the encryption.

An encrypted studio is read through ``sqlcipher3`` (SQLCipher's own build of SQLite); a plain one
through Python's ``sqlite3``. This bench runs the search's own query (``studio.services.search``)
on the same PLAIN demo file through both libraries, side by side in one run: no key, no
decryption, so the ratio is what the library's build costs before any encryption. Set it beside
``bench_crypto.py``'s search ratio (encrypted ÷ plain) to see what encryption adds on its own.

    python bench/bench_sqlcipher_build.py [--clients 10000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import demo_dir  # noqa: E402
from bench_crypto import QUERIES  # noqa: E402

SQL = """
SELECT c.id, c.name, c.native_name, c.stage
FROM client_fts f JOIN client c ON c.rowid = f.rowid
WHERE client_fts MATCH ? AND c.deleted_at IS NULL
ORDER BY bm25(client_fts, 10.0, 5.0, 3.0, 1.0), c.name
LIMIT 50
"""


def medians(connect, db: Path, repeat: int) -> tuple[float, str]:  # type: ignore[no-untyped-def]
    from studio.domain import validate
    from studio.store import fts

    con = connect(str(db))
    fts.register_functions(con)
    exprs = [fts.match_expression(validate.search_text(q)) for q in QUERIES]
    for e in exprs:  # warm the page cache
        con.execute(SQL, (e,)).fetchall()
    samples = []
    for _ in range(repeat):
        for e in exprs:
            t = time.perf_counter()
            con.execute(SQL, (e,)).fetchall()
            samples.append(time.perf_counter() - t)
    version = con.execute("SELECT sqlite_version()").fetchone()[0]
    con.close()
    return statistics.median(samples) * 1000, version


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    import sqlcipher3

    db = demo_dir(args.clients) / "studio.sqlite3"
    load0 = os.getloadavg()[0]
    plain_ms, plain_v = medians(sqlite3.connect, db, args.repeat)
    cipher_ms, cipher_v = medians(sqlcipher3.connect, db, args.repeat)
    print(f"search query on the plain {args.clients:,}-client demo, median of {args.repeat} runs:")
    print(f"  Python's sqlite3 (SQLite {plain_v}):       {plain_ms:6.2f} ms")
    print(f"  sqlcipher3, no key (SQLite {cipher_v}):   {cipher_ms:6.2f} ms")
    print(f"  the library alone: {cipher_ms / plain_ms:.2f}x")
    print(f"load average {load0:.2f} -> {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
