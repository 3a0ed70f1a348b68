"""Dates the studio reasons about: yearly dates (Gregorian or Chinese lunar, with or without a
year), the studio's 29 February rule, ordinals, ages, months ahead and the dates of a trip's days.

This is the one answer to "when does this yearly date fall next" and "which occurrences fall in
this range": the client list, the dossier, the agenda, the calendar file and the trips' anniversaries
all ask here. :mod:`studio.domain.lunar` stays the lunar conversion primitive underneath.

A yearly date is stored as (month, day, year or None, calendar). Its *occurrence year* is counted in
its own calendar: a lunar birthday's 2026 occurrence is lunar year 2026 (which may fall in January
2027), so "turns 60" is the lunar year minus the lunar year of birth.

29 February: in common years the studio observes it on 28 February (``"feb28"``, the default) or
on 1 March (``"mar1"``). :func:`reference_day` names an occurrence whatever the rule (what was done
about it must not depend on which day the rule shows it).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from studio.domain import i18n, lunar

GREGORIAN, LUNAR = "gregorian", "lunar"
#: Where 29 February is observed in common years: the studio's choice.
FEB29_RULES: tuple[str, ...] = ("feb28", "mar1")
DEFAULT_FEB29 = "feb28"


# -- words ------------------------------------------------------------------------------------
def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``21st``, ``41st``, ``112th``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_day(d: date, *, year: bool = True) -> str:
    """``3 March 2027`` (``3 March`` without the year); in Chinese ``2027年3月3日``."""
    if i18n.current_language() != i18n.SOURCE_LANGUAGE:
        from studio.domain import formatting  # babel, only for a language other than English

        return formatting.format_date(d) if year else formatting.day_month(d, weekday=False)
    text = f"{d.day} {calendar.month_name[d.month]}"
    return f"{text} {d.year}" if year else text


# -- counting ---------------------------------------------------------------------------------
def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months; the 31st becomes the month's last day where it has fewer."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def age_on(born: date, today: date) -> int:
    """Completed years from ``born`` to ``today`` (a 29 February birthday counts from 1 March)."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def years_since(year: int | None, occurrence_year: int) -> int | None:
    """How many years an occurrence is after the date's own year (None without a year)."""
    return None if year is None else occurrence_year - year


# -- yearly dates -----------------------------------------------------------------------------
def observed(year: int, month: int, day: int, feb29: str = DEFAULT_FEB29) -> date:
    """The day a yearly Gregorian date is observed in ``year``; 29 February in common years goes
    to 28 February or 1 March as the studio chose."""
    if (month, day) == (2, 29) and not calendar.isleap(year):
        return date(year, 3, 1) if feb29 == "mar1" else date(year, 2, 28)
    return date(year, month, day)


def occurrence_in(
    year: int, month: int, day: int, cal: str = GREGORIAN, feb29: str = DEFAULT_FEB29
) -> date | None:
    """The Gregorian day of a yearly date's occurrence in ``year`` of its own calendar (None for a
    lunar year the conversion does not cover)."""
    if cal == LUNAR:
        if not lunar.FIRST_YEAR <= year <= lunar.LAST_YEAR:
            return None
        return lunar.to_gregorian(year, month, day)
    return observed(year, month, day, feb29)


def yearly_occurrences(
    month: int,
    day: int,
    cal: str,
    start: date,
    end: date,
    feb29: str = DEFAULT_FEB29,
) -> list[tuple[int, date]]:
    """(occurrence year in the date's own calendar, Gregorian day) for days in ``[start, end]``,
    in order."""
    # A lunar year starts in late January or February, so lunar year Y covers parts of Y and Y+1.
    first = start.year - 1 if cal == LUNAR else start.year
    out: list[tuple[int, date]] = []
    for y in range(first, end.year + 1):
        d = occurrence_in(y, month, day, cal, feb29)
        if d is not None and start <= d <= end:
            out.append((y, d))
    return out


def next_occurrence(
    month: int,
    day: int,
    today: date,
    cal: str = GREGORIAN,
    feb29: str = DEFAULT_FEB29,
) -> tuple[int, date]:
    """(occurrence year in the date's own calendar, Gregorian day) of the next time, today or
    later, a yearly date falls."""
    found = yearly_occurrences(month, day, cal, today, today + timedelta(days=800), feb29)
    if not found:
        raise ValueError(f"no occurrence of {month}/{day} ({cal}) after {today.isoformat()}")
    return found[0]


def reference_day(month: int, day: int, cal: str, on: date) -> date:
    """The day that names an occurrence observed on ``on`` whatever the 29 February rule: the day
    it falls on under the default rule (so 1 March 2027 of a 29 February date is 28 February 2027).
    Every other date, and every lunar date, is its own reference."""
    if _is_feb29(month, day, cal) and not calendar.isleap(on.year):
        if on in (date(on.year, 2, 28), date(on.year, 3, 1)):
            return date(on.year, 2, 28)
    return on


def observed_days(month: int, day: int, cal: str, on: date) -> tuple[date, ...]:
    """Every day one occurrence can be observed on under any 29 February rule, its reference day
    first (what was done about it may have been recorded while another rule was in force)."""
    ref = reference_day(month, day, cal, on)
    if ref != on or (ref.month, ref.day) == (2, 28) and _is_feb29(month, day, cal):
        if not calendar.isleap(ref.year):
            return (ref, date(ref.year, 3, 1))
    return (on,)


def _is_feb29(month: int, day: int, cal: str) -> bool:
    return cal != LUNAR and (month, day) == (2, 29)


def gregorian_months(start: date, end: date) -> list[int]:
    """The stored months of Gregorian yearly dates that can fall in ``[start, end]``: the months
    the range touches, and February whenever it touches March (29 February observed on 1 March)."""
    if (end - start).days >= 366:
        return list(range(1, 13))
    months: set[int] = set()
    d = date(start.year, start.month, 1)
    while d <= end and len(months) < 12:
        months.add(d.month)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    if 3 in months:
        months.add(2)
    return sorted(months)


# -- a trip's days ----------------------------------------------------------------------------
def trip_day(start: date, number: int) -> date:
    """The date of day ``number`` (1 for the first day) of a trip starting on ``start``."""
    return start + timedelta(days=number - 1)


def trip_dates(start: date, end: date) -> list[date]:
    """Every date from ``start`` to ``end``, both included (empty when ``end`` is before it)."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]
