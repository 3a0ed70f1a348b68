"""The profile check of an itinerary: each item's title, tags, notes and place read against the
travellers' profile facts, in English and Chinese, through the vocabulary of
:mod:`studio.services.safety.vocabulary`.

A flag names what matched and why ("Li Na: “peanut sauce” in the tags matches the severe peanut
allergy (anaphylaxis)") and how loud it is: ``danger`` (a severe allergy, a wheelchair and
stairs), ``warning`` (an intolerance, a diet, a health need, a "never"), ``notice`` (a dislike, a
preference). The advisor can mark a flag checked (:func:`mark_checked`): it stops shouting but
stays listed; a mark only holds while the item's text and the fact are what they were when it was
made.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import Connection

from studio.domain import taxonomy
from studio.domain.models import Advisor
from studio.domain.profile_models import ProfileFact
from studio.domain.safety_models import SafetyCheck
from studio.domain.trip_models import Trip, TripItem, TripVersion
from studio.errors import NotFoundError, ValidationError
from studio.services.safety.vocabulary import FactRule, Hit, Vocabulary, load, normalise
from studio.store import Studio

SEVERITIES = ("danger", "warning", "notice")
_QUIETER = {"danger": "warning", "warning": "notice", "notice": "notice"}
NEGATIVE = ("dislike", "never")
POSITIVE = ("love", "like", "must")
#: The parts of an item the check reads, in the order a reason prefers to name them.
FIELDS = ("title", "tags", "notes", "place", "times")


@dataclass(frozen=True)
class ItemText:
    """What the check reads of one item."""

    title: str
    tags: tuple[str, ...] = ()
    notes: str = ""
    place: str = ""
    kind: str = "activity"
    start_time: str | None = None
    end_time: str | None = None

    @classmethod
    def of(cls, item: TripItem) -> ItemText:
        return cls(
            item.title or "",
            tuple(json.loads(item.tags or "[]")),
            item.notes or "",
            item.place or "",
            item.kind,
            item.start_time,
            item.end_time,
        )

    def fields(self) -> dict[str, str]:
        return {
            "title": normalise(self.title),
            "tags": normalise(" , ".join(self.tags)),
            "notes": normalise(self.notes),
            "place": normalise(self.place),
        }

    def digest(self) -> str:
        parts = [*self.fields().values(), self.kind, self.start_time or "", self.end_time or ""]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Clash:
    """One fact that one item's text clashes with (before any mark is applied)."""

    fact: ProfileFact
    person: str
    severity: str
    concept: str
    term: str
    where: str
    reason: str
    fingerprint: str


@dataclass(frozen=True)
class CheckMark:
    id: str
    by: str  # the advisor's name
    at: str  # ISO 8601, UTC


# -- the matcher ------------------------------------------------------------------------------
def _minutes(hhmm: str | None) -> int | None:
    if not hhmm or len(hhmm) < 4 or ":" not in hhmm:
        return None
    h, m = hhmm.split(":", 1)
    try:
        return int(h) * 60 + int(m[:2])
    except ValueError:
        return None


def _time_hits(item: ItemText, wanted: set[str]) -> list[tuple[Hit, str]]:
    """Clashes read from the times: a flight leaving late at night and landing the next day is
    a red-eye; anything starting before seven is an early start. A red-eye is never an early
    start, and an early start is never a red-eye."""
    start, end = _minutes(item.start_time), _minutes(item.end_time)
    if start is None:
        return []
    out: list[tuple[Hit, str]] = []
    overnight = end is not None and end < start
    red_eye = item.kind == "flight" and (
        (start >= 21 * 60 and overnight) or (start < 5 * 60 and end is not None and end > start)
    )
    if red_eye and "red_eye" in wanted:
        out.append((Hit("red_eye", f"departs {item.start_time}", False, False, 0), "times"))
    elif not red_eye and 3 * 60 <= start < 7 * 60 and "early_start" in wanted:
        out.append((Hit("early_start", f"starts {item.start_time}", False, False, 0), "times"))
    return out


