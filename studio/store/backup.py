"""Backups you can trust: copies made with SQLite's backup API, each verified, rotated, restorable.

A backup is ``backups/studio-YYYYMMDD-HHMMSS-KIND.sqlite3`` (UTC): ``auto`` (made once a day
while the studio is used), ``manual`` (Back up now), ``before-REV`` (before a schema upgrade) or
``before-restore`` (the file a restore replaced). An encrypted studio's backups are encrypted
with the same key (the raw key is the same whatever the passphrase). Every copy passes SQLite's
quick check before it gets its name, so a listed backup is a whole one: it reads every page of
every table and index (in an encrypted file each page's authentication code is checked as it is
read) and checks the B-trees and the free list. It leaves out only the cross-check of each index
against its table, which a page-by-page copy of a sound studio cannot break; it takes a fifth of the
time on a large studio. A restore runs the full integrity check before it swaps anything.

Automatic backups rotate: the newest of each of the last 7 days, of the last 4 weeks and of the
last 12 months are kept; other kinds are never removed by the rotation.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from studio import paths
from studio.errors import StoreError
from studio.store import crypto, keystore

if TYPE_CHECKING:
    from studio.store.database import Studio

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
STALE_AFTER = timedelta(days=7)
_NAME = re.compile(r"^studio-(\d{8})-(\d{6})(?:-(\d+))?-([a-z0-9_.-]+)\.sqlite3$")

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: datetime  # UTC
    kind: str  # "auto", "manual", "before-…"
    size: int
    encrypted: bool

    def to_json(self) -> dict:
        return {
            "path": str(self.path),
            "when": self.when.isoformat(timespec="seconds"),
            "kind": self.kind,
            "bytes": self.size,
            "encrypted": self.encrypted,
        }


def backup_dir(data_dir: Path) -> Path:
    return data_dir / paths.BACKUP_DIR


def _info(path: Path) -> BackupInfo | None:
    m = _NAME.match(path.name)
    if m is None or not path.is_file():
        return None
    when = datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    size = path.stat().st_size
    return BackupInfo(path, when, m.group(4), size, not crypto.is_plain_sqlite(path))


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [info for p in folder.glob("studio-*.sqlite3") if (info := _info(p)) is not None]
    return sorted(found, key=lambda b: (b.when, b.path.name), reverse=True)


def newest(data_dir: Path) -> BackupInfo | None:
    backups = list_backups(backup_dir(data_dir))
    return backups[0] if backups else None


def is_stale(data_dir: Path, now: datetime | None = None) -> bool:
    """No backup is younger than a week (the app then says so)."""
    last = newest(data_dir)
    now = now or datetime.now(UTC)
    return last is None or now - last.when > STALE_AFTER


def _target(folder: Path, kind: str, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = folder / f"studio-{stamp}-{kind}.sqlite3"
    n = 1
    while target.exists():  # never overwrite a backup, not even one made the same second
        target = folder / f"studio-{stamp}-{n}-{kind}.sqlite3"
        n += 1
    return target


def make_backup(
    studio: Studio,
    *,
    folder: Path | None = None,
    kind: str = "manual",
    progress: Progress | None = None,
    now: datetime | None = None,
) -> BackupInfo:
    """Copy the open studio (consistently, while in use) into ``folder`` (default ``backups/``),
    verify the copy with SQLite's integrity check and only then give it its name."""
    folder = Path(folder) if folder is not None else backup_dir(studio.data_dir)
    now = now or datetime.now(UTC)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot make the backup folder {folder}: {exc.strerror}.") from None
    target = _target(folder, kind, now)
    tmp = target.with_name(f".{target.name}.partial")
    key = studio.key

    def step(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total, "Copying the studio")

    try:
        tmp.unlink(missing_ok=True)
        crypto.copy_database(studio.db_path, key, tmp, key, progress=step)
        if progress is not None:
            progress(1, 1, "Checking the copy")
        why = crypto.integrity_ok(tmp, key, quick=True)
        if why != "ok":
            raise StoreError(f"The backup failed its check ({why}); it was not kept.")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise StoreError(
            f"The backup could not be written to {folder} ({exc.strerror or exc}); nothing was "
            "changed in the studio."
        ) from None
    finally:
        tmp.unlink(missing_ok=True)
    if key is not None and folder != backup_dir(studio.data_dir):
        _copy_key_file(studio.data_dir, target)
    info = _info(target)
    assert info is not None
    return info


