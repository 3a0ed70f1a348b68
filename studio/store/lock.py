"""One app instance per data directory, enforced by OS locks held for the process's life.

The OS drops a lock when the process ends, however it ends, so a crash leaves no stale lock. Two
locks are taken: on ``studio.lock`` (which also names the holder's process id) and, where the OS
allows it, on the data directory itself. A lock on a file is a lock on that file's inode: deleting
``studio.lock`` while the app runs would let a second process lock a new file of the same name, so
the directory's lock is what keeps it out (on Windows an open file cannot be deleted at all). On
a read-only disk the lock file cannot be made: the directory's lock alone is taken and
:attr:`DirLock.read_only` says so; nothing raises from here but a clear sentence.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import TextIO

from studio.errors import StudioLockedError

_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)


def _open_lock_file(path: Path) -> TextIO:
    return open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the process's life


class DirLock:
    def __init__(self, path: Path):
        self.path = path
        self._fh: TextIO | None = None
        self._dir_fd: int | None = None
        #: True when the folder is read-only (no lock file could be made)
        self.read_only = False

    def _busy(self, holder: str) -> StudioLockedError:
        return StudioLockedError(
            f"Another Travel Studio (process {holder}) is already using {self.path.parent}; "
            "close it first, or choose another data directory."
        )

    def acquire(self) -> None:
        self._dir_fd = _lock_dir(self.path.parent)
        if self._dir_fd == -1:
            self._dir_fd = None
            raise self._busy(self._holder())
        try:
            fh = _open_lock_file(self.path)
        except OSError as exc:
            if exc.errno in _READ_ONLY:
                self.read_only = True
                return
            self._release_dir()
            raise StudioLockedError(
                f"Cannot make the lock file in {self.path.parent}: {exc.strerror or exc}."
            ) from None
        try:
            _lock(fh)
        except OSError:
            holder = self._holder(fh)
            fh.close()
            self._release_dir()
            raise self._busy(holder) from None
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(str(os.getpid()))
            fh.flush()
        except OSError:  # a full disk: the lock holds all the same
            pass
        self._fh = fh

    def _holder(self, fh: TextIO | None = None) -> str:
        try:
            if fh is not None:
                fh.seek(0)
                return fh.read().strip() or "unknown"
            return self.path.read_text(encoding="utf-8").strip() or "unknown"
        except OSError:
            return "unknown"

    def _release_dir(self) -> None:
        if self._dir_fd is not None:
            _unlock_dir(self._dir_fd)
            self._dir_fd = None

    def release(self) -> None:
        if self._fh is not None:
            try:
                _unlock(self._fh)
            finally:
                self._fh.close()
                self._fh = None
        self._release_dir()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fh: TextIO) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh: TextIO) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

    def _lock_dir(folder: Path) -> int | None:
        return None  # an open file cannot be deleted on Windows: the file's lock is enough

    def _unlock_dir(fd: int) -> None:
        return None

else:
    import fcntl

    def _lock(fh: TextIO) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh: TextIO) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def _lock_dir(folder: Path) -> int | None:
        """The directory, locked: its descriptor; -1 when another process holds it; None when
        this OS or file system cannot lock a directory."""
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return -1
        except OSError:
            os.close(fd)
            return None
        return fd

    def _unlock_dir(fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