def _active(fact: ProfileFact, section: str, rule: FactRule) -> tuple[list[str], str] | None:
    """The concepts a fact objects to and how loudly, or None when it objects to nothing."""
    if fact.level == "neutral" and fact.severity is None:
        return None
    if section == "dietary":
        if fact.key == "dietary.none":
            return None
        if fact.severity == "severe":
            return list(rule.avoid), "danger"
        if fact.severity == "intolerance":
            return list(rule.avoid), "warning"
        if fact.level in ("must", "never"):
            return list(rule.avoid), "warning"
        if fact.level == "dislike":
            return list(rule.avoid), "notice"
        return None
    if section == "access":
        if fact.key == "access.none":
            return None
        return list(rule.avoid), rule.loud or "warning"
    if fact.level in NEGATIVE:
        return list(rule.about), "warning" if fact.level == "never" else "notice"
    if fact.level in POSITIVE and rule.avoid:
        return list(rule.avoid), "notice"
    return None


def _phrase(fact: ProfileFact, section: str, rule: FactRule) -> str:
    tax = taxonomy.load()
    item = tax.items.get(fact.key)
    label = item.text("en") if item else fact.key
    what = rule.what.get("en") or label.lower()
    if section == "dietary":
        if rule.allergen and fact.severity == "severe":
            return f"the severe {what} allergy"
        if rule.allergen and fact.severity == "intolerance":
            return f"the {what} intolerance"
        if rule.allergen:
            verb = "never eats" if fact.level == "never" else "avoids"
            return f"{verb} {what}" if fact.level != "dislike" else f"dislikes {what}"
        return f"the {what}"
    if section == "access":
        return f"the health and access need “{label}”"
    if fact.level == "never":
        return f"never wants {label[0].lower() + label[1:]}"
    if fact.level == "dislike":
        return f"dislikes {label[0].lower() + label[1:]}"
    return f"prefers {label[0].lower() + label[1:]}"


def _term(vocab: Vocabulary, hit: Hit) -> str:
    shown = vocab.concept(hit.concept).text("en")
    if shown.lower() in hit.term or hit.concept.startswith("word:"):
        return f"“{hit.term}”"
    if hit.derived:
        return f"“{hit.term}” (made with {shown})"
    return f"“{hit.term}” ({shown})"


def _fingerprint(item: ItemText, fact: ProfileFact) -> str:
    return hashlib.sha256(
        "\x1f".join(
            (item.digest(), fact.key, fact.level, fact.severity or "", fact.person_id or "")
        ).encode()
    ).hexdigest()[:32]


def clashes(
    item: ItemText,
    facts: list[ProfileFact],
    names: dict[str, str],
    vocab: Vocabulary | None = None,
) -> list[Clash]:
    """What in ``facts`` clashes with ``item``: at most one clash per fact, loudest first.
    ``names`` maps person ids to names (a fact without a person is the whole party's)."""
    vocab = vocab or load()
    tax = taxonomy.load()
    fields = item.fields()
    out: list[Clash] = []
    for fact in facts:
        section = fact.key.split(".", 1)[0]
        rule = vocab.rule(fact.key)
        active = _active(fact, section, rule)
        if active is None or not active[0]:
            continue
        concepts, severity = active
        wanted = set(vocab.closure(concepts))
        hits: list[tuple[Hit, str]] = []
        for where in ("title", "tags", "notes", "place"):
            hits += [(h, where) for h in vocab.find(concepts, fields[where], also=rule.may_contain)]
        hits += _time_hits(item, wanted)
        if not hits:
            continue
        plain = [h for h in hits if not h[0].negated]
        chosen = plain or hits
        if not plain:
            severity = _QUIETER[severity]
        hit, where = chosen[0]
        chosen.sort(key=lambda hw: hw[0].may)  # what surely holds it before what may
        hit, where = chosen[0]
        named: list[str] = []
        seen: set[str] = set()
        for h, w in chosen:
            if h.term in seen or len(named) == 3:
                continue
            seen.add(h.term)
            if h.may:
                what = (rule.what.get("en") or "it").lower()
                named.append(f"“{h.term}” in the {w} (may contain {what})")
            else:
                named.append(f"{_term(vocab, h)} in the {w}")
        more = len(named) > 1
        term = ", ".join(named[:-1]) + " and " + named[-1] if more else named[0]
        person = names.get(fact.person_id or "", "?") if fact.person_id else tax.party["en"]
        verb = "match" if more else "matches"
        reason = f"{person}: {term} {verb} {_phrase(fact, section, rule)}"
        if fact.note:
            reason += f" ({fact.note})"
        if not plain:
            reason += " — the item says it is free of it; confirm with the supplier"
        out.append(Clash(fact, person, severity, hit.concept, hit.term, where, reason, ""))
        out[-1] = replace(out[-1], fingerprint=_fingerprint(item, fact))
    out.sort(key=lambda c: (SEVERITIES.index(c.severity), c.person))
    return out


