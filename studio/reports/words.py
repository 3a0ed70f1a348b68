"""The words and dates the PDFs print, in each language they print: English and Simplified Chinese.

One place for every document: each one's own words live in ``resources/i18n/<document>.json``
(:func:`words`; English fills any key a translation lacks), and every date is written by the
functions below from ``resources/i18n/dates.json``, so a date reads the same on the handout, the
intake form and the memory book:

==================  ==============================  ===========================
function            English                         Chinese
==================  ==============================  ===========================
:func:`long_date`   Saturday 14 March 2026          2026年3月14日 星期六
:func:`plain_date`  14 March 2026                   2026年3月14日
:func:`short_date`  Sat 14 Mar                      3月14日 周六
:func:`date_span`   10 – 12 May 2027                2027年5月10日至12日
:func:`month_span`  March – April 2026              2026年3月至4月
==================  ==============================  ===========================

Dates are ISO text (``YYYY-MM-DD``) or :class:`datetime.date`; text that is not a date is printed
as it is, and an empty date prints as "". Imports nothing of the studio but its resources.
"""

from __future__ import annotations

import functools
import json
from datetime import date
from typing import Any

from studio import paths

#: The languages the PDFs print.
LANGS = ("en", "zh")

#: The documents with words of their own (``resources/i18n/<name>.json``).
DOCUMENTS = ("handout", "intake_form")

DateLike = date | str | None


@functools.cache
def _catalog(name: str) -> dict[str, Any]:
    path = paths.resources_dir() / "i18n" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def words(document: str, lang: str = "en") -> dict[str, Any]:
    """The words of ``document`` ("handout", "intake_form") in ``lang``; English fills any key a
    translation lacks."""
    data = _catalog(document)
    return {**data["en"], **data.get(lang, {})}


def handout_words(lang: str = "en") -> dict[str, Any]:
    """The itinerary handout's own words in ``lang``."""
    return words("handout", lang)


def intake_words(lang: str = "en") -> dict[str, Any]:
    """The intake questionnaire's own words in ``lang``."""
    return words("intake_form", lang)


@functools.cache
def date_words(lang: str = "en") -> dict[str, Any]:
    """Month and weekday names and the date patterns of ``lang`` (``resources/i18n/dates.json``)."""
    data = _catalog("dates")
    return {**data["en"], **data.get(lang, {})}


def _as_date(value: DateLike) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _fields(d: date, w: dict[str, Any], suffix: str = "") -> dict[str, object]:
    return {
        f"y{suffix}": d.year,
        f"m{suffix}": d.month,
        f"d{suffix}": d.day,
        f"month{suffix}": w["months"][d.month - 1],
        f"mon{suffix}": w["months_short"][d.month - 1],
        f"weekday{suffix}": w["weekdays"][d.weekday()],
        f"wd{suffix}": w["weekdays_short"][d.weekday()],
    }


def _format(pattern: str, value: DateLike, lang: str) -> str:
    try:
        d = _as_date(value)
    except ValueError:
        return str(value)
    if d is None:
        return ""
    w = date_words(lang)
    return w[pattern].format(**_fields(d, w))


def long_date(value: DateLike, lang: str = "en") -> str:
    """“Saturday 14 March 2026” or “2026年3月14日 星期六”."""
    return _format("long_date", value, lang)


def plain_date(value: DateLike, lang: str = "en") -> str:
    """“2 December 2026” or “2026年12月2日” (no weekday)."""
    return _format("plain_date", value, lang)


def short_date(value: DateLike, lang: str = "en") -> str:
    """“Sat 14 Mar” or “3月14日 周六”."""
    return _format("short_date", value, lang)


def date_span(start: DateLike, end: DateLike, lang: str = "en", *, weekday: bool = False) -> str:
    """A stretch of days: “10 – 12 May 2027”, “30 May – 2 June 2026”, “2027年5月10日至12日”.

    One day (no end, or the end is the start) is written as :func:`plain_date`, or as
    :func:`long_date` with ``weekday``; no start gives "".
    """
    try:
        a, b = _as_date(start), _as_date(end)
    except ValueError:
        return " – ".join(str(x) for x in (start, end) if x)
    if a is None:
        return ""
    if b is None or a == b:
        return long_date(a, lang) if weekday else plain_date(a, lang)
    w = date_words(lang)
    fields = {**_fields(a, w, "1"), **_fields(b, w, "2")}
    if (a.year, a.month) == (b.year, b.month):
        return w["span_same_month"].format(**fields)
    if a.year == b.year:
        return w["span_same_year"].format(**fields)
    return w["span"].format(**fields)


def month_span(start: DateLike, end: DateLike = None, lang: str = "en") -> str:
    """The months a stretch of days falls in: “March 2026”, “March – April 2026”,
    “December 2026 – January 2027”, “2026年3月至4月”; no start gives "" (text that is not a date
    is printed as it is, as :func:`date_span` does)."""
    try:
        a, b = _as_date(start), _as_date(end)
    except ValueError:
        return " – ".join(str(x) for x in (start, end) if x)
    if a is None:
        return ""
    b = b or a
    w = date_words(lang)
    if (a.year, a.month) == (b.year, b.month):
        return w["month_year"].format(**_fields(a, w))
    fields = {**_fields(a, w, "1"), **_fields(b, w, "2")}
    return w["month_span_same_year" if a.year == b.year else "month_span"].format(**fields)
