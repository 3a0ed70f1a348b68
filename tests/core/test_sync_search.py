"""Changes from another laptop keep client search right: an edit of a searched column (notes,
names, tags, a delete) rebuilds the client's index row; one of a column search does not hold
(stage) leaves it alone, and the index still matches the studio."""

from __future__ import annotations

from fixtures.journal import tx_records

from studio.services import clients, search
from studio.services.check import check
from studio.store import Studio


def _ids(studio: Studio, query: str) -> set[str]:
    return {hit.client_id for hit in search.search(studio, query)}


def test_remote_edits_keep_search_right_and_skip_unsearched_columns(tmp_path):
    with Studio.open(tmp_path / "a") as a, Studio.open(tmp_path / "c") as c:
        with a.transaction() as t1:
            one = clients.create_client(a, "Zoë Martin", notes="prefers trains")
            two = clients.create_client(a, "Wang Xiaoming", native_name="王小明", stage="prospect")
        with a.transaction() as t2:
            clients.update_client(a, one.id, notes="prefers night ferries")
            clients.update_client(a, two.id, stage="active")
        with a.transaction() as t3:
            clients.update_client(a, two.id, stage="dormant")
        with c.transaction() as tx:
            tx.apply_remote(tx_records(a, t1.id))
        with c.transaction() as tx:
            tx.apply_remote(tx_records(a, t2.id))
            assert tx.search_clients() == {one.id}  # Wang's stage is not in his index row
            assert tx.touched_clients == {one.id, two.id}  # but both are reported changed
        seen = []
        c.subscribe(seen.append)
        with c.transaction() as tx:
            tx.apply_remote(tx_records(a, t3.id))
            assert tx.search_clients() == set()
        assert seen[-1].client_ids == {two.id}
        assert _ids(c, "ferries") == {one.id} and _ids(c, "trains") == set()
        assert _ids(c, "小明") == {two.id}
        assert check(c).ok, check(c).problems
