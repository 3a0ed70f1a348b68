"""Names in every script the shipped fonts cover, through the handout, the intake form and the
memory book: read back from the text layer and drawn (ink where each name is); decomposed accents
print composed; a character no font has is reported and shown as its code point; Chinese headings
are bold."""

from __future__ import annotations

import unicodedata

import pytest
from inkcheck import NAMES, as_stored, assert_printed, find, ink
from pdftext import page_texts

from studio.reports import fonts, intake_form, itinerary, text_runs
from studio.reports.book.content import BookContent, BookDay
from studio.reports.book.pdf import write_book
from studio.reports.handout_content import HandoutContent, HandoutDay, HandoutItem
from studio.reports.intake_content import IntakeContent, IntakeTraveller

HIEROGLYPH = "\U00013000"  # EGYPTIAN HIEROGLYPH A001: no shipped font has it


def _handout(names: list[str], title: str = "云南之秋 Autumn") -> HandoutContent:
    return HandoutContent(
        title=title,
        client=" & ".join(names[:2]),
        client_name=names[0],
        currency="EUR",
        start_date="2026-10-03",
        end_date="2026-10-12",
        travellers=tuple(names),
        days=tuple(
            HandoutDay(
                i + 1,
                f"2026-10-{i + 3:02d}",
                title=name,
                items=(HandoutItem("activity", f"Guide {name}", start_time="09:00"),),
            )
            for i, name in enumerate(names)
        ),
    )


def _book(names: list[str]) -> BookContent:
    return BookContent(
        "Yunnan in Autumn 云南之秋",
        travellers=tuple(names),
        start_date="2026-10-03",
        end_date="2026-10-12",
        summary="Ten days with " + ", ".join(names) + ".",
        days=tuple(
            BookDay(i + 1, f"2026-10-{i + 3:02d}", name, journal=f"A day with {name}.")
            for i, name in enumerate(names)
        ),
    )


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    d = tmp_path_factory.mktemp("scripts")
    names = list(NAMES.values())
    handout, form, book = d / "handout.pdf", d / "form.pdf", d / "book.pdf"
    with text_runs.collect_missing() as missing:
        itinerary.render(_handout(names), handout)
        intake_form.render(
            IntakeContent(
                lang="en",
                client=names[0],
                date="2026-12-02",
                travellers=tuple(IntakeTraveller(n) for n in names),
            ),
            form,
        )
    report = write_book(_book(names), book, workers=1)
    return {"handout": handout, "form": form, "book": book, "missing": missing, "report": report}


@pytest.mark.parametrize("doc", ["handout", "form", "book"])
@pytest.mark.parametrize("script", list(NAMES))
def test_every_script_is_in_the_text_layer_and_inked(pdfs, doc, script):
    assert_printed(pdfs[doc], {script: NAMES[script]})


def test_nothing_is_missing_for_names_the_fonts_cover(pdfs):
    assert pdfs["missing"] == []
    assert pdfs["report"].missing_glyphs == []
    assert "MISSING" not in pdfs["report"].summary()


def test_each_script_gets_a_font_that_has_its_glyphs():
    expect = {
        "latin": fonts.SANS,
        "greek": fonts.SANS,
        "cyrillic": fonts.SANS,
        "chinese": fonts.CJK,
        "japanese": fonts.CJK,
        "korean": fonts.HANGUL,
        "arabic": fonts.ARABIC,
        "hebrew": fonts.HEBREW,
        "thai": fonts.THAI,
        "devanagari": fonts.DEVANAGARI,
    }
    for script, name in NAMES.items():
        assert [f for _, f in fonts.runs(name)] == [expect[script]], script
        bold = fonts.runs(name, fonts.SERIF_BOLD)
        assert all(f in fonts.BOLD_FONTS for _, f in bold), (script, bold)


def test_right_to_left_names_are_joined_and_ordered_within_a_latin_line():
    line = "Guests: محمد and דוד today"
    runs = fonts.runs(line)
    text = "".join(r for r, _ in runs)
    assert text.startswith("Guests: ") and text.endswith(" today")
    # Hebrew in visual order (reversed), Arabic in joined presentation forms, reversed
    assert "דוד"[::-1] in text
    arabic = next(r for r, f in runs if f == fonts.ARABIC).strip()
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in arabic)
    assert unicodedata.normalize("NFKC", arabic)[::-1] == "محمد"
    # the Latin words keep their order around the right-to-left names
    assert text.index("Guests") < text.index("and") < text.index("today")


def test_decomposed_accents_print_composed(tmp_path):
    out = tmp_path / "zoe.pdf"
    decomposed = "Zoe\u0308 Mu\u0308ller"
    itinerary.render(_handout([decomposed, "Anna"]), out)
    text = "\n".join(page_texts(out))
    assert "Zoë Müller" in text and "e\u0308" not in text
    assert_printed(out, ["Zoë Müller"])


def test_a_character_no_font_has_is_reported_and_shown(tmp_path):
    name = f"Ankh {HIEROGLYPH} Smith"
    out = tmp_path / "glyph.pdf"
    with text_runs.collect_missing() as missing:
        itinerary.render(_handout([name, "Anna"]), out)
    # each text that lost it is named (the cover line, the travellers, the day's heading…)
    assert missing and {m.char for m in missing} == {HIEROGLYPH}
    assert all(name in m.text for m in missing)
    assert "U+13000" in text_runs.describe_missing(missing)
    assert name in text_runs.describe_missing(missing)
    placeholder = "[U+13000]"
    assert placeholder in "\n".join(page_texts(out))
    page, box = find(out, placeholder)[0]
    assert ink(out, page, box) > 100

    book = write_book(_book([name]), tmp_path / "glyph-book.pdf", workers=1)
    assert any("U+13000" in g and name in g for g in book.missing_glyphs)
    assert "MISSING GLYPH" in book.summary() and not book.ok


def test_chinese_headings_are_bold(tmp_path):
    out = tmp_path / "bold.pdf"
    itinerary.render(_handout(["王小明", "李娜"], title="云南之秋"), out)
    data = out.read_bytes()
    assert b"LXGWWenKai-Bold" in data  # the cover title and day headings
    assert (
        fonts.markup("云南之秋", fonts.SERIF_BOLD)
        == f'<font name="{fonts.CJK_BOLD}">云南之秋</font>'
    )


def test_the_text_layer_form_of_each_name():
    assert as_stored("王小明") == "王小明"
    assert as_stored("Zoe\u0308") == "Zoë"
    assert as_stored("דוד") == "דוד"[::-1]


def test_the_command_line_names_what_it_could_not_draw(studio, data_dir, tmp_path, capsys):
    from studio.cli import main
    from studio.services import clients
    from studio.services.trips import lifecycle

    name = f"Ankh {HIEROGLYPH} Smith"
    c = clients.create_client(studio, name, native_name="김민준")
    lifecycle.create_trip(
        studio, c.id, "Seoul", start_date="2027-05-10", end_date="2027-05-11", currency="KRW"
    )
    studio.close()
    out = tmp_path / "cli.pdf"
    assert main(["--data-dir", str(data_dir), "itinerary", "Seoul", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Missing glyphs" in printed and "U+13000" in printed and name in printed
    assert_printed(out, ["김민준"])
    form = tmp_path / "form.pdf"
    assert main(["--data-dir", str(data_dir), "intake-form", str(form), "--client", name]) == 0
    printed = capsys.readouterr().out
    assert "U+13000" in printed and name in printed
    assert_printed(form, ["김민준"])
