"""Ideas for a client, drawn from the studio's own completed trips.

Clients are *similar* when their profiles share tastes (interests, dining, pace, values, lodging
and purposes they love, like or must have). A destination is an idea for a client when similar
clients rated a trip there :data:`HIGH` or more (a post-trip survey's overall score, or a feedback
score given after the trip) and the client has no trip there yet. The reason names the shared
tastes and how many such clients loved it: "loves Food and wine and Relaxed pace, like 6 clients
who rated Provence 90+"; the experiences (activities, dining) those clients had there come along.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from studio.domain import taxonomy
from studio.domain.i18n import current_language, tr, tr_n
from studio.services.loyalty.common import Connection
from studio.store import Studio

HIGH = 90
TASTE_SECTIONS = ("interests", "dining", "pace", "values", "lodging", "purpose")
TASTE_LEVELS = ("love", "like", "must")
DONE = ("completed", "followed-up")


@dataclass(frozen=True)
class Idea:
    destination: str
    clients: int  # similar clients who rated it HIGH or more
    shared: tuple[str, ...]  # the taste keys most of them share with this client
    experiences: tuple[str, ...]
    reason: str


def _places(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(p).strip() for p in value if str(p).strip()] if isinstance(value, list) else []


def _tastes(conn: Connection) -> dict[str, set[str]]:
    sections = ",".join(f"'{s}'" for s in TASTE_SECTIONS)
    levels = ",".join(f"'{lv}'" for lv in TASTE_LEVELS)
    out: dict[str, set[str]] = defaultdict(set)
    for cid, key in conn.exec_driver_sql(
        f"SELECT client_id, key FROM profile_fact WHERE deleted_at IS NULL "
        f"AND substr(key, 1, instr(key, '.') - 1) IN ({sections}) AND level IN ({levels})"
    ):
        out[cid].add(key)
    return out


def _ratings(conn: Connection) -> dict[str, dict[str, int]]:
    """client → trip id → best score given for that trip (surveys, else feedback after it)."""
    trips = defaultdict(list)
    for tid, cid, start, end in conn.exec_driver_sql(
        "SELECT id, client_id, start_date, coalesce(end_date, start_date) FROM trip "
        f"WHERE deleted_at IS NULL AND status IN {DONE} AND start_date IS NOT NULL"
    ):
        trips[cid].append((start, end, tid))
    for v in trips.values():
        v.sort()
    out: dict[str, dict[str, int]] = defaultdict(dict)
    surveyed = set()
    for cid, tid, score in conn.exec_driver_sql(
        "SELECT client_id, trip_id, overall FROM trip_survey WHERE deleted_at IS NULL"
    ):
        out[cid][tid] = max(score, out[cid].get(tid, 0))
        surveyed.add(tid)
    for cid, when, score in conn.exec_driver_sql(
        "SELECT client_id, substr(occurred_at, 1, 10), satisfaction FROM interaction "
        "WHERE deleted_at IS NULL AND kind = 'feedback' AND satisfaction IS NOT NULL"
    ):
        started = [t for t in trips.get(cid, []) if t[0] <= when]
        if not started:
            continue
        tid = started[-1][2]  # the latest trip begun by then
        if tid not in surveyed:
            out[cid][tid] = max(score, out[cid].get(tid, 0))
    return out


def ideas_for(studio: Studio, client_id: str, *, limit: int = 5) -> list[Idea]:
    """The best ideas for ``client_id``, most-loved first (empty when nothing fits)."""
    lang = current_language()
    with studio.read() as conn:
        tastes = _tastes(conn)
        mine = tastes.get(client_id, set())
        if not mine:
            return []
        been = {
            p.casefold()
            for (dests,) in conn.exec_driver_sql(
                "SELECT destinations FROM trip WHERE client_id = ? AND deleted_at IS NULL "
                "AND status != 'cancelled'",
                (client_id,),
            )
            for p in _places(dests)
        }
        ratings = _ratings(conn)
        trip_places = {
            tid: _places(d)
            for tid, d in conn.exec_driver_sql(
                f"SELECT id, destinations FROM trip WHERE deleted_at IS NULL AND status IN {DONE}"
            )
        }
        live = {
            r[0] for r in conn.exec_driver_sql("SELECT id FROM client WHERE deleted_at IS NULL")
        }
        by_place: dict[str, dict[str, set[str]]] = defaultdict(dict)  # place → client → shared
        loved_trips: dict[str, list[str]] = defaultdict(list)
        names: dict[str, str] = {}
        for other, rated in ratings.items():
            if other == client_id or other not in live:
                continue
            shared = mine & tastes.get(other, set())
            if not shared:
                continue
            for tid, score in rated.items():
                if score < HIGH:
                    continue
                for place in trip_places.get(tid, []):
                    key = place.casefold()
                    if key in been:
                        continue
                    names.setdefault(key, place)
                    by_place[key][other] = shared
                    loved_trips[key].append(tid)
        if not by_place:
            return []
        ranked = sorted(
            by_place.items(),
            key=lambda kv: (-len(kv[1]), -sum(len(s) for s in kv[1].values()), kv[0]),
        )[:limit]
        wanted = sorted({t for key, _ in ranked for t in loved_trips[key]})
        experiences: dict[str, Counter] = defaultdict(Counter)
        trip_key = {t: key for key, _ in ranked for t in loved_trips[key]}
        for tid, title in conn.exec_driver_sql(
            "SELECT t.id, i.title FROM trip t JOIN trip_item i ON i.version_id = "
            "t.current_version_id AND i.deleted_at IS NULL AND i.kind IN ('activity', 'dining') "
            "WHERE t.id IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        ):
            experiences[trip_key[tid]][title] += 1
    out = []
    for key, people in ranked:
        counts = Counter(k for s in people.values() for k in s)
        top = tuple(k for k, _ in counts.most_common(2))
        likes = tr(" and ").join(
            taxonomy.label(k, lang).lower() if lang == "en" else taxonomy.label(k, lang)
            for k in top
        )
        reason = tr_n(
            "loves {likes}, like {n} client who rated {place} {high}+",
            "loves {likes}, like {n} clients who rated {place} {high}+",
            len(people),
            likes=likes,
            place=names[key],
            high=HIGH,
        )
        out.append(
            Idea(
                names[key],
                len(people),
                top,
                tuple(t for t, _ in experiences[key].most_common(3)),
                reason,
            )
        )
    return out
