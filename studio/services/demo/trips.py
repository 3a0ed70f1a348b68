"""Trips in the demo studio: every pipeline status, several versions, realistic days and items.

Runs last in :func:`studio.services.demo.build.build_demo`. Deterministic from the seed and ``today``
(ids come from a seeded generator), written through the one write path and validated with the
trips service's own cleaning rules.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from studio.domain.models import Client, Person
from studio.domain.trip_models import (
    TRIP_STATUSES,
    Supplier,
    Trip,
    TripDay,
    TripItem,
    TripTraveller,
    TripVersion,
)
from studio.services.demo.common import seeded_id
from studio.services.trips import reading as trip_reading
from studio.services.trips import suppliers as trip_suppliers
from studio.services.trips import validators as trip_validators
from studio.store import Studio

#: kind, title, start, end, time zone, end time zone, place, supplier key, tags, cost, price
_Item = tuple[
    str, str, str | None, str | None, str | None, str | None, str, str | None, list[str],
    str | None, str | None,
]  # fmt: skip
#: title, currency, destinations, time zone, days (title, items)
_Plan = tuple[str, str, list[str], str, list[tuple[str, list[_Item]]]]

_SUPPLIERS = {
    "hoshinoya": (
        "hotel",
        "Hoshinoya Kyoto",
        "星のや京都",
        "+81 50 3134 8091",
        "Arashiyama, Kyoto",
        5,
    ),
    "tawaraya": ("hotel", "Tawaraya Ryokan", "俵屋旅館", "+81 75 211 5566", "Nakagyo, Kyoto", 5),
    "jal": ("airline", "Japan Airlines", "日本航空", "+81 3 5460 0522", "Tokyo", 4),
    "mu": ("airline", "China Eastern", "中国东方航空", "+86 95530", "Shanghai", 4),
    "af": ("airline", "Air France", None, "+33 9 69 39 36 54", "Paris", 4),
    "kyoto-guide": (
        "guide",
        "Kenji Morita (guide)",
        "森田健二",
        "+81 90 1234 5678 · kenji@example.jp",
        "Kyoto",
        5,
    ),
    "provence-dmc": (
        "ground-operator",
        "Provence Prestige DMC",
        None,
        "+33 4 90 00 00 00 · 24h +33 6 00 00 00 00",
        "Avignon",
        4,
    ),
    "europe": ("hotel", "Hôtel d'Europe", None, "+33 4 90 14 76 76", "Avignon", 5),
    "yunnan-op": (
        "ground-operator",
        "Shangri-La Trails",
        "香格里拉行者",
        "+86 887 822 0000 · 24h +86 139 0000 0000",
        "Shangri-La",
        4,
    ),
    "songtsam": ("hotel", "Songtsam Lodge", "松赞酒店", "+86 887 828 8889", "Shangri-La", 5),
    "allianz": ("insurer", "Allianz Travel Assistance", None, "24h +49 89 6424 3700", "Munich", 4),
    "kitcho": ("restaurant", "Arashiyama Kitcho", "嵐山吉兆", "+81 75 881 1101", "Kyoto", 5),
}

# (destination title, currency, days: [(day title, [(kind, title, start, end, tz, end_tz, place, supplier, tags, cost, price)])])
_PLANS: list[_Plan] = [
    (
        "Kyoto in autumn colours",
        "JPY",
        ["Kyoto", "Nara"],
        "Asia/Tokyo",
        [
            (
                "Arrival",
                [
                    (
                        "flight",
                        "Shanghai PVG – Osaka KIX",
                        "09:10",
                        "12:40",
                        "Asia/Shanghai",
                        "Asia/Tokyo",
                        "Pudong T1",
                        "jal",
                        [],
                        "180000",
                        "210000",
                    ),
                    (
                        "transfer",
                        "Private car to Arashiyama",
                        "14:00",
                        "15:30",
                        "Asia/Tokyo",
                        None,
                        "KIX arrivals",
                        "kyoto-guide",
                        [],
                        "30000",
                        "38000",
                    ),
                    (
                        "lodging",
                        "Hoshinoya Kyoto, river-view suite",
                        "16:00",
                        None,
                        "Asia/Tokyo",
                        None,
                        "Arashiyama",
                        "hoshinoya",
                        ["river"],
                        "240000",
                        "300000",
                    ),
                ],
            ),
            (
                "Temples and tea",
                [
                    (
                        "activity",
                        "Fushimi Inari before the crowds",
                        "06:30",
                        "09:00",
                        "Asia/Tokyo",
                        None,
                        "Fushimi",
                        "kyoto-guide",
                        ["early start", "stairs"],
                        "20000",
                        "26000",
                    ),
                    (
                        "activity",
                        "Private tea ceremony in Uji",
                        "14:00",
                        "15:30",
                        "Asia/Tokyo",
                        None,
                        "Uji",
                        None,
                        [],
                        "25000",
                        "32000",
                    ),
                    (
                        "dining",
                        "Kaiseki dinner at Kitcho",
                        "19:00",
                        "21:30",
                        "Asia/Tokyo",
                        None,
                        "Arashiyama",
                        "kitcho",
                        ["seafood", "shellfish"],
                        "90000",
                        "110000",
                    ),
                ],
            ),
            (
                "Nara day trip",
                [
                    (
                        "activity",
                        "Todai-ji and the deer park",
                        "10:00",
                        "13:00",
                        "Asia/Tokyo",
                        None,
                        "Nara",
                        "kyoto-guide",
                        ["walking"],
                        "15000",
                        "20000",
                    ),
                    (
                        "free",
                        "Afternoon at leisure",
                        None,
                        None,
                        None,
                        None,
                        "",
                        None,
                        [],
                        None,
                        None,
                    ),
                ],
            ),
            (
                "Departure",
                [
                    (
                        "flight",
                        "Osaka KIX – Shanghai PVG",
                        "15:20",
                        "17:30",
                        "Asia/Tokyo",
                        "Asia/Shanghai",
                        "KIX",
                        "jal",
                        [],
                        "180000",
                        "210000",
                    )
                ],
            ),
        ],
    ),
    (
        "Provence and the Riviera",
        "EUR",
        ["Avignon", "Nice"],
        "Europe/Paris",
        [
            (
                "Arrival in Avignon",
                [
                    (
                        "flight",
                        "Shanghai PVG – Paris CDG",
                        "23:55",
                        "06:20",
                        "Asia/Shanghai",
                        "Europe/Paris",
                        "Pudong T1",
                        "af",
                        [],
                        "2100",
                        "2500",
                    ),
                    (
                        "transfer",
                        "TGV to Avignon, met at the station",
                        "09:00",
                        "11:40",
                        "Europe/Paris",
                        None,
                        "Gare de Lyon",
                        "provence-dmc",
                        [],
                        "180",
                        "240",
                    ),
                    (
                        "lodging",
                        "Hôtel d'Europe",
                        "15:00",
                        None,
                        "Europe/Paris",
                        None,
                        "12 Place Crillon, Avignon",
                        "europe",
                        [],
                        "450",
                        "580",
                    ),
                ],
            ),
            (
                "Palais des Papes",
                [
                    (
                        "activity",
                        "Guided visit of the Palais des Papes",
                        "09:30",
                        "12:00",
                        "Europe/Paris",
                        None,
                        "Avignon",
                        "provence-dmc",
                        ["stairs", "walking"],
                        "220",
                        "290",
                    ),
                    (
                        "dining",
                        "Lunch at a Michelin-starred mas",
                        "13:00",
                        "15:00",
                        "Europe/Paris",
                        None,
                        "Gordes",
                        None,
                        ["wine"],
                        "260",
                        "320",
                    ),
                ],
            ),
            (
                "Lavender and villages",
                [
                    (
                        "activity",
                        "Lavender fields of Valensole",
                        "08:00",
                        "12:00",
                        "Europe/Paris",
                        None,
                        "Valensole",
                        "provence-dmc",
                        ["early start"],
                        "300",
                        "390",
                    ),
                    (
                        "note",
                        "Bring a hat: little shade",
                        None,
                        None,
                        None,
                        None,
                        "",
                        None,
                        [],
                        None,
                        None,
                    ),
                ],
            ),
        ],
    ),
    (
        "Yunnan: Lijiang to Shangri-La",
        "CNY",
        ["Lijiang", "Shangri-La"],
        "Asia/Shanghai",
        [
            (
                "Lijiang old town",
                [
                    (
                        "flight",
                        "Shanghai – Lijiang",
                        "08:05",
                        "12:10",
                        "Asia/Shanghai",
                        None,
                        "Hongqiao T2",
                        "mu",
                        [],
                        "2400",
                        "2900",
                    ),
                    (
                        "lodging",
                        "Songtsam Lodge Lijiang",
                        "15:00",
                        None,
                        "Asia/Shanghai",
                        None,
                        "Lijiang",
                        "songtsam",
                        [],
                        "2800",
                        "3500",
                    ),
                ],
            ),
            (
                "Tiger Leaping Gorge",
                [
                    (
                        "activity",
                        "Walk the upper trail of Tiger Leaping Gorge",
                        "08:30",
                        "15:00",
                        "Asia/Shanghai",
                        None,
                        "Tiger Leaping Gorge",
                        "yunnan-op",
                        ["hiking", "high altitude"],
                        "1600",
                        "2100",
                    )
                ],
            ),
            (
                "Up to Shangri-La",
                [
                    (
                        "transfer",
                        "Drive to Shangri-La (3,300 m)",
                        "09:00",
                        "13:00",
                        "Asia/Shanghai",
                        None,
                        "Shangri-La",
                        "yunnan-op",
                        ["high altitude"],
                        "1200",
                        "1500",
                    ),
                    (
                        "dining",
                        "Tibetan hotpot dinner",
                        "18:30",
                        "20:30",
                        "Asia/Shanghai",
                        None,
                        "Dukezong",
                        None,
                        ["meat"],
                        "600",
                        "800",
                    ),
                ],
            ),
        ],
    ),
]
_INSURANCE: _Item = (
    "note",
    "Travel insurance: keep the policy number with your passport",
    None,
    None,
    None,
    None,
    "",
    "allianz",
    [],
    None,
    None,
)
_LABELS = ("First proposal", "Slower pace", "With the Nara day", "Final")
_PURPOSES = ("leisure", "honeymoon", "family", "anniversary", "culture")


def add_trips_demo(studio: Studio, *, seed: int, today: date) -> str:
    """Add demo trips (every status) to a studio that already has clients; returns ", N trips"."""
    rng = random.Random(f"travel-studio-demo-trips-{seed}")

    def new_id() -> str:
        return seeded_id(rng)

    with studio.read() as conn:
        ids = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT id FROM client WHERE deleted_at IS NULL ORDER BY id"
            )
        ]
    if not ids:
        return ""
    chosen = rng.sample(ids, min(len(ids), 2 * len(TRIP_STATUSES)))
    n_trips = 0
    with studio.transaction() as tx:
        sup: dict[str, str] = {}
        for key, (kind, name, native, contacts, location, rating) in _SUPPLIERS.items():
            data = trip_suppliers.clean_supplier(
                {
                    "kind": kind,
                    "name": name,
                    "native_name": native,
                    "contacts": contacts,
                    "location": location,
                    "rating": rating,
                }
            )
            sup[key] = tx.create(Supplier, id=new_id(), **data).id
        for n, client_id in enumerate(chosen):
            status = TRIP_STATUSES[n % len(TRIP_STATUSES)]
            title, cur, dests, _tz, plan = _PLANS[n % len(_PLANS)]
            offset = {
                "inquiry": 150,
                "drafting": 90,
                "proposed": 60,
                "confirmed": 30,
                "travelling": -1,
                "completed": -60,
                "followed-up": -150,
                "cancelled": 45,
            }[status] + rng.randint(0, 20)
            if status == "travelling":
                offset = -1
            start = today + timedelta(days=offset)
            end = start + timedelta(days=len(plan) - 1)
            client = trip_reading.get_row(tx, Client, client_id)
            who = client.name.split(" & ")[0].split(",")[0]
            trip_data = trip_validators.clean_trip(
                {
                    # distinct titles, so TRIP can be given by title on the command line
                    "title": f"{title} — {who}",
                    "destinations": dests,
                    "start_date": start.isoformat(),
                    "end_date": end.isoformat(),
                    "purpose": rng.choice(_PURPOSES),
                    "budget": str(rng.choice((3, 5, 8, 12)) * (100000 if cur == "JPY" else 1000)),
                    "currency": cur,
                    "status": status,
                }
            )
            trip = tx.create(
                Trip, id=new_id(), client_id=client_id, advisor_id=client.advisor_id, **trip_data
            )
            for p in trip_reading.tx_rows(tx, Person, ("position",), client_id=client_id):
                tx.create(
                    TripTraveller, id=new_id(), client_id=client_id, trip_id=trip.id, person_id=p.id
                )
            n_versions = {"inquiry": 1, "drafting": 1, "proposed": 2, "cancelled": 2}.get(status, 3)
            origins: dict[tuple[int, int], str] = {}
            current: str | None = None
            for vn in range(1, n_versions + 1):
                # travelling: v2 was approved (locked); v3 holds the changes made on the road
                final = n_versions - 1 if status == "travelling" else n_versions
                approved = (
                    status in ("confirmed", "travelling", "completed", "followed-up")
                    and vn == final
                )
                label = "Final" if approved else ("On the road" if vn > final else _LABELS[vn - 1])
                v = tx.create(
                    TripVersion,
                    id=new_id(),
                    client_id=client_id,
                    trip_id=trip.id,
                    number=vn,
                    label=label,
                    locked=approved,
                    approved_at=(start - timedelta(days=20)).isoformat() if approved else None,
                    based_on_id=current,
                )
                current = v.id
                for dn, (day_title, day_items) in enumerate(plan, start=1):
                    if dn == 1:
                        day_items = [_INSURANCE, *day_items]
                    day = tx.create(
                        TripDay,
                        id=new_id(),
                        client_id=client_id,
                        version_id=v.id,
                        day_number=dn,
                        date=(start + timedelta(days=dn - 1)).isoformat(),
                        title=day_title,
                        position=dn,
                    )
                    for pos, (
                        kind,
                        it_title,
                        st,
                        et,
                        tz,
                        etz,
                        place,
                        s_key,
                        tags,
                        cost,
                        price,
                    ) in enumerate(day_items):
                        if vn == 1 and pos == len(day_items) - 1 and len(day_items) > 2:
                            continue  # the first proposal was thinner; later versions added to it
                        if vn >= 2 and kind == "activity" and pos == 0:
                            # a slower start after the client's feedback
                            st = "07:00" if st == "06:30" else st
                        data = trip_validators.clean_item(
                            {
                                "kind": kind,
                                "title": it_title,
                                "start_time": st,
                                "end_time": et,
                                "time_zone": tz,
                                "end_time_zone": etz,
                                "place": place,
                                "supplier_id": sup.get(s_key) if s_key else None,
                                "tags": tags,
                                "cost": cost,
                                "price": price,
                                "currency": cur if (cost or price) else None,
                                "confirmation": f"{(s_key or 'X')[:3].upper()}-{rng.randint(10000, 99999)}"
                                if approved and s_key
                                else None,
                            }
                        )
                        slot = (dn, pos)
                        item = tx.create(
                            TripItem,
                            id=new_id(),
                            client_id=client_id,
                            version_id=v.id,
                            day_id=day.id,
                            position=pos,
                            origin_id=origins.get(slot),
                            **data,
                        )
                        origins.setdefault(slot, item.id)
            if status == "travelling":
                # on the road: the plan moved, with its reason kept
                first = trip_reading.tx_rows(tx, TripDay, ("position",), version_id=current)[1]
                for it in trip_reading.tx_rows(tx, TripItem, ("position",), day_id=first.id)[:1]:
                    tx.update(
                        TripItem,
                        it.id,
                        start_time="10:00",
                        end_time="12:30",
                        change_reason="weather: morning rain, moved later",
                    )
            tx.update(Trip, trip.id, current_version_id=current)
            n_trips += 1
    return f", {n_trips} trips"
