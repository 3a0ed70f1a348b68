"""Three years of the demo studio's past: trips through the pipeline, feedback and complaints.

Runs after :mod:`studio.services.demo.trips` in :func:`studio.services.demo.build.build_demo`.
Every client gets the past its stage implies: a prospect an inquiry that stalled, was cancelled
or is still being drafted; an active client a trip taken and one coming; a repeat client several
trips; a dormant client trips that ended long ago (so churn has something to count); a lost
client a cancelled trip. A trip moves through the pipeline on the days it did (created as an
inquiry, drafted, proposed, then confirmed or cancelled; travelling, completed, followed up), and
each step is written on its own day through the one write path (:meth:`Transaction.backdate`),
so the rows and the journal agree on when things happened. After a trip comes feedback, now and
then a complaint. Advisors differ (how often their proposals are taken, how happy their clients
come back), so the figures differ by advisor. Deterministic from the seed and ``today``.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from studio.domain.models import Interaction
from studio.domain.trip_models import Trip, TripDay, TripItem, TripVersion
from studio.services.demo.common import load_resource, seeded_id
from studio.store import Studio
from studio.store.write import Transaction

_CHUNK = 200
#: Per advisor (in the order the demo made them): chance a proposal is taken, mean satisfaction.
_STYLE = ((0.62, 88), (0.48, 79), (0.36, 71))


def add_history_demo(studio: Studio, *, seed: int, today: date) -> str:
    """Past trips, feedback and complaints for the demo's clients; returns ", N past trips"."""
    return _History(studio, seed, today).run()


