"""From a mapped table to what an import would do: each row checked (emails, phones in the
studio's own country when written without a code, dates), rows of one household gathered into
one client, each client classified against the studio (new, update of an existing client,
possible duplicate, skipped and why) — the dry run — and then written as ONE transaction.

A value that does not pass its check is not lost: it is named among the row's problems and kept
in the client's notes ("Not imported as given: …"), so nothing the file said disappears.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from studio.domain import validate
from studio.domain.i18n import tr, tr_n
from studio.domain.models import Client, ContactPoint, ImportantDate, Person
from studio.domain.values import ClientKind, Stage
from studio.errors import StudioError, ValidationError
from studio.services.contacts_io import matching
from studio.services.contacts_io.mapping import ADDRESS_PARTS, TARGETS
from studio.services.contacts_io.readers import Table
from studio.store import Studio

NEW, UPDATE, DUPLICATE, SKIPPED = "new", "update", "duplicate", "skipped"
STATUSES = (NEW, UPDATE, DUPLICATE, SKIPPED)

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


class ImportCancelled(StudioError):
    """The import was cancelled before it was written; nothing was imported."""


@dataclass
class PersonData:
    name: str
    native_name: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[tuple[str, str | None]] = field(default_factory=list)  # (E.164, label)
    wechat: list[str] = field(default_factory=list)
    addresses: list[tuple[str, str | None]] = field(default_factory=list)  # (text, label)
    birthday: tuple[int, int, int | None] | None = None
    company: str = ""
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    stage: str | None = None
    household: str = ""
    #: What did not pass its check, kept for the client's notes: (label, value, why).
    kept_as_text: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class RowResult:
    """One row of the file as the preview and the dry run show it."""

    index: int  # 0-based among the table's rows
    line: int  # where it is in the file
    status: str = NEW
    reason: str = ""
    problems: list[str] = field(default_factory=list)
    person: PersonData | None = None
    group: int | None = None  # the ClientPlan it belongs to
    match_id: str | None = None
    match_name: str | None = None


@dataclass
class ClientPlan:
    rows: list[int]
    people: list[PersonData]
    status: str = NEW
    reason: str = ""
    match_id: str | None = None
    match_name: str | None = None
    household_name: str = ""

    @property
    def kind(self) -> str:
        if len(self.people) > 1:
            return ClientKind.HOUSEHOLD.value
        if self.people and not self.people[0].name and self.people[0].company:
            return ClientKind.ORGANIZATION.value
        return ClientKind.INDIVIDUAL.value

    def name(self) -> str:
        if self.household_name:
            return self.household_name
        names = [p.name for p in self.people]
        return _joined(names)

    def native_name(self) -> str | None:
        natives = [p.native_name for p in self.people]
        if any(not n for n in natives):
            return None
        return _joined([n for n in natives if n])


def _joined(names: list[str]) -> str:
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " & " + names[-1]


@dataclass
class ImportPlan:
    source: str
    rows: list[RowResult]
    clients: list[ClientPlan]
    import_duplicates: bool = False

    def counts(self) -> dict[str, int]:
        """Rows per status, and clients made, households among them, people and problems."""
        out = {s: 0 for s in STATUSES}
        for r in self.rows:
            out[r.status] += 1
        writes = [c for c in self.clients if self._writes(c)]
        out["rows"] = len(self.rows)
        out["clients_new"] = sum(1 for c in writes if c.status != UPDATE)
        out["clients_updated"] = sum(1 for c in writes if c.status == UPDATE)
        out["households"] = sum(
            1 for c in writes if c.status != UPDATE and c.kind == ClientKind.HOUSEHOLD
        )
        out["people"] = sum(len(c.people) for c in writes if c.status != UPDATE)
        out["rows_with_problems"] = sum(1 for r in self.rows if r.problems)
        return out

    def _writes(self, c: ClientPlan) -> bool:
        return c.status in (NEW, UPDATE) or (c.status == DUPLICATE and self.import_duplicates)

    def summary_lines(self) -> list[str]:
        """The dry run's counts in words, as the command prints them."""
        c = self.counts()
        lines = [
            tr_n(
                "{n} row read from {source}",
                "{n} rows read from {source}",
                c["rows"],
                source=self.source,
            ),
            tr_n("{n} row: new", "{n} rows: new", c[NEW])
            + " "
            + tr_n("({n} new client", "({n} new clients", c["clients_new"])
            + tr_n(", {n} household)", ", {n} households)", c["households"]),
            tr_n(
                "{n} row updates an existing client", "{n} rows update existing clients", c[UPDATE]
            ),
            tr_n(
                "{n} row may be a duplicate of an existing client",
                "{n} rows may be duplicates of existing clients",
                c[DUPLICATE],
            )
            + (
                ""
                if not c[DUPLICATE]
                else " "
                + (tr("(imported as new)") if self.import_duplicates else tr("(not imported)"))
            ),
            tr_n("{n} row skipped", "{n} rows skipped", c[SKIPPED]),
            tr_n("{n} row with problems", "{n} rows with problems", c["rows_with_problems"]),
        ]
        return lines

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "counts": self.counts(),
            "rows": [
                {
                    "line": r.line,
                    "status": r.status,
                    "reason": r.reason,
                    "problems": r.problems,
                    "name": r.person.name if r.person else None,
                    "existing_client": r.match_id,
                    "existing_name": r.match_name,
                }
                for r in self.rows
            ],
        }


