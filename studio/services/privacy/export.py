"""A client's own data (a subject-access request): everything the studio holds about one client,
as a readable PDF and a machine-readable JSON, with their photos, in one zip file.

``client.json`` holds every row that belongs to the client (the dossier, people, contacts,
consent, the profile's facts with their sources, interactions, dates, documents, trips with their
versions, days and items, photos' details, journals, books), deleted ones marked, and the history
of those rows (who changed what, when); ``client.pdf`` says the same in words, in the studio's
fonts (Chinese too); ``photos/`` holds the photo files.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.errors import NotFoundError, StudioError
from studio.fileio import atomic_path
from studio.services.privacy.erase import owned_rows

if TYPE_CHECKING:
    from studio.store.database import Studio

FORMAT = "travel-studio-client-data"
VERSION = 1

#: How each table reads in the PDF, in the order it is printed.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("client", "Dossier"),
    ("person", "People"),
    ("contact_point", "Contacts"),
    ("consent", "Consent"),
    ("profile_fact", "Profile (with the source of each fact)"),
    ("important_date", "Important dates"),
    ("interaction", "Timeline"),
    ("travel_document", "Travel documents"),
    ("agenda_action", "Reminders handled"),
    ("trip", "Trips"),
    ("trip_traveller", "Travellers"),
    ("trip_version", "Trip versions"),
    ("trip_day", "Trip days"),
    ("trip_item", "Trip items"),
    ("trip_media", "Photos"),
    ("trip_journal", "Trip journals"),
    ("memory_book", "Memory books"),
    ("trip_survey", "Post-trip surveys"),
    ("event_guest", "Event invitations"),
)

#: Columns that hold yes or no (stored as 1 and 0).
_YES_NO = frozenset({"preferred", "granted", "included"})
#: Columns that say nothing to the client (ids of rows are kept in the JSON only).
_QUIET = frozenset({"id", "client_id", "created_at", "updated_at", "position"})


@dataclass(frozen=True)
class ClientExport:
    path: Path
    rows: int
    history: int
    photos: int


def _decode_json_fields(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for k, v in row.items():
        if isinstance(v, str) and v[:1] == "[" and v[-1:] == "]":
            try:
                out[k] = json.loads(v)
            except ValueError:
                pass
    return out


def client_data(studio: Studio, client_id: str) -> dict[str, Any]:
    """The JSON document of everything about the client."""
    with studio.read() as conn:
        if conn.exec_driver_sql("SELECT 1 FROM client WHERE id = ?", (client_id,)).scalar() is None:
            raise NotFoundError(f"No client with id {client_id}.")
        rows = owned_rows(conn, client_id)
        tables: dict[str, list[dict[str, Any]]] = {}
        for table, _label in SECTIONS:
            ids = rows.get(table, [])
            if not ids:
                continue
            result = conn.exec_driver_sql(
                f"SELECT * FROM {table} WHERE id IN (SELECT value FROM json_each(?)) "
                "ORDER BY created_at, id",
                (json.dumps(ids),),
            )
            tables[table] = [_decode_json_fields(dict(r)) for r in result.mappings()]
        advisors: dict[str, str] = dict(
            conn.exec_driver_sql("SELECT id, name FROM advisor").fetchall()
        )
        all_ids = sorted({r for ids in rows.values() for r in ids})
        history = [
            {
                "when": wall,
                "by": advisors.get(adv, adv),
                "table": table,
                "row": row,
                "field": field,
                "op": op,
                "old": json.loads(old) if old is not None else None,
                "new": json.loads(new) if new is not None else None,
            }
            for wall, adv, table, row, field, op, old, new in conn.exec_driver_sql(
                "SELECT wall_time, advisor_id, table_name, row_id, field, op, old, new FROM change "
                "WHERE row_id IN (SELECT value FROM json_each(?)) ORDER BY seq",
                (json.dumps(all_ids),),
            )
        ]
        studio_name = (
            conn.exec_driver_sql(
                "SELECT name FROM studio_profile WHERE deleted_at IS NULL LIMIT 1"
            ).scalar()
            or ""
        )
    photos = [
        {"file": f"photos/{m['sha256']}.{m['ext']}", "media_id": m["id"]}
        for m in tables.get("trip_media", [])
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "studio": studio_name,
        "client_id": client_id,
        "tables": tables,
        "history": history,
        "photos": photos,
    }


def _pdf(doc: dict[str, Any], target: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from studio.reports import fonts

    fonts.register()
    styles = {
        "title": ParagraphStyle("title", fontName=fonts.SANS_BOLD, fontSize=18, leading=22),
        "h2": ParagraphStyle(
            "h2", fontName=fonts.SANS_BOLD, fontSize=12, leading=15, spaceBefore=10, spaceAfter=4
        ),
        "body": ParagraphStyle("body", fontName=fonts.SANS, fontSize=9, leading=12),
        "small": ParagraphStyle("small", fontName=fonts.SANS, fontSize=8, leading=10),
    }
    client = doc["tables"]["client"][0]
    story: list[Any] = [
        Paragraph(fonts.markup(f"Your data: {client['name']}"), styles["title"]),
        Paragraph(
            fonts.markup(
                f"Everything {doc['studio'] or 'the studio'} holds about you, "
                f"as of {doc['exported_at'][:10]}. The same data is in client.json."
            ),
            styles["body"],
        ),
        Spacer(1, 4 * mm),
    ]
    for table, label in SECTIONS:
        rows = doc["tables"].get(table)
        if not rows:
            continue
        story.append(Paragraph(fonts.markup(label), styles["h2"]))
        for row in rows:
            parts = []
            for k, v in row.items():
                if k in _QUIET or k.endswith("_id") or (v in (None, "", []) and k not in _YES_NO):
                    continue
                if k in _YES_NO:
                    shown = "yes" if v else "no"
                else:
                    shown = ", ".join(map(str, v)) if isinstance(v, list) else str(v)
                parts.append(f"{k.replace('_', ' ')}: {shown}")
            story.append(Paragraph(fonts.markup(" · ".join(parts) or "—"), styles["body"]))
            story.append(Spacer(1, 1.5 * mm))
    if doc["history"]:
        story.append(Paragraph("History of changes", styles["h2"]))
        for h in doc["history"]:
            value = h["new"] if h["op"] != "delete" else "deleted"
            line = f"{h['when'][:16].replace('T', ' ')} · {h['by'] or ''} · {h['table']} {h['field']}: {value}"
            story.append(Paragraph(fonts.markup(line), styles["small"]))
    template = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"Client data: {client['name']}",
        initialFontName=fonts.SANS,
    )
    template.build(story, canvasmaker=fonts.Canvas)


def write_client_export(studio: Studio, client_id: str, out: str | Path) -> ClientExport:
    """Write the zip (to a temporary name, then renamed): client.json, client.pdf, photos/."""
    from studio.domain.media_models import TripMedia
    from studio.services.media.files import open_stored, stored_path

    out = Path(out)
    doc = client_data(studio, client_id)
    photos = 0
    try:
        with atomic_path(out) as tmp:
            pdf = tmp.with_name(tmp.name + ".pdf")
            try:
                _pdf(doc, pdf)
                with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
                    z.writestr(
                        "client.json", json.dumps(doc, ensure_ascii=False, indent=1, default=str)
                    )
                    z.write(pdf, "client.pdf")
                    for m in doc["tables"].get("trip_media", []):
                        media = TripMedia(**m)
                        path = stored_path(studio, media)
                        if path.is_file():  # decrypted on the way: the zip is the client's
                            name = f"photos/{m['sha256']}.{m['ext']}"
                            with open_stored(studio, path) as src, z.open(name, "w") as dst:
                                shutil.copyfileobj(src, dst, 1 << 16)
                            photos += 1
            finally:
                pdf.unlink(missing_ok=True)
    except OSError as exc:
        raise StudioError(f"Cannot write {out}: {exc.strerror or exc}.") from None
    rows = sum(len(v) for v in doc["tables"].values())
    return ClientExport(out, rows, len(doc["history"]), photos)
