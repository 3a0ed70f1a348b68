"""The shared place, as seen by sync: named files that are written whole and never changed.

Names are relative POSIX paths (``journal/<device>/00000001.seg``). A transport writes to a
temporary name and renames, so a reader never meets a half-written file of ours; names a sync tool
makes (its conflict copies and temporary files) and temporary names are never listed.
"""

from __future__ import annotations

import builtins
import os
import re
import secrets
from pathlib import Path
from typing import Protocol

from studio.sync.keys import SyncError

_IGNORED = (
    re.compile(r"\.sync-conflict-"),  # Syncthing's conflict copies
    re.compile(r"^\.syncthing\..*\.tmp$"),  # Syncthing's files in transfer
    re.compile(r"conflicted copy", re.IGNORECASE),  # Dropbox
    re.compile(r"^~\$"),  # Office lock files, some sync clients' temporaries
    re.compile(r"^\..*\.tmp$"),  # our own temporary names
    re.compile(r"\.(partial|part|tmp)$", re.IGNORECASE),
)


def is_ignored(name: str) -> bool:
    """True for a file name (the last part of a path) that sync never reads."""
    base = name.rsplit("/", 1)[-1]
    return any(p.search(base) for p in _IGNORED)


class Transport(Protocol):
    """Where a studio's shared files live."""

    description: str

    def read(self, name: str) -> bytes | None:
        """The file's bytes, or None when there is no such file."""

    def write(self, name: str, data: bytes) -> None:
        """Write the file whole (temporary name, then rename)."""

    def delete(self, name: str) -> None:
        """Remove the file; nothing happens when there is no such file. Only for a file this
        laptop wrote and nobody relies on yet (a join request that was given up)."""

    def list(self, folder: str) -> list[str]:
        """Names of the files directly in ``folder`` (none ignored ones), sorted."""

    def folders(self, folder: str) -> builtins.list[str]:  # `list` is the method here
        """Names of the folders directly in ``folder``, sorted."""

    def check(self) -> None:
        """Raise :class:`SyncError` when the place cannot be reached."""


class FolderTransport:
    """A folder kept in sync by Syncthing, Nextcloud, Dropbox…, or an SMB share."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.description = str(self.root)

    def _path(self, name: str) -> Path:
        if name.startswith("/") or ".." in name.split("/"):
            raise ValueError(f"not a relative name: {name}")
        return self.root.joinpath(*name.split("/"))

    def check(self) -> None:
        if not self.root.is_dir():
            raise SyncError(
                f"The shared folder {self.root} is not there (unplugged or not synced yet?); "
                "local changes are kept and go out at the next sync."
            )

    def read(self, name: str) -> bytes | None:
        try:
            return self._path(name).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise SyncError(f"Cannot read {name} in {self.root}: {exc.strerror or exc}.") from None

    def write(self, name: str, data: bytes) -> None:
        target = self._path(name)
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
            raise SyncError(
                f"Cannot write {name} to {self.root}: {exc.strerror or exc}; local changes are "
                "kept and go out at the next sync."
            ) from None

    def delete(self, name: str) -> None:
        try:
            self._path(name).unlink(missing_ok=True)
        except OSError as exc:
            raise SyncError(
                f"Cannot remove {name} from {self.root}: {exc.strerror or exc}."
            ) from None

    def list(self, folder: str) -> list[str]:
        path = self._path(folder) if folder else self.root
        try:
            return sorted(p.name for p in path.iterdir() if p.is_file() and not is_ignored(p.name))
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise SyncError(f"Cannot list {path}: {exc.strerror or exc}.") from None

    def folders(self, folder: str) -> builtins.list[str]:  # `list` is the method here
        path = self._path(folder) if folder else self.root
        try:
            return sorted(p.name for p in path.iterdir() if p.is_dir() and not is_ignored(p.name))
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise SyncError(f"Cannot list {path}: {exc.strerror or exc}.") from None
