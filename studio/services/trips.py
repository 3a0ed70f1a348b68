"""Itineraries: trips, versions (proposals), days and items, suppliers, totals and checks.

Every write validates first (raising :class:`~studio.errors.ValidationError` naming the field) and
goes through the studio's transaction, so each change is journaled and can be undone. A version the
client approved is locked: any edit aimed at it (or at its days and items) first copies it to a new
version, which becomes the trip's current one, and the edit lands there.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import select

from studio import paths
from studio.domain import validate
from studio.domain.models import Advisor, Client, Person
from studio.domain.trip_models import (
    CHANGE_REASONS,
    ITEM_KINDS,
    SUPPLIER_KINDS,
    TRIP_STATUSES,
    Supplier,
    Trip,
    TripDay,
    TripItem,
    TripTraveller,
    TripVersion,
)
from studio.errors import NotFoundError, ValidationError
from studio.services import profiles
from studio.store import Studio

#: Fields of an item compared between versions (and copied when a version is duplicated).
ITEM_FIELDS = (
    "kind",
    "title",
    "start_time",
    "end_time",
    "time_zone",
    "end_time_zone",
    "place",
    "supplier_id",
    "confirmation",
    "cost",
    "price",
    "currency",
    "notes",
    "tags",
    "position",
    "change_reason",
)
_COMPARED = tuple(f for f in ITEM_FIELDS if f not in ("position", "change_reason"))


# -- small validators -------------------------------------------------------------------------
@functools.cache
def currencies() -> frozenset[str]:
    """ISO 4217 codes, from ``resources/currencies.txt``."""
    lines = (paths.resources_dir() / "currencies.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.split()[0] for ln in lines if ln.strip() and not ln.startswith("#"))


def currency(value: Any, field: str = "currency") -> str:
    code = str(value or "").strip().upper()
    if code not in currencies():
        raise ValidationError(
            field, f"“{value}” is not a known currency code (ISO 4217, e.g. USD, EUR, CNY)."
        )
    return code


def money(value: Any, field: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        d = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValidationError(
            field, f"The {field} must be an amount like 1250.00, not “{value}”."
        ) from None
    if not d.is_finite():
        raise ValidationError(field, f"The {field} must be an amount like 1250.00, not “{value}”.")
    if d < 0:
        raise ValidationError(field, f"The {field} cannot be negative ({value}).")
    return str(d.quantize(Decimal("0.01")))


def clock(value: Any, field: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        t = datetime.strptime(str(value).strip(), "%H:%M")
    except ValueError:
        raise ValidationError(
            field, f"The {field.replace('_', ' ')} must be a time like 09:30, not “{value}”."
        ) from None
    return t.strftime("%H:%M")


def zone(value: Any, field: str) -> str | None:
    if value is None or value == "":
        return None
    name = str(value).strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            field, f"“{value}” is not a time zone name (use e.g. Asia/Shanghai or Europe/Paris)."
        ) from None
    if name not in _zones():
        raise ValidationError(
            field, f"“{value}” is not a time zone name (use e.g. Asia/Shanghai or Europe/Paris)."
        )
    return name


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones()) | {"UTC"}


def _choice(options: tuple[str, ...], value: Any, field: str) -> str:
    if value not in options:
        raise ValidationError(
            field,
            f"“{value}” is not a {field.replace('_', ' ')}; choose one of {', '.join(options)}.",
        )
    return value


def _text(value: Any, field: str, *, required: bool = False, max_len: int = 2000) -> str:
    return validate.text(value, field, required=required, max_len=max_len)


def _clean_trip(fields: dict[str, Any], current: dict | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in fields.items():
        if name == "title":
            out[name] = _text(raw, name, required=True, max_len=200)
        elif name == "destinations":
            out[name] = validate.tags(raw, name)
        elif name in ("start_date", "end_date"):
            out[name] = validate.iso_date(raw, name) if raw else None
        elif name in ("purpose",):
            out[name] = validate.optional_text(raw, name, max_len=200)
        elif name == "budget":
            out[name] = money(raw, name)
        elif name == "currency":
            out[name] = currency(raw, name)
        elif name == "status":
            out[name] = _choice(TRIP_STATUSES, raw, name)
        elif name == "notes":
            out[name] = _text(raw, name, max_len=20000)
        elif name in ("advisor_id", "client_id", "current_version_id"):
            out[name] = validate.optional_text(raw, name, max_len=64)
        else:
            raise ValidationError(name, f"A trip has no editable field “{name}”.")
    merged = {**(current or {}), **out}
    if (
        merged.get("start_date")
        and merged.get("end_date")
        and merged["end_date"] < merged["start_date"]
    ):
        raise ValidationError(
            "end_date",
            f"The trip ends ({merged['end_date']}) before it starts ({merged['start_date']}).",
        )
    return out


def _clean_item(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in fields.items():
        if name == "title":
            out[name] = _text(raw, name, required=True, max_len=500)
        elif name == "kind":
            out[name] = _choice(ITEM_KINDS, raw, name)
        elif name in ("start_time", "end_time"):
            out[name] = clock(raw, name)
        elif name in ("time_zone", "end_time_zone"):
            out[name] = zone(raw, name)
        elif name in ("place",):
            out[name] = _text(raw, name, max_len=500)
        elif name == "confirmation":
            out[name] = validate.optional_text(raw, name, max_len=100)
        elif name in ("cost", "price"):
            out[name] = money(raw, name)
        elif name == "currency":
            out[name] = currency(raw, name) if raw else None
        elif name == "notes":
            out[name] = _text(raw, name, max_len=20000)
        elif name == "tags":
            out[name] = validate.tags(raw, name)
        elif name == "change_reason":
            out[name] = validate.optional_text(raw, name, max_len=500)
        elif name == "supplier_id":
            out[name] = validate.optional_text(raw, name, max_len=64)
        elif name == "position":
            out[name] = int(raw or 0)
        else:
            raise ValidationError(name, f"An itinerary item has no editable field “{name}”.")
    return out


# -- reading helpers --------------------------------------------------------------------------
def _rows(conn, model, order: tuple[str, ...] = (), **where) -> list:
    t = model.__table__
    q = select(t).where(t.c.deleted_at.is_(None), *[t.c[k] == v for k, v in where.items()])
    if order:
        q = q.order_by(*[t.c[o] for o in order])
    return [model(**r) for r in conn.execute(q).mappings()]


def _tx_rows(tx, model, order: tuple[str, ...] = (), **where) -> list:
    tx.flush()
    return _rows(tx.conn, model, order, **where)


def _get(tx, model, row_id: str):
    row = tx.get(model, row_id)
    if row is None:
        raise NotFoundError(f"No {model.__tablename__.replace('_', ' ')} with id {row_id}.")
    return row


def find_trip(studio: Studio, ref: str) -> Trip:
    """A trip by id, or by a title that matches exactly one trip (exactly, else as a part)."""
    with studio.read() as conn:
        t = Trip.__table__
        row = (
            conn.execute(select(t).where(t.c.id == ref, t.c.deleted_at.is_(None)))
            .mappings()
            .first()
        )
        if row:
            return Trip(**row)
        all_trips = _rows(conn, Trip)
    matches = [x for x in all_trips if x.title == ref] or [
        x for x in all_trips if ref.lower() in x.title.lower()
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"No trip matches “{ref}”.")
    names = ", ".join(m.title for m in matches[:5])
    raise NotFoundError(
        f"“{ref}” matches {len(matches)} trips ({names}…); give more of the title or the id."
    )


def trips_of(studio: Studio, client_id: str | None = None) -> list[Trip]:
    with studio.read() as conn:
        where = {"client_id": client_id} if client_id else {}
        return _rows(conn, Trip, ("start_date", "title"), **where)


def pipeline(studio: Studio) -> dict[str, list[Trip]]:
    """The studio's trips by status, in the pipeline's order."""
    out: dict[str, list[Trip]] = {s: [] for s in TRIP_STATUSES}
    for t in trips_of(studio):
        out.setdefault(t.status, []).append(t)
    return out


def versions(studio: Studio, trip_id: str) -> list[TripVersion]:
    with studio.read() as conn:
        return _rows(conn, TripVersion, ("number",), trip_id=trip_id)


def days(studio: Studio, version_id: str) -> list[TripDay]:
    with studio.read() as conn:
        return _rows(conn, TripDay, ("position", "day_number"), version_id=version_id)


def items(studio: Studio, day_id: str) -> list[TripItem]:
    with studio.read() as conn:
        return _rows(conn, TripItem, ("position",), day_id=day_id)


def version_items(studio: Studio, version_id: str) -> list[TripItem]:
    with studio.read() as conn:
        return _rows(conn, TripItem, ("position",), version_id=version_id)


def travellers(studio: Studio, trip_id: str) -> list[Person]:
    with studio.read() as conn:
        ids = [t.person_id for t in _rows(conn, TripTraveller, trip_id=trip_id)]
        people = [
            Person(**r)
            for r in conn.execute(
                select(Person.__table__).where(Person.__table__.c.id.in_(ids))
            ).mappings()
        ]
    return sorted(people, key=lambda p: (p.position, p.name))


# -- suppliers --------------------------------------------------------------------------------
def _clean_supplier(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in fields.items():
        if name == "kind":
            out[name] = _choice(SUPPLIER_KINDS, raw, name)
        elif name == "name":
            out[name] = _text(raw, name, required=True, max_len=200)
        elif name == "native_name":
            out[name] = validate.optional_text(raw, name, max_len=200)
        elif name in ("contacts", "location", "notes"):
            out[name] = _text(raw, name, max_len=5000)
        elif name == "rating":
            if raw in (None, ""):
                out[name] = None
            else:
                try:
                    n = int(raw)
                except (TypeError, ValueError):
                    raise ValidationError(
                        name, f"The rating must be a whole number from 1 to 5, not “{raw}”."
                    ) from None
                if not 1 <= n <= 5:
                    raise ValidationError(name, f"The rating must be from 1 to 5, not {n}.")
                out[name] = n
        else:
            raise ValidationError(name, f"A supplier has no editable field “{name}”.")
    return out


def create_supplier(studio: Studio, name: str, kind: str = "other", **fields: Any) -> Supplier:
    data = _clean_supplier({"name": name, "kind": kind, **fields})
    with studio.transaction() as tx:
        return tx.create(Supplier, **data)


def update_supplier(studio: Studio, supplier_id: str, **changes: Any) -> dict:
    data = _clean_supplier(changes)
    with studio.transaction() as tx:
        _get(tx, Supplier, supplier_id)
        return tx.update(Supplier, supplier_id, **data)


def suppliers(studio: Studio) -> list[Supplier]:
    with studio.read() as conn:
        return _rows(conn, Supplier, ("name",))


# -- trips ------------------------------------------------------------------------------------
def _dates(start: str | None, end: str | None) -> list[str]:
    if not start or not end:
        return []
    a, b = date.fromisoformat(start), date.fromisoformat(end)
    return [(a + timedelta(days=i)).isoformat() for i in range((b - a).days + 1)]


def create_trip(
    studio: Studio,
    client_id: str,
    title: str,
    *,
    travellers: list[str] | None = None,
    **fields: Any,
) -> Trip:
    """A new trip with its first version (v1), one empty day per date when the dates are known.

    ``travellers`` are person ids of the client's party; by default the whole party travels.
    """
    data = _clean_trip({"title": title, **fields})
    data.setdefault("advisor_id", studio.advisor_id)
    with studio.transaction() as tx:
        if tx.get(Client, client_id) is None:
            raise ValidationError("client_id", "The client chosen for this trip does not exist.")
        if data.get("advisor_id") and tx.get(Advisor, data["advisor_id"]) is None:
            raise ValidationError("advisor_id", "The advisor chosen for this trip does not exist.")
        party = {p.id for p in _tx_rows(tx, Person, client_id=client_id)}
        chosen = list(travellers) if travellers is not None else sorted(party)
        for pid in chosen:
            if pid not in party:
                raise ValidationError(
                    "travellers", "A traveller must be one of the client's party."
                )
        trip = tx.create(Trip, client_id=client_id, **data)
        for pid in chosen:
            tx.create(TripTraveller, client_id=client_id, trip_id=trip.id, person_id=pid)
        v1 = tx.create(
            TripVersion, client_id=client_id, trip_id=trip.id, number=1, label="First proposal"
        )
        for n, d in enumerate(_dates(data.get("start_date"), data.get("end_date")), start=1):
            tx.create(
                TripDay, client_id=client_id, version_id=v1.id, day_number=n, date=d, position=n
            )
        tx.update(Trip, trip.id, current_version_id=v1.id)
        return tx.get(Trip, trip.id)


def update_trip(studio: Studio, trip_id: str, **changes: Any) -> dict:
    """Change a trip's fields. Days already planned are kept even if new dates leave them outside
    (the pre-send check lists them)."""
    with studio.transaction() as tx:
        current = _get(tx, Trip, trip_id).model_dump()
        data = _clean_trip(changes, current)
        if "current_version_id" in data:
            v = tx.get(TripVersion, data["current_version_id"])
            if v is None or v.trip_id != trip_id:
                raise ValidationError(
                    "current_version_id", "That version is not one of this trip's."
                )
        return tx.update(Trip, trip_id, **data)


def set_status(studio: Studio, trip_id: str, status: str, *, acknowledged: bool = False) -> dict:
    """Move a trip along the pipeline. Marking it proposed runs :func:`presend_check` first and
    refuses while it finds problems, unless the advisor ``acknowledged`` them."""
    status = _choice(TRIP_STATUSES, status, "status")
    if status == "proposed" and not acknowledged:
        problems = presend_check(studio, trip_id)
        if problems:
            raise ValidationError(
                "status",
                "Before sending, check: "
                + "; ".join(problems[:5])
                + (" …" if len(problems) > 5 else "")
                + ".",
            )
    return update_trip(studio, trip_id, status=status)


def set_travellers(studio: Studio, trip_id: str, person_ids: list[str]) -> None:
    with studio.transaction() as tx:
        trip = _get(tx, Trip, trip_id)
        party = {p.id for p in _tx_rows(tx, Person, client_id=trip.client_id)}
        if any(p not in party for p in person_ids):
            raise ValidationError("travellers", "A traveller must be one of the client's party.")
        have = {t.person_id: t for t in _tx_rows(tx, TripTraveller, trip_id=trip_id)}
        for pid, row in have.items():
            if pid not in person_ids:
                tx.delete(TripTraveller, row.id)
        for pid in person_ids:
            if pid not in have:
                tx.create(TripTraveller, client_id=trip.client_id, trip_id=trip_id, person_id=pid)


# -- versions ---------------------------------------------------------------------------------
def _copy_version(
    tx, version: TripVersion, label: str | None
) -> tuple[TripVersion, dict[str, str], dict[str, str]]:
    """Deep copy of a version (days and items) as the trip's next version, made current."""
    numbers = [v.number for v in _tx_rows(tx, TripVersion, trip_id=version.trip_id)]
    new = tx.create(
        TripVersion,
        client_id=version.client_id,
        trip_id=version.trip_id,
        number=max(numbers) + 1,
        label=label,
        based_on_id=version.id,
    )
    day_map: dict[str, str] = {}
    item_map: dict[str, str] = {}
    for d in _tx_rows(tx, TripDay, ("position",), version_id=version.id):
        nd = tx.create(
            TripDay,
            client_id=d.client_id,
            version_id=new.id,
            day_number=d.day_number,
            date=d.date,
            title=d.title,
            notes=d.notes,
            position=d.position,
        )
        day_map[d.id] = nd.id
    for it in _tx_rows(tx, TripItem, ("position",), version_id=version.id):
        ni = tx.create(
            TripItem,
            client_id=it.client_id,
            version_id=new.id,
            day_id=day_map[it.day_id],
            origin_id=it.origin_id or it.id,
            title=it.title,
            **{f: getattr(it, f) for f in ITEM_FIELDS if f != "title"},
        )
        item_map[it.id] = ni.id
    tx.update(Trip, version.trip_id, current_version_id=new.id)
    return new, day_map, item_map


