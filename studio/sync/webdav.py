"""A WebDAV place (Nextcloud, ownCloud, a Synology or QNAP NAS, Jianguoyun…) with no sync client.

Plain HTTP(S) with the standard library: ``PROPFIND`` lists, ``GET`` reads, ``PUT`` to a
temporary name then ``MOVE`` renames (so a reader never sees a half-written file), ``MKCOL``
makes folders. ``webdav://`` means ``http://`` and ``webdavs://`` ``https://``. The account and
its password come from :mod:`studio.sync.credentials` (the URL, ``TRAVEL_STUDIO_WEBDAV_USER``,
``TRAVEL_STUDIO_WEBDAV_PASSWORD`` or the file named by ``TRAVEL_STUDIO_WEBDAV_PASSWORD_FILE``,
what the app asked, the OS keychain): scripted use needs no keyboard, and no password is ever
stored in the studio.
"""

from __future__ import annotations

import base64
import builtins
import secrets
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

from studio.sync import credentials
from studio.sync.keys import SyncError
from studio.sync.transport import is_ignored

_DAV = "{DAV:}"
_TIMEOUT = 30


def _credentials(url: str) -> tuple[str, str] | None:
    user = credentials.account(url)
    return (user, credentials.password(url) or "") if user else None


class WebDAVTransport:
    def __init__(self, url: str):
        parsed = urllib.parse.urlsplit(url)
        scheme = {"webdav": "http", "webdavs": "https"}.get(parsed.scheme, parsed.scheme)
        if scheme not in ("http", "https"):
            raise SyncError(f"{url} is not a WebDAV address.")
        host = parsed.hostname or ""
        if parsed.port:
            host += f":{parsed.port}"
        path = parsed.path.rstrip("/") + "/"
        self.base = urllib.parse.urlunsplit((scheme, host, path, "", ""))
        self._auth = _credentials(url)
        self.description = urllib.parse.urlunsplit((parsed.scheme, host, path, "", ""))

    # -- http -------------------------------------------------------------------------------
    def _url(self, name: str) -> str:
        if name.startswith("/") or ".." in name.split("/"):
            raise ValueError(f"not a relative name: {name}")
        return self.base + urllib.parse.quote(name)

    def _request(
        self, method: str, url: str, data: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, bytes]:
        req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
        if self._auth:
            token = base64.b64encode(f"{self._auth[0]}:{self._auth[1]}".encode()).decode()
            req.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(req, timeout=_TIMEOUT) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            if exc.code in (401, 403):
                raise SyncError(
                    f"{self.description} refused the account (HTTP {exc.code}); check the user "
                    "name and password."
                ) from None
            return exc.code, exc.read()
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise SyncError(
                f"{self.description} cannot be reached ({reason}); local changes are kept and go "
                "out at the next sync."
            ) from None

    # -- Transport --------------------------------------------------------------------------
    def check(self) -> None:
        status, _body = self._request("PROPFIND", self.base, b"", {"Depth": "0"})
        if status == 404:
            status, _body = self._request("MKCOL", self.base)
            if status not in (201, 405):
                raise SyncError(f"{self.description} has no such folder (HTTP {status}).")
        elif status != 207:
            raise SyncError(f"{self.description} is not a WebDAV folder (HTTP {status}).")

    def read(self, name: str) -> bytes | None:
        status, body = self._request("GET", self._url(name))
        if status == 404:
            return None
        if status != 200:
            raise SyncError(f"Cannot read {name} from {self.description} (HTTP {status}).")
        return body

    def _mkdirs(self, folder: str) -> None:
        parts = [p for p in folder.split("/") if p]
        for i in range(1, len(parts) + 1):
            status, _ = self._request("MKCOL", self._url("/".join(parts[:i])) + "/")
            if status not in (201, 405, 301):
                raise SyncError(
                    f"Cannot make the folder {'/'.join(parts[:i])} in {self.description} "
                    f"(HTTP {status})."
                )

    def write(self, name: str, data: bytes) -> None:
        folder, _, base = name.rpartition("/")
        if folder:
            self._mkdirs(folder)
        tmp = f"{folder + '/' if folder else ''}.{base}.{secrets.token_hex(4)}.tmp"
        status, _ = self._request(
            "PUT", self._url(tmp), data, {"Content-Type": "application/octet-stream"}
        )
        if status not in (200, 201, 204):
            raise SyncError(
                f"Cannot write {name} to {self.description} (HTTP {status}); local changes are "
                "kept and go out at the next sync."
            )
        status, _ = self._request(
            "MOVE", self._url(tmp), None, {"Destination": self._url(name), "Overwrite": "T"}
        )
        if status not in (201, 204):
            self._request("DELETE", self._url(tmp))
            raise SyncError(
                f"Cannot rename {name} into place on {self.description} (HTTP {status})."
            )

    def delete(self, name: str) -> None:
        status, _ = self._request("DELETE", self._url(name))
        if status not in (200, 202, 204, 404):
            raise SyncError(f"Cannot remove {name} from {self.description} (HTTP {status}).")

    def _entries(self, folder: str) -> list[tuple[str, bool]]:
        url = self._url(folder) + "/" if folder else self.base
        body = (
            b'<?xml version="1.0" encoding="utf-8"?><propfind xmlns="DAV:"><prop>'
            b"<resourcetype/></prop></propfind>"
        )
        status, data = self._request(
            "PROPFIND", url, body, {"Depth": "1", "Content-Type": "application/xml"}
        )
        if status == 404:
            return []
        if status != 207:
            raise SyncError(f"Cannot list {folder or '/'} on {self.description} (HTTP {status}).")
        own = urllib.parse.urlsplit(url).path.rstrip("/")
        out = []
        for resp in ET.fromstring(data).iter(f"{_DAV}response"):
            href = resp.findtext(f"{_DAV}href") or ""
            path = urllib.parse.unquote(urllib.parse.urlsplit(href).path).rstrip("/")
            if path == urllib.parse.unquote(own) or not path:
                continue
            is_dir = resp.find(f".//{_DAV}resourcetype/{_DAV}collection") is not None
            out.append((path.rsplit("/", 1)[-1], is_dir))
        return out

    def list(self, folder: str) -> list[str]:
        return sorted(n for n, d in self._entries(folder) if not d and not is_ignored(n))

    def folders(self, folder: str) -> builtins.list[str]:  # `list` is the method here
        return sorted(n for n, d in self._entries(folder) if d and not is_ignored(n))
