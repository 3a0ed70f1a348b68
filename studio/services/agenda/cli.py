"""``travel-studio agenda``: the agenda as text for a terminal, or as JSON for scripts."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from studio.domain import validate
from studio.domain.dates import format_day
from studio.services.agenda.build import Agenda, agenda
from studio.store import Studio


def agenda_document(result: Agenda) -> dict[str, Any]:
    """The agenda as the JSON document ``travel-studio agenda --json`` prints."""
    return {
        "today": result.today.isoformat(),
        "days": result.days,
        "sections": {
            key: [e.as_dict() for e in entries] for key, _title, entries in result.sections()
        },
    }


def agenda_text(result: Agenda) -> str:
    """The agenda as text for a terminal."""
    lines = [f"Agenda for {result.today.strftime('%A')} {format_day(result.today)}"]
    for key, title, entries in result.sections():
        if not entries and key not in ("overdue", "today"):
            continue
        lines += ["", f"{title} ({len(entries)})" if entries else f"{title}: nothing"]
        for e in entries:
            star = "★ " if e.milestone else ""
            why = "" if e.why.lower() == e.what.lower() else f": {e.why}"
            line = f"  {e.due.isoformat()}  {star}{e.who} — {e.what}{why}"
            extra = []
            if e.advisor_name:
                extra.append(f"advisor {e.advisor_name}")
            if e.last_gift:
                extra.append(f"last gift {e.last_gift[0]}: {e.last_gift[1]}")
            if e.snoozed_from:
                extra.append(f"snoozed from {e.snoozed_from.isoformat()}")
            lines.append(line + (f"  [{'; '.join(extra)}]" if extra else ""))
    return "\n".join(lines) + "\n"


def print_agenda(
    studio: Studio, *, days: int = 30, as_json: bool = False, today: str | None = None
) -> int:
    day = date.fromisoformat(validate.iso_date(today, "today")) if today else date.today()
    result = agenda(studio, day, days)
    if as_json:
        sys.stdout.write(json.dumps(agenda_document(result), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(agenda_text(result))
    return 0