# -- one row ------------------------------------------------------------------------------------
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile("[A-Za-z]")
_SPLIT_EMAILS = re.compile(r"\s*(?::::|[;,\s])\s*")
_SPLIT_PHONES = re.compile(r"\s*(?::::|[;,/]|\n)\s*")


def romanize(native: str) -> str:
    """A Chinese name in pinyin as the studio stores names: "王小明" → "Wang Xiaoming"."""
    from studio.store import fts

    syllables = fts.name_pinyin(native)
    if not syllables:
        return native
    simple = fts.simplified(native)
    surname = (
        len(fts._SURNAMES[simple[:2]].split())
        if (len(simple) > 2 and simple[:2] in fts._SURNAMES)
        else 1
    )
    head = "".join(syllables[:surname]).capitalize()
    rest = "".join(syllables[surname:]).capitalize()
    return f"{head} {rest}".strip()


def parse_birthday(value: str, field_label: str) -> tuple[int, int, int | None]:
    """A birthday as (month, day, year or None); refuses a text that is not a date in one
    sentence. Reads ISO dates, vCard's ``--0314`` and ``19840314``, "14 March 1984",
    Outlook's "3/14/1984", "1984年3月14日" and dates without a year."""
    s = value.strip()
    m = re.fullmatch(r"--(\d{2})-?(\d{2})", s)  # vCard without a year
    if m:
        return _checked(int(m.group(1)), int(m.group(2)), None, s)
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
    if m:
        return _checked(int(m.group(2)), int(m.group(3)), int(m.group(1)), s)
    m = re.fullmatch(r"(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?", s)
    if m:
        return _checked(
            int(m.group(2)), int(m.group(3)), int(m.group(1)) if m.group(1) else None, s
        )
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", s)
    if m:
        return _checked(int(m.group(2)), int(m.group(3)), int(m.group(1)), s)
    from dateutil import parser

    try:
        a = parser.parse(s, default=_at(2000, 1, 1), fuzzy=False)
        b = parser.parse(s, default=_at(2004, 2, 2), fuzzy=False)
    except (ValueError, OverflowError):
        raise ValidationError(
            "birthday", tr("{field} “{value}” is not a date.", field=field_label, value=s)
        ) from None
    if (a.month, a.day) != (b.month, b.day):
        raise ValidationError(
            "birthday",
            tr(
                "{field} “{value}” is not a whole date (it needs a month and a day).",
                field=field_label,
                value=s,
            ),
        )
    year = a.year if a.year == b.year else None
    return _checked(a.month, a.day, year, s)


def _at(y: int, m: int, d: int):  # noqa: ANN202 - a datetime
    from datetime import datetime

    return datetime(y, m, d)


