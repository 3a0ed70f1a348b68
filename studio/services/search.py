"""Client search: names (romanized and native script), contacts, tags, notes, preference
profiles and trips (titles, destinations, days, items, confirmation codes, suppliers)."""

from __future__ import annotations

from dataclasses import dataclass

from studio.domain import validate
from studio.store import Studio, fts


@dataclass(frozen=True)
class SearchHit:
    client_id: str
    name: str
    native_name: str | None
    stage: str


def search(studio: Studio, query: str, limit: int = 50) -> list[SearchHit]:
    """Best matches first. Accent-insensitive ("zoe" finds "Zoë"); Chinese by substring
    ("小明" finds "王小明"); every word must match; words match as prefixes while typing; a trip's
    destination, item or confirmation code ("Lijiang", "丽江", "SGT-48213") finds its client."""
    expr = fts.match_expression(validate.search_text(query))
    if expr is None:
        return []
    sql = """
    SELECT c.id, c.name, c.native_name, c.stage
    FROM client_fts f JOIN client c ON c.rowid = f.rowid
    WHERE client_fts MATCH ? AND c.deleted_at IS NULL
    ORDER BY bm25(client_fts, 10.0, 5.0, 3.0, 1.0), c.name
    LIMIT ?
    """
    with studio.read() as conn:
        return [SearchHit(*r) for r in conn.exec_driver_sql(sql, (expr, limit))]
