"""The studio's own details brand what it prints: the handout's cover, band, footer and emergency
page, the intake form and the memory book's closing page (read back from the PDFs)."""

from __future__ import annotations

import pytest
from pdftext import page_texts, squash

from studio.reports.book.pdf import write_book
from studio.services import clients
from studio.services import studio_profile as sp
from studio.services.intake import write_intake_form
from studio.services.media import book as media_book
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips.handout import write_itinerary

LONG_ZH = "莲松山水定制旅行文化传播工作室上海分部"


@pytest.fixture
def trip(studio):
    c = clients.create_client(studio, "Zhang Wei", native_name="张伟")
    t = trip_lifecycle.create_trip(
        studio,
        c.id,
        "Kyoto in autumn",
        start_date="2027-11-10",
        end_date="2027-11-11",
        destinations=["Kyoto"],
        currency="JPY",
    )
    d1, _d2 = trip_reading.days(studio, t.current_version_id)
    trip_plan.add_item(studio, d1.id, "Tea ceremony", start_time="10:00")
    return t


@pytest.fixture
def branded(studio):
    return sp.update_profile(
        studio,
        name="Lotus & Pine Journeys",
        native_name=LONG_ZH,
        phone="+1 212 555 0142",
        email="hello@lotus-pine.example.com",
        emergency_phone="+1 212 555 0199",
        tagline="Journeys made by hand",
    )


def test_handout_without_details_says_travel_studio_and_no_line(studio, trip, tmp_path):
    out = tmp_path / "trip.pdf"
    write_itinerary(studio, trip.id, out)
    text = page_texts(out)
    assert "TRAVEL STUDIO" in text[0]
    assert "24 h emergency line" not in "".join(text)


def test_handout_brand_contacts_and_emergency_line(studio, trip, branded, tmp_path):
    out = tmp_path / "trip.pdf"
    write_itinerary(studio, trip.id, out)
    text = page_texts(out)
    cover = squash(text[0])
    assert (
        "LOTUS&PINEJOURNEYS" in cover and squash(LONG_ZH) in cover and "Journeysmadebyhand" in cover
    )
    last = text[-1]
    assert "24 h emergency line" in last and "+1 212-555-0199" in last
    assert "+1 212-555-0142" in last and "hello@lotus-pine.example.com" in last
    assert squash(f"Lotus & Pine Journeys {LONG_ZH} — your advisor") in squash(last)
    # the footer of later pages names the studio (the trip title stays; a long name is not cut)
    assert "Lotus & Pine Journeys" in text[1] and "Kyoto in autumn" in text[1]


def test_chinese_handout_emergency_line(studio, trip, branded, tmp_path):
    out = tmp_path / "trip.pdf"
    write_itinerary(studio, trip.id, out, lang="zh")
    last = squash(page_texts(out)[-1])
    assert "24小时紧急热线" in last and "+1212-555-0199" in last


def test_intake_form_brand(studio, branded, tmp_path):
    out = tmp_path / "form.pdf"
    write_intake_form(studio, out)
    assert squash(f"LOTUS & PINE JOURNEYS {LONG_ZH}") in squash(page_texts(out)[0])
    blank = tmp_path / "blank.pdf"
    write_intake_form(None, blank)
    assert "TRAVEL STUDIO" in page_texts(blank)[0]


def test_book_closing_page_shows_the_studio(studio, trip, branded, tmp_path):
    content = media_book.book_content(studio, trip.id)
    assert content.studio_name == f"Lotus & Pine Journeys {LONG_ZH}"
    assert (
        content.signature == f"Mei Lin (林美) · Lotus & Pine Journeys {LONG_ZH}"
    )  # advisor · studio
    out = tmp_path / "book.pdf"
    write_book(content, out, workers=1)
    closing = squash(page_texts(out)[-1])
    assert squash(f"Mei Lin (林美) · Lotus & Pine Journeys {LONG_ZH}") in closing


def test_blank_intake_form_from_the_command_line_carries_the_studio_name(data_dir, tmp_path):
    from studio.cli import main
    from studio.store import Studio

    with Studio.open(data_dir) as s:
        sp.update_profile(s, name="Lotus & Pine Journeys", native_name="莲松定制旅行")
    out = tmp_path / "blank.pdf"
    assert main(["--data-dir", str(data_dir), "intake-form", str(out)]) == 0
    first = squash(page_texts(out)[0])
    assert "LOTUS&PINEJOURNEYS" in first and "莲松定制旅行" in first
    nowhere = tmp_path / "no-studio-here"
    assert main(["--data-dir", str(nowhere), "intake-form", str(tmp_path / "plain.pdf")]) == 0
    assert "TRAVELSTUDIO" in squash(page_texts(tmp_path / "plain.pdf")[0])
    assert not (nowhere / "studio.sqlite3").exists()  # a blank form never creates a studio
