"""A version's totals per currency, the items that clash with a traveller's profile, and the
check before a proposal goes to the client."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from studio.errors import NotFoundError
from studio.services.safety import check as safety_check
from studio.services.trips.flights import item_span
from studio.services.trips.reading import days, find_trip, version_items
from studio.store import Studio


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
    severity: str = "warning"  #: danger / warning / notice: how loud the plan says it
    fact_id: str | None = None
    checked: str | None = None  #: "checked by Ana on 2026-12-02" once marked (and still valid)
    check_id: str | None = None


def flags(studio: Studio, version_id: str, *, include_checked: bool = False) -> list[Flag]:
    """Items whose title, tags, notes or place clash with a traveller's profile, each with the
    reason (:mod:`studio.services.safety.check`). Flags the advisor marked checked are left out
    unless ``include_checked``; a mark made before the item's text changed no longer counts."""
    day_no = {d.id: d.day_number for d in days(studio, version_id)}
    out: list[Flag] = []
    for f in safety_check.version_flags(studio, version_id):
        if f.mark is not None and not include_checked:
            continue
        reason = f.clash.reason
        if f.stale is not None:
            reason += f" — the item changed since it was {safety_check.describe_mark(f.stale)}"
        out.append(
            Flag(
                f.item_id,
                f.title,
                day_no.get(f.day_id),
                reason,
                f.clash.severity,
                f.clash.fact.id,
                safety_check.describe_mark(f.mark) if f.mark else None,
                f.mark.id if f.mark else None,
            )
        )
    out.sort(key=lambda f: (f.day or 0, f.title))
    return out


def presend_check(studio: Studio, trip_id: str, version_id: str | None = None) -> list[str]:
    """Everything to look at before a proposal goes to the client, one sentence each: profile
    clashes, days outside the trip's dates, overlapping flights, items priced in an unknown way."""
    trip = find_trip(studio, trip_id)
    vid = version_id or trip.current_version_id
    if vid is None:  # a trip without versions: what flags() says of a version that isn't there
        raise NotFoundError(f"No trip version with id {vid}.")
    out = [
        f"Day {f.day}, “{f.title}”: {f.reason}" + (f" ({f.checked})" if f.checked else "")
        for f in flags(studio, vid, include_checked=True)
    ]
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
            day = by_day.get(it.day_id)
            s = item_span(day.date if day else None, it.model_dump())
            if s:
                spans.append((s, it))
    for i, (s, a) in enumerate(spans):
        for t, b in spans[i + 1 :]:
            if s[0] < t[1] and t[0] < s[1]:
                out.append(f"The flights “{a.title}” and “{b.title}” overlap")
    return out
