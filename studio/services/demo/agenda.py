"""Relationship care in the demo studio: passports, lunar birthdays, and an agenda kept up to date.

Runs after the dossiers are built (:func:`studio.services.demo.build.build_demo` calls it). Deterministic
from the seed and ``today``: the same ids and rows every time.

- About half the adults get a passport (some with a number); about one in ten of those expires
  within the next 180 days, a few have just expired.
- About one in six people with a Chinese name keeps a lunar birthday: their birthday row becomes
  the lunar date of the day they were born.
- Recent occurrences were mostly acted on (a greeting or gift on the timeline, or dismissed), so
  Overdue holds a realistic handful rather than every date of the past month; a few are snoozed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from studio.domain import lunar
from studio.domain.agenda_models import AgendaAction, TravelDocument
from studio.domain.models import ImportantDate, Interaction
from studio.domain.validate import clean
from studio.services.agenda.actions import action_id as occurrence_action_id
from studio.services.agenda.build import agenda
from studio.services.demo.common import seeded_id
from studio.store import Studio

_GIFTS = (
    "Card and flowers",
    "Handwritten card",
    "Bottle of champagne",
    "Phone call with best wishes",
    "WeChat greeting and red envelope",
    "Tea gift box",
    "Book on their next destination",
    "鲜花和贺卡",
    "微信祝福",
)
_COUNTRY = {"zh_CN": "CN"}


def add_agenda_demo(studio: Studio, *, seed: int, today: date) -> str:
    """Add the demo's agenda data; returns the tail of the demo's summary line."""
    rng = random.Random(f"travel-studio-demo-agenda-{seed}")

    def new_id() -> str:
        return seeded_id(rng)

    passports = soon = lunar_count = acted = 0
    with studio.read() as conn:
        people = conn.exec_driver_sql(
            "SELECT p.id, p.client_id, p.native_name, p.role, p.birth_date FROM person p "
            "JOIN client c ON c.id = p.client_id AND c.deleted_at IS NULL "
            "WHERE p.deleted_at IS NULL ORDER BY p.id"
        ).fetchall()
        birthdays: dict[str, str] = dict(
            conn.exec_driver_sql(
                "SELECT person_id, id FROM important_date WHERE kind = 'birthday' AND calendar = 'gregorian' "
                "AND deleted_at IS NULL AND person_id IS NOT NULL ORDER BY id"
            ).fetchall()
        )
    with studio.transaction() as tx:
        for pid, cid, native, role, birth in people:
            adult = role not in ("child",)
            if adult and rng.random() < 0.5:
                r = rng.random()
                if r < 0.10:  # expiring within the passport rule's 180 days
                    expires = today + timedelta(days=rng.randint(5, 175))
                    soon += 1
                elif r < 0.13:  # just expired
                    expires = today - timedelta(days=rng.randint(1, 40))
                else:
                    expires = today + timedelta(days=rng.randint(181, 3650))
                number = (
                    f"{'E' if native else 'P'}{rng.randint(10_000_000, 99_999_999)}"
                    if rng.random() < 0.6
                    else None
                )
                tx.create(
                    TravelDocument,
                    id=new_id(),
                    client_id=cid,
                    person_id=pid,
                    kind="passport",
                    number=number,
                    country=_COUNTRY.get("zh_CN") if native else None,
                    expires_on=expires.isoformat(),
                )
                passports += 1
            date_id = birthdays.get(pid)
            if native and date_id and birth and len(birth) == 10 and rng.random() < 0.17:
                born = date.fromisoformat(birth)
                ly, lm, ld = lunar.from_gregorian(born)
                try:
                    lunar.check(lm, ld, ly)
                except ValueError:
                    continue  # born in a leap month whose day 30 the regular month lacks
                tx.update(
                    ImportantDate,
                    date_id,
                    **clean(
                        ImportantDate, {"calendar": "lunar", "month": lm, "day": ld, "year": ly}
                    ),
                )
                lunar_count += 1
    acted = _act_on_recent(studio, rng, new_id, today)
    return (
        f", {passports:,} passports ({soon} expiring within 180 days), {lunar_count} lunar birthdays, "
        f"{acted} reminders already acted on"
    )


def _act_on_recent(
    studio: Studio, rng: random.Random, new_id: Callable[[], str], today: date
) -> int:
    """Most reminders of the past month were done (with a gift on the timeline) or dismissed."""
    result = agenda(studio, today, 30)
    with studio.read() as conn:
        advisors: dict[str, str | None] = dict(
            conn.exec_driver_sql("SELECT id, advisor_id FROM client").fetchall()
        )
    acted = 0
    with studio.transaction() as tx:
        for e in result.entries:
            occ = e.occurrence
            if e.section != "overdue" or occ.kind == "winback":
                continue
            r = rng.random()
            action_id = occurrence_action_id(occ.source_table, occ.source_id, occ.on)
            base = {
                "client_id": occ.client_id,
                "source_table": occ.source_table,
                "source_id": occ.source_id,
                "occurrence": occ.on.isoformat(),
            }
            title = f"{occ.what} of {e.person_name}" if e.person_name else occ.what
            if r < 0.75 and occ.kind in ("birthday", "wedding", "custom"):
                sent = rng.choice(_GIFTS)
                when = min(occ.on, today)
                interaction = new_id()
                tx.create(
                    Interaction,
                    id=interaction,
                    **clean(
                        Interaction,
                        {
                            "client_id": occ.client_id,
                            "person_id": occ.person_id,
                            "kind": "gift",
                            "advisor_id": advisors.get(occ.client_id) or studio.advisor_id,
                            "occurred_at": when.isoformat(),
                            "summary": f"{sent} — {title}",
                        },
                    ),
                )
                tx.create(
                    AgendaAction,
                    id=action_id,
                    action="done",
                    sent=sent,
                    interaction_id=interaction,
                    **base,
                )
            elif r < 0.85:
                tx.create(AgendaAction, id=action_id, action="dismissed", **base)
            elif r < 0.90:
                until = today + timedelta(days=rng.randint(1, 6))
                tx.create(
                    AgendaAction,
                    id=action_id,
                    action="snoozed",
                    snooze_until=until.isoformat(),
                    **base,
                )
            else:
                continue
            acted += 1
    return acted
