"""The studio file's encryption: SQLCipher with a raw 256-bit key, and the copies between files.

A plain studio is opened with Python's own ``sqlite3``; an encrypted one with ``sqlcipher3``
(SQLCipher 4: AES-256 per page with an HMAC, the WAL and the full-text index inside the same
file). The key is given raw (``PRAGMA key = "x'…'"``), so no key derivation runs on each open;
the key itself comes from :mod:`studio.store.keystore`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

KEY_BYTES = 32
SQLITE_HEADER = b"SQLite format 3\x00"


def driver(key: bytes | None) -> ModuleType:
    """The DB-API module for a file: ``sqlite3`` when plain, ``sqlcipher3`` when encrypted."""
    if key is None:
        return sqlite3
    import sqlcipher3

    return sqlcipher3


def database_errors() -> tuple[type[BaseException], ...]:
    """Every driver's ``DatabaseError`` (sqlcipher3's are not sqlite3's subclasses)."""
    from sqlalchemy.exc import DatabaseError as SADatabaseError

    errors: list[type[BaseException]] = [sqlite3.DatabaseError, SADatabaseError]
    try:
        import sqlcipher3

        errors.append(sqlcipher3.DatabaseError)
    except ImportError:  # pragma: no cover - a dependency; without it no file is encrypted
        pass
    return tuple(errors)


def key_literal(key: bytes) -> str:
    """The raw key as SQLCipher reads it: ``"x'<64 hex digits>'"`` (quoted, no derivation)."""
    if len(key) != KEY_BYTES:
        raise ValueError("a studio key is 32 bytes")
    return f"\"x'{key.hex()}'\""


def apply_key(con: Any, key: bytes) -> None:
    """Key a fresh sqlcipher3 connection (before anything else reads the file)."""
    con.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our sentence, not its log
    con.execute(f"PRAGMA key = {key_literal(key)}")


def connect(path: Path, key: bytes | None, *, readonly: bool = False) -> Any:
    """A DB-API connection to ``path`` (keyed when ``key`` is given); autocommit mode."""
    mod = driver(key)
    if readonly:
        con = mod.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        con = mod.connect(str(path), check_same_thread=False)
    con.isolation_level = None
    if key is not None:
        apply_key(con, key)
    return con


def is_plain_sqlite(path: Path) -> bool:
    """The file starts with SQLite's plain header (an encrypted file starts with random salt)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def has_content(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def integrity_ok(path: Path, key: bytes | None, *, quick: bool = False) -> str:
    """``"ok"`` when the file opens with ``key`` and passes SQLite's integrity check, else why."""
    try:
        con = connect(path, key, readonly=True)
        try:
            rows = con.execute(f"PRAGMA {'quick_check' if quick else 'integrity_check'}").fetchall()
        finally:
            con.close()
    except database_errors() as exc:
        return str(exc)
    result = [r[0] for r in rows]
    return "ok" if result == ["ok"] else "; ".join(result[:3])


def table_counts(con: Any) -> dict[str, int]:
    """Row counts of every ordinary table (a copy's check that nothing was left behind)."""
    names = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def copy_database(
    src: Path,
    src_key: bytes | None,
    dst: Path,
    dst_key: bytes | None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Copy the database ``src`` to the new file ``dst`` (which must not exist), consistently
    even while ``src`` is in use in WAL mode.

    With the same key (or both plain) SQLite's backup API copies page by page, telling
    ``progress(done, total)``; between a plain file and an encrypted one (or two keys) SQLCipher's
    ``sqlcipher_export`` writes every table anew.
    """
    if src_key == dst_key:
        source = connect(src, src_key)
        try:
            target = connect(dst, dst_key)
            try:

                def step(_status: int, remaining: int, total: int) -> None:
                    if progress is not None:
                        progress(total - remaining, total)

                source.backup(target, pages=2048, progress=step)
                # the copy stands alone: one file, no -wal beside it (the source's WAL flag came
                # over with its header)
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
        return
    import sqlcipher3

    con = sqlcipher3.connect(str(src), check_same_thread=False)
    con.isolation_level = None
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        if src_key is not None:  # unkeyed, sqlcipher3 reads a plain file as sqlite3 would
            con.execute(f"PRAGMA key = {key_literal(src_key)}")
        attach_key = key_literal(dst_key) if dst_key is not None else "''"
        con.execute(f"ATTACH DATABASE ? AS target KEY {attach_key}", (str(dst),))
        if progress is not None:
            progress(0, 1)
        con.execute("SELECT sqlcipher_export('target')")
        version = con.execute("PRAGMA main.user_version").fetchone()[0]
        con.execute(f"PRAGMA target.user_version = {int(version)}")
        con.execute("DETACH DATABASE target")
        if progress is not None:
            progress(1, 1)
    finally:
        con.close()


def media_key(db_key: bytes) -> bytes:
    """The key photos are sealed with, derived from the studio key (one secret to keep)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"travel-studio media v1"
    ).derive(db_key)
