"""A segment: journal records one laptop wrote since its previous segment, sealed and signed.

File layout (all integers big-endian)::

    magic   8 bytes   b"TSSEG\\x00\\x00\\x01"
    hlen    4 bytes   length of the header
    header  hlen      UTF-8 JSON, keys sorted (see :class:`Header`)
    clen    8 bytes   length of the ciphertext
    sealed  clen      AES-256-GCM (studio key, header's nonce) of the zlib-compressed payload,
                      with magic + hlen + header as associated data
    sig     64 bytes  Ed25519 signature by the device over everything before it

The payload is JSON: a list of transactions ``{"tx", "advisor_id", "device_id", "wall_time",
"records": [[hlc, op, table, row_id, field, old, new], ...]}``. The name of the file is
``journal/<device>/<number, 8 digits>.seg``; ``prev`` names the SHA-256 of the previous
segment's file, so a missing, replaced or replayed segment shows. The header's ``generation`` names the
generation of the studio key it is sealed with (absent, read as 0, before the first rotation; see
:mod:`studio.sync.rotation`).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import struct
import zlib
from dataclasses import asdict, dataclass, fields

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from studio.sync.keys import b64, unb64

MAGIC = b"TSSEG\x00\x00\x01"
FORMAT = 1
_SIG = 64
_MAX_HEADER = 16 * 1024
_RECORD_FIELDS = ("hlc", "op", "table_name", "row_id", "field", "old", "new")
_TX_FIELDS = ("tx", "advisor_id", "device_id", "wall_time")


class SegmentError(Exception):
    """A segment that cannot be applied; ``reason`` says why in a few words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Truncated(SegmentError):
    """The file is shorter than it says: a partial download, retried when it is whole."""


class Refused(SegmentError):
    """Tampered, forged, malformed or not allowed: never applied."""


@dataclass(frozen=True)
class Header:
    format: int
    studio: str  # the studio's id
    device: str  # the laptop that wrote it
    number: int  # 1, 2, 3… per device
    prev: str  # hex SHA-256 of segment number - 1 ("" for the first)
    schema: str  # the writer's schema revision
    records: int  # journal records inside
    first: str  # lowest clock stamp inside
    last: str  # highest clock stamp inside
    max_wall: int  # the highest wall time (ms) of any stamp inside
    created: str  # wall time of writing, ISO UTC
    nonce: str  # base64, 12 bytes
    generation: int = 0  # the studio key's generation it is sealed with (left out when 0)
    app: str = ""  # the Travel Studio version that wrote it (left out when unknown)

    def encode(self) -> bytes:
        body = asdict(self)
        if not self.generation:
            del body["generation"]  # a segment from before key generations reads the same
        if not self.app:
            del body["app"]
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def file_name(device: str, number: int) -> str:
    return f"journal/{device}/{number:08d}.seg"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encode_records(records: list[dict]) -> bytes:
    """The compressed payload for flat journal records, grouped by transaction."""
    groups: dict[tuple, list] = {}
    for rec in records:
        key = tuple(rec[k] for k in _TX_FIELDS)
        groups.setdefault(key, []).append([rec[k] for k in _RECORD_FIELDS])
    body = [
        {**dict(zip(_TX_FIELDS, key, strict=True)), "records": recs} for key, recs in groups.items()
    ]
    return zlib.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(), 6)


def decode_records(payload: bytes) -> list[dict]:
    try:
        body = json.loads(zlib.decompress(payload))
        out = []
        keys, width = (*_RECORD_FIELDS, *_TX_FIELDS), len(_RECORD_FIELDS)
        for group in body:
            facts = [group[k] for k in _TX_FIELDS]
            for rec in group["records"]:
                if type(rec) is not list or len(rec) != width:
                    raise ValueError("a record of the wrong length")
                rec.extend(facts)
                out.append(dict(zip(keys, rec, strict=True)))
        return out
    except (ValueError, KeyError, TypeError, zlib.error) as exc:
        raise Refused(f"its contents are malformed ({exc})") from None


def seal(header: Header, payload: bytes, studio_key: bytes, signer: Ed25519PrivateKey) -> bytes:
    """The segment file's bytes."""
    head = header.encode()
    aad = MAGIC + struct.pack(">I", len(head)) + head
    sealed = AESGCM(studio_key).encrypt(unb64(header.nonce), payload, aad)
    body = aad + struct.pack(">Q", len(sealed)) + sealed
    return body + signer.sign(body)


def new_nonce() -> str:
    return b64(secrets.token_bytes(12))


def read_header(data: bytes) -> tuple[Header, bytes, bytes]:
    """``(header, signed body, signature)`` of a segment file, checking only its shape."""
    if len(data) < len(MAGIC) + 4:
        if MAGIC.startswith(data[: len(MAGIC)]):
            raise Truncated("the file is incomplete")
        raise Refused("it is not a Travel Studio segment")
    if data[: len(MAGIC)] != MAGIC:
        raise Refused("it is not a Travel Studio segment (or of an unknown format)")
    (hlen,) = struct.unpack(">I", data[8:12])
    if hlen > _MAX_HEADER:  # a damaged length, not a partial file: headers are small
        raise Refused("its header length is impossible (tampered)")
    end = 12 + hlen
    if len(data) < end + 8:
        raise Truncated("the file is incomplete")
    try:
        raw = json.loads(data[12:end])
        if not isinstance(raw, dict):
            raise ValueError("not an object")
        # Fields a newer version adds are signed with the rest and read by that version; this
        # one reads the fields it knows, so a newer laptop's segment is held, not refused.
        known = {f.name for f in fields(Header)}
        header = Header(**{k: v for k, v in raw.items() if k in known})
        if not isinstance(header.number, int) or header.number < 1:
            raise ValueError("bad number")
        if not isinstance(header.generation, int) or header.generation < 0:
            raise ValueError("bad key generation")
    except (ValueError, TypeError) as exc:
        raise Refused(f"its header is malformed ({exc})") from None
    (clen,) = struct.unpack(">Q", data[end : end + 8])
    total = end + 8 + clen + _SIG
    if len(data) < total:
        raise Truncated("the file is incomplete")
    if len(data) > total:
        raise Refused("it has bytes after its signature (tampered)")
    return header, data[: total - _SIG], data[total - _SIG :]


def verify(body: bytes, signature: bytes, public_key: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, body)
    except InvalidSignature:
        raise Refused(
            "its signature does not match its laptop's key (tampered or forged)"
        ) from None


def unseal(header: Header, body: bytes, studio_key: bytes) -> bytes:
    head = header.encode()
    aad_len = len(MAGIC) + 4 + len(head)
    aad = body[:aad_len]
    if aad[12:] != head:
        raise Refused("its header is not in the canonical form (tampered)")
    sealed = body[aad_len + 8 :]
    try:
        return AESGCM(studio_key).decrypt(unb64(header.nonce), sealed, aad)
    except (InvalidTag, ValueError):
        raise Refused(
            "it cannot be decrypted with the studio key (tampered, or another studio's)"
        ) from None
