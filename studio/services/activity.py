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
    "care": ("agenda_action", "travel_document"),
    "memories": ("trip_media", "trip_journal", "memory_book"),
    "studio": ("advisor", "supplier", "agenda_setting", "studio_profile"),
}
KIND_OF_TABLE = {t: k for k, tables in KINDS.items() for t in tables}
_CLIENT_TABLES = tuple(m.__tablename__ for m in MODELS if "client_id" in m.model_fields)

_FIELD_WORDS = {
    "name": "name",
    "native_name": "native name",
    "stage": "stage",
    "source": "source",
    "source_detail": "source detail",
    "referred_by_id": "referrer",
    "advisor_id": "advisor",
    "person_id": "person",
    "tags": "tags",
    "notes": "notes",
    "note": "note",
    "role": "role",
    "birth_date": "birth date",
    "value": "value",
    "preferred": "preferred",
    "granted": "consent",
    "occurred_at": "date",
    "summary": "summary",
    "body": "details",
    "satisfaction": "satisfaction",
    "status": "status",
    "resolution": "resolution",
    "resolved_at": "resolution date",
    "title": "title",
    "start_date": "start date",
    "end_date": "end date",
    "destinations": "destinations",
    "budget": "budget",
    "level": "level",
    "severity": "severity",
    "current_version_id": "current version",
    "price": "price",
    "cost": "cost",
}
_TABLE_WORDS = {
    "client": "client",
    "person": "person",
    "contact_point": "contact",
    "consent": "consent",
    "interaction": "entry",
    "important_date": "date",
    "profile_fact": "profile fact",
    "agenda_setting": "agenda setting",
    "travel_document": "travel document",
    "agenda_action": "agenda action",
    "supplier": "supplier",
    "trip": "trip",
    "trip_traveller": "traveller",
    "trip_version": "version",
    "trip_day": "day",
    "trip_item": "plan item",
    "trip_media": "photo",
    "trip_journal": "journal entry",
    "memory_book": "memory book",
    "advisor": "advisor",
    "studio_profile": "studio details",
}
#: Sections read as one setting ("set Li Na's pace to *Relaxed*") besides single-choice ones.
_SCALES = frozenset({"pace", "budget"})
_KIND_WORDS = {"wechat": "WeChat", "whatsapp": "WhatsApp", "line": "LINE", "email": "Email"}
_VERBS = {
    "love": "loves",
    "like": "likes",
    "neutral": "does not mind",
    "dislike": "dislikes",
    "never": "never wants",
    "must": "must have",
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

    def __init__(self, names: dict[str, str], lang: str = "en"):
        self.names = names  # id → display name of clients, people, advisors, suppliers
        self.lang = lang
        self.tax = taxonomy.load()

    def value(self, table: str, fld: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if fld.endswith("_id") and isinstance(value, str):
            return self.names.get(value, "someone no longer in the studio")
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
        whose = f"{client}'s" if client else "the studio's"
        if table == "client":
            bits = []
            if values.get("source"):
                bits.append(f"source {self.value(table, 'source', values['source'])}")
            if values.get("referred_by_id"):
                bits.append(
                    f"referred by {self.value(table, 'referred_by_id', values['referred_by_id'])}"
                )
            if values.get("advisor_id"):
                bits.append(f"advisor {self.value(table, 'advisor_id', values['advisor_id'])}")
            more = f" ({', '.join(bits)})" if bits else ""
            return f"added {subj.text} as a new client{more}"
        if table == "profile_fact":
            section, item, single = self.fact(str(values.get("key", subj.extra.get("key", ""))))
            person = subj.extra.get("person_name") or client
            if single:
                return f"set {person}'s {section.lower()} to *{item}*"
            level = str(values.get("level", "like"))
            sev = values.get("severity")
            if sev:
                sev_text = self.tax.severities.get(sev, {}).get(self.lang, sev)
                return f"noted {person}'s {section.lower()}: *{item}* ({sev_text.lower()})"
            return f"noted that {person} {_VERBS.get(level, level)} *{item}* ({section.lower()})"
        if table == "interaction":
            kind = str(values.get("kind", "note"))
            day = str(values.get("occurred_at", ""))[:10]
            if kind == "feedback":
                score = values.get("satisfaction")
                tail = f": satisfaction {score}" if score is not None else ""
                return f"logged feedback from {client} on {day}{tail}"
            if kind == "complaint":
                return f"logged a complaint from {client} on {day}: {_q(values.get('summary'))}"
            summary = values.get("summary")
            tail = f": {_q(summary)}" if summary else ""
            return f"logged a {kind} with {client} on {day}{tail}"
        if table == "person":
            return f"added {subj.text} to {whose} people"
        if table == "contact_point":
            kind = str(values.get("kind", "contact")).replace("_", " ")
            return f"added the {kind} {_q(values.get('value'))} to {whose} contacts"
        if table == "trip":
            return f"opened the trip {_q(values.get('title'))} for {client}"
        if table in ("trip_item", "trip_day"):
            return f"added {_TABLE_WORDS[table]} {_q(values.get('title'))} to {subj.text}"
        if table == "trip_version":
            return f"started version {values.get('number', 1)} of {subj.text}"
        noun = _TABLE_WORDS.get(table, table.replace("_", " "))
        if client:
            named = "" if subj.text == noun else f": {subj.text}"
            return f"added a {noun} to {whose} dossier{named}"
        return f"added the {noun} {subj.text}"

    def changed(self, table: str, subj: _Subject, fld: str, old: Any, new: Any) -> str:
        client = subj.extra.get("client_name", "")
        if table == "profile_fact":
            section, item, single = self.fact(str(subj.extra.get("key", "")))
            person = subj.extra.get("person_name") or client
            if fld == "key":
                _s, new_item, _x = self.fact(str(new))
                return f"set {person}'s {section.lower()} to *{new_item}*"
            what = self.value(table, fld, new)
            return (
                f"changed {person}'s *{item}* ({section.lower()}) "
                f"{_FIELD_WORDS.get(fld, fld)} from {self.value(table, fld, old)} to {what}"
            )
        if table == "trip" and fld == "status":
            return (
                f"moved {client}'s trip {subj.text} from {self.value(table, fld, old)} "
                f"to {self.value(table, fld, new)}"
            )
        label = _FIELD_WORDS.get(fld, fld.replace("_", " "))
        if table == "client":
            owner = f"{subj.text}'s"
        elif client:
            owner = f"{subj.text} ({client})" if subj.text != client else f"{client}'s"
            owner = f"the {label} of {owner}" if subj.text != client else owner
            if subj.text != client:
                return (
                    f"changed {owner} from {self.value(table, fld, old)} "
                    f"to {self.value(table, fld, new)}"
                )
        else:
            owner = f"{subj.text}'s"
        return (
            f"changed {owner} {label} from {self.value(table, fld, old)} "
            f"to {self.value(table, fld, new)}"
        )

    def removed(self, table: str, subj: _Subject, op: str) -> str:
        client = subj.extra.get("client_name", "")
        verb = "deleted" if op == "delete" else "restored"
        if table == "client":
            return f"{verb} the client {subj.text}"
        if table == "profile_fact":
            _section, item, _single = self.fact(str(subj.extra.get("key", "")))
            person = subj.extra.get("person_name") or client
            if op == "delete":
                return f"removed *{item}* from {person}'s profile"
            return f"put *{item}* back in {person}'s profile"
        where = f" of {client}" if client and subj.text != client else ""
        if table == "contact_point":
            return f"{verb} the {_what(table, subj, self).split(': ', 1)[1]}{where}"
        return f"{verb} the {_TABLE_WORDS.get(table, table)} {subj.text}{where}"


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
    lang: str = "en",
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
        trips = _trip_titles(conn, subjects)
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


def _trip_titles(conn: Any, subjects: dict[tuple[str, str], _Subject]) -> dict[str, str]:
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
            out[tid] = f"the trip “{title}”"
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
                _sentence(who, change),
                change,
                _what(table, subj, words),
                tx,
                [fld],
            )  # fmt: skip
        )
    for (_tx, _row), (line, values) in created.items():
        subj = subjects.get((line.table, line.row_id)) or _Subject(None, line.table)
        if line.table in ("trip_item", "trip_day"):
            subj = _Subject(subj.client_id, subj.extra.get("trip_title", "the trip"), subj.extra)
        if line.table == "trip_version":
            subj = _Subject(subj.client_id, subj.extra.get("trip_title", "the trip"), subj.extra)
        line.change = words.created(line.table, subj, values)
        line.sentence = _sentence(line.who, line.change)
    return lines


def _what(table: str, subj: _Subject, words: Wording) -> str:
    if table == "profile_fact":
        section, item, _single = words.fact(str(subj.extra.get("key", "")))
        return f"profile: {section} · {item}"
    noun = _TABLE_WORDS.get(table, table.replace("_", " ")).capitalize()
    text = subj.text
    if table == "contact_point" and " " in text:
        kind, value = text.split(" ", 1)
        if kind in ("phone", "whatsapp"):
            value = format_phone(value)
        text = f"{_KIND_WORDS.get(kind, kind.capitalize())} {value}"
    elif table == "interaction" and " " in text:
        kind, rest = text.split(" ", 1)
        text = f"{kind.capitalize()} {rest}"
    return f"{noun}: {text}"


def _sentence(who: str, change: str) -> str:
    return f"{who or 'Someone'} {change}"


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
