"""The profile check's matcher against real menu and activity texts, in English and Chinese.

Each row: a profile fact, an item (title, tags, notes, optional kind and times), and what the
check must say: no flag, or a flag of a given loudness whose reason names what matched."""

from __future__ import annotations

import pytest

from studio.domain.profile_models import ProfileFact
from studio.services.safety import vocabulary
from studio.services.safety.check import ItemText, clashes

SEVERE, INTOL = "severe", "intolerance"

# fact key, level, severity, note | title, tags, notes, extra | expected (None or severity, words)
CASES = [
    # The three cases of the issue.
    (
        "dietary.peanuts",
        "never",
        SEVERE,
        "anaphylaxis",
        "Dinner at Sushi Zen",
        ["sushi", "peanut sauce"],
        "",
        {},
        ("danger", "“peanut sauce” in the tags matches the severe peanut allergy (anaphylaxis)"),
    ),
    (
        "dining.raw_food",
        "never",
        None,
        "",
        "Omakase sushi dinner",
        ["raw fish", "seafood"],
        "",
        {},
        ("warning", "“omakase” (raw fish) in the title"),
    ),
    (
        "never.red_eye",
        "never",
        None,
        "",
        "Morning visit to Kiyomizu temple",
        ["early start"],
        "Meet the guide at 06:30",
        {},
        None,
    ),
    # Peanuts: synonyms, derived dishes, Chinese.
    (
        "dietary.peanuts",
        "never",
        SEVERE,
        "",
        "Chicken satay at Lau Pa Sat",
        ["street food"],
        "",
        {},
        ("danger", "“satay” (made with peanut)"),
    ),
    (
        "dietary.peanuts",
        "never",
        SEVERE,
        "",
        "宫保鸡丁午餐",
        [],
        "",
        {},
        ("danger", "“宫保” (made with peanut)"),
    ),
    (
        "dietary.peanuts",
        "never",
        SEVERE,
        "",
        "Lunch",
        [],
        "Salad with roasted groundnuts and lime",
        {},
        ("danger", "groundnuts"),
    ),
    ("dietary.peanuts", "never", SEVERE, "", "Breakfast", [], "凉拌花生米", {}, ("danger", "花生")),
    (
        "dietary.peanuts",
        "never",
        SEVERE,
        "",
        "Coconut curry class",
        ["cooking class"],
        "Thai green curry with coconut milk",
        {},
        None,
    ),
    (
        "dietary.peanuts",
        "never",
        SEVERE,
        "",
        "Peanut-free dessert tasting",
        [],
        "",
        {},
        ("warning", "free of it; confirm with the supplier"),
    ),
    (
        "dietary.peanuts",
        "never",
        SEVERE,
        "",
        "Pad Thai street tour",
        [],
        "",
        {},
        ("danger", "“pad thai” (made with peanut)"),
    ),
    # Shellfish and seafood.
    (
        "dietary.shellfish",
        "never",
        SEVERE,
        "EpiPen",
        "Harbour dinner",
        [],
        "Grilled prawns and garlic butter",
        {},
        ("danger", "“prawns” (shellfish) in the notes"),
    ),
    ("dietary.shellfish", "never", SEVERE, "", "点心午餐", [], "虾饺、烧卖", {}, ("danger", "虾")),
    (
        "dietary.shellfish",
        "never",
        SEVERE,
        "",
        "Seafood tower at Le Dôme",
        [],
        "",
        {},
        ("danger", "(may contain shellfish)"),
    ),
    (
        "dietary.shellfish",
        "never",
        INTOL,
        "",
        "Maine lobster roll",
        [],
        "",
        {},
        ("warning", "lobster"),
    ),
    (
        "dietary.shellfish",
        "never",
        SEVERE,
        "",
        "Stir-fried greens with oyster sauce",
        [],
        "",
        {},
        ("danger", "oyster sauce"),
    ),
    (
        "dietary.shellfish",
        "never",
        SEVERE,
        "",
        "Bagel brunch",
        [],
        "贝果和咖啡",
        {},
        None,
    ),  # 贝果 is a bagel
    (
        "dietary.fish",
        "never",
        SEVERE,
        "",
        "Sichuan dinner",
        [],
        "鱼香肉丝、麻婆豆腐",
        {},
        None,
    ),  # 鱼香: fish-fragrant, no fish
    (
        "dietary.fish",
        "never",
        SEVERE,
        "",
        "Kaiseki dinner",
        ["kaiseki"],
        "Dashi broth, grilled ayu",
        {},
        ("danger", "dashi"),
    ),
    ("dietary.fish", "never", None, "", "Sashimi course", [], "", {}, ("warning", "sashimi")),
    (
        "dietary.fish",
        "never",
        SEVERE,
        "",
        "Shellfish bisque",
        [],
        "",
        {},
        None,
    ),  # "fish" inside "shellfish" is not fish
    (
        "dietary.vegetarian",
        "must",
        None,
        "",
        "Seafood paella on the beach",
        [],
        "",
        {},
        ("warning", "seafood"),
    ),
    (
        "dietary.vegetarian",
        "must",
        None,
        "",
        "Dinner at 鼎泰丰",
        [],
        "小笼包",
        {},
        ("warning", "小笼包"),
    ),
    (
        "dietary.vegetarian",
        "must",
        None,
        "",
        "Cinnamon rolls and coffee",
        [],
        "肉桂卷",
        {},
        None,
    ),  # 肉桂 is cinnamon
    (
        "dietary.halal",
        "must",
        None,
        "",
        "Check-in at the Peninsula 酒店",
        [],
        "",
        {},
        None,
    ),  # 酒店 is a hotel
    (
        "dietary.halal",
        "must",
        None,
        "",
        "Napa valley winery lunch",
        [],
        "",
        {},
        ("warning", "winery"),
    ),
    (
        "dietary.halal",
        "must",
        None,
        "",
        "Tapas crawl",
        [],
        "Jamón ibérico and manchego",
        {},
        ("warning", "jamon"),
    ),
    # Gluten, dairy, eggs.
    (
        "dietary.gluten",
        "never",
        INTOL,
        "coeliac",
        "Ramen at Ichiran",
        [],
        "",
        {},
        ("warning", "ramen"),
    ),
    ("dietary.gluten", "never", INTOL, "", "午餐：兰州拉面", [], "", {}, ("warning", "拉面")),
    (
        "dietary.gluten",
        "never",
        INTOL,
        "",
        "Meet the guide in the lobby",
        [],
        "在酒店大堂见面",
        {},
        None,
    ),  # 见面: to meet
    ("dietary.gluten", "never", INTOL, "", "Sea-view terrace", [], "面朝大海的露台", {}, None),
    (
        "dietary.gluten",
        "never",
        INTOL,
        "",
        "Gluten-free tasting menu",
        [],
        "",
        {},
        ("notice", "free of it"),
    ),
    (
        "dietary.lactose",
        "never",
        INTOL,
        "",
        "Gelato workshop in Florence",
        [],
        "",
        {},
        ("warning", "gelato"),
    ),
    ("dietary.lactose", "never", INTOL, "", "Toast with peanut butter", [], "", {}, None),
    (
        "dietary.lactose",
        "never",
        INTOL,
        "",
        "Afternoon tea",
        [],
        "Scones with clotted cream",
        {},
        ("warning", "cream"),
    ),
    ("dietary.eggs", "never", SEVERE, "", "Grilled eggplant lunch", [], "", {}, None),
    (
        "dietary.eggs",
        "never",
        SEVERE,
        "",
        "Macau egg tart walk",
        [],
        "",
        {},
        ("danger", "egg tart"),
    ),
    # Mobility and health.
    (
        "access.wheelchair",
        "must",
        None,
        "",
        "Old town walk",
        [],
        "Steep cobblestones, no lift at the viewpoint",
        {},
        ("danger", "steep"),
    ),
    (
        "access.no_stairs",
        "must",
        None,
        "knee surgery",
        "Great Wall at Mutianyu",
        [],
        "",
        {},
        ("warning", "great wall"),
    ),
    ("access.no_stairs", "must", None, "", "登长城", [], "", {}, ("warning", "长城")),
    ("access.no_stairs", "must", None, "", "Hotel a few steps from the beach", [], "", {}, None),
    (
        "access.limited_walking",
        "must",
        None,
        "",
        "Tiger Leaping Gorge hike",
        [],
        "",
        {},
        ("warning", "hike"),
    ),
    ("access.altitude", "must", None, "", "Fly to Lhasa", [], "", {}, ("warning", "lhasa")),
    (
        "access.motion_sickness",
        "must",
        None,
        "",
        "Halong Bay junk cruise",
        [],
        "",
        {},
        ("warning", "junk"),
    ),
    (
        "access.pregnancy",
        "must",
        None,
        "",
        "Reef snorkelling trip",
        [],
        "",
        {},
        ("danger", "snorkelling"),
    ),
    # Times and preferences.
    (
        "never.red_eye",
        "never",
        None,
        "",
        "CX 255 Hong Kong → London",
        [],
        "",
        {"kind": "flight", "start_time": "23:55", "end_time": "05:30"},
        ("warning", "departs 23:55"),
    ),
    (
        "never.red_eye",
        "never",
        None,
        "",
        "NH 10 Tokyo → New York",
        [],
        "",
        {"kind": "flight", "start_time": "06:40", "end_time": "09:00"},
        None,
    ),
    (
        "pace.early_start",
        "dislike",
        None,
        "",
        "Tsukiji market breakfast",
        [],
        "",
        {"start_time": "05:30"},
        ("notice", "starts 05:30"),
    ),
    (
        "pace.early_start",
        "dislike",
        None,
        "",
        "Sunrise at Borobudur",
        [],
        "",
        {},
        ("notice", "sunrise"),
    ),
    ("never.group_tours", "never", None, "", "Private guide, Forbidden City", [], "", {}, None),
    (
        "never.group_tours",
        "never",
        None,
        "",
        "Seat-in-coach tour to Nikko",
        [],
        "",
        {},
        ("warning", "seat in coach"),
    ),
    (
        "values.animal_welfare",
        "love",
        None,
        "",
        "Elephant ride at Chiang Mai",
        [],
        "",
        {},
        ("notice", "elephant ride"),
    ),
    (
        "interests.diving",
        "love",
        None,
        "",
        "Scuba diving at Sipadan",
        [],
        "",
        {},
        None,
    ),  # loves it: no clash
    # Accents and case.
    (
        "dietary.lactose",
        "never",
        INTOL,
        "",
        "CRÈME BRÛLÉE masterclass",
        [],
        "",
        {},
        ("warning", "creme brulee"),
    ),
]


