"""Where a WebDAV place's password comes from; it is never written anywhere by Travel Studio.

In order: the URL itself (``webdavs://user:password@host/…``, typed once, never kept), the
environment variable ``TRAVEL_STUDIO_WEBDAV_PASSWORD``, the file named by
``TRAVEL_STUDIO_WEBDAV_PASSWORD_FILE`` (its first line; for scripts and services), what the app
was told in this session (asked once in a dialog), and the operating system's keychain when one
is there and the user chose *Remember on this laptop* (macOS Keychain, Windows Credential
Locker, the Secret Service of GNOME or KDE, through ``keyring``). Without a keychain (a server,
a minimal Linux) nothing is remembered: the app asks again after a restart, scripts use the
variable or the file. The account comes from the URL's user name or
``TRAVEL_STUDIO_WEBDAV_USER``.
"""

from __future__ import annotations

import os
import threading
import urllib.parse
from pathlib import Path

from studio.sync.keys import SyncError

ENV_USER = "TRAVEL_STUDIO_WEBDAV_USER"
ENV_PASSWORD = "TRAVEL_STUDIO_WEBDAV_PASSWORD"
ENV_PASSWORD_FILE = "TRAVEL_STUDIO_WEBDAV_PASSWORD_FILE"
#: The keychain entry's service name (the account is ``user@address``).
KEYCHAIN_SERVICE = "Travel Studio WebDAV"

_session: dict[str, str] = {}
_lock = threading.Lock()


def is_webdav(place: str | None) -> bool:
    """True for a ``webdav(s)://`` (or ``http(s)://``) place."""
    scheme = urllib.parse.urlsplit(place or "").scheme.lower()
    return scheme in ("webdav", "webdavs", "http", "https")


def account(place: str) -> str:
    """The place's user name: from the URL, else ``TRAVEL_STUDIO_WEBDAV_USER``."""
    parts = urllib.parse.urlsplit(place)
    return urllib.parse.unquote(parts.username or "") or os.environ.get(ENV_USER, "")


def address(place: str) -> str:
    """The place without its account: what one password belongs to (with the user name)."""
    parts = urllib.parse.urlsplit(place)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme.lower(), host, parts.path.rstrip("/"), "", ""))


def _entry(place: str, user: str | None = None) -> str:
    return f"{user if user is not None else account(place)}@{address(place)}"


def password(place: str) -> str | None:
    """The password for ``place`` from the first source that has one (see the module), or None."""
    parts = urllib.parse.urlsplit(place)
    if parts.password:
        return urllib.parse.unquote(parts.password)
    if os.environ.get(ENV_PASSWORD):
        return os.environ[ENV_PASSWORD]
    pw_file = os.environ.get(ENV_PASSWORD_FILE)
    if pw_file:
        try:
            lines = Path(pw_file).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise SyncError(
                f"Cannot read the WebDAV password file {pw_file}: {exc.strerror or exc}."
            ) from None
        if lines and lines[0].strip():
            return lines[0].strip()
    with _lock:
        told = _session.get(_entry(place))
    if told:
        return told
    return _from_keychain(_entry(place))


def needs_password(place: str | None) -> bool:
    """True for a WebDAV place with an account and no password from any source (the app asks)."""
    if not place or not is_webdav(place) or not account(place):
        return False
    try:
        return password(place) is None
    except SyncError:
        return False  # a password file that cannot be read: the sync names it


def use_for_session(place: str, secret: str, *, remember: bool = False) -> bool:
    """Use ``secret`` for ``place`` while this process runs; with ``remember``, also keep it in
    the keychain when there is one. Returns whether it was kept in the keychain."""
    entry = _entry(place)
    with _lock:
        _session[entry] = secret
    if remember and keychain_available():
        return _to_keychain(entry, secret)
    return False


def forget(place: str) -> None:
    """Forget the password of ``place`` (this session's, and the keychain's): after the server
    refused it."""
    entry = _entry(place)
    with _lock:
        _session.pop(entry, None)
    if keychain_available():
        try:
            import keyring

            keyring.delete_password(KEYCHAIN_SERVICE, entry)
        except Exception:  # noqa: BLE001 - not there, or the keychain is locked: nothing to do
            pass


def keychain_available() -> bool:
    """True when the operating system has a keychain ``keyring`` can use: the same test the
    studio key's keychain uses (``$TRAVEL_STUDIO_KEYCHAIN=off`` keeps it out of both)."""
    from studio.store.keystore import keychain_problem

    return keychain_problem() is None


def _from_keychain(entry: str) -> str | None:
    if not keychain_available():
        return None
    try:
        import keyring

        found = keyring.get_password(KEYCHAIN_SERVICE, entry)
    except Exception:  # noqa: BLE001 - a locked or broken keychain: ask instead
        return None
    return found or None


def _to_keychain(entry: str, secret: str) -> bool:
    try:
        import keyring

        keyring.set_password(KEYCHAIN_SERVICE, entry, secret)
    except Exception:  # noqa: BLE001 - refused or locked: the password stays for this session
        return False
    return True
