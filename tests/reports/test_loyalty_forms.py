"""The post-trip survey and the event invitations, read back from the PDF."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from studio.errors import StudioError
from studio.services import clients
from studio.services.loyalty import events, printing
from studio.services.trips import lifecycle
from tests.reports.pdftext import page_texts, squash


@pytest.fixture
def trip(studio):
    c = clients.create_client(studio, "Wang Li", native_name="王丽")
    t = lifecycle.create_trip(
        studio, c.id, "Kyoto in autumn", start_date="2026-10-01", end_date="2026-10-08"
    )
    lifecycle.update_trip(studio, t.id, status="completed")
    return t


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_survey_form_reads_back(studio, trip, tmp_path, lang):
    out = tmp_path / f"survey-{lang}.pdf"
    assert printing.write_survey(studio, trip.id, out, lang) == 1
    text = squash(page_texts(out)[0])
    assert squash("Kyoto in autumn") in text and "王丽" in text
    if lang == "zh":
        assert squash("这次旅程感觉如何") in text and "2026年10月1日" in text
    else:
        assert squash("How was your journey?") in text and squash("1 October 2026") in text
    for n in ("0", "50", "100", "10"):
        assert n in text
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_invitations_one_page_per_guest(studio, tmp_path, lang):
    a = clients.create_client(studio, "Chen Jing")
    b = clients.create_client(studio, "Li Na", native_name="李娜")
    no = clients.create_client(studio, "Declined")
    ev = events.create_event(
        studio,
        "Burgundy evening",
        date.today() + timedelta(days=20),
        kind="tasting",
        theme="Pinot noir",
        place="The studio, Shanghai",
        capacity=12,
        start_time="19:00",
    )
    events.invite(studio, ev.id, [a.id, b.id, no.id])
    events.set_rsvp(studio, ev.id, no.id, "no")
    out = tmp_path / "inv.pdf"
    assert printing.write_invitations(studio, ev.id, out, lang) == 2
    pages = [squash(p) for p in page_texts(out)]
    assert "ChenJing" in pages[0] and "李娜" in pages[1]
    assert all("Burgundyevening" in p and "19:00" in p and "12" in p for p in pages)
    assert not any("Declined" in p for p in pages)
    if lang == "zh":
        assert "品鉴会" in pages[0]


def test_invitations_without_guests_refused(studio, tmp_path):
    ev = events.create_event(studio, "Salon", date.today())
    out = tmp_path / "inv.pdf"
    with pytest.raises(StudioError, match="no guests"):
        printing.write_invitations(studio, ev.id, out)
    assert not out.exists() and not list(tmp_path.glob("*.partial"))