def _fact(key: str, level: str, severity: str | None, note: str) -> ProfileFact:
    return ProfileFact(
        client_id="c",
        person_id="p",
        key=key,
        level=level,
        severity=severity,
        note=note,
        learned_on="2026-01-01",
    )


def test_the_table_is_large_enough():
    assert len(CASES) >= 40
    assert sum(1 for c in CASES if c[-1] is None) >= 12  # and says "no" often enough


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[4][:24]}" for c in CASES])
def test_menu_and_activity_texts(case):
    key, level, severity, note, title, tags, notes, extra, expected = case
    item = ItemText(title, tuple(tags), notes, **extra)
    found = clashes(item, [_fact(key, level, severity, note)], {"p": "Li Na"})
    if expected is None:
        assert found == [], found[0].reason if found else ""
        return
    assert len(found) == 1
    loud, words = expected
    assert found[0].severity == loud, found[0].reason
    assert words in found[0].reason, found[0].reason
    assert found[0].reason.startswith("Li Na: ")


def test_normalise_folds_case_accents_width_and_hyphens():
    assert vocabulary.normalise("Crème-Brûlée") == " creme brulee "
    assert vocabulary.normalise("ＰＥＡＮＵＴ") == " peanut "


def test_word_boundaries_for_latin_substrings_for_chinese():
    v = vocabulary.load()
    assert v.find(["shellfish"], vocabulary.normalise("Shrimps on the barbie"))
    assert not v.find(["shellfish"], vocabulary.normalise("Shrimpton Street market"))
    assert v.find(["peanut"], vocabulary.normalise("炒花生"))


