"""Loyalty tiers the studio defines, and where each client stands.

A tier is reached with at least ``min_trips`` completed trips, or with a lifetime spend of at
least its threshold in one currency (the prices of the completed trips' current versions, per
currency, never converted). A client's tier is the highest-ranked one reached. Tiers must climb:
a higher rank asks for more trips (and, per currency, more spend) than every lower one, and no two
share a rank or a name; a rule that does not is refused in one sentence saying which tiers overlap.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from studio.domain import validate
from studio.domain.i18n import tr
from studio.domain.loyalty_models import LoyaltyTier
from studio.errors import ValidationError
from studio.services.loyalty.common import Connection, live, whole
from studio.store import Studio

#: Trips in one of these count as completed.
DONE = ("completed", "followed-up")


@dataclass(frozen=True)
class Tier:
    id: str
    name: str
    native_name: str | None
    rank: int
    min_trips: int | None
    min_spend: dict[str, Decimal]
    note: str = ""

    def rule_text(self) -> str:
        """ "3 completed trips or 200000 CNY"."""
        parts = []
        if self.min_trips is not None:
            parts.append(tr("{n} completed trips", n=self.min_trips))
        parts += [f"{_plain(v)} {c}" for c, v in sorted(self.min_spend.items())]
        return tr(" or ").join(parts)

    def reached(self, trips: int, spend: dict[str, Decimal]) -> bool:
        if self.min_trips is not None and trips >= self.min_trips:
            return True
        return any(spend.get(c, Decimal(0)) >= v for c, v in self.min_spend.items())


def _plain(d: Decimal) -> str:
    return f"{d:.2f}".removesuffix(".00")


def _spend(value: Any) -> dict[str, Decimal]:
    """``{"CNY": "200000"}`` (or text "200000 CNY, 30000 USD") → amounts per currency."""
    if value in (None, "", {}):
        return {}
    if isinstance(value, str):
        pairs = {}
        for part in value.replace(";", ",").split(","):
            bits = part.split()
            if not bits:
                continue
            if len(bits) != 2:
                raise ValidationError(
                    "min_spend",
                    tr(
                        "Write a spend as an amount and a currency, such as 200000 CNY, not “{part}”.",
                        part=part.strip(),
                    ),
                )
            amount, cur = bits if not bits[0].isalpha() else bits[::-1]
            pairs[cur] = amount
        value = pairs
    if not isinstance(value, dict):
        raise ValidationError("min_spend", tr("A spend threshold is an amount per currency."))
    out: dict[str, Decimal] = {}
    for cur, amount in value.items():
        code = str(cur).strip().upper()
        if not (len(code) == 3 and code.isalpha()):
            raise ValidationError(
                "min_spend", tr("“{code}” is not a currency code such as CNY.", code=cur)
            )
        try:
            dec = Decimal(str(amount).replace(",", "").strip())
        except InvalidOperation:
            raise ValidationError(
                "min_spend",
                tr("“{amount}” is not an amount; write it as 300 or 12.50.", amount=amount),
            ) from None
        if not dec.is_finite() or dec <= 0 or dec > Decimal("1000000000"):
            raise ValidationError(
                "min_spend", tr("A spend threshold is more than 0 and at most 1,000,000,000.")
            )
        out[code] = dec.quantize(Decimal("0.01"))
    return out


def _row_to_tier(r: Any) -> Tier:
    spend = {k: Decimal(v) for k, v in json.loads(r[5] or "{}").items()}
    return Tier(r[0], r[1], r[2], r[3], r[4], spend, r[6] or "")


def read_tiers(conn: Connection) -> list[Tier]:
    """The studio's tiers, lowest rank first."""
    return [
        _row_to_tier(r)
        for r in conn.exec_driver_sql(
            "SELECT id, name, native_name, rank, min_trips, min_spend, note FROM loyalty_tier "
            "WHERE deleted_at IS NULL ORDER BY rank, name"
        )
    ]


def list_tiers(studio: Studio) -> list[Tier]:
    with studio.read() as conn:
        return read_tiers(conn)


def check_ladder(tiers: list[Tier]) -> None:
    """Refuse tiers that overlap: a shared rank or name, or a higher rank that asks no more."""
    ordered = sorted(tiers, key=lambda t: t.rank)
    for i, low in enumerate(ordered):
        for high in ordered[i + 1 :]:
            if high.rank == low.rank:
                raise ValidationError(
                    "rank",
                    tr(
                        "The tiers {a} and {b} overlap: both have rank {rank}.",
                        a=low.name,
                        b=high.name,
                        rank=low.rank,
                    ),
                )
            if (
                low.min_trips is not None
                and high.min_trips is not None
                and high.min_trips <= low.min_trips
            ):
                raise ValidationError(
                    "min_trips",
                    tr(
                        "The tiers overlap: {high} asks for {h} completed trips, no more than "
                        "{low}'s {l}.",
                        high=high.name,
                        h=high.min_trips,
                        low=low.name,
                        l=low.min_trips,
                    ),
                )
            for cur, amount in high.min_spend.items():
                if cur in low.min_spend and amount <= low.min_spend[cur]:
                    raise ValidationError(
                        "min_spend",
                        tr(
                            "The tiers overlap: {high} asks for {h} {cur}, no more than {low}'s "
                            "{l} {cur}.",
                            high=high.name,
                            h=_plain(amount),
                            low=low.name,
                            l=_plain(low.min_spend[cur]),
                            cur=cur,
                        ),
                    )
    names = [t.name.casefold() for t in tiers]
    for n in names:
        if names.count(n) > 1:
            raise ValidationError("name", tr("Two tiers cannot share the name {name}.", name=n))


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "name" in values:
        out["name"] = validate.text(values["name"], "name", required=True, max_len=80)
    if "native_name" in values:
        out["native_name"] = validate.optional_text(
            values["native_name"], "native_name", max_len=80
        )
    if "rank" in values:
        out["rank"] = whole(values["rank"], "rank", 1, 99, tr("A tier's rank"))
    if "min_trips" in values:
        raw = values["min_trips"]
        out["min_trips"] = (
            None if raw in (None, "") else whole(raw, "min_trips", 1, 1000, tr("Completed trips"))
        )
    if "min_spend" in values:
        out["min_spend"] = json.dumps(
            {k: str(v) for k, v in sorted(_spend(values["min_spend"]).items())}
        )
    if "note" in values:
        out["note"] = validate.text(values["note"], "note", max_len=500)
    return out


