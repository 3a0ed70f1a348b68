"""Clients out to where people keep contacts: CSV and Excel (one row per person, the household
named in its own column, so importing the file again rebuilds the households) and vCard 3.0 (one
card per person, for a phone or Outlook; a stable UID per person, so a second export updates the
cards rather than adding them twice).

Files are written whole or not at all (a temporary file, then a rename). Notes, profiles and
documents are not exported: these files go to phones and address books.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from studio.domain.i18n import tr
from studio.domain.names import NameForm, display_name
from studio.errors import StudioError
from studio.fileio import atomic_path
from studio.store import Studio

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".vcf": "vcard", ".vcard": "vcard"}
#: The most emails / phones exported per person (each its own column).
MAX_PER_KIND = 5


@dataclass
class ExportPerson:
    client_id: str
    client_name: str
    client_native: str | None
    client_kind: str
    stage: str
    advisor: str | None
    tags: list[str]
    person_id: str | None
    name: str
    native_name: str | None
    emails: list[str] = field(default_factory=list)
    phones: list[tuple[str, str | None]] = field(default_factory=list)
    wechat: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    birthday: tuple[int, int, int | None] | None = None


@dataclass(frozen=True)
class ExportResult:
    path: Path
    clients: int
    people: int


def _people(studio: Studio, client_ids: list[str]) -> list[ExportPerson]:
    ids = json.dumps(client_ids)
    out: list[ExportPerson] = []
    with studio.read() as conn:
        clients = {
            r[0]: r
            for r in conn.exec_driver_sql(
                "SELECT c.id, c.name, c.native_name, c.kind, c.stage, a.name, c.tags FROM client c "
                "LEFT JOIN advisor a ON a.id = c.advisor_id WHERE c.deleted_at IS NULL AND c.id IN "
                "(SELECT value FROM json_each(?))",
                (ids,),
            )
        }
        people: dict[str, list[tuple]] = {}
        for r in conn.exec_driver_sql(
            "SELECT id, client_id, name, native_name FROM person WHERE deleted_at IS NULL AND "
            "client_id IN (SELECT value FROM json_each(?)) ORDER BY position, created_at",
            (ids,),
        ):
            people.setdefault(r[1], []).append(r)
        contacts: dict[str, list[tuple]] = {}
        for r in conn.exec_driver_sql(
            "SELECT client_id, person_id, kind, value, label FROM contact_point WHERE deleted_at "
            "IS NULL AND client_id IN (SELECT value FROM json_each(?)) ORDER BY preferred DESC, "
            "created_at",
            (ids,),
        ):
            contacts.setdefault(r[0], []).append(r)
        births: dict[str, tuple[int, int, int | None]] = {}
        for pid, m, d, y in conn.exec_driver_sql(
            "SELECT person_id, month, day, year FROM important_date WHERE deleted_at IS NULL AND "
            "kind = 'birthday' AND calendar = 'gregorian' AND person_id IS NOT NULL AND client_id "
            "IN (SELECT value FROM json_each(?))",
            (ids,),
        ):
            births.setdefault(pid, (m, d, y))
    for cid in client_ids:
        c = clients.get(cid)
        if c is None:
            continue
        _id, name, native, kind, stage, advisor, tags = c
        rows = people.get(cid) or [(None, cid, name, native)]
        made = []
        for pid, _cid, pname, pnative in rows:
            made.append(
                ExportPerson(
                    client_id=cid,
                    client_name=name,
                    client_native=native,
                    client_kind=kind,
                    stage=stage,
                    advisor=advisor,
                    tags=json.loads(tags or "[]"),
                    person_id=pid,
                    name=pname,
                    native_name=pnative,
                    birthday=births.get(pid) if pid else None,
                )
            )
        by_id = {p.person_id: p for p in made}
        for _c, pid, kind_, value, label in contacts.get(cid, []):
            target = by_id.get(pid) if pid else None
            if kind_ == "address":
                for p in made:  # a household's address is every member's
                    if target is None or p is target:
                        p.addresses.append(value)
                continue
            target = target or made[0]
            if kind_ == "email":
                target.emails.append(value)
            elif kind_ in ("phone", "whatsapp"):
                target.phones.append((value, label))
            elif kind_ == "wechat":
                target.wechat.append(value)
        out.extend(made)
    return out


def _birthday_text(b: tuple[int, int, int | None] | None) -> str:
    if not b:
        return ""
    m, d, y = b
    return f"{y:04d}-{m:02d}-{d:02d}" if y else f"--{m:02d}-{d:02d}"


def table(people: list[ExportPerson]) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the CSV and Excel exports."""
    n_email = min(MAX_PER_KIND, max((len(p.emails) for p in people), default=0) or 1)
    n_phone = min(MAX_PER_KIND, max((len(p.phones) for p in people), default=0) or 1)
    headers = ["Household", "Name", "Native name"]
    headers += ["Email"] + [f"Email {i}" for i in range(2, n_email + 1)]
    headers += ["Phone"] + [f"Phone {i}" for i in range(2, n_phone + 1)]
    headers += ["WeChat", "Address", "Birthday", "Stage", "Advisor", "Tags"]
    rows = []
    for p in people:
        household = p.client_name if p.client_kind != "individual" else ""
        row = [household, p.name, p.native_name or ""]
        row += (p.emails + [""] * n_email)[:n_email]
        row += ([n for n, _l in p.phones] + [""] * n_phone)[:n_phone]
        row += [
            ", ".join(p.wechat),
            p.addresses[0] if p.addresses else "",
            _birthday_text(p.birthday),
            p.stage,
            p.advisor or "",
            ", ".join(p.tags),
        ]
        rows.append(row)
    return headers, rows


