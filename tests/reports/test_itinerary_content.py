"""The handout and the intake form print content objects: no studio needed, and no report module
imports a service."""

from __future__ import annotations

import ast
import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from pdftext import page_texts, squash

import studio
from studio.reports import intake_form, itinerary
from studio.reports.handout_content import (
    HandoutContent,
    HandoutDay,
    HandoutItem,
    HandoutStudio,
    HandoutSupplier,
    PriceTotal,
)
from studio.reports.intake_content import IntakeContent, IntakeTraveller, KnownAnswer

REPORTS = Path(studio.__file__).parent / "reports"


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at module level or inside functions."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


HOTEL = HandoutSupplier("hotel", "Hôtel d'Europe", "欧洲酒店", "+33 4 90 14 76 76", "Avignon")
CONTENT = HandoutContent(
    title="Pacific loop",
    client="Zhang Wei  张伟",
    client_name="Zhang Wei",
    currency="USD",
    start_date="2026-12-02",
    end_date="2026-12-03",
    travellers=("Zhang Wei (张伟)",),
    destinations=("Tokyo, Japan",),
    days=(
        HandoutDay(
            1,
            "2026-12-02",
            "Across the date line",
            items=(
                HandoutItem(
                    "flight",
                    "Tokyo → Honolulu",
                    "21:40",
                    "09:40",
                    "JST",
                    "HST",
                    confirmation="JL-784",
                    price=Decimal("1200"),
                    currency="USD",
                ),
                HandoutItem("lodging", "Check in", supplier=HOTEL, price=Decimal("300.5")),
            ),
        ),
        HandoutDay(2, "2026-12-03"),
    ),
    price_totals=(PriceTotal("USD", Decimal("1500.50"), 2),),
    studio=HandoutStudio(
        "Lotus Journeys", "莲途旅行", "Lotus Journeys 莲途旅行", emergency_phone="+86 21 5555 0199"
    ),
)


def test_handout_from_content_alone(tmp_path):
    out = tmp_path / "h.pdf"
    pages = itinerary.render(CONTENT, out, prices=True)
    text = page_texts(out)
    assert pages == len(text)
    body = squash("".join(text))
    assert "LOTUSJOURNEYS" in body and "莲途旅行" in body and "2–3December2026" in body
    assert "21:40JST–09:40HST" in body and "(+1)" not in body  # the content says: same day
    assert "Hôteld'Europe(欧洲酒店)" in body and "JL-784" in body and "+86215555" in body
    assert "1,500.50USD" in body and "2items" in body
    late = dataclasses.replace(CONTENT.days[0].items[0], arrival_offset="\u22121")
    day = dataclasses.replace(CONTENT.days[0], items=(late,))
    itinerary.render(dataclasses.replace(CONTENT, days=(day,)), out, lang="zh")
    body = squash("".join(page_texts(out)))
    assert "09:40HST(–1)" in body and "2026年12月2日至3日" in body


def test_intake_form_from_content_alone(tmp_path):
    content = IntakeContent(
        lang="en",
        brand="Lotus Journeys",
        client="张伟 · Zhang Wei",
        date="2026-12-02",
        travellers=(IntakeTraveller("张伟 · Zhang Wei", "1980-05-04"),),
        known=(("dietary.vegetarian", KnownAnswer(frozenset({"must"}), notes=("Zhang Wei",))),),
        other=("Zhang Wei: Opera — love",),
    )
    out = tmp_path / "f.pdf"
    assert intake_form.render(content, out) >= 1
    body = squash("".join(page_texts(out)))
    assert "LOTUSJOURNEYS" in body and "ZhangWei" in body and "2026-12-02" in body
    assert "1980-05-04" in body and "Otherthingswenoted" in body


def test_content_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        CONTENT.title = "x"  # type: ignore[misc]
