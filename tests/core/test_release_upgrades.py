"""Every released schema revision upgrades to the current head and keeps what it held.

The fixtures are demo studios written by the code of each release (see
``tests/fixtures/make_release_fixtures.py``); their photos are left out on purpose.
"""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest

from studio import paths
from studio.services.check import check
from studio.store import Studio, schema

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RELEASED = sorted(p.name.split("-")[1].split(".")[0] for p in FIXTURES.glob("studio-*.sqlite3.gz"))
KEPT = ("advisor", "client", "person", "contact_point", "interaction", "important_date")


def _counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in KEPT if t in tables
        }
    finally:
        con.close()


def test_every_release_has_a_fixture():
    released = {r.split("_")[0] for r in schema.REVISIONS} - {"0001", "0004"}
    # Revisions after the newest fixture are the ones being written now (several land in one
    # release); when that release ships, its fixture is made and they count from then on.
    newest = max(RELEASED)
    released = {r for r in released if r <= newest}
    assert released <= set(RELEASED), "make a fixture for each released revision"


@pytest.mark.parametrize("revision", RELEASED)
def test_release_upgrades_to_head_keeping_everything(revision, data_dir):
    db = data_dir / paths.DB_NAME
    with (
        gzip.open(FIXTURES / f"studio-{revision}.sqlite3.gz", "rb") as packed,
        db.open("wb") as out,
    ):
        shutil.copyfileobj(packed, out)
    before = _counts(db)
    assert before["client"] == 6
    with Studio.open(data_dir) as s:
        assert s.schema_revision() == schema.HEAD
        if not revision.startswith(schema.HEAD.split("_")[0]):
            assert s.migration is not None and s.migration.startswith(revision)
            assert s.backup_path is not None and s.backup_path.exists()
        report = check(s)
        # the fixtures carry no photo files: only those may be reported missing
        others = [p for p in report.problems if "missing from the media folder" not in p]
        assert others == []
    assert _counts(db) == before
