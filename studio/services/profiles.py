"""Preference profiles: facts per traveller, completeness, segments, the "at a glance" card,
conflicts with an itinerary item's tags, and the profile's history from the change journal.

Writes validate first (a refusal names the field) and go through the studio's one write path.
A fact whose taxonomy key the current taxonomy does not know is kept and shown with its raw key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from studio.domain import dates, taxonomy, validate
from studio.domain.models import Client, Person
from studio.domain.profile_models import ProfileFact
from studio.errors import NotFoundError, ValidationError
from studio.services.agenda.rules import DEFAULT_OPTIONS, is_dormant, load_rules
from studio.services.agenda.trip_sources import BOOKED_STATUSES, last_activity
from studio.services.privacy import consent as privacy_consent
from studio.store import Studio

NEGATIVE = ("dislike", "never")
POSITIVE = ("love", "like", "must")


# -- writes -----------------------------------------------------------------------------------
def set_fact(
    studio: Studio,
    client_id: str,
    key: str,
    level: str,
    *,
    person_id: str | None = None,
    severity: str | None = None,
    note: str = "",
    source: str = "conversation",
    learned_on: Any = None,
    trip_id: str | None = None,
) -> ProfileFact:
    """Record what is known about ``key`` for a person (or the whole party when ``person_id`` is
    None). A live fact for the same person and key is updated, so its history shows "was, now"."""
    data = validate.clean(
        ProfileFact,
        {
            "key": key,
            "level": level,
            "severity": severity,
            "note": note,
            "source": source,
            "learned_on": learned_on or date.today(),
            "trip_id": trip_id,
            "person_id": person_id,
        },
    )
    with studio.transaction() as tx:
        client = tx.get(Client, client_id)
        if client is None:
            raise ValidationError("client_id", "The client for this fact does not exist.")
        privacy_consent.require_profile_consent(tx.conn, client_id)
        if data.get("person_id"):
            person = tx.get(Person, data["person_id"])
            if person is None or person.client_id != client_id:
                raise ValidationError(
                    "person_id", "The person for this fact is not in this dossier."
                )
        tx.flush()
        existing = tx.conn.exec_driver_sql(
            "SELECT id FROM profile_fact WHERE client_id = ? AND key = ? AND person_id IS ? "
            "AND deleted_at IS NULL ORDER BY created_at LIMIT 1",
            (client_id, data["key"], data.get("person_id")),
        ).scalar()
        if existing:
            tx.update(ProfileFact, existing, **data)
            updated = tx.get(ProfileFact, existing)
            assert updated is not None  # live a line ago, in this transaction
            return updated
        return tx.create(ProfileFact, client_id=client_id, **data)


def update_fact(studio: Studio, fact_id: str, **changes: Any) -> dict:
    """Change fields of a fact (level, note, source, severity…); returns what changed."""
    with studio.transaction() as tx:
        current = tx.get(ProfileFact, fact_id)
        if current is None:
            raise NotFoundError(f"No profile fact with id {fact_id}.")
        data = validate.clean(ProfileFact, changes, current=current.model_dump())
        return tx.update(ProfileFact, fact_id, **data)


def remove_fact(studio: Studio, fact_id: str) -> bool:
    with studio.transaction() as tx:
        if tx.get(ProfileFact, fact_id, include_deleted=True) is None:
            raise NotFoundError(f"No profile fact with id {fact_id}.")
        return tx.delete(ProfileFact, fact_id)


# -- reads ------------------------------------------------------------------------------------
def facts(studio: Studio, client_id: str) -> list[ProfileFact]:
    """The client's live facts, in taxonomy order (unknown keys last, by key)."""
    order = {k: n for n, k in enumerate(taxonomy.load().items)}
    with studio.read() as conn:
        rows = (
            conn.exec_driver_sql(
                "SELECT * FROM profile_fact WHERE client_id = ? AND deleted_at IS NULL",
                (client_id,),
            )
            .mappings()
            .all()
        )
    out = [ProfileFact(**r) for r in rows]
    out.sort(key=lambda f: (order.get(f.key, len(order)), f.key, f.person_id or ""))
    return out


def _people(studio: Studio, client_id: str) -> dict[str, Person]:
    with studio.read() as conn:
        rows = (
            conn.exec_driver_sql(
                "SELECT * FROM person WHERE client_id = ? AND deleted_at IS NULL ORDER BY position, created_at",
                (client_id,),
            )
            .mappings()
            .all()
        )
    return {r["id"]: Person(**r) for r in rows}


