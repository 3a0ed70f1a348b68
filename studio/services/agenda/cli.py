"""``travel-studio agenda``: the agenda as text for a terminal, or as JSON for scripts."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from studio.domain import validate
from studio.domain.formatting import long_date
from studio.domain.i18n import tr
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
    lines = [tr("Agenda for {day}", day=long_date(result.today))]
    for key, title, entries in result.sections():
        if not entries and key not in ("overdue", "today"):
            continue
        lines += [
            "",
            f"{title} ({len(entries)})" if entries else tr("{title}: nothing", title=title),
        ]
        for e in entries:
            star = "★ " if e.milestone else ""
            why = "" if e.why.lower() == e.what.lower() else f": {e.why}"
            line = f"  {e.due.isoformat()}  {star}{e.who} — {e.what}{why}"
            extra = []
            if e.advisor_name:
                extra.append(tr("advisor {name}", name=e.advisor_name))
            if e.last_gift:
                extra.append(tr("last gift {day}: {what}", day=e.last_gift[0], what=e.last_gift[1]))
            if e.snoozed_from:
                extra.append(tr("snoozed from {day}", day=e.snoozed_from.isoformat()))
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
