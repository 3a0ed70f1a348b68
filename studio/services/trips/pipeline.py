"""The studio's trips as pipeline lines: each trip with its client's names, advisor, current
version and totals per currency, read in three queries however many trips there are.

A read model for lists (the desktop client's Trips area); writes stay in the other modules of :mod:`studio.services.trips`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from studio.services.trips.totals import Totals
from studio.store import Studio


@dataclass
class PipelineLine:
    """One trip as the pipeline lists it."""

    id: str
    title: str
    client_id: str
    client_name: str
    client_native_name: str | None
    start_date: str | None
    end_date: str | None
    destinations: list[str]
    status: str
    purpose: str | None
    currency: str
    advisor_name: str | None
    version_id: str | None
    version_number: int | None
    version_label: str | None
    version_locked: bool
    totals: dict[str, Totals] = field(default_factory=dict)


_TRIPS = """
SELECT t.id, t.title, t.client_id, c.name, c.native_name, t.start_date, t.end_date, t.destinations,
       t.status, t.purpose, t.currency, a.name, v.id, v.number, v.label, v.locked
FROM trip t
JOIN client c ON c.id = t.client_id
LEFT JOIN advisor a ON a.id = t.advisor_id
LEFT JOIN trip_version v ON v.id = t.current_version_id AND v.deleted_at IS NULL
WHERE t.deleted_at IS NULL AND c.deleted_at IS NULL {where}
ORDER BY t.start_date IS NULL, t.start_date, t.title, t.id
"""

_ITEMS = """
SELECT version_id, currency, cost, price FROM trip_item
WHERE deleted_at IS NULL AND (cost IS NOT NULL OR price IS NOT NULL)
  AND version_id IN (SELECT value FROM json_each(?))
"""


def pipeline_lines(studio: Studio, client_ids: Iterable[str] | None = None) -> list[PipelineLine]:
    """Every live trip of a live client (only ``client_ids``' when given), by start date (undated
    last), then title: a client in Recently deleted takes their trips along.

    Totals are those of each trip's current version, per currency, never converted (as
    :func:`studio.services.trips.totals.totals` computes them for one version).
    """
    where = ""
    params: tuple[str, ...] = ()
    if client_ids is not None:
        where = "AND t.client_id IN (SELECT value FROM json_each(?))"
        params = (json.dumps(sorted(set(client_ids))),)
    with studio.read() as conn:
        rows = list(conn.exec_driver_sql(_TRIPS.replace("{where}", where), params))
        versions = [r[12] for r in rows if r[12]]
        sums: dict[str, dict[str, list[Decimal]]] = {}
        for vid, cur, cost, price in conn.exec_driver_sql(_ITEMS, (json.dumps(versions),)):
            acc = sums.setdefault(vid, {}).setdefault(cur or "—", [Decimal(0), Decimal(0)])
            acc[0] += Decimal(cost or 0)
            acc[1] += Decimal(price or 0)
    out = []
    for r in rows:
        try:
            dests = json.loads(r[7] or "[]")
        except ValueError:
            dests = []
        totals = {cur: Totals(c, p) for cur, (c, p) in sorted(sums.get(r[12], {}).items())}
        out.append(
            PipelineLine(
                id=r[0],
                title=r[1],
                client_id=r[2],
                client_name=r[3],
                client_native_name=r[4],
                start_date=r[5],
                end_date=r[6],
                destinations=[str(d) for d in dests] if isinstance(dests, list) else [],
                status=r[8],
                purpose=r[9],
                currency=r[10],
                advisor_name=r[11],
                version_id=r[12],
                version_number=r[13],
                version_label=r[14],
                version_locked=bool(r[15]),
                totals=totals,
            )
        )
    return out