def duplicate_version(studio: Studio, version_id: str, label: str | None = None) -> TripVersion:
    """Start the next proposal from ``version_id``: a deep copy, which becomes current."""
    label = validate.optional_text(label, "label", max_len=200)
    with studio.transaction() as tx:
        src = _get(tx, TripVersion, version_id)
        new, _, _ = _copy_version(tx, src, label or f"Based on v{src.number}")
        return new


def label_version(studio: Studio, version_id: str, label: str | None) -> dict:
    label = validate.optional_text(label, "label", max_len=200)
    with studio.transaction() as tx:
        _get(tx, TripVersion, version_id)
        return tx.update(TripVersion, version_id, label=label)


def approve_version(studio: Studio, version_id: str, when: str | None = None) -> dict:
    """The client approved this version: lock it (later edits start a new version)."""
    with studio.transaction() as tx:
        v = _get(tx, TripVersion, version_id)
        return tx.update(TripVersion, v.id, locked=True, approved_at=when or tx.now)


def restore_version(studio: Studio, version_id: str) -> TripVersion:
    """Bring an older version back as current: a copy of it becomes the newest version, so
    nothing in between is lost and the restore itself can be compared and undone."""
    with studio.transaction() as tx:
        src = _get(tx, TripVersion, version_id)
        new, _, _ = _copy_version(tx, src, f"Restored from v{src.number}")
        return new


