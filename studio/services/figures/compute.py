"""The studio's figures for a period ``[FROM, TO)``, each with its numerator, denominator and the
clients behind it (the owner's desk, ``travel-studio report`` and the monthly studio report).

What is read once (:class:`Snapshot`): the live and deleted clients with their advisor, source,
referrer and dates; the trips with their status and dates; the feedback; when each profile became
complete. Every figure of every period is then computed from that in memory, so the twelve
periods of a trend cost one read, not twelve.

A figure for one advisor counts the clients that advisor looks after (the client's advisor): a
view of their part of the studio, not access control.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from studio.domain.dates import add_months
from studio.domain.i18n import mark, tr
from studio.domain.names import display_name
from studio.errors import StudioError
from studio.services.figures.period import Period
from studio.services.loyalty.surveys import Nps, nps_of
from studio.store import Studio

#: Trip statuses that count as converted (the client said yes).
CONVERTED = ("confirmed", "travelling", "completed", "followed-up")
#: Trips that have happened.
DONE = ("completed", "followed-up")
#: Trips still in the pipeline, before or during travel (a client with one is not churned).
OPEN = ("inquiry", "drafting", "proposed", "confirmed", "travelling")
#: The funnel's steps in order (cancelled trips leave the funnel where they were).
FUNNEL = ("inquiry", "drafting", "proposed", "confirmed", "travelling", "completed", "followed-up")
STALE_DAYS = 14

KPI_KEYS = ("completeness", "conversion", "churn", "satisfaction", "repeat_rate", "referral_share")
#: The four figures the studio has a target for (the tiles of the Studio area).
TARGET_KEYS = ("completeness", "churn", "satisfaction", "conversion")

TARGETS: dict[str, float | None] = {
    "completeness": 0.9,
    "conversion": 0.15,
    "churn": 0.10,
    "satisfaction": 80.0,
    "repeat_rate": None,
    "referral_share": None,
}
#: Lower is better only for churn.
LOWER_IS_BETTER = frozenset({"churn"})

TITLES = {
    "completeness": mark("Profile completeness"),
    "conversion": mark("Conversion"),
    "churn": mark("Churn"),
    "satisfaction": mark("Satisfaction"),
    "repeat_rate": mark("Repeat rate"),
    "referral_share": mark("Referral share"),
}

#: The definitions the app shows under each tile's info button (and the report prints).
DEFINITIONS = {
    "completeness": mark(
        "Share of live dossiers whose preference profile is complete at the period's end: every "
        "required section of the profile has at least one fact (the rule travel-studio check "
        "prints). Target: at least 90 %."
    ),
    "conversion": mark(
        "Of the trips created in the period, the share whose status is now confirmed, "
        "travelling, completed or followed up. Cancelled and still-open trips count in the "
        "denominator. Target: at least 15 %."
    ),
    "churn": mark(
        "At the period's end, of the live clients with at least one completed (or followed-up) "
        "trip, the share whose latest such trip ended more than the studio's win-back months "
        "before and who have no trip from inquiry to travelling. Target: at most 10 %."
    ),
    "satisfaction": mark(
        "Mean satisfaction (0–100) of the feedback dated in the period, with the number of "
        "answers beside it. Target: at least 80."
    ),
    "repeat_rate": mark(
        "At the period's end, clients with two or more completed trips divided by clients with "
        "at least one."
    ),
    "referral_share": mark(
        "Clients created in the period with a referrer or the source “referral”, divided by all "
        "clients created in the period."
    ),
}


@dataclass(frozen=True)
class Figure:
    """One figure: ``value`` is ``numerator / denominator`` (satisfaction: the mean), or None
    ("no data") when the denominator is 0."""

    key: str
    numerator: float
    denominator: int
    target: float | None = None
    #: the clients counted in the numerator (churned clients, complete profiles…)
    client_ids: tuple[str, ...] = ()
    #: the clients counted in the denominator
    base_ids: tuple[str, ...] = ()

    @property
    def value(self) -> float | None:
        if not self.denominator:
            return None
        return self.numerator / self.denominator

    @property
    def title(self) -> str:
        if self.key in TITLES:
            return tr(TITLES[self.key])
        return self.key.replace("_", " ").capitalize()

    @property
    def definition(self) -> str:
        return self.definition_in()

    def definition_in(self, lang: str | None = None) -> str:
        """The definition in ``lang`` (the current language when None)."""
        return tr(DEFINITIONS[self.key], lang=lang) if self.key in DEFINITIONS else ""

    @property
    def lower_is_better(self) -> bool:
        return self.key in LOWER_IS_BETTER

    def status(self) -> str:
        """green (on target), amber (within a fifth of the target), red, or none (no data or no
        target)."""
        value = self.value
        if value is None or self.target is None:
            return "none"
        if self.lower_is_better:
            if value <= self.target:
                return "green"
            return "amber" if value <= self.target * 1.2 else "red"
        if value >= self.target:
            return "green"
        return "amber" if value >= self.target * 0.8 else "red"

    def attention_ids(self) -> tuple[str, ...]:
        """The clients a tile opens: who needs attention for this figure (incomplete profiles,
        churned clients, trips not converted); for the rest, those counted."""
        if self.key in ("completeness", "conversion"):
            counted = set(self.client_ids)
            return tuple(c for c in self.base_ids if c not in counted)
        if self.key == "satisfaction":
            return self.base_ids
        return self.client_ids

    def text(self) -> str:
        """The value as a person reads it: "86 %", "74 / 100" or "no data"."""
        value = self.value
        if value is None:
            return tr("no data")
        if self.key == "satisfaction":
            return f"{value:.0f} / 100"
        return f"{value:.0%}".replace("%", " %")

    def to_json(self) -> dict[str, Any]:
        value = self.value
        return {
            "value": None if value is None else round(value, 4),
            "numerator": round(self.numerator, 2)
            if isinstance(self.numerator, float)
            else self.numerator,
            "denominator": self.denominator,
            "target": self.target,
        }


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


@dataclass
class _Client:
    id: str
    name: str
    advisor_id: str | None
    source: str | None
    referred_by_id: str | None
    created: str
    deleted: str | None


@dataclass
class _Trip:
    id: str
    client_id: str
    title: str
    status: str
    created: str
    start: date | None
    end: date | None
    destinations: list[str]
    advisor_id: str | None


@dataclass
class Snapshot:
    """What the figures are computed from, read once."""

    clients: dict[str, _Client]
    trips: list[_Trip]
    #: (client, day, score, advisor of the interaction)
    feedback: list[tuple[str, str, int]]
    #: client → when its profile became complete (ISO), for profiles complete now
    complete_at: dict[str, str]
    advisors: dict[str, str]  # id → display name
    winback_months: int
    trips_by_client: dict[str, list[_Trip]] = field(default_factory=dict)
    #: (client, day, would-recommend 0-10) of the post-trip surveys, for the NPS
    recommend: list[tuple[str, str, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        by: dict[str, list[_Trip]] = defaultdict(list)
        for t in self.trips:
            by[t.client_id].append(t)
        self.trips_by_client = dict(by)
        #: per client: the end days of its completed trips (sorted), and when its first trip
        #: still in the pipeline was created (churn and repeat rate read these per period)
        self.done_ends: dict[str, list[date]] = {}
        self.first_open: dict[str, str] = {}
        for cid, trips in self.trips_by_client.items():
            ends = sorted(t.end for t in trips if t.status in DONE and t.end is not None)
            if ends:
                self.done_ends[cid] = ends
            opened = [t.created for t in trips if t.status in OPEN]
            if opened:
                self.first_open[cid] = min(opened)

    def scoped(self, advisor_id: str | None) -> set[str]:
        """Ids of the clients a figure counts: all, or those one advisor looks after."""
        if advisor_id is None:
            return set(self.clients)
        return {c.id for c in self.clients.values() if c.advisor_id == advisor_id}


def load_snapshot(studio: Studio) -> Snapshot:
    """Read what every figure needs, in a handful of grouped queries."""
    from studio.services.agenda.rules import load_rules
    from studio.services.profiles import required_sections

    req = required_sections()
    keys = ", ".join(f"'{k}'" for k in req)
    with studio.read() as conn:
        clients = {
            r[0]: _Client(*r)
            for r in conn.exec_driver_sql(
                "SELECT id, name, advisor_id, source, referred_by_id, created_at, deleted_at "
                "FROM client"
            )
        }
        trips = [
            _Trip(
                id=r[0],
                client_id=r[1],
                title=r[2],
                status=r[3],
                created=r[4],
                start=_day(r[5]),
                end=_day(r[6]) or _day(r[5]),
                destinations=_json_list(r[7]),
                advisor_id=r[8],
            )
            for r in conn.exec_driver_sql(
                "SELECT id, client_id, title, status, created_at, start_date, end_date, "
                "destinations, advisor_id FROM trip WHERE deleted_at IS NULL"
            )
        ]
        feedback = [
            (r[0], r[1], int(r[2]))
            for r in conn.exec_driver_sql(
                "SELECT client_id, occurred_at, satisfaction FROM interaction "
                "WHERE deleted_at IS NULL AND kind = 'feedback' AND satisfaction IS NOT NULL"
            )
        ]
        complete_at: dict[str, str] = dict(
            conn.exec_driver_sql(
                f"""
                SELECT client_id, max(first) FROM (
                  SELECT client_id, substr(key, 1, instr(key, '.') - 1) AS section,
                         min(created_at) AS first
                  FROM profile_fact
                  WHERE deleted_at IS NULL AND substr(key, 1, instr(key, '.') - 1) IN ({keys})
                  GROUP BY client_id, section)
                GROUP BY client_id HAVING count(*) = {len(req)}
                """
            ).fetchall()
        )
        advisors = {
            r[0]: display_name(r[1], r[2])
            for r in conn.exec_driver_sql(
                "SELECT id, name, native_name FROM advisor WHERE deleted_at IS NULL ORDER BY name"
            )
        }
        recommend = [
            (r[0], r[1], int(r[2]))
            for r in conn.exec_driver_sql(
                "SELECT client_id, answered_on, recommend FROM trip_survey WHERE deleted_at IS NULL"
            )
        ]
    return Snapshot(
        clients=clients,
        trips=trips,
        feedback=feedback,
        complete_at=complete_at,
        advisors=advisors,
        winback_months=load_rules(studio).winback_months,
        recommend=recommend,
    )


def _json_list(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def _live_at(c: _Client, when: str) -> bool:
    """The client existed at ``when`` (ISO day or time) and had not been deleted by then."""
    return c.created < when and (c.deleted is None or c.deleted >= when)


# -- the six figures ----------------------------------------------------------------------------
def completeness(snap: Snapshot, period: Period, scope: set[str]) -> Figure:
    end = period.end.isoformat()
    base = sorted(c for c in scope if _live_at(snap.clients[c], end))
    done = [c for c in base if (snap.complete_at.get(c) or "~") < end]
    return Figure(
        "completeness", len(done), len(base), TARGETS["completeness"], tuple(done), tuple(base)
    )


def _trips_created(snap: Snapshot, period: Period, scope: set[str]) -> list[_Trip]:
    a, b = period.start.isoformat(), period.end.isoformat()
    return [t for t in snap.trips if t.client_id in scope and a <= t.created < b]


def conversion(snap: Snapshot, period: Period, scope: set[str]) -> Figure:
    trips = _trips_created(snap, period, scope)
    won = [t for t in trips if t.status in CONVERTED]
    return Figure(
        "conversion",
        len(won),
        len(trips),
        TARGETS["conversion"],
        tuple(sorted({t.client_id for t in won})),
        tuple(sorted({t.client_id for t in trips})),
    )


def churn(snap: Snapshot, period: Period, scope: set[str]) -> Figure:
    end = period.end
    end_s = end.isoformat()
    cutoff = add_months(end, -snap.winback_months)
    base: list[str] = []
    gone: list[str] = []
    for cid in sorted(scope & snap.done_ends.keys()):
        ends = snap.done_ends[cid]
        n = bisect_left(ends, end)  # completed trips that had ended by TO
        if not n or not _live_at(snap.clients[cid], end_s):
            continue
        base.append(cid)
        still_open = snap.first_open.get(cid, "~") < end_s
        if ends[n - 1] < cutoff and not still_open:
            gone.append(cid)
    return Figure("churn", len(gone), len(base), TARGETS["churn"], tuple(gone), tuple(base))


def _feedback_in(snap: Snapshot, period: Period, scope: set[str]) -> list[tuple[str, str, int]]:
    a, b = period.start.isoformat(), period.end.isoformat()
    return [f for f in snap.feedback if f[0] in scope and a <= f[1] < b]


def satisfaction(snap: Snapshot, period: Period, scope: set[str]) -> Figure:
    answers = _feedback_in(snap, period, scope)
    return Figure(
        "satisfaction",
        float(sum(f[2] for f in answers)),
        len(answers),
        TARGETS["satisfaction"],
        (),
        tuple(sorted({f[0] for f in answers})),
    )


def nps(snap: Snapshot, period: Period, scope: set[str]) -> Nps:
    """Net promoter score of the post-trip surveys answered in the period."""
    a, b = period.start.isoformat(), period.end.isoformat()
    return nps_of([r[2] for r in snap.recommend if r[0] in scope and a <= r[1] < b])


def repeat_rate(snap: Snapshot, period: Period, scope: set[str]) -> Figure:
    end = period.end
    end_s = end.isoformat()
    once: list[str] = []
    again: list[str] = []
    for cid in sorted(scope & snap.done_ends.keys()):
        n = bisect_left(snap.done_ends[cid], end)
        if not n or not _live_at(snap.clients[cid], end_s):
            continue
        once.append(cid)
        if n >= 2:
            again.append(cid)
    return Figure("repeat_rate", len(again), len(once), None, tuple(again), tuple(once))


def _clients_created(snap: Snapshot, period: Period, scope: set[str]) -> list[_Client]:
    a, b = period.start.isoformat(), period.end.isoformat()
    return [
        c
        for cid in sorted(scope)
        if (c := snap.clients[cid]).deleted is None and a <= c.created < b
    ]


def referral_share(snap: Snapshot, period: Period, scope: set[str]) -> Figure:
    new = _clients_created(snap, period, scope)
    referred = [c.id for c in new if c.referred_by_id or c.source == "referral"]
    return Figure(
        "referral_share",
        len(referred),
        len(new),
        None,
        tuple(referred),
        tuple(c.id for c in new),
    )


_KPI = {
    "completeness": completeness,
    "conversion": conversion,
    "churn": churn,
    "satisfaction": satisfaction,
    "repeat_rate": repeat_rate,
    "referral_share": referral_share,
}


def kpis(snap: Snapshot, period: Period, advisor_id: str | None = None) -> dict[str, Figure]:
    """The six figures of a period, for the studio or one advisor's clients."""
    scope = snap.scoped(advisor_id)
    return {key: fn(snap, period, scope) for key, fn in _KPI.items()}


