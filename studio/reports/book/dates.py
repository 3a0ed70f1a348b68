"""The dates the memory book prints ("Tuesday 10 March 2026", "10 – 12 March 2026", "Tue 10 Mar")."""

from __future__ import annotations

from datetime import date


def long_date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d:%A} {d.day} {d:%B %Y}"


def span(a: str | None, b: str | None) -> str:
    try:
        da = date.fromisoformat(a) if a else None
        db = date.fromisoformat(b) if b else None
    except ValueError:
        return " – ".join(x for x in (a, b) if x)
    if not da:
        return ""
    if not db or db == da:
        return f"{da.day} {da:%B %Y}"
    if (da.year, da.month) == (db.year, db.month):
        return f"{da.day} – {db.day} {db:%B %Y}"
    if da.year == db.year:
        return f"{da.day} {da:%B} – {db.day} {db:%B %Y}"
    return f"{da.day} {da:%B %Y} – {db.day} {db:%B %Y}"


def short_date(iso: str | None) -> str:
    try:
        d = date.fromisoformat(iso) if iso else None
    except ValueError:
        return iso or ""
    return f"{d:%a} {d.day} {d:%b}" if d else ""
