"""Opening a shared place as the user names it: a folder path, or a ``webdav(s)://`` address."""

from __future__ import annotations

import re

from studio.sync.keys import SyncError
from studio.sync.transport import FolderTransport, Transport
from studio.sync.webdav import WebDAVTransport


def open_place(place: str) -> Transport:
    """The transport for a place as the user gives it: a folder, or a ``webdav(s)://`` URL."""
    scheme = re.match(r"^([a-z][a-z0-9+.-]*)://", place, re.IGNORECASE)
    if scheme and scheme.group(1).lower() in ("webdav", "webdavs", "http", "https"):
        return WebDAVTransport(place)
    if scheme and scheme.group(1).lower() != "file":
        raise SyncError(f"{place}: a shared place is a folder or a webdav(s):// address.")
    return FolderTransport(place.removeprefix("file://"))
