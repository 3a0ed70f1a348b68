"""Generations of the studio key: rotated when the owner removes a laptop, handed to each laptop
sealed to it alone.

Every laptop has an X25519 key pair besides its Ed25519 signing key; its public half is in the
membership file (``devices[device]["kx"]``), put there by the owner from the laptop's join request
(signed by the laptop's device key). The studio key of generation 0 is the one in the key file the
studio was shared with; each removal makes a new generation. The owner hands generation ``g`` to
a laptop in ``keys/<g, 4 digits>/<device>.key``::

    {"body": {"format", "studio", "device", "generation", "ephemeral", "nonce", "sealed"},
     "signature": Ed25519 by the owner over the canonical body}

``sealed`` is the generation's key under AES-256-GCM with a key derived (HKDF-SHA256) from an
X25519 exchange between a one-time ephemeral key and the laptop's ``kx`` key; the rest of the
body is its associated data. The membership file names the current generation and a check value
of every generation's key (``key_checks``), so a laptop knows which key it holds and that a key
handed to it is the owner's. Segments name the generation they are sealed with in their header;
old segments stay readable with old keys. A removed laptop is handed no later generation, and a
join request sealed with a retired key is not admitted, so it cannot come back with its old key
file. This laptop's X25519 key and the generations it holds live in ``sharing-keyring.json``
(0600) beside ``sharing.json``.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from studio.sync import membership as mb
from studio.sync.keys import LocalKeys, StudioKey, SyncError, b64, unb64, write_private
from studio.sync.transport import Transport

KEYRING_NAME = "sharing-keyring.json"
KEYS_DIR = "keys"
_KEY_FILE_FORMAT = "travel-studio-sealed-key"
_REQUEST_FORMAT = "travel-studio-join-request-2"
_REQUEST_AAD = b"travel-studio join request"


def key_check(key: bytes) -> str:
    """A value naming a studio key without revealing it (in the signed membership file)."""
    return hashlib.sha256(b"travel-studio key check\x00" + key).hexdigest()[:32]


def key_file_name(generation: int, device: str) -> str:
    return f"{KEYS_DIR}/{generation:04d}/{device}.key"


def _canonical(body: dict) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _x25519_public(private: bytes) -> bytes:
    key = X25519PrivateKey.from_private_bytes(private)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def new_kx_key() -> bytes:
    """A new X25519 private key, raw 32 bytes."""
    return X25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )


@dataclass
class Keyring:
    """This laptop's X25519 key and the generations of the studio key it holds."""

    kx_key: bytes
    generations: dict[int, bytes] = field(default_factory=dict)

    @property
    def kx_public(self) -> bytes:
        return _x25519_public(self.kx_key)

    def key(self, generation: int) -> bytes | None:
        return self.generations.get(generation)

    def save(self, data_dir: Path) -> None:
        body = {
            "format": 1,
            "kx_key": b64(self.kx_key),
            "generations": {str(g): b64(k) for g, k in sorted(self.generations.items())},
        }
        write_private(Path(data_dir) / KEYRING_NAME, json.dumps(body, indent=1) + "\n")

    @classmethod
    def load(cls, data_dir: Path, keys: LocalKeys) -> Keyring:
        """The keyring beside ``sharing.json``; made (generation 0 = the key file's key, a new
        X25519 key) for a laptop shared before key generations existed."""
        path = Path(data_dir) / KEYRING_NAME
        if not path.exists():
            ring = cls(new_kx_key(), {0: keys.studio.key})
            ring.save(data_dir)
            return ring
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            gens = {int(g): unb64(k) for g, k in data["generations"].items()}
            return cls(unb64(data["kx_key"]), gens)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SyncError(f"Cannot read this laptop's studio keys in {path}: {exc}.") from None


def load_keyring(data_dir: Path, keys: LocalKeys) -> Keyring:
    """This laptop's keyring (see :meth:`Keyring.load`)."""
    return Keyring.load(data_dir, keys)


# -- what the membership file says ----------------------------------------------------------
def current_generation(members: mb.Membership) -> int:
    return members.generation


def generation_of(members: mb.Membership, key: bytes) -> int | None:
    """The generation ``key`` is in this studio (0 when it never rotated), None if none."""
    checks: dict[str, str] = members.key_checks
    if not checks:
        return 0 if current_generation(members) == 0 else None
    wanted = key_check(key)
    for gen, check in checks.items():
        if check == wanted:
            return int(gen)
    return None


def join_generation(members: mb.Membership, key: bytes) -> int:
    """The generation a joining laptop's key file holds; refuses a retired or foreign key."""
    gen = generation_of(members, key)
    if gen is None:
        raise SyncError(
            "This key file does not open the shared studio (another studio's, or damaged)."
        )
    if gen != current_generation(members):
        raise SyncError(
            "This key file holds a retired studio key (the owner removed a laptop since); ask "
            "the owner's laptop for a new key file (“travel-studio share key-file KEY”)."
        )
    return gen


