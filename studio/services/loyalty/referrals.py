"""Referral rewards: the studio's rule, and the friends each client brought.

The rule (a gift or a credit, what it is, an optional amount and currency) is one agenda setting,
``referral_reward``, so every laptop edits the same row. When a referred client's *first* trip
reaches confirmed (or later), the agenda prompts the referrer's advisor to thank the referrer and
give the reward (:class:`studio.services.loyalty.reminders.ReferralSource`); marking it done logs
the reward on the referrer's timeline, as every agenda *Done* does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from studio.domain import validate
from studio.domain.i18n import tr
from studio.errors import ValidationError
from studio.services.loyalty.common import Connection
from studio.store import Studio

SETTING_KEY = "referral_reward"
KINDS = ("gift", "credit")
#: A trip in one of these has been confirmed.
CONFIRMED = ("confirmed", "travelling", "completed", "followed-up")


@dataclass(frozen=True)
class ReferralRule:
    kind: str = "gift"  # gift / credit
    what: str = ""  # "a bottle of Burgundy", "credit on the next trip"
    amount: str | None = None  # decimal text
    currency: str = ""
    enabled: bool = True

    def describe(self) -> str:
        """ "a gift: a tea set (300 CNY)", "a credit of 500 EUR on the next trip"."""
        money = f"{self.amount} {self.currency}".strip() if self.amount else ""
        if self.kind == "credit":
            text = tr("a credit of {money}", money=money) if money else tr("a credit")
            return f"{text}: {self.what}" if self.what else text
        text = tr("a gift: {what}", what=self.what) if self.what else tr("a gift")
        return f"{text} ({money})" if money else text

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "what": self.what,
            "amount": self.amount,
            "currency": self.currency,
            "enabled": self.enabled,
        }


def rule_from(value: Any) -> ReferralRule:
    if not isinstance(value, dict):
        return ReferralRule()
    return ReferralRule(
        kind=str(value.get("kind")) if value.get("kind") in KINDS else "gift",
        what=str(value.get("what") or ""),
        amount=value.get("amount"),
        currency=str(value.get("currency") or ""),
        enabled=bool(value.get("enabled", True)),
    )


def load_rule(studio: Studio) -> ReferralRule:
    from studio.services.agenda.rules import setting_id

    with studio.read() as conn:
        return read_rule(conn, setting_id(SETTING_KEY))


def read_rule(conn: Connection, row_id: str | None = None) -> ReferralRule:
    from studio.services.agenda.rules import setting_id

    raw = conn.exec_driver_sql(
        "SELECT value FROM agenda_setting WHERE id = ? AND deleted_at IS NULL",
        (row_id or setting_id(SETTING_KEY),),
    ).scalar()
    return rule_from(json.loads(raw)) if raw else ReferralRule()


def set_rule(
    studio: Studio,
    kind: str,
    what: str = "",
    amount: Any = None,
    currency: str = "",
    *,
    enabled: bool = True,
) -> ReferralRule:
    """Set the studio's referral reward (one sentence for a bad kind, amount or currency)."""
    from studio.services.agenda.rules import _put_setting

    kind = (kind or "").strip().lower()
    if kind not in KINDS:
        raise ValidationError(
            "kind", tr("A referral reward is a gift or a credit, not “{kind}”.", kind=kind)
        )
    what = validate.text(what, "what", max_len=200)
    money: str | None = None
    if amount not in (None, ""):
        try:
            dec = Decimal(str(amount).replace(",", "").strip())
        except InvalidOperation:
            raise ValidationError(
                "amount",
                tr("“{amount}” is not an amount; write it as 300 or 12.50.", amount=amount),
            ) from None
        if not dec.is_finite() or dec <= 0 or dec > Decimal("10000000"):
            raise ValidationError(
                "amount", tr("A reward's amount is more than 0 and at most 10,000,000.")
            )
        money = str(dec.quantize(Decimal("0.01")))
    currency = (currency or "").strip().upper()
    if money and not (len(currency) == 3 and currency.isalpha()):
        raise ValidationError(
            "currency", tr("A reward's amount needs its currency code, such as CNY or EUR.")
        )
    if kind == "credit" and not money:
        raise ValidationError("amount", tr("A credit needs its amount and currency."))
    if kind == "gift" and not what:
        raise ValidationError("what", tr("Say what the gift is."))
    rule = ReferralRule(kind, what, money, currency if money else "", bool(enabled))
    with studio.transaction() as tx:
        _put_setting(tx, SETTING_KEY, rule.to_json())
    return rule


