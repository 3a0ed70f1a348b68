"""Schema migrations: empty → head, the first released schema → head, safely."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from studio import paths
from studio.errors import StoreError
from studio.services.check import check
from studio.services.search import search
from studio.store import Studio, schema

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_known_revisions_match_the_scripts():
    from studio.store.migrate import script_revisions

    assert tuple(script_revisions()) == schema.REVISIONS


def test_empty_directory_to_head(data_dir):
    with Studio.open(data_dir) as s:
        assert s.schema_revision() == schema.HEAD
        assert s.migration == f"empty → {schema.HEAD}"
        assert s.backup_path is None  # nothing to back up
        assert check(s).ok


@pytest.fixture
def old_studio(data_dir):
    shutil.copy(FIXTURES / "studio-0001.sqlite3", data_dir / paths.DB_NAME)
    return data_dir


def test_first_schema_upgrades_with_a_backup_and_keeps_everything(old_studio):
    with Studio.open(old_studio) as s:
        assert s.migration == f"0001_initial → {schema.HEAD}"
        assert s.schema_revision() == schema.HEAD
        assert s.device_id == "00000000-0000-4000-8000-00000000d001"
        assert [h.name for h in search(s, "小明")] == ["The Wang family"]
        assert [h.name for h in search(s, "zoe")] == ["Zoë Martin"]
        report = check(s)
        assert report.ok, report.problems
        backup = s.backup_path
    assert backup is not None and backup.parent.name == paths.BACKUP_DIR
    con = sqlite3.connect(backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001_initial",)
    assert con.execute("SELECT count(*) FROM client").fetchone() == (2,)
    con.close()
    # the second start finds the schema current and does nothing
    with Studio.open(old_studio) as s:
        assert s.migration is None


def test_failed_upgrade_changes_nothing(old_studio):
    db = old_studio / paths.DB_NAME
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE client_fts (x)")  # makes the 0002 revision fail half-way
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="Upgrading the studio database failed.*backup"):
        Studio.open(old_studio)
    con = sqlite3.connect(db)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001_initial",)
    assert con.execute("SELECT count(*) FROM client").fetchone() == (2,)
    con.close()