# -- join requests: signed by the laptop, sealed with the current studio key ----------------
def seal_join_request(
    keys: LocalKeys, ring: Keyring, name: str, studio_key: bytes, studio_id: str
) -> bytes:
    """A request to join (or to publish this laptop's X25519 key), signed by its device key."""
    body = {
        "format": _REQUEST_FORMAT,
        "studio": studio_id,
        "device": keys.device_id,
        "key": b64(keys.public_key),
        "kx": b64(ring.kx_public),
        "name": name,
    }
    doc = {"body": body, "signature": b64(keys.signer.sign(_canonical(body)))}
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(studio_key).encrypt(nonce, json.dumps(doc).encode(), _REQUEST_AAD)


def open_join_request(studio_key: bytes, data: bytes, studio_id: str) -> dict | None:
    """``{"device", "key", "kx", "name", "signed"}`` of a request sealed with ``studio_key``, or
    None. A request of the first format (no X25519 key, not signed) has ``kx`` None."""
    try:
        doc = json.loads(AESGCM(studio_key).decrypt(data[:12], data[12:], _REQUEST_AAD))
    except (InvalidTag, ValueError, TypeError):
        return None
    if isinstance(doc, dict) and "body" in doc:
        try:
            body, sig = doc["body"], unb64(doc["signature"])
            if body.get("format") != _REQUEST_FORMAT or body.get("studio") != studio_id:
                return None
            key, kx = unb64(body["key"]), unb64(body["kx"])
            if len(key) != 32 or len(kx) != 32:
                return None
            Ed25519PublicKey.from_public_bytes(key).verify(sig, _canonical(body))
            return {
                "device": str(body["device"]),
                "key": body["key"],
                "kx": body["kx"],
                "name": str(body.get("name", "")),
                "signed": True,
            }
        except (InvalidSignature, ValueError, KeyError, TypeError, AttributeError):
            return None
    old = mb.open_request(studio_key, data)
    return None if old is None else {**old, "kx": None, "signed": False}


# -- a generation's key, sealed to one laptop -----------------------------------------------
def _wrapping_key(shared: bytes, studio_id: str, device: str, generation: int) -> bytes:
    info = f"travel-studio studio key|{studio_id}|{device}|{generation}".encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)


def seal_key(
    keys: LocalKeys, device: str, kx_public: bytes, generation: int, studio_key: bytes
) -> bytes:
    """The file handing ``studio_key`` (of ``generation``) to ``device``, signed by the owner."""
    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(kx_public))
    studio_id = keys.studio.studio_id
    nonce = secrets.token_bytes(12)
    body: dict[str, object] = {
        "format": _KEY_FILE_FORMAT,
        "studio": studio_id,
        "device": device,
        "generation": generation,
        "kx": b64(kx_public),
        "check": key_check(studio_key),
        "ephemeral": b64(ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)),
        "nonce": b64(nonce),
    }
    wrap = AESGCM(_wrapping_key(shared, studio_id, device, generation))
    body["sealed"] = b64(wrap.encrypt(nonce, studio_key, _canonical(body)))
    doc = {"body": body, "signature": b64(keys.signer.sign(_canonical(body)))}
    return (json.dumps(doc, indent=1) + "\n").encode()


def open_key(
    data: bytes, owner_key: bytes, studio_id: str, device: str, generation: int, kx_key: bytes
) -> bytes:
    """The studio key of ``generation`` from its file for ``device``; SyncError if it is not the
    owner's, not for this laptop, or damaged."""
    try:
        doc = json.loads(data)
        body, sig = doc["body"], unb64(doc["signature"])
        Ed25519PublicKey.from_public_bytes(owner_key).verify(sig, _canonical(body))
        if (
            body.get("format") != _KEY_FILE_FORMAT
            or body["studio"] != studio_id
            or body["device"] != device
            or body["generation"] != generation
        ):
            raise ValueError("it names another studio, laptop or generation")
        aad = _canonical({k: v for k, v in body.items() if k != "sealed"})
        private = X25519PrivateKey.from_private_bytes(kx_key)
        shared = private.exchange(X25519PublicKey.from_public_bytes(unb64(body["ephemeral"])))
        wrap = AESGCM(_wrapping_key(shared, studio_id, device, generation))
        return wrap.decrypt(unb64(body["nonce"]), unb64(body["sealed"]), aad)
    except InvalidSignature:
        raise SyncError(
            f"The key file {key_file_name(generation, device)} is not signed by the owner "
            "(tampered or forged); it was not used."
        ) from None
    except InvalidTag:
        raise SyncError(
            f"The key file {key_file_name(generation, device)} cannot be opened by this laptop."
        ) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SyncError(
            f"The key file {key_file_name(generation, device)} is malformed ({exc})."
        ) from None


