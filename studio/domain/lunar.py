"""The Chinese lunar calendar, as far as reminders need it: checking dates, finding their Gregorian day.

The conversion primitive under :mod:`studio.domain.dates`, which answers when a yearly lunar date
falls next or in a range: ask there, not here.

Backed by ``lunar-python`` (imported lazily; start-up does not pay for it). Months are the twelve
regular months: a birthday remembered as "8th month, 15th day" is kept in the regular 8th month,
which is how people who were born in a leap month usually celebrate too.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

#: Lunar years the library converts reliably; a remembered lunar year must fall in this range.
FIRST_YEAR, LAST_YEAR = 1880, 2200


def check(month: int, day: int, year: int | None = None) -> None:
    """Raise ``ValueError`` saying why a lunar date does not exist (months have 29 or 30 days)."""
    if not 1 <= month <= 12:
        raise ValueError(f"lunar month {month} does not exist (months are 1 to 12)")
    if not 1 <= day <= 30:
        raise ValueError(f"lunar month {month} has no day {day} (lunar months have 29 or 30 days)")
    if year is None:
        return
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"lunar year {year} is out of range ({FIRST_YEAR} to {LAST_YEAR})")
    length = _month(year, month)[1]
    if day > length:
        raise ValueError(
            f"lunar month {month} of {year} has only {length} days, so day {day} does not exist"
        )


@lru_cache(maxsize=4096)
def _month(year: int, month: int) -> tuple[date, int]:
    """(Gregorian date of the 1st, number of days) of a regular lunar month."""
    from lunar_python import Lunar, LunarMonth

    first = Lunar.fromYmd(year, month, 1).getSolar()
    return date(first.getYear(), first.getMonth(), first.getDay()), LunarMonth.fromYm(
        year, month
    ).getDayCount()


def to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian day of a lunar day; day 30 of a 29-day month is kept on its last day (29th)."""
    first, length = _month(year, month)
    return first + timedelta(days=min(day, length) - 1)


def from_gregorian(d: date) -> tuple[int, int, int]:
    """(lunar year, month, day) of a Gregorian day; a leap month is reported as its regular number."""
    from lunar_python import Solar

    lunar = Solar.fromYmd(d.year, d.month, d.day).getLunar()
    return lunar.getYear(), abs(lunar.getMonth()), lunar.getDay()
