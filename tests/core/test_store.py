"""Opening a studio: pragmas, one instance per directory, refusing files it must not touch."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys

import pytest

from studio import paths
from studio.errors import NewerDatabaseError, NotADatabaseError, StudioLockedError
from studio.services import clients
from studio.store import Studio


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pragmas_on_every_connection(studio):
    with studio.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_data_dir_resolution(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "env"))
    assert paths.resolve_data_dir(tmp_path / "flag") == (tmp_path / "flag").resolve()
    assert paths.resolve_data_dir(None) == (tmp_path / "env").resolve()
    monkeypatch.delenv(paths.ENV_HOME)
    assert "TravelStudio" in str(paths.resolve_data_dir(None))


def test_second_instance_is_refused(studio, data_dir):
    with pytest.raises(StudioLockedError, match="already using"):
        Studio.open(data_dir)


def test_second_process_is_refused_and_lock_freed_on_close(data_dir):
    code = "import sys; from studio.cli import main; sys.exit(main(['--data-dir', sys.argv[1], 'check']))"
    with Studio.open(data_dir):
        out = subprocess.run(
            [sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True
        )
        assert out.returncode == 1
        assert "already using" in out.stderr
        assert "Traceback" not in out.stderr
    out = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr


def test_not_an_sqlite_file_is_left_untouched(data_dir):
    db = data_dir / paths.DB_NAME
    db.write_bytes(b"these are my holiday notes, not a database\n" * 50)
    before = _digest(db)
    with pytest.raises(NotADatabaseError, match="not an SQLite file"):
        Studio.open(data_dir)
    assert _digest(db) == before
    # and the lock was released, so a fixed directory can be opened by the same process
    db.unlink()
    Studio.open(data_dir).close()


def test_corrupt_database_gives_clear_error(data_dir):
    with Studio.open(data_dir) as s:
        clients.create_client(s, "Ada Lovelace")
    db = data_dir / paths.DB_NAME
    raw = bytearray(db.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    db.write_bytes(bytes(raw))
    before = _digest(db)
    with pytest.raises(NotADatabaseError, match="damaged|cannot be read|cannot be used"):
        Studio.open(data_dir)
    assert _digest(db) == before


def test_other_programs_sqlite_file_is_refused(data_dir):
    db = data_dir / paths.DB_NAME
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(NotADatabaseError, match="another program"):
        Studio.open(data_dir)


def test_newer_database_is_refused_and_untouched(data_dir):
    with Studio.open(data_dir) as s:
        clients.create_client(s, "Ada Lovelace")
    db = data_dir / paths.DB_NAME
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = _digest(db)
    with pytest.raises(NewerDatabaseError, match="newer version"):
        Studio.open(data_dir)
    assert _digest(db) == before
    assert not (data_dir / paths.BACKUP_DIR).exists()


def test_alembic_not_imported_when_schema_is_current(data_dir):
    Studio.open(data_dir).close()
    code = (
        "import sys; from studio.store import Studio\n"
        "s = Studio.open(sys.argv[1]); s.close()\n"
        "print('alembic' in sys.modules, s.migration)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "None"]


def test_local_settings_and_device_id_persist(data_dir):
    with Studio.open(data_dir) as s:
        device = s.device_id
        adv = clients.setup_local_advisor(s, "Léa Dubois")
    with Studio.open(data_dir) as s:
        assert s.device_id == device
        assert s.advisor_id == adv.id
