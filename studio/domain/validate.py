"""Validation of what people type. Each refusal names the field and says why, in one sentence."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from studio.domain import names
from studio.domain import values as v
from studio.domain.base import Row, table_name
from studio.domain.i18n import field_label, tr
from studio.domain.models import (
    Advisor,
    Client,
    Consent,
    ContactPoint,
    ImportantDate,
    Interaction,
    Person,
)
from studio.errors import ValidationError


def text(value: Any, field: str, *, required: bool = False, max_len: int = 2000) -> str:
    """Typed text as stored (:func:`studio.domain.names.clean_text`: NFC, no control, bidi or
    invisible characters, trimmed); refused in one sentence when it cannot be stored."""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(field, f"{_label(field)} is not UTF-8 text.") from None
    try:
        s = "" if value is None else names.clean_text(str(value))
    except names.BadText as exc:
        raise ValidationError(field, f"{_label(field)} cannot be stored: {exc}.") from None
    if required and not s:
        raise ValidationError(field, tr("{field} cannot be empty.", field=_label(field)))
    if len(s) > max_len:
        raise ValidationError(
            field,
            tr(
                "{field} is too long ({n} characters; at most {max}).",
                field=_label(field),
                n=len(s),
                max=max_len,
            ),
        )
    return s


def optional_text(value: Any, field: str, *, max_len: int = 2000) -> str | None:
    return text(value, field, max_len=max_len) or None


def choice(vocabulary: type[StrEnum], value: Any, field: str, *, noun: str | None = None) -> str:
    """The stored key of ``value`` in a closed vocabulary: the one validator of every vocabulary.

    Surrounding spaces and case are ignored (a vocabulary may accept more spellings through its
    ``_missing_``). An empty value "cannot be empty"; any other unknown one is refused as
    "“x” is not a valid stage (one of: …)." — ``noun`` replaces "a valid stage" where the field's
    label reads badly (``noun="a kind of document"``).
    """
    s = str(value).strip().lower()
    if value is None or not s:
        raise ValidationError(field, tr("{field} cannot be empty.", field=_label(field)))
    try:
        return vocabulary(s).value
    except ValueError:
        allowed = ", ".join(e.value for e in vocabulary)
        what = noun or tr("a valid {field}", field=_label(field).lower())
        raise ValidationError(
            field,
            tr(
                "“{value}” is not {what} (one of: {allowed}).",
                value=value,
                what=what,
                allowed=allowed,
            ),
        ) from None


def email(value: Any, field: str = "email") -> str:
    from email_validator import EmailNotValidError, validate_email

    s = text(value, field, required=True, max_len=254)
    try:
        return validate_email(s, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValidationError(
            field, tr("“{value}” is not a valid email address: {reason}", value=s, reason=exc)
        ) from None


#: The country (ISO 3166 code, e.g. "CN") a number written without "+" is read in: the studio's
#: own (see :func:`studio.services.studio_profile.apply_default_region`); None asks for the code.
_DEFAULT_REGION: str | None = None


def set_default_region(region: str | None) -> None:
    """Read numbers written without a country code as numbers of ``region`` from now on."""
    global _DEFAULT_REGION
    _DEFAULT_REGION = region.upper() if region else None


def default_region() -> str | None:
    return _DEFAULT_REGION


def phone(value: Any, field: str = "phone", region: str | None = None) -> str:
    """A phone number in E.164 form (``+8613800138000``); one written without "+" and the country
    code is read in ``region``, else in the studio's country (:func:`set_default_region`)."""
    import phonenumbers

    s = text(value, field, required=True, max_len=40)
    region = region or _DEFAULT_REGION
    try:
        num = phonenumbers.parse(s, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            field,
            tr(
                "“{value}” is not a phone number; write it with + and the country code, "
                "e.g. +86 138 0013 8000.",
                value=s,
            ),
        ) from None
    if not phonenumbers.is_valid_number(num):
        raise ValidationError(
            field, tr("“{value}” is not a valid phone number for its country code.", value=s)
        )
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """A stored phone number as people read it: ``+86 138 0013 8000``."""
    import phonenumbers

    try:
        return phonenumbers.format_number(
            phonenumbers.parse(e164, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
    except phonenumbers.NumberParseException:
        return e164


def iso_date(value: Any, field: str, *, allow_future: bool = True) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        d = value
    else:
        s = text(value, field, required=True, max_len=10)
        try:
            d = date.fromisoformat(s)
        except ValueError:
            raise ValidationError(
                field,
                tr("“{value}” is not a valid date (use YYYY-MM-DD, e.g. 1984-03-14).", value=s),
            ) from None
    if not allow_future and d > date.today():
        raise ValidationError(
            field, tr("{field} {date} is in the future.", field=_label(field), date=d.isoformat())
        )
    if d.year < 1880:
        raise ValidationError(
            field,
            tr("{field} {date} is too far in the past.", field=_label(field), date=d.isoformat()),
        )
    return d.isoformat()


_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$")


def iso_datetime(value: Any, field: str) -> str:
    """A date, or a date and time to the minute: ``2026-05-01`` or ``2026-05-01T14:30``."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    s = text(value, field, required=True, max_len=16).replace(" ", "T")
    if not _DATETIME.match(s):
        raise ValidationError(
            field,
            tr("“{value}” is not a valid date (use YYYY-MM-DD or YYYY-MM-DD HH:MM).", value=value),
        )
    try:
        datetime.fromisoformat(s)
    except ValueError:
        raise ValidationError(
            field, tr("“{value}” is not a valid date or time.", value=value)
        ) from None
    return s


def satisfaction(value: Any, field: str = "satisfaction") -> int | None:
    if value is None or value == "":
        return None
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            field,
            tr("Satisfaction must be a whole number from 0 to 100, not “{value}”.", value=value),
        ) from None
    if not 0 <= n <= 100:
        raise ValidationError(field, tr("Satisfaction must be from 0 to 100, not {n}.", n=n))
    return n


def tags(value: Any, field: str = "tags") -> str:
    """Tags as stored: a JSON array of distinct, trimmed strings, in the order given."""
    if value is None:
        items: list[str] = []
    elif isinstance(value, str):
        s = value.strip()
        if s.startswith("["):
            try:
                items = json.loads(s)
            except json.JSONDecodeError:
                raise ValidationError(field, tr("Tags are not a valid list.")) from None
        else:
            items = re.split(r"[,，;；]", s)
    else:
        items = list(value)
    out = list(dict.fromkeys(str(t).strip() for t in items if str(t).strip()))
    for t in out:
        if len(t) > 60:
            raise ValidationError(
                field, tr("The tag “{tag}…” is too long (at most 60 characters).", tag=t[:20])
            )
    return json.dumps(out, ensure_ascii=False)


def partial_date(
    month: Any, day: Any, year: Any, field: str = "date"
) -> tuple[int, int, int | None]:
    try:
        m = int(month)
        d = int(day)
        y = int(year) if year not in (None, "") else None
    except (TypeError, ValueError):
        raise ValidationError(field, tr("A date needs a month and day as numbers.")) from None
    try:
        pd = v.PartialDate(m, d, y)
    except ValueError as exc:
        raise ValidationError(field, f"{exc}.") from None
    return pd.month, pd.day, pd.year


def important_date(
    month: Any, day: Any, year: Any, calendar: Any = None, field: str = "date"
) -> tuple[int, int, int | None]:
    """A remembered date in its calendar: Gregorian (30 February refused) or Chinese lunar."""
    if (calendar or v.CalendarKind.GREGORIAN) != v.CalendarKind.LUNAR:
        return partial_date(month, day, year, field)
    from studio.domain import lunar

    try:
        m, d = int(month), int(day)
        y = int(year) if year not in (None, "") else None
    except (TypeError, ValueError):
        raise ValidationError(field, tr("A date needs a month and day as numbers.")) from None
    try:
        lunar.check(m, d, y)
    except ValueError as exc:
        raise ValidationError(field, f"{str(exc)[0].upper()}{str(exc)[1:]}.") from None
    return m, d, y


def contact_value(kind: str, value: Any, field: str = "value") -> str:
    if kind == v.ContactKind.EMAIL:
        return email(value, field)
    if kind in (v.ContactKind.PHONE, v.ContactKind.WHATSAPP):
        return phone(value, field)
    return text(value, field, required=True, max_len=500)


def _label(field: str) -> str:
    return field_label(field)


# -- per-table cleaning -----------------------------------------------------------------------
def clean(
    model: type[Row], fields: dict[str, Any], *, current: dict | None = None
) -> dict[str, Any]:
    """Validate and normalise ``fields`` for ``model``; ``current`` is the row being updated.

    Raises :class:`ValidationError` on the first bad field. Unknown fields are refused too.
    """
    out: dict[str, Any] = {}
    merged = {**(current or {}), **fields}
    for name, raw in fields.items():
        if name not in model.model_fields or name in (
            "id",
            "created_at",
            "updated_at",
            "deleted_at",
        ):
            raise ValidationError(name, f"{table_name(model)} has no editable field “{name}”.")
        whole_number(raw, name)
        out[name] = _clean_field(model, name, raw, merged)
    return out


#: The largest whole number SQLite stores (64 bits, signed).
MAX_INTEGER = 2**63 - 1


def whole_number(value: Any, field: str) -> Any:
    """Refuse a number too large to store (``2**70``) in one sentence; anything else passes."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
        raise ValidationError(
            field, f"{_label(field)} is too large a number ({len(str(abs(value)))} digits)."
        )
    if isinstance(value, float) and (value != value or abs(value) == float("inf")):
        raise ValidationError(field, f"{_label(field)} is not a number.")
    return value


def search_text(value: Any, field: str = "search") -> str:
    """What someone searches for, cleaned like stored text; a sentence when it cannot be read
    (a command-line argument that is not UTF-8 arrives with lone surrogates)."""
    if isinstance(value, str) and names._SURROGATE.search(value):
        raise ValidationError(
            field,
            "The search text cannot be read: it is not UTF-8 (check the terminal's encoding).",
        )
    return text(value, field, max_len=500)


_NAME_FIELDS = {"name": True, "native_name": False}


def _clean_field(model: type[Row], name: str, raw: Any, row: dict) -> Any:  # noqa: C901 - a table of rules
    if name in _NAME_FIELDS:
        return (
            text(raw, name, required=True, max_len=200)
            if _NAME_FIELDS[name]
            else optional_text(raw, name, max_len=200)
        )
    if name in ("notes", "note", "summary", "body", "label", "source_detail", "resolution"):
        limit = 20000 if name in ("notes", "body") else 2000
        s = text(raw, name, max_len=limit)
        return (s or None) if name in ("label", "source_detail", "resolution") else s
    if name.endswith("_id"):
        return optional_text(raw, name, max_len=64)
    if model is Advisor:
        if name == "role":
            return choice(v.AdvisorRole, raw, name)
        if name == "email":
            return email(raw, name) if raw else None
    if model is Client:
        if name == "kind":
            return choice(v.ClientKind, raw, name)
        if name == "stage":
            return choice(v.Stage, raw, name)
        if name == "source":
            return choice(v.Source, raw, name) if raw else None
        if name == "tags":
            return tags(raw, name)
    if model is Person:
        if name == "role":
            return choice(v.PersonRole, raw, name)
        if name == "birth_date":
            return iso_date(raw, name, allow_future=False) if raw else None
        if name == "position":
            return int(raw or 0)
    if model is ContactPoint:
        if name == "kind":
            return choice(v.ContactKind, raw, name)
        if name == "value":
            kind = choice(v.ContactKind, row.get("kind") or "other", "kind")
            return contact_value(kind, raw, kind if kind in ("email", "phone") else name)
        if name == "preferred":
            return bool(raw)
    if model is Consent:
        if name == "purpose":
            return choice(v.ConsentPurpose, raw, name)
        if name == "method":
            return choice(v.ConsentMethod, raw, name)
        if name == "decided_on":
            return iso_date(raw, name)
        if name == "granted":
            return bool(raw)
    if model is Interaction:
        if name == "kind":
            return choice(v.InteractionKind, raw, name)
        if name in ("occurred_at", "resolved_at"):
            return iso_datetime(raw, name) if raw else None
        if name == "satisfaction":
            return satisfaction(raw, name)
        if name == "status":
            return choice(v.ComplaintStatus, raw, name) if raw else None
    if model is ImportantDate:
        if name == "kind":
            return choice(v.DateKind, raw, name)
        if name == "calendar":
            cal = choice(v.CalendarKind, raw, name)
            if row.get("month") is not None and row.get("day") is not None:
                important_date(row.get("month"), row.get("day"), row.get("year"), cal)
            return cal
        if name in ("month", "day", "year"):
            m, d, y = important_date(
                row.get("month"), row.get("day"), row.get("year"), row.get("calendar")
            )
            return {"month": m, "day": d, "year": y}[name]
    if table_name(model) == "profile_fact":
        return profile_field(name, raw)
    if table_name(model) in ("travel_document", "agenda_action", "agenda_setting"):
        return agenda_field(table_name(model), name, raw)
    return raw


def agenda_field(table: str, name: str, raw: Any) -> Any:
    """A field of the agenda's tables (documents, per-occurrence actions, settings)."""
    if name in ("expires_on", "occurrence"):
        return iso_date(raw, name)
    if name == "snooze_until":
        return iso_date(raw, name) if raw else None
    if table == "travel_document" and name == "kind":
        return choice(v.DocumentKind, raw, name, noun="a kind of document")
    if name == "number":
        return optional_text(raw, name, max_len=40)
    if name == "country":
        c = optional_text(raw, name, max_len=2)
        if c is not None and (len(c) != 2 or not c.isalpha()):
            raise ValidationError(
                name, f"“{raw}” is not a country code (two letters, e.g. CN or FR)."
            )
        return c.upper() if c else None
    if name == "action":
        return choice(v.OccurrenceAction, raw, name, noun="an agenda action")
    if name in ("sent", "source_table", "key"):
        return text(raw, name, required=name != "sent", max_len=500)
    if name == "value":
        s = text(raw, name, required=True, max_len=2000)
        try:
            json.loads(s)
        except json.JSONDecodeError:
            raise ValidationError(name, f"The setting value “{s[:40]}” is not JSON.") from None
        return s
    return raw


def profile_field(name: str, raw: Any) -> Any:
    """A field of a profile fact. Unknown taxonomy keys are kept: the taxonomy may have changed."""
    if name == "key":
        key = text(raw, name, required=True, max_len=120)
        if " " in key:
            raise ValidationError(
                name, f"“{key}” is not a taxonomy key (keys look like interests.diving)."
            )
        return key
    if name == "level":
        return choice(v.FactLevel, raw, name)
    if name == "severity":
        return None if raw in (None, "") else choice(v.Severity, raw, name)
    if name == "source":
        return choice(v.FactSource, raw, name)
    if name == "learned_on":
        return iso_date(raw, name, allow_future=False)
    return raw
