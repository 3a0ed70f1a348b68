"""Checks made when a studio is opened, and the words for what goes wrong with the disk.

:func:`checked_engine` is called by :meth:`studio.store.database.Studio.open` in place of
``make_engine``. Before the engine exists it refuses:

- an empty (zero-byte) or missing ``studio.sqlite3`` where a studio was (its photos, backups,
  sharing keys or outbox are in the folder): opening would silently make a new, empty studio. The
  refusal names the newest backup in ``backups/``;
- a folder Travel Studio cannot write to: said as read-only, never as damage.

On the engine it turns the disk's refusals into one sentence (:class:`DiskFullError`,
:class:`ReadOnlyError`): a full disk or a read-only file is never "damaged, restore a backup".
Both are :class:`~studio.errors.StoreError`, so a dialog that shows the sentence stays open with
what was typed. And when opening fails, the ``-wal``/``-shm`` files the attempt itself made next to
a damaged file are removed again (:func:`remove_leftovers`).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, ExceptionContext
from sqlalchemy.exc import DBAPIError

from studio import paths
from studio.errors import NotADatabaseError, StoreError
from studio.store import crypto

BACKUPS = paths.BACKUP_DIR
#: What a data directory holds once a studio has lived in it (besides the database itself).
_EVIDENCE = ("media", "sharing.json", "sync-outbox", BACKUPS)


class DiskFullError(StoreError):
    """The disk has no space left: nothing was written."""


class ReadOnlyError(StoreError):
    """The folder or the file cannot be written."""


class MissingStudioError(StoreError):
    """The studio file is empty or gone where a studio was."""


def newest_backup(data_dir: Path) -> Path | None:
    folder = data_dir / BACKUPS
    try:
        files = [
            f
            for f in folder.iterdir()
            if f.is_file() and not f.name.startswith(".") and f.stat().st_size
        ]
    except OSError:
        return None
    return max(files, key=lambda f: f.stat().st_mtime) if files else None


def _studio_was_here(data_dir: Path) -> bool:
    for name in _EVIDENCE:
        p = data_dir / name
        if name == BACKUPS:
            if newest_backup(data_dir) is not None:
                return True
        elif p.exists():
            return True
    wal = data_dir / "studio.sqlite3-wal"
    return wal.is_file() and wal.stat().st_size > 0


def check_file(data_dir: Path, db_path: Path) -> None:
    """Refuse an empty or missing studio file where a studio was, offering the newest backup."""
    try:
        size = db_path.stat().st_size if db_path.exists() else None
    except OSError:
        size = None
    if size and size > 0:
        return
    if not _studio_was_here(data_dir):
        return  # a new data directory: a new studio is made
    what = "is empty (0 bytes)" if size == 0 else "is missing"
    backup = newest_backup(data_dir)
    if backup is not None:
        made = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        offer = (
            f"the newest backup is {backup} (made {made}): restore it with "
            f"travel-studio restore {backup.name}"
        )
    else:
        offer = "no backup was found in its backups folder; look for a copy of studio.sqlite3"
    raise MissingStudioError(
        f"The studio file {db_path} {what}, though a studio was kept in {data_dir}; it was not "
        f"replaced with a new empty studio — {offer}."
    )


def check_writable(data_dir: Path) -> None:
    """Refuse a folder that cannot be written to, saying so (not "damaged")."""
    try:
        with tempfile.TemporaryFile(dir=data_dir, prefix=".write-test-"):
            pass
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise DiskFullError(disk_full_sentence(data_dir)) from None
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise ReadOnlyError(read_only_sentence(data_dir)) from None
        raise


def disk_full_sentence(data_dir: Path) -> str:
    return (
        f"The disk holding {data_dir} is full (no space left): nothing was saved and nothing was "
        "lost; free some space and try again."
    )


def read_only_sentence(data_dir: Path) -> str:
    return (
        f"{data_dir} is read-only (the disk, the folder or the file cannot be written): nothing "
        "was saved and nothing was lost; make it writable or copy the folder to a writable disk."
    )


def explain(exc: BaseException, data_dir: Path) -> StoreError | None:
    """The sentence for a disk's refusal, or None when ``exc`` is something else."""
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return DiskFullError(disk_full_sentence(data_dir))
    if "database or disk is full" in text or "disk i/o error" in text and _no_space(data_dir):
        return DiskFullError(disk_full_sentence(data_dir))
    if "readonly database" in text or "read-only" in text and "database" in text:
        return ReadOnlyError(read_only_sentence(data_dir))
    return None


def _no_space(data_dir: Path) -> bool:
    try:
        st = os.statvfs(data_dir)
    except (OSError, AttributeError):
        return False
    return st.f_bavail * st.f_frsize < 1024 * 1024


def guard(engine: Engine, data_dir: Path) -> Engine:
    """Make the engine raise :class:`DiskFullError` / :class:`ReadOnlyError` instead of raw
    SQLAlchemy errors for a full or read-only disk."""

    @event.listens_for(engine, "handle_error")
    def _on_error(ctx: ExceptionContext) -> None:
        original = ctx.original_exception
        if isinstance(original, (sqlite3.Error, *crypto.database_errors())):  # sqlcipher3's too
            better = explain(original, data_dir)
            if better is not None:
                raise better from None

    return engine


_LEFTOVERS = ("-wal", "-shm")


def remove_leftovers(db_path: Path) -> None:
    """Remove the ``-shm`` file and an empty ``-wal`` a failed open left beside the file.

    Called with the directory's lock held, so no other process has the file open: the shared
    memory file is rebuilt by the next open, and an empty log holds nothing.
    """
    for suffix in _LEFTOVERS:
        p = db_path.with_name(db_path.name + suffix)
        try:
            if p.is_file() and (suffix == "-shm" or p.stat().st_size == 0):
                p.unlink()
        except OSError:
            continue


def checked_engine(data_dir: Path, db_path: Path, make_engine: Callable[[Path], Engine]) -> Engine:
    """The checks above, then the engine from ``make_engine``, guarded."""
    check_file(data_dir, db_path)
    check_writable(data_dir)
    engine = guard(make_engine(db_path), data_dir)
    if db_path.exists() and db_path.stat().st_size:
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        except DBAPIError as exc:
            engine.dispose()
            remove_leftovers(db_path)
            reason = str(exc.orig).split("\n")[0]
            if exc.orig is not None and explain(exc.orig, data_dir) is not None:
                raise
            backup = newest_backup(data_dir)
            offer = f"; the newest backup is {backup}" if backup else ""
            raise NotADatabaseError(
                f"{db_path} cannot be opened ({reason}); it may be damaged. It was left untouched "
                f"— keep a copy of it and restore the newest backup{offer}."
            ) from None
    return engine