@dataclass(frozen=True)
class Friend:
    """A client someone referred: their first confirmed trip (if any) and whether the reward for
    it was marked done on the agenda."""

    client_id: str
    name: str
    native_name: str | None
    stage: str
    first_trip: str | None  # the title of their first confirmed trip
    confirmed_on: date | None
    rewarded_on: date | None


def first_confirmations(
    conn: Connection, referred_ids: list[str] | None = None
) -> dict[str, tuple[str, str, date]]:
    """Per referred client (with a referrer): (trip id, title, the day their first trip was
    confirmed), read from the change journal (the first record setting a confirmed-or-later
    status), else from the trip's creation."""
    placeholders = ",".join("?" * len(CONFIRMED))
    where = "c.referred_by_id IS NOT NULL AND c.deleted_at IS NULL"
    params: list[Any] = list(CONFIRMED)
    if referred_ids is not None:
        where += " AND c.id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(referred_ids))
    trips = conn.exec_driver_sql(
        f"SELECT t.id, t.client_id, t.title, t.created_at FROM trip t "
        f"JOIN client c ON c.id = t.client_id "
        f"WHERE t.deleted_at IS NULL AND t.status IN ({placeholders}) AND {where}",
        tuple(params),
    ).fetchall()
    if not trips:
        return {}
    statuses = json.dumps([json.dumps(s) for s in CONFIRMED])
    confirmed: dict[str, str] = dict(
        conn.exec_driver_sql(
            "SELECT row_id, min(wall_time) FROM change WHERE table_name = 'trip' "
            "AND field = 'status' AND new IN (SELECT value FROM json_each(?)) "
            "AND row_id IN (SELECT value FROM json_each(?)) GROUP BY row_id",
            (statuses, json.dumps([t[0] for t in trips])),
        ).fetchall()
    )
    first: dict[str, tuple[str, str, str]] = {}
    for tid, cid, title, created in trips:
        when = confirmed.get(tid) or created
        if cid not in first or (when, tid) < (first[cid][2], first[cid][0]):
            first[cid] = (tid, title, when)
    return {
        cid: (tid, title, date.fromisoformat(when[:10]))
        for cid, (tid, title, when) in first.items()
    }


def friends_of(studio: Studio, referrer_id: str) -> list[Friend]:
    """The clients ``referrer_id`` brought, oldest first."""
    with studio.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, name, native_name, stage FROM client WHERE referred_by_id = ? "
            "AND deleted_at IS NULL AND id != ? ORDER BY created_at",
            (referrer_id, referrer_id),
        ).fetchall()
        firsts = first_confirmations(conn, [r[0] for r in rows])
        done = {
            sid: date.fromisoformat(day[:10])
            for sid, day in conn.exec_driver_sql(
                "SELECT source_id, updated_at FROM agenda_action WHERE source_table = 'referral' "
                "AND action = 'done' AND deleted_at IS NULL AND client_id = ?",
                (referrer_id,),
            )
        }
    out = []
    for cid, name, native, stage in rows:
        first = firsts.get(cid)
        out.append(
            Friend(
                cid,
                name,
                native,
                stage,
                first[1] if first else None,
                first[2] if first else None,
                done.get(cid),
            )
        )
    return out
