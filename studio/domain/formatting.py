"""The one formatter of dates, times, numbers and money on screen, per language, with babel.

Every screen writes a date through these functions, so one window never shows two formats and an
English screen never shows a month name of the system's locale ("十二月 20, 2015"): the language is
the app's (:func:`studio.domain.i18n.current_language`, or ``lang=``), never the process locale.

=====================  ============================  ===========================
function               English                       Chinese
=====================  ============================  ===========================
:func:`format_date`    2 Dec 2026                    2026年12月2日
:func:`long_date`      Wednesday 2 December 2026     2026年12月2日 星期三
:func:`day_month`      Wed 2 Dec                     12月2日 周三
:func:`date_range`     2–9 Dec 2026                  2026年12月2日–9日
:func:`format_datetime`  2 Dec 2026, 14:05           2026年12月2日 14:05
:func:`format_time`    14:05                         14:05
:func:`format_number`  12,345.5                      12,345.5
:func:`format_money`   €1,234.50                     €1,234.50 (the currency's own sign)
=====================  ============================  ===========================
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from babel import dates as babel_dates
from babel import numbers as babel_numbers

from studio.domain import i18n

DateLike = date | str | None


def _locale(lang: str | None) -> str:
    return i18n.LOCALES[i18n.normalize(lang) if lang else i18n.current_language()]


def _zh(lang: str | None) -> bool:
    return (i18n.normalize(lang) if lang else i18n.current_language()) == "zh"


def _as_date(value: DateLike) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def format_date(value: DateLike, lang: str | None = None) -> str:
    """A day with its year: "2 Dec 2026", "2026年12月2日"; "" for no date."""
    d = _as_date(value)
    if d is None:
        return ""
    pattern = "y年M月d日" if _zh(lang) else "d MMM y"
    return babel_dates.format_date(d, pattern, locale=_locale(lang))


def long_date(value: DateLike, lang: str | None = None) -> str:
    """A day with its weekday, in full: "Wednesday 2 December 2026", "2026年12月2日 星期三"."""
    d = _as_date(value)
    if d is None:
        return ""
    pattern = "y年M月d日 EEEE" if _zh(lang) else "EEEE d MMMM y"
    return babel_dates.format_date(d, pattern, locale=_locale(lang))


def day_month(value: DateLike, lang: str | None = None, weekday: bool = True) -> str:
    """A day of this year, short: "Wed 2 Dec", "12月2日 周三" (without the weekday: "2 Dec")."""
    d = _as_date(value)
    if d is None:
        return ""
    if _zh(lang):
        pattern = "M月d日 EEE" if weekday else "M月d日"
    else:
        pattern = "EEE d MMM" if weekday else "d MMM"
    return babel_dates.format_date(d, pattern, locale=_locale(lang))


def month_day(month: int, day: int, lang: str | None = None) -> str:
    """A yearly day without a year (a birthday whose year is unknown): "14 March", "3月14日"."""
    if _zh(lang):
        return f"{month}月{day}日"
    names = babel_dates.get_month_names("wide", locale=_locale(lang))
    return f"{day} {names[month]}"


def weekday(value: DateLike, lang: str | None = None) -> str:
    """The day's weekday in full: "Wednesday", "星期三"."""
    d = _as_date(value)
    return "" if d is None else babel_dates.format_date(d, "EEEE", locale=_locale(lang))


def month_year(value: DateLike, lang: str | None = None) -> str:
    """The day's month: "Dec 2026", "2026年12月"."""
    d = _as_date(value)
    if d is None:
        return ""
    pattern = "y年M月" if _zh(lang) else "MMM y"
    return babel_dates.format_date(d, pattern, locale=_locale(lang))


def date_range(start: DateLike, end: DateLike, lang: str | None = None) -> str:
    """From one day to another, the shared parts once: "2–9 Dec 2026", "30 Nov – 9 Dec 2026",
    "2026年12月2日–9日", "2026年11月30日–12月9日"; one day alone when the other is missing."""
    a, b = _as_date(start), _as_date(end)
    if a is None or b is None or a == b:
        return format_date(a or b, lang)
    loc = _locale(lang)
    if _zh(lang):
        if a.year != b.year:
            tail = format_date(b, lang)
        elif a.month != b.month:
            tail = babel_dates.format_date(b, "M月d日", locale=loc)
        else:
            tail = babel_dates.format_date(b, "d日", locale=loc)
        return f"{format_date(a, lang)}–{tail}"
    if a.year != b.year:
        return f"{format_date(a, lang)} – {format_date(b, lang)}"
    if a.month != b.month:
        return f"{babel_dates.format_date(a, 'd MMM', locale=loc)} – {format_date(b, lang)}"
    return f"{a.day}–{format_date(b, lang)}"


def format_time(value: time | datetime, lang: str | None = None) -> str:
    """A time of day on the 24-hour clock: "14:05" (a datetime in local time)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone()
    return babel_dates.format_time(value, "HH:mm", locale=_locale(lang))


def format_datetime(value: datetime | None, lang: str | None = None) -> str:
    """A moment, in local time: "2 Dec 2026, 14:05", "2026年12月2日 14:05"; "" for none."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone()
    sep = " " if _zh(lang) else ", "
    return f"{format_date(value.date(), lang)}{sep}{format_time(value, lang)}"


def format_iso(text: str | None, lang: str | None = None) -> str:
    """Stored ISO text as a day or a moment: "2026-05-01" → "1 May 2026", "2026-05-01T14:30" →
    "1 May 2026, 14:30", a UTC stamp ("…Z", "+00:00") in local time; other text as it is."""
    if not text:
        return ""
    if len(text) <= 10:
        try:
            return format_date(date.fromisoformat(text), lang)
        except ValueError:
            return text
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return text
    return format_datetime(moment, lang)


def format_number(value: int | float | Decimal, lang: str | None = None) -> str:
    """A number with the language's grouping and decimal sign: "12,345.5"."""
    return babel_numbers.format_decimal(value, locale=_locale(lang))


def format_amount(
    value: int | float | Decimal, lang: str | None = None, *, cents: bool | None = None
) -> str:
    """An amount without its currency: "1,234,567.50", whole amounts without cents ("1,200")
    unless ``cents`` is True."""
    d = Decimal(str(value))
    whole = d == d.to_integral_value() if cents is None else not cents
    pattern = "#,##0" if whole else "#,##0.00"
    return babel_numbers.format_decimal(d, pattern, locale=_locale(lang), decimal_quantization=True)


def format_money(amount: int | float | Decimal, currency: str, lang: str | None = None) -> str:
    """An amount in ``currency`` (ISO code) as the language writes it: "€1,234.50", "US$1,234.50"
    in Chinese; the currency's own decimals (¥1,235 for yen)."""
    return babel_numbers.format_currency(amount, currency.upper(), locale=_locale(lang))