def who(fact: ProfileFact, people: dict[str, Person], lang: str = "en") -> str:
    if not fact.person_id:
        return taxonomy.load().party[lang]
    p = people.get(fact.person_id)
    if p is None:
        return "?"
    return (p.native_name or p.name) if lang == "zh" else p.name


def unknown_keys(studio: Studio, client_id: str | None = None) -> list[str]:
    """Stored keys the current taxonomy does not know (kept, shown raw)."""
    sql = "SELECT DISTINCT key FROM profile_fact WHERE deleted_at IS NULL"
    params: tuple = ()
    if client_id:
        sql += " AND client_id = ?"
        params = (client_id,)
    with studio.read() as conn:
        keys = [r[0] for r in conn.exec_driver_sql(sql, params)]
    tax = taxonomy.load()
    return sorted(k for k in keys if not tax.knows(k))


# -- completeness -----------------------------------------------------------------------------
def required_sections() -> list[str]:
    return [s.key for s in taxonomy.load().sections if s.required]


def completeness_sql(alias: str = "c") -> str:
    """SQL giving a client's completeness in percent (0-100), for sorting and filtering lists."""
    keys = ", ".join(f"'{k}'" for k in required_sections())
    n = len(required_sections())
    return (
        f"(SELECT 100 * count(DISTINCT substr(f.key, 1, instr(f.key, '.') - 1)) / {n} "
        f"FROM profile_fact f WHERE f.client_id = {alias}.id AND f.deleted_at IS NULL "
        f"AND substr(f.key, 1, instr(f.key, '.') - 1) IN ({keys}))"
    )


@dataclass(frozen=True)
class Completeness:
    score: int  # percent
    missing: list[str]  # section keys still unanswered
    complete: bool

    def missing_labels(self, lang: str = "en") -> list[str]:
        tax = taxonomy.load()
        return [tax.by_section[k].text(lang) for k in self.missing]


def completeness(studio: Studio, client_id: str) -> Completeness:
    """How much of the profile is known: one point per required section with at least one fact
    (an explicit "none", such as no dietary restrictions, counts as an answer)."""
    present = {f.key.split(".", 1)[0] for f in facts(studio, client_id)}
    req = required_sections()
    missing = [k for k in req if k not in present]
    score = 100 * (len(req) - len(missing)) // len(req)
    return Completeness(score, missing, not missing)


@dataclass(frozen=True)
class StudioCompleteness:
    complete: int
    total: int
    target: float = 0.9

    @property
    def share(self) -> float:
        return self.complete / self.total if self.total else 0.0

    @property
    def on_target(self) -> bool:
        return self.share >= self.target


def studio_completeness(studio: Studio) -> StudioCompleteness:
    """Share of live dossiers whose profile is complete (the studio aims for at least 90%)."""
    req = required_sections()
    keys = ", ".join(f"'{k}'" for k in req)
    # One grouped pass over the facts, not one sub-query per client.
    sql = f"""
    SELECT count(*) FROM (
      SELECT f.client_id FROM profile_fact f JOIN client c ON c.id = f.client_id
      WHERE f.deleted_at IS NULL AND c.deleted_at IS NULL
        AND substr(f.key, 1, instr(f.key, '.') - 1) IN ({keys})
      GROUP BY f.client_id
      HAVING count(DISTINCT substr(f.key, 1, instr(f.key, '.') - 1)) = {len(req)})
    """
    with studio.read() as conn:
        complete = conn.exec_driver_sql(sql).scalar_one()
        total = conn.exec_driver_sql(
            "SELECT count(*) FROM client WHERE deleted_at IS NULL"
        ).scalar_one()
    return StudioCompleteness(complete, total)


# -- segments ---------------------------------------------------------------------------------
AGE_BANDS = (
    (0, 30, "under 30"),
    (30, 45, "30–44"),
    (45, 60, "45–59"),
    (60, 75, "60–74"),
    (75, 200, "75+"),
)


@dataclass(frozen=True)
class Segments:
    purposes: list[str]  # purpose keys
    spending_band: str | None  # budget key
    age_band: str | None
    lifecycle: str  # new / repeat / loyal / dormant
    with_children: bool = False


