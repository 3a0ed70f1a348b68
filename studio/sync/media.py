"""Photos travel: the memory books' photo files in the shared place, encrypted and
content-addressed, fetched when a laptop first needs them.

A photo is kept in this laptop's media folder as ``media/<sha[:2]>/<sha>.<ext>`` (see
:mod:`studio.services.media.files`); in the shared place as ``media/<sha[:2]>/<sha>.bin``::

    magic       8 bytes   b"TSMED\\x00\\x00\\x01"
    generation  4 bytes   big-endian: the studio key's generation it is sealed with
    nonce      12 bytes
    sealed      rest      AES-256-GCM of the file's bytes, with magic + generation + nonce + the
                          sha256 (hex) as associated data

After decryption the bytes' sha256 must be the name, so a file under another photo's name, a
partial one or a tampered one is never stored. Thumbnails and the memory book's caches stay local.
A laptop puts every photo it holds that the place lacks (remembering, in its local settings, which
are there already), and a sync fetches every live photo whose file this laptop lacks;
:func:`fetch_media` fetches one at once (the app, when it meets a missing photo file).
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import struct
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from studio import paths, sealed_files
from studio.errors import StudioError
from studio.store.database import Studio
from studio.sync import membership as mb
from studio.sync import rotation
from studio.sync.keys import LocalKeys, SyncError
from studio.sync.places import open_place
from studio.sync.transport import Transport

MAGIC = b"TSMED\x00\x00\x01"
PLACE_DIR = "media"
#: local setting: the photos this laptop knows are in the shared place
PLACED_SETTING = "sync_media_placed"
_HEAD = len(MAGIC) + 4 + 12
_SHA = re.compile(r"^[0-9a-f]{64}$")


class MediaError(SyncError):
    """A photo file in the shared place that cannot be used (the message names it)."""


@dataclass
class MediaReport:
    sent: int = 0
    fetched: int = 0
    #: photos this laptop needs that no laptop has put in the place yet
    waiting: list[str] = field(default_factory=list)
    refused: list[dict] = field(default_factory=list)  # {"file", "device", "reason"}


def place_name(sha256: str) -> str:
    return f"{PLACE_DIR}/{sha256[:2]}/{sha256}.bin"


def local_path(studio: Studio, sha256: str, ext: str) -> Path:
    """Where this laptop keeps a photo's bytes (as ``services.media.files.stored_path``)."""
    return studio.data_dir / paths.MEDIA_DIR / sha256[:2] / f"{sha256}.{ext}"


def seal_media(data: bytes, sha256: str, generation: int, key: bytes) -> bytes:
    nonce = secrets.token_bytes(12)
    head = MAGIC + struct.pack(">I", generation) + nonce
    return head + AESGCM(key).encrypt(nonce, data, head + sha256.encode("ascii"))


def media_generation(blob: bytes) -> int | None:
    """The key generation a photo file in the place is sealed with, None if it is not one."""
    if len(blob) < _HEAD or blob[: len(MAGIC)] != MAGIC:
        return None
    return int(struct.unpack(">I", blob[len(MAGIC) : len(MAGIC) + 4])[0])


def open_media(blob: bytes, sha256: str, key_of: dict[int, bytes]) -> bytes:
    """The photo's bytes, checked against their name; MediaError otherwise."""
    name = place_name(sha256)
    generation = media_generation(blob)
    if generation is None:
        raise MediaError(f"{name} is not a Travel Studio photo file (or is incomplete).")
    key = key_of.get(generation)
    if key is None:
        raise MediaError(
            f"{name} is sealed with the studio key of generation {generation}, which this "
            "laptop does not hold (yet)."
        )
    head = blob[:_HEAD]
    try:
        data = AESGCM(key).decrypt(head[-12:], blob[_HEAD:], head + sha256.encode("ascii"))
    except InvalidTag:
        raise MediaError(
            f"{name} cannot be decrypted (incomplete, tampered, or under another name)."
        ) from None
    if hashlib.sha256(data).hexdigest() != sha256:
        raise MediaError(f"{name} does not hold the photo its name says (tampered).")
    return data


def _rows(studio: Studio, live_only: bool) -> dict[str, str]:
    """sha256 → ext of the studio's photo rows (deleted ones too unless ``live_only``)."""
    where = " WHERE deleted_at IS NULL" if live_only else ""
    with studio.read() as conn:
        return {
            sha: ext
            for sha, ext in conn.exec_driver_sql(f"SELECT sha256, ext FROM trip_media{where}")
            if isinstance(sha, str) and _SHA.match(sha) and isinstance(ext, str) and ext
        }


