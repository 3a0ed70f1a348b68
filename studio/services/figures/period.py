"""Periods ``[FROM, TO)`` the figures are computed for, and the periods before them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from studio.domain import formatting, i18n
from studio.domain.dates import add_months
from studio.errors import StudioError

#: Kinds of period the Studio area offers; "custom" is any [FROM, TO).
KINDS = ("month", "last_month", "quarter", "year", "custom")


@dataclass(frozen=True)
class Period:
    """Days from ``start`` (included) to ``end`` (excluded)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise StudioError(
                f"The period's start ({self.start.isoformat()}) must come before its end "
                f"({self.end.isoformat()})."
            )

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def is_months(self) -> int:
        """How many whole calendar months the period is (0 when it is not whole months)."""
        if self.start.day != 1 or self.end.day != 1:
            return 0
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month

    def previous(self) -> Period:
        """The period of the same length just before this one (whole months stay whole)."""
        months = self.is_months()
        if months:
            return Period(add_months(self.start, -months), self.start)
        return Period(self.start - timedelta(days=self.days), self.start)

    def trailing(self, count: int = 12) -> list[Period]:
        """This period and the ``count - 1`` before it, oldest first."""
        out = [self]
        while len(out) < count:
            out.append(out[-1].previous())
        return out[::-1]

    def label(self, lang: str | None = None) -> str:
        """ "November 2026" (in Chinese "2026年11月"), or the first and last day."""
        months = self.is_months()
        if months == 1:
            if i18n.normalize(lang or i18n.current_language()) != i18n.SOURCE_LANGUAGE:
                return formatting.month_year(self.start, lang)  # "2026年11月"
            return self.start.strftime("%B %Y")
        last = self.end - timedelta(days=1)
        return f"{self.start.isoformat()} – {last.isoformat()}"

    def to_json(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


def _month_start(d: date) -> date:
    return d.replace(day=1)


def preset(kind: str, today: date | None = None) -> Period:
    """A period the Studio area offers: this month, last month, this quarter or this year (each
    up to its end, so the figures grow while it runs)."""
    today = today or date.today()
    first = _month_start(today)
    if kind == "month":
        return Period(first, add_months(first, 1))
    if kind == "last_month":
        return Period(add_months(first, -1), first)
    if kind == "quarter":
        q = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return Period(q, add_months(q, 3))
    if kind == "year":
        return Period(date(today.year, 1, 1), date(today.year + 1, 1, 1))
    raise StudioError(f"“{kind}” is not a period; choose month, last_month, quarter or year.")


def parse_day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise StudioError(f"The {what} date “{text}” is not a day written YYYY-MM-DD.") from None


def from_args(start: str | None, end: str | None, today: date | None = None) -> Period:
    """The period of ``--from`` / ``--to``: by default the last full month; with only ``--from``
    a month from that day, with only ``--to`` the month before it."""
    if start is None and end is None:
        return preset("last_month", today)
    if start is not None and end is not None:
        a, b = parse_day(start, "from"), parse_day(end, "to")
    elif start is not None:
        a = parse_day(start, "from")
        b = add_months(a, 1)
    else:
        assert end is not None
        b = parse_day(end, "to")
        a = add_months(b, -1)
    if a > b:
        raise StudioError(
            f"The period starts on {a.isoformat()}, after it ends on {b.isoformat()}; "
            "give --from before --to."
        )
    return Period(a, b)