def trends(
    snap: Snapshot, period: Period, advisor_id: str | None = None, count: int = 12
) -> dict[str, list[tuple[Period, Figure]]]:
    """Each figure over this period and the ``count - 1`` before it, oldest first."""
    scope = snap.scoped(advisor_id)
    periods = period.trailing(count)
    return {key: [(p, fn(snap, p, scope)) for p in periods] for key, fn in _KPI.items()}


# -- the rest of the desk -----------------------------------------------------------------------
def conversion_by_source(snap: Snapshot, period: Period, scope: set[str]) -> dict[str, Figure]:
    groups: dict[str, set[str]] = defaultdict(set)
    for cid in scope:
        groups[snap.clients[cid].source or "unknown"].add(cid)
    out = {src: conversion(snap, period, ids) for src, ids in sorted(groups.items())}
    return {src: f for src, f in out.items() if f.denominator}


def pipeline(snap: Snapshot, period: Period, scope: set[str]) -> dict[str, Any]:
    """Trips created in the period by status, and the funnel: how many reached each step and the
    share of the step before that went on (a cancelled trip stops at the first step)."""
    trips = _trips_created(snap, period, scope)
    by_status = Counter(t.status for t in trips)
    order = {s: i for i, s in enumerate(FUNNEL)}
    steps = []
    prev: int | None = None
    for i, status in enumerate(FUNNEL):
        reached = sum(1 for t in trips if order.get(t.status, 0) >= i)
        steps.append(
            {
                "status": status,
                "reached": reached,
                "from_previous": None if not prev else round(reached / prev, 4),
            }
        )
        prev = reached
    return {
        "trips": len(trips),
        "by_status": {s: by_status.get(s, 0) for s in (*FUNNEL, "cancelled")},
        "funnel": steps,
        "cancelled": by_status.get("cancelled", 0),
    }