def _copy_key_file(data_dir: Path, target: Path) -> None:
    """Beside a backup made elsewhere, the key file when it holds the key wrapped by the
    passphrase (useless without it), so the backup opens on another laptop."""
    try:
        if keystore.read_info(data_dir).holder == "passphrase":
            shutil.copyfile(keystore.key_file(data_dir), target.with_suffix(".key"))
            os.chmod(target.with_suffix(".key"), 0o600)
    except (OSError, StoreError):
        pass  # the backup itself is whole; its key stays with the studio


def auto_backup(studio: Studio, now: datetime | None = None) -> BackupInfo | None:
    """The day's automatic backup, unless there is one already; then the rotation."""
    now = now or datetime.now(UTC)
    folder = backup_dir(studio.data_dir)
    autos = [b for b in list_backups(folder) if b.kind == "auto"]
    if autos and autos[0].when.date() == now.date():
        return None
    made = make_backup(studio, kind="auto", now=now)
    prune(folder, now)
    return made


def keep_set(backups: list[BackupInfo]) -> set[Path]:
    """The automatic backups the rotation keeps: the newest of each of the last 7 days, 4 ISO
    weeks and 12 months that have one."""
    autos = sorted((b for b in backups if b.kind == "auto"), key=lambda b: b.when, reverse=True)
    keep: set[Path] = set()
    for period, count in (
        (lambda d: d.date(), KEEP_DAILY),
        (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
        (lambda d: (d.year, d.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for b in autos:
            p = period(b.when)
            if p not in seen:
                if len(seen) == count:
                    break
                seen.append(p)
                keep.add(b.path)
    return keep


def prune(folder: Path, now: datetime | None = None) -> list[Path]:
    """Remove the automatic backups the rotation no longer keeps; those removed."""
    backups = list_backups(folder)
    keep = keep_set(backups)
    gone = [b.path for b in backups if b.kind == "auto" and b.path not in keep]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def resolve(data_dir: Path, name: str | os.PathLike) -> Path:
    """A backup named by path, or by file name inside ``backups/``."""
    path = Path(name).expanduser()
    if not path.is_file():
        path = backup_dir(data_dir) / Path(name).name
    if not path.is_file():
        raise StoreError(f"There is no backup {name}; `travel-studio backups` lists them.")
    return path


def restore(studio: Studio, backup: Path, progress: Progress | None = None) -> Path:
    """Make the backup the studio's file; the current file is first copied aside (as a
    ``before-restore`` backup, never overwritten). The backup is checked before anything
    changes. Returns where the current file was put."""
    from studio.store import encryption, schema

    key = studio.key
    backup_key = key if not crypto.is_plain_sqlite(backup) else None
    if backup_key is None and key is None and not crypto.is_plain_sqlite(backup):
        raise StoreError(f"{backup.name} is encrypted and this studio is not; it cannot be used.")
    why = crypto.integrity_ok(backup, backup_key)
    if why != "ok":
        raise StoreError(f"{backup.name} cannot be restored ({why}); the studio was left as it is.")
    revision = schema.read_revision(backup, backup_key)
    if revision is not None and revision not in schema.REVISIONS:
        raise StoreError(f"{backup.name} was written by a newer version of Travel Studio.")
    tell = progress or (lambda done, total, message: None)
    db = studio.db_path
    incoming = db.with_name(db.name + ".restoring")
    with studio._write_lock:
        tell(0, 3, "Keeping the current studio aside")
        aside = make_backup(studio, kind="before-restore").path
        tell(1, 3, "Copying the backup")
        encryption.quiesce(studio)
        incoming.unlink(missing_ok=True)
        try:
            crypto.copy_database(backup, backup_key, incoming, key)
            why = crypto.integrity_ok(incoming, key)
            if why != "ok":
                raise StoreError(f"The restored copy failed its check ({why}); nothing changed.")
            with open(incoming, "rb+") as fh:
                os.fsync(fh.fileno())
            for suffix in ("-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            os.replace(incoming, db)
        finally:
            incoming.unlink(missing_ok=True)
        tell(2, 3, "Opening the restored studio")
        studio.reopen(key)
        if revision != schema.HEAD:
            from studio.store import migrate

            migrate.upgrade(studio.engine, db, revision, key=key)
    tell(3, 3, "Restored")
    return aside
