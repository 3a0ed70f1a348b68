"""This laptop's keys for a shared studio: its device signing key and the studio key.

They live in ``sharing.json`` in the data directory, readable by the owner of the file only
(0600). Keeping them in the system keychain, and encrypting the studio at rest, is issue 13.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from studio.errors import StudioError

KEYS_NAME = "sharing.json"
KEY_FILE_FORMAT = "travel-studio-studio-key"


class SyncError(StudioError):
    """Sharing cannot go on (no keys, wrong key, unreachable place); the message says why."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass
class StudioKey:
    """What a laptop needs to join: the studio's id, its key and the owner's public key."""

    studio_id: str
    key: bytes  # AES-256-GCM, 32 bytes
    owner_key: bytes  # Ed25519 public key, raw 32 bytes

    @classmethod
    def new(cls, studio_id: str, owner_key: bytes) -> StudioKey:
        return cls(studio_id, secrets.token_bytes(32), owner_key)

    def fingerprint(self) -> str:
        """A short code to compare by eye or by phone: the key file is the right one."""
        from hashlib import sha256

        digest = sha256(self.studio_id.encode() + self.key + self.owner_key).digest()
        code = base64.b32encode(digest[:10]).decode("ascii")
        return "-".join(code[i : i + 4] for i in range(0, 16, 4))

    def to_json(self) -> dict:
        return {
            "format": KEY_FILE_FORMAT,
            "studio": self.studio_id,
            "key": b64(self.key),
            "owner_key": b64(self.owner_key),
        }

    @classmethod
    def from_json(cls, data: dict, where: str) -> StudioKey:
        try:
            if data.get("format") != KEY_FILE_FORMAT:
                raise ValueError
            key = cls(data["studio"], unb64(data["key"]), unb64(data["owner_key"]))
            if len(key.key) != 32 or len(key.owner_key) != 32:
                raise ValueError
            return key
        except (ValueError, KeyError, TypeError, AttributeError):
            raise SyncError(f"{where} is not a Travel Studio studio key file.") from None

    def write(self, path: Path) -> None:
        write_private(path, json.dumps(self.to_json(), indent=1) + "\n")

    @classmethod
    def read(cls, path: Path) -> StudioKey:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SyncError(f"There is no key file {path}.") from None
        except (OSError, ValueError) as exc:
            raise SyncError(f"Cannot read the key file {path}: {exc}.") from None
        if not isinstance(data, dict):
            raise SyncError(f"{path} is not a Travel Studio studio key file.")
        return cls.from_json(data, str(path))


@dataclass
class LocalKeys:
    """A laptop's sharing state kept beside its studio: keys, role and the place."""

    device_id: str
    device_key: bytes  # Ed25519 private key, raw 32 bytes
    studio: StudioKey
    place: str
    owner: bool = False

    @property
    def signer(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.device_key)

    @property
    def public_key(self) -> bytes:
        return public_bytes(self.signer.public_key())

    def save(self, data_dir: Path) -> None:
        body = asdict(self)
        body["device_key"] = b64(self.device_key)
        body["studio"] = self.studio.to_json()
        write_private(data_dir / KEYS_NAME, json.dumps(body, indent=1) + "\n")

    @classmethod
    def load(cls, data_dir: Path) -> LocalKeys | None:
        path = data_dir / KEYS_NAME
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                device_id=data["device_id"],
                device_key=unb64(data["device_key"]),
                studio=StudioKey.from_json(data["studio"], str(path)),
                place=data["place"],
                owner=bool(data.get("owner")),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise SyncError(f"Cannot read this laptop's sharing keys in {path}: {exc}.") from None


def new_device_key() -> bytes:
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    return Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (0600), atomically."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
