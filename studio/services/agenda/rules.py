"""The agenda's rules and settings: lead days, on/off switches, trip-task offsets, the studio-wide
options (the 29 February rule, how long a missed date stays overdue, when a client is dormant).

Settings are rows of ``agenda_setting`` whose id is derived from the key, so two laptops that change
the same setting change the same row; every write goes through the studio's write path.

*Dormant* is defined here once, from the ``winback_months`` option: a client with no trip booked or
completed (or, without trips, no contact) for that many months is dormant, and that same day the
agenda's win-back task falls due (:func:`dormant_on`, used by the win-back source and by the
profiles' lifecycle segment).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from studio.domain.agenda_models import AgendaSetting
from studio.domain.dates import DEFAULT_FEB29, FEB29_RULES, add_months
from studio.errors import ValidationError
from studio.store import Studio, Transaction

#: Kinds of reminder and how many days ahead each appears, unless the studio changes it.
DEFAULT_LEAD_DAYS: dict[str, int] = {
    "birthday": 14,
    "wedding": 21,
    "custom": 14,
    "passport": 180,
    "document": 90,  # visas, identity cards and other documents
    "winback": 0,
    # From trips (studio.services.agenda.trip_sources): tasks show on their day.
    "trip_anniversary": 14,
    "pre_departure": 0,
    "welcome_home": 0,
    "feedback": 0,
    # From loyalty (studio.services.loyalty.reminders): care calls, referral rewards, tiers, events.
    "survey_care": 0,
    "referral_reward": 0,
    "tier_near": 0,
    "event_followup": 0,
}
#: Trip tasks: how many days before a trip starts (pre-departure) or after it ends they fall.
DEFAULT_OFFSET_DAYS: dict[str, int] = {"pre_departure": 7, "welcome_home": 2, "feedback": 14}
KIND_LABELS: dict[str, str] = {
    "birthday": "Birthday",
    "wedding": "Wedding anniversary",
    "custom": "Date",
    "passport": "Passport expiry",
    "document": "Document expiry",
    "winback": "Win-back",
    "trip_anniversary": "Trip anniversary",
    "pre_departure": "Pre-departure check",
    "welcome_home": "Welcome-home call",
    "feedback": "Feedback request",
    "survey_care": "Care call after a survey",
    "referral_reward": "Referral reward",
    "tier_near": "One trip from the next tier",
    "event_followup": "Event follow-up",
}
FEB29_CHOICES = FEB29_RULES
#: Studio-wide options and their defaults.
DEFAULT_OPTIONS: dict[str, Any] = {
    "feb29": DEFAULT_FEB29,  # where 29 February is observed in common years
    "overdue_days": 30,  # how long a missed birthday or anniversary stays under Overdue
    "winback_months": 18,  # months without contact before a win-back task
}
MAX_LEAD_DAYS = 366
WINBACK_STAGES = ("active", "repeat", "dormant")

#: The namespace of the agenda's derived ids (settings here, actions in ``actions``).
ID_NAMESPACE = uuid.UUID("5b0c7a36-6f0e-4a8e-9d61-3f4f6f5e2a10")


def setting_id(key: str) -> str:
    """The id of a setting's row: derived from its key, so every laptop edits the same row."""
    return str(uuid.uuid5(ID_NAMESPACE, f"agenda_setting:{key}"))


@dataclass(frozen=True)
class Rules:
    """The studio's agenda rules: defaults overlaid with what the studio changed."""

    lead_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_LEAD_DAYS))
    enabled: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(DEFAULT_LEAD_DAYS, True))
    feb29: str = DEFAULT_OPTIONS["feb29"]
    overdue_days: int = DEFAULT_OPTIONS["overdue_days"]
    winback_months: int = DEFAULT_OPTIONS["winback_months"]
    offset_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_OFFSET_DAYS))

    def lead(self, kind: str) -> int:
        return self.lead_days.get(kind, DEFAULT_LEAD_DAYS.get(kind, 14))

    def offset(self, kind: str) -> int:
        """Days before a trip's start (pre-departure) or after its end a trip task falls."""
        return self.offset_days.get(kind, DEFAULT_OFFSET_DAYS.get(kind, 0))

    def on(self, kind: str) -> bool:
        return self.enabled.get(kind, True)


def load_rules(studio: Studio) -> Rules:
    """The studio's rules as stored now."""
    with studio.read() as conn:
        stored = {
            k: json.loads(v)
            for k, v in conn.exec_driver_sql(
                "SELECT key, value FROM agenda_setting WHERE deleted_at IS NULL"
            )
        }
    return _rules_from(stored)