# -- a version's flags ------------------------------------------------------------------------
@dataclass(frozen=True)
class VersionFlag:
    item_id: str
    item_key: str
    title: str
    day_id: str
    clash: Clash
    mark: CheckMark | None  # a mark that still holds
    stale: CheckMark | None  # a mark made before the item or the fact changed


def _rows(conn: Connection, sql: str, params: tuple) -> list[dict]:
    return [dict(r) for r in conn.exec_driver_sql(sql, params).mappings()]


def travellers_facts(studio: Studio, trip_id: str) -> tuple[list[ProfileFact], dict[str, str]]:
    """The facts the check reads for a trip (the travellers' and the whole party's; everyone's
    while no traveller is named) and the names of the client's people by id."""
    with studio.read() as conn:
        trip = _rows(conn, "SELECT * FROM trip WHERE id = ?", (trip_id,))
        if not trip:
            raise NotFoundError(f"No trip with id {trip_id}.")
        return _facts_and_names(conn, trip_id, trip[0]["client_id"])


def _facts_and_names(
    conn: Connection, trip_id: str, client_id: str
) -> tuple[list[ProfileFact], dict[str, str]]:
    going = {
        r["person_id"]
        for r in _rows(
            conn,
            "SELECT person_id FROM trip_traveller WHERE trip_id = ? AND deleted_at IS NULL",
            (trip_id,),
        )
    }
    facts = [
        ProfileFact(**r)
        for r in _rows(
            conn,
            "SELECT * FROM profile_fact WHERE client_id = ? AND deleted_at IS NULL "
            "ORDER BY created_at",
            (client_id,),
        )
    ]
    if going:
        facts = [f for f in facts if not f.person_id or f.person_id in going]
    names = {
        r["id"]: r["name"]
        for r in _rows(conn, "SELECT id, name FROM person WHERE client_id = ?", (client_id,))
    }
    return facts, names


def version_flags(studio: Studio, version_id: str) -> list[VersionFlag]:
    """Every clash of a version's items with the profiles of the trip's travellers (the whole
    party's facts always), with the marks that hold, in the plan's order."""
    with studio.read() as conn:
        v = _rows(conn, "SELECT * FROM trip_version WHERE id = ?", (version_id,))
        if not v:
            raise NotFoundError(f"No trip version with id {version_id}.")
        version = TripVersion(**v[0])
        trip = Trip(**_rows(conn, "SELECT * FROM trip WHERE id = ?", (version.trip_id,))[0])
        facts, names = _facts_and_names(conn, trip.id, trip.client_id)
        items = [  # plain rows: building a model per item costs more than checking it
            r
            for r in _rows(
                conn,
                "SELECT i.id, i.origin_id, i.day_id, i.title, i.tags, i.notes, i.place, i.kind, "
                "i.start_time, i.end_time FROM trip_item i JOIN trip_day d ON d.id = i.day_id "
                "WHERE i.version_id = ? AND i.deleted_at IS NULL AND d.deleted_at IS NULL "
                "ORDER BY d.position, d.day_number, i.position",
                (version_id,),
            )
        ]
        marks = _rows(
            conn,
            "SELECT s.*, a.name AS advisor FROM safety_check s "
            "LEFT JOIN advisor a ON a.id = s.checked_by "
            "WHERE s.trip_id = ? AND s.deleted_at IS NULL ORDER BY s.checked_at",
            (trip.id,),
        )
    by_key: dict[tuple[str, str], dict] = {(m["item_key"], m["fact_id"]): m for m in marks}
    vocab = load()
    out: list[VersionFlag] = []
    for it in items:
        key = it["origin_id"] or it["id"]
        text = ItemText(
            it["title"] or "",
            tuple(json.loads(it["tags"] or "[]")),
            it["notes"] or "",
            it["place"] or "",
            it["kind"],
            it["start_time"],
            it["end_time"],
        )
        for c in clashes(text, facts, names, vocab):
            m = by_key.get((key, c.fact.id))
            mark = CheckMark(m["id"], m["advisor"] or "an advisor", m["checked_at"]) if m else None
            holds = mark is not None and m is not None and m["fingerprint"] == c.fingerprint
            out.append(
                VersionFlag(
                    it["id"],
                    key,
                    it["title"],
                    it["day_id"],
                    c,
                    mark if holds else None,
                    None if holds else mark,
                )
            )
    return out


