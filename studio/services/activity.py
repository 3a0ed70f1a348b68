"""The studio's activity in words a person reads: who changed what, when, on which client.

One wording for every place that tells the journal's story: ``travel-studio activity``, the
Studio area's activity list and each dossier's History tab. It reads the ``change`` view (the
journal), folds a created row's fields into one line, and names things as people know them:
"Chen Jing set Li Na's pace to *Relaxed*", not ``profile_fact`` / ``pace.relaxed``. Profile facts
take their words from the taxonomy (``resources/taxonomy``), in English or Chinese.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from studio.domain import taxonomy
from studio.domain.i18n import current_language, mark, tr
from studio.domain.journal_models import OPS
from studio.domain.models import MODELS
from studio.domain.names import display_name
from studio.domain.validate import format_phone
from studio.fileio import write_bytes
from studio.store import Studio
from studio.store.write import decode

#: Kinds of change the activity can be filtered by, and the tables each covers.
KINDS: dict[str, tuple[str, ...]] = {
    "dossier": ("client", "person", "contact_point", "consent", "important_date"),
    "profile": ("profile_fact",),
    "interaction": ("interaction",),
    "trip": ("trip", "trip_traveller", "trip_version", "trip_day", "trip_item"),
    "care": ("agenda_action", "travel_document", "trip_survey", "event_guest"),
    "memories": ("trip_media", "trip_journal", "memory_book"),
    "studio": (
        "advisor",
        "supplier",
        "agenda_setting",
        "studio_profile",
        "loyalty_tier",
        "studio_event",
    ),
}
KIND_OF_TABLE = {t: k for k, tables in KINDS.items() for t in tables}
_CLIENT_TABLES = tuple(m.__tablename__ for m in MODELS if "client_id" in m.model_fields)

_FIELD_WORDS = {
    "name": mark("name"),
    "native_name": mark("native name"),
    "stage": mark("stage"),
    "source": mark("source"),
    "source_detail": mark("source detail"),
    "referred_by_id": mark("referrer"),
    "advisor_id": mark("advisor"),
    "person_id": mark("person"),
    "tags": mark("tags"),
    "notes": mark("notes"),
    "note": mark("note"),
    "role": mark("role"),
    "birth_date": mark("birth date"),
    "value": mark("value"),
    "preferred": mark("preferred"),
    "granted": mark("consent"),
    "occurred_at": mark("date"),
    "summary": mark("summary"),
    "body": mark("details"),
    "satisfaction": mark("satisfaction"),
    "status": mark("status"),
    "resolution": mark("resolution"),
    "resolved_at": mark("resolution date"),
    "title": mark("title"),
    "start_date": mark("start date"),
    "end_date": mark("end date"),
    "destinations": mark("destinations"),
    "budget": mark("budget"),
    "level": mark("level"),
    "severity": mark("severity"),
    "current_version_id": mark("current version"),
    "price": mark("price"),
    "cost": mark("cost"),
}
_TABLE_WORDS = {
    "client": mark("client"),
    "person": mark("person"),
    "contact_point": mark("contact"),
    "consent": mark("consent"),
    "interaction": mark("entry"),
    "important_date": mark("date"),
    "profile_fact": mark("profile fact"),
    "agenda_setting": mark("agenda setting"),
    "travel_document": mark("travel document"),
    "agenda_action": mark("agenda action"),
    "supplier": mark("supplier"),
    "trip": mark("trip"),
    "trip_traveller": mark("traveller"),
    "trip_version": mark("version"),
    "trip_day": mark("day"),
    "trip_item": mark("plan item"),
    "trip_media": mark("photo"),
    "trip_journal": mark("journal entry"),
    "memory_book": mark("memory book"),
    "advisor": mark("advisor"),
    "studio_profile": mark("studio details"),
    "trip_survey": mark("post-trip survey"),
    "loyalty_tier": mark("loyalty tier"),
    "studio_event": mark("event"),
    "event_guest": mark("event invitation"),
}
#: Sections read as one setting ("set Li Na's pace to *Relaxed*") besides single-choice ones.
_SCALES = frozenset({"pace", "budget"})
_KIND_WORDS = {"wechat": "WeChat", "whatsapp": "WhatsApp", "line": "LINE", "email": "Email"}
#: The kinds of contact and of timeline entry, as a sentence names them ("logged a call").
_KIND_NOUNS = {
    "phone": mark("phone"),
    "email": mark("email"),
    "address": mark("address"),
    "wechat": mark("wechat"),
    "whatsapp": mark("whatsapp"),
    "line": mark("line"),
    "other": mark("other"),
    "contact": mark("contact"),
    "note": mark("note"),
    "call": mark("call"),
    "meeting": mark("meeting"),
    "message": mark("message"),
    "gift": mark("gift"),
}
_VERBS = {
    "love": mark("loves"),
    "like": mark("likes"),
    "neutral": mark("does not mind"),
    "dislike": mark("dislikes"),
    "never": mark("never wants"),
    "must": mark("must have"),
}
#: Fields a created row's line does not list (the row itself says them, or they are plumbing).
_QUIET = {"client_id", "position", "calendar", "trip_id", "version_id", "day_id", "origin_id"}


@dataclass(frozen=True)
class ActivityFilter:
    start: date | None = None
    end: date | None = None  # excluded
    advisor_id: str | None = None
    client_id: str | None = None
    kinds: tuple[str, ...] = ()

    @classmethod
    def resolve(
        cls,
        studio: Studio,
        *,
        start: date | None = None,
        end: date | None = None,
        advisor: str | None = None,
        client: str | None = None,
        kinds: Iterable[str] = (),
    ) -> ActivityFilter:
        """A filter from what a person typed: an advisor and a client by id or name."""
        from studio.errors import StudioError
        from studio.services.figures.compute import resolve_advisor
        from studio.services.queries import find_client

        if start and end and start >= end:
            raise StudioError(
                f"The activity's start ({start.isoformat()}) must come before its end "
                f"({end.isoformat()})."
            )
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            raise StudioError(
                f"“{unknown[0]}” is not a kind of change; choose from {', '.join(KINDS)}."
            )
        advisor_id = resolve_advisor(studio, advisor)[0] if advisor else None
        client_id = find_client(studio, client).id if client else None
        return cls(start, end, advisor_id, client_id, tuple(kinds))


@dataclass
class ActivityLine:
    when: str  # wall time, ISO UTC
    who: str  # the advisor's name ("" when unknown)
    advisor_id: str | None
    device: str
    client_id: str | None
    client: str  # the client's name ("" for studio-wide changes)
    kind: str  # a key of KINDS
    table: str
    row_id: str
    op: str
    sentence: str  # the whole line: "Chen Jing set Li Na's pace to *Relaxed*"
    change: str  # the same without who: "set Li Na's pace to *Relaxed*"
    what: str = ""  # the thing changed: "profile: Pace", "trip “Kyoto in autumn”"
    tx: str = ""
    fields: list[str] = field(default_factory=list)

    def when_local(self) -> str:
        """The time in this computer's zone, "2026-05-03 14:20"."""
        try:
            moment = datetime.fromisoformat(self.when.replace("Z", "+00:00"))
        except ValueError:
            return self.when
        return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass
