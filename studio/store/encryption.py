"""Encrypting a plain studio where it lies, and changing its passphrase.

The steps of :func:`encrypt_studio`, each safe to be interrupted:

1. a new key, its key file written as ``studio.key.pending``;
2. an encrypted copy ``studio.sqlite3.encrypting`` (SQLCipher's export of every table);
3. the copy verified: SQLite's integrity check and the row count of every table;
4. ``studio.key.pending`` renamed to ``studio.key``: from here on the studio *is* encrypted;
5. the copy renamed over ``studio.sqlite3`` (the plain file is gone with that rename);
6. the photos (and caches) sealed one by one, then the plain backups replaced by encrypted ones.

A crash before 4 leaves the plain studio and leftovers that the next open removes; between 4 and
5 the next open finishes the rename (:func:`finish_interrupted`); during 6 every file, sealed or
not yet, stays readable, and running ``encrypt`` again seals the rest.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from studio import paths
from studio.errors import StoreError
from studio.store import crypto, keystore

if TYPE_CHECKING:
    from studio.store.database import Studio

PENDING_KEY = "studio.key.pending"
ENCRYPTING = ".encrypting"

Progress = Callable[[int, int, str], None]


def _step(name: str) -> None:
    """A point between two steps (tests interrupt the work here)."""


def _db_copy(data_dir: Path) -> Path:
    return data_dir / (paths.DB_NAME + ENCRYPTING)


def finish_interrupted(data_dir: Path) -> None:
    """Bring a studio whose encryption was interrupted to one whole state (called on open)."""
    db, copy = data_dir / paths.DB_NAME, _db_copy(data_dir)
    pending = data_dir / PENDING_KEY
    if copy.exists():
        if keystore.has_key_file(data_dir) and crypto.is_plain_sqlite(db):
            _remove_wal(db)  # the plain file was checkpointed whole before the copy was made
            os.replace(copy, db)  # step 5 had not happened: the verified copy takes its place
        else:
            copy.unlink()  # the copy was never verified: the plain studio stands
    pending.unlink(missing_ok=True)


def _remove_wal(db: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def quiesce(studio: Studio, timeout: float = 30.0) -> None:
    """Close every connection of the studio's engine (waiting for readers to give theirs back)
    and checkpoint the WAL into the file, so the file alone is the whole studio."""
    pool = studio.engine.pool
    deadline = time.monotonic() + timeout
    while getattr(pool, "checkedout", lambda: 0)() > 0:
        if time.monotonic() > deadline:
            raise StoreError("The studio is busy; try again when the work in progress is done.")
        time.sleep(0.05)
    studio.engine.dispose()
    con = crypto.connect(studio.db_path, studio.key)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def encrypt_studio(
    studio: Studio, passphrase: str | None = None, progress: Progress | None = None
) -> dict[str, int]:
    """Encrypt the open plain ``studio`` in place (key in the keychain, or wrapped by
    ``passphrase``), then seal its photos and backups. On an encrypted studio, seal what is
    still plain. Returns what was done: ``{"database": 0|1, "files": n, "backups": n}``."""
    tell = progress or (lambda done, total, message: None)
    done = {"database": 0, "files": 0, "backups": 0}
    if not studio.encrypted:
        if passphrase is not None:
            keystore.check_passphrase(passphrase)
        with studio._write_lock:  # no write may land in the plain file once the copy begins
            tell(0, 3, "Encrypting the studio file")
            quiesce(studio)
            studio.reopen(_encrypt_file(studio.data_dir, passphrase))
        done["database"] = 1
    done["files"] = seal_media(studio, tell)
    done["backups"] = encrypt_backups(studio, tell)
    return done


def _encrypt_file(data_dir: Path, passphrase: str | None) -> bytes:
    db, copy = data_dir / paths.DB_NAME, _db_copy(data_dir)
    pending = data_dir / PENDING_KEY
    copy.unlink(missing_ok=True)
    key = keystore.create(data_dir, passphrase, target=pending)
    _step("key")
    try:
        crypto.copy_database(db, None, copy, key)
        _step("copy")
        _verify_copy(db, copy, key)
        with open(copy, "rb+") as fh:
            os.fsync(fh.fileno())
        _step("verified")
    except BaseException:
        copy.unlink(missing_ok=True)
        pending.unlink(missing_ok=True)
        raise
    os.replace(pending, keystore.key_file(data_dir))
    _step("key-file")
    _remove_wal(db)
    os.replace(copy, db)
    _sync_dir(data_dir)
    _step("swapped")
    return key


def _verify_copy(src: Path, copy: Path, key: bytes) -> None:
    why = crypto.integrity_ok(copy, key)
    if why != "ok":
        raise StoreError(f"The encrypted copy failed its check ({why}); the studio stays plain.")
    a, b = crypto.connect(src, None, readonly=True), crypto.connect(copy, key, readonly=True)
    try:
        if crypto.table_counts(a) != crypto.table_counts(b):
            raise StoreError(
                "The encrypted copy does not hold every row of the studio; it stays plain."
            )
    finally:
        a.close()
        b.close()


def _sync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows syncs renames with the file
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def plain_media(studio: Studio) -> list[Path]:
    """Files under the media folder that are not sealed yet (photos, thumbnails, book cache)."""
    from studio import sealed_files

    root = studio.media_dir
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not p.name.endswith(".partial") and not sealed_files.is_sealed(p)
    )


def seal_media(studio: Studio, progress: Progress | None = None) -> int:
    """Seal every plain file under the media folder of the (encrypted) studio."""
    from studio import sealed_files

    key = studio.media_key
    if key is None:
        return 0
    files = plain_media(studio)
    for i, path in enumerate(files):
        if progress is not None:
            progress(i, len(files), f"Encrypting photo {i + 1} of {len(files)}")
        sealed_files.seal_in_place(path, key)
    return len(files)


def encrypt_backups(studio: Studio, progress: Progress | None = None) -> int:
    """Replace every plain backup of the (encrypted) studio by an encrypted, verified copy."""
    key = studio.key
    folder = studio.data_dir / paths.BACKUP_DIR
    if key is None or not folder.is_dir():
        return 0
    plain = sorted(p for p in folder.glob("*.sqlite3") if crypto.is_plain_sqlite(p))
    for i, path in enumerate(plain):
        if progress is not None:
            progress(i, len(plain), f"Encrypting backup {i + 1} of {len(plain)}")
        tmp = path.with_name(path.name + ENCRYPTING)
        tmp.unlink(missing_ok=True)
        try:
            crypto.copy_database(path, None, tmp, key)
            _verify_copy(path, tmp, key)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    return len(plain)


def change_passphrase(studio: Studio, new_passphrase: str) -> None:
    """Wrap the encrypted studio's key with ``new_passphrase`` (the file is not rewritten)."""
    if studio.key is None:
        raise StoreError("This studio is not encrypted; encrypt it first (travel-studio encrypt).")
    keystore.set_passphrase(studio.data_dir, studio.key, new_passphrase)