def describe_mark(mark: CheckMark) -> str:
    return f"checked by {mark.by} on {mark.at[:10]}"


# -- marks ------------------------------------------------------------------------------------
def mark_checked(studio: Studio, item_id: str, fact_id: str, note: str = "") -> SafetyCheck:
    """Record that the advisor checked the clash of ``item_id`` with ``fact_id`` (with who and
    when). The clash is read again here, so a mark always matches the text it was made on."""
    with studio.read() as conn:
        row = _rows(conn, "SELECT * FROM trip_item WHERE id = ?", (item_id,))
    if not row:
        raise NotFoundError(f"No trip item with id {item_id}.")
    item = TripItem(**row[0])
    flag = next(
        (
            f
            for f in version_flags(studio, item.version_id)
            if f.item_id == item_id and f.clash.fact.id == fact_id
        ),
        None,
    )
    if flag is None:
        raise ValidationError(
            "fact_id", "This item no longer clashes with that profile fact; nothing to check."
        )
    with studio.transaction() as tx:
        version = tx.get(TripVersion, item.version_id)
        assert version is not None  # the version the item lives in
        for old in tx.conn.exec_driver_sql(
            "SELECT id FROM safety_check WHERE trip_id = ? AND item_key = ? AND fact_id = ? "
            "AND deleted_at IS NULL",
            (version.trip_id, flag.item_key, fact_id),
        ).scalars():
            tx.delete(SafetyCheck, old)
        return tx.create(
            SafetyCheck,
            client_id=item.client_id,
            trip_id=version.trip_id,
            item_key=flag.item_key,
            fact_id=fact_id,
            fingerprint=flag.clash.fingerprint,
            checked_by=tx.advisor_id,
            checked_at=datetime.now(UTC).isoformat(timespec="seconds"),
            note=note.strip(),
        )


def unmark(studio: Studio, check_id: str) -> bool:
    """Take a mark back: the flag is loud again (the mark stays in the journal)."""
    with studio.transaction() as tx:
        if tx.get(SafetyCheck, check_id) is None:
            raise NotFoundError(f"No profile-flag check with id {check_id}.")
        return tx.delete(SafetyCheck, check_id)


def advisor_name(studio: Studio, advisor_id: str | None) -> str | None:
    if not advisor_id:
        return None
    with studio.read() as conn:
        r = _rows(conn, "SELECT * FROM advisor WHERE id = ?", (advisor_id,))
    return Advisor(**r[0]).name if r else None


def suggested_tags(studio: Studio) -> list[str]:
    """Tags to offer as an item's tags are typed: those already used on the studio's items,
    then the check's vocabulary (English and Chinese) and the taxonomy's own words."""
    with studio.read() as conn:
        used = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT j.value, count(*) AS n FROM trip_item i, json_each(i.tags) j "
                "WHERE i.deleted_at IS NULL AND json_valid(i.tags) GROUP BY j.value "
                "ORDER BY n DESC, j.value"
            )
            if isinstance(r[0], str) and r[0].strip()
        ]
    vocab = load()
    words = vocab.suggestions("en") + vocab.suggestions("zh")
    for item in taxonomy.load().items.values():
        words += list(item.tags) + list(item.avoid)
    out: list[str] = []
    seen: set[str] = set()
    for w in used + words:
        k = w.strip().casefold()
        if k and k not in seen:
            seen.add(k)
            out.append(w.strip())
    return out