class _Subject:
    client_id: str | None
    text: str  # how the row is named in a sentence
    extra: dict[str, Any] = field(default_factory=dict)


def _q(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        if value.startswith("["):
            try:
                items = json.loads(value)
                return ", ".join(str(i) for i in items) or "—"
            except ValueError:
                pass
        flat = " ".join(value.split())
        if len(flat) > 60:
            flat = flat[:59] + "…"
        return f"“{flat}”"
    return str(value)


class Wording:
    """Sentences for journal records, in one language (taxonomy words in ``lang``)."""

    def __init__(self, names: dict[str, str], lang: str | None = None):
        self.names = names  # id → display name of clients, people, advisors, suppliers
        self.lang = lang or current_language()
        self.tax = taxonomy.load()

    def t(self, text: str, **values: Any) -> str:
        """``text`` (a sentence template of the core's catalogue) in this wording's language."""
        return tr(text, lang=self.lang, **values)

    def field_word(self, fld: str) -> str:
        return self.t(_FIELD_WORDS[fld]) if fld in _FIELD_WORDS else fld.replace("_", " ")

    def subject_text(self, table: str, subj: _Subject) -> str:
        """How a row is named: its own name, or the table's noun when it has none."""
        return self.table_word(table) if subj.text == _TABLE_WORDS.get(table) else subj.text

    def kind_word(self, kind: str) -> str:
        return self.t(_KIND_NOUNS[kind]) if kind in _KIND_NOUNS else kind

    def table_word(self, table: str) -> str:
        return self.t(_TABLE_WORDS[table]) if table in _TABLE_WORDS else table.replace("_", " ")

    def value(self, table: str, fld: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if fld.endswith("_id") and isinstance(value, str):
            return self.names.get(value) or tr("someone no longer in the studio", lang=self.lang)
        if table == "profile_fact" and fld == "level":
            return f"*{self.tax.levels.get(value, {}).get(self.lang, value)}*"
        if table == "profile_fact" and fld == "severity":
            return f"*{self.tax.severities.get(value, {}).get(self.lang, value)}*"
        if fld in ("stage", "source", "status", "kind", "role"):
            return f"*{str(value).replace('-', ' ').replace('_', ' ').capitalize()}*"
        return _q(value)

    def fact(self, key: str) -> tuple[str, str, bool]:
        """(section label, item label, single-choice section) of a taxonomy key."""
        section = key.split(".", 1)[0]
        sec = self.tax.by_section.get(section)
        item = self.tax.items.get(key)
        item_text = item.text(self.lang) if item else key.split(".", 1)[-1].replace("_", " ")
        if sec is None:
            return section, item_text, False
        return sec.text(self.lang), item_text, sec.single or section in _SCALES

    def created(self, table: str, subj: _Subject, values: dict[str, Any]) -> str:
        client = subj.extra.get("client_name", "")
        whose = (
            tr("{client}'s", lang=self.lang, client=client)
            if client
            else tr("the studio's", lang=self.lang)
        )
        if table == "client":
            bits = []
            if values.get("source"):
                bits.append(
                    tr(
                        "source {source}",
                        lang=self.lang,
                        source=self.value(table, "source", values["source"]),
                    )
                )
            if values.get("referred_by_id"):
                referrer = self.value(table, "referred_by_id", values["referred_by_id"])
                bits.append(tr("referred by {referrer}", lang=self.lang, referrer=referrer))
            if values.get("advisor_id"):
                advisor = self.value(table, "advisor_id", values["advisor_id"])
                bits.append(tr("advisor {advisor}", lang=self.lang, advisor=advisor))
            if bits:
                return tr(
                    "added {name} as a new client ({details})",
                    lang=self.lang,
                    name=subj.text,
                    details=tr(", ", lang=self.lang).join(bits),
                )
            return tr("added {name} as a new client", lang=self.lang, name=subj.text)
        if table == "profile_fact":
            section, item, single = self.fact(str(values.get("key", subj.extra.get("key", ""))))
            person = subj.extra.get("person_name") or client
            if single:
                return tr(
                    "set {person}'s {section} to *{item}*",
                    lang=self.lang,
                    person=person,
                    section=section.lower(),
                    item=item,
                )
            level = str(values.get("level", "like"))
            sev = values.get("severity")
            if sev:
                sev_text = self.tax.severities.get(sev, {}).get(self.lang, sev)
                return tr(
                    "noted {person}'s {section}: *{item}* ({severity})",
                    lang=self.lang,
                    person=person,
                    section=section.lower(),
                    item=item,
                    severity=sev_text.lower(),
                )
            verb = self.t(_VERBS[level]) if level in _VERBS else level
            return tr(
                "noted that {person} {verb} *{item}* ({section})",
                lang=self.lang,
                person=person,
                verb=verb,
                item=item,
                section=section.lower(),
            )
        if table == "interaction":
            kind = str(values.get("kind", "note"))
            day = str(values.get("occurred_at", ""))[:10]
            if kind == "feedback":
                score = values.get("satisfaction")
                if score is not None:
                    return tr(
                        "logged feedback from {client} on {day}: satisfaction {score}",
                        lang=self.lang,
                        client=client,
                        day=day,
                        score=score,
                    )
                return tr(
                    "logged feedback from {client} on {day}", lang=self.lang, client=client, day=day
                )
            if kind == "complaint":
                return tr(
                    "logged a complaint from {client} on {day}: {summary}",
                    lang=self.lang,
                    client=client,
                    day=day,
                    summary=_q(values.get("summary")),
                )
            summary = values.get("summary")
            if summary:
                return tr(
                    "logged a {kind} with {client} on {day}: {summary}",
                    lang=self.lang,
                    kind=self.kind_word(kind),
                    client=client,
                    day=day,
                    summary=_q(summary),
                )
            return tr(
                "logged a {kind} with {client} on {day}",
                lang=self.lang,
                kind=self.kind_word(kind),
                client=client,
                day=day,
            )
        if table == "person":
            return tr("added {name} to {whose} people", lang=self.lang, name=subj.text, whose=whose)
        if table == "contact_point":
            kind = str(values.get("kind", "contact")).replace("_", " ")
            return tr(
                "added the {kind} {value} to {whose} contacts",
                lang=self.lang,
                kind=self.kind_word(kind),
                value=_q(values.get("value")),
                whose=whose,
            )
        if table == "trip":
            return tr(
                "opened the trip {title} for {client}",
                lang=self.lang,
                title=_q(values.get("title")),
                client=client,
            )
        if table in ("trip_item", "trip_day"):
            return tr(
                "added {noun} {title} to {trip}",
                lang=self.lang,
                noun=self.table_word(table),
                title=_q(values.get("title")),
                trip=subj.text,
            )
        if table == "trip_version":
            return tr(
                "started version {number} of {trip}",
                lang=self.lang,
                number=values.get("number", 1),
                trip=subj.text,
            )
        noun = self.table_word(table)
        if client:
            if subj.text in (noun, _TABLE_WORDS.get(table)):
                return tr(
                    "added a {noun} to {whose} dossier", lang=self.lang, noun=noun, whose=whose
                )
            return tr(
                "added a {noun} to {whose} dossier: {name}",
                lang=self.lang,
                noun=noun,
                whose=whose,
                name=subj.text,
            )
        return tr("added the {noun} {name}", lang=self.lang, noun=noun, name=subj.text)

    def changed(self, table: str, subj: _Subject, fld: str, old: Any, new: Any) -> str:
        client = subj.extra.get("client_name", "")
        before, after = self.value(table, fld, old), self.value(table, fld, new)
        if table == "profile_fact":
            section, item, single = self.fact(str(subj.extra.get("key", "")))
            person = subj.extra.get("person_name") or client
            if fld == "key":
                _s, new_item, _x = self.fact(str(new))
                return tr(
                    "set {person}'s {section} to *{item}*",
                    lang=self.lang,
                    person=person,
                    section=section.lower(),
                    item=new_item,
                )
            return tr(
                "changed {person}'s *{item}* ({section}) {field} from {old} to {new}",
                lang=self.lang,
                person=person,
                item=item,
                section=section.lower(),
                field=self.t(_FIELD_WORDS[fld]) if fld in _FIELD_WORDS else fld,
                old=before,
                new=after,
            )
        if table == "trip" and fld == "status":
            return tr(
                "moved {client}'s trip {trip} from {old} to {new}",
                lang=self.lang,
                client=client,
                trip=subj.text,
                old=before,
                new=after,
            )
        label = self.field_word(fld)
        if table != "client" and client and subj.text != client:
            return tr(
                "changed the {field} of {name} ({client}) from {old} to {new}",
                lang=self.lang,
                field=label,
                name=self.subject_text(table, subj),
                client=client,
                old=before,
                new=after,
            )
        owner = client if table != "client" and client else subj.text
        return tr(
            "changed {owner}'s {field} from {old} to {new}",
            lang=self.lang,
            owner=owner,
            field=label,
            old=before,
            new=after,
        )

    def removed(self, table: str, subj: _Subject, op: str) -> str:
        client = subj.extra.get("client_name", "")
        deleted = op == "delete"
        if table == "client":
            if deleted:
                return tr("deleted the client {name}", lang=self.lang, name=subj.text)
            return tr("restored the client {name}", lang=self.lang, name=subj.text)
        if table == "profile_fact":
            _section, item, _single = self.fact(str(subj.extra.get("key", "")))
            person = subj.extra.get("person_name") or client
            if deleted:
                return tr(
                    "removed *{item}* from {person}'s profile",
                    lang=self.lang,
                    item=item,
                    person=person,
                )
            return tr(
                "put *{item}* back in {person}'s profile", lang=self.lang, item=item, person=person
            )
        of_client = bool(client) and subj.text != client
        if table == "contact_point":
            thing = _what_parts(table, subj, self)[1]  # "WeChat lina88"
            if of_client:
                if deleted:
                    return tr(
                        "deleted the {name} of {client}", lang=self.lang, name=thing, client=client
                    )
                return tr(
                    "restored the {name} of {client}", lang=self.lang, name=thing, client=client
                )
            if deleted:
                return tr("deleted the {name}", lang=self.lang, name=thing)
            return tr("restored the {name}", lang=self.lang, name=thing)
        noun = self.t(_TABLE_WORDS[table]) if table in _TABLE_WORDS else table
        if of_client:
            if deleted:
                return tr(
                    "deleted the {noun} {name} of {client}",
                    lang=self.lang,
                    noun=noun,
                    name=subj.text,
                    client=client,
                )
            return tr(
                "restored the {noun} {name} of {client}",
                lang=self.lang,
                noun=noun,
                name=subj.text,
                client=client,
            )
        if deleted:
            return tr("deleted the {noun} {name}", lang=self.lang, noun=noun, name=subj.text)
        return tr("restored the {noun} {name}", lang=self.lang, noun=noun, name=subj.text)


def _subjects(conn: Any, wanted: dict[str, set[str]]) -> dict[tuple[str, str], _Subject]:
    """How each touched row is named, with its client (deleted rows included)."""
    out: dict[tuple[str, str], _Subject] = {}
    for table, ids in wanted.items():
        if not ids:
            continue
        js = json.dumps(sorted(ids))
        cols = {r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
        if not cols:
            continue
        pick = ["id"]
        for c in ("client_id", "name", "native_name", "title", "kind", "value", "key",
                  "person_id", "occurred_at", "summary", "trip_id", "version_id", "number",
                  "purpose"):  # fmt: skip
            if c in cols:
                pick.append(c)
        rows = conn.exec_driver_sql(
            f"SELECT {', '.join(pick)} FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
            (js,),
        ).mappings()
        for r in rows:
            r = dict(r)
            cid = r["id"] if table == "client" else r.get("client_id")
            if table in ("client", "person", "advisor", "supplier"):
                text = display_name(r.get("name") or "", r.get("native_name"))
            elif table in ("trip", "trip_item", "trip_day", "memory_book"):
                text = _q(r.get("title") or "")
                if table == "trip":
                    text = f"“{r.get('title')}”"
            elif table == "contact_point":
                text = f"{r.get('kind')} {r.get('value')}"
            elif table == "interaction":
                text = f"{r.get('kind')} of {str(r.get('occurred_at') or '')[:10]}"
            elif table == "consent":
                text = f"consent to {r.get('purpose')}"
            elif table == "profile_fact":
                text = str(r.get("key"))
            elif "name" in r:
                text = str(r.get("name"))
            else:
                text = _TABLE_WORDS.get(table, table)
            out[(table, r["id"])] = _Subject(cid, text, r)
    return out


def activity(
    studio: Studio,
    flt: ActivityFilter | None = None,
    *,
    limit: int | None = 200,
    lang: str | None = None,
) -> list[ActivityLine]:
    """The journal as lines, newest first, filtered; a created row is one line."""
    flt = flt or ActivityFilter()
    # The journal's own tables (the ``change`` view's joins, without its per-row formatting),
    # newest recorded first; a dossier's rows through the journal's row index.
    where = ["1 = 1"]
    params: list[Any] = []
    if flt.start:
        where.append("t.wall_time >= ?")
        params.append(flt.start.isoformat())
    if flt.end:
        where.append("t.wall_time < ?")
        params.append(flt.end.isoformat())
    if flt.advisor_id:
        where.append("t.advisor_id = ?")
        params.append(flt.advisor_id)
    if flt.kinds:
        tables = [t for k in flt.kinds for t in KINDS[k]]
        where.append("f.table_name IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(tables))
    with studio.read() as conn:
        if flt.client_id:
            union = " UNION ALL ".join(
                f"SELECT id FROM {t} WHERE client_id = ?" for t in _CLIENT_TABLES
            )
            mine = [
                r[0]
                for r in conn.exec_driver_sql(
                    f"SELECT ? UNION ALL {union}",
                    tuple([flt.client_id] * (len(_CLIENT_TABLES) + 1)),
                )
            ]
            where.append(
                "j.row IN (SELECT n FROM journal_row WHERE row_id IN "
                "(SELECT value FROM json_each(?)))"
            )
            params.append(json.dumps(mine))
        cap = "" if limit is None else f" LIMIT {int(limit) * 12 + 200}"
        raw = conn.exec_driver_sql(
            "SELECT t.id, j.op, f.table_name, r.row_id, f.field, j.old, j.new, t.advisor_id, "
            "td.id, t.wall_time, j.stamp, hd.id FROM journal j "
            "JOIN journal_tx t ON t.n = j.tx JOIN journal_field f ON f.n = j.field "
            "JOIN journal_row r ON r.n = j.row JOIN journal_device td ON td.n = t.device "
            "JOIN journal_device hd ON hd.n = j.device "
            f"WHERE {' AND '.join(where)} ORDER BY j.seq DESC{cap}",
            tuple(params),
        ).fetchall()
        # clock order (a backdated or a remote record may have been recorded late)
        plain = sorted((tuple(r) for r in raw), key=lambda r: (r[10], r[11]), reverse=True)
        records = [(r[0], OPS[r[1]], *r[2:10]) for r in plain]
        wanted: dict[str, set[str]] = {}
        for rec in records:
            wanted.setdefault(rec[2], set()).add(rec[3])
        subjects = _subjects(conn, wanted)
        ids: set[str] = set()
        for s in subjects.values():
            if s.client_id:
                ids.add(s.client_id)
            for k in ("client_id", "person_id"):
                if s.extra.get(k):
                    ids.add(s.extra[k])
        for rec in records:
            if rec[7]:
                ids.add(rec[7])
            if rec[4].endswith("_id"):
                for v in (rec[5], rec[6]):
                    d = decode(v)
                    if isinstance(d, str):
                        ids.add(d)
        names = _names(conn, ids)
        # a trip's parts are named after their trip
        trips = _trip_titles(conn, subjects, lang)
    for s in subjects.values():
        cid = s.client_id
        s.extra["client_name"] = names.get(cid or "", "")
        if s.extra.get("person_id"):
            s.extra["person_name"] = names.get(s.extra["person_id"], "")
        tid = s.extra.get("trip_id") or trips.get(s.extra.get("version_id") or "")
        if tid and tid in trips:
            s.extra["trip_title"] = trips[tid]
    words = Wording(names, lang)
    return _lines(records, subjects, names, words, limit)


def _names(conn: Any, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    js = json.dumps(sorted(ids))
    out: dict[str, str] = {}
    for table in ("client", "person", "advisor", "supplier"):
        for rid, name, native in conn.exec_driver_sql(
            f"SELECT id, name, native_name FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
            (js,),
        ):
            # advisors by the name colleagues use; clients and people in both scripts
            out[rid] = name if table == "advisor" else display_name(name, native)
    return out


def _trip_titles(
    conn: Any, subjects: dict[tuple[str, str], _Subject], lang: str | None = None
) -> dict[str, str]:
    """Trip id → title, and version id → trip id, for the trip rows among ``subjects``."""
    trip_ids = {s.extra.get("trip_id") for s in subjects.values() if s.extra.get("trip_id")}
    version_ids = {
        s.extra.get("version_id") for s in subjects.values() if s.extra.get("version_id")
    }
    out: dict[str, str] = {}
    if version_ids:
        for vid, tid in conn.exec_driver_sql(
            "SELECT id, trip_id FROM trip_version WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(v for v in version_ids if v)),),
        ):
            out[vid] = tid
            trip_ids.add(tid)
    if trip_ids:
        for tid, title in conn.exec_driver_sql(
            "SELECT id, title FROM trip WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(t for t in trip_ids if t)),),
        ):
            out[tid] = tr("the trip “{title}”", lang=lang, title=title)
    return out


def _lines(
    records: Sequence[Any],
    subjects: dict[tuple[str, str], _Subject],
    names: dict[str, str],
    words: Wording,
    limit: int | None,
) -> list[ActivityLine]:
    lines: list[ActivityLine] = []
    created: dict[tuple[str, str], tuple[ActivityLine, dict[str, Any]]] = {}
    for tx, op, table, row_id, fld, old, new, advisor_id, device, wall in records:
        subj = subjects.get((table, row_id)) or _Subject(None, _TABLE_WORDS.get(table, table))
        if table in ("trip_item", "trip_day", "trip_version", "trip_traveller"):
            subj.text = (
                subj.extra.get("trip_title", subj.text) if table == "trip_version" else subj.text
            )
        who = names.get(advisor_id or "", "")
        if op == "create":
            key = (tx, row_id)
            if key not in created:
                if limit is not None and len(lines) >= limit:
                    break
                line = ActivityLine(
                    wall, who, advisor_id, device or "", subj.client_id,
                    subj.extra.get("client_name", ""), KIND_OF_TABLE.get(table, "studio"),
                    table, row_id, op, "", "", _what(table, subj, words), tx,
                )  # fmt: skip
                created[key] = (line, {})
                lines.append(line)
            created[key][1][fld] = decode(new)
            created[key][0].fields.append(fld)
            continue
        if limit is not None and len(lines) >= limit:
            break
        if op in ("delete", "restore"):
            change = words.removed(table, subj, op)
        else:
            change = words.changed(table, subj, fld, decode(old), decode(new))
        lines.append(
            ActivityLine(
                wall,
                who,
                advisor_id,
                device or "",
                subj.client_id,
                subj.extra.get("client_name", ""),
                KIND_OF_TABLE.get(table, "studio"),
                table,
                row_id,
                op,
                _sentence(who, change, words),
                change,
                _what(table, subj, words),
                tx,
                [fld],
            )  # fmt: skip
        )
    for (_tx, _row), (line, values) in created.items():
        subj = subjects.get((line.table, line.row_id)) or _Subject(None, line.table)
        if line.table in ("trip_item", "trip_day"):
            subj = _Subject(
                subj.client_id,
                subj.extra.get("trip_title") or tr("the trip", lang=words.lang),
                subj.extra,
            )
        if line.table == "trip_version":
            subj = _Subject(
                subj.client_id,
                subj.extra.get("trip_title") or tr("the trip", lang=words.lang),
                subj.extra,
            )
        line.change = words.created(line.table, subj, values)
        line.sentence = _sentence(line.who, line.change, words)
    return lines


def _what(table: str, subj: _Subject, words: Wording) -> str:
    if table == "profile_fact":
        section, item, _single = words.fact(str(subj.extra.get("key", "")))
        return tr("profile: {section} · {item}", lang=words.lang, section=section, item=item)
    noun, text = _what_parts(table, subj, words)
    return tr("{noun}: {name}", lang=words.lang, noun=noun.capitalize(), name=text)


def _what_parts(table: str, subj: _Subject, words: Wording) -> tuple[str, str]:
    """The noun of a changed thing ("contact") and its name ("WeChat lina88")."""
    noun = words.table_word(table)
    text = noun if subj.text == _TABLE_WORDS.get(table) else subj.text
    if table == "contact_point" and " " in text:
        kind, value = text.split(" ", 1)
        if kind in ("phone", "whatsapp"):
            value = format_phone(value)
        text = f"{_KIND_WORDS.get(kind, kind.capitalize())} {value}"
    elif table == "interaction" and " " in text:
        kind, rest = text.split(" ", 1)
        text = f"{kind.capitalize()} {rest}"
    return noun, text


def _sentence(who: str, change: str, words: Wording | None = None) -> str:
    lang = words.lang if words else None
    return tr("{who} {change}", lang=lang, who=who or tr("Someone", lang=lang), change=change)


CSV_COLUMNS = ("when (UTC)", "advisor", "client", "kind", "what", "change", "laptop")


def csv_text(lines: Iterable[ActivityLine]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for line in lines:
        w.writerow(
            (line.when, line.who, line.client, line.kind, line.what, line.change, line.device)
        )
    return buf.getvalue()


def write_csv(lines: Iterable[ActivityLine], out: Path) -> None:
    """The lines as CSV (UTF-8 with a byte-order mark, so spreadsheets read Chinese names),
    written whole or not at all."""
    write_bytes(out, ("\ufeff" + csv_text(lines)).encode("utf-8"))
