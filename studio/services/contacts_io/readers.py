"""Reading a contacts file into a table of text cells: CSV (any delimiter and quoting, in UTF-8
with or without a byte-order mark, UTF-16, GB18030/GBK or Windows-1252), Excel ``.xlsx`` and
vCard 2.1/3.0/4.0.

A vCard file becomes a table too, with the columns of :data:`VCARD_HEADERS` (``Phone 1``,
``Phone 2``… as many as the fullest card has), so every source goes through the same mapping,
checks and preview. Rows are read one at a time and counted: a file with more than
:data:`MAX_ROWS` rows, or a row with more than :data:`MAX_COLUMNS` columns, is refused in one
sentence before anything is imported.
"""

from __future__ import annotations

import base64
import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from studio.domain.i18n import tr
from studio.errors import StudioError

#: The most data rows one import reads (a studio's whole address book fits many times over).
MAX_ROWS = 50_000
#: The most columns a row may have (Outlook's export, the widest layout, has about 90).
MAX_COLUMNS = 250
#: The longest text one cell may hold.
MAX_CELL = 20_000
#: The largest file read (bytes); a contacts file of 50,000 rows is far smaller.
MAX_BYTES = 200 * 1024 * 1024
#: How many rows a reader offers as possible header rows.
HEADER_CANDIDATES = 10

SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".vcf", ".vcard")


class ImportRefused(StudioError):
    """A file that cannot be imported; the message is one sentence, and nothing was written."""