def _dec(text: str | None) -> Decimal:
    if not text:
        return Decimal(0)
    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal(0)


def money(studio: Studio, snap: Snapshot, period: Period, scope: set[str]) -> dict[str, Any]:
    """Revenue (items' prices), cost and margin of the converted trips that start in the period,
    per currency, by month and by advisor. Amounts in different currencies are never added."""
    a, b = period.start.isoformat(), period.end.isoformat()
    with studio.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT t.id, t.client_id, t.start_date, coalesce(i.currency, t.currency), i.price, "
            "i.cost, i.supplier_id FROM trip t JOIN trip_item i ON i.version_id = "
            "t.current_version_id AND i.deleted_at IS NULL "
            "WHERE t.deleted_at IS NULL AND t.start_date >= ? AND t.start_date < ? "
            "AND t.status IN ('confirmed', 'travelling', 'completed', 'followed-up')",
            (a, b),
        ).fetchall()
        supplier_names: dict[str, str] = {
            r[0]: r[1] for r in conn.exec_driver_sql("SELECT id, name FROM supplier")
        }
    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    by_month: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    by_adv: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    suppliers: dict[str, dict[str, Any]] = {}
    for _tid, cid, start, cur, price, cost, sup in rows:
        if cid not in scope:
            continue
        p, c = _dec(price), _dec(cost)
        adv = snap.clients[cid].advisor_id or ""
        for bucket in (totals[cur], by_month[(start[:7], cur)], by_adv[(adv, cur)]):
            bucket["revenue"] += p
            bucket["cost"] += c
        if sup:
            s = suppliers.setdefault(
                sup, {"id": sup, "name": supplier_names.get(sup, sup), "items": 0, "revenue": {}}
            )
            s["items"] += 1
            s["revenue"][cur] = str(_dec(s["revenue"].get(cur)) + p)

    def out(d: dict[str, Decimal]) -> dict[str, str]:
        return {
            "revenue": str(d["revenue"]),
            "cost": str(d["cost"]),
            "margin": str(d["revenue"] - d["cost"]),
        }

    return {
        "currencies": sorted(totals),
        "totals": {cur: out(d) for cur, d in sorted(totals.items())},
        "by_month": [
            {"month": m, "currency": cur, **out(d)} for (m, cur), d in sorted(by_month.items())
        ],
        "by_advisor": [
            {
                "advisor_id": adv or None,
                "advisor": snap.advisors.get(adv, "(no advisor)"),
                "currency": cur,
                **out(d),
            }
            for (adv, cur), d in sorted(by_adv.items())
        ],
        "top_suppliers": sorted(suppliers.values(), key=lambda s: (-s["items"], s["name"]))[:10],
    }


