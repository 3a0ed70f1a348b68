"""Emergency numbers: the data file is sound, destinations match their countries (Latin and
Chinese, cities and aliases, longest name first), and every demo destination is covered."""

from __future__ import annotations

import json
import re

import pytest

from studio import paths
from studio.reports import emergency
from studio.reports.words import handout_words as words


def codes(dest: str) -> list[str]:
    return [c.code for c in emergency.countries_of(dest)]


@pytest.mark.parametrize(
    "dest,expected",
    [
        ("Kyoto, Japan", ["JP"]),
        ("京都", ["JP"]),
        ("丽江", ["CN"]),
        ("Lijiang", ["CN"]),
        ("Shangri-La", ["CN"]),
        ("ZÜRICH", ["CH"]),
        ("Zurich", ["CH"]),
        ("Côte d'Azur", ["FR"]),
        ("cote d azur", ["FR"]),
        ("Hong Kong, China", ["HK"]),
        ("中国香港", ["HK"]),
        ("印度尼西亚巴厘岛", ["ID"]),
        ("印度", ["IN"]),
        ("Santiago de Compostela", ["ES"]),
        ("Santiago", ["CL"]),
        ("Northern Ireland", ["GB"]),
        ("Paris and Rome", ["FR", "IT"]),
        ("Atlantis", []),
        ("", []),
        ("Parisian cafés", []),
    ],
)
def test_destinations_match_countries(dest, expected):
    assert codes(dest) == expected


def test_match_groups_destinations_and_keeps_the_unknown():
    m = emergency.match(["Kyoto", "Nara", "丽江", "Atlantis", " "])
    assert [(c.code, named) for c, named in m.countries] == [
        ("JP", ["Kyoto", "Nara"]),
        ("CN", ["丽江"]),
    ]
    assert m.unknown == ["Atlantis"]


def test_data_file_is_sound():
    data = json.loads(
        (paths.resources_dir() / "emergency_numbers.json").read_text(encoding="utf-8")
    )
    seen: dict[str, str] = {}
    codes_ = [c["code"] for c in data["countries"]]
    assert len(codes_) == len(set(codes_)) >= 50
    for c in data["countries"]:
        assert c["name"] and re.search("[\u4e00-\u9fff]", c["name_zh"]), c["code"]
        assert c["numbers"] and set(c["numbers"]) <= set(emergency.SERVICES), c["code"]
        assert all(re.fullmatch(r"\d{2,5}( / \d{2,5})?", n) for n in c["numbers"].values()), c[
            "code"
        ]
        assert c.get("within") in (None, *codes_)
        for alias in (c["name"], c["name_zh"], *c["aliases"]):
            key = emergency._norm(alias) or alias
            assert seen.setdefault(key, c["code"]) == c["code"], f"{alias} names two countries"
    for lang in ("en", "zh"):
        assert set(emergency.SERVICES) <= set(words(lang)["services"])


@pytest.mark.parametrize(
    "country,numbers",
    [
        ("CN", {"police": "110", "ambulance": "120", "fire": "119"}),
        ("JP", {"police": "110", "ambulance": "119"}),
        ("US", {"emergency": "911"}),
        ("GB", {"emergency": "999 / 112"}),
        ("AU", {"emergency": "000"}),
        ("NZ", {"emergency": "111"}),
        ("FR", {"emergency": "112"}),
        ("TH", {"tourist_police": "1155"}),
    ],
)
def test_well_known_numbers(country, numbers):
    c = {c.code: c for c in emergency.countries()}[country]
    assert numbers.items() <= c.numbers.items()


def test_every_demo_destination_has_a_country():
    from studio.services.demo import trips as demo_trips

    dests = {d for plan in demo_trips._PLANS for d in plan[2]}
    assert dests and all(codes(d) for d in dests), [d for d in dests if not codes(d)]
