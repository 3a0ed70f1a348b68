"""The compact journal (revision 0010): a studio with history upgrades losslessly, readers read the
same, export format 2 and the old format 1 both import, and the journal stays append-only."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date

import pytest
from fixtures.flat_journal import LATER_TABLES, flatten_journal

from studio import paths
from studio.services import clients, exchange, profiles, queries
from studio.services.check import check
from studio.services.demo.build import build_demo
from studio.store import Studio, schema

TODAY = date(2026, 11, 22)


def _reading(s: Studio) -> tuple:
    """Everything readers get from the journal: history and profile history of every client."""
    ids = queries.client_ids(s)
    hist = {c: [vars(e) for e in queries.history(s, c)] for c in ids}
    prof = {c: profiles.profile_history(s, c) for c in ids[:10]}
    with s.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT seq, tx, op, table_name, row_id, field, old, new, advisor_id, device_id, hlc, "
            "wall_time FROM change ORDER BY seq"
        ).fetchall()
    return hist, prof, rows


def _without_later(doc: dict) -> dict:
    tables = {k: v for k, v in doc["tables"].items() if k not in LATER_TABLES}
    return {**doc, "tables": tables}


@pytest.fixture(scope="module")
def demo_studio(tmp_path_factory):
    d = tmp_path_factory.mktemp("demo") / "data"
    with Studio.open(d) as s:
        build_demo(s, clients=25, seed=5, today=TODAY)
        c = queries.client_ids(s)[0]
        clients.update_client(s, c, notes="Edited once")
        clients.delete_client(s, c)
        clients.restore_client(s, c)
    return d


def test_a_studio_with_history_upgrades_and_reads_the_same(demo_studio, tmp_path):
    d = tmp_path / "old"
    shutil.copytree(demo_studio, d)
    with Studio.open(d) as s:
        before = _reading(s)
        doc = exchange.export_document(s)
        device = s.device_id
    flatten_journal(d / paths.DB_NAME)
    con = sqlite3.connect(d / paths.DB_NAME)
    assert con.execute("SELECT type FROM sqlite_master WHERE name = 'change'").fetchone() == (
        "table",
    )
    con.close()
    with Studio.open(d) as s:
        assert s.migration == f"0009_studio_profile → {schema.HEAD}"
        assert _reading(s) == before
        # rows of tables a 0009 studio did not have yet are not in it (the demo fills some)
        assert _without_later(exchange.export_document(s)) == _without_later(doc)
        assert check(s).ok, check(s).problems
        # the clock goes on from this device's last stamp
        assert s.device_id == device
        assert s.clock.now() > max(r[10] for r in before[2] if r[9] == device)
        # undo still finds a transaction's records
        c = queries.client_ids(s)[0]
        was = queries.get_dossier(s, c).client.stage
        with s.transaction() as tx:
            clients.update_client(s, c, stage="lost" if was != "lost" else "active")
        s.revert(tx.id)
        assert queries.get_dossier(s, c).client.stage == was


def test_duplicate_stamps_refuse_the_upgrade_and_change_nothing(demo_studio, tmp_path):
    d = tmp_path / "dup"
    shutil.copytree(demo_studio, d)
    db = d / paths.DB_NAME
    flatten_journal(db)
    con = sqlite3.connect(db)
    with con:
        con.execute(
            "INSERT INTO change (id, tx, op, table_name, row_id, field, old, new, advisor_id, "
            "device_id, hlc, wall_time) SELECT 'copy', tx, op, table_name, row_id, field, old, "
            "new, advisor_id, device_id, hlc, wall_time FROM change WHERE seq = 1"
        )
    con.close()
    from studio.errors import StoreError

    with pytest.raises(StoreError, match="UNIQUE"):
        Studio.open(d)
    con = sqlite3.connect(db)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (
        "0009_studio_profile",
    )
    con.close()


def test_format_1_exports_still_import(demo_studio, tmp_path):
    with Studio.open(demo_studio) as s:
        doc = exchange.export_document(s)
    old = dict(doc, version=1, schema="0009_studio_profile")
    old["journal"] = [{"id": f"rec-{n}", **r} for n, r in enumerate(doc["journal"])]
    f = tmp_path / "v1.json"
    f.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    with Studio.open(tmp_path / "copy") as s:
        exchange.import_studio(s, f)
        again = exchange.export_document(s)
    assert again["version"] == exchange.VERSION == 2
    assert again["journal"] == doc["journal"] and again["tables"] == doc["tables"]
    # a format-2 file may not carry record ids; a format-1 file must
    bad = dict(doc, journal=[{"id": "x", **doc["journal"][0]}])
    f.write_text(json.dumps(bad), encoding="utf-8")
    with Studio.open(tmp_path / "other") as s, pytest.raises(Exception, match="unknown field"):
        exchange.import_studio(s, f)


def test_the_journal_tables_are_append_only(studio, data_dir):
    clients.create_client(studio, "Ada Lovelace")
    con = sqlite3.connect(data_dir / paths.DB_NAME)
    for sql in (
        "UPDATE journal SET new = 'x'",
        "DELETE FROM journal",
        "UPDATE journal_tx SET advisor_id = 'x'",
        "DELETE FROM journal_tx",
        "INSERT INTO change (seq) VALUES (1)",
    ):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            con.execute(sql)
    con.close()


def test_one_transaction_row_per_advisor_and_none_per_field(studio):
    c = clients.create_client(studio, "Zoë Martin", tags=["vip"], notes="Loves trains")
    with studio.read() as conn:
        n_tx = conn.exec_driver_sql("SELECT count(*) FROM journal_tx").scalar()
        n_rec = conn.exec_driver_sql("SELECT count(*) FROM journal").scalar()
        fields = conn.exec_driver_sql(
            "SELECT count(*) FROM change WHERE row_id = ?", (c.id,)
        ).scalar()
    assert fields >= 4 and n_rec > n_tx
    assert n_tx == 2  # the advisor set-up and the new client
