"""Validation of the fields of trips and items: currencies, amounts, clock times, time zones.

Each cleaner returns the values as stored or raises :class:`~studio.errors.ValidationError` naming
the field.
"""

from __future__ import annotations

import functools
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from studio import paths
from studio.domain import validate
from studio.domain.values import ItemKind, TripStatus
from studio.errors import ValidationError

#: Fields of an item compared between versions (and copied when a version is duplicated).
ITEM_FIELDS = (
    "kind",
    "title",
    "start_time",
    "end_time",
    "time_zone",
    "end_time_zone",
    "place",
    "supplier_id",
    "confirmation",
    "cost",
    "price",
    "currency",
    "notes",
    "tags",
    "position",
    "change_reason",
)


@functools.cache
def currencies() -> frozenset[str]:
    """ISO 4217 codes, from ``resources/currencies.txt``."""
    lines = (paths.resources_dir() / "currencies.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.split()[0] for ln in lines if ln.strip() and not ln.startswith("#"))


def currency(value: Any, field: str = "currency") -> str:
    code = str(value or "").strip().upper()
    if code not in currencies():
        raise ValidationError(
            field, f"“{value}” is not a known currency code (ISO 4217, e.g. USD, EUR, CNY)."
        )
    return code


def money(value: Any, field: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        d = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValidationError(
            field, f"The {field} must be an amount like 1250.00, not “{value}”."
        ) from None
    if not d.is_finite():
        raise ValidationError(field, f"The {field} must be an amount like 1250.00, not “{value}”.")
    if d < 0:
        raise ValidationError(field, f"The {field} cannot be negative ({value}).")
    return str(d.quantize(Decimal("0.01")))


def clock(value: Any, field: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        t = datetime.strptime(str(value).strip(), "%H:%M")
    except ValueError:
        raise ValidationError(
            field, f"The {field.replace('_', ' ')} must be a time like 09:30, not “{value}”."
        ) from None
    return t.strftime("%H:%M")


def zone(value: Any, field: str) -> str | None:
    if value is None or value == "":
        return None
    name = str(value).strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            field, f"“{value}” is not a time zone name (use e.g. Asia/Shanghai or Europe/Paris)."
        ) from None
    if name not in _zones():
        raise ValidationError(
            field, f"“{value}” is not a time zone name (use e.g. Asia/Shanghai or Europe/Paris)."
        )
    return name


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones()) | {"UTC"}


def text_field(value: Any, field: str, *, required: bool = False, max_len: int = 2000) -> str:
    return validate.text(value, field, required=required, max_len=max_len)


def clean_trip(fields: dict[str, Any], current: dict | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in fields.items():
        if name == "title":
            out[name] = text_field(raw, name, required=True, max_len=200)
        elif name == "destinations":
            out[name] = validate.tags(raw, name)
        elif name in ("start_date", "end_date"):
            out[name] = validate.iso_date(raw, name) if raw else None
        elif name in ("purpose",):
            out[name] = validate.optional_text(raw, name, max_len=200)
        elif name == "budget":
            out[name] = money(raw, name)
        elif name == "currency":
            out[name] = currency(raw, name)
        elif name == "status":
            out[name] = validate.choice(TripStatus, raw, name)
        elif name == "notes":
            out[name] = text_field(raw, name, max_len=20000)
        elif name in ("advisor_id", "client_id", "current_version_id"):
            out[name] = validate.optional_text(raw, name, max_len=64)
        else:
            raise ValidationError(name, f"A trip has no editable field “{name}”.")
    merged = {**(current or {}), **out}
    if (
        merged.get("start_date")
        and merged.get("end_date")
        and merged["end_date"] < merged["start_date"]
    ):
        raise ValidationError(
            "end_date",
            f"The trip ends ({merged['end_date']}) before it starts ({merged['start_date']}).",
        )
    return out


def clean_item(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in fields.items():
        if name == "title":
            out[name] = text_field(raw, name, required=True, max_len=500)
        elif name == "kind":
            out[name] = validate.choice(ItemKind, raw, name, noun="a kind of item")
        elif name in ("start_time", "end_time"):
            out[name] = clock(raw, name)
        elif name in ("time_zone", "end_time_zone"):
            out[name] = zone(raw, name)
        elif name in ("place",):
            out[name] = text_field(raw, name, max_len=500)
        elif name == "confirmation":
            out[name] = validate.optional_text(raw, name, max_len=100)
        elif name in ("cost", "price"):
            out[name] = money(raw, name)
        elif name == "currency":
            out[name] = currency(raw, name) if raw else None
        elif name == "notes":
            out[name] = text_field(raw, name, max_len=20000)
        elif name == "tags":
            out[name] = validate.tags(raw, name)
        elif name == "change_reason":
            out[name] = validate.optional_text(raw, name, max_len=500)
        elif name == "supplier_id":
            out[name] = validate.optional_text(raw, name, max_len=64)
        elif name == "position":
            out[name] = int(raw or 0)
        else:
            raise ValidationError(name, f"An itinerary item has no editable field “{name}”.")
    return out