def _checked(month: int, day: int, year: int | None, raw: str) -> tuple[int, int, int | None]:
    try:
        m, d, y = validate.partial_date(month, day, year, "birthday")
    except ValidationError:
        raise ValidationError(
            "birthday", tr("Birthday “{value}” is not a date.", value=raw)
        ) from None
    if y is not None:
        if y < 1880:
            raise ValidationError(
                "birthday", tr("Birthday “{value}” is too far in the past.", value=raw)
            )
        try:
            if date(y, m, d) > date.today():
                raise ValidationError(
                    "birthday", tr("Birthday “{value}” is in the future.", value=raw)
                )
        except ValueError:
            raise ValidationError(
                "birthday", tr("Birthday “{value}” is not a date.", value=raw)
            ) from None
    return m, d, y


def _label(target: str) -> str:
    return tr(TARGETS[target.split("@")[0]])


def _is_empty_date(value: str) -> bool:
    return value.strip() in ("", "0/0/00", "0/0/0000", "00/00/0000", "0000-00-00")


def read_row(
    headers: list[str], cells: list[str], mapping: dict[str, str], region: str | None
) -> tuple[PersonData | None, list[str], str]:
    """One row as a person, its problems, and the reason it is skipped ("" when it is not)."""
    problems: list[str] = []
    values: dict[str, list[str]] = {}
    groups: dict[str, dict[str, str]] = {}
    for h, cell in zip(headers, cells, strict=False):
        target = mapping.get(h, "")
        value = cell.strip()
        if not target or not value:
            continue
        base, _, group = target.partition("@")
        if base in ADDRESS_PARTS:
            groups.setdefault(group or "1", {})[base] = value
        else:
            values.setdefault(base, []).append(value)
    p = PersonData(name="")

    def text_of(key: str) -> str:
        return " ".join(values.get(key, [])).strip()

    try:
        full = validate.text(text_of("full_name"), "name", max_len=200)
        given = validate.text(text_of("given_name"), "name", max_len=100)
        family = validate.text(text_of("family_name"), "name", max_len=100)
        native = validate.text(text_of("native_name"), "native_name", max_len=200)
        company = validate.text(text_of("company"), "name", max_len=200)
    except ValidationError as exc:
        return None, [str(exc)], tr("a name cannot be read: {why}", why=exc)
    if not full and (given or family):
        han_only = bool(_HAN.search(given + family)) and not _LATIN.search(given + family)
        full = f"{family}{given}" if han_only else " ".join(x for x in (given, family) if x)
    if full and _HAN.search(full) and _LATIN.search(full) and not native:
        # "Wang Xiaoming 王小明" (as the export's vCards and many address books write it)
        words = full.split()
        han = [w for w in words if _HAN.search(w) and not _LATIN.search(w)]
        latin = [w for w in words if w not in han]
        if han and latin:
            full, native = " ".join(latin), " ".join(han)
    if full and _HAN.search(full) and not _LATIN.search(full):
        native = native or full
        full = romanize(full)
    if not full and native:
        full = romanize(native) if _HAN.search(native) else native
    p.name = full
    p.native_name = native or None
    p.company = company
    if not p.name and not company:
        return None, problems, tr("the row has no name")
    # emails
    for raw in values.get("email", []):
        for e in (x for x in _SPLIT_EMAILS.split(raw) if x):
            try:
                cleaned = validate.email(e, "email")
            except ValidationError as exc:
                problems.append(str(exc))
                p.kept_as_text.append((tr("Email"), e, str(exc)))
                continue
            if cleaned not in p.emails:
                p.emails.append(cleaned)
    # phones
    for key, label in (("mobile", "mobile"), ("phone", None)):
        for raw in values.get(key, []):
            for ph in (x for x in _SPLIT_PHONES.split(raw) if x):
                number = _phone(ph, region, problems, p)
                if number and number not in [n for n, _l in p.phones]:
                    p.phones.append((number, label))
    for raw in values.get("wechat", []):
        p.wechat.append(raw[:500])
    # addresses: whole ones, then those made of parts
    for raw in values.get("address", []):
        p.addresses.append((" ".join(raw.split()), None))
    for group, parts in groups.items():
        text = ", ".join(parts[k] for k in ADDRESS_PARTS if parts.get(k))
        if text:
            p.addresses.append((text, None if group in ("1", "home") else group))
    # birthday
    bday = text_of("birthday") if values.get("birthday") else ""
    if bday and not _is_empty_date(bday):
        try:
            p.birthday = parse_birthday(values["birthday"][0], tr("Birthday"))
        except ValidationError as exc:
            problems.append(str(exc))
            p.kept_as_text.append((tr("Birthday"), values["birthday"][0], str(exc)))
    p.notes = [n for n in values.get("notes", []) if n]
    for raw in values.get("tags", []):
        p.tags += [
            t.strip()
            for t in re.split(r"[,，;；]|:::", raw)
            if t.strip() and not t.strip().startswith("*")
        ]
    stage = text_of("stage")
    if stage:
        try:
            p.stage = validate.choice(Stage, stage, "stage")
        except ValidationError as exc:
            problems.append(str(exc))
            p.kept_as_text.append((tr("Stage"), stage, str(exc)))
    p.household = text_of("household")
    return p, problems, ""