def _placed(studio: Studio) -> set[str]:
    try:
        return set(json.loads(studio.setting(PLACED_SETTING) or "[]"))
    except ValueError:
        return set()


def _mark_placed(studio: Studio, placed: set[str]) -> None:
    studio.set_setting(PLACED_SETTING, json.dumps(sorted(placed)))


def _store(studio: Studio, sha256: str, ext: str, data: bytes) -> Path:
    target = local_path(studio, sha256, ext)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        sealed_files.write_bytes(target, data, studio.media_key)  # sealed when encrypted
    except (OSError, StudioError) as exc:
        raise SyncError(f"Cannot write the photo {target}: {exc}.") from None
    return target


def send_media(studio: Studio, t: Transport, ring: rotation.Keyring, members: mb.Membership) -> int:
    """Put in the place every photo this laptop holds that the place lacks; how many went."""
    sending = rotation.sending_key(ring, members)
    if sending is None:
        return 0  # waits for the studio's current key, as the journal does
    generation, key = sending
    placed = _placed(studio)
    candidates: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for sha, ext in _rows(studio, live_only=False).items():
        if sha in placed:
            continue
        path = local_path(studio, sha, ext)
        if path.is_file():
            candidates[sha[:2]].append((sha, path))
    sent = 0
    try:
        for prefix, items in sorted(candidates.items()):
            there = set(t.list(f"{PLACE_DIR}/{prefix}"))
            for sha, path in items:
                if f"{sha}.bin" not in there:
                    try:
                        data = sealed_files.read_bytes(path, studio.media_key)
                    except OSError:
                        continue  # unreadable here: never spread
                    if hashlib.sha256(data).hexdigest() != sha:
                        continue  # a damaged local file is never spread
                    t.write(place_name(sha), seal_media(data, sha, generation, key))
                    sent += 1
                placed.add(sha)
    finally:
        _mark_placed(studio, placed)
    return sent


def fetch_missing(studio: Studio, t: Transport, ring: rotation.Keyring) -> MediaReport:
    """Fetch every live photo whose file this laptop lacks (one bad file never stops the rest)."""
    report = MediaReport()
    placed = _placed(studio)
    try:
        for sha, ext in sorted(_rows(studio, live_only=True).items()):
            if local_path(studio, sha, ext).is_file():
                continue
            blob = t.read(place_name(sha))
            if blob is None:
                report.waiting.append(sha)
                continue
            try:
                _store(studio, sha, ext, open_media(blob, sha, ring.generations))
            except MediaError as exc:
                report.refused.append({"file": place_name(sha), "device": "", "reason": str(exc)})
                continue
            placed.add(sha)
            report.fetched += 1
    finally:
        _mark_placed(studio, placed)
    return report


def fetch_media(studio: Studio, sha256: str) -> Path | None:
    """Fetch one photo from the shared place into this laptop's media folder now.

    Returns its local path (at once if it is already here), or None when no laptop has put it
    in the place yet (or the studio is not shared). Raises :class:`SyncError` (a
    :class:`MediaError` for a bad file) with a message naming the problem: the place is not
    reachable, the file is tampered, or this laptop lacks its key."""
    rows = _rows(studio, live_only=False)
    ext = rows.get(sha256)
    if ext is None:
        raise SyncError(f"No photo of this studio has the checksum {sha256}.")
    target = local_path(studio, sha256, ext)
    if target.is_file():
        return target
    keys = LocalKeys.load(studio.data_dir)
    if keys is None:
        return None
    t = open_place(keys.place)
    t.check()
    blob = t.read(place_name(sha256))
    if blob is None:
        return None
    ring = rotation.load_keyring(studio.data_dir, keys)
    generation = media_generation(blob)
    if generation is not None and ring.key(generation) is None and not keys.owner:
        data = t.read(mb.NAME)
        if data is not None:
            members = mb.Membership.parse(data, keys.studio.owner_key, keys.studio.studio_id)
            rotation.refresh(t, keys, ring, members, studio.data_dir)
    path = _store(studio, sha256, ext, open_media(blob, sha256, ring.generations))
    _mark_placed(studio, _placed(studio) | {sha256})
    return path