def top_destinations(snap: Snapshot, period: Period, scope: set[str]) -> list[dict[str, Any]]:
    """Destinations of the converted trips that start in the period, most trips first."""
    count: Counter[str] = Counter()
    clients: dict[str, set[str]] = defaultdict(set)
    for t in snap.trips:
        if t.client_id in scope and t.status in CONVERTED and t.start:
            if period.start <= t.start < period.end:
                for d in t.destinations:
                    count[d] += 1
                    clients[d].add(t.client_id)
    return [
        {"destination": d, "trips": n, "client_ids": sorted(clients[d])}
        for d, n in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    ]


def departures(snap: Snapshot, today: date, scope: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Confirmed trips leaving in the next 30 and in the next 60 days from ``today``."""
    out: dict[str, list[dict[str, Any]]] = {"30": [], "60": []}
    for t in sorted(snap.trips, key=lambda t: (t.start or date.max, t.title)):
        if t.client_id not in scope or t.status != "confirmed" or t.start is None:
            continue
        days = (t.start - today).days
        if 0 <= days < 60:
            row = {
                "trip_id": t.id,
                "title": t.title,
                "client_id": t.client_id,
                "client": snap.clients[t.client_id].name,
                "start": t.start.isoformat(),
                "days": days,
                "advisor": snap.advisors.get(snap.clients[t.client_id].advisor_id or "", ""),
            }
            out["60"].append(row)
            if days < 30:
                out["30"].append(row)
    return out


def open_complaints(studio: Studio, snap: Snapshot, today: date, scope: set[str]) -> list[dict]:
    """Complaints not resolved, oldest first, with their age in days and the advisor."""
    with studio.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, client_id, occurred_at, summary, advisor_id FROM interaction "
            "WHERE deleted_at IS NULL AND kind = 'complaint' "
            "AND coalesce(status, 'open') != 'resolved' ORDER BY occurred_at"
        ).fetchall()
    out = []
    for iid, cid, when, summary, adv in rows:
        if cid not in scope:
            continue
        day = _day(when)
        advisor = adv or snap.clients[cid].advisor_id or ""
        out.append(
            {
                "id": iid,
                "client_id": cid,
                "client": snap.clients[cid].name,
                "date": when[:10],
                "age_days": (today - day).days if day else None,
                "summary": summary,
                "advisor": snap.advisors.get(advisor, ""),
            }
        )
    return out


def overdue_tasks(studio: Studio, snap: Snapshot, today: date, scope: set[str]) -> list[dict]:
    """Overdue care tasks of the agenda (greetings, trip tasks, win-backs…) per advisor."""
    from studio.services.agenda.build import agenda

    per: dict[str, list[str]] = defaultdict(list)
    for entry in agenda(studio, today=today, days=1).section("overdue"):
        cid = entry.occurrence.client_id
        if cid in scope:
            per[entry.advisor_name or "(no advisor)"].append(cid)
    return [
        {"advisor": adv, "overdue": len(ids), "client_ids": sorted(set(ids))}
        for adv, ids in sorted(per.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]


def satisfaction_breakdown(
    snap: Snapshot, period: Period, scope: set[str]
) -> dict[str, list[dict[str, Any]]]:
    """Mean satisfaction of the period's feedback by advisor, and by the destination of the
    client's latest trip that had started by the feedback's day."""
    by_adv: dict[str, list[int]] = defaultdict(list)
    by_dest: dict[str, list[int]] = defaultdict(list)
    for cid, when, score in _feedback_in(snap, period, scope):
        by_adv[snap.clients[cid].advisor_id or ""].append(score)
        day = _day(when)
        before = [
            t
            for t in snap.trips_by_client.get(cid, [])
            if t.start and day and t.start <= day and t.status in CONVERTED
        ]
        if before:
            for d in max(before, key=lambda t: t.start or date.min).destinations:
                by_dest[d].append(score)

    def rows(groups: dict[str, list[int]], name: str, label: Any) -> list[dict[str, Any]]:
        return [
            {name: label(k), "mean": round(sum(v) / len(v), 1), "answers": len(v)}
            for k, v in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ]

    return {
        "by_advisor": rows(by_adv, "advisor", lambda a: snap.advisors.get(a, "(no advisor)")),
        "by_destination": rows(by_dest, "destination", lambda d: d),
    }


def referrers(snap: Snapshot, period: Period, scope: set[str]) -> list[dict[str, Any]]:
    """Who brought the most new clients in the period."""
    brought: dict[str, list[str]] = defaultdict(list)
    for c in _clients_created(snap, period, scope):
        if c.referred_by_id:
            brought[c.referred_by_id].append(c.id)
    return [
        {
            "client_id": rid,
            "name": snap.clients[rid].name if rid in snap.clients else rid,
            "referred": len(ids),
            "client_ids": ids,
        }
        for rid, ids in sorted(brought.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:10]
    ]


def stale_inquiries(
    studio: Studio, snap: Snapshot, today: date, scope: set[str]
) -> list[dict[str, Any]]:
    """Open trips before confirmation whose client has had no contact for 14 days (the last
    interaction, or the trip's creation when there was none since)."""
    with studio.read() as conn:
        last: dict[str, str] = dict(
            conn.exec_driver_sql(
                "SELECT client_id, max(substr(occurred_at, 1, 10)) FROM interaction "
                "WHERE deleted_at IS NULL GROUP BY client_id"
            ).fetchall()
        )
    limit = today - timedelta(days=STALE_DAYS)
    out: list[dict[str, Any]] = []
    for t in snap.trips:
        if t.client_id not in scope or t.status not in ("inquiry", "drafting", "proposed"):
            continue
        created = _day(t.created)
        contact = max(
            (d for d in (_day(last.get(t.client_id)), created) if d is not None), default=None
        )
        if contact is not None and contact < limit:
            out.append(
                {
                    "trip_id": t.id,
                    "title": t.title,
                    "status": t.status,
                    "client_id": t.client_id,
                    "client": snap.clients[t.client_id].name,
                    "last_contact": contact.isoformat(),
                    "days": (today - contact).days,
                    "advisor": snap.advisors.get(snap.clients[t.client_id].advisor_id or "", ""),
                }
            )
    out.sort(key=lambda r: (-r["days"], r["title"]))
    return out


# -- the whole desk -----------------------------------------------------------------------------
@dataclass
class Desk:
    """Everything the Studio area, ``report`` and the monthly PDF show for one period."""

    period: Period
    previous: Period
    advisor_id: str | None
    advisor: str | None
    today: date
    kpis: dict[str, Figure]
    previous_kpis: dict[str, Figure]
    trends: dict[str, list[tuple[Period, Figure]]]
    by_advisor: list[dict[str, Any]]
    conversion_by_source: dict[str, Figure]
    pipeline: dict[str, Any]
    pipeline_by_advisor: list[dict[str, Any]]
    money: dict[str, Any]
    destinations: list[dict[str, Any]]
    departures: dict[str, list[dict[str, Any]]]
    complaints: list[dict[str, Any]]
    overdue: list[dict[str, Any]]
    satisfaction: dict[str, list[dict[str, Any]]]
    referrers: list[dict[str, Any]]
    stale: list[dict[str, Any]]
    nps: Nps = field(default_factory=lambda: nps_of([]))

    def to_json(self) -> dict[str, Any]:
        """The shape ``travel-studio report --json`` prints."""
        return {
            "period": self.period.to_json(),
            "previous_period": self.previous.to_json(),
            "advisor": self.advisor,
            "kpis": {k: f.to_json() for k, f in self.kpis.items()},
            "previous": {k: f.to_json() for k, f in self.previous_kpis.items()},
            "trends": {
                k: [{**p.to_json(), "value": f.to_json()["value"]} for p, f in rows]
                for k, rows in self.trends.items()
            },
            "by_advisor": [
                {
                    "advisor_id": row["advisor_id"],
                    "advisor": row["advisor"],
                    "clients": row["clients"],
                    "kpis": {k: f.to_json() for k, f in row["kpis"].items()},
                }
                for row in self.by_advisor
            ],
            "conversion_by_source": {k: f.to_json() for k, f in self.conversion_by_source.items()},
            "pipeline": {**self.pipeline, "by_advisor": self.pipeline_by_advisor},
            "money": self.money,
            "top_destinations": self.destinations,
            "departures": self.departures,
            "open_complaints": self.complaints,
            "overdue_tasks": self.overdue,
            "satisfaction": self.satisfaction,
            "referrers": self.referrers,
            "stale_inquiries": self.stale,
            "nps": self.nps.to_json(),
        }


def resolve_advisor(studio: Studio, ref: str | None) -> tuple[str | None, str | None]:
    """``(id, display name)`` of an advisor given by id or name (None: the whole studio)."""
    if ref is None or ref == "":
        return None, None
    with studio.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, name, native_name FROM advisor WHERE deleted_at IS NULL"
        ).fetchall()
    wanted = ref.strip().lower()
    for rid, name, native in rows:
        if wanted in (rid.lower(), name.lower(), (native or "").lower()):
            return rid, display_name(name, native)
    known = ", ".join(sorted(r[1] for r in rows)) or "none"
    raise StudioError(f"No advisor is called “{ref}”; the studio's advisors are: {known}.")


def desk(
    studio: Studio,
    period: Period,
    advisor: str | None = None,
    *,
    today: date | None = None,
    trend_count: int = 12,
    snapshot: Snapshot | None = None,
) -> Desk:
    """Every figure of the owner's desk for ``period`` (for one advisor's clients when given)."""
    advisor_id, advisor_name = resolve_advisor(studio, advisor)
    snap = snapshot or load_snapshot(studio)
    if not snap.clients:
        raise StudioError(
            "This studio has no clients yet, so there are no figures; add clients or fill a "
            "demo studio with “travel-studio demo”."
        )
    today = today or date.today()
    scope = snap.scoped(advisor_id)
    previous = period.previous()
    advisors: list[tuple[str | None, str]] = [] if snap.advisors else [(None, "(no advisor)")]
    advisors += list(snap.advisors.items())
    by_advisor = []
    pipeline_by_advisor = []
    for aid, name in advisors:
        if advisor_id is not None and aid != advisor_id:
            continue
        ids = snap.scoped(aid)
        by_advisor.append(
            {
                "advisor_id": aid,
                "advisor": name,
                "clients": len(ids),
                "kpis": {key: fn(snap, period, ids) for key, fn in _KPI.items()},
            }
        )
        pipeline_by_advisor.append(
            {"advisor_id": aid, "advisor": name, **pipeline(snap, period, ids)}
        )
    trend = trends(snap, period, advisor_id, max(trend_count, 2))
    return Desk(
        period=period,
        previous=previous,
        advisor_id=advisor_id,
        advisor=advisor_name,
        today=today,
        # this period and the one before are the trend's last two
        kpis={k: rows[-1][1] for k, rows in trend.items()},
        previous_kpis={k: rows[-2][1] for k, rows in trend.items()},
        trends=trend,
        by_advisor=by_advisor,
        conversion_by_source=conversion_by_source(snap, period, scope),
        pipeline=pipeline(snap, period, scope),
        pipeline_by_advisor=pipeline_by_advisor,
        money=money(studio, snap, period, scope),
        destinations=top_destinations(snap, period, scope),
        departures=departures(snap, today, scope),
        complaints=open_complaints(studio, snap, today, scope),
        overdue=overdue_tasks(studio, snap, today, scope),
        satisfaction=satisfaction_breakdown(snap, period, scope),
        referrers=referrers(snap, period, scope),
        stale=stale_inquiries(studio, snap, today, scope),
        nps=nps(snap, period, scope),
    )


def ids_of(rows: Iterable[dict[str, Any]]) -> list[str]:
    """Every client id a list of rows names (``client_id`` or ``client_ids``), in order."""
    out: list[str] = []
    for row in rows:
        for cid in [row.get("client_id"), *row.get("client_ids", [])]:
            if cid and cid not in out:
                out.append(cid)
    return out