def csv_text(people: list[ExportPerson]) -> str:
    headers, rows = table(people)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(headers)
    writer.writerows(rows)
    return buf.getvalue()


def vcard_text(people: list[ExportPerson]) -> str:
    """vCard 3.0, one card per person."""
    import vobject

    cards = []
    for p in people:
        card = vobject.vCard()
        card.add("version").value = "3.0"
        card.add("uid").value = f"urn:uuid:{p.person_id or p.client_id}"
        card.add("fn").value = display_name(p.name, p.native_name, NameForm.INLINE)
        parts = p.name.split()
        if _HAN.search(p.native_name or "") and parts:  # romanized Chinese: family name first
            family, given = parts[0], " ".join(parts[1:])
        else:
            family = parts[-1] if len(parts) > 1 else ""
            given = " ".join(parts[:-1]) if len(parts) > 1 else p.name
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if p.client_kind == "organization":
            card.add("org").value = [p.client_name]
        for e in p.emails:
            line = card.add("email")
            line.value = e
            line.type_param = "INTERNET"
        for number, label in p.phones:
            line = card.add("tel")
            line.value = number
            line.type_param = "CELL" if label == "mobile" else "VOICE"
        for a in p.addresses:
            line = card.add("adr")
            line.value = vobject.vcard.Address(street=a)
            line.type_param = "HOME"
        if p.birthday:
            card.add("bday").value = _birthday_text(p.birthday)
        if p.wechat:
            card.add("x-wechat").value = p.wechat[0]
        if p.tags:
            card.add("categories").value = p.tags
        cards.append(card.serialize())
    return "".join(cards)


def write(
    studio: Studio,
    out: str | Path,
    client_ids: list[str],
) -> ExportResult:
    """Write the clients ``client_ids`` (in that order) to ``out``, in the format its suffix
    names (.csv, .xlsx, .vcf)."""
    out = Path(out)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise StudioError(
            tr(
                "{name}: say which format by the file's ending: .csv, .xlsx or .vcf.",
                name=out.name,
            )
        )
    if not client_ids:
        raise StudioError(tr("There are no clients to export."))
    people = _people(studio, client_ids)
    with atomic_path(out) as tmp:
        if fmt == "csv":
            # with a byte-order mark, so Excel opens the Chinese names as they are
            tmp.write_text(csv_text(people), encoding="utf-8-sig", newline="")
        elif fmt == "vcard":
            tmp.write_text(vcard_text(people), encoding="utf-8", newline="")
        else:
            _write_xlsx(tmp, people)
    return ExportResult(out, len({p.client_id for p in people}), len(people))


def _write_xlsx(path: Path, people: list[ExportPerson]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(tr("Clients"))
    headers, rows = table(people)
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
