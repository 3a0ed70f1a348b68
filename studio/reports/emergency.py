"""Emergency telephone numbers per country (``resources/emergency_numbers.json``) and matching a
trip's destinations ("Kyoto, Japan", "丽江", "Lijiang") to the countries they are in.

A destination matches every country one of whose names or aliases it contains: whole words for
Latin script (accents and case ignored, so "Zurich" finds "Zürich"), a plain substring for Chinese
(no spaces between words). The longest alias wins where two overlap ("印度尼西亚" is Indonesia, not
India), and a territory replaces the country it lies within ("Hong Kong, China" is Hong Kong).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass

from studio import paths

#: The order services are printed in.
SERVICES = (
    "emergency",
    "police",
    "ambulance",
    "fire",
    "tourist_police",
    "tourist_helpline",
    "air_rescue",
    "mobile",
)

_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    name_zh: str
    numbers: dict[str, str]
    within: str | None = None

    def display(self, lang: str = "en") -> str:
        return f"{self.name_zh} {self.name}" if lang == "zh" else f"{self.name} {self.name_zh}"


@dataclass(frozen=True)
class Match:
    """The countries of a trip's destinations, in the order first named, and what matched none."""

    countries: list[tuple[Country, list[str]]]  # each with the destinations that named it
    unknown: list[str]


def _norm(text: str) -> str:
    """Latin text folded for matching: no accents, lower case, words separated by single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w]+|_", " ", text).split())


@functools.cache
def countries() -> tuple[Country, ...]:
    data = json.loads(
        (paths.resources_dir() / "emergency_numbers.json").read_text(encoding="utf-8")
    )
    return tuple(
        Country(c["code"], c["name"], c["name_zh"], dict(c["numbers"]), c.get("within"))
        for c in data["countries"]
    )


@functools.cache
def _aliases() -> tuple[list[tuple[str, Country]], list[tuple[str, Country]]]:
    """(Latin aliases normalized, Chinese aliases), longest first."""
    data = json.loads(
        (paths.resources_dir() / "emergency_numbers.json").read_text(encoding="utf-8")
    )
    by_code = {c.code: c for c in countries()}
    latin: dict[str, Country] = {}
    cjk: dict[str, Country] = {}
    for c in data["countries"]:
        country = by_code[c["code"]]
        for alias in (c["name"], c["name_zh"], *c.get("aliases", ())):
            if _CJK.search(alias):
                cjk.setdefault(alias, country)
            elif _norm(alias):
                latin.setdefault(_norm(alias), country)
    return (
        sorted(latin.items(), key=lambda kv: -len(kv[0])),
        sorted(cjk.items(), key=lambda kv: -len(kv[0])),
    )


def countries_of(destination: str) -> list[Country]:
    """The countries a destination names (usually one; none when it names no known place)."""
    latin, cjk = _aliases()
    spans: list[tuple[int, int, Country]] = []
    text = " " + _norm(destination) + " "
    for alias, country in latin:
        start = text.find(f" {alias} ")
        while start >= 0:
            spans.append((start + 1, start + 1 + len(alias), country))
            start = text.find(f" {alias} ", start + 1)
    raw = destination or ""
    offset = len(text)  # Chinese spans live in a coordinate space of their own
    for alias, country in cjk:
        start = raw.find(alias)
        while start >= 0:
            spans.append((offset + start, offset + start + len(alias), country))
            start = raw.find(alias, start + 1)
    # the longest alias wins where two overlap
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    kept: list[tuple[int, int, Country]] = []
    for s in spans:
        if not any(s[0] < k[1] and k[0] < s[1] for k in kept):
            kept.append(s)
    found: list[Country] = []
    for _a, _b, country in sorted(kept, key=lambda s: s[0]):
        if country not in found:
            found.append(country)
    inner = {c.within for c in found if c.within}
    return [c for c in found if c.code not in inner]


def match(destinations: list[str]) -> Match:
    """The countries of a trip's destinations, each once, and the destinations matching none."""
    out: dict[str, tuple[Country, list[str]]] = {}
    unknown: list[str] = []
    for dest in destinations:
        if not (dest or "").strip():
            continue
        found = countries_of(dest)
        if not found:
            unknown.append(dest)
        for c in found:
            out.setdefault(c.code, (c, []))[1].append(dest)
    return Match(list(out.values()), unknown)