@dataclass
class Table:
    """A file's cells as text, its header row apart."""

    kind: str  # "csv", "xlsx" or "vcard"
    headers: list[str]
    rows: list[list[str]]
    #: Where each row was in the file (1-based line or sheet row, or the card's number).
    row_numbers: list[int] = field(default_factory=list)
    encoding: str | None = None  # CSV only
    delimiter: str | None = None  # CSV only
    sheets: list[str] = field(default_factory=list)  # .xlsx only
    sheet: str | None = None
    header_row: int = 1  # 1-based
    #: vCard only: per row, what the card held that the studio keeps nowhere (e.g. a photo).
    notes: dict[int, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.row_numbers:
            self.row_numbers = [self.header_row + 1 + i for i in range(len(self.rows))]


def _refuse(message: str) -> ImportRefused:
    return ImportRefused(message)


def file_kind(path: Path) -> str:
    """ "csv", "xlsx" or "vcard", from the name, else from the first bytes."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    try:
        text = decode(head, path.name, partial=True)[0]
    except ImportRefused:
        return "csv"  # read_csv says why
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        return "vcard"
    return "csv"


def read_table(
    path: str | Path, *, sheet: str | None = None, header_row: int | None = None
) -> Table:
    """The file at ``path`` as a :class:`Table`; ``header_row`` (1-based) is guessed if None.

    Raises :class:`ImportRefused` with one sentence for a file that cannot be read.
    """
    path = Path(path)
    if not path.is_file():
        raise _refuse(tr("There is no file {path}.", path=path))
    size = path.stat().st_size
    if size == 0:
        raise _refuse(tr("{name} is empty: there is nothing to import.", name=path.name))
    if size > MAX_BYTES:
        raise _refuse(
            tr(
                "{name} is too large to be a contacts file ({mb:,} MB; at most {max} MB).",
                name=path.name,
                mb=size // (1024 * 1024),
                max=MAX_BYTES // (1024 * 1024),
            )
        )
    kind = file_kind(path)
    if kind == "xlsx":
        return read_xlsx(path, sheet=sheet, header_row=header_row)
    if kind == "vcard":
        return read_vcard(path)
    return read_csv(path, header_row=header_row)


# -- encodings ----------------------------------------------------------------------------------
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_CP1252_EXTRA = set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")


def _binary(sample: bytes) -> bool:
    """Bytes that are no text in any encoding the import reads (an image, a zip, a program)."""
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 and b != 27)
    return controls > len(sample) * 0.01 or b"\x00" in sample


def _utf16_without_bom(sample: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" for text whose every other byte is zero (ASCII in UTF-16)."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.6 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.6 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def _latin_text(text: str) -> bool:
    """Windows-1252 text that reads as words: its non-ASCII characters are letters or the
    typographic marks Western Excel writes."""
    for ch in text:
        if ord(ch) < 128:
            continue
        if ch in _CP1252_EXTRA or unicodedata.category(ch)[0] in "LZ" or ch in "°·«»¿¡§ºª©®±×÷":
            continue
        return False
    return True


def decode(data: bytes, name: str, *, partial: bool = False) -> tuple[str, str]:
    """``(text, encoding)`` of a text file's bytes; one sentence when they are not text.

    ``partial``: ``data`` is the start of a file (a character may be cut at its end).
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _decode_as(data, enc, partial), enc
            except UnicodeDecodeError:
                raise _refuse(
                    tr(
                        "{name} starts like {enc} text but is not: it cannot be read.",
                        name=name,
                        enc=enc.upper().replace("-SIG", ""),
                    )
                ) from None
    sample = data[:65536]
    wide = _utf16_without_bom(sample)
    if wide:
        try:
            return _decode_as(data, wide, partial), wide
        except UnicodeDecodeError:
            pass
    if _binary(sample):
        raise _refuse(
            tr(
                "{name} is not a text file (it looks like a program, an image or an archive); "
                "export the contacts as CSV, Excel (.xlsx) or vCard (.vcf) and import that.",
                name=name,
            )
        )
    try:
        return _decode_as(data, "utf-8", partial), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = _decode_as(data, "gb18030", partial)
        wide_chars = [ch for ch in text if ord(ch) > 127]
        if wide_chars and sum(1 for ch in wide_chars if _CJK.match(ch)) >= 0.6 * len(wide_chars):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        text = _decode_as(data, "cp1252", partial)
        if _latin_text(text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    raise _refuse(
        tr(
            "{name} is in a text encoding the import does not recognise (it reads UTF-8, "
            "UTF-16, GB18030/GBK and Windows-1252); save it again as “CSV UTF-8” and import that.",
            name=name,
        )
    )


def _decode_as(data: bytes, encoding: str, partial: bool) -> str:
    if not partial:
        return data.decode(encoding)
    return codecs.getincrementaldecoder(encoding)().decode(data, final=False)


# -- CSV ----------------------------------------------------------------------------------------
def _sniff(text: str) -> csv.Dialect | type[csv.Dialect]:
    sample = "\n".join(text[:65536].splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        # one column, or a layout the sniffer cannot settle: the most frequent candidate wins
        counts = {d: sample.count(d) for d in ",;\t|"}
        best = max(counts, key=lambda d: counts[d])
        dialect = csv.excel if best == "," else type("dialect", (csv.excel,), {"delimiter": best})
        return dialect


def _rows(
    lines: Iterator[list[str]], name: str, numbers: Iterator[int]
) -> Iterator[tuple[int, list[str]]]:
    """Rows checked for width and count as they are read."""
    count = 0
    for row in lines:
        number = next(numbers)
        if len(row) > MAX_COLUMNS:
            raise _refuse(
                tr(
                    "Row {row} of {name} has {n:,} columns, more than a contacts file has (at "
                    "most {max}); nothing was imported.",
                    row=number,
                    name=name,
                    n=len(row),
                    max=MAX_COLUMNS,
                )
            )
        if not any(c.strip() for c in row):
            continue
        count += 1
        if count > MAX_ROWS + HEADER_CANDIDATES:
            raise _refuse(
                tr(
                    "{name} has more than {max:,} rows; import it in parts of at most {max:,} "
                    "rows (nothing was imported).",
                    name=name,
                    max=MAX_ROWS,
                )
            )
        yield number, [c[:MAX_CELL] for c in row]


def read_csv(path: Path, *, header_row: int | None = None) -> Table:
    data = path.read_bytes()
    text, encoding = decode(data, path.name)
    if not text.strip():
        raise _refuse(tr("{name} is empty: there is nothing to import.", name=path.name))
    dialect = _sniff(text)
    csv.field_size_limit(max(MAX_CELL * 4, 131072))
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    line_of = iter(lambda: reader.line_num, None)  # the line a row ended on
    try:
        rows = list(_rows(reader, path.name, line_of))
    except csv.Error as exc:
        raise _refuse(
            tr(
                "{name} cannot be read as CSV near line {line} ({why}); nothing was imported.",
                name=path.name,
                line=reader.line_num,
                why=exc,
            )
        ) from None
    table = _with_header(rows, header_row, path.name, "csv")
    table.encoding = encoding
    table.delimiter = dialect.delimiter
    return table


def _looks_like_header(row: list[str]) -> float:
    """How much a row reads like column names: short, distinct texts with few digits or @."""
    cells = [c.strip() for c in row if c.strip()]
    if not cells:
        return 0.0
    words = sum(1 for c in cells if len(c) <= 40 and not re.search(r"[@\d]{3,}|@", c))
    from studio.services.contacts_io.mapping import suggest_target

    known = sum(1 for c in cells if suggest_target(c))
    distinct = len(set(cells)) / len(cells)
    return (words / len(cells)) * distinct + 2 * known / len(cells)


def guess_header_row(rows: list[tuple[int, list[str]]]) -> int:
    """The index (0-based, among ``rows``) of the likely header row."""
    candidates = rows[:HEADER_CANDIDATES]
    best, best_score = 0, -1.0
    for i, (_n, row) in enumerate(candidates):
        filled = sum(1 for c in row if c.strip())
        score = _looks_like_header(row) + 0.2 * min(filled, 10) / 10
        if score > best_score + 0.3:  # an earlier row wins a close call (a title line is shorter)
            best, best_score = i, score
    return best


def _with_header(
    rows: list[tuple[int, list[str]]], header_row: int | None, name: str, kind: str
) -> Table:
    if not rows:
        raise _refuse(tr("{name} is empty: there is nothing to import.", name=name))
    if header_row is None:
        at = guess_header_row(rows)
    else:
        found = next((i for i, (n, _r) in enumerate(rows) if n >= header_row), None)
        if found is None:
            raise _refuse(
                tr("{name} has no row {row} to take as its header.", name=name, row=header_row)
            )
        at = found
    number, headers = rows[at]
    headers = [h.strip() for h in headers]
    if not any(headers) or _looks_like_header(headers) < 0.5:
        raise _refuse(
            tr(
                "{name} has no header row (a first row naming the columns, such as Name, Email, "
                "Phone); add one, or choose the row that names the columns.",
                name=name,
            )
        )
    body = rows[at + 1 :]
    if len(body) > MAX_ROWS:
        raise _refuse(
            tr(
                "{name} has more than {max:,} rows; import it in parts of at most {max:,} "
                "rows (nothing was imported).",
                name=name,
                max=MAX_ROWS,
            )
        )
    width = len(headers)
    for i, h in enumerate(headers):
        if not h:
            headers[i] = tr("Column {n}", n=i + 1)
    cells = []
    for _n, r in body:
        if len(r) > width:
            extra = len(r) - width
            headers.extend(tr("Column {n}", n=width + k + 1) for k in range(extra))
            width = len(headers)
        cells.append(r + [""] * (width - len(r)))
    cells = [r + [""] * (width - len(r)) for r in cells]
    return Table(
        kind=kind,
        headers=headers,
        rows=cells,
        row_numbers=[n for n, _r in body],
        header_row=number,
    )


# -- Excel --------------------------------------------------------------------------------------
def _cell_text(value: object) -> str:
    if value is None:
        return ""
    from datetime import date, datetime

    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_sheets(path: Path) -> list[str]:
    """The names of a workbook's sheets (one sentence if it is not a workbook)."""
    wb = _open_workbook(path)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def _open_workbook(path: Path):  # noqa: ANN202 - openpyxl's Workbook (imported lazily)
    import zipfile

    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _refuse(
            tr(
                "{name} is not an Excel workbook that can be read ({why}); save it again as "
                ".xlsx or CSV and import that.",
                name=path.name,
                why=str(exc) or type(exc).__name__,
            )
        ) from None


def read_xlsx(path: Path, *, sheet: str | None = None, header_row: int | None = None) -> Table:
    """One sheet (the first with cells unless ``sheet``) of a workbook, read in read-only mode."""
    wb = _open_workbook(path)
    try:
        names = list(wb.sheetnames)
        if sheet is not None and sheet not in names:
            raise _refuse(
                tr(
                    "{name} has no sheet “{sheet}” (it has: {sheets}).",
                    name=path.name,
                    sheet=sheet,
                    sheets=", ".join(names),
                )
            )
        chosen = [sheet] if sheet is not None else names
        rows: list[tuple[int, list[str]]] = []
        used = chosen[0] if chosen else None
        for candidate in chosen:
            ws = wb[candidate]
            lines = (
                [_cell_text(v) for v in r]
                for r in ws.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
            )
            numbers = iter(range(1, 10**9))
            rows = list(_rows(_trimmed(lines), f"{path.name} › {candidate}", numbers))
            used = candidate
            if rows:
                break
        if not rows:
            raise _refuse(tr("{name} is empty: there is nothing to import.", name=path.name))
        table = _with_header(rows, header_row, f"{path.name} › {used}", "xlsx")
    finally:
        wb.close()
    table.sheets = names
    table.sheet = used
    return table


def _trimmed(lines: Iterator[list[str]]) -> Iterator[list[str]]:
    """Sheet rows without the empty cells at their end (a sheet's used range is often wider)."""
    for row in lines:
        end = len(row)
        while end and not row[end - 1].strip():
            end -= 1
        if end > MAX_COLUMNS:
            yield row  # _rows refuses it
        else:
            yield row[:end]


# -- vCard --------------------------------------------------------------------------------------
#: The columns a vCard file becomes (numbered ones repeat as many times as the fullest card needs).
VCARD_HEADERS = ("Full name", "Given name", "Family name", "Organization", "Birthday", "Note")
VCARD_REPEATED = ("Email", "Phone", "Address")


def _unfold_qp(text: str) -> str:
    """vCard 2.1 quoted-printable values continue on the next line after a soft break (``=``)
    without the leading space vCard 3.0 folding uses; join them so the parser sees one line."""
    out: list[str] = []
    pending = ""
    for line in text.splitlines():
        if pending:
            line = pending + line
            pending = ""
        if "QUOTED-PRINTABLE" in line.upper().split(":", 1)[0] and line.endswith("="):
            pending = line[:-1]
            continue
        out.append(line)
    if pending:
        out.append(pending)
    return "\r\n".join(out) + "\r\n"


def _qp_decode(value: str, charset: str | None) -> str:
    import quopri

    raw = quopri.decodestring(value.encode("latin-1", errors="replace"))
    for enc in (charset, "utf-8", "gb18030", "cp1252"):
        if not enc:
            continue
        try:
            return raw.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", errors="replace")


def _param(line: object, name: str) -> str | None:
    params = getattr(line, "params", {}) or {}
    for key, values in params.items():
        if key.upper() == name and values:
            return str(values[0])
    singletons = getattr(line, "singletonparams", []) or []
    if name == "ENCODING" and any(s.upper() == "QUOTED-PRINTABLE" for s in singletons):
        return "QUOTED-PRINTABLE"
    return None


def _value(line: object) -> str:
    value = getattr(line, "value", "")
    if _param(line, "ENCODING") and str(_param(line, "ENCODING")).upper() == "QUOTED-PRINTABLE":
        value = _qp_decode(str(value), _param(line, "CHARSET"))
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    return str(value or "").strip()


def _types(line: object) -> str:
    params = getattr(line, "params", {}) or {}
    found = [str(v).lower() for k, vs in params.items() if k.upper() == "TYPE" for v in vs]
    found += [s.lower() for s in (getattr(line, "singletonparams", []) or [])]
    return ",".join(t for t in found if t not in ("pref", "internet", "voice", "quoted-printable"))


def _adr_text(line: object) -> str:
    value = getattr(line, "value", None)
    if value is None or isinstance(value, str):
        return _value(line).replace(";", ", ").strip(", ")
    parts = [
        getattr(value, k, "")
        for k in ("box", "extended", "street", "city", "region", "code", "country")
    ]
    flat = []
    for p in parts:
        if isinstance(p, list):
            p = " ".join(str(x) for x in p if x)
        p = str(p or "").strip()
        if p:
            flat.append(p)
    text = ", ".join(flat)
    if _param(line, "ENCODING") and str(_param(line, "ENCODING")).upper() == "QUOTED-PRINTABLE":
        text = _qp_decode(text, _param(line, "CHARSET"))
    return text


def _n_parts(card: object) -> tuple[str, str]:
    n = getattr(card, "n", None)
    if n is None:
        return "", ""
    value = n.value
    if isinstance(value, str):
        parts = (_value(n).split(";") + ["", ""])[:2]
        return parts[1].strip(), parts[0].strip()

    def flat(x: object) -> str:
        return " ".join(str(i) for i in x if i) if isinstance(x, list) else str(x or "")

    given, family = flat(value.given).strip(), flat(value.family).strip()
    if _param(n, "ENCODING") and str(_param(n, "ENCODING")).upper() == "QUOTED-PRINTABLE":
        charset = _param(n, "CHARSET")
        given, family = _qp_decode(given, charset), _qp_decode(family, charset)
    return given, family


def read_vcard(path: Path) -> Table:
    import vobject

    text, _enc = decode(path.read_bytes(), path.name)
    if "BEGIN:VCARD" not in text.upper():
        raise _refuse(tr("{name} holds no vCard (no BEGIN:VCARD line).", name=path.name))
    cards: list[dict[str, object]] = []
    notes: dict[int, list[str]] = {}
    try:
        for card in vobject.readComponents(_unfold_qp(text)):
            if len(cards) >= MAX_ROWS:
                raise _refuse(
                    tr(
                        "{name} has more than {max:,} cards; import it in parts of at most "
                        "{max:,} (nothing was imported).",
                        name=path.name,
                        max=MAX_ROWS,
                    )
                )
            if card.name.upper() != "VCARD":
                continue
            given, family = _n_parts(card)
            contents = card.contents
            row: dict[str, object] = {
                "Full name": _value(contents["fn"][0]) if "fn" in contents else "",
                "Given name": given,
                "Family name": family,
                "Organization": _value(contents["org"][0]) if "org" in contents else "",
                "Birthday": _value(contents["bday"][0]) if "bday" in contents else "",
                "Note": _value(contents["note"][0]) if "note" in contents else "",
                "Email": [_value(x) for x in contents.get("email", [])],
                "Phone": [(_value(x), _types(x)) for x in contents.get("tel", [])],
                "Address": [_adr_text(x) for x in contents.get("adr", [])],
            }
            kept_nowhere = []
            for photo in contents.get("photo", []):
                kept_nowhere.append(_photo_note(photo))
            if kept_nowhere:
                notes[len(cards)] = kept_nowhere
            cards.append(row)
    except ImportRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - vobject raises many kinds for a damaged card
        raise _refuse(
            tr(
                "{name} holds a damaged vCard near card {n} ({why}); nothing was imported.",
                name=path.name,
                n=len(cards) + 1,
                why=str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
            )
        ) from None
    if not cards:
        raise _refuse(tr("{name} holds no vCard (no BEGIN:VCARD line).", name=path.name))
    counts = {k: max(len(c[k]) for c in cards) for k in VCARD_REPEATED}  # type: ignore[arg-type]
    if sum(counts.values()) + len(VCARD_HEADERS) > MAX_COLUMNS:
        raise _refuse(
            tr(
                "A card in {name} has more numbers and addresses than a contact has (over "
                "{max} in all); nothing was imported.",
                name=path.name,
                max=MAX_COLUMNS,
            )
        )
    headers = list(VCARD_HEADERS)
    for k in VCARD_REPEATED:
        headers += [f"{k} {i}" for i in range(1, counts[k] + 1)]
        if k == "Phone":
            headers += [f"Phone {i} type" for i in range(1, counts[k] + 1)]
    rows = []
    for c in cards:
        line: list[str] = [str(c[h]) for h in VCARD_HEADERS]
        for k in VCARD_REPEATED:
            values: list = list(c[k])  # type: ignore[call-overload]
            if k == "Phone":
                line += [v for v, _t in values] + [""] * (counts[k] - len(values))
                line += [t for _v, t in values] + [""] * (counts[k] - len(values))
            else:
                line += [str(v) for v in values] + [""] * (counts[k] - len(values))
        rows.append([cell[:MAX_CELL] for cell in line])
    return Table(
        kind="vcard",
        headers=headers,
        rows=rows,
        row_numbers=list(range(1, len(rows) + 1)),
        header_row=0,
        notes=notes,
    )


def _photo_note(photo: object) -> str:
    """What a card's photo was, for the row's problems (the studio keeps no client portraits)."""
    value = getattr(photo, "value", b"")
    size = 0
    if isinstance(value, bytes):
        size = len(value)
    elif isinstance(value, str) and not value.lower().startswith(("http:", "https:", "data:")):
        try:
            size = len(base64.b64decode(value, validate=False))
        except ValueError:
            size = 0
    if size:
        return tr(
            "the card's photo ({kb:,} KB) is not kept: dossiers hold no portraits",
            kb=max(1, size // 1024),
        )
    return tr("the card's photo link is not kept: dossiers hold no portraits")
