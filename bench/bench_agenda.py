"""The agenda on a studio of 10,000 clients with 30,000 important dates (and passports, win-backs).

The studio is generated for this bench (deterministic, through the write path; cached in
``bench/_data``): 10,000 clients with 1-3 people each, 30,000 dates (birthdays with and without a
year, wedding anniversaries, custom dates; one in ten lunar; some on 29 February), 8,000 passports,
one interaction per client (some long ago, so win-back tasks appear) and 300 acted-on occurrences.

Baseline, measured in the same run on the same file: a plain SQL query that fetches the same rows
the agenda reads (every live important date with its person and client, every live passport, and
the last interaction per client) on a bare sqlite3 connection, without computing anything.
Ours: ``studio.services.agenda.build.agenda(studio, today, 30)`` — occurrences (lunar conversion,
29 February rule, lead days), actions, sections, names, advisors and last gifts — with a cold
lunar cache on its first run and warm afterwards; and ``travel-studio ics`` (build the calendar).

    python bench/bench_agenda.py [--clients 10000] [--dates 30000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DATA, summary  # noqa: E402

TODAY = date(2026, 11, 22)

BASELINE_SQL = [
    """SELECT d.id, d.client_id, d.person_id, d.kind, d.label, d.month, d.day, d.year, d.calendar,
              p.name, p.native_name, c.name, c.native_name, c.advisor_id
       FROM important_date d JOIN client c ON c.id = d.client_id AND c.deleted_at IS NULL
       LEFT JOIN person p ON p.id = d.person_id
       WHERE d.deleted_at IS NULL AND (d.person_id IS NULL OR p.deleted_at IS NULL)""",
    """SELECT t.id, t.client_id, t.person_id, t.kind, t.expires_on FROM travel_document t
       JOIN client c ON c.id = t.client_id AND c.deleted_at IS NULL WHERE t.deleted_at IS NULL""",
    """SELECT c.id, max(i.occurred_at) FROM client c LEFT JOIN interaction i
       ON i.client_id = c.id AND i.deleted_at IS NULL WHERE c.deleted_at IS NULL GROUP BY c.id""",
    "SELECT source_table, source_id, occurrence, action, snooze_until FROM agenda_action WHERE deleted_at IS NULL",
]


def build(d: Path, clients: int, dates: int) -> None:
    from studio.domain.agenda_models import AgendaAction, TravelDocument
    from studio.domain.models import Advisor, Client, ImportantDate, Interaction, Person
    from studio.services.agenda import actions, build
    from studio.store import Studio

    rng = random.Random(2026)
    t0 = time.perf_counter()
    with Studio.open(d) as s:
        with s.transaction() as tx:
            advisors = [
                tx.create(Advisor, name=n).id for n in ("Mei Lin", "Chen Jing", "Oliver Grant")
            ]
        s.set_local_advisor(advisors[0])
        with s.transaction() as tx:
            people: list[tuple[str, str]] = []
            for i in range(clients):
                c = tx.create(
                    Client,
                    name=f"Client {i:05d}",
                    stage=rng.choice(("active", "repeat", "dormant", "prospect")),
                    advisor_id=rng.choice(advisors),
                )
                for k in range(rng.choice((1, 2, 2, 3))):
                    people.append(
                        (
                            c.id,
                            tx.create(
                                Person, client_id=c.id, name=f"Person {i:05d}-{k}", position=k
                            ).id,
                        )
                    )
                last = TODAY - timedelta(days=rng.randint(0, 900))
                tx.create(
                    Interaction,
                    client_id=c.id,
                    kind=rng.choice(("call", "gift", "email")),
                    occurred_at=last.isoformat(),
                    summary="Hello",
                    advisor_id=rng.choice(advisors),
                )
            for n in range(dates):
                cid, pid = people[n % len(people)] if n < len(people) else rng.choice(people)
                lunar = rng.random() < 0.1
                if rng.random() < 0.004 and not lunar:
                    m, dd = 2, 29
                else:
                    m, dd = rng.randint(1, 12), rng.randint(1, 28)
                year = rng.randint(1940, 2020) if rng.random() < 0.8 else None
                if lunar and year and year < 1900:
                    year = None
                kind = (
                    "birthday" if n < len(people) else rng.choice(("wedding", "custom", "birthday"))
                )
                tx.create(
                    ImportantDate,
                    client_id=cid,
                    person_id=pid,
                    kind=kind,
                    month=m,
                    day=dd,
                    year=(year - year % 4 if (m, dd) == (2, 29) and year else year),
                    calendar="lunar" if lunar else "gregorian",
                    label="Memorable day" if kind == "custom" else None,
                )
            for cid, pid in rng.sample(people, min(8000, len(people))):
                tx.create(
                    TravelDocument,
                    client_id=cid,
                    person_id=pid,
                    expires_on=(TODAY + timedelta(days=rng.randint(-60, 3650))).isoformat(),
                )
    with Studio.open(d) as s:
        result = build.agenda(s, TODAY, 30)
        with s.transaction() as tx:
            for e in result.entries[:300]:
                occ = e.occurrence
                tx.create(
                    AgendaAction,
                    id=actions.action_id(*occ.key),
                    client_id=occ.client_id,
                    source_table=occ.source_table,
                    source_id=occ.source_id,
                    occurrence=occ.key[2].isoformat(),
                    action="dismissed",
                )
    print(f"  built the bench studio in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


def studio_dir(clients: int, dates: int) -> Path:
    d = DATA / f"agenda-{clients}-{dates}"
    marker = d / ".built"
    if marker.exists():
        return d
    tmp = DATA / f".agenda-{clients}-{dates}-building"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    build(tmp, clients, dates)
    (tmp / ".built").write_text("ok")
    shutil.rmtree(d, ignore_errors=True)
    tmp.rename(d)
    return d


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=10_000)
    ap.add_argument("--dates", type=int, default=30_000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    d = studio_dir(args.clients, args.dates)

    from studio.domain import lunar
    from studio.services.agenda import build as agenda
    from studio.services.agenda.calendar import build_calendar
    from studio.store import Studio

    con = sqlite3.connect(d / "studio.sqlite3")
    base = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        rows = sum(len(con.execute(sql).fetchall()) for sql in BASELINE_SQL)
        base.append(time.perf_counter() - t)
    con.close()

    with Studio.open(d) as s:
        n_dates = s._scalar("SELECT count(*) FROM important_date WHERE deleted_at IS NULL")
        n_lunar = s._scalar("SELECT count(*) FROM important_date WHERE calendar = 'lunar'")
        lunar._month.cache_clear()
        t = time.perf_counter()
        result = agenda.agenda(s, TODAY, 30)
        cold = time.perf_counter() - t
        ours = []
        for k in range(args.repeat):
            t = time.perf_counter()
            result = agenda.agenda(s, TODAY + timedelta(days=k % 2), 30)
            ours.append(time.perf_counter() - t)
        year = []
        for _ in range(3):
            t = time.perf_counter()
            agenda.agenda(s, TODAY, 366)
            year.append(time.perf_counter() - t)
        t = time.perf_counter()
        cal = build_calendar(s, TODAY)
        data = cal.to_ical()
        ics_s = time.perf_counter() - t

    counts = {key: len(v) for key, _title, v in result.sections()}
    b, o, y = summary(base), summary(ours), summary(year)
    print(
        f"studio: {args.clients:,} clients, {n_dates:,} important dates ({n_lunar:,} lunar), "
        f"agenda of {TODAY} has {len(result.entries):,} entries {counts}"
    )
    print(
        f"baseline plain SQL fetch of the same rows ({rows:,} rows): median {b['median_ms']:.1f} ms, p95 {b['p95_ms']:.1f} ms"
    )
    print(
        f"agenda(today, 30 days):  median {o['median_ms']:.1f} ms, p95 {o['p95_ms']:.1f} ms "
        f"({o['median_ms'] / b['median_ms']:.1f}x the baseline); first run with a cold lunar cache {cold * 1000:.0f} ms"
    )
    print(f"agenda(today, 366 days): median {y['median_ms']:.1f} ms")
    print(
        f"ics calendar: {sum(1 for _ in cal.walk('VEVENT')):,} events, {len(data) / 1e6:.1f} MB, built in {ics_s * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
