"""Preference profiles for the demo studio: hand-written ones for the featured clients, varied
generated ones for the rest (sparse for prospects, mostly complete for travelled clients).

Deterministic from the seed: the same seed gives the same facts with the same ids.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from studio.domain import taxonomy
from studio.domain.profile_models import ProfileFact
from studio.domain.validate import clean
from studio.services.demo.common import load_resource, seeded_id
from studio.store import Studio

_CHUNK = 500
_SOURCES = (
    ("intake-form", 4),
    ("conversation", 4),
    ("post-trip-feedback", 2),
    ("observed-on-trip", 1),
)
# Sections of a generated profile: (section, chance it is filled, how many items at most).
_PLAN = (
    ("purpose", 0.99, 2),
    ("interests", 1.0, 4),
    ("lodging", 0.98, 3),
    ("transport", 0.97, 2),
    ("dining", 0.6, 2),
    ("dietary", 1.0, 2),
    ("access", 1.0, 1),
    ("pace", 0.99, 2),
    ("budget", 0.97, 1),
    ("values", 0.5, 2),
    ("never", 0.35, 1),
    ("prompts", 0.45, 2),
    ("insights", 0.35, 1),
    ("party", 0.15, 1),
)


def add_profiles(studio: Studio, seed: int, today: date) -> int:
    """Add profile facts to every demo client; returns how many facts were written."""
    data = load_resource("profiles.json")
    rng = random.Random(f"travel-studio-demo-profiles-{seed}")
    ids = random.Random(f"travel-studio-demo-profile-ids-{seed}")
    tax = taxonomy.load()
    with studio.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, name, stage, kind, created_at FROM client ORDER BY rowid"
        ).fetchall()
        people: dict[str, list[tuple[str, str]]] = {}
        for pid, cid, role in conn.exec_driver_sql(
            "SELECT id, client_id, role FROM person WHERE deleted_at IS NULL ORDER BY position, rowid"
        ):
            people.setdefault(cid, []).append((pid, role))

    def new_id() -> str:
        return seeded_id(ids)

    def learned(lo: int = 20, hi: int = 1100) -> str:
        return (today - timedelta(days=rng.randint(lo, hi))).isoformat()

    written = 0
    for start in range(0, len(rows), _CHUNK):
        with studio.transaction() as tx:
            for cid, name, stage, kind, created in rows[start : start + _CHUNK]:
                persons = people.get(cid, [])
                facts = (
                    _featured(data["featured"][name], persons)
                    if name in data["featured"]
                    else _generated(rng, tax, stage, kind, persons, data)
                )
                seen = set()
                for person_id, key, level, severity, note, source in facts:
                    if (person_id, key) in seen:
                        continue
                    seen.add((person_id, key))
                    trip = (
                        rng.choice(data["trips"])
                        if source == "post-trip-feedback" and rng.random() < 0.7
                        else None
                    )
                    # learned after the dossier was made, and written (dated) that day
                    on = max(learned(), created[:10])
                    tx.backdate(f"{on}T{rng.randint(11, 17):02d}:{rng.randint(0, 59):02d}:00Z")
                    values = clean(
                        ProfileFact,
                        {
                            "person_id": person_id,
                            "key": key,
                            "level": level,
                            "severity": severity,
                            "note": note,
                            "source": source,
                            "learned_on": on,
                            "trip_id": trip,
                        },
                    )
                    tx.create(ProfileFact, id=new_id(), client_id=cid, **values)
                    written += 1
    return written


def _featured(specs: list, persons: list[tuple[str, str]]) -> list[tuple]:
    out = []
    for index, key, level, severity, note, source in specs:
        pid = persons[index][0] if index is not None and index < len(persons) else None
        out.append((pid, key, level, severity, note, source))
    return out


def _generated(
    rng: random.Random,
    tax: taxonomy.Taxonomy,
    stage: str,
    kind: str,
    persons: list[tuple[str, str]],
    data: dict,
) -> list[tuple]:
    if stage == "prospect":
        fill = rng.choice((0.0, 0.15, 0.35, 0.6))
    elif stage == "lost":
        fill = rng.choice((0.3, 0.6, 0.9))
    else:
        fill = 1.0 if rng.random() < 0.85 else 0.75
    adults = [p for p, role in persons if role != "child"] or [p for p, _ in persons]
    children = [p for p, role in persons if role == "child"]
    out: list[tuple] = []

    def source() -> str:
        return rng.choices([s for s, _ in _SOURCES], weights=[w for _, w in _SOURCES])[0]

    def note(key: str, chance: float = 0.25) -> str:
        choices = data["notes"].get(key)
        return rng.choice(choices) if choices and rng.random() < chance else ""

    def owner() -> str | None:
        if kind == "organization" or len(persons) <= 1 or rng.random() < 0.35:
            return None
        return rng.choice(persons)[0]

    for section, chance, most in _PLAN:
        if rng.random() > chance * fill:
            continue
        items = tax.by_section[section].items
        if section == "dietary":
            if rng.random() < 0.55:
                out.append((None, "dietary.none", "neutral", None, "", source()))
                continue
            for item in rng.sample(items[1:], rng.randint(1, most)):
                severity = rng.choices(("preference", "intolerance", "severe"), weights=(5, 3, 2))[
                    0
                ]
                level = (
                    "must"
                    if item.key
                    in (
                        "dietary.vegetarian",
                        "dietary.vegan",
                        "dietary.halal",
                        "dietary.kosher",
                        "dietary.alcohol",
                    )
                    else "never"
                )
                out.append(
                    (
                        rng.choice(adults + children) if persons else None,
                        item.key,
                        level,
                        None if level == "must" else severity,
                        note(item.key, 0.5),
                        source(),
                    )
                )
            continue
        if section == "access":
            if rng.random() < 0.72:
                out.append((None, "access.none", "neutral", None, "", source()))
            else:
                item = rng.choice(items[1:])
                out.append(
                    (
                        rng.choice(adults) if adults else None,
                        item.key,
                        "must",
                        None,
                        note(item.key, 0.6),
                        source(),
                    )
                )
            continue
        if section == "budget":
            item = rng.choices(items, weights=(2, 4, 3, 1))[0]
            out.append((None, item.key, "must", None, "", "intake-form"))
            continue
        if section == "party":
            if children:
                out.append(
                    (None, "party.children", "must", None, note("party.children", 1.0), source())
                )
            continue
        for item in rng.sample(items, min(len(items), rng.randint(1, most))):
            if section in ("prompts", "insights"):
                level = "must"
            elif section == "never":
                level = rng.choice(("dislike", "never"))
            elif section in ("purpose", "values"):  # nobody dislikes their own reasons to travel
                level = rng.choice(("love", "like"))
            else:
                level = rng.choices(
                    ("love", "like", "neutral", "dislike", "never"), weights=(5, 4, 1, 2, 1)
                )[0]
            text = note(item.key, 0.9 if section in ("prompts", "insights", "never") else 0.25)
            if section == "insights" and not text:
                continue
            out.append((owner(), item.key, level, None, text, source()))
    return out
