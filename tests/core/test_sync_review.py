"""*Changes to review* live in the studio (``sync_review``): a sync lists the collisions it found,
the list survives closing and reopening the studio, settling takes one off, and nothing of it is
journaled or sent to the other laptops."""

from __future__ import annotations

import json

import pytest
from fixtures.flat_journal import LATER_TABLES

from studio.services import clients, exchange
from studio.store import Studio
from studio.sync import engine, review


@pytest.fixture
def collided(tmp_path):
    """Owner A and laptop B edited the same client's notes unaware of each other; A synced."""
    place, key = tmp_path / "shared", tmp_path / "key.json"
    with Studio.open(tmp_path / "a") as a, Studio.open(tmp_path / "b") as b:
        clients.setup_local_advisor(a, "Mei Lin", role="owner")
        cid = clients.create_client(a, "Zoë Martin").id
        engine.create_share(a, str(place), key)
        engine.sync(a)
        engine.join_share(b, str(place), key)
        engine.sync(b)
        engine.sync(a)  # admits B
        clients.update_client(a, cid, notes="Written on A")
        clients.update_client(b, cid, notes="Written on B")  # later: it wins
        engine.sync(b)
        report = engine.sync(a)
        assert len(report.collisions) == 1
    return tmp_path, cid


def test_the_review_list_survives_reopening_and_settling_takes_one_off(collided):
    tmp_path, cid = collided
    with Studio.open(tmp_path / "a") as a:
        (c,) = review.pending(a)
        assert (c["table"], c["row_id"], c["field"]) == ("client", cid, "notes")
        assert (c["kept"], c["lost"]) == ("Written on B", "Written on A")
        assert c["key"] == review.key_of(c)
        assert not engine.sync(a).collisions and len(review.pending(a)) == 1  # listed once
    with Studio.open(tmp_path / "a") as a:
        assert review.settle(a, c["key"])
        assert not review.settle(a, c["key"])
    with Studio.open(tmp_path / "a") as a:
        assert review.pending(a) == []


def test_the_review_list_is_local_to_each_laptop(collided):
    tmp_path, _cid = collided
    with Studio.open(tmp_path / "a") as a, Studio.open(tmp_path / "b") as b:
        engine.sync(b)  # B takes in A's losing edit: it lists the collision on its own
        (on_a,), (on_b,) = review.pending(a), review.pending(b)
        assert on_a["key"] == on_b["key"]
        review.settle(a, on_a["key"])
        engine.sync(a)
        engine.sync(b)
        assert review.pending(a) == [] and review.pending(b) == [on_b]  # settling stays here
        assert "sync_review" not in json.dumps(exchange.export_document(a))
        assert not a._scalar("SELECT count(*) FROM change WHERE table_name = 'sync_review'")


def test_the_upgrade_takes_over_the_list_the_app_kept_in_a_setting(tmp_path):
    old = [
        {
            "table": "client",
            "row_id": "c1",
            "field": "tags",
            "kept": ["vip", "京"],
            "kept_stamp": "0001764000000000.00000.b",
            "kept_advisor": None,
            "lost": "",
            "lost_stamp": "0001763000000000.00000.a",
            "lost_advisor": "adv",
        },
        {"table": "client"},  # damaged: left out
    ]
    with Studio.open(tmp_path) as s:
        with s.engine.connect() as conn, conn.begin():  # back to how 0010 left the file
            for table in LATER_TABLES:  # sync_review, and what later revisions add
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
            conn.exec_driver_sql("ALTER TABLE sync_segment DROP COLUMN written_at")
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0010_compact_journal'")
        s.set_setting("sync_review", json.dumps(old))
    with Studio.open(tmp_path) as s:
        (c,) = review.pending(s)
        assert c["kept"] == ["vip", "京"] and c["lost"] == "" and c["lost_advisor"] == "adv"
        assert s.setting("sync_review") is None
        assert s._scalar("SELECT count(*) FROM sync_segment WHERE written_at IS NULL") == 0
