"""Changing a trip's photos and story: captions, left out or in, the day a photo belongs to, the
order, removal, the day journals and the memory book's texts and options. Every change is one
transaction (journaled, undoable)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from studio.domain import validate
from studio.domain.base import table_of
from studio.domain.media_models import MemoryBook, TripJournal, TripMedia
from studio.domain.values import BookSize
from studio.errors import NotFoundError, ValidationError
from studio.services.media.rows import check_day, trip_row, tx_live_rows
from studio.store import Studio, Transaction

_LIMITS = {"title": 200, "subtitle": 300, "summary": 2000, "closing": 4000, "signature": 300}


def _media(tx: Transaction, media_id: str) -> TripMedia:
    row = tx.get(TripMedia, media_id)
    if row is None:
        raise NotFoundError(f"No photo with id {media_id}.")
    return row


def set_caption(studio: Studio, media_id: str, caption: str) -> dict:
    text = validate.text(caption, "caption", max_len=500)
    with studio.transaction() as tx:
        _media(tx, media_id)
        return tx.update(TripMedia, media_id, caption=text)


def set_included(studio: Studio, media_id: str, included: bool) -> dict:
    with studio.transaction() as tx:
        _media(tx, media_id)
        return tx.update(TripMedia, media_id, included=bool(included))


def move_to_day(studio: Studio, media_id: str, day_number: int | None) -> dict:
    """Tie a photo to another day of its trip (None: to no day)."""
    with studio.read() as conn:
        row = (
            conn.execute(select(table_of(TripMedia)).where(table_of(TripMedia).c.id == media_id))
            .mappings()
            .first()
        )
    if row is None or row["deleted_at"]:
        raise NotFoundError(f"No photo with id {media_id}.")
    n = check_day(studio, trip_row(studio, row["trip_id"]), day_number, optional=True)
    with studio.transaction() as tx:
        return tx.update(TripMedia, media_id, day_number=n)


def reorder(studio: Studio, trip_id: str, ids: Sequence[str]) -> None:
    """Put the trip's photos in the order given (every photo of the trip, each once)."""
    with studio.transaction() as tx:
        live = {m.id: m for m in tx_live_rows(tx, TripMedia, trip_id=trip_id)}
        if len(set(ids)) != len(ids) or set(ids) != set(live):
            raise ValidationError(
                "order", "The new order must list every photo of the trip exactly once."
            )
        for pos, mid in enumerate(ids):
            if live[mid].position != pos:
                tx.update(TripMedia, mid, position=pos)


def remove_media(studio: Studio, media_id: str) -> bool:
    """Remove a photo from its trip (soft delete: undo brings it back; the file stays)."""
    with studio.transaction() as tx:
        _media(tx, media_id)
        book = tx_live_rows(tx, MemoryBook, cover_media_id=media_id)
        for b in book:
            tx.update(MemoryBook, b.id, cover_media_id=None)
        return tx.delete(TripMedia, media_id)


def highlights_json(value: Any) -> str:
    if value is None:
        return "[]"
    if isinstance(value, str):
        items = [ln.strip(" \t-•·") for ln in value.splitlines()]
    elif isinstance(value, (list, tuple)):
        items = [str(x).strip() for x in value]
    else:
        raise ValidationError("highlights", "The highlights must be a list of short lines.")
    items = [x for x in items if x]
    if len(items) > 20:
        raise ValidationError(
            "highlights", f"A day has at most 20 highlights ({len(items)} given)."
        )
    for x in items:
        if len(x) > 300:
            raise ValidationError(
                "highlights", f"A highlight is too long ({len(x)} characters; at most 300)."
            )
    return json.dumps(items, ensure_ascii=False)


def set_journal(
    studio: Studio,
    trip_id: str,
    day_number: int,
    *,
    journal: str | None = None,
    quotes: str | None = None,
    highlights: Sequence[str] | str | None = None,
) -> TripJournal:
    """Write the story of one day (only the parts given change)."""
    trip = trip_row(studio, trip_id)
    n = check_day(studio, trip, day_number, optional=False)
    data: dict[str, Any] = {}
    if journal is not None:
        data["journal"] = validate.text(journal, "journal", max_len=20000)
    if quotes is not None:
        data["quotes"] = validate.text(quotes, "quotes", max_len=5000)
    if highlights is not None:
        data["highlights"] = highlights_json(highlights)
    with studio.transaction() as tx:
        rows = tx_live_rows(tx, TripJournal, trip_id=trip_id, day_number=n)
        if rows:
            tx.update(TripJournal, rows[0].id, **data)
            updated = tx.get(TripJournal, rows[0].id)
            assert updated is not None  # live a line ago, in this transaction
            return updated
        return tx.create(
            TripJournal, client_id=trip.client_id, trip_id=trip_id, day_number=n, **data
        )


def _clean_book(studio: Studio, trip_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in fields.items():
        if name in _LIMITS:
            out[name] = validate.text(raw, name, max_len=_LIMITS[name])
        elif name == "size":
            out[name] = validate.choice(BookSize, raw, name, noun="a book size")
        elif name == "bleed":
            if not isinstance(raw, bool):
                raise ValidationError("bleed", "Bleed is either on (true) or off (false).")
            out[name] = raw
        elif name == "cover_media_id":
            if raw:
                with studio.read() as conn:
                    t = table_of(TripMedia)
                    row = conn.execute(select(t).where(t.c.id == raw)).mappings().first()
                if row is None or row["deleted_at"] or row["trip_id"] != trip_id:
                    raise ValidationError(
                        "cover_media_id", "The cover must be one of this trip's photos."
                    )
            out[name] = raw or None
        else:
            raise ValidationError(name, f"A memory book has no setting “{name}”.")
    return out


def set_book(studio: Studio, trip_id: str, **fields: Any) -> MemoryBook:
    """Change the memory book's texts and options (title, subtitle, summary, closing, signature,
    size, bleed, cover_media_id). Empty texts fall back to defaults made from the trip."""
    trip = trip_row(studio, trip_id)
    data = _clean_book(studio, trip_id, fields)
    with studio.transaction() as tx:
        rows = tx_live_rows(tx, MemoryBook, trip_id=trip_id)
        if rows:
            tx.update(MemoryBook, rows[0].id, **data)
            updated = tx.get(MemoryBook, rows[0].id)
            assert updated is not None  # live a line ago, in this transaction
            return updated
        return tx.create(MemoryBook, client_id=trip.client_id, trip_id=trip_id, **data)
