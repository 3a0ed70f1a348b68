"""The studio's membership: which laptops may write, signed by the owner's device key.

``membership.json`` in the shared place holds ``{"body": {...}, "signature": base64}``; the body
is ``{"format": 1, "studio", "version", "owner", "devices": {device: {"key", "name",
"added"}}, "removed": {device: {"key", "name", "removed", "last_number"}}}``. Every laptop checks
the signature against the owner's public key it got with the studio key; a removed laptop's
segments numbered after ``last_number`` are refused. A laptop asks to join by writing
``requests/<device>.req`` sealed with the studio key; the owner's next sync admits it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from studio.sync.keys import SyncError, b64, unb64

NAME = "membership.json"
REQUESTS = "requests"


@dataclass
class Membership:
    studio: str
    owner: str
    version: int = 1
    devices: dict[str, dict] = field(default_factory=dict)
    removed: dict[str, dict] = field(default_factory=dict)
    #: the studio key's generation new segments are sealed with (see studio.sync.rotation)
    generation: int = 0
    key_checks: dict[str, str] = field(default_factory=dict)

    def body(self) -> dict:
        rotated = {"generation": self.generation, "key_checks": self.key_checks}
        return {
            "format": 1,
            "studio": self.studio,
            "version": self.version,
            "owner": self.owner,
            "devices": self.devices,
            "removed": self.removed,
            **(rotated if self.generation else {}),
        }

    def sign(self, signer: Ed25519PrivateKey) -> bytes:
        body = self.body()
        sig = signer.sign(_canonical(body))
        return (json.dumps({"body": body, "signature": b64(sig)}, indent=1) + "\n").encode()

    @classmethod
    def parse(cls, data: bytes, owner_key: bytes, studio_id: str) -> Membership:
        try:
            doc = json.loads(data)
            body, sig = doc["body"], unb64(doc["signature"])
            Ed25519PublicKey.from_public_bytes(owner_key).verify(sig, _canonical(body))
            if body["studio"] != studio_id:
                raise SyncError("The shared place holds another studio (its id differs).")
            return cls(
                studio=body["studio"],
                owner=body["owner"],
                version=int(body["version"]),
                devices=dict(body["devices"]),
                removed=dict(body.get("removed", {})),
                generation=int(body.get("generation", 0)),
                key_checks=dict(body.get("key_checks", {})),
            )
        except InvalidSignature:
            raise SyncError(
                "The studio's membership file is not signed by the owner (tampered or forged); "
                "nothing was exchanged."
            ) from None
        except (ValueError, KeyError, TypeError) as exc:
            raise SyncError(f"The studio's membership file is malformed ({exc}).") from None

    def key_of(self, device: str) -> bytes | None:
        entry = self.devices.get(device) or self.removed.get(device)
        return unb64(entry["key"]) if entry else None


def _canonical(body: dict) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def request_name(device: str) -> str:
    return f"{REQUESTS}/{device}.req"


def seal_request(
    studio_key: bytes, device: str, public_key: bytes, name: str, nonce: bytes
) -> bytes:
    """A join request only a holder of the studio key can write."""
    body = json.dumps({"device": device, "key": b64(public_key), "name": name}).encode()
    return nonce + AESGCM(studio_key).encrypt(nonce, body, b"travel-studio join request")


def open_request(studio_key: bytes, data: bytes) -> dict | None:
    """The request's ``{"device", "key", "name"}``, or None if it is not sealed with our key."""
    try:
        body = AESGCM(studio_key).decrypt(data[:12], data[12:], b"travel-studio join request")
        req = json.loads(body)
        if len(unb64(req["key"])) != 32:
            return None
        return {"device": str(req["device"]), "key": req["key"], "name": str(req.get("name", ""))}
    except (InvalidTag, ValueError, KeyError, TypeError):
        return None
