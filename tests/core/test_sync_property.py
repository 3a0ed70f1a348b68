"""Property: three laptops editing at random (the same fields, deletes, restores, new clients) and
exchanging their changes in any order, with duplicates, end with identical studios and histories.

``HYPOTHESIS_PROFILE=sync-thorough`` runs many more examples than the CI default.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from fixtures.journal import tx_records
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio import paths
from studio.services import clients, exchange, queries
from studio.store import Studio

settings.register_profile(
    "sync-ci", max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "sync-thorough", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "sync-ci")
if PROFILE not in ("sync-ci", "sync-thorough"):
    PROFILE = "sync-ci"

_TEMPLATE: Path | None = None
FIELDS = {
    "notes": ["", "Prefers trains", "靠窗座位", "Allergic to shellfish"],
    "stage": ["prospect", "active", "dormant", "lost"],
    "name": ["Zoë Martin", "Wang Xiaoming", "Chloé Bernard", "Łukasz Nowak"],
}

edit = st.tuples(
    st.just("edit"),
    st.integers(0, 2),
    st.integers(0, 5),
    st.sampled_from(sorted(FIELDS)),
    st.integers(0, 3),
)
delete = st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 5))
restore = st.tuples(st.just("restore"), st.integers(0, 2), st.integers(0, 5))
new = st.tuples(st.just("new"), st.integers(0, 2), st.integers(0, 3))
deliver = st.tuples(st.just("deliver"), st.integers(0, 2), st.integers(0, 2), st.integers(0, 50))
steps = st.lists(st.one_of(edit, edit, delete, restore, new, deliver, deliver), max_size=30)


def _template() -> Path:
    """An empty, migrated studio file to copy (opening a new one runs every migration)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        d = Path(tempfile.mkdtemp(prefix="sync-template-"))
        with Studio.open(d) as s:
            s.set_setting("device_id", None)
        _TEMPLATE = d / paths.DB_NAME
    return _TEMPLATE


def _ids(studio: Studio, deleted: bool) -> list[str]:
    with studio.read() as conn:
        return [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT id FROM client WHERE deleted_at IS "
                + ("NOT NULL" if deleted else "NULL")
                + " ORDER BY id"
            )
        ]


class Laptops:
    def __init__(self, root: Path):
        self.studios: list[Studio] = []
        for n in range(3):
            d = root / f"laptop{n}"
            d.mkdir()
            shutil.copy(_template(), d / paths.DB_NAME)
            self.studios.append(Studio.open(d))
        self.batches: list[list[list[dict]]] = [[], [], []]
        owner = self.studios[0]
        adv = clients.setup_local_advisor(owner, "Mei Lin", role="owner")
        for name in ("Zoë Martin", "Wang Xiaoming"):
            clients.create_client(owner, name)
        with owner.read() as conn:
            txs = [r[0] for r in conn.exec_driver_sql("SELECT DISTINCT tx FROM change")]
        self.batches[0].append([r for t in txs for r in tx_records(owner, t)])
        for s in self.studios[1:]:
            self.apply(s, self.batches[0][0])
            s.set_local_advisor(adv.id)

    def apply(self, studio: Studio, records: list[dict]) -> None:
        with studio.transaction() as tx:
            tx.apply_remote(records)

    def local(self, n: int, action) -> None:
        s = self.studios[n]
        with s.transaction() as tx:
            action(s)
        if tx.entries:
            self.batches[n].append(tx_records(s, tx.id))

    def step(self, op: tuple) -> None:
        kind, n = op[0], op[1]
        s = self.studios[n]
        if kind == "edit":
            live = _ids(s, deleted=False)
            if live:
                cid, fld = live[op[2] % len(live)], op[3]
                self.local(n, lambda s: clients.update_client(s, cid, **{fld: FIELDS[fld][op[4]]}))
        elif kind == "delete":
            live = _ids(s, deleted=False)
            if live:
                self.local(n, lambda s: clients.delete_client(s, live[op[2] % len(live)]))
        elif kind == "restore":
            dead = _ids(s, deleted=True)
            if dead:
                self.local(n, lambda s: clients.restore_client(s, dead[op[2] % len(dead)]))
        elif kind == "new":
            self.local(n, lambda s: clients.create_client(s, FIELDS["name"][op[2]]))
        else:
            src, dst = n, op[2]
            if src != dst and self.batches[src]:
                self.apply(self.studios[dst], self.batches[src][op[3] % len(self.batches[src])])

    def close(self) -> None:
        for s in self.studios:
            s.close()


def _history(studio: Studio) -> dict:
    with studio.read() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM client ORDER BY id")]
    return {
        c: [
            (e.hlc, e.table, e.row_id, e.field, e.op, e.old, e.new, e.advisor)
            for e in queries.history(studio, c)
        ]
        for c in ids
    }


_MAX_DELIVERIES = 3 * 2 * 32
#: Drawn up front with a fixed shape (how many batches exist depends on clocks and random ids).
priorities = st.lists(st.integers(0, 10**6), min_size=_MAX_DELIVERIES, max_size=_MAX_DELIVERIES)
repeats = st.lists(st.integers(0, _MAX_DELIVERIES), max_size=5)


@settings(settings.get_profile(PROFILE))
@given(steps=steps, priority=priorities, again=repeats)
def test_three_laptops_converge_whatever_the_order(steps, priority, again):
    root = Path(tempfile.mkdtemp(prefix="sync-prop-"))
    laptops = Laptops(root)
    try:
        for op in steps:
            laptops.step(op)
        # everything reaches everyone, in a random order, some of it twice
        deliveries = [
            (src, dst, k)
            for src in range(3)
            for dst in range(3)
            if src != dst
            for k in range(len(laptops.batches[src]))
        ]
        extra = [deliveries[i % len(deliveries)] for i in again] if deliveries else []
        everything = deliveries + extra
        order = [everything[i] for i in sorted(range(len(everything)), key=lambda i: priority[i])]
        for src, dst, k in order:
            laptops.apply(laptops.studios[dst], laptops.batches[src][k])
        docs = [exchange.export_document(s) for s in laptops.studios]
        assert docs[0]["tables"] == docs[1]["tables"] == docs[2]["tables"]
        assert docs[0]["journal"] == docs[1]["journal"] == docs[2]["journal"]
        hist = [_history(s) for s in laptops.studios]
        assert hist[0] == hist[1] == hist[2]
        # applying everything once more changes nothing
        for src, dst, k in deliveries:
            laptops.apply(laptops.studios[dst], laptops.batches[src][k])
        assert exchange.export_document(laptops.studios[1]) == docs[1]
    finally:
        laptops.close()
        shutil.rmtree(root, ignore_errors=True)
