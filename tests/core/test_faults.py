"""Faults met calmly: a damaged page, a vanished studio file, the lock, a full or read-only disk."""

from __future__ import annotations

import os
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
