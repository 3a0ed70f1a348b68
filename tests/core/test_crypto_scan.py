"""Done when: an encrypted studio's data directory — the file, its WAL, its backups, its photos,
thumbnails and prepared book photos — holds no readable client name, email, phone or passport
number, and a wrong key or passphrase opens none of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studio import paths, sealed_files
from studio.cli import main
from studio.store import Studio, backup, crypto, keystore

PASS = "correct horse battery staple"
MIN_NEEDLE = 6  # bytes: a shorter string turns up in random bytes by chance


def _known_values(s: Studio) -> set[str]:
    """Every client and person name, email, phone and passport number the studio holds."""
    found: set[str] = set()
    with s.read() as conn:
        for sql in (
            "SELECT name FROM client",
            "SELECT native_name FROM client",
            "SELECT name FROM person",
            "SELECT native_name FROM person",
            "SELECT value FROM contact_point",
            "SELECT number FROM travel_document",
        ):
            found |= {r[0] for r in conn.exec_driver_sql(sql) if r[0]}
    assert len(found) > 50
    return found


def _needles(values: set[str]) -> set[bytes]:
    out: set[bytes] = set()
    for v in values:
        for form in (v, v.lower(), v.upper(), re.sub(r"\D", "", v)):
            b = form.encode("utf-8")
            if len(b) >= MIN_NEEDLE:
                out.add(b)
        for part in re.split(r"[\s&,、]+", v):  # each word of a name on its own (search tokens)
            if len(part.encode()) > MIN_NEEDLE:  # longer: "studio" is also in a key file's format
                out.add(part.encode())
                out.add(part.lower().encode())
    return out


def _scan(data_dir: Path, needles: set[bytes]) -> list[tuple[str, bytes]]:
    hits = []
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert files
    for p in files:
        blob = p.read_bytes()
        hits.extend((str(p.relative_to(data_dir)), n) for n in needles if n in blob)
    return hits


@pytest.mark.slow
def test_no_client_data_is_readable_anywhere_in_the_data_directory(tmp_path, capsys):
    from studio.services.media.book import BookOptions, build_book
    from studio.services.media.rows import media_of
    from studio.services.media.thumbnails import thumbnail
    from studio.services.trips import reading as trip_reading

    data_dir = tmp_path / "studio"
    pp = tmp_path / "passphrase.txt"
    pp.write_text(PASS)
    assert (
        main(["--data-dir", str(data_dir), "--passphrase-file", str(pp), "demo", "--clients", "25"])
        == 0
    )
    capsys.readouterr()
    s = Studio.open(data_dir, passphrase=PASS)
    try:
        assert s.encrypted
        values = _known_values(s)
        trip = next(t for t in trip_reading.trips_of(s) if media_of(s, t.id))
        for m in media_of(s, trip.id):
            thumbnail(s, m, 256)
        build_book(s, trip.id, tmp_path / "book.pdf", BookOptions(workers=1))  # the book cache
        made = backup.make_backup(s)
        # a write after the backup, so the WAL holds client data too while the studio is open
        from studio.services import clients

        clients.create_client(
            s,
            name="Theodora Quixwell",
            contacts=[{"kind": "email", "value": "theodora.quixwell@example.org"}],
        )
        values |= {"Theodora Quixwell", "theodora.quixwell@example.org"}
        wal = Path(f"{s.db_path}-wal")
        assert wal.is_file() and wal.stat().st_size > 0
        kinds = {p.parent.name for p in (data_dir / paths.MEDIA_DIR).rglob("*") if p.is_file()}
        assert "thumbs" in kinds and any(len(k) == 64 or len(k) == 2 for k in kinds)
        assert list((data_dir / paths.MEDIA_DIR / "cache" / "book").rglob("*.jpg"))

        needles = _needles(values)
        assert _scan(data_dir, needles) == []
        # the scan does find them in a decrypted copy (so it would see a leak)
        clear = tmp_path / "clear"
        clear.mkdir()
        crypto.copy_database(made.path, s.key, clear / "copy.sqlite3", None)
        assert len({n for _, n in _scan(clear, needles)}) > 20
        # photos are sealed: not even a JPEG marker or EXIF block is left in the clear
        for p in (data_dir / paths.MEDIA_DIR).rglob("*"):
            if p.is_file():
                assert sealed_files.is_sealed(p), p
        # a wrong key opens nothing: not the file, not a backup, not a photo
        other = crypto.media_key(b"\x01" * 32)
        photo = next(p for p in (data_dir / paths.MEDIA_DIR).rglob("*.jpg"))
        with pytest.raises(sealed_files.SealedFileError):
            sealed_files.read_bytes(photo, other)
        assert crypto.integrity_ok(made.path, b"\x01" * 32) != "ok"
        assert crypto.integrity_ok(made.path, None) != "ok"
    finally:
        s.close()
    assert _scan(data_dir, needles) == []  # closed (WAL folded in): still nothing
    with pytest.raises(keystore.WrongPassphraseError):
        Studio.open(data_dir, passphrase="Tr0ub4dor&3 is not it")
    assert main(["--data-dir", str(data_dir), "search", "Theodora"]) == 1  # no passphrase
