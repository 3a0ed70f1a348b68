"""What the agenda's desk shows beside a reminder: the client's ways of being reached and last
contact, which clients are the advisor's own, and when a client's next trip ends (the "after
the trip" snooze). Reads only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from studio.store import Studio


@dataclass(frozen=True)
class ContactCard:
    """A client's phone numbers, emails and WeChat ids (preferred first) and last contact."""

    client_id: str
    name: str
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    wechat: list[str] = field(default_factory=list)
    last_contact: tuple[str, str, str] | None = None  # (YYYY-MM-DD, kind, summary)
    advisor_name: str | None = None


def contact_card(studio: Studio, client_id: str) -> ContactCard | None:
    """The client's card, or None when there is no such (live) client."""
    with studio.read() as conn:
        row = conn.exec_driver_sql(
            "SELECT c.name, a.name FROM client c LEFT JOIN advisor a ON a.id = c.advisor_id "
            "WHERE c.id = ? AND c.deleted_at IS NULL",
            (client_id,),
        ).first()
        if row is None:
            return None
        by_kind: dict[str, list[str]] = {"phone": [], "email": [], "wechat": []}
        for kind, value in conn.exec_driver_sql(
            "SELECT kind, value FROM contact_point WHERE client_id = ? AND deleted_at IS NULL "
            "AND kind IN ('phone', 'email', 'wechat') ORDER BY preferred DESC, value",
            (client_id,),
        ):
            if value not in by_kind[kind]:
                by_kind[kind].append(value)
        last = conn.exec_driver_sql(
            "SELECT occurred_at, kind, summary FROM interaction WHERE client_id = ? "
            "AND deleted_at IS NULL ORDER BY occurred_at DESC LIMIT 1",
            (client_id,),
        ).first()
    return ContactCard(
        client_id,
        row[0],
        by_kind["phone"],
        by_kind["email"],
        by_kind["wechat"],
        (str(last[0])[:10], str(last[1]), str(last[2])) if last else None,
        row[1],
    )


def clients_of(studio: Studio, advisor_id: str | None) -> set[str]:
    """The ids of the live clients whose advisor is ``advisor_id`` (none for no advisor)."""
    if not advisor_id:
        return set()
    with studio.read() as conn:
        return {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT id FROM client WHERE advisor_id = ? AND deleted_at IS NULL", (advisor_id,)
            )
        }


def after_next_trip(studio: Studio, client_id: str, today: date) -> date | None:
    """The day after the client's next (or current) trip ends, when one has an end day after
    ``today``; None otherwise."""
    with studio.read() as conn:
        row = conn.exec_driver_sql(
            "SELECT min(coalesce(end_date, start_date)) FROM trip WHERE client_id = ? "
            "AND deleted_at IS NULL AND status NOT IN ('cancelled', 'lost') "
            "AND coalesce(end_date, start_date) >= ?",
            (client_id, today.isoformat()),
        ).first()
    if row is None or not row[0]:
        return None
    return date.fromisoformat(str(row[0])[:10]) + timedelta(days=1)