def _rules_from(stored: dict[str, Any]) -> Rules:
    lead = dict(DEFAULT_LEAD_DAYS)
    enabled = dict.fromkeys(DEFAULT_LEAD_DAYS, True)
    options = dict(DEFAULT_OPTIONS)
    offsets = dict(DEFAULT_OFFSET_DAYS)
    for key, value in stored.items():
        prefix, _, kind = key.partition(".")
        if prefix == "lead_days" and kind:
            lead[kind] = int(value)
        elif prefix == "offset_days" and kind:
            offsets[kind] = int(value)
        elif prefix == "enabled" and kind:
            enabled[kind] = bool(value)
        elif key in options:
            options[key] = value
    return Rules(lead_days=lead, enabled=enabled, offset_days=offsets, **options)


def _lead_days(value: Any) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            "lead_days", f"Lead days must be a whole number, not “{value}”."
        ) from None
    if n < 0:
        raise ValidationError(
            "lead_days",
            f"Lead days cannot be negative ({n}): they say how many days ahead a reminder appears.",
        )
    if n > MAX_LEAD_DAYS:
        raise ValidationError(
            "lead_days", f"Lead days can be at most {MAX_LEAD_DAYS} (one year), not {n}."
        )
    return n


def set_rule(
    studio: Studio,
    kind: str,
    *,
    lead_days: Any = None,
    enabled: bool | None = None,
    offset_days: Any = None,
) -> None:
    """Change how many days ahead a kind of reminder appears, and whether it appears at all; for
    trip tasks also ``offset_days``, how many days before the start or after the end they fall."""
    if kind not in DEFAULT_LEAD_DAYS:
        raise ValidationError(
            "kind", f"“{kind}” is not a kind of reminder (one of: {', '.join(DEFAULT_LEAD_DAYS)})."
        )
    values: dict[str, Any] = {}
    if offset_days is not None:
        if kind not in DEFAULT_OFFSET_DAYS:
            raise ValidationError(
                "offset_days",
                f"Only trip tasks have offset days ({', '.join(DEFAULT_OFFSET_DAYS)}), not “{kind}”.",
            )
        values[f"offset_days.{kind}"] = _offset_days(offset_days)
    if lead_days is not None:
        values[f"lead_days.{kind}"] = _lead_days(lead_days)
    if enabled is not None:
        values[f"enabled.{kind}"] = bool(enabled)
    with studio.transaction() as tx:
        for key, value in values.items():
            _put_setting(tx, key, value)


def set_option(studio: Studio, key: str, value: Any) -> None:
    """Change a studio-wide option: ``feb29`` ("feb28" or "mar1"), ``overdue_days``, ``winback_months``."""
    if key == "feb29":
        if value not in FEB29_CHOICES:
            raise ValidationError(
                key, f"29 February is observed on “feb28” or “mar1” in common years, not “{value}”."
            )
    elif key in ("overdue_days", "winback_months"):
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise ValidationError(
                key, f"{key.replace('_', ' ').capitalize()} must be a whole number."
            ) from None
        if not 1 <= value <= 1200:
            raise ValidationError(
                key, f"{key.replace('_', ' ').capitalize()} must be from 1 to 1200, not {value}."
            )
    else:
        raise ValidationError(
            key, f"“{key}” is not an agenda option (one of: {', '.join(DEFAULT_OPTIONS)})."
        )
    with studio.transaction() as tx:
        _put_setting(tx, key, value)


def _put_setting(tx: Transaction, key: str, value: Any) -> None:
    row_id = setting_id(key)
    encoded = json.dumps(value)
    row = tx.get(AgendaSetting, row_id, include_deleted=True)
    if row is None:
        tx.create(AgendaSetting, id=row_id, key=key, value=encoded)
        return
    if row.deleted_at:
        tx.restore(AgendaSetting, row_id)
    tx.update(AgendaSetting, row_id, value=encoded)


def _offset_days(value: Any) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            "offset_days", f"Offset days must be a whole number, not “{value}”."
        ) from None
    if not 0 <= n <= MAX_LEAD_DAYS:
        raise ValidationError(
            "offset_days", f"Offset days must be from 0 to {MAX_LEAD_DAYS}, not {n}."
        )
    return n


# -- dormant ----------------------------------------------------------------------------------
#: Stages that are dormant whatever the dates say.
DORMANT_STAGES = ("dormant", "lost")


def dormant_on(last_activity: date, months: int = DEFAULT_OPTIONS["winback_months"]) -> date:
    """The day a client whose last trip (or contact) was ``last_activity`` turns dormant; the
    win-back task falls due that day."""
    return add_months(last_activity, months)


def is_dormant(
    stage: str,
    last_activity: date | None,
    today: date,
    months: int = DEFAULT_OPTIONS["winback_months"],
) -> bool:
    """The stage says so, or ``months`` (the studio's ``winback_months``) have passed since the
    last trip booked or completed (without trips, the last contact)."""
    if stage in DORMANT_STAGES:
        return True
    return last_activity is not None and dormant_on(last_activity, months) <= today