def age_band(birth_date: str | None, today: date) -> str | None:
    if not birth_date:
        return None
    age = dates.age_on(date.fromisoformat(birth_date), today)
    return next(label for lo, hi, label in AGE_BANDS if lo <= age < hi)


def lifecycle(
    stage: str,
    trips: int,
    last_activity: str | date | None,
    today: date,
    winback_months: int = DEFAULT_OPTIONS["winback_months"],
) -> str:
    """New, repeat, loyal or dormant, from the trips booked or taken (``trips``).

    Dormant: the stage says so, or the studio's ``winback_months`` have passed since the last
    trip booked or completed, or without trips the last contact (:func:`is_dormant`, the same day
    the agenda's win-back falls due). Repeat: two trips or more, or the stage says repeat (a
    repeat client's earlier trips often predate the studio's records, so it counts one more).
    Loyal: three trips or more.
    """
    last = (
        date.fromisoformat(last_activity[:10]) if isinstance(last_activity, str) else last_activity
    )
    if is_dormant(stage, last, today, winback_months):
        return "dormant"
    if stage == "repeat":
        trips = max(trips + 1, 2)
    return "loyal" if trips >= 3 else "repeat" if trips >= 2 else "new"


def all_segments(
    studio: Studio, today: date | None = None, client_ids: list[str] | None = None
) -> dict[str, Segments]:
    """Segments of every live client (or of ``client_ids``), in a handful of queries."""
    today = today or date.today()
    months = load_rules(studio).winback_months
    where = "c.deleted_at IS NULL"
    params: tuple = ()
    if client_ids is not None:
        where += " AND c.id IN (SELECT value FROM json_each(?))"
        params = (json.dumps(client_ids),)
    booked = ", ".join(f"'{s}'" for s in BOOKED_STATUSES)
    with studio.read() as conn:
        base = conn.exec_driver_sql(
            f"""SELECT c.id, c.stage,
              (SELECT count(*) FROM trip t WHERE t.client_id = c.id AND t.deleted_at IS NULL AND t.status IN ({booked})),
              (SELECT p.birth_date FROM person p WHERE p.client_id = c.id AND p.deleted_at IS NULL AND p.role != 'child'
                 ORDER BY p.position, p.created_at LIMIT 1),
              EXISTS (SELECT 1 FROM person p WHERE p.client_id = c.id AND p.deleted_at IS NULL AND p.role = 'child')
            FROM client c WHERE {where}""",
            params,
        ).fetchall()
        activity = last_activity(conn, client_ids=params[0] if params else None)
        fact_rows = conn.exec_driver_sql(
            f"""SELECT f.client_id, f.key, f.level FROM profile_fact f JOIN client c ON c.id = f.client_id
            WHERE f.deleted_at IS NULL AND (f.key LIKE 'purpose.%' OR f.key LIKE 'budget.%') AND {where}""",
            params,
        ).fetchall()
    purposes: dict[str, list[str]] = {}
    budget: dict[str, tuple[int, str]] = {}
    rank = {"must": 0, "love": 1, "like": 2}
    for cid, key, level in fact_rows:
        if level not in rank:
            continue
        if key.startswith("purpose."):
            purposes.setdefault(cid, []).append(key)
        elif cid not in budget or rank[level] < budget[cid][0]:
            budget[cid] = (rank[level], key)
    out = {}
    for cid, stage, trips, birth, children in base:
        last = activity.get(cid)
        out[cid] = Segments(
            purposes=sorted(purposes.get(cid, [])),
            spending_band=budget.get(cid, (0, None))[1],
            age_band=age_band(birth, today),
            lifecycle=lifecycle(stage, trips, last.day if last else None, today, months),
            with_children=bool(children),
        )
    return out


def segments(studio: Studio, client_id: str, today: date | None = None) -> Segments:
    seg = all_segments(studio, today, [client_id]).get(client_id)
    if seg is None:
        raise NotFoundError(f"No client with id {client_id}.")
    return seg