# -- what a sync does with generations ------------------------------------------------------
def deliver(t: Transport, keys: LocalKeys, ring: Keyring, members: mb.Membership) -> list[str]:
    """Owner: hand every generation to every laptop that has an X25519 key and lacks its file.
    Returns the names written."""
    written: list[str] = []
    gens = range(current_generation(members) + 1)
    if current_generation(members) == 0:
        return written  # the key file is the key: nothing to hand out
    for gen in gens:
        key = ring.key(gen)
        if key is None:
            raise SyncError(f"The owner's laptop lacks the studio key of generation {gen}.")
        present = set(t.list(f"{KEYS_DIR}/{gen:04d}"))
        for device, entry in members.devices.items():
            if device == keys.device_id or not entry.get("kx"):
                continue
            name = key_file_name(gen, device)
            if f"{device}.key" in present and _signed_for(
                t.read(name), keys, device, gen, entry["kx"], key_check(key)
            ):
                continue  # handed out already (one not signed by the owner is replaced)
            t.write(name, seal_key(keys, device, unb64(entry["kx"]), gen, key))
            written.append(name)
    return written


def _signed_for(
    data: bytes | None, keys: LocalKeys, device: str, gen: int, kx: str, check: str
) -> bool:
    """True for a key file the owner signed, for this laptop, generation, X25519 key and key."""
    try:
        doc = json.loads(data or b"")
        body = doc["body"]
        Ed25519PublicKey.from_public_bytes(keys.public_key).verify(
            unb64(doc["signature"]), _canonical(body)
        )
        return bool(
            body["device"] == device
            and body["generation"] == gen
            and body["kx"] == kx
            and body["check"] == check
        )
    except (InvalidSignature, ValueError, KeyError, TypeError, AttributeError):
        return False


def refresh(
    t: Transport,
    keys: LocalKeys,
    ring: Keyring,
    members: mb.Membership,
    data_dir: Path,
    problems: list[dict] | None = None,
) -> list[int]:
    """A laptop: take the generations handed to it that it does not hold yet (each checked
    against the membership's check value). Returns the generations taken; a key file that is not
    the owner's or does not open is left unused and named in ``problems`` (``{"file",
    "device", "reason"}``, as a sync report's refusals)."""
    checks: dict[str, str] = members.key_checks
    taken: list[int] = []
    for gen_text, check in sorted(checks.items(), key=lambda kv: int(kv[0])):
        gen = int(gen_text)
        if gen in ring.generations:
            continue
        data = t.read(key_file_name(gen, keys.device_id))
        if data is None:
            continue
        name = key_file_name(gen, keys.device_id)
        try:
            key = open_key(
                data, keys.studio.owner_key, keys.studio.studio_id, keys.device_id, gen, ring.kx_key
            )
            if key_check(key) != check:
                raise SyncError(
                    f"The key file {name} holds another key than the membership file names "
                    "(tampered); it was not used."
                )
        except SyncError as exc:
            if problems is not None:
                problems.append({"file": name, "device": members.owner, "reason": str(exc)})
            continue
        ring.generations[gen] = key
        taken.append(gen)
    if taken:
        ring.save(data_dir)
    return taken


def sending_key(ring: Keyring, members: mb.Membership) -> tuple[int, bytes] | None:
    """The generation and key new segments are sealed with, or None while this laptop waits for
    the owner to hand it the current one."""
    gen = current_generation(members)
    key = ring.key(gen)
    return None if key is None else (gen, key)


def rotate(
    t: Transport, keys: LocalKeys, ring: Keyring, members: mb.Membership, data_dir: Path
) -> int:
    """Owner: make a new generation of the studio key, hand it to every laptop still a member,
    and name it in ``members`` (the caller signs and writes the membership file). The new key is
    kept in this laptop's keyring before anything goes out, and a rotation that failed half-way
    (the place gone before the membership file was written) reuses it when tried again; the key
    files go out before the membership file, so a laptop reading it finds its key."""
    old = current_generation(members)
    checks: dict[str, str] = dict(members.key_checks)
    for gen in range(old + 1):
        key = ring.key(gen)
        if key is None:
            raise SyncError(f"The owner's laptop lacks the studio key of generation {gen}.")
        checks.setdefault(str(gen), key_check(key))
    new = old + 1
    if new not in ring.generations:
        ring.generations[new] = secrets.token_bytes(32)
        ring.save(data_dir)
    checks[str(new)] = key_check(ring.generations[new])
    members.generation = new
    members.key_checks = checks
    deliver(t, keys, ring, members)
    return new


def key_file(keys: LocalKeys, ring: Keyring, members: mb.Membership) -> StudioKey:
    """A key file for a new laptop: the current generation's key."""
    sending = sending_key(ring, members)
    if sending is None:
        raise SyncError("This laptop does not hold the studio's current key yet; sync first.")
    return StudioKey(keys.studio.studio_id, sending[1], keys.studio.owner_key)