def _phone(raw: str, region: str | None, problems: list[str], p: PersonData) -> str | None:
    written_with_code = raw.strip().startswith(("+", "00"))
    try:
        number = validate.phone(raw, "phone", region=region)
    except ValidationError as exc:
        if not written_with_code and region is None:
            why = tr(
                "“{value}” has no country code, and the studio's own country is not known (set "
                "the studio's phone in File › Studio details…, or write it with + and the code).",
                value=raw,
            )
        else:
            why = str(exc)
        problems.append(why)
        p.kept_as_text.append((tr("Phone"), raw, why))
        return None
    if not written_with_code and region:
        problems.append(
            tr(
                "“{value}” has no country code: read as a number of {region}, the studio's country.",
                value=raw,
                region=region,
            )
        )
    return number


# -- the whole file -----------------------------------------------------------------------------
_address_key = matching.address_key
_contact_key = matching.contact_key


def build_plan(
    table: Table,
    mapping: dict[str, str],
    *,
    studio: Studio | None = None,
    index: matching.Index | None = None,
    region: str | None = None,
    source: str = "",
    import_duplicates: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportPlan:
    """The dry run: every row read and checked, households gathered, each client classified."""
    if index is None:
        index = matching.build_index(studio) if studio is not None else matching.Index()
    if region is None:
        region = validate.default_region()
    rows: list[RowResult] = []
    total = len(table.rows)
    for i, cells in enumerate(table.rows):
        if cancel is not None and cancel():
            raise ImportCancelled(tr("The import was cancelled; nothing was imported."))
        if progress is not None and i % 500 == 0:
            progress(i, total, tr("Checking row {n:,} of {total:,}…", n=i + 1, total=total))
        result = RowResult(index=i, line=table.row_numbers[i])
        person, problems, skip = read_row(table.headers, cells, mapping, region)
        result.problems = problems + table.notes.get(i, [])
        if skip:
            result.status, result.reason = SKIPPED, skip
        else:
            result.person = person
        rows.append(result)
    clients = _households(rows)
    _classify(rows, clients, index, import_duplicates)
    return ImportPlan(
        source=source, rows=rows, clients=clients, import_duplicates=import_duplicates
    )


def _households(rows: list[RowResult]) -> list[ClientPlan]:
    """Rows sharing a household value, else a home address, become one client."""
    clients: list[ClientPlan] = []
    by_household: dict[str, int] = {}
    by_address: dict[str, int] = {}
    for r in rows:
        p = r.person
        if p is None:
            continue
        key = " ".join(p.household.lower().split())
        home = [_address_key(a) for a, label in p.addresses if label is None and _address_key(a)]
        at = by_household.get(key) if key else None
        if at is None and not key:
            at = next((by_address[a] for a in home if a in by_address), None)
        if at is None:
            at = len(clients)
            clients.append(ClientPlan(rows=[], people=[]))
            if key:
                by_household[key] = at
                if _names_a_household(p.household):
                    clients[at].household_name = " ".join(p.household.split())
        plan = clients[at]
        twin = next((q for q in plan.people if _same_person(p, q)), None)
        if twin is not None:
            line = rows[plan.rows[plan.people.index(twin)]].line
            r.status, r.reason = SKIPPED, tr("the same person as row {line}", line=line)
            continue
        plan.rows.append(r.index)
        plan.people.append(p)
        r.group = at
        for a in home:
            by_address.setdefault(a, at)
    return clients


def _same_person(a: PersonData, b: PersonData) -> bool:
    """Two rows of one household that are one person: the same name and a shared email or phone."""
    if matching.norm_name(a.name) != matching.norm_name(b.name):
        return False
    shared = set(a.emails) & set(b.emails) or {n for n, _l in a.phones} & {n for n, _l in b.phones}
    return bool(shared)


def _news(plan: ClientPlan, holds: set[tuple[str, str]]) -> list[str]:
    """What the rows would add to the client they match, in words ("a phone", "Li Na")."""
    out: list[str] = []
    seen = set(holds)
    for p in plan.people:
        names = {("person", matching.norm_name(p.name))}
        if p.native_name:
            names.add(("person", matching.norm_name(p.native_name)))
        if p.name and not names & seen:
            out.append(p.name)
            seen |= names
        for kind, value, word in (
            [("email", e, tr("an email")) for e in p.emails]
            + [("phone", n, tr("a phone")) for n, _l in p.phones]
            + [("wechat", w, tr("a WeChat id")) for w in p.wechat]
            + [("address", a, tr("an address")) for a, _l in p.addresses]
        ):
            key = (kind, _contact_key(kind, value))
            if key not in seen:
                seen.add(key)
                out.append(word)
    return list(dict.fromkeys(out))


def _names_a_household(value: str) -> bool:
    """A household column holding a name ("Wang family", "王家") rather than a code ("H-017")."""
    v = value.strip()
    return bool(_HAN.search(v)) or (" " in v and sum(c.isalpha() for c in v) >= 4)


def _classify(
    rows: list[RowResult], clients: list[ClientPlan], index: matching.Index, import_duplicates: bool
) -> None:
    in_file = matching.Index()
    for at, plan in enumerate(clients):
        if not plan.people:
            plan.status = SKIPPED
            continue
        found: matching.Match | None = None
        for p in plan.people:
            m = matching.find_match(
                index,
                emails=p.emails,
                phones=[n for n, _l in p.phones],
                names=[p.name, p.native_name],
            )
            if m is not None and (found is None or (m.strong and not found.strong)):
                found = m
        earlier = None
        for p in plan.people:
            earlier = earlier or matching.find_match(
                in_file, emails=p.emails, phones=[n for n, _l in p.phones], names=[]
            )
        if earlier is not None:
            first_line = rows[clients[int(earlier.client_id)].rows[0]].line
            plan.status = SKIPPED
            plan.reason = tr("{why} as row {line} of the file", why=earlier.reason, line=first_line)
        elif found is not None and found.strong:
            plan.match_id, plan.match_name = found.client_id, found.client_name
            news = _news(plan, index.holds.get(found.client_id, set()))
            if news:
                plan.status = UPDATE
                plan.reason = tr(
                    "updates {name} ({why}): adds {what}",
                    name=found.client_name,
                    why=found.reason,
                    what=", ".join(news),
                )
            else:
                plan.status = SKIPPED
                plan.reason = tr(
                    "already in the studio as {name} ({why}), with nothing new",
                    name=found.client_name,
                    why=found.reason,
                )
        elif found is not None:
            plan.status, plan.match_id, plan.match_name = (
                DUPLICATE,
                found.client_id,
                found.client_name,
            )
            plan.reason = tr("may be {name} ({why})", name=found.client_name, why=found.reason)
        else:
            plan.status, plan.reason = NEW, ""
        if plan.status != SKIPPED:
            for p in plan.people:
                in_file.add(str(at), plan.name(), emails=p.emails, phones=[n for n, _l in p.phones])
        for i in plan.rows:
            r = rows[i]
            r.status, r.reason = plan.status, plan.reason
            r.match_id, r.match_name = plan.match_id, plan.match_name


# -- writing ------------------------------------------------------------------------------------
@dataclass
class ImportResult:
    tx_id: str | None
    clients_created: int = 0
    clients_updated: int = 0
    people: int = 0
    contacts: int = 0
    dates: int = 0
    client_ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "transaction": self.tx_id,
            "clients_created": self.clients_created,
            "clients_updated": self.clients_updated,
            "people": self.people,
            "contacts": self.contacts,
            "dates": self.dates,
        }


