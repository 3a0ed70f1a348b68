"""Acting on an occurrence: done (with what was sent), snoozed to a later day, dismissed, reopened.

What an advisor does about an occurrence is an :class:`~studio.domain.agenda_models.AgendaAction`
keyed by (source table, source row, the occurrence's reference day): next year's birthday is
another occurrence and comes back fresh, while the same year's stays done when the studio changes
its 29 February rule (the reference day does not move with the rule). Any day the occurrence can
be observed on is accepted and recorded under its reference day. Every write is validated and goes
through the studio's write path (journaled, undoable).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from studio.domain import dates, validate
from studio.domain.agenda_models import AgendaAction
from studio.domain.values import OccurrenceAction
from studio.errors import NotFoundError, ValidationError
from studio.services.agenda.build import AgendaEntry, source_for
from studio.services.agenda.rules import ID_NAMESPACE
from studio.store import Studio


def action_id(source_table: str, source_id: str, occurrence: date) -> str:
    """The id of the action on one occurrence (one row per occurrence, on every laptop)."""
    return str(
        uuid.uuid5(
            ID_NAMESPACE, f"agenda_action:{source_table}:{source_id}:{occurrence.isoformat()}"
        )
    )


def _occurrence_day(value: Any, field_name: str = "occurrence") -> date:
    return date.fromisoformat(validate.iso_date(value, field_name))


def _act(
    studio: Studio, source_table: str, source_id: str, occurrence: Any, **values: Any
) -> AgendaAction:
    source = source_for(source_table)
    if source is None:
        raise ValidationError("source_table", f"“{source_table}” is not a source of reminders.")
    day = _occurrence_day(occurrence)
    with studio.transaction() as tx:
        tx.flush()
        facts = source.describe(tx.conn, source_id)
        if facts is None:
            raise NotFoundError(
                f"The reminder's {source_table.replace('_', ' ')} {source_id} does not exist."
            )
        client_id = facts[0]
        recorded = source.recorded_days(tx.conn, source_id, day)
        day = recorded[0]  # the reference day: the same whichever day the rule shows it on
        for other in recorded[1:]:  # recorded earlier under another 29 February rule
            old_id = action_id(source_table, source_id, other)
            if tx.get(AgendaAction, old_id) is not None:
                tx.delete(AgendaAction, old_id)
        row_id = action_id(source_table, source_id, day)
        data = {
            "action": values["action"],
            "snooze_until": values.get("snooze_until"),
            "sent": values.get("sent", ""),
            "interaction_id": values.get("interaction_id"),
            "advisor_id": studio.advisor_id,
        }
        row = tx.get(AgendaAction, row_id, include_deleted=True)
        if row is None:
            return tx.create(
                AgendaAction,
                id=row_id,
                client_id=client_id,
                source_table=source_table,
                source_id=source_id,
                occurrence=day.isoformat(),
                **data,
            )
        if row.deleted_at:
            tx.restore(AgendaAction, row_id)
        tx.update(AgendaAction, row_id, **data)
        updated = tx.get(AgendaAction, row_id)
        assert updated is not None  # live a line ago, in this transaction
        return updated


#: How an advisor reached the client about a reminder (the Done form's first choice).
CHANNELS: dict[str, str] = {
    "call": "Call",
    "email": "Email",
    "wechat": "WeChat",
    "message": "Message",
    "visit": "Visit",
    "card": "Card",
    "gift": "Gift",
}


@dataclass(frozen=True)
class DoneNote:
    """What the Done form records: how, what was given, what it cost, a note."""

    channel: str = ""  # a key of CHANNELS, or empty
    gift: str = ""
    cost: Decimal | None = None
    currency: str = ""
    note: str = ""

    def summary(self) -> str:
        """One line: "WeChat · Flowers (300 CNY) · wished her well"."""
        parts = [CHANNELS[self.channel]] if self.channel else []
        if self.gift:
            cost = f" ({format_cost(self.cost, self.currency)})" if self.cost is not None else ""
            parts.append(self.gift + cost)
        elif self.cost is not None:
            parts.append(format_cost(self.cost, self.currency))
        if self.note:
            parts.append(self.note)
        return " · ".join(parts)

    def body(self) -> str:
        """The timeline entry's detail, one fact a line."""
        lines = []
        if self.channel:
            lines.append(f"Channel: {CHANNELS[self.channel]}")
        if self.gift:
            lines.append(f"Gift: {self.gift}")
        if self.cost is not None:
            lines.append(f"Cost: {format_cost(self.cost, self.currency)}")
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)


def format_cost(cost: Decimal | None, currency: str = "") -> str:
    """ "300 CNY", "12.50 EUR"; empty for no cost."""
    if cost is None:
        return ""
    text = f"{cost:.2f}".removesuffix(".00")
    return f"{text} {currency}".strip()


