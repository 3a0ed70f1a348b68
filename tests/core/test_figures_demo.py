"""The demo studio's three years of history: dated rows and journal, figures that differ."""

from __future__ import annotations

from datetime import date

import pytest

from studio.services.check import check
from studio.services.demo.build import build_demo
from studio.services.figures import compute
from studio.services.figures.period import Period
from studio.store import Studio

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    d = tmp_path_factory.mktemp("desk-demo")
    with Studio.open(d) as s:
        summary = build_demo(s, clients=60, seed=4, today=TODAY)
    assert "past trips" in summary
    s = Studio.open(d)
    yield s
    s.close()


def _rows(studio, sql):
    with studio.read() as conn:
        return conn.exec_driver_sql(sql).fetchall()


def test_history_is_dated_in_rows_and_journal(demo):
    first, last, n = _rows(demo, "SELECT min(created_at), max(created_at), count(*) FROM trip")[0]
    assert n >= 60 and first < "2024-06-01" and last[:10] <= "2026-12-31"
    statuses = {r[0] for r in _rows(demo, "SELECT DISTINCT status FROM trip")}
    assert {"completed", "followed-up", "cancelled", "inquiry", "confirmed"} <= statuses
    # each trip's creation is journaled on the day its row says, and its steps after it
    mismatched = _rows(
        demo,
        "SELECT count(*) FROM trip t JOIN change c ON c.row_id = t.id AND c.op = 'create' "
        "AND c.field = 'title' WHERE c.wall_time != t.created_at",
    )[0][0]
    assert mismatched == 0
    steps = _rows(
        demo,
        "SELECT c.hlc, c.wall_time, t.created_at FROM change c JOIN trip t ON t.id = c.row_id "
        "WHERE c.field = 'status' AND c.op = 'update' ORDER BY c.hlc",
    )
    assert steps and all(wall >= created for _hlc, wall, created in steps)
    assert [w for _h, w, _c in steps] == sorted(w for _h, w, _c in steps)  # stamps follow days
    clients_first = _rows(demo, "SELECT min(created_at) FROM client")[0][0]
    assert clients_first < "2024-06-01"
    assert check(demo).ok, check(demo).problems


def test_figures_have_something_to_show_and_differ_by_advisor(demo):
    year = Period(date(2025, 11, 1), date(2026, 11, 1))
    snap = compute.load_snapshot(demo)
    k = compute.kpis(snap, year)
    for key in compute.KPI_KEYS:
        assert k[key].denominator > 0, key
    per = {a: compute.kpis(snap, year, a) for a in snap.advisors}
    assert len({round(p["satisfaction"].value or 0) for p in per.values()}) == 3
    trend = compute.trends(snap, Period(date(2026, 10, 1), date(2026, 11, 1)))["conversion"]
    assert sum(1 for _p, f in trend if f.denominator) >= 10  # a year of months with inquiries
