"""Faults met calmly: a damaged page, a vanished studio file, the lock, a full or read-only disk."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from studio import cli
from studio.errors import StudioError
from studio.services import clients
from studio.store import Studio


def _damaged(data_dir) -> None:
    """A studio of 300 clients whose client table's root page is overwritten."""
    s = Studio.open(data_dir)
    clients.setup_local_advisor(s, "Mei", role="owner")
    with s.transaction() as tx:
        from studio.domain.models import Client

        for i in range(300):
            tx.create(Client, name=f"Client {i:03d}", notes="x" * 200)
    s.close()
    db = data_dir / "studio.sqlite3"
    con = sqlite3.connect(db)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'client'").fetchone()[0]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with open(db, "r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\xff" * size)


@pytest.mark.parametrize("command", [["check"], ["export", "OUT"]])
def test_a_damaged_page_is_one_sentence_with_what_can_still_be_saved(
    data_dir, tmp_path, capsys, command
):
    _damaged(data_dir)
    command = [str(tmp_path / "out.json") if c == "OUT" else c for c in command]
    assert cli.main(["--data-dir", str(data_dir), *command]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "is damaged" in err and "client cannot be read" in err
    assert "can still be read" in err and "change journal" in err
    assert not (tmp_path / "out.json").exists()
    assert not (tmp_path / "out.media").exists()  # no empty photo folder left behind


def _hold_lock(data_dir):
    code = (
        "import sys, time; from studio.store import Studio; "
        f"s = Studio.open({str(data_dir)!r}); print('open', flush=True); time.sleep(30)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "open"
    return proc


def test_deleting_the_lock_file_does_not_let_a_second_writer_in(data_dir):
    Studio.open(data_dir).close()
    proc = _hold_lock(data_dir)
    try:
        (data_dir / "studio.lock").unlink()
        with pytest.raises(StudioError, match="already using"):
            Studio.open(data_dir)
    finally:
        proc.kill()
        proc.wait()
    Studio.open(data_dir).close()  # free again once that process is gone


def test_a_read_only_folder_is_no_traceback_from_the_lock_file(data_dir, monkeypatch):
    import errno

    from studio.store import lock

    def read_only(path):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(lock, "_open_lock_file", read_only)
    held = lock.DirLock(data_dir / "studio.lock")
    held.acquire()  # the directory's lock alone; no traceback
    assert held.read_only
    other = lock.DirLock(data_dir / "studio.lock")
    with pytest.raises(StudioError, match="already using"):
        other.acquire()
    held.release()


def _studio_with_backup(data_dir):
    s = Studio.open(data_dir)
    clients.setup_local_advisor(s, "Mei", role="owner")
    clients.create_client(s, "Kept Client")
    s.close()
    (data_dir / "backups").mkdir(exist_ok=True)
    backup = data_dir / "backups" / "studio-2026-12-01.sqlite3"
    backup.write_bytes((data_dir / "studio.sqlite3").read_bytes())
    return backup


@pytest.mark.parametrize("how", ["empty", "missing"])
def test_an_empty_or_missing_studio_file_where_a_studio_was_is_refused_with_the_backup(
    data_dir, capsys, how
):
    backup = _studio_with_backup(data_dir)
    db = data_dir / "studio.sqlite3"
    if how == "empty":
        db.write_bytes(b"")
    else:
        db.unlink()
    with pytest.raises(StudioError, match="not replaced with a new empty studio") as err:
        Studio.open(data_dir)
    assert backup.name in str(err.value)
    assert cli.main(["--data-dir", str(data_dir), "check"]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert not db.exists() or db.stat().st_size == 0  # left as it was


def test_a_new_data_directory_still_makes_a_new_studio(data_dir):
    (data_dir / "studio.sqlite3").write_bytes(b"")
    Studio.open(data_dir).close()  # nothing says a studio was here


def test_a_damaged_first_page_is_refused_and_leaves_no_wal_or_shm(data_dir):
    _studio_with_backup(data_dir)
    db = data_dir / "studio.sqlite3"
    with open(db, "r+b") as fh:
        fh.seek(100)
        fh.write(b"\x07" * 3000)
    with pytest.raises(StudioError, match="damaged"):
        Studio.open(data_dir)
    assert sorted(p.name for p in data_dir.iterdir() if p.name.startswith("studio.sqlite3")) == [
        "studio.sqlite3"
    ]


def test_a_full_disk_is_said_as_such_and_the_studio_keeps_reading(studio):
    from studio.services import queries
    from studio.store.opening_checks import DiskFullError

    kept = clients.create_client(studio, "Before The Disk Filled")
    pages = studio._scalar("PRAGMA page_count")
    with studio.engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFullError, match="full") as err:
        for i in range(200):
            clients.create_client(studio, f"Filler {i}", notes="n" * 5000)
    assert "restore" not in str(err.value)
    assert queries.get_dossier(studio, kept.id).client.name == "Before The Disk Filled"