def done_note(
    channel: str = "", gift: str = "", cost: Any = None, currency: str = "", note: str = ""
) -> DoneNote:
    """A validated :class:`DoneNote` (one clear sentence for a bad channel, cost or currency)."""
    channel = (channel or "").strip().lower()
    if channel and channel not in CHANNELS:
        raise ValidationError(
            "channel", f"“{channel}” is not a way of reaching a client ({', '.join(CHANNELS)})."
        )
    amount: Decimal | None = None
    if cost not in (None, ""):
        try:
            amount = Decimal(str(cost).replace(",", "").strip())
        except InvalidOperation:
            raise ValidationError(
                "cost", f"“{cost}” is not an amount; write it as 300 or 12.50."
            ) from None
        if not amount.is_finite() or amount < 0 or amount > Decimal("10000000"):
            raise ValidationError("cost", "A cost is an amount from 0 to 10,000,000.")
        amount = amount.quantize(Decimal("0.01"))
    currency = (currency or "").strip().upper()
    if currency and not (len(currency) == 3 and currency.isalpha()):
        raise ValidationError("currency", f"“{currency}” is not a currency code such as CNY.")
    return DoneNote(
        channel,
        validate.text(gift, "gift", max_len=200),
        amount,
        currency if amount is not None else "",
        validate.text(note, "note", max_len=400),
    )


def complete(
    studio: Studio,
    source_table: str,
    source_id: str,
    occurrence: Any,
    sent: str = "",
    *,
    on: Any = None,
    note: DoneNote | None = None,
) -> AgendaAction:
    """Mark an occurrence done. What was sent (flowers, a card, a call) goes on the client's
    timeline as a gift/greeting interaction, so "last gift" and the dossier show it. ``note``
    (from :func:`done_note`) records how the client was reached, the gift and its cost; its
    summary becomes ``sent`` when ``sent`` is empty."""
    from studio.services import clients

    sent = validate.text(sent, "sent", max_len=500)
    if note is not None and not sent:
        sent = note.summary()[:500]
    with studio.transaction() as tx:
        source = source_for(source_table)
        facts = source.describe(tx.conn, source_id) if source else None
        interaction_id = None
        if sent and facts is not None:
            client_id, person_id, title = facts
            interaction = clients.log_interaction(
                studio,
                client_id,
                "gift",
                f"{sent} — {title}",
                occurred_at=on or date.today(),
                person_id=person_id,
                body=note.body() if note is not None else "",
            )
            interaction_id = interaction.id
        return _act(
            studio,
            source_table,
            source_id,
            occurrence,
            action="done",
            sent=sent,
            interaction_id=interaction_id,
        )


def snooze(
    studio: Studio,
    source_table: str,
    source_id: str,
    occurrence: Any,
    until: Any,
    *,
    today: date | None = None,
) -> AgendaAction:
    """Hide an occurrence until ``until`` (a later day); it then shows as due that day."""
    day = _occurrence_day(validate.iso_date(until, "snooze_until"), "snooze_until")
    today = today or date.today()
    if day <= today:
        raise ValidationError(
            "snooze_until",
            f"Snooze to a day after today ({dates.format_day(today)}), not {dates.format_day(day)}.",
        )
    return _act(
        studio, source_table, source_id, occurrence, action="snoozed", snooze_until=day.isoformat()
    )


def dismiss(studio: Studio, source_table: str, source_id: str, occurrence: Any) -> AgendaAction:
    """Nothing to do this time; next year's occurrence comes back as usual."""
    return _act(studio, source_table, source_id, occurrence, action="dismissed")


def reopen(studio: Studio, source_table: str, source_id: str, occurrence: Any) -> bool:
    """Forget what was done about an occurrence (the gift on the timeline stays)."""
    day = _occurrence_day(occurrence)
    source = source_for(source_table)
    with studio.transaction() as tx:
        tx.flush()
        recorded = source.recorded_days(tx.conn, source_id, day) if source else (day,)
        found = False
        for d in dict.fromkeys((*recorded, day)):
            row_id = action_id(source_table, source_id, d)
            if tx.get(AgendaAction, row_id) is not None:
                found = tx.delete(AgendaAction, row_id) or found
        return found


def act_on(studio: Studio, entry: AgendaEntry, action: str, **kwargs: Any) -> AgendaAction:
    """``complete``/``snooze``/``dismiss`` for an agenda entry (the UI's short-hand)."""
    action = validate.choice(OccurrenceAction, action, "action", noun="an agenda action")
    by_action: dict[str, Callable[..., AgendaAction]] = {
        "done": complete,
        "snoozed": snooze,
        "dismissed": dismiss,
    }
    fn = by_action[action]
    occ = entry.occurrence
    return fn(studio, occ.source_table, occ.source_id, occ.on, **kwargs)


@dataclass(frozen=True)
class DoneTemplate:
    """A ready answer for the Done form (resources/agenda/done_templates.json)."""

    label: str
    channel: str
    gift: str
    note: str


def done_templates(kind: str) -> list[DoneTemplate]:
    """The templates offered for a reminder of ``kind`` (its own first, then the general ones)."""
    import json

    from resources import ROOT

    data = json.loads((ROOT / "agenda" / "done_templates.json").read_text(encoding="utf-8"))
    own, general = [], []
    for t in data["templates"]:
        template = DoneTemplate(t["label"], t["channel"], t["gift"], t["note"])
        if kind in t["kinds"]:
            own.append(template)
        elif "*" in t["kinds"]:
            general.append(template)
    return own + general
