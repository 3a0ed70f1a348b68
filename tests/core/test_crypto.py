"""Encryption at rest: the SQLCipher studio, its key (keychain or passphrase), encrypting in place
safely, sealed media files, and the commands."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest
from fixtures.memory_keyring import MemoryKeyring

from studio import paths, sealed_files
from studio.cli import main
from studio.errors import NotADatabaseError, StoreError
from studio.services import clients
from studio.services.search import search
from studio.store import Studio, crypto, encryption, keystore

PASS = "a long studio passphrase"


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != paths.LOCK_NAME
    }


def _fill(studio: Studio) -> None:
    clients.setup_local_advisor(studio, "Mei Lin", role="owner")
    clients.create_client(studio, name="Wang Xiaoming", native_name="王小明", tags=["vip"])
    clients.create_client(studio, name="Zoë Martin")


@pytest.fixture
def keychain(monkeypatch):
    import keyring

    mem = MemoryKeyring()
    monkeypatch.delenv(keystore.ENV_KEYCHAIN, raising=False)
    before = keyring.get_keyring()
    keyring.set_keyring(mem.backend)
    yield mem
    keyring.set_keyring(before)


def test_a_new_encrypted_studio_is_unreadable_and_opens_with_its_passphrase(data_dir):
    with Studio.open(data_dir, encrypt=True, passphrase=PASS) as s:
        assert s.encrypted
        _fill(s)
        assert [h.name for h in search(s, "wang")] == ["Wang Xiaoming"]
        wal = Path(f"{s.db_path}-wal")
        assert wal.exists() and b"Wang" not in wal.read_bytes()  # the WAL is encrypted too
    db = data_dir / paths.DB_NAME
    assert not crypto.is_plain_sqlite(db)
    assert b"Wang" not in db.read_bytes() and "王小明".encode() not in db.read_bytes()
    with Studio.open(data_dir, passphrase=PASS) as s:
        assert [h.name for h in search(s, "王")] == ["Wang Xiaoming"]


def test_a_wrong_or_missing_passphrase_opens_nothing_and_changes_nothing(data_dir):
    with Studio.open(data_dir, encrypt=True, passphrase=PASS) as s:
        _fill(s)
    before = _digest(data_dir)
    with pytest.raises(keystore.WrongPassphraseError, match="passphrase is wrong"):
        Studio.open(data_dir, passphrase="not the passphrase")
    with pytest.raises(keystore.PassphraseNeededError, match="--passphrase-file"):
        Studio.open(data_dir)
    assert _digest(data_dir) == before
    # the lock was let go: the right passphrase still opens it
    with Studio.open(data_dir, passphrase=PASS) as s:
        assert s.count(clients.Client) == 2


def test_a_wrong_key_opens_nothing(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        with Studio.open(d, encrypt=True, passphrase=PASS) as s:
            _fill(s)
    (a / keystore.KEY_FILE).write_bytes((b / keystore.KEY_FILE).read_bytes())  # b's key, a's file
    before = _digest(a)
    with pytest.raises(NotADatabaseError, match="cannot be opened with this studio's key"):
        Studio.open(a, passphrase=PASS)
    assert _digest(a) == before


def test_the_key_is_raw_and_the_passphrase_only_wraps_it(data_dir):
    with Studio.open(data_dir, encrypt=True, passphrase=PASS) as s:
        _fill(s)
        key = s.key
        encryption.change_passphrase(s, "another passphrase")
    db_before = (data_dir / paths.DB_NAME).read_bytes()
    assert keystore.unlock(data_dir, "another passphrase") == key
    with pytest.raises(keystore.WrongPassphraseError):
        keystore.unlock(data_dir, PASS)
    assert (data_dir / paths.DB_NAME).read_bytes() == db_before  # re-wrapped, not rewritten
    con = crypto.connect(data_dir / paths.DB_NAME, key, readonly=True)  # PRAGMA key, raw hex
    assert con.execute("SELECT count(*) FROM client").fetchone()[0] == 2
    con.close()
    assert oct((data_dir / keystore.KEY_FILE).stat().st_mode & 0o777) == "0o600"
    with pytest.raises(StoreError, match="at least 8"):
        keystore.set_passphrase(data_dir, key, "short")


def test_without_a_keychain_a_passphrase_is_needed_and_the_reason_given(data_dir):
    assert "keychain" in (keystore.keychain_problem() or "")
    with pytest.raises(keystore.KeychainError, match="passphrase is needed because"):
        Studio.open(data_dir, encrypt=True)
    assert not (data_dir / keystore.KEY_FILE).exists()
    with Studio.open(data_dir, encrypt="auto") as s:  # a command's new studio: plain, said so
        assert not s.encrypted


def test_with_a_keychain_the_key_lives_there(data_dir, keychain):
    assert keystore.keychain_problem() is None
    with Studio.open(data_dir, encrypt="auto") as s:
        assert s.encrypted
        _fill(s)
    info = keystore.read_info(data_dir)
    assert info.holder == "keychain" and (keystore.KEYCHAIN_SERVICE, info.id) in keychain.store
    assert "wrapped" not in (data_dir / keystore.KEY_FILE).read_text()
    with Studio.open(data_dir) as s:  # no passphrase asked
        assert s.count(clients.Client) == 2
        encryption.change_passphrase(s, PASS)  # moves the key out of the keychain
    assert keystore.read_info(data_dir).holder == "passphrase" and not keychain.store
    with Studio.open(data_dir, passphrase=PASS) as s:
        assert s.count(clients.Client) == 2


def test_a_keychain_that_lost_the_key_says_so(data_dir, keychain):
    with Studio.open(data_dir, encrypt=True) as s:
        _fill(s)
    keychain.store.clear()
    with pytest.raises(keystore.KeychainError, match="not in this computer's keychain"):
        Studio.open(data_dir)


# -- encrypting in place ----------------------------------------------------------------------
def _plain_studio_with_photos(data_dir: Path) -> None:
    from studio.services.media.rows import media_of
    from studio.services.media.thumbnails import thumbnail
    from studio.services.trips import reading as trip_reading

    assert main(["--data-dir", str(data_dir), "demo", "--clients", "12"]) == 0
    with Studio.open(data_dir) as s:
        for trip in trip_reading.trips_of(s)[:2]:
            for m in media_of(s, trip.id)[:3]:
                thumbnail(s, m, 128)


@pytest.fixture(scope="module")
def plain_template(tmp_path_factory):
    d = tmp_path_factory.mktemp("plain") / "studio"
    _plain_studio_with_photos(d)
    return d


def _copy(template: Path, target: Path) -> Path:
    import shutil

    shutil.copytree(template, target)
    return target


def _facts(d: Path, passphrase: str | None = None) -> tuple[int, list[str], int]:
    from studio.domain.media_models import TripMedia
    from studio.services.media.files import stored_path

    with Studio.open(d, passphrase=passphrase) as s:
        photos = s.count(TripMedia)
        with s.session() as session:
            from sqlmodel import select

            rows = session.exec(select(TripMedia)).all()
        readable = sum(
            1
            for m in rows
            if stored_path(s, m).is_file()
            and sealed_files.read_bytes(stored_path(s, m), s.media_key)[:2] == b"\xff\xd8"
        )
        assert readable == len(rows) == photos
        return s.count(clients.Client), [h.name for h in search(s, "wang")], photos


@pytest.mark.parametrize("step", ["key", "copy", "verified", "key-file", "swapped", "media"])
def test_encrypt_interrupted_at_any_step_leaves_one_usable_studio(
    plain_template, tmp_path, monkeypatch, step
):
    d = _copy(plain_template, tmp_path / "studio")
    expected = _facts(d)

    class Crash(Exception):
        pass

    def crash_at(name: str) -> None:
        if name == step:
            raise Crash(name)

    monkeypatch.setattr(encryption, "_step", crash_at)
    if step == "media":
        sealed = []
        real = sealed_files.seal_in_place

        def seal_two(path, key):
            if len(sealed) == 2:
                raise Crash("media")
            sealed.append(path)
            return real(path, key)

        monkeypatch.setattr(sealed_files, "seal_in_place", seal_two)
    s = Studio.open(d)
    with pytest.raises(Crash):
        encryption.encrypt_studio(s, PASS)
    s._lock.release()  # the process "died": its lock goes with it, its connections too
    s.engine.dispose()
    monkeypatch.undo()
    leftovers = {p.name for p in d.iterdir()} - {
        paths.DB_NAME,
        f"{paths.DB_NAME}-wal",
        f"{paths.DB_NAME}-shm",
        paths.LOCK_NAME,
        paths.MEDIA_DIR,
        keystore.KEY_FILE,
        encryption.PENDING_KEY,
        paths.DB_NAME + encryption.ENCRYPTING,
    }
    assert not leftovers
    encrypted_now = step in ("key-file", "swapped", "media")
    assert _facts(d, PASS if encrypted_now else None) == expected
    assert not (d / (paths.DB_NAME + encryption.ENCRYPTING)).exists()  # the open cleaned up
    assert not (d / encryption.PENDING_KEY).exists()
    assert crypto.is_plain_sqlite(d / paths.DB_NAME) == (not encrypted_now)
    # running encrypt again finishes the work
    with Studio.open(d, passphrase=PASS if encrypted_now else None) as s:
        encryption.encrypt_studio(s, PASS)
        assert s.encrypted and encryption.plain_media(s) == []
    assert _facts(d, PASS) == expected


def test_encrypt_seals_media_and_backups_and_they_stay_usable(plain_template, tmp_path):
    from studio.services.media.book import BookOptions, build_book
    from studio.services.media.files import book_cache_dir
    from studio.services.media.rows import media_of
    from studio.services.media.thumbnails import thumbnail_bytes
    from studio.services.trips import reading as trip_reading
    from studio.store import backup

    d = _copy(plain_template, tmp_path / "studio")
    with Studio.open(d) as s:
        plain_backup = backup.make_backup(s)
        assert not plain_backup.encrypted
        done = encryption.encrypt_studio(s, PASS)
        assert done["database"] == 1 and done["files"] > 0 and done["backups"] == 1
        assert encryption.plain_media(s) == []
        assert all(b.encrypted for b in backup.list_backups(backup.backup_dir(d)))
        trip = next(t for t in trip_reading.trips_of(s) if media_of(s, t.id))
        photo = media_of(s, trip.id)[0]
        assert thumbnail_bytes(s, photo, 64)[:2] == b"\xff\xd8"
        out = tmp_path / "book.pdf"
        report = build_book(s, trip.id, out, BookOptions(workers=1))
        assert out.stat().st_size > 10_000 and not report.problems
        cached = [p for p in book_cache_dir(s).rglob("*.jpg")]
        assert cached and all(sealed_files.is_sealed(p) for p in cached)
    assert main(["--data-dir", str(d), "--passphrase-file", str(_pp(tmp_path)), "check"]) == 0


def _pp(tmp_path: Path, text: str = PASS) -> Path:
    f = tmp_path / "passphrase.txt"
    f.write_text(text + "\n", encoding="utf-8")
    return f


def test_commands_encrypt_and_change_passphrase(plain_template, tmp_path, capsys, monkeypatch):
    d = _copy(plain_template, tmp_path / "studio")
    pp = _pp(tmp_path)
    args = ["--data-dir", str(d), "--passphrase-file", str(pp)]
    assert main([*args, "encrypt"]) == 0
    out = capsys.readouterr().out
    assert "Encrypted the studio in place; it opens with the studio passphrase" in out
    assert main([*args, "search", "wang"]) == 0
    assert "Wang Xiaoming" in capsys.readouterr().out
    # without the passphrase: one sentence, non-zero
    assert main(["--data-dir", str(d), "search", "wang"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "encrypted with a passphrase" in err
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("nope nope nope")
    assert main(["--data-dir", str(d), "--passphrase-file", str(wrong), "search", "x"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "passphrase is wrong" in err
    new = tmp_path / "new.txt"
    new.write_text("the new passphrase")
    assert main([*args, "change-passphrase", "--new-passphrase-file", str(new)]) == 0
    capsys.readouterr()
    assert main([*args, "search", "wang"]) == 1  # the old one no longer opens it
    capsys.readouterr()
    monkeypatch.setenv(keystore.ENV_PASSPHRASE_FILE, str(new))
    assert main(["--data-dir", str(d), "search", "wang"]) == 0
    assert "Wang Xiaoming" in capsys.readouterr().out
    assert main(["--data-dir", str(d), "encrypt"]) == 0
    assert "already encrypted" in capsys.readouterr().out


def test_a_new_command_studio_without_key_holder_says_it_is_plain(tmp_path, capsys):
    d = tmp_path / "s"
    assert main(["--data-dir", str(d), "search", "x"]) == 0
    assert "not encrypted" in capsys.readouterr().err
    assert main(["--data-dir", str(d), "encrypt"]) == 1  # no keychain, no passphrase, no terminal
    assert "--passphrase-file" in capsys.readouterr().err
    e = tmp_path / "e"
    assert main(["--data-dir", str(e), "--passphrase-file", str(_pp(tmp_path)), "search", "x"]) == 0
    assert "not encrypted" not in capsys.readouterr().err
    assert not crypto.is_plain_sqlite(e / paths.DB_NAME)


# -- sealed files ------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [0, 1, sealed_files.CHUNK - 1, sealed_files.CHUNK, 200_001])
def test_sealed_files_round_trip_and_seek(tmp_path, size):
    key = os.urandom(32)
    data = os.urandom(size)
    target = tmp_path / "f.bin"
    sealed_files.write_bytes(target, data, key)
    assert sealed_files.is_sealed(target)
    # a random run of 8 bytes turns up in random ciphertext by chance about never; 1 byte often
    assert size < 8 or data[:8] not in target.read_bytes()
    assert sealed_files.read_bytes(target, key) == data
    assert sealed_files.content_size(target, key) == size
    with sealed_files.open_read(target, key) as fh:
        fh.seek(size // 2)
        assert fh.read(50) == data[size // 2 : size // 2 + 50]
        fh.seek(-3, io.SEEK_END)
        assert fh.read() == data[-3:] if size >= 3 else True


def test_sealed_files_refuse_a_wrong_key_a_cut_and_no_key(tmp_path):
    key = os.urandom(32)
    target = tmp_path / "f.bin"
    sealed_files.write_bytes(target, os.urandom(3 * sealed_files.CHUNK), key)
    with pytest.raises(sealed_files.SealedFileError, match="cannot be opened"):
        sealed_files.read_bytes(target, os.urandom(32))
    with pytest.raises(sealed_files.SealedFileError, match="no key"):
        sealed_files.read_bytes(target, None)
    blob = target.read_bytes()
    (tmp_path / "cut.bin").write_bytes(blob[: -(sealed_files.CHUNK + 16)])  # a whole chunk gone
    with pytest.raises(sealed_files.SealedFileError):
        sealed_files.read_bytes(tmp_path / "cut.bin", key)
    (tmp_path / "plain.bin").write_bytes(b"plain bytes")
    assert sealed_files.read_bytes(tmp_path / "plain.bin", key) == b"plain bytes"


def test_sealed_writes_stream_in_chunks(tmp_path):
    """Writing 8 MB a block at a time never holds more than a chunk or two."""
    import tracemalloc

    key = os.urandom(32)
    block = os.urandom(256 * 1024)
    tracemalloc.start()
    with sealed_files.open_write(tmp_path / "big.bin", key) as out:
        for _ in range(32):
            out.write(block)
    with sealed_files.open_read(tmp_path / "big.bin", key) as fh:
        while fh.read(256 * 1024):
            pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2 * 1024 * 1024
    assert sealed_files.content_size(tmp_path / "big.bin", key) == 32 * len(block)


def test_an_encrypted_studio_of_an_older_schema_upgrades_with_an_encrypted_backup(data_dir):
    import gzip

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    plain = data_dir.parent / "old.sqlite3"
    with gzip.open(fixtures / "studio-0009.sqlite3.gz", "rb") as packed:
        plain.write_bytes(packed.read())
    key = keystore.create(data_dir, PASS)
    crypto.copy_database(plain, None, data_dir / paths.DB_NAME, key)
    with Studio.open(data_dir, passphrase=PASS) as s:
        from studio.store import schema

        assert s.schema_revision() == schema.HEAD and s.migration
        assert s.backup_path is not None and not crypto.is_plain_sqlite(s.backup_path)
        assert crypto.integrity_ok(s.backup_path, key) == "ok"
        assert s.count(clients.Client) == 6


def test_an_encrypted_studio_without_its_key_file_says_so(data_dir):
    with Studio.open(data_dir, encrypt=True, passphrase=PASS) as s:
        _fill(s)
    (data_dir / keystore.KEY_FILE).rename(data_dir.parent / "elsewhere.key")
    before = _digest(data_dir)
    with pytest.raises(NotADatabaseError, match="key file studio.key is missing"):
        Studio.open(data_dir, passphrase=PASS)
    assert _digest(data_dir) == before
