"""Which column of a contacts file means what: the import's targets, suggestions from the column
names (English and Chinese, Google Contacts' and Outlook's own export layouts recognised whole),
and mappings remembered per source (keyed by the file's header signature, in this laptop's
settings).

A mapping is ``{column name: target}``; a target is one of :data:`TARGETS`, and the parts of an
address may carry a group after ``@`` (``"street@home"``, ``"city@home"``) so a file with a home
and a business address makes two addresses. ``""`` ignores a column.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from studio.domain.i18n import mark, tr
from studio.errors import StudioError

if TYPE_CHECKING:
    from studio.store import Studio

#: Target → its label (translated where shown). Several columns may share ``email``, ``phone``,
#: ``mobile``, ``address``, ``notes`` and ``tags``; the others take one column.
TARGETS: dict[str, str] = {
    "full_name": mark("Full name"),
    "given_name": mark("Given name"),
    "family_name": mark("Family name"),
    "native_name": mark("Name in native script"),
    "email": mark("Email"),
    "phone": mark("Phone"),
    "mobile": mark("Mobile phone"),
    "wechat": mark("WeChat"),
    "address": mark("Address"),
    "street": mark("Street"),
    "city": mark("City"),
    "region": mark("Region or state"),
    "postcode": mark("Postcode"),
    "country": mark("Country"),
    "birthday": mark("Birthday"),
    "household": mark("Household"),
    "company": mark("Company"),
    "notes": mark("Notes"),
    "tags": mark("Tags"),
    "stage": mark("Stage"),
}
MULTI = frozenset({"email", "phone", "mobile", "wechat", "address", "notes", "tags"})
ADDRESS_PARTS = ("street", "city", "region", "postcode", "country")

#: Column-name patterns (matched on the folded name, see :func:`fold_header`) → target. Google's
#: "E-mail 1 - Value", "Address 1 - City" and Outlook's "Home Street", "Business City" included.
_RULES: tuple[tuple[str, str], ...] = (
    (
        r"^(e ?mail|email address|e ?mail address|邮箱|电子邮件|电子邮箱|邮件)( ?\d+)?( address)?( - value)?$",
        "email",
    ),
    (r"^e ?mail \d+ - value$", "email"),
    (r"^e ?mail( \d)? address$", "email"),
    (r"^(mobile|mobile phone|cell|cell phone|手机|手机号|手机号码|移动电话)( ?\d+)?$", "mobile"),
    (r"^(phone|telephone|tel|phone number|电话|电话号码|联系电话|座机)( ?\d+)?$", "phone"),
    (r"^phone \d+ - value$", "phone"),
    (r"^(home|business|other|primary|company main) phone( \d)?$", "phone"),
    (r"^(wechat|weixin|wechat id|微信|微信号)$", "wechat"),
    (
        r"^(name|full name|display name|contact name|client|client name|姓名|名字|客户|客户姓名|全名)$",
        "full_name",
    ),
    (r"^(first name|given name|first|forename|名)$", "given_name"),
    (r"^(last name|family name|surname|last|姓)$", "family_name"),
    (r"^(native name|chinese name|name \(chinese\)|中文名|中文姓名)$", "native_name"),
    (
        r"^(address|postal address|mailing address|home address|地址|住址|家庭住址|通讯地址)( ?\d+)?$",
        "address",
    ),
    (r"^address \d+ - formatted$", "address"),
    (r"^address (\d+) - street$", "street@\\1"),
    (r"^address (\d+) - city$", "city@\\1"),
    (r"^address (\d+) - region$", "region@\\1"),
    (r"^address (\d+) - postal code$", "postcode@\\1"),
    (r"^address (\d+) - country$", "country@\\1"),
    (r"^(home|business|other) street( \d)?$", "street@\\1"),
    (r"^(home|business|other) city$", "city@\\1"),
    (r"^(home|business|other) state$", "region@\\1"),
    (r"^(home|business|other) postal code$", "postcode@\\1"),
    (r"^(home|business|other) country/region$", "country@\\1"),
    (r"^(street|street address|街道)$", "street"),
    (r"^(city|town|城市|市)$", "city"),
    (r"^(state|province|region|county|省|省份)$", "region"),
    (r"^(postcode|post code|postal code|zip|zip code|邮编|邮政编码)$", "postcode"),
    (r"^(country|国家)$", "country"),
    (r"^(birthday|birth date|date of birth|dob|birthdate|生日|出生日期)$", "birthday"),
    (r"^(household|family|household id|family id|家庭|家庭编号|户)$", "household"),
    (
        r"^(company|organization|organisation|organization name|employer|公司|单位|工作单位)$",
        "company",
    ),
    (r"^(notes?|comments?|remarks?|备注|说明)$", "notes"),
    (r"^(tags?|labels?|groups?|group membership|categories|标签|分组)$", "tags"),
    (r"^(stage|status|阶段|客户阶段)$", "stage"),
)
_COMPILED = tuple((re.compile(p), t) for p, t in _RULES)

#: Layouts recognised whole: name → (label, column names that identify it).
LAYOUTS: dict[str, tuple[str, tuple[frozenset[str], ...]]] = {
    "google": (
        mark("Google Contacts export"),
        (
            frozenset({"first name", "last name", "e-mail 1 - value", "phone 1 - value"}),
            frozenset({"given name", "family name", "e-mail 1 - value", "phone 1 - value"}),
            frozenset({"given name", "family name", "group membership"}),
        ),
    ),
    "outlook": (
        mark("Outlook contacts export"),
        (
            frozenset({"first name", "last name", "e-mail address", "mobile phone", "home street"}),
            frozenset({"first name", "last name", "e-mail address", "business phone"}),
        ),
    ),
    "vcard": (mark("vCard file"), ()),
}


def fold_header(header: str) -> str:
    """A column name compared case-, accent- and space-insensitively ("E-mail  1 - Value" →
    "e-mail 1 - value")."""
    s = unicodedata.normalize("NFKC", header).strip().lower()
    s = "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")
    s = re.sub(r"[_\s]+", " ", s)
    return s.strip(" :：*")


def suggest_target(header: str) -> str:
    """The target a column name suggests, or ``""``."""
    folded = fold_header(header)
    folded_plain = folded.replace("e-mail", "email")
    # Google's and Outlook's label columns ("Phone 1 - Label", "E-mail 1 - Type") say only a type
    if re.search(r" - (label|type)$", folded):
        return ""
    for pattern, target in _COMPILED:
        for candidate in (folded, folded_plain):
            m = pattern.match(candidate)
            if m:
                return m.expand(target) if "\\" in target else target
    return ""


def recognise_layout(headers: list[str], kind: str = "csv") -> str | None:
    """ "google", "outlook" or "vcard" when the columns are that export's own; else None."""
    if kind == "vcard":
        return "vcard"
    folded = {fold_header(h) for h in headers}
    for name, (_label, signatures) in LAYOUTS.items():
        if any(sig <= folded for sig in signatures):
            return name
    return None