def clients_in_segment(
    studio: Studio,
    *,
    purpose: str | None = None,
    spending_band: str | None = None,
    age_band: str | None = None,
    lifecycle: str | None = None,
    today: date | None = None,
) -> list[str]:
    """Ids of live clients in every segment given (keys such as ``purpose.honeymoon``)."""
    out = []
    no_marketing = privacy_consent.marketing_refused(studio)  # left out of marketing lists
    for cid, seg in all_segments(studio, today).items():
        if cid in no_marketing:
            continue
        if purpose and purpose not in seg.purposes:
            continue
        if spending_band and seg.spending_band != spending_band:
            continue
        if age_band and seg.age_band != age_band:
            continue
        if lifecycle and seg.lifecycle != lifecycle:
            continue
        out.append(cid)
    return out


# -- at a glance ------------------------------------------------------------------------------
@dataclass
class Glance:
    must_knows: list[str] = field(default_factory=list)
    loves: list[str] = field(default_factory=list)
    avoids: list[str] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.must_knows or self.loves or self.avoids or self.prompts)


def _line(f: ProfileFact, people: dict[str, Person], lang: str, prefix: str = "") -> str:
    name = who(f, people, lang)
    text = prefix + taxonomy.label(f.key, lang)
    if f.note:
        text += f" — {f.note}" if lang == "en" else f"（{f.note}）"
    return f"{name}: {text}" if lang == "en" else f"{name}：{text}"


def glance(studio: Studio, client_id: str, lang: str = "en") -> Glance:
    """The card at the top of a dossier: must-knows first (severe allergies, mobility and
    health), then loves, avoids and service prompts."""
    people = _people(studio, client_id)
    g = Glance()
    tax = taxonomy.load()

    def sev(s: str) -> str:
        return tax.severities.get(s, {}).get(lang, s) + (": " if lang == "en" else "：")

    severe, health = [], []
    for f in facts(studio, client_id):
        section = f.key.split(".", 1)[0]
        if f.key in ("dietary.none", "access.none") or f.level == "neutral":
            continue
        if section == "dietary" and f.level in ("like", "love") and not f.severity:
            continue  # "eats it": nothing to avoid
        if section == "dietary":
            if f.severity == "severe":
                severe.append(_line(f, people, lang, sev("severe")))
            elif f.severity == "intolerance":
                g.avoids.append(_line(f, people, lang, sev("intolerance")))
            elif f.level in ("must",):
                g.avoids.append(_line(f, people, lang))
            else:
                g.avoids.append(
                    _line(
                        f,
                        people,
                        lang,
                        tax.levels[f.level][lang] + (": " if lang == "en" else "："),
                    )
                )
        elif section == "access":
            health.append(_line(f, people, lang))
        elif section == "prompts":
            g.prompts.append(_line(f, people, lang))
        elif section in ("insights", "party"):
            continue
        elif f.level == "love":
            g.loves.append(_line(f, people, lang))
        elif f.level in NEGATIVE:
            g.avoids.append(
                _line(f, people, lang, tax.levels[f.level][lang] + (": " if lang == "en" else "："))
            )
    g.must_knows = severe + health
    return g


# -- conflicts --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Conflict:
    person: str  # the traveller's name, or "Whole party"
    fact: ProfileFact
    reason: str


def _norm(tag: str) -> str:
    return re.sub(r"[\s_\-]+", " ", tag.strip().lower())


def conflicts(studio: Studio, party_client_id: str, tags: list[str]) -> list[Conflict]:
    """What in a party's profiles clashes with an itinerary item's ``tags`` ("shellfish",
    "stairs", "early start", "high altitude"…), each with a reason a person can read.

    A clash is a need or restriction whose avoid-list names the tag (a shellfish allergy, an
    altitude sensitivity, a vegetarian and "meat"), or an item about the tag that the traveller
    dislikes or never wants (someone who dislikes early starts and "early start").
    """
    wanted = {_norm(t) for t in tags if t and t.strip()}
    if not wanted:
        return []
    tax = taxonomy.load()
    people = _people(studio, party_client_id)
    out: list[Conflict] = []
    for f in facts(studio, party_client_id):
        item = tax.items.get(f.key)
        if item is None:
            continue
        section = item.section
        if section == "dietary":
            active = f.level in ("must", "never", "dislike") or f.severity is not None
        elif section == "access":
            active = f.level != "neutral"
        else:
            active = f.level in POSITIVE
        hits = sorted(wanted & {_norm(t) for t in item.avoid}) if active else []
        about = {_norm(t) for t in item.tags} | {_norm(item.key.split(".", 1)[1])}
        disliked = (
            sorted(wanted & about)
            if f.level in NEGATIVE and section not in ("dietary", "access")
            else []
        )
        name = who(f, people)
        label = item.text("en")
        for tag in hits:
            if section == "dietary" and f.severity == "severe":
                why = f"severe allergy: {label}"
            elif section == "dietary" and f.severity == "intolerance":
                why = f"intolerance: {label}"
            elif section == "dietary":
                why = f"dietary need: {label}"
            elif section == "access":
                why = f"health and access: {label}"
            else:
                why = f"prefers {label.lower()}"
            out.append(
                Conflict(
                    name,
                    f,
                    f"{name}: “{tag}” clashes with {why}" + (f" ({f.note})" if f.note else ""),
                )
            )
        for tag in disliked:
            verb = "never wants" if f.level == "never" else "dislikes"
            out.append(
                Conflict(
                    name,
                    f,
                    f"{name} {verb} {label.lower()} (“{tag}”)" + (f" ({f.note})" if f.note else ""),
                )
            )
    severity_rank = {"severe": 0, "intolerance": 1}
    out.sort(key=lambda c: (severity_rank.get(c.fact.severity or "", 2), c.person))
    return out


