"""The intake questionnaire: text read back from the PDF in both languages, fonts embedded."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pdftext import page_texts, squash

from studio.cli import main
from studio.errors import StudioError
from studio.services import clients, profiles
from studio.services.intake import write_intake_form

TODAY = date(2026, 11, 22)


def _text(path) -> str:
    return "\n".join(page_texts(path))


@pytest.fixture
def wang(studio):
    c = clients.create_client(
        studio,
        "Wang Xiaoming & Li Na",
        native_name="王小明、李娜",
        kind="household",
        people=[
            {
                "name": "Wang Xiaoming",
                "native_name": "王小明",
                "role": "primary",
                "birth_date": "1981-12-09",
            },
            {"name": "Li Na", "native_name": "李娜", "role": "partner"},
        ],
    )
    with studio.read() as conn:
        li_na = conn.exec_driver_sql("SELECT id FROM person WHERE name = 'Li Na'").scalar()
    profiles.set_fact(
        studio,
        c.id,
        "dietary.shellfish",
        "never",
        person_id=li_na,
        severity="severe",
        note="carries an EpiPen",
    )
    profiles.set_fact(studio, c.id, "interests.diving", "love", note="manta rays")
    profiles.set_fact(
        studio, c.id, "interests.falconry", "love"
    )  # not in the taxonomy: still printed
    return c


def test_blank_english(tmp_path):
    out = tmp_path / "form.pdf"
    pages = write_intake_form(None, out, lang="en", today=TODAY)
    assert pages >= 3
    text = _text(out)
    for phrase in (
        "Travel preferences",
        "Who is travelling",
        "Dietary needs and allergies",
        "Severe allergy",
        "Diving & snorkelling",
        "Buckwheat pillow",
        "Connecting rooms",
        "Altitude sensitivity",
        "Service prompts",
        "Page 1",
    ):
        assert phrase in text, phrase
    assert "EpiPen" not in text


def test_blank_chinese(tmp_path):
    out = tmp_path / "form.pdf"
    write_intake_form(None, out, lang="zh", today=TODAY)
    text = squash(_text(out))
    for phrase in (
        "旅行偏好问卷",
        "同行人员",
        "饮食需求与过敏",
        "严重过敏",
        "潜水与浮潜",
        "荞麦枕",
        "素食",
        "高原反应",
        "第1页",
    ):
        assert phrase in text, phrase


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_prefilled_for_a_client(studio, wang, tmp_path, lang):
    out = tmp_path / f"wang-{lang}.pdf"
    write_intake_form(studio, out, client_id=wang.id, lang=lang, today=TODAY)
    text = squash(_text(out))
    assert squash("王小明、李娜") in text and "WangXiaoming" in text
    assert "1981-12-09" in text and "2026-11-22" in text
    assert "carriesanEpiPen" in text and "mantarays" in text
    assert ("LiNa" if lang == "en" else "李娜") in text
    assert "interests.falconry" in text  # unknown keys stay visible


def test_every_font_is_embedded_and_no_base_font(studio, wang, tmp_path):
    out = tmp_path / "form.pdf"
    write_intake_form(studio, out, client_id=wang.id, lang="zh", today=TODAY)
    raw = out.read_bytes()
    assert b"Helvetica" not in raw and b"Times-Roman" not in raw
    fonts = re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", raw)
    assert fonts and len(re.findall(rb"/FontFile2", raw)) >= len(set(fonts))
    assert any(b"DroidSansFallback" in f for f in fonts) and any(b"NotoSans" in f for f in fonts)


def test_cli_writes_atomically_and_reports_errors(studio, wang, data_dir, tmp_path, capsys):
    studio.close()
    out = tmp_path / "q.pdf"
    assert (
        main(
            [
                "--data-dir",
                str(data_dir),
                "intake-form",
                str(out),
                "--client",
                "Wang",
                "--lang",
                "zh",
            ]
        )
        == 0
    )
    assert "pre-filled for Wang Xiaoming & Li Na" in capsys.readouterr().out
    assert "李娜" in _text(out)
    assert main(["--data-dir", str(data_dir), "intake-form", str(tmp_path / "b.pdf")]) == 0
    assert (
        main(
            [
                "--data-dir",
                str(data_dir),
                "intake-form",
                str(tmp_path / "x.pdf"),
                "--client",
                "Nobody",
            ]
        )
        == 1
    )
    assert "No client matches" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
    assert (
        main(["--data-dir", str(data_dir), "intake-form", str(tmp_path / "missing" / "x.pdf")]) == 1
    )
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".partial"] == []


def test_chinese_lines_never_start_with_punctuation(tmp_path):
    out = tmp_path / "form.pdf"
    write_intake_form(None, out, lang="zh", today=TODAY)
    lines = [line.strip() for line in _text(out).splitlines() if line.strip()]
    assert not [line for line in lines if line[0] in "，。、；：！？）"]


def test_unknown_language_refused(tmp_path):
    with pytest.raises(StudioError):
        write_intake_form(None, tmp_path / "x.pdf", lang="fr")
