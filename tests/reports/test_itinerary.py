"""The itinerary handout: cover, overview, days, emergency contacts read back from the PDF;
Chinese and accented names; long text wraps and is never cut; fonts embedded; atomic writes."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest
from pdftext import page_texts, squash

from studio.cli import main
from studio.errors import StudioError
from studio.services import clients
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips import suppliers as trip_suppliers
from studio.services.trips.handout import write_itinerary

LONG = (
    " ".join(
        f"Sentence {n} of the guide's very long briefing about the walk." for n in range(1, 300)
    )
    + " THE-LAST-WORDS."
)


@pytest.fixture
def trip(studio):
    c = clients.create_client(
        studio,
        "Zhang Wei & Zoë Müller",
        native_name="张伟",
        kind="household",
        people=[
            {"name": "Zhang Wei", "native_name": "张伟", "role": "primary"},
            {"name": "Zoë Müller", "role": "partner"},
        ],
    )
    t = trip_lifecycle.create_trip(
        studio,
        c.id,
        "Provence & Côte d'Azur",
        start_date="2027-05-10",
        end_date="2027-05-12",
        destinations=["Avignon", "Nice"],
        currency="EUR",
    )
    hotel = trip_suppliers.create_supplier(
        studio,
        "Hôtel d'Europe",
        kind="hotel",
        native_name="欧洲酒店",
        contacts="+33 4 90 14 76 76 · reception@example.fr",
        location="Avignon",
    )
    insurer = trip_suppliers.create_supplier(
        studio, "Allianz Travel", kind="insurer", contacts="24h assistance +49 89 0000 0000"
    )
    d1, d2, _d3 = trip_reading.days(studio, t.current_version_id)
    trip_plan.update_day(studio, d1.id, title="Arrival in Avignon 抵达阿维尼翁")
    trip_plan.add_item(
        studio,
        d1.id,
        "Shanghai → Paris CDG",
        kind="flight",
        start_time="23:55",
        end_time="06:20",
        time_zone="Asia/Shanghai",
        end_time_zone="Europe/Paris",
        confirmation="MU553-QX7R",
        price="1200",
    )
    trip_plan.add_item(
        studio,
        d1.id,
        "Check in at Hôtel d'Europe",
        kind="lodging",
        supplier_id=hotel.id,
        confirmation="HE-20419",
        place="12 Place Crillon, Avignon",
        cost="400",
        price="520",
    )
    trip_plan.add_item(
        studio,
        d2.id,
        "Guided walk of the Palais des Papes 教皇宫导览",
        place="Palais des Papes",
        start_time="09:30",
        end_time="12:00",
        time_zone="Europe/Paris",
        notes=LONG,
        supplier_id=insurer.id,
    )
    return t


def test_handout_text_cover_overview_days_and_emergency(studio, trip, tmp_path):
    out = tmp_path / "trip.pdf"
    pages = write_itinerary(studio, trip.id, out)
    text = page_texts(out)
    assert pages == len(text) >= 5
    cover = text[0]
    assert "Provence & Côte d'Azur" in cover and "10 – 12 May 2027" in cover
    assert "Zhang Wei & Zoë Müller" in cover and "张伟" in cover
    assert "Overview" in text[1] and "Arrival in Avignon" in text[1]
    body = "\n".join(text)
    assert "MU553-QX7R" in body and "HE-20419" in body
    assert "23:55CST–06:20CEST(+1)" in squash(body) and "Shanghai – Paris CDG" in body
    assert "+33 4 90 14 76 76" in body and "欧洲酒店" in body and "教皇宫导览" in squash(body)
    assert "Emergency contacts" in text[-1] and "Allianz Travel" in text[-1]
    # the long note flowed over pages, every word of it printed
    squashed = squash(body)
    assert "THE-LAST-WORDS." in squashed
    assert all(f"Sentence{n}oftheguide" in squashed for n in (1, 150, 299))


def test_letter_size_and_fonts_embedded(studio, trip, tmp_path):
    out = tmp_path / "letter.pdf"
    write_itinerary(studio, "Provence", out, size="letter")
    pdf = pdfium.PdfDocument(str(out))
    try:
        w, h = pdf[0].get_size()
    finally:
        pdf.close()
    assert (round(w), round(h)) == (612, 792)
    raw = out.read_bytes()
    assert b"Helvetica" not in raw and b"Times-Roman" not in raw
    names = re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", raw)
    assert names and len(re.findall(rb"/FontFile2", raw)) >= len(set(names))
    assert any(b"DroidSansFallback" in f for f in names)


def test_cli_writes_and_refuses_cleanly(studio, trip, data_dir, tmp_path, capsys):
    studio.close()
    out = tmp_path / "cli.pdf"
    assert (
        main(["--data-dir", str(data_dir), "itinerary", "Provence", str(out), "--size", "a4"]) == 0
    )
    assert out.exists() and "pages" in capsys.readouterr().out
    missing = tmp_path / "none.pdf"
    assert main(["--data-dir", str(data_dir), "itinerary", "Atlantis", str(missing)]) == 1
    assert "No trip matches" in capsys.readouterr().err and not missing.exists()
    assert not list(tmp_path.glob("*.partial"))


def test_bad_size_refused(studio, trip, tmp_path):
    with pytest.raises(StudioError):
        write_itinerary(studio, trip.id, tmp_path / "x.pdf", size="a3")
    assert not (tmp_path / "x.pdf").exists()


def test_split_paragraph_keeps_its_spaces(studio, trip, tmp_path):
    out = tmp_path / "trip.pdf"
    write_itinerary(studio, trip.id, out)
    body = re.sub(r"\s+", " ", " ".join(page_texts(out)))
    assert "verylong" not in body and "walk.Sentence" not in body
    assert "Sentence 299 of the guide's very long briefing about the walk. THE-LAST-WORDS." in body


def test_overview_lists_whole_titles_never_a_cut_word():
    from studio.reports.itinerary import _highlights

    titles = [f"Visit number {n} to the Fushimi Inari shrine" for n in range(20)]
    line = _highlights(titles)
    assert line.endswith("more") and line.startswith("Visit number 0 to the Fushimi Inari shrine, ")
    shown = line.rsplit(" and ", 1)[0].split(", ")
    assert all(t in titles for t in shown) and f"and {20 - len(shown)} more" in line
    assert _highlights(["Only one"]) == "Only one"


# -- options: prices, Chinese, emergency numbers -------------------------------------------------
@pytest.fixture
def japan(studio):
    c = clients.create_client(studio, "Olivia Brown", native_name="欧丽薇")
    t = trip_lifecycle.create_trip(
        studio,
        c.id,
        "Kyoto in spring",
        start_date="2027-03-13",
        end_date="2027-03-15",
        destinations=["Kyoto, Japan", "Atlantis"],
        currency="JPY",
    )
    d1, d2, _ = trip_reading.days(studio, t.current_version_id)
    trip_plan.add_item(
        studio, d1.id, "Tea ceremony", cost="98765", price="123456", confirmation="TEA-1"
    )
    trip_plan.add_item(
        studio, d2.id, "Kaiseki dinner", kind="dining", price="54321.5", currency="EUR"
    )
    trip_plan.add_item(studio, d2.id, "Walk in the bamboo grove", kind="activity")
    return t


def test_prices_only_when_asked_and_never_cost_or_margin(studio, japan, tmp_path):
    plain, priced = tmp_path / "plain.pdf", tmp_path / "priced.pdf"
    write_itinerary(studio, japan.id, plain)
    write_itinerary(studio, japan.id, priced, prices=True)
    without, body = "\n".join(page_texts(plain)), "\n".join(page_texts(priced))
    assert "123,456" not in without and "Price" not in without and "Total" not in without
    assert "Price: 123,456 JPY" in body and "Price: 54,321.50 EUR" in body
    assert "Prices" in body and "123,456 JPY" in body.split("Prices", 1)[1]
    assert "54,321.50 EUR" in body.split("Prices", 1)[1]
    # cost 98,765 and margin 24,691 appear nowhere, in any form
    for secret in ("98765", "98,765", "24691", "24,691", "Cost", "Margin", "margin"):
        assert secret not in body


def test_chinese_handout_labels_and_dates(studio, japan, tmp_path):
    out = tmp_path / "zh.pdf"
    pages = write_itinerary(studio, japan.id, out, lang="zh", prices=True, size="letter")
    text = [squash(p) for p in page_texts(out)]
    assert pages == len(text)
    assert "2027年3月13日至15日" in text[0] and "为OliviaBrown(欧丽薇)定制" in text[0]
    assert "行程概览" in text[1] and "3月13日周六" in text[1]
    body = "".join(text)
    assert "第1天·2027年3月13日星期六" in body and "第3天·2027年3月15日星期一" in body
    assert (
        "活动" in body and "餐饮" in body and "确认号：TEA-1" in body and "价格：123,456JPY" in body
    )
    assert "紧急联系方式" in text[-1] and "日本Japan" in text[-1]
    for english in ("Overview", "Day 1", "Saturday", "March", "Emergency contacts", "Confirmation"):
        assert english not in body
    raw = out.read_bytes()
    assert b"Helvetica" not in raw
    names = re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", raw)
    assert len(re.findall(rb"/FontFile2", raw)) >= len(set(names)) and any(
        b"DroidSansFallback" in f for f in names
    )


def test_emergency_page_numbers_for_japan_and_advice_for_unknown_places(studio, japan, tmp_path):
    out = tmp_path / "e.pdf"
    write_itinerary(studio, japan.id, out)
    last = page_texts(out)[-1]
    assert "Emergency numbers at your destinations" in last and "Japan 日本" in last
    squashed = squash(last)
    assert "Police110" in squashed and "Ambulance119" in squashed and "Fire119" in squashed
    assert "Atlantis" in last and "112" in last and "Mei Lin" in last  # unknown place; the advisor


def test_handout_options_from_the_command_line(studio, japan, data_dir, tmp_path, capsys):
    studio.close()
    out = tmp_path / "cli-zh.pdf"
    assert (
        main(
            [
                "--data-dir",
                str(data_dir),
                "itinerary",
                "Kyoto in spring",
                str(out),
                "--prices",
                "--lang",
                "zh",
            ]
        )
        == 0
    )
    body = squash("".join(page_texts(out)))
    assert "价格：123,456JPY" in body and "行程概览" in body
    with pytest.raises(SystemExit):
        main(
            [
                "--data-dir",
                str(data_dir),
                "itinerary",
                "Kyoto in spring",
                str(tmp_path / "x.pdf"),
                "--lang",
                "fr",
            ]
        )
    assert not (tmp_path / "x.pdf").exists()


def test_bad_language_refused(studio, japan, tmp_path):
    with pytest.raises(StudioError, match="language"):
        write_itinerary(studio, japan.id, tmp_path / "x.pdf", lang="fr")
    assert not (tmp_path / "x.pdf").exists()


def test_dates_in_both_languages():
    from studio.reports.words import date_span, long_date, plain_date, short_date

    assert long_date("2026-03-14") == "Saturday 14 March 2026"
    assert long_date("2026-03-14", "zh") == "2026年3月14日 星期六"
    assert plain_date("2026-12-02") == "2 December 2026"
    assert plain_date("2026-12-02", "zh") == "2026年12月2日"
    assert short_date("2026-03-15", "zh") == "3月15日 周日"
    assert date_span("2026-12-30", "2027-01-02", "zh") == "2026年12月30日至2027年1月2日"
    assert date_span("2026-05-30", "2026-06-02") == "30 May – 2 June 2026"
    assert date_span("2026-05-30", "2026-05-30") == "30 May 2026"
    assert date_span("2026-05-30", None, weekday=True) == "Saturday 30 May 2026"
    assert date_span(None, None, "zh") == "" and long_date(None) == ""
    assert long_date("sometime") == "sometime"  # not a date: printed as it is


def test_flight_arrival_day_comes_from_the_time_zones(studio, tmp_path):
    """Compared as clock text, Tokyo 21:40 → Honolulu 09:40 (the same day) and Los Angeles
    23:30 → Sydney 09:30 (two days later) both printed "(+1)"."""
    c = clients.create_client(studio, "Ana Costa")
    t = trip_lifecycle.create_trip(
        studio, c.id, "Pacific loop", start_date="2026-12-02", end_date="2026-12-04"
    )
    d1, d2, d3 = trip_reading.days(studio, t.current_version_id)
    flights = [
        (d1, "Tokyo → Honolulu", "21:40", "09:40", "Asia/Tokyo", "Pacific/Honolulu"),
        (d2, "Los Angeles → Sydney", "23:30", "09:30", "America/Los_Angeles", "Australia/Sydney"),
        (d3, "Sydney → Honolulu", "08:00", "19:00", "Australia/Sydney", "Pacific/Honolulu"),
    ]
    for day, title, start, end, zone, end_zone in flights:
        trip_plan.add_item(
            studio,
            day.id,
            title,
            kind="flight",
            start_time=start,
            end_time=end,
            time_zone=zone,
            end_time_zone=end_zone,
        )
    out = tmp_path / "pacific.pdf"
    write_itinerary(studio, t.id, out)
    body = squash("".join(page_texts(out)))
    assert "21:40JST–09:40HST" in body and "09:40HST(+1)" not in body
    assert "23:30PST–09:30AEDT(+2)" in body
    assert "08:00AEDT–19:00HST(–1)" in body  # the fonts have no minus sign: an en dash