# -- history ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProfileChange:
    when: str  # wall time, ISO UTC
    advisor: str | None
    person: str
    key: str
    text: (
        str  # e.g. "Diving: was like, now love — learned from post-trip feedback (trip kyoto-2026)"
    )


def profile_history(studio: Studio, client_id: str, lang: str = "en") -> list[ProfileChange]:
    """Changes to a client's profile facts from the change journal, newest first."""
    from studio.store.write import decode

    sql = """
    SELECT ch.tx, ch.wall_time, a.name, ch.row_id, ch.field, ch.op, ch.old, ch.new, ch.hlc
    FROM change ch JOIN profile_fact f ON f.id = ch.row_id AND ch.table_name = 'profile_fact'
    LEFT JOIN advisor a ON a.id = ch.advisor_id
    WHERE f.client_id = ? ORDER BY ch.hlc DESC, ch.seq DESC
    """
    with studio.read() as conn:
        rows = conn.exec_driver_sql(sql, (client_id,)).fetchall()
        fact_rows = {
            r["id"]: ProfileFact(**r)
            for r in conn.exec_driver_sql(
                "SELECT * FROM profile_fact WHERE client_id = ?", (client_id,)
            ).mappings()
        }
    people = _people(studio, client_id)
    groups: dict[tuple[str, str], dict] = {}
    order: list[tuple[str, str]] = []
    for tx, when, adv, row_id, fld, op, old, new, _hlc in rows:
        k = (tx, row_id)
        if k not in groups:
            groups[k] = {"when": when, "advisor": adv, "op": op, "fields": {}}
            order.append(k)
        g = groups[k]
        if op in ("delete", "restore"):
            g["op"] = op
        g["fields"][fld] = (decode(old), decode(new))
    out = []
    tax = taxonomy.load()
    lvl = lambda v: tax.levels.get(v, {}).get(lang, v)  # noqa: E731
    for k in order:
        g = groups[k]
        fact = fact_rows[k[1]]
        label = taxonomy.label(fact.key, lang)
        fields = g["fields"]
        if g["op"] == "delete":
            text = f"{label}: removed"
        elif g["op"] == "restore":
            text = f"{label}: restored"
        elif g["op"] == "create":
            text = f"{label}: {lvl(fields.get('level', (None, fact.level))[1])}"
        else:
            parts = []
            if "level" in fields:
                old, new = fields["level"]
                parts.append(f"was {lvl(old)}, now {lvl(new)}")
            if "note" in fields:
                parts.append(f"note “{fields['note'][1] or '—'}”")
            if "severity" in fields:
                parts.append(f"severity {fields['severity'][1] or '—'}")
            text = f"{label}: " + ("; ".join(parts) or "details changed")
        if g["op"] in ("create", "update") and (
            {"source", "learned_on", "trip_id", "level"} & set(fields)
        ):
            source = fields.get("source", (None, fact.source))[1]
            text += f" — learned from {tax.sources.get(source, {}).get(lang, source).lower()}"
            trip = fields.get("trip_id", (None, fact.trip_id))[1]
            if trip:
                text += f" ({trip})"
        out.append(ProfileChange(g["when"], g["advisor"], who(fact, people, lang), fact.key, text))
    return out
