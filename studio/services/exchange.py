"""The whole studio as one versioned JSON document: export, and import validated before writing.

The document is ``{"format": "travel-studio", "version": 2, "schema": <revision>, "tables":
{table: [rows]}, "journal": [change records]}``. Rows keep every column (timestamps and soft
deletes included) and are sorted by id; the journal keeps every column but the local ``seq`` and is
sorted by HLC stamp, a record's identity. Version 1 files (whose records also carry an ``id``,
which the stamp replaced) are still read. Nothing volatile is written, so exporting a studio imported from a file
gives that file back byte for byte. Local settings (device id, laptop advisor) are not exported.
"""

from __future__ import annotations

import json
import re
import sqlite3
import types
import typing
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError as SADatabaseError

from studio.domain import names, validate
from studio.domain.base import Row, table_name, table_of
from studio.domain.models import MODELS, Change
from studio.domain.values import ChangeOp, keys
from studio.errors import ImportFileError, StudioError, ValidationError
from studio.fileio import atomic_path
from studio.store import Studio, schema
from studio.store.write import known_stamps

FORMAT = "travel-studio"
VERSION = 2

_BOOKKEEPING = ("id", "created_at", "updated_at", "deleted_at")
#: Reference columns and the table they point into.
_REFERENCES = {
    "client_id": "client",
    "person_id": "person",
    "referred_by_id": "client",
    "advisor_id": "advisor",
    "supplier_id": "supplier",
    "trip_id": "trip",
    "version_id": "trip_version",
    "day_id": "trip_day",
    "cover_media_id": "trip_media",
}
#: ``profile_fact.trip_id`` predates trips: it may hold free text, so it is not checked as a reference.
_NOT_REFERENCES = {("profile_fact", "trip_id")}


def _references_of(table: str) -> list[tuple[str, str]]:
    return [(c, t) for c, t in _REFERENCES.items() if (table, c) not in _NOT_REFERENCES]


#: Free text is imported exactly as written; other values are stored in the form validation gives.
_FREE_TEXT = {
    "name",
    "native_name",
    "notes",
    "note",
    "summary",
    "body",
    "label",
    "source_detail",
    "resolution",
    "caption",
    "journal",
    "quotes",
    "original_name",
}
#: Columns holding a JSON list of texts.
_LISTS = {"tags", "destinations"}


def _is_text_list(value: str) -> bool:
    try:
        items = json.loads(value)
    except ValueError:
        return False
    return isinstance(items, list) and all(isinstance(t, str) for t in items)


_JOURNAL_FIELDS = tuple(c.name for c in table_of(Change).columns if c.name != "seq")
_JOURNAL_NULLABLE = {"old", "new", "advisor_id"}
#: Fields a journal record of format version 1 also had (read, then dropped).
_JOURNAL_FIELDS_V1 = ("id",)
_JOURNAL_OPS = frozenset(keys(ChangeOp))
_HLC = re.compile(r"^\d{13}\.\d{5}\..+$")
_BY_TABLE = {table_name(m): m for m in MODELS}


