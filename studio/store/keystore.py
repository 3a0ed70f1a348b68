"""Where an encrypted studio's key is kept: the OS keychain, or wrapped by a studio passphrase.

Each encrypted studio has a random raw 256-bit key and a small key file beside it,
``studio.key`` (JSON, readable by its owner only) that says where the key is:

- ``"holder": "keychain"``: in the operating system's keychain (Windows Credential Manager, macOS
  Keychain, Secret Service) through ``keyring``, under the key file's ``id``;
- ``"holder": "passphrase"``: in the key file itself, sealed with AES-256-GCM under a key
  encryption key derived from the studio passphrase with scrypt. Changing the passphrase seals the
  same raw key again: the studio file and its backups are not rewritten.

Scripts give the passphrase in a file: ``--passphrase-file FILE`` (see
:func:`use_passphrase_file`) or ``$TRAVEL_STUDIO_PASSPHRASE_FILE``. ``$TRAVEL_STUDIO_KEYCHAIN=off``
keeps the keychain out of it (a passphrase is used instead).
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from studio.errors import StoreError
from studio.store.crypto import KEY_BYTES

KEY_FILE = "studio.key"
ENV_PASSPHRASE_FILE = "TRAVEL_STUDIO_PASSPHRASE_FILE"
ENV_KEYCHAIN = "TRAVEL_STUDIO_KEYCHAIN"
KEYCHAIN_SERVICE = "Travel Studio"
MIN_PASSPHRASE = 8
_FORMAT = "travel-studio-key"
# scrypt at 2**15 × 8 takes about a tenth of a second and 32 MB: once per open, not per page.
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


class PassphraseNeededError(StoreError):
    """The studio is encrypted with a passphrase and none was given."""


class WrongPassphraseError(StoreError):
    """The passphrase given does not open the studio's key."""


class KeychainError(StoreError):
    """The keychain cannot be used, or it lacks this studio's key."""


@dataclass(frozen=True)
class KeyInfo:
    """What the key file says (never the key)."""

    id: str
    holder: str  # "keychain" or "passphrase"


_passphrase_file: Path | None = None


@contextmanager
def use_passphrase_file(path: str | os.PathLike | None) -> Iterator[None]:
    """While the block runs, studios opened without a passphrase read it from ``path``."""
    global _passphrase_file
    before = _passphrase_file
    _passphrase_file = Path(path) if path else before
    try:
        yield
    finally:
        _passphrase_file = before


def scripted_passphrase() -> str | None:
    """The passphrase from ``--passphrase-file`` or ``$TRAVEL_STUDIO_PASSPHRASE_FILE``, if any."""
    path = _passphrase_file or (
        Path(os.environ[ENV_PASSPHRASE_FILE]) if os.environ.get(ENV_PASSPHRASE_FILE) else None
    )
    if path is None:
        return None
    try:
        text = path.expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or "it is not UTF-8 text"
        raise StoreError(f"The passphrase file {path} cannot be read ({why}).") from None
    return text.rstrip("\r\n")


def key_file(data_dir: Path) -> Path:
    return data_dir / KEY_FILE


def has_key_file(data_dir: Path) -> bool:
    return key_file(data_dir).is_file()


def keychain_problem() -> str | None:
    """Why the OS keychain cannot hold the key on this computer (None when it can)."""
    if os.environ.get(ENV_KEYCHAIN, "").lower() in ("off", "0", "no"):
        return f"the keychain is switched off (${ENV_KEYCHAIN})"
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:  # pragma: no cover - a dependency
        return "the keyring package is not installed"
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - any backend failure means: no keychain
        return "this computer's keychain cannot be reached"
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return (
            "this computer has no keychain Travel Studio can use (no Secret Service, macOS "
            "Keychain or Windows Credential Manager was found)"
        )
    return None


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise StoreError(f"A studio passphrase needs at least {MIN_PASSPHRASE} characters.")


def read_info(data_dir: Path) -> KeyInfo:
    doc = _read(data_dir)
    return KeyInfo(doc["id"], doc["holder"])


def create(data_dir: Path, passphrase: str | None, *, target: Path | None = None) -> bytes:
    """A new random key for the studio in ``data_dir``, kept in the keychain (``passphrase``
    None) or wrapped by ``passphrase``; the key file is written to ``target`` (default
    ``studio.key``). Returns the raw key."""
    key = secrets.token_bytes(KEY_BYTES)
    key_id = secrets.token_hex(16)
    if passphrase is None:
        problem = keychain_problem()
        if problem:
            raise KeychainError(
                f"A studio passphrase is needed because {problem}; give one with "
                f"--passphrase-file FILE or ${ENV_PASSPHRASE_FILE}."
            )
        doc = {"format": _FORMAT, "version": 1, "id": key_id, "holder": "keychain"}
        _keychain_set(key_id, key)
    else:
        doc = _wrapped(key_id, key, passphrase)
    _write(target or key_file(data_dir), doc)
    return key


