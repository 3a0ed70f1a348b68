"""The itinerary handout: cover, overview, days, emergency contacts read back from the PDF;
Chinese and accented names; long text wraps and is never cut; fonts embedded; atomic writes."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest

from studio.cli import main
from studio.errors import StudioError
from studio.reports.itinerary import write_itinerary
from studio.services import clients, trips

LONG = " ".join(f"Sentence {n} of the guide's very long briefing about the walk." for n in range(1, 300)) + " THE-LAST-WORDS."


def _pages(path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def trip(studio):
    c = clients.create_client(
        studio, "Zhang Wei & Zoë Müller", native_name="张伟", kind="household",
        people=[{"name": "Zhang Wei", "native_name": "张伟", "role": "primary"},
                {"name": "Zoë Müller", "role": "partner"}],
    )
    t = trips.create_trip(studio, c.id, "Provence & Côte d'Azur", start_date="2027-05-10", end_date="2027-05-12",
                          destinations=["Avignon", "Nice"], currency="EUR")
    hotel = trips.create_supplier(studio, "Hôtel d'Europe", kind="hotel", native_name="欧洲酒店",
                                  contacts="+33 4 90 14 76 76 · reception@example.fr", location="Avignon")
    insurer = trips.create_supplier(studio, "Allianz Travel", kind="insurer", contacts="24h assistance +49 89 0000 0000")
    d1, d2, _d3 = trips.days(studio, t.current_version_id)
    trips.update_day(studio, d1.id, title="Arrival in Avignon 抵达阿维尼翁")
    trips.add_item(studio, d1.id, "Shanghai → Paris CDG", kind="flight", start_time="23:55", end_time="06:20",
                   time_zone="Asia/Shanghai", end_time_zone="Europe/Paris", confirmation="MU553-QX7R", price="1200")
    trips.add_item(studio, d1.id, "Check in at Hôtel d'Europe", kind="lodging", supplier_id=hotel.id,
                   confirmation="HE-20419", place="12 Place Crillon, Avignon", cost="400", price="520")
    trips.add_item(studio, d2.id, "Guided walk of the Palais des Papes 教皇宫导览", place="Palais des Papes",
                   start_time="09:30", end_time="12:00", time_zone="Europe/Paris", notes=LONG,
                   supplier_id=insurer.id)
    return t


def test_handout_text_cover_overview_days_and_emergency(studio, trip, tmp_path):
    out = tmp_path / "trip.pdf"
    pages = write_itinerary(studio, trip.id, out)
    text = _pages(out)
    assert pages == len(text) >= 5
    cover = text[0]
    assert "Provence & Côte d'Azur" in cover and "10 – 12 May 2027" in cover
    assert "Zhang Wei & Zoë Müller" in cover and "张伟" in cover
    assert "Overview" in text[1] and "Arrival in Avignon" in text[1]
    body = "\n".join(text)
    assert "MU553-QX7R" in body and "HE-20419" in body
    assert "23:55CST–06:20CEST(+1)" in _squash(body) and "Shanghai – Paris CDG" in body
    assert "+33 4 90 14 76 76" in body and "欧洲酒店" in body and "教皇宫导览" in _squash(body)
    assert "Emergency contacts" in text[-1] and "Allianz Travel" in text[-1]
    # the long note flowed over pages, every word of it printed
    squashed = _squash(body)
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
    assert main(["--data-dir", str(data_dir), "itinerary", "Provence", str(out), "--size", "a4"]) == 0
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
    body = re.sub(r"\s+", " ", " ".join(_pages(out)))
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
