"""The one formatter of dates, numbers and money, and the core's words in Chinese."""

from __future__ import annotations

import locale
import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from studio.domain import dates, formatting, i18n

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def test_chinese_dates_read_as_a_chinese_studio_writes_them():
    d = date(2026, 12, 2)
    assert formatting.long_date(d, "zh") == "2026年12月2日 星期三"
    assert formatting.format_date(d, "zh") == "2026年12月2日"
    assert formatting.day_month(d, "zh") == "12月2日 周三"
    assert formatting.month_year(d, "zh") == "2026年12月"
    assert formatting.month_day(2, 29, "zh") == "2月29日"
    assert formatting.date_range(d, date(2026, 12, 9), "zh") == "2026年12月2日–9日"
    assert formatting.date_range(date(2026, 11, 30), d, "zh") == "2026年11月30日–12月2日"
    assert formatting.date_range(d, date(2027, 1, 3), "zh") == "2026年12月2日–2027年1月3日"


def test_english_dates_in_one_format():
    d = date(2026, 12, 2)
    assert formatting.long_date(d, "en") == "Wednesday 2 December 2026"
    assert formatting.format_date(d, "en") == "2 Dec 2026"
    assert formatting.day_month(d, "en") == "Wed 2 Dec"
    assert formatting.day_month(d, "en", weekday=False) == "2 Dec"
    assert formatting.month_day(3, 14, "en") == "14 March"
    assert formatting.date_range(date(2027, 3, 14), date(2027, 3, 20), "en") == "14–20 Mar 2027"
    assert formatting.date_range(date(2027, 3, 28), date(2027, 4, 3), "en") == "28 Mar – 3 Apr 2027"
    assert (
        formatting.date_range(date(2026, 12, 30), date(2027, 1, 4), "en")
        == "30 Dec 2026 – 4 Jan 2027"
    )
    assert formatting.date_range("2027-03-14", None, "en") == "14 Mar 2027"
    assert formatting.format_date(None) == "" and formatting.format_date("") == ""
    assert formatting.format_date("2026-12-02T10:00:00") == "2 Dec 2026"