# -- export -----------------------------------------------------------------------------------
def export_document(studio: Studio) -> dict:
    """The studio as the exported document (a plain dict)."""
    tables: dict[str, list[dict]] = {}
    with studio.read() as conn:
        for model in MODELS:
            t = table_of(model)
            tables[table_name(model)] = [
                dict(r) for r in conn.execute(select(t).order_by(t.c.id)).mappings()
            ]
        ch = table_of(Change)
        cols = [ch.c[name] for name in _JOURNAL_FIELDS]
        journal = [dict(r) for r in conn.execute(select(*cols).order_by(ch.c.hlc)).mappings()]
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": studio.schema_revision(),
        "tables": tables,
        "journal": journal,
    }


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def export_studio(studio: Studio, path: Path) -> str:
    """Write the whole studio to ``path`` (atomically); returns a one-line summary."""
    from studio.services.media import carry as media

    try:
        doc = export_document(studio)
    except (sqlite3.DatabaseError, SADatabaseError) as exc:
        from studio.services.check import damage_sentence

        raise StudioError(damage_sentence(studio, exc)) from None
    text = dumps(doc)
    # the photos' files travel in a folder beside the file (written first: the file never names absent photos)
    folder = media.export_folder(path)
    existed = folder.exists()
    try:
        files, missing = media.export_files(studio, folder)
        with atomic_path(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except OSError as exc:
        _remove_empty_tree(folder, existed)
        raise StudioError(f"Cannot write {path}: {_os_reason(exc)}.") from None
    except BaseException:
        _remove_empty_tree(folder, existed)
        raise
    summary = _summary(doc["tables"], len(doc["journal"]))
    if files or missing:
        summary += (
            f"; {files:,} photo file{'s' if files != 1 else ''} in {media.export_folder(path)}"
        )
        if missing:
            summary += f" ({missing:,} missing from the media folder and not copied)"
    return summary


def _os_reason(exc: OSError) -> str:
    """What an OS error is, in words: no space, read-only, or its own message."""
    import errno

    if exc.errno == errno.ENOSPC:
        return "the disk is full (no space left)"
    if exc.errno == errno.EROFS:
        return "the folder is on a read-only disk"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "the folder is read-only for you (permission denied)"
    return str(exc.strerror or exc)


def _remove_empty_tree(folder: Path, existed: bool) -> None:
    """Remove the photos folder a failed export made, if it holds no file."""
    if existed or not folder.is_dir():
        return
    if any(p.is_file() for p in folder.rglob("*")):
        return
    for d in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        d.rmdir()
    folder.rmdir()


_NOUNS = {
    "advisor": ("advisor", "advisors"),
    "client": ("client", "clients"),
    "person": ("person", "people"),
    "contact_point": ("contact point", "contact points"),
    "consent": ("consent record", "consent records"),
    "interaction": ("interaction", "interactions"),
    "important_date": ("important date", "important dates"),
    "profile_fact": ("profile fact", "profile facts"),
    "agenda_setting": ("agenda setting", "agenda settings"),
    "travel_document": ("travel document", "travel documents"),
    "agenda_action": ("agenda action", "agenda actions"),
    "supplier": ("supplier", "suppliers"),
    "trip": ("trip", "trips"),
    "trip_traveller": ("trip traveller", "trip travellers"),
    "trip_version": ("trip version", "trip versions"),
    "trip_day": ("trip day", "trip days"),
    "trip_item": ("trip item", "trip items"),
    "trip_media": ("trip photo", "trip photos"),
    "trip_journal": ("trip journal day", "trip journal days"),
    "memory_book": ("memory book", "memory books"),
    "studio_profile": ("studio profile", "studio profiles"),
    "safety_check": ("profile-flag check", "profile-flag checks"),
    "trip_survey": ("post-trip survey", "post-trip surveys"),
    "loyalty_tier": ("loyalty tier", "loyalty tiers"),
    "studio_event": ("event", "events"),
    "event_guest": ("event guest", "event guests"),
}


def _summary(tables: dict[str, list], journal: int) -> str:
    parts = [f"{len(rows):,} {_NOUNS[table][len(rows) != 1]}" for table, rows in tables.items()]
    return ", ".join(parts) + f" and {journal:,} journal records"


# -- import -----------------------------------------------------------------------------------
def import_studio(studio: Studio, path: Path) -> str:
    """Validate the whole file, then add its rows and history in one transaction.

    Rows and journal records whose id the studio already has are skipped. Raises
    :class:`ImportFileError` naming the first problem, with nothing written.
    """
    from studio.services.media import carry as media

    doc = read_document(path)
    plan = _Plan(studio, path, doc)
    plan.validate()
    photos = plan.new_rows.get("trip_media", [])
    for row in photos:
        bad = media.bad_media_row(row)
        if bad:
            plan.fail(f"trip_media row {row['id']} {bad}")
    files, absent = (
        media.import_files(studio, media.export_folder(path), photos) if photos else (0, 0)
    )
    with studio.transaction() as tx:
        for model in MODELS:
            for row in plan.new_rows[table_name(model)]:
                tx.insert_verbatim(model, row)
        tx.append_journal(plan.new_journal)
    added = {t: rows for t, rows in plan.new_rows.items() if rows}
    if added:
        summary = _summary(added, len(plan.new_journal))
    elif plan.new_journal:
        summary = f"{len(plan.new_journal):,} journal records"
    else:
        summary = "nothing new"
    unknown = _unknown_taxonomy_keys(plan.new_rows.get("profile_fact", []))
    if unknown:
        summary += (
            f"; {len(unknown)} profile taxonomy key(s) this version does not know were kept as they "
            f"are and stay visible: {', '.join(unknown[:10])}" + ("…" if len(unknown) > 10 else "")
        )
    if plan.skipped_rows or plan.skipped_journal:
        summary += (
            f" (skipped {plan.skipped_rows:,} rows and {plan.skipped_journal:,} journal records "
            "already in the studio)"
        )
    if absent:
        summary += (
            f"; {absent:,} photo file{'s were' if absent != 1 else ' was'} not found in {media.export_folder(path)} "
            "(the photos are listed; travel-studio check names them)"
        )
    return summary + f" from {path}"


def _unknown_taxonomy_keys(facts: list[dict]) -> list[str]:
    """Keys of imported profile facts that the taxonomy does not know (reported, never dropped)."""
    from studio.domain import taxonomy

    tax = taxonomy.load()
    return sorted({f["key"] for f in facts if not tax.knows(f["key"])})


def read_document(path: Path) -> dict:
    """The parsed document, or :class:`ImportFileError` saying why the file cannot be read."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"There is no file {path}.") from None
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"{path} is not a Travel Studio export (it is not UTF-8 text; byte {exc.start} is invalid)."
        ) from None
    if not text.strip():
        raise ImportFileError(f"{path} is empty, not a Travel Studio export.")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        # A string left open runs to the end of the text: the file was cut short too.
        # So does an error on the text's last line (a number or literal cut in the middle).
        if (
            exc.pos >= len(text.rstrip())
            or exc.msg.startswith("Unterminated string")
            or "\n" not in text[exc.pos :].rstrip()
        ):
            raise ImportFileError(
                f"{path} ends too early (line {exc.lineno}, column {exc.colno}): the JSON is incomplete, "
                "so the file looks truncated."
            ) from None
        if not text.lstrip().startswith(("{", "[")):
            raise ImportFileError(
                f"{path} is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
            ) from None
        raise ImportFileError(
            f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    except RecursionError:
        raise ImportFileError(
            f"{path} is nested too deeply to be a Travel Studio export."
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportFileError(
            f'{path} is JSON but not a Travel Studio export (it lacks "format": "{FORMAT}").'
        )
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFileError(f"{path} has no valid format version (found {json.dumps(version)}).")
    if version > VERSION:
        raise ImportFileError(
            f"{path} was written by a newer version of Travel Studio (format version {version}; this "
            f"version reads up to {VERSION}); update the app to import it."
        )
    rev = doc.get("schema")
    if not isinstance(rev, str):
        raise ImportFileError(
            f'{path} does not say which schema it was written with ("schema" is missing).'
        )
    if rev not in schema.REVISIONS:
        raise ImportFileError(
            f"{path} was written by a newer version of Travel Studio (schema {rev}; this version knows "
            f"schemas up to {schema.HEAD}); update the app to import it."
        )
    unknown = set(doc) - {"format", "version", "schema", "tables", "journal"}
    if unknown:
        raise ImportFileError(f"{path} has an unknown section “{sorted(unknown)[0]}”.")
    if not isinstance(doc.get("tables"), dict):
        raise ImportFileError(f'{path} has no "tables" object.')
    if not isinstance(doc.get("journal", []), list):
        raise ImportFileError(f'{path}: "journal" must be a list of change records.')
    for table, rows in doc["tables"].items():
        if table not in _BY_TABLE:
            raise ImportFileError(
                f"{path} has an unknown table “{table}” (known: {', '.join(_BY_TABLE)})."
            )
        if not isinstance(rows, list):
            raise ImportFileError(f"{path}: table “{table}” must be a list of rows.")
    return doc


def _field_types(model: type[Row]) -> dict[str, tuple[type, bool, bool]]:
    """``{field: (python type, nullable, required)}`` from the model's annotations."""
    out: dict[str, tuple[type, bool, bool]] = {}
    for name, info in model.model_fields.items():
        ann = info.annotation
        nullable = False
        if isinstance(ann, types.UnionType) or typing.get_origin(ann) is typing.Union:
            args = [a for a in typing.get_args(ann) if a is not type(None)]
            nullable = len(args) < len(typing.get_args(ann))
            ann = args[0]
        required = info.is_required() or name in ("id", "created_at", "updated_at")
        out[name] = (typing.cast(type, ann), nullable, required)  # columns are str, int, bool
    return out


_TYPES = {table_name(m): _field_types(m) for m in MODELS}
_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false"}


class _Plan:
    """What an import file would add; :meth:`validate` refuses it whole on the first problem."""

    def __init__(self, studio: Studio, path: Path, doc: dict):
        self.studio = studio
        self.path = path
        self.doc = doc
        self.new_rows: dict[str, list[dict]] = {t: [] for t in _BY_TABLE}
        self.new_journal: list[dict] = []
        self.skipped_rows = 0
        self.skipped_journal = 0

    def fail(self, message: str) -> None:
        raise ImportFileError(f"{self.path}: {message}; nothing was imported.")

    def validate(self) -> None:
        tables = self.doc["tables"]
        rows_by_table: dict[str, dict[str, dict]] = {}
        for table in _BY_TABLE:
            seen: dict[str, dict] = {}
            for n, row in enumerate(tables.get(table, []), start=1):
                clean_row = self._row(table, n, row)
                if clean_row["id"] in seen:
                    self.fail(f"the id {clean_row['id']} appears twice in table “{table}”")
                seen[clean_row["id"]] = clean_row
            rows_by_table[table] = seen
        self._references(rows_by_table)
        for table, rows in rows_by_table.items():
            existing = self._existing(table, list(rows))
            self._same_as_studio(table, rows, existing)
            self.skipped_rows += len(existing)
            self.new_rows[table] = [r for rid, r in rows.items() if rid not in existing]
        journal = self._journal(self.doc.get("journal", []))
        self._against_journal(rows_by_table, journal)
        with self.studio.read() as conn:
            existing = known_stamps(conn, [r["hlc"] for r in journal])
        self.skipped_journal = len(existing)
        self.new_journal = [r for r in journal if r["hlc"] not in existing]

    # -- rows -----------------------------------------------------------------------------------
    def _row(self, table: str, n: int, row: Any) -> dict:
        model = _BY_TABLE[table]
        if not isinstance(row, dict):
            self.fail(f"row {n} of table “{table}” is not an object")
        ident = row.get("id") if isinstance(row.get("id"), str) and row.get("id") else f"#{n}"
        where = f"{table} row {ident}"
        fields = _TYPES[table]
        unknown = sorted(set(row) - set(fields))
        if unknown:
            self.fail(f"{where} has an unknown field “{unknown[0]}”")
        out: dict[str, Any] = {}
        for name, (typ, nullable, required) in fields.items():
            if name not in row:
                if required:
                    self.fail(f"{where} lacks the required field “{name}”")
                out[name] = model.model_fields[name].get_default(call_default_factory=False)
                continue
            value = row[name]
            if value is None:
                if not nullable:
                    self.fail(f"{where} has no value for “{name}”, which cannot be empty")
            elif not isinstance(value, typ) or (typ is int and isinstance(value, bool)):
                self.fail(
                    f"{where} has “{name}” = {json.dumps(value, ensure_ascii=False)[:60]}, "
                    f"which should be {_TYPE_NAMES.get(typ, typ.__name__)}"
                )
            if typ is int and value is not None and abs(value) > validate.MAX_INTEGER:
                self.fail(
                    f"{where} has “{name}” = a number too large to store ({len(str(value))} digits)"
                )
            if typ is str and value is not None:
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    self.fail(
                        f"{where} has “{name}” holding half of a character (a lone surrogate)"
                    )
                if name in _FREE_TEXT and names._NEVER.search(value):
                    self.fail(
                        f"{where} has “{name}” with control or direction-override characters "
                        "(NUL, ESC, bidi overrides), which the studio never stores"
                    )
                if name in _LISTS and not _is_text_list(value):
                    self.fail(f"{where} has “{name}” = {value[:60]}, which is not a list of texts")
            out[name] = value
        if not out["id"].strip() or len(out["id"]) > 64:
            self.fail(f"{where} has an invalid id")
        for stamp in ("created_at", "updated_at", "deleted_at"):
            if out[stamp] is not None and not _is_timestamp(out[stamp]):
                self.fail(f"{where} has “{stamp}” = “{out[stamp]}”, which is not a date and time")
        editable = {k: v for k, v in out.items() if k not in _BOOKKEEPING}
        try:
            cleaned = validate.clean(model, editable)
        except ValidationError as exc:
            self.fail(f"{where}: {exc.message.rstrip('.')}")
        for name, value in cleaned.items():
            if name not in _FREE_TEXT and not name.endswith("_id") and value != out[name]:
                out[name] = value
        return out

    def _references(self, rows: dict[str, dict[str, dict]]) -> None:
        """Every reference points to a row of the file or of the studio; people to their own client."""
        missing: dict[str, set[str]] = {t: set() for t in _REFERENCES.values()}
        for table, by_id in rows.items():
            for row in by_id.values():
                for col, target in _references_of(table):
                    ref = row.get(col)
                    if ref and ref not in rows[target]:
                        missing[target].add(ref)
        found: dict[str, dict[str, str | None]] = {}
        with self.studio.read() as conn:
            for target, ids in missing.items():
                extra = ", client_id" if target == "person" else ", NULL"
                found[target] = (
                    dict(
                        conn.exec_driver_sql(
                            f"SELECT id{extra} FROM {target} WHERE id IN (SELECT value FROM json_each(?))",
                            (json.dumps(sorted(ids)),),
                        ).fetchall()
                    )
                    if ids
                    else {}
                )
        for table, by_id in rows.items():
            for rid, row in by_id.items():
                for col, target in _references_of(table):
                    ref = row.get(col)
                    if not ref:
                        continue
                    if ref not in rows[target] and ref not in found[target]:
                        self.fail(
                            f"{table} row {rid} refers through “{col}” to {target.replace('_', ' ')} "
                            f"{ref}, which is neither in the file nor in the studio"
                        )
                    if col == "referred_by_id" and ref == rid:
                        self.fail(f"client row {rid} is referred by itself")
                    if col == "person_id" and row.get("client_id"):
                        owner = (
                            rows["person"][ref]["client_id"]
                            if ref in rows["person"]
                            else found["person"][ref]
                        )
                        if owner != row["client_id"]:
                            self.fail(
                                f"{table} row {rid} names person {ref}, who belongs to another client"
                            )

    def _same_as_studio(self, table: str, rows: dict[str, dict], existing: set[str]) -> None:
        """A row whose id the studio has must be the studio's row: say what differs."""
        if not existing:
            return
        with self.studio.read() as conn:
            result = conn.exec_driver_sql(
                f"SELECT * FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(existing)),),
            )
            for have in result.mappings():
                mine = rows[have["id"]]
                if have["updated_at"] >= mine["updated_at"]:
                    continue  # changed here since that file was written: the studio's is newer
                for name, value in mine.items():
                    if name not in ("created_at", "updated_at") and have[name] != value:
                        self.fail(
                            f"{table} row {have['id']} is already in the studio with other content: "
                            f"“{name}” is {json.dumps(have[name], ensure_ascii=False)[:40]} there "
                            f"and {json.dumps(value, ensure_ascii=False)[:40]} in the file"
                        )

    def _against_journal(self, rows: dict[str, dict[str, dict]], journal: list[dict]) -> None:
        """Rows need their history, and must be what it says; records need their rows."""
        n_rows = sum(len(r) for r in rows.values())
        if n_rows and not journal:
            self.fail(
                f"the file has {n_rows:,} rows but no change journal (their history), which every "
                "studio keeps"
            )
        latest: dict[tuple[str, str], dict[str, tuple[str, str | None]]] = {}
        for rec in journal:
            key = (rec["table_name"], rec["row_id"])
            fields = latest.setdefault(key, {})
            prev = fields.get(rec["field"])
            if prev is None or rec["hlc"] > prev[0]:
                fields[rec["field"]] = (rec["hlc"], rec["new"])
        ghosts = [k for k in latest if k[1] not in rows.get(k[0], {}) and "erased" not in latest[k]]
        if ghosts:
            with self.studio.read() as conn:
                for table, row_id in ghosts:
                    there = conn.exec_driver_sql(
                        f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)
                    ).first()
                    if there is None:
                        self.fail(
                            f"the journal has records for {table} row {row_id}, which is neither "
                            "in the file nor in the studio"
                        )
        for table, by_id in rows.items():
            for row_id, row in by_id.items():
                history = latest.get((table, row_id))
                if history is None:
                    continue  # a row of an older file whose history predates the journal
                for name, (_hlc, new) in history.items():
                    if name not in row or name in ("id", "created_at", "updated_at"):
                        continue
                    said = json.loads(new) if new is not None else None
                    if said != row[name] and not (said in (None, "", "[]") and not row[name]):
                        self.fail(
                            f"{table} row {row_id} differs from its journal: “{name}” is "
                            f"{json.dumps(row[name], ensure_ascii=False)[:40]} in the row and "
                            f"{json.dumps(said, ensure_ascii=False)[:40]} in its latest record"
                        )

    def _existing(self, table: str, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        with self.studio.read() as conn:
            return {
                r[0]
                for r in conn.exec_driver_sql(
                    f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps(ids),),
                )
            }

    # -- journal --------------------------------------------------------------------------------
    def _journal(self, records: list) -> list[dict]:
        out: list[dict] = []
        seen: set[str] = set()
        seen_ids: set[str] = set()
        extra = _JOURNAL_FIELDS_V1 if self.doc["version"] == 1 else ()
        for n, rec in enumerate(records, start=1):
            where = f"journal record {n}"
            if not isinstance(rec, dict):
                self.fail(f"{where} is not an object")
            unknown = sorted(set(rec) - set(_JOURNAL_FIELDS) - set(extra))
            if unknown:
                self.fail(f"{where} has an unknown field “{unknown[0]}”")
            for name in _JOURNAL_FIELDS:
                if name not in rec:
                    self.fail(f"{where} lacks the field “{name}”")
                value = rec[name]
                if value is None and name in _JOURNAL_NULLABLE:
                    continue
                if not isinstance(value, str) or (not value and name not in _JOURNAL_NULLABLE):
                    self.fail(
                        f"{where} has “{name}” = {json.dumps(value, ensure_ascii=False)[:60]}, which should be non-empty text"
                    )
            if rec["op"] not in _JOURNAL_OPS:
                self.fail(f"{where} has an unknown operation “{rec['op']}”")
            if rec["table_name"] not in _BY_TABLE:
                self.fail(f"{where} is about an unknown table “{rec['table_name']}”")
            if not _HLC.match(rec["hlc"]):
                self.fail(f"{where} has a malformed clock stamp “{rec['hlc']}”")
            if not _is_timestamp(rec["wall_time"]):
                self.fail(f"{where} has a malformed wall time “{rec['wall_time']}”")
            for name in ("old", "new"):
                if rec[name] is not None:
                    try:
                        json.loads(rec[name])
                    except json.JSONDecodeError:
                        self.fail(f"{where} has an “{name}” value that is not JSON")
            if extra:
                rid = rec.get("id")
                if not isinstance(rid, str) or not rid:
                    self.fail(f"{where} lacks the field “id”")
                if rid in seen_ids:
                    self.fail(f"the journal record id {rid} appears twice")
                seen_ids.add(rid)
            if rec["hlc"] in seen:
                self.fail(f"the journal record stamped {rec['hlc']} appears twice")
            seen.add(rec["hlc"])
            out.append({name: rec[name] for name in _JOURNAL_FIELDS})
        return out


def _is_timestamp(value: str) -> bool:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return False
    return True