def _kept_note(people: list[PersonData], source: str) -> str:
    lines = []
    for p in people:
        if p.company and p.name:
            lines.append(tr("Company: {company}", company=p.company))
        lines += p.notes
        for label, value, _why in p.kept_as_text:
            lines.append(
                tr(
                    "Not imported as given ({source}): {label} “{value}”",
                    source=source,
                    label=label,
                    value=value,
                )
            )
    return "\n".join(dict.fromkeys(lines))


def write_plan(
    studio: Studio,
    plan: ImportPlan,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportResult:
    """Write what ``plan`` says as one transaction (joined when one is open): every client or
    none. A cancel before the end raises :class:`ImportCancelled` and writes nothing."""
    result = ImportResult(tx_id=None)
    todo = [c for c in plan.clients if plan._writes(c)]
    with studio.transaction() as tx:
        existing = _existing_values(
            tx, [c.match_id for c in todo if c.status == UPDATE and c.match_id]
        )
        for n, c in enumerate(todo):
            if cancel is not None and cancel():
                raise ImportCancelled(tr("The import was cancelled; nothing was imported."))
            if progress is not None and n % 200 == 0:
                progress(
                    n,
                    len(todo),
                    tr("Importing client {n:,} of {total:,}…", n=n + 1, total=len(todo)),
                )
            if c.status == UPDATE and c.match_id:
                _update_client(tx, c, existing.get(c.match_id, set()), result, plan.source)
            else:
                _create_client(studio, tx, c, result, plan.source)
        result.tx_id = tx.id
    if progress is not None:
        progress(len(todo), len(todo), tr("Imported."))
    return result


def _existing_values(tx: object, client_ids: list[str]) -> dict[str, set[tuple[str, str]]]:
    import json as _json

    out: dict[str, set[tuple[str, str]]] = {}
    if not client_ids:
        return out
    conn = tx.conn  # type: ignore[attr-defined]
    for cid, kind, value in conn.exec_driver_sql(
        "SELECT client_id, kind, value FROM contact_point WHERE deleted_at IS NULL AND client_id "
        "IN (SELECT value FROM json_each(?))",
        (_json.dumps(client_ids),),
    ):
        out.setdefault(cid, set()).add((kind, _contact_key(kind, value)))
    for cid, name, native in conn.exec_driver_sql(
        "SELECT client_id, name, native_name FROM person WHERE deleted_at IS NULL AND client_id "
        "IN (SELECT value FROM json_each(?))",
        (_json.dumps(client_ids),),
    ):
        out.setdefault(cid, set()).add(("person", matching.norm_name(name)))
        if native:
            out.setdefault(cid, set()).add(("person", matching.norm_name(native)))
    return out


def _contacts_of(p: PersonData) -> list[dict]:
    out: list[dict] = [{"kind": "email", "value": e} for e in p.emails]
    out += [{"kind": "phone", "value": n, "label": label} for n, label in p.phones]
    out += [{"kind": "wechat", "value": w} for w in p.wechat]
    return out


def _add_contact(tx: object, client_id: str, person_id: str | None, c: dict) -> None:
    data = validate.clean(ContactPoint, {**c, "person_id": person_id})
    tx.create(ContactPoint, client_id=client_id, **data)  # type: ignore[attr-defined]


def _add_birthday(
    tx: object, client_id: str, person_id: str, bday: tuple[int, int, int | None]
) -> None:
    m, d, y = bday
    data = validate.clean(ImportantDate, {"kind": "birthday", "month": m, "day": d, "year": y})
    tx.create(ImportantDate, client_id=client_id, person_id=person_id, **data)  # type: ignore[attr-defined]


def _create_client(
    studio: Studio, tx: object, c: ClientPlan, result: ImportResult, source: str
) -> None:
    stage = next((p.stage for p in c.people if p.stage), None) or Stage.PROSPECT.value
    tags = list(dict.fromkeys(t for p in c.people for t in p.tags))
    name = c.name() or c.people[0].company
    fields = {
        "kind": c.kind,
        "name": name[:200],
        "native_name": (c.native_name() or None) and c.native_name()[:200],  # type: ignore[index]
        "stage": stage,
        "tags": tags,
        "notes": _kept_note(c.people, source)[:20000],
        "advisor_id": studio.advisor_id,
    }
    if c.kind == ClientKind.ORGANIZATION:
        fields["notes"] = "\n".join(x for p in c.people for x in p.notes)[:20000]
    client = tx.create(Client, **validate.clean(Client, fields))  # type: ignore[attr-defined]
    result.clients_created += 1
    result.client_ids.append(client.id)
    seen_addresses: set[str] = set()
    for pos, p in enumerate(c.people):
        person_id = None
        if p.name:
            pdata = validate.clean(
                Person,
                {
                    "name": p.name[:200],
                    "native_name": p.native_name and p.native_name[:200],
                    "role": "primary" if pos == 0 else "member",
                    "birth_date": _birth_date(p.birthday),
                    "position": pos,
                },
            )
            person = tx.create(Person, client_id=client.id, **pdata)  # type: ignore[attr-defined]
            person_id = person.id
            result.people += 1
        for contact in _contacts_of(p):
            _add_contact(tx, client.id, person_id, contact)
            result.contacts += 1
        for text, label in p.addresses:
            key = _address_key(text)
            if key in seen_addresses:
                continue
            seen_addresses.add(key)
            _add_contact(tx, client.id, None, {"kind": "address", "value": text, "label": label})
            result.contacts += 1
        if p.birthday and person_id:
            _add_birthday(tx, client.id, person_id, p.birthday)
            result.dates += 1


def _birth_date(bday: tuple[int, int, int | None] | None) -> str | None:
    if not bday or bday[2] is None:
        return None
    return date(bday[2], bday[0], bday[1]).isoformat()


def _update_client(
    tx: object, c: ClientPlan, have: set[tuple[str, str]], result: ImportResult, source: str
) -> None:
    """Add to an existing client what the rows bring and it lacks: contacts, and people it does
    not have yet (with their birthdays). Nothing it holds is changed or removed."""
    assert c.match_id is not None
    client_id = c.match_id
    added = 0
    for p in c.people:
        person_id = None
        known = ("person", matching.norm_name(p.name)) in have or (
            p.native_name and ("person", matching.norm_name(p.native_name)) in have
        )
        if not known and p.name:
            pdata = validate.clean(
                Person,
                {
                    "name": p.name[:200],
                    "native_name": p.native_name and p.native_name[:200],
                    "role": "member",
                    "birth_date": _birth_date(p.birthday),
                },
            )
            person_id = tx.create(Person, client_id=client_id, **pdata).id  # type: ignore[attr-defined]
            have.add(("person", matching.norm_name(p.name)))
            result.people += 1
            added += 1
            if p.birthday:
                _add_birthday(tx, client_id, person_id, p.birthday)
                result.dates += 1
        else:
            person_id = _person_of(tx, client_id, p)
        contacts = _contacts_of(p) + [
            {"kind": "address", "value": t, "label": label} for t, label in p.addresses
        ]
        for contact in contacts:
            key = (contact["kind"], _contact_key(contact["kind"], contact["value"]))
            if key in have:
                continue
            have.add(key)
            _add_contact(
                tx, client_id, None if contact["kind"] == "address" else person_id, contact
            )
            result.contacts += 1
            added += 1
    if added:
        result.clients_updated += 1


def _person_of(tx: object, client_id: str, p: PersonData) -> str | None:
    """The existing person of the client that ``p`` is (by name), for their new contacts."""
    conn = tx.conn  # type: ignore[attr-defined]
    for pid, name, native in conn.exec_driver_sql(
        "SELECT id, name, native_name FROM person WHERE client_id = ? AND deleted_at IS NULL",
        (client_id,),
    ):
        if matching.norm_name(name) == matching.norm_name(p.name) or (
            native
            and p.native_name
            and matching.norm_name(native) == matching.norm_name(p.native_name)
        ):
            return str(pid)
    return None