def test_english_never_takes_the_systems_month_names(monkeypatch):
    """On a Chinese system (LANG=zh_CN.UTF-8, the C library's locale Chinese where installed)
    an English screen still writes "20 Dec 2015", never "十二月 20, 2015"."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    old = locale.setlocale(locale.LC_TIME)
    try:
        try:
            locale.setlocale(locale.LC_TIME, "zh_CN.UTF-8")
        except locale.Error:
            pass  # the machine lacks the locale; the environment alone is still Chinese
        i18n.set_language("en")
        d = date(2015, 12, 20)
        for text in (
            formatting.format_date(d),
            formatting.long_date(d),
            formatting.day_month(d),
            formatting.date_range(d, date(2015, 12, 24)),
            dates.format_day(d),
        ):
            assert not CJK.search(text), text
        assert formatting.format_date(d) == "20 Dec 2015"
    finally:
        locale.setlocale(locale.LC_TIME, old)


def test_the_current_language_picks_the_format():
    d = date(2027, 3, 3)
    i18n.set_language("zh")
    assert formatting.format_date(d) == "2027年3月3日"
    assert dates.format_day(d) == "2027年3月3日"
    assert dates.format_day(d, year=False) == "3月3日"
    i18n.set_language("en")
    assert dates.format_day(d) == "3 March 2027"


def test_times_numbers_and_money():
    moment = datetime(2026, 12, 2, 14, 5)
    assert formatting.format_datetime(moment, "en") == "2 Dec 2026, 14:05"
    assert formatting.format_datetime(moment, "zh") == "2026年12月2日 14:05"
    aware = datetime(2026, 12, 2, 14, 5, tzinfo=UTC)
    assert formatting.format_time(aware) == aware.astimezone().strftime("%H:%M")
    assert formatting.format_datetime(None) == ""
    assert formatting.format_number(12345.5, "en") == "12,345.5"
    assert formatting.format_number(12345.5, "zh") == "12,345.5"
    assert formatting.format_amount(Decimal("1234567.5")) == "1,234,567.50"
    assert formatting.format_amount(1200) == "1,200"
    assert formatting.format_amount(Decimal("2900"), cents=True) == "2,900.00"
    assert formatting.format_money(1234.5, "EUR", "en") == "€1,234.50"
    assert formatting.format_money(1234.5, "eur", "zh") == "€1,234.50"
    assert formatting.format_money(1234, "JPY", "en").endswith("1,234")  # no decimals for yen
    assert formatting.format_money(8600, "CNY", "zh") == "¥8,600.00"


# -- the core's words --------------------------------------------------------------------------
def test_languages_from_the_environment():
    assert i18n.language_from_environment({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert i18n.language_from_environment({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN"}) == "en"
    assert i18n.language_from_environment({"LANG": "C.UTF-8"}) == "en"
    assert i18n.language_from_environment({"LANG": "fr_FR.UTF-8"}) == "en"  # not spoken yet
    assert i18n.language_from_environment({}) == "en"
    assert i18n.normalize("zh-Hans") == "zh" and i18n.normalize(None) == "en"


def test_tr_fills_placeholders_in_the_chosen_language():
    assert i18n.tr("turns {n}", n=44) == "turns 44"
    i18n.set_language("zh")
    assert i18n.tr("turns {n}", n=44) == "44 岁生日"
    assert i18n.tr("turns {n}", n=44, lang="en") == "turns 44"
    assert i18n.tr("a text nobody translated") == "a text nobody translated"
    assert i18n.ordinal(3) == "第3"
    assert i18n.ordinal(3, lang="en") == "3rd"
    assert i18n.field_label("advisor_id") == "顾问"
    assert i18n.tr_n(
        "Wrote {n} event to {out}", "Wrote {n} events to {out}", 1200, out="x.ics"
    ) == ("已将 1,200 个事件写入 x.ics")
    i18n.set_language("en")
    assert i18n.tr_n("Wrote {n} event to {out}", "Wrote {n} events to {out}", 1, out="x") == (
        "Wrote 1 event to x"
    )


def test_a_refusal_in_chinese_names_the_field(studio):
    from studio.errors import ValidationError
    from studio.services import clients

    i18n.set_language("zh")
    with pytest.raises(ValidationError) as exc:
        clients.create_client(studio, "  ")
    assert "姓名不能为空" in str(exc.value)
    i18n.set_language("en")
    with pytest.raises(ValidationError) as exc:
        clients.create_client(studio, "  ")
    assert "Name cannot be empty" in str(exc.value)


def test_agenda_and_calendar_in_chinese(studio, tmp_path):
    from studio.services import clients
    from studio.services.agenda.build import agenda
    from studio.services.agenda.calendar import build_calendar

    c = clients.create_client(studio, "Wang Xiaoming", native_name="王小明")
    person = clients.add_person(studio, c.id, "Wang Xiaoming", role="primary")
    clients.add_important_date(studio, person.id, "birthday", 12, 10, 1980)
    i18n.set_language("zh")
    result = agenda(studio, today=date(2026, 12, 2), days=30)
    entry = next(e for e in result.entries if e.occurrence.kind == "birthday")
    assert (entry.what, entry.why) == ("生日", "46 岁生日")
    titles = [
        str(ev.get("summary")) for ev in build_calendar(studio, date(2026, 12, 2)).walk("VEVENT")
    ]
    assert any("生日" in t for t in titles), titles


def test_cli_speaks_the_chosen_language(studio, capsys):
    from studio import cli

    data_dir = str(studio.data_dir)
    studio.close()
    assert cli.main(["--data-dir", data_dir, "--lang", "zh", "check"]) == 0
    out = capsys.readouterr().out
    assert "SQLite 完整性检查：正常" in out and out.strip().endswith("正常")
    assert (
        cli.main(["--data-dir", data_dir, "--lang", "zh", "agenda", "--today", "2026-12-02"]) == 0
    )
    assert capsys.readouterr().out.startswith("2026年12月2日 星期三 的日程")
    assert cli.main(["--data-dir", data_dir, "--lang", "en", "check"]) == 0
    assert capsys.readouterr().out.strip().endswith("ok")