def test_seafood_covers_fish_and_shellfish():
    v = vocabulary.load()
    assert {"fish", "shellfish", "raw_fish"} <= set(v.closure(["seafood"]))
    item = ItemText("Lobster and chips")
    (c,) = clashes(item, [_fact("dietary.vegetarian", "must", None, "")], {"p": "Ana"})
    assert "lobster" in c.reason and "shellfish" in c.reason


def test_every_vocabulary_concept_named_by_a_rule_exists():
    v = vocabulary.load()
    for key, rule in v.facts.items():
        for concept in (*rule.avoid, *rule.about):
            assert concept in v.concepts, (key, concept)
    for c in v.concepts.values():
        for inc in c.includes:
            assert inc in v.concepts, (c.key, inc)


def test_the_fingerprint_follows_the_text_and_the_fact():
    f = _fact("dietary.peanuts", "never", SEVERE, "")
    a = clashes(ItemText("Satay dinner"), [f], {"p": "x"})[0].fingerprint
    b = clashes(ItemText("Satay dinner", notes="extra sauce"), [f], {"p": "x"})[0].fingerprint
    g = _fact("dietary.peanuts", "never", INTOL, "")
    c = clashes(ItemText("Satay dinner"), [g], {"p": "x"})[0].fingerprint
    assert len({a, b, c}) == 3