class _History:
    def __init__(self, studio: Studio, seed: int, today: date):
        self.studio = studio
        self.today = today
        self.rng = random.Random(f"travel-studio-demo-history-{seed}")
        self._ids = random.Random(f"travel-studio-demo-history-ids-{seed}")
        self.data = load_resource("history.json")
        self.trips = 0
        self.feedback = 0
        self.tx: Transaction | None = None

    def new_id(self) -> str:
        return seeded_id(self._ids)

    def at(self, day: date, hour_lo: int = 1, hour_hi: int = 10) -> None:
        assert self.tx is not None
        r = self.rng
        self.tx.backdate(
            f"{day.isoformat()}T{r.randint(hour_lo, hour_hi):02d}:{r.randint(0, 59):02d}:"
            f"{r.randint(0, 59):02d}Z"
        )

    def run(self) -> str:
        with self.studio.read() as conn:
            clients = conn.exec_driver_sql(
                "SELECT id, name, stage, advisor_id, created_at, native_name FROM client "
                "WHERE deleted_at IS NULL ORDER BY created_at, id"
            ).fetchall()
            advisors = [
                r[0] for r in conn.exec_driver_sql("SELECT id FROM advisor ORDER BY created_at, id")
            ]
            suppliers = dict(
                (r[1], r[0]) for r in conn.exec_driver_sql("SELECT id, name FROM supplier")
            )
            busy = {
                r[0] for r in conn.exec_driver_sql("SELECT DISTINCT client_id FROM trip")
            }  # the featured trips' clients keep their story as it is
        self.style = {a: _STYLE[i % len(_STYLE)] for i, a in enumerate(advisors)}
        self.suppliers = suppliers
        for start in range(0, len(clients), _CHUNK):
            with self.studio.transaction() as tx:
                self.tx = tx
                for cid, _name, stage, advisor, created, native in clients[start : start + _CHUNK]:
                    if cid in busy:
                        continue
                    tx.advisor_id = advisor
                    lang = "zh" if native else "en"
                    self.client(cid, stage, advisor, date.fromisoformat(created[:10]), lang)
                tx.backdate(None)
            self.tx = None
        return f", {self.trips:,} past trips, {self.feedback:,} feedback answers"

    # -- one client's past ------------------------------------------------------------------------
    def client(self, cid: str, stage: str, advisor: str | None, since: date, lang: str) -> None:
        r = self.rng
        today = self.today
        plans: list[tuple[date, str]] = []  # (inquiry day, how it should go)
        if stage == "prospect":
            if r.random() < 0.7:
                plans.append((self._day(since, today - timedelta(days=10)), "open"))
        elif stage == "active":
            if r.random() < 0.6:
                plans.append((self._day(since, today - timedelta(days=300)), "done"))
            plans.append((self._day(max(since, today - timedelta(days=150)), today), "open"))
        elif stage == "repeat":
            for _ in range(r.randint(2, 4)):
                plans.append((self._day(since, today - timedelta(days=200)), "done"))
            if r.random() < 0.5:
                plans.append((self._day(max(since, today - timedelta(days=120)), today), "open"))
        elif stage == "dormant":
            last = today - timedelta(days=760)
            for _ in range(r.randint(1, 2)):
                plans.append((self._day(since, max(since, last)), "done"))
        elif stage == "lost":
            plans.append((self._day(since, today - timedelta(days=60)), "cancel"))
        if stage != "prospect":  # inquiries that came to nothing, between the trips taken
            for _ in range(r.choice((0, 0, 1, 1, 2))):
                plans.append((self._day(since, today - timedelta(days=30)), "maybe"))
        plans.sort()
        for day, how in plans:
            self.trip(cid, advisor, day, how, lang)

    def _day(self, lo: date, hi: date) -> date:
        if hi <= lo:
            return lo
        return lo + timedelta(days=self.rng.randint(0, (hi - lo).days))

    def trip(self, cid: str, advisor: str | None, created: date, how: str, lang: str) -> None:
        """One trip from its inquiry on, each step on its day, stopping at today."""
        assert self.tx is not None
        r, tx, today = self.rng, self.tx, self.today
        plan = r.choice(self.data["trips"])
        take, _mean = self.style.get(advisor or "", _STYLE[1])
        self.at(created)
        trip_id = self.new_id()
        tx.create(
            Trip,
            id=trip_id,
            client_id=cid,
            advisor_id=advisor,
            title=f"{plan['title']} {created.year + (1 if created.month > 8 else 0)}",
            destinations=_json(plan["destinations"]),
            currency=plan["currency"],
            status="inquiry",
        )
        self.trips += 1
        steps: list[tuple[date, dict[str, Any]]] = []
        drafted = created + timedelta(days=r.randint(1, 5))
        proposed = drafted + timedelta(days=r.randint(3, 10))
        decided = proposed + timedelta(days=r.randint(3, 14))
        nights = r.randint(5, 13)
        start = decided + timedelta(days=r.randint(35, 150))
        end = start + timedelta(days=nights)
        if how == "done":
            converted = True
        elif how == "cancel":
            converted = False
        elif how == "maybe":
            converted = r.random() < take * 0.5
        else:
            converted = r.random() < take
        # an open inquiry left without an answer stalls; an old one was cancelled in the end
        recent = (today - created).days < 120
        stall = how in ("open", "maybe") and not converted and recent and r.random() < 0.45
        steps.append((drafted, {"status": "drafting"}))
        if not (stall and r.random() < 0.4):
            steps.append((proposed, {"status": "proposed"}))
        if converted:
            steps.append(
                (
                    decided,
                    {
                        "status": "confirmed",
                        "start_date": start.isoformat(),
                        "end_date": end.isoformat(),
                    },
                )  # fmt: skip
            )
            steps.append((start, {"status": "travelling"}))
            steps.append((end + timedelta(days=1), {"status": "completed"}))
            # followed up (welcome home, feedback asked) unless it ended only weeks ago
            if end + timedelta(days=30) < today or r.random() < 0.4:
                steps.append((end + timedelta(days=r.randint(6, 20)), {"status": "followed-up"}))
        elif not stall:
            steps.append((decided, {"status": "cancelled"}))
        version_made = False
        for day, changes in steps:
            if day > today:
                break
            self.at(day)
            if changes.get("status") == "proposed" or (
                changes.get("status") == "confirmed" and not version_made
            ):
                self.version(cid, trip_id, plan, start, nights)
                version_made = True
            tx.update(Trip, trip_id, **changes)
        if converted and end + timedelta(days=5) <= today:
            self.after(cid, advisor, end, plan, lang)

    def version(self, cid: str, trip_id: str, plan: dict, start: date, nights: int) -> None:
        """The proposal: one version with a day, the stay and the flight, priced."""
        assert self.tx is not None
        r, tx = self.rng, self.tx
        vid = self.new_id()
        tx.create(TripVersion, id=vid, client_id=cid, trip_id=trip_id, number=1)
        day_id = self.new_id()
        tx.create(TripDay, id=day_id, client_id=cid, version_id=vid, day_number=1, title="Arrival")
        lo, hi = plan["night"]
        night = Decimal(r.randint(lo, hi))
        f_lo, f_hi = plan["flight"]
        flight = Decimal(r.randint(f_lo, f_hi))
        margin = Decimal(r.choice(("1.12", "1.15", "1.18", "1.22")))
        items = [
            ("lodging", f"{nights} nights", night * nights, plan.get("hotel")),
            ("flight", "Return flights", flight, plan.get("airline")),
        ]
        if r.random() < 0.6:
            items.append(("activity", "Private guide", night * 2, None))
        for pos, (kind, title, cost, supplier) in enumerate(items):
            tx.create(
                TripItem,
                id=self.new_id(),
                client_id=cid,
                version_id=vid,
                day_id=day_id,
                kind=kind,
                title=title,
                cost=f"{cost:.2f}",
                price=f"{(cost * margin).quantize(Decimal('1')):.2f}",
                currency=plan["currency"],
                supplier_id=self.suppliers.get(supplier) if supplier else None,
                position=pos,
            )
        tx.update(Trip, trip_id, current_version_id=vid)

    def after(self, cid: str, advisor: str | None, end: date, plan: dict, lang: str) -> None:
        """Feedback after the trip (most clients answer), now and then a complaint."""
        assert self.tx is not None
        r, tx = self.rng, self.tx
        _take, mean = self.style.get(advisor or "", _STYLE[1])
        dest = plan["destinations"][0]
        if r.random() < 0.75:
            day = min(end + timedelta(days=r.randint(5, 25)), self.today)
            score = max(5, min(100, int(r.gauss(mean, 12))))
            lines = self.data["feedback"][lang]
            line = lines[0] if score >= 85 else lines[1] if score >= 65 else lines[2]
            self.at(day, 9, 17)
            tx.create(
                Interaction,
                id=self.new_id(),
                client_id=cid,
                kind="feedback",
                occurred_at=day.isoformat(),
                advisor_id=advisor,
                satisfaction=score,
                summary=line.format(dest=dest),
            )
            self.feedback += 1
        if r.random() < 0.1:
            day = min(end + timedelta(days=r.randint(1, 10)), self.today)
            recent = (self.today - day).days < 60
            fields: dict[str, Any] = {"status": "open"}
            if not recent or r.random() < 0.3:
                fields = {
                    "status": "resolved",
                    "resolution": r.choice(self.data["resolutions"][lang]),
                    "resolved_at": min(
                        day + timedelta(days=r.randint(2, 15)), self.today
                    ).isoformat(),
                }
            self.at(day, 9, 17)
            tx.create(
                Interaction,
                id=self.new_id(),
                client_id=cid,
                kind="complaint",
                occurred_at=day.isoformat(),
                advisor_id=advisor,
                summary=r.choice(self.data["complaints"][lang]).format(dest=dest),
                **fields,
            )


def _json(values: list[str]) -> str:
    import json

    return json.dumps(values, ensure_ascii=False)