def layout_label(layout: str | None) -> str:
    return tr(LAYOUTS[layout][0]) if layout in LAYOUTS else ""


_VCARD = {
    "Full name": "full_name",
    "Given name": "given_name",
    "Family name": "family_name",
    "Organization": "company",
    "Birthday": "birthday",
    "Note": "notes",
}


def suggest_mapping(headers: list[str], kind: str = "csv") -> dict[str, str]:
    """A mapping of every column to its suggested target (``""`` where none)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for h in headers:
        if kind == "vcard":
            target = _VCARD.get(h, "")
            if not target:
                m = re.match(r"^(Email|Phone|Address) \d+$", h)
                target = (
                    {"Email": "email", "Phone": "phone", "Address": "address"}[m.group(1)]
                    if m
                    else ""
                )
        else:
            target = suggest_target(h)
        base = target.split("@")[0]
        if target and base not in MULTI and target in taken:
            target = ""  # a second "Name" column is left for the user to choose
        if target:
            taken.add(target)
        out[h] = target
    return out


def check_mapping(mapping: dict[str, str], headers: list[str]) -> None:
    """Refuse (one sentence) a mapping naming an unknown target or column, or with no name."""
    for column, target in mapping.items():
        if column not in headers:
            raise StudioError(
                tr(
                    "The mapping names a column “{column}” that the file does not have (it has: "
                    "{columns}).",
                    column=column,
                    columns=", ".join(headers[:12]) + ("…" if len(headers) > 12 else ""),
                )
            )
        base = target.split("@")[0]
        if target and base not in TARGETS:
            raise StudioError(
                tr(
                    "“{target}” is not something a column can be imported as (one of: {targets}).",
                    target=target,
                    targets=", ".join(TARGETS),
                )
            )
    bases = [t.split("@")[0] for t in mapping.values() if t]
    for base in set(bases):
        if base not in MULTI and base not in ADDRESS_PARTS and bases.count(base) > 1:
            raise StudioError(
                tr(
                    "Two columns are imported as {target}; choose one of them.",
                    target=tr(TARGETS[base]),
                )
            )
    if not {"full_name", "given_name", "family_name", "native_name", "company"} & set(bases):
        raise StudioError(
            tr(
                "No column is imported as a name (full name, given or family name, native name "
                "or company); choose which column holds the names."
            )
        )


# -- remembered per source ----------------------------------------------------------------------
def signature(headers: list[str]) -> str:
    """The identity of a source: its folded column names, in order."""
    folded = "\x1f".join(fold_header(h) for h in headers)
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:24]


def _key(headers: list[str]) -> str:
    return f"contacts_import.mapping.{signature(headers)}"


def remembered(studio: Studio, headers: list[str]) -> dict[str, str] | None:
    """The mapping last used for a file with these columns on this laptop, if any."""
    raw = studio.setting(_key(headers))
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return {h: str(data.get(h, "")) for h in headers} if isinstance(data, dict) else None


def remember(studio: Studio, headers: list[str], mapping: dict[str, str]) -> None:
    studio.set_setting(_key(headers), json.dumps(mapping, ensure_ascii=False))


@dataclass(frozen=True)
class MappingChoice:
    mapping: dict[str, str]
    #: "remembered", "layout" (a recognised export), "file" (--mapping) or "suggested".
    origin: str
    layout: str | None


def choose_mapping(
    studio: Studio | None, headers: list[str], kind: str, given: dict[str, str] | None = None
) -> MappingChoice:
    """The mapping to use: the one given, else the one remembered for these columns, else the
    suggestions (a recognised layout's are complete)."""
    layout = recognise_layout(headers, kind)
    if given is not None:
        full = {h: given.get(h, "") for h in headers}
        check_mapping(given, headers)
        return MappingChoice(full, "file", layout)
    if studio is not None:
        found = remembered(studio, headers)
        if found is not None:
            return MappingChoice(found, "remembered", layout)
    return MappingChoice(
        suggest_mapping(headers, kind), "layout" if layout else "suggested", layout
    )


def read_mapping_file(path: str | Path) -> dict[str, str]:
    """A mapping saved as JSON: ``{"column": "target", …}`` (or ``{"mapping": {…}}``)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StudioError(tr("There is no mapping file {path}.", path=path)) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise StudioError(
            tr("The mapping file {path} is not JSON ({why}).", path=path, why=exc)
        ) from None
    if isinstance(data, dict) and isinstance(data.get("mapping"), dict):
        data = data["mapping"]
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise StudioError(
            tr(
                'The mapping file {path} should hold {{"column name": "target", …}}.',
                path=path,
            )
        )
    return {str(k): v for k, v in data.items()}