def unlock(data_dir: Path, passphrase: str | None = None) -> bytes:
    """The studio's raw key, from the keychain or unwrapped with the passphrase (given, or from
    the scripted passphrase file). Raises one sentence on a wrong or missing passphrase."""
    doc = _read(data_dir)
    if doc["holder"] == "keychain":
        return _keychain_get(doc["id"])
    if passphrase is None:
        passphrase = scripted_passphrase()
    if passphrase is None:
        raise PassphraseNeededError(
            "This studio is encrypted with a passphrase; type it, or give it with "
            f"--passphrase-file FILE or ${ENV_PASSPHRASE_FILE}."
        )
    return _unwrap(doc, passphrase)


def set_passphrase(data_dir: Path, key: bytes, passphrase: str) -> None:
    """Wrap the studio's (unlocked) ``key`` with a new ``passphrase``: only the key file changes.
    A key kept in the keychain moves into the key file (and leaves the keychain)."""
    check_passphrase(passphrase)
    old = _read(data_dir)
    _write(key_file(data_dir), _wrapped(old["id"], key, passphrase))
    if old["holder"] == "keychain":
        _keychain_delete(old["id"])


# -- the key file --------------------------------------------------------------------------------
def _wrapped(key_id: str, key: bytes, passphrase: str) -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    check_passphrase(passphrase)
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = _kek(passphrase, salt, _SCRYPT)
    sealed = AESGCM(kek).encrypt(nonce, key, _aad(key_id))
    return {
        "format": _FORMAT,
        "version": 1,
        "id": key_id,
        "holder": "passphrase",
        "kdf": {"name": "scrypt", **_SCRYPT, "salt": _b64(salt)},
        "nonce": _b64(nonce),
        "wrapped": _b64(sealed),
    }


def _unwrap(doc: dict, passphrase: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        kdf = doc["kdf"]
        params = {"n": int(kdf["n"]), "r": int(kdf["r"]), "p": int(kdf["p"])}
        kek = _kek(passphrase, base64.b64decode(kdf["salt"]), params)
        key = AESGCM(kek).decrypt(
            base64.b64decode(doc["nonce"]), base64.b64decode(doc["wrapped"]), _aad(doc["id"])
        )
    except InvalidTag:
        raise WrongPassphraseError(
            "The passphrase is wrong; the studio was not opened and was left untouched."
        ) from None
    except (KeyError, ValueError, TypeError):
        raise StoreError(f"The key file {KEY_FILE} is damaged; restore it from a backup.") from None
    return key


def _kek(passphrase: str, salt: bytes, params: dict) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"]).derive(
        passphrase.encode("utf-8")
    )


def _aad(key_id: str) -> bytes:
    return f"{_FORMAT}:1:{key_id}".encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _read(data_dir: Path) -> dict:
    path = key_file(data_dir)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(
            f"This studio is encrypted but its key file {path} is missing; put it back "
            "(from where the studio came from) to open it."
        ) from None
    except (OSError, ValueError) as exc:
        why = getattr(exc, "strerror", None) or "it is not a key file"
        raise StoreError(f"The key file {path} cannot be read ({why}).") from None
    if (
        not isinstance(doc, dict)
        or doc.get("format") != _FORMAT
        or doc.get("holder") not in ("keychain", "passphrase")
        or not isinstance(doc.get("id"), str)
    ):
        raise StoreError(f"The key file {path} is not a Travel Studio key file.")
    return doc


def _write(path: Path, doc: dict) -> None:
    """Write the key file whole, readable by its owner only."""
    tmp = path.with_name(f".{path.name}.partial")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# -- the keychain --------------------------------------------------------------------------------
def _keychain_set(key_id: str, key: bytes) -> None:
    import keyring

    try:
        keyring.set_password(KEYCHAIN_SERVICE, key_id, key.hex())
    except Exception as exc:  # noqa: BLE001 - a backend's own error becomes our sentence
        raise KeychainError(f"The keychain refused to keep the studio key ({exc}).") from None


def _keychain_get(key_id: str) -> bytes:
    problem = keychain_problem()
    if problem:
        raise KeychainError(
            f"This studio's key is kept in a keychain, but {problem}; open it on the laptop "
            "that encrypted it."
        )
    import keyring

    try:
        value = keyring.get_password(KEYCHAIN_SERVICE, key_id)
    except Exception as exc:  # noqa: BLE001
        raise KeychainError(f"The keychain cannot be read ({exc}).") from None
    if not value:
        raise KeychainError(
            "This studio's key is not in this computer's keychain; open it on the laptop that "
            "encrypted it."
        )
    try:
        key = bytes.fromhex(value)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise KeychainError("The studio key in the keychain is damaged.")
    return key


def _keychain_delete(key_id: str) -> None:
    import keyring

    try:
        keyring.delete_password(KEYCHAIN_SERVICE, key_id)
    except Exception:  # noqa: BLE001, S110 - a key left behind in the keychain harms nothing
        pass
