"""The one write path: every change journaled per field, atomic, undoable; the journal append-only."""

from __future__ import annotations

import sqlite3

import pytest

from studio import paths
from studio.domain.models import Client, Person
from studio.services import clients, queries
from studio.store.hlc import HybridClock


def _journal(studio, row_id=None):
    sql = (
        "SELECT op, table_name, field, old, new, advisor_id, device_id, hlc, wall_time FROM change"
    )
    params = ()
    if row_id:
        sql += " WHERE row_id = ?"
        params = (row_id,)
    with studio.read() as conn:
        return conn.exec_driver_sql(sql + " ORDER BY seq", params).fetchall()


def test_create_update_delete_restore_are_journaled_per_field(studio):
    c = clients.create_client(studio, "Zoë Martin", stage="prospect", tags=["vip"])
    created = _journal(studio, c.id)
    fields = {r[2] for r in created}
    assert {"name", "stage", "tags", "kind", "advisor_id"} <= fields
    assert all(
        r[0] == "create" and r[5] == studio.advisor_id and r[6] == studio.device_id for r in created
    )

    diff = clients.update_client(studio, c.id, stage="active", notes="Prefers trains")
    assert diff == {"stage": ("prospect", "active"), "notes": ("", "Prefers trains")}
    updates = [r for r in _journal(studio, c.id) if r[0] == "update"]
    assert [(r[2], r[3], r[4]) for r in updates] == [
        ("stage", '"prospect"', '"active"'),
        ("notes", '""', '"Prefers trains"'),
    ]
    assert clients.update_client(studio, c.id, stage="active") == {}  # no change, no record

    clients.delete_client(studio, c.id)
    clients.restore_client(studio, c.id)
    ops = [r[0] for r in _journal(studio, c.id)][-2:]
    assert ops == ["delete", "restore"]
    hlcs = [r[7] for r in _journal(studio)]
    assert hlcs == sorted(hlcs) and len(set(hlcs)) == len(hlcs)


def test_failed_transaction_leaves_nothing(studio):
    before = len(_journal(studio))
    with pytest.raises(RuntimeError), studio.transaction() as tx:
        tx.create(Client, name="Half Written")
        tx.flush()
        raise RuntimeError("power cut")
    assert len(_journal(studio)) == before
    assert queries.client_ids(studio) == []


def test_journal_is_append_only(studio, data_dir):
    clients.create_client(studio, "Ada Lovelace")
    con = sqlite3.connect(data_dir / paths.DB_NAME)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("UPDATE change SET new = '\"forged\"'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM change")
    con.close()


def test_revert_is_undo_and_reverting_again_is_redo(studio):
    c = clients.create_client(studio, "Wang Xiaoming", native_name="王小明")
    with studio.transaction() as tx:
        clients.update_client(studio, c.id, stage="active", native_name="王晓明")
    undo = studio.revert(tx.id)
    d = queries.get_dossier(studio, c.id).client
    assert (d.stage, d.native_name) == ("prospect", "王小明")
    studio.revert(undo)
    d = queries.get_dossier(studio, c.id).client
    assert (d.stage, d.native_name) == ("active", "王晓明")


def test_revert_of_a_create_soft_deletes_and_redo_restores(studio):
    with studio.transaction() as tx:
        c = clients.create_client(studio, "Chloé Bernard")
    undo = studio.revert(tx.id)
    assert queries.client_ids(studio) == []
    assert studio.count(Person, include_deleted=True) == 1
    studio.revert(undo)
    assert queries.client_ids(studio) == [c.id]


def test_listeners_hear_each_commit_once(studio):
    heard = []
    studio.subscribe(heard.append)
    c = clients.create_client(
        studio, "Ada Lovelace", contacts=[{"kind": "email", "value": "ada@example.org"}]
    )
    assert len(heard) == 1
    assert heard[0].client_ids == {c.id}
    assert {"client", "person", "contact_point"} <= heard[0].tables


def test_history_reads_who_changed_what(studio):
    c = clients.create_client(studio, "Łukasz Nowak")
    clients.update_client(studio, c.id, stage="active")
    entries = queries.history(studio, c.id)
    assert entries[0].describe() == "changed stage from “prospect” to “active”"
    assert entries[0].advisor == "Mei Lin"
    assert any(e.table == "person" for e in entries)


def test_hybrid_clock_never_goes_backwards():
    wall = [1000]
    clock = HybridClock("dev", now_ms=lambda: wall[0])
    a = clock.now()
    wall[0] = 500  # the laptop's clock was set back
    b = clock.now()
    clock.receive("0000000002000.00007.other")
    c = clock.now()
    assert a < b < c
    assert c.startswith("0000000002000.00008.")