def _writable_version(tx, version_id: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """The version an edit aimed at ``version_id`` lands in, with id maps when it was copied."""
    v = _get(tx, TripVersion, version_id)
    if not v.locked:
        return v.id, {}, {}
    new, day_map, item_map = _copy_version(tx, v, f"Changes after v{v.number} was approved")
    return new.id, day_map, item_map


@dataclass(frozen=True)
class ItemChange:
    title: str
    day: int | None
    fields: tuple[str, ...] = ()
    #: The changed fields' values before and after, in the order of ``fields`` (day numbers for "day").
    old_values: tuple[Any, ...] = ()
    new_values: tuple[Any, ...] = ()
    #: The currency of the prices and costs before and after (the item's, else the trip's).
    old_currency: str | None = None
    new_currency: str | None = None


@dataclass
class Comparison:
    added: list[ItemChange] = field(default_factory=list)
    removed: list[ItemChange] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare_versions(studio: Studio, old_version_id: str, new_version_id: str) -> Comparison:
    """What was added, removed and changed (with the changed fields) from one version to another.

    Items are matched by lineage: a copied item remembers the first item it came from.
    """

    def load(vid):
        day_no = {d.id: d.day_number for d in days(studio, vid)}
        return {
            (i.origin_id or i.id): (i, day_no.get(i.day_id)) for i in version_items(studio, vid)
        }

    a, b = load(old_version_id), load(new_version_id)
    with studio.read() as conn:
        trip_currency = conn.exec_driver_sql(
            "SELECT t.currency FROM trip t JOIN trip_version v ON v.trip_id = t.id WHERE v.id = ?",
            (new_version_id,),
        ).scalar()
    out = Comparison()
    for key, (it, day) in b.items():
        if key not in a:
            out.added.append(ItemChange(it.title, day))
            continue
        old, old_day = a[key]
        diff = tuple(f for f in _COMPARED if getattr(old, f) != getattr(it, f))
        if old_day != day:
            diff += ("day",)
        if diff:
            olds = tuple(old_day if f == "day" else getattr(old, f) for f in diff)
            news = tuple(day if f == "day" else getattr(it, f) for f in diff)
            out.changed.append(
                ItemChange(
                    it.title,
                    day,
                    diff,
                    olds,
                    news,
                    old.currency or trip_currency,
                    it.currency or trip_currency,
                )
            )
    for key, (it, day) in a.items():
        if key not in b:
            out.removed.append(ItemChange(it.title, day))
    return out


# -- days and items ---------------------------------------------------------------------------
def _trip_of_version(tx, version_id: str) -> Trip:
    return _get(tx, Trip, _get(tx, TripVersion, version_id).trip_id)


def add_day(
    studio: Studio, version_id: str, *, title: str = "", notes: str = "", date: str | None = None
) -> TripDay:
    """Append a day to a version (dated the day after its last day when the trip has dates)."""
    title = _text(title, "title", max_len=200)
    notes = _text(notes, "notes", max_len=20000)
    with studio.transaction() as tx:
        vid, _, _ = _writable_version(tx, version_id)
        trip = _trip_of_version(tx, vid)
        existing = _tx_rows(tx, TripDay, ("position",), version_id=vid)
        number = len(existing) + 1
        if date:
            date = validate.iso_date(date, "date")
        elif trip.start_date:
            date = (
                (datetime.fromisoformat(trip.start_date) + timedelta(days=number - 1))
                .date()
                .isoformat()
            )
        if (
            date
            and trip.start_date
            and trip.end_date
            and not trip.start_date <= date <= trip.end_date
        ):
            raise ValidationError(
                "date",
                f"Day {number} ({date}) falls outside the trip's dates ({trip.start_date} to {trip.end_date}); change the trip's dates first.",
            )
        return tx.create(
            TripDay,
            client_id=trip.client_id,
            version_id=vid,
            day_number=number,
            date=date,
            title=title,
            notes=notes,
            position=number,
        )


def update_day(studio: Studio, day_id: str, **changes: Any) -> dict:
    data = {}
    for k, v in changes.items():
        if k in ("title",):
            data[k] = _text(v, k, max_len=200)
        elif k == "notes":
            data[k] = _text(v, k, max_len=20000)
        else:
            raise ValidationError(k, f"A day has no editable field “{k}”.")
    with studio.transaction() as tx:
        day = _get(tx, TripDay, day_id)
        _, day_map, _ = _writable_version(tx, day.version_id)
        return tx.update(TripDay, day_map.get(day_id, day_id), **data)


def remove_day(studio: Studio, day_id: str, *, change_reason: str | None = None) -> str:
    """Delete a day and its items (soft; undo brings them back). The days after it move up one:
    numbers follow the order and, as in :func:`reorder_days`, the dates stay on the calendar while
    the plans move. Returns the version the day was removed from."""
    with studio.transaction() as tx:
        day = _get(tx, TripDay, day_id)
        vid, day_map, item_map = _writable_version(tx, day.version_id)
        trip = _trip_of_version(tx, vid)
        _require_reason(trip, {"change_reason": change_reason})
        target = day_map.get(day_id, day_id)
        existing = _tx_rows(tx, TripDay, ("position", "day_number"), version_id=vid)
        dates = [d.date for d in existing]
        for it in _tx_rows(tx, TripItem, ("position",), day_id=target):
            if change_reason:
                tx.update(TripItem, it.id, change_reason=change_reason)
            tx.delete(TripItem, it.id)
        tx.delete(TripDay, target)
        for n, d in enumerate(r for r in existing if r.id != target):
            tx.update(TripDay, d.id, position=n + 1, day_number=n + 1, date=dates[n])
        return vid


def _check_flight(tx, version_id: str, day: TripDay, item_id: str | None, data: dict) -> None:
    """Refuse a flight whose times overlap another flight of the same version."""
    if data.get("kind") != "flight":
        return
    span = _span(day.date, data)
    if span is None:
        return
    days_by_id = {d.id: d for d in _tx_rows(tx, TripDay, version_id=version_id)}
    for other in _tx_rows(tx, TripItem, version_id=version_id, kind="flight"):
        if other.id == item_id:
            continue
        o_day = days_by_id.get(other.day_id)
        o_span = _span(o_day.date if o_day else None, other.model_dump())
        if o_span and span[0] < o_span[1] and o_span[0] < span[1]:
            raise ValidationError(
                "start_time",
                f"This flight overlaps the flight “{other.title}” (day {o_day.day_number}, {other.start_time}–{other.end_time}).",
            )


def _span(day_date: str | None, it: dict) -> tuple[datetime, datetime] | None:
    """A flight's departure and arrival as aware datetimes (arrival before departure: next day)."""
    if not day_date or not it.get("start_time"):
        return None
    dep_tz = ZoneInfo(it.get("time_zone") or "UTC")
    arr_tz = ZoneInfo(it.get("end_time_zone") or it.get("time_zone") or "UTC")
    d = date.fromisoformat(day_date)
    start = datetime.combine(d, datetime.strptime(it["start_time"], "%H:%M").time(), dep_tz)
    if not it.get("end_time"):
        return start, start + timedelta(hours=1)
    end = datetime.combine(d, datetime.strptime(it["end_time"], "%H:%M").time(), arr_tz)
    while end <= start:
        end += timedelta(days=1)
    return start, end


def _require_reason(trip: Trip, data: dict) -> None:
    if trip.status == "travelling" and not data.get("change_reason"):
        raise ValidationError(
            "change_reason",
            f"The client is travelling: say why this changes (e.g. {', '.join(CHANGE_REASONS)}).",
        )


def add_item(
    studio: Studio, day_id: str, title: str, kind: str = "activity", **fields: Any
) -> TripItem:
    """Add an item at the end of a day (or at ``position``)."""
    data = _clean_item({"title": title, "kind": kind, **fields})
    with studio.transaction() as tx:
        day = _get(tx, TripDay, day_id)
        vid, day_map, _ = _writable_version(tx, day.version_id)
        day = _get(tx, TripDay, day_map.get(day_id, day_id))
        trip = _trip_of_version(tx, vid)
        _require_reason(trip, data)
        if data.get("supplier_id") and tx.get(Supplier, data["supplier_id"]) is None:
            raise ValidationError(
                "supplier_id", "The supplier chosen for this item does not exist."
            )
        if (data.get("cost") or data.get("price")) and not data.get("currency"):
            data["currency"] = trip.currency  # an empty currency field means the trip's
        _check_flight(tx, vid, day, None, data)
        siblings = _tx_rows(tx, TripItem, ("position",), day_id=day.id)
        pos = data.pop("position", None)
        item = tx.create(
            TripItem,
            client_id=trip.client_id,
            version_id=vid,
            day_id=day.id,
            position=len(siblings),
            **data,
        )
        if pos is not None:
            _place(tx, day.id, item.id, pos)
        return tx.get(TripItem, item.id)


def update_item(studio: Studio, item_id: str, **changes: Any) -> TripItem:
    """Change an item; on a locked version the change lands in a new version. Returns the item
    as it now is (in the version where the change landed)."""
    data = _clean_item(changes)
    with studio.transaction() as tx:
        it = _get(tx, TripItem, item_id)
        vid, _, item_map = _writable_version(tx, it.version_id)
        target = item_map.get(item_id, item_id)
        it = _get(tx, TripItem, target)
        trip = _trip_of_version(tx, vid)
        _require_reason(trip, data)
        if data.get("supplier_id") and tx.get(Supplier, data["supplier_id"]) is None:
            raise ValidationError(
                "supplier_id", "The supplier chosen for this item does not exist."
            )
        merged = {**it.model_dump(), **data}
        if merged.get("currency") is None and (merged.get("cost") or merged.get("price")):
            data["currency"] = trip.currency
        _check_flight(tx, vid, _get(tx, TripDay, it.day_id), target, merged)
        tx.update(TripItem, target, **data)
        return tx.get(TripItem, target)


def remove_item(studio: Studio, item_id: str, *, change_reason: str | None = None) -> str:
    """Delete an item (soft; undo brings it back). Returns the version it was removed from."""
    with studio.transaction() as tx:
        it = _get(tx, TripItem, item_id)
        vid, _, item_map = _writable_version(tx, it.version_id)
        trip = _trip_of_version(tx, vid)
        _require_reason(trip, {"change_reason": change_reason})
        target = item_map.get(item_id, item_id)
        if change_reason:
            tx.update(TripItem, target, change_reason=change_reason)
        tx.delete(TripItem, target)
        return vid


def _place(tx, day_id: str, item_id: str, position: int) -> None:
    rows = [r for r in _tx_rows(tx, TripItem, ("position",), day_id=day_id) if r.id != item_id]
    position = max(0, min(int(position), len(rows)))
    ids = [r.id for r in rows]
    ids.insert(position, item_id)
    for n, rid in enumerate(ids):
        tx.update(TripItem, rid, position=n)


def reorder_items(studio: Studio, day_id: str, item_ids: list[str]) -> None:
    """Put a day's items in the given order (all of them, each once)."""
    with studio.transaction() as tx:
        day = _get(tx, TripDay, day_id)
        have = [r.id for r in _tx_rows(tx, TripItem, ("position",), day_id=day_id)]
        if sorted(have) != sorted(item_ids):
            raise ValidationError("items", "The new order must list each of the day's items once.")
        _, day_map, item_map = _writable_version(tx, day.version_id)
        for n, rid in enumerate(item_ids):
            tx.update(TripItem, item_map.get(rid, rid), position=n)


def move_item(studio: Studio, item_id: str, day_id: str, position: int | None = None) -> TripItem:
    """Move an item to another day of the same version (at ``position``, else at the end)."""
    with studio.transaction() as tx:
        it = _get(tx, TripItem, item_id)
        day = _get(tx, TripDay, day_id)
        if day.version_id != it.version_id:
            raise ValidationError("day_id", "An item can only move to a day of the same version.")
        _, day_map, item_map = _writable_version(tx, it.version_id)
        target, to_day = item_map.get(item_id, item_id), day_map.get(day_id, day_id)
        old_day = _get(tx, TripItem, target).day_id
        merged = _get(tx, TripItem, target).model_dump()
        _check_flight(
            tx, _get(tx, TripDay, to_day).version_id, _get(tx, TripDay, to_day), target, merged
        )
        tx.update(TripItem, target, day_id=to_day)
        n = len(_tx_rows(tx, TripItem, day_id=to_day)) - 1
        _place(tx, to_day, target, n if position is None else position)
        for k, r in enumerate(_tx_rows(tx, TripItem, ("position",), day_id=old_day)):
            tx.update(TripItem, r.id, position=k)
        return tx.get(TripItem, target)


def reorder_days(studio: Studio, version_id: str, day_ids: list[str]) -> None:
    """Put a version's days in the given order; day numbers and dates follow the new order (the
    dates stay where they were on the calendar, the plans move)."""
    with studio.transaction() as tx:
        existing = _tx_rows(tx, TripDay, ("position", "day_number"), version_id=version_id)
        if sorted(d.id for d in existing) != sorted(day_ids):
            raise ValidationError(
                "days", "The new order must list each of the version's days once."
            )
        dates = [d.date for d in existing]
        _, day_map, _ = _writable_version(tx, version_id)
        for n, did in enumerate(day_ids):
            tx.update(
                TripDay, day_map.get(did, did), position=n + 1, day_number=n + 1, date=dates[n]
            )


# -- totals and checks ------------------------------------------------------------------------
@dataclass(frozen=True)
class Totals:
    cost: Decimal
    price: Decimal

    @property
    def margin(self) -> Decimal:
        return self.price - self.cost

    @property
    def margin_share(self) -> Decimal | None:
        return (self.margin / self.price * 100).quantize(Decimal("0.1")) if self.price else None


def totals(studio: Studio, version_id: str) -> dict[str, Totals]:
    """Cost, price and margin of a version, per currency (never converted)."""
    acc: dict[str, list[Decimal]] = {}
    for it in version_items(studio, version_id):
        if it.cost is None and it.price is None:
            continue
        cur = it.currency or "—"
        c = acc.setdefault(cur, [Decimal(0), Decimal(0)])
        c[0] += Decimal(it.cost or 0)
        c[1] += Decimal(it.price or 0)
    return {cur: Totals(c, p) for cur, (c, p) in sorted(acc.items())}


@dataclass(frozen=True)
class Flag:
    item_id: str
    title: str
    day: int | None
    reason: str


def flags(studio: Studio, version_id: str) -> list[Flag]:
    """Items whose tags clash with a traveller's profile, each with the reason."""
    with studio.read() as conn:
        v = _rows(conn, TripVersion, id=version_id)
        if not v:
            raise NotFoundError(f"No trip version with id {version_id}.")
        trip = _rows(conn, Trip, id=v[0].trip_id)[0]
        going = {t.person_id for t in _rows(conn, TripTraveller, trip_id=trip.id)}
    day_no = {d.id: d.day_number for d in days(studio, version_id)}
    out: list[Flag] = []
    for it in version_items(studio, version_id):
        tags = json.loads(it.tags or "[]")
        if not tags:
            continue
        for c in profiles.conflicts(studio, trip.client_id, tags):
            if going and c.fact.person_id and c.fact.person_id not in going:
                continue
            out.append(Flag(it.id, it.title, day_no.get(it.day_id), c.reason))
    out.sort(key=lambda f: (f.day or 0, f.title))
    return out


def presend_check(studio: Studio, trip_id: str, version_id: str | None = None) -> list[str]:
    """Everything to look at before a proposal goes to the client, one sentence each: profile
    clashes, days outside the trip's dates, overlapping flights, items priced in an unknown way."""
    trip = find_trip(studio, trip_id)
    vid = version_id or trip.current_version_id
    out = [f"Day {f.day}, “{f.title}”: {f.reason}" for f in flags(studio, vid)]
    ds = days(studio, vid)
    for d in ds:
        if (
            d.date
            and trip.start_date
            and trip.end_date
            and not trip.start_date <= d.date <= trip.end_date
        ):
            out.append(
                f"Day {d.day_number} ({d.date}) is outside the trip's dates ({trip.start_date} to {trip.end_date})"
            )
    by_day = {d.id: d for d in ds}
    spans = []
    for it in version_items(studio, vid):
        if it.kind == "flight":
            d = by_day.get(it.day_id)
            s = _span(d.date if d else None, it.model_dump())
            if s:
                spans.append((s, it))
    for i, (s, a) in enumerate(spans):
        for t, b in spans[i + 1 :]:
            if s[0] < t[1] and t[0] < s[1]:
                out.append(f"The flights “{a.title}” and “{b.title}” overlap")
    return out
