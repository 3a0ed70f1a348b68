"""The segment format: sealed, signed, and each refusal (truncated, tampered, forged, wrong key)."""

from __future__ import annotations

import dataclasses
import secrets

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from studio.sync import segment as sg
from studio.sync.keys import public_bytes
from studio.sync.transport import FolderTransport, is_ignored

DEVICE = "00000000-0000-4000-8000-0000000000d1"
RECORDS = [
    {
        "tx": "tx-1",
        "advisor_id": "a1",
        "device_id": DEVICE,
        "wall_time": "2026-11-22T10:00:00.000Z",
        "hlc": f"1795000000000.0000{n}.{DEVICE}",
        "op": "update",
        "table_name": "client",
        "row_id": "c1",
        "field": "notes",
        "old": '""',
        "new": f'"note {n} 王小明"',
    }
    for n in range(3)
]


def _header(**changes) -> sg.Header:
    h = sg.Header(
        format=sg.FORMAT,
        studio="studio-1",
        device=DEVICE,
        number=1,
        prev="",
        schema="0010_compact_journal",
        records=len(RECORDS),
        first=RECORDS[0]["hlc"],
        last=RECORDS[-1]["hlc"],
        max_wall=1795000000000,
        created="2026-11-22T10:00:01.000Z",
        nonce=sg.new_nonce(),
    )
    return dataclasses.replace(h, **changes)


@pytest.fixture
def sealed():
    key = secrets.token_bytes(32)
    signer = Ed25519PrivateKey.generate()
    header = _header()
    data = sg.seal(header, sg.encode_records(RECORDS), key, signer)
    return key, signer, header, data


def _open(data: bytes, key: bytes, public: bytes) -> list[dict]:
    header, body, sig = sg.read_header(data)
    sg.verify(body, sig, public)
    return sg.decode_records(sg.unseal(header, body, key))


def test_round_trip(sealed):
    key, signer, header, data = sealed
    assert data.startswith(sg.MAGIC)
    assert b"note" not in data and "王".encode() not in data  # the payload is sealed
    assert sg.read_header(data)[0] == header  # the header is readable without the key
    assert _open(data, key, public_bytes(signer.public_key())) == RECORDS


@pytest.mark.parametrize("cut", [0, 3, 10, 40, -100, -1])
def test_a_partial_file_is_truncated_not_refused(sealed, cut):
    _key, _signer, _header, data = sealed
    with pytest.raises(sg.Truncated):
        sg.read_header(data[:cut])


def test_a_flipped_byte_anywhere_is_refused(sealed):
    key, signer, _header, data = sealed
    public = public_bytes(signer.public_key())
    for pos in (9, 20, len(data) // 2, len(data) - 70, len(data) - 1):
        bad = bytearray(data)
        bad[pos] ^= 0x01
        with pytest.raises(sg.SegmentError) as err:
            _open(bytes(bad), key, public)
        assert isinstance(err.value, sg.Refused), pos


def test_bytes_after_the_signature_are_refused(sealed):
    key, signer, _header, data = sealed
    with pytest.raises(sg.Refused, match="after its signature"):
        _open(data + b"x", key, public_bytes(signer.public_key()))


def test_a_forged_segment_signed_by_another_key_is_refused(sealed):
    key, signer, header, _data = sealed
    forged = sg.seal(header, sg.encode_records(RECORDS), key, Ed25519PrivateKey.generate())
    with pytest.raises(sg.Refused, match="signature"):
        _open(forged, key, public_bytes(signer.public_key()))


def test_another_studios_key_cannot_open_it(sealed):
    _key, signer, _header, data = sealed
    with pytest.raises(sg.Refused, match="decrypted"):
        _open(data, secrets.token_bytes(32), public_bytes(signer.public_key()))


def test_a_header_swapped_under_a_valid_signature_fails_decryption(sealed):
    """Re-signing a changed header (a writer's own key) still cannot reuse the sealed payload."""
    key, signer, header, data = sealed
    _h, body, _sig = sg.read_header(data)
    other = dataclasses.replace(header, number=2).encode()
    import struct

    aad = sg.MAGIC + struct.pack(">I", len(other)) + other
    sealed_part = body[len(sg.MAGIC) + 4 + len(header.encode()) :]
    body2 = aad + sealed_part
    forged = body2 + signer.sign(body2)
    with pytest.raises(sg.Refused, match="decrypted"):
        _open(forged, key, public_bytes(signer.public_key()))


def test_not_a_segment_is_refused():
    with pytest.raises(sg.Refused, match="not a Travel Studio segment"):
        sg.read_header(b"PK\x03\x04 a zip file, not ours")


def test_sync_tools_conflict_copies_and_temporary_files_are_ignored(tmp_path):
    names = [
        "00000002.sync-conflict-20261122-101010-ABCDEFG.seg",
        ".syncthing.00000003.seg.tmp",
        "00000004 (Mei's conflicted copy 2026-11-22).seg",
        "~$00000005.seg",
        ".00000006.seg.1a2b3c4d.tmp",
        "00000007.seg.partial",
    ]
    assert all(is_ignored(n) for n in names)
    assert not is_ignored("00000001.seg")
    t = FolderTransport(tmp_path)
    t.write("journal/d/00000001.seg", b"x")
    for n in names:
        (tmp_path / "journal" / "d" / n).write_bytes(b"y")
    assert t.list("journal/d") == ["00000001.seg"]
    assert t.read("journal/d/00000009.seg") is None


def test_a_header_field_from_a_newer_version_is_read_past_and_still_signed(sealed):
    """A newer Travel Studio may add header fields: this one reads the fields it knows (so such a
    segment is held for its schema, not refused as malformed); the field stays signed."""
    import json
    import struct

    _key, signer, header, data = sealed
    hlen = struct.unpack(">I", data[8:12])[0]
    extended = json.dumps(
        {**json.loads(data[12 : 12 + hlen]), "colour": "teal"}, separators=(",", ":")
    ).encode()
    rebuilt = data[:8] + struct.pack(">I", len(extended)) + extended + data[12 + hlen :]
    read, body, sig = sg.read_header(rebuilt)
    assert read == header
    with pytest.raises(sg.Refused):  # added here, not by the signer: the signature says so
        sg.verify(body, sig, public_bytes(signer.public_key()))


def test_the_writers_version_travels_in_the_header(sealed):
    key, signer, header, _data = sealed
    data = sg.seal(
        dataclasses.replace(header, app="0.1.0"), sg.encode_records(RECORDS), key, signer
    )
    assert sg.read_header(data)[0].app == "0.1.0"
    assert "app" not in header.encode().decode()  # left out when unknown, as before
