"""Backups you can trust: verified copies, encrypted with the studio, rotated, restored with the
current file kept aside."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from studio import paths
from studio.cli import main
from studio.errors import StoreError
from studio.services import clients
from studio.store import Studio, backup, crypto, keystore

PASS = "a long studio passphrase"


def _names(s: Studio) -> list[str]:
    with s.read() as conn:
        rows = conn.exec_driver_sql("SELECT name FROM client WHERE deleted_at IS NULL")
        return sorted(r[0] for r in rows)


def test_a_backup_is_a_verified_copy_and_restore_keeps_the_current_file(studio):
    clients.create_client(studio, name="Wang Xiaoming")
    made = backup.make_backup(studio)
    assert made.kind == "manual" and made.size > 0 and not made.encrypted
    assert crypto.integrity_ok(made.path, None) == "ok"
    clients.create_client(studio, name="Anna Schmidt")
    assert _names(studio) == ["Anna Schmidt", "Wang Xiaoming"]
    aside = backup.restore(studio, made.path)
    assert _names(studio) == ["Wang Xiaoming"]  # the same open studio reads the restored file
    assert aside.exists() and aside != made.path and "before-restore" in aside.name
    con = crypto.connect(aside, None, readonly=True)
    assert con.execute("SELECT count(*) FROM client").fetchone()[0] == 2  # nothing was lost
    con.close()
    clients.create_client(studio, name="Li Na")  # and it writes on
    assert "Li Na" in _names(studio)


def test_an_encrypted_studio_has_encrypted_backups(data_dir):
    with Studio.open(data_dir, encrypt=True, passphrase=PASS) as s:
        clients.setup_local_advisor(s, "Mei Lin")
        clients.create_client(s, name="Wang Xiaoming")
        made = backup.make_backup(s)
        assert made.encrypted and b"Wang" not in made.path.read_bytes()
        assert crypto.integrity_ok(made.path, s.key) == "ok"
        assert crypto.integrity_ok(made.path, None) != "ok"  # no key, nothing opens
        clients.create_client(s, name="Anna Schmidt")
        backup.restore(s, made.path)
        assert _names(s) == ["Wang Xiaoming"]
    with Studio.open(data_dir, passphrase=PASS) as s:
        assert _names(s) == ["Wang Xiaoming"]


def test_a_damaged_backup_is_refused_and_nothing_changes(studio, tmp_path):
    clients.create_client(studio, name="Wang Xiaoming")
    made = backup.make_backup(studio)
    blob = bytearray(made.path.read_bytes())
    blob[len(blob) // 2 : len(blob) // 2 + 4096] = b"\x00" * 4096
    bad = made.path.with_name("studio-20200101-000000-manual.sqlite3")
    bad.write_bytes(bytes(blob[:-1000]))
    before = studio.db_path.read_bytes()
    with pytest.raises(StoreError, match="cannot be restored|cannot be read"):
        backup.restore(studio, bad)
    assert studio.db_path.read_bytes() == before and _names(studio) == ["Wang Xiaoming"]


def _fake(folder: Path, when: datetime, kind: str = "auto") -> Path:
    p = folder / f"studio-{when:%Y%m%d-%H%M%S}-{kind}.sqlite3"
    p.write_bytes(b"x")
    return p


def test_the_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path):
    start = datetime(2025, 1, 1, 9, tzinfo=UTC)
    for day in range(500):  # a backup every day, twice on some days
        _fake(tmp_path, start + timedelta(days=day))
        if day % 3 == 0:
            _fake(tmp_path, start + timedelta(days=day, hours=5))
    manual = _fake(tmp_path, start, "manual")
    backup.prune(tmp_path)
    kept = backup.list_backups(tmp_path)
    autos = [b for b in kept if b.kind == "auto"]
    newest = start + timedelta(days=499, hours=5 if 499 % 3 == 0 else 0)
    days = {b.when.date() for b in autos}
    assert {(newest - timedelta(days=i)).date() for i in range(7)} <= days
    assert len({b.when.isocalendar()[:2] for b in autos}) >= 4
    assert len({(b.when.year, b.when.month) for b in autos}) == 12
    assert len(autos) <= 7 + 4 + 12
    assert manual.exists()  # other kinds are never rotated away
    assert len({b.when.date() for b in autos if b.when.date() == newest.date()}) == 1


def test_the_daily_backup_is_made_once_a_day(studio):
    clients.create_client(studio, name="Wang Xiaoming")
    day = datetime(2026, 3, 2, 8, tzinfo=UTC)
    assert backup.auto_backup(studio, now=day) is not None
    assert backup.auto_backup(studio, now=day + timedelta(hours=6)) is None
    assert backup.auto_backup(studio, now=day + timedelta(days=1)) is not None
    assert len(backup.list_backups(backup.backup_dir(studio.data_dir))) == 2
    assert backup.is_stale(studio.data_dir, now=day + timedelta(days=9))
    assert not backup.is_stale(studio.data_dir, now=day + timedelta(days=3))


def test_commands_backup_backups_restore(data_dir, tmp_path, capsys):
    pp = tmp_path / "pp.txt"
    pp.write_text(PASS)
    args = ["--data-dir", str(data_dir), "--passphrase-file", str(pp)]
    assert main([*args, "demo", "--clients", "6"]) == 0
    assert main([*args, "backups"]) == 0
    assert "No backups" in capsys.readouterr().out
    assert main([*args, "backup"]) == 0
    out = capsys.readouterr().out
    assert "Backed up to" in out and "encrypted, integrity check ok" in out
    external = tmp_path / "usb"
    external.mkdir()
    assert main([*args, "backup", "--to", str(external)]) == 0
    capsys.readouterr()
    copied = sorted(external.iterdir())
    assert [p.suffix for p in copied] == [".key", ".sqlite3"]  # the wrapped key travels with it
    assert main([*args, "backups"]) == 0
    listing = capsys.readouterr().out
    assert "manual" in listing and "encrypted" in listing
    assert " KB " in listing or " MB " in listing
    name = backup.list_backups(backup.backup_dir(data_dir))[0].path.name
    with Studio.open(data_dir, passphrase=PASS) as s:
        clients.create_client(s, name="Someone New")
    assert main([*args, "restore", name]) == 0
    assert "kept in" in capsys.readouterr().out
    assert main([*args, "search", "Someone New"]) == 0
    assert "No client matches" in capsys.readouterr().out  # the restored file predates them
    assert main([*args, "restore", "no-such-backup.sqlite3"]) == 1
    assert "There is no backup" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "backups", "--json"]) == 0  # listing needs no key
    assert '"kind": "before-restore"' in capsys.readouterr().out


def test_a_plain_backup_restored_into_an_encrypted_studio_is_encrypted(data_dir, tmp_path):
    from studio.store import encryption

    with Studio.open(data_dir) as s:
        clients.setup_local_advisor(s, "Mei Lin")
        clients.create_client(s, name="Wang Xiaoming")
        plain_copy = backup.make_backup(s, folder=tmp_path / "elsewhere").path
        clients.create_client(s, name="Anna Schmidt")
        encryption.encrypt_studio(s, PASS)
    assert crypto.is_plain_sqlite(plain_copy)
    with Studio.open(data_dir, passphrase=PASS) as s:
        assert keystore.read_info(data_dir).holder == "passphrase"
        backup.restore(s, plain_copy)
        assert _names(s) == ["Wang Xiaoming"]
    assert not crypto.is_plain_sqlite(data_dir / paths.DB_NAME)
