"""The itinerary handout for a 21-day trip with 150 items.

The trip is built for this bench in a fresh temporary studio (through the trips service: 21 days,
150 items with times, zones, suppliers, confirmations, prices, notes of varied length, some Chinese).

Baseline, measured in the same run: a reportlab document with the same text as plain paragraphs
(one paragraph per item, the same embedded fonts, A4), without reading the studio or laying out
the handout. Ours: ``studio.services.trips.handout.write_itinerary`` — read the trip, cover, overview
table, day by day, emergency contacts, written atomically.

    python bench/bench_itinerary.py [--repeat 5] [--prices] [--lang en|zh]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _common import summary  # noqa: E402

KINDS = ("flight", "lodging", "transfer", "activity", "dining", "activity", "free")


def build(studio) -> str:
    from studio.services import clients
    from studio.services.trips import lifecycle as trip_lifecycle
    from studio.services.trips import plan as trip_plan
    from studio.services.trips import reading as trip_reading
    from studio.services.trips import suppliers as trip_suppliers

    clients.setup_local_advisor(
        studio, "Mei Lin", role="owner", native_name="林美", email="mei@example.com"
    )
    c = clients.create_client(
        studio,
        "Wang Xiaoming & Zoë Martin",
        native_name="王小明",
        kind="household",
        people=[{"name": "Wang Xiaoming", "native_name": "王小明"}, {"name": "Zoë Martin"}],
    )
    t = trip_lifecycle.create_trip(
        studio,
        c.id,
        "Grand tour of Japan and China",
        start_date="2027-04-01",
        end_date="2027-04-21",
        currency="USD",
        destinations=["Tokyo", "Kyoto", "Shanghai"],
    )
    sups = [
        trip_suppliers.create_supplier(
            studio,
            f"Supplier {n} 供应商",
            kind="hotel",
            contacts=f"+81 3 0000 {n:04d} · desk{n}@example.jp",
        )
        for n in range(12)
    ]
    days = trip_reading.days(studio, t.current_version_id)
    with studio.transaction():
        for n in range(150):
            day = days[n * 21 // 150]
            kind = KINDS[n % len(KINDS)]
            hour = 7 + (n % 7) * 2
            trip_plan.add_item(
                studio,
                day.id,
                f"Item {n}: {'Flight Tokyo HND – Shanghai PVG' if kind == 'flight' else '京都 temple visit and garden walk'}",
                kind=kind if kind != "flight" or n % 21 == 0 else "activity",
                start_time=f"{hour:02d}:00" if kind != "free" else None,
                end_time=f"{hour + 1:02d}:30" if kind != "free" else None,
                time_zone="Asia/Tokyo",
                place="Higashiyama, Kyoto",
                supplier_id=sups[n % 12].id,
                confirmation=f"CF-{n:05d}",
                cost="100",
                price="130",
                notes=" ".join(
                    ["A note about the visit, what to wear and where to meet."] * (1 + n % 9)
                ),
            )
    return t.id


def baseline(studio, trip_id: str, out: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from studio.reports import fonts
    from studio.services.trips import reading as trip_reading

    fonts.register()
    trip = trip_reading.find_trip(studio, trip_id)
    style = ParagraphStyle("p", fontName=fonts.SANS, fontSize=9.5, leading=13)
    story = []
    for d in trip_reading.days(studio, trip.current_version_id):
        story.append(Paragraph(fonts.markup(f"Day {d.day_number} {d.date}"), style))
        for it in trip_reading.items(studio, d.id):
            story.append(
                Paragraph(
                    fonts.markup(
                        f"{it.start_time or ''} {it.title} {it.place} {it.confirmation or ''} {it.notes}"
                    ),
                    style,
                )
            )
    SimpleDocTemplate(str(out), pagesize=A4).build(story, canvasmaker=fonts.Canvas)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--prices", action="store_true", help="the handout with prices and totals")
    ap.add_argument("--lang", choices=("en", "zh"), default="en", help="the handout's language")
    args = ap.parse_args()
    from studio.services.trips.handout import write_itinerary
    from studio.store import Studio

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        studio = Studio.open(tmp / "data")
        try:
            trip_id = build(studio)
            base, ours, pages = [], [], 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                baseline(studio, trip_id, tmp / "baseline.pdf")
                base.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                pages = write_itinerary(
                    studio, trip_id, tmp / "handout.pdf", prices=args.prices, lang=args.lang
                )
                ours.append(time.perf_counter() - t0)
        finally:
            studio.close()
    b, o = summary(base), summary(ours)
    print(
        json.dumps(
            {
                "bench": "itinerary 21 days / 150 items",
                "prices": args.prices,
                "lang": args.lang,
                "pages": pages,
                "baseline": b,
                "handout": o,
                "ratio_median": round(o["median_ms"] / b["median_ms"], 2),
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