def _needs_a_rule(data: dict[str, Any]) -> None:
    if data.get("min_trips") is None and data.get("min_spend", "{}") == "{}":
        raise ValidationError(
            "min_trips",
            tr("A tier needs a number of completed trips or a spend in a currency to reach it."),
        )


def define_tier(
    studio: Studio,
    name: str,
    rank: Any,
    *,
    min_trips: Any = None,
    min_spend: Any = None,
    native_name: str | None = None,
    note: str = "",
) -> Tier:
    data = _clean(
        {
            "name": name,
            "rank": rank,
            "min_trips": min_trips,
            "min_spend": min_spend,
            "native_name": native_name,
            "note": note,
        }
    )
    _needs_a_rule(data)
    with studio.transaction() as tx:
        row = tx.create(LoyaltyTier, **data)
        tx.flush()
        check_ladder(read_tiers(tx.conn))
        return _row_to_tier(
            (row.id, row.name, row.native_name, row.rank, row.min_trips, row.min_spend, row.note)
        )


def update_tier(studio: Studio, tier_id: str, **changes: Any) -> dict:
    data = _clean(changes)
    with studio.transaction() as tx:
        current = live(tx, LoyaltyTier, tier_id).model_dump()
        _needs_a_rule({**current, **data})
        result = tx.update(LoyaltyTier, tier_id, **data)
        tx.flush()
        check_ladder(read_tiers(tx.conn))
        return result


def delete_tier(studio: Studio, tier_id: str) -> bool:
    with studio.transaction() as tx:
        live(tx, LoyaltyTier, tier_id)
        return tx.delete(LoyaltyTier, tier_id)


@dataclass
class Standing:
    """Where a client stands: completed trips, lifetime spend per currency, the tier reached and
    the next one (with the trips still needed, when the next tier counts trips)."""

    client_id: str
    trips: int = 0
    spend: dict[str, Decimal] = field(default_factory=dict)
    tier: Tier | None = None
    next_tier: Tier | None = None
    last_trip_end: str | None = None

    @property
    def trips_to_next(self) -> int | None:
        if self.next_tier is None or self.next_tier.min_trips is None:
            return None
        return max(self.next_tier.min_trips - self.trips, 0)


def standings(conn: Connection, client_ids: list[str] | None = None) -> dict[str, Standing]:
    """Every client's standing (those with completed trips; others are simply not listed)."""
    tiers = read_tiers(conn)
    placeholders = ",".join("?" * len(DONE))
    where, params = "", list(DONE)
    if client_ids is not None:
        where = " AND t.client_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(client_ids))
    out: dict[str, Standing] = {}
    for cid, n, last in conn.exec_driver_sql(
        f"SELECT t.client_id, count(*), max(coalesce(t.end_date, t.start_date)) FROM trip t "
        f"WHERE t.deleted_at IS NULL AND t.status IN ({placeholders}){where} GROUP BY t.client_id",
        tuple(params),
    ):
        out[cid] = Standing(cid, trips=n, last_trip_end=last)
    if any(t.min_spend for t in tiers):
        spend: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        for cid, cur, price in conn.exec_driver_sql(
            f"SELECT t.client_id, coalesce(i.currency, t.currency), i.price FROM trip t "
            f"JOIN trip_item i ON i.version_id = t.current_version_id AND i.deleted_at IS NULL "
            f"WHERE t.deleted_at IS NULL AND t.status IN ({placeholders}){where} "
            f"AND i.price IS NOT NULL",
            tuple(params),
        ):
            try:
                spend[cid][cur] += Decimal(price)
            except InvalidOperation:
                continue
        for cid, per in spend.items():
            out.setdefault(cid, Standing(cid)).spend = dict(per)
    for s in out.values():
        for t in tiers:
            if t.reached(s.trips, s.spend):
                s.tier = t
        higher = [t for t in tiers if s.tier is None or t.rank > s.tier.rank]
        s.next_tier = higher[0] if higher else None
    return out


def standing_of(studio: Studio, client_id: str) -> Standing:
    with studio.read() as conn:
        found = standings(conn, [client_id]).get(client_id)
        if found is None:
            found = Standing(client_id)
            tiers = read_tiers(conn)
            found.tier = next((t for t in tiers if t.reached(0, {})), None)
            found.next_tier = tiers[0] if tiers else None
    return found


def tier_names(studio: Studio, client_ids: list[str]) -> dict[str, str]:
    """client id → the name of the tier reached, for a page of the client list (clients
    without a tier are left out; nothing is read when the studio defines no tiers)."""
    with studio.read() as conn:
        if not conn.exec_driver_sql(
            "SELECT 1 FROM loyalty_tier WHERE deleted_at IS NULL LIMIT 1"
        ).scalar():
            return {}
        found = standings(conn, client_ids)
    return {cid: s.tier.name for cid, s in found.items() if s.tier is not None}
