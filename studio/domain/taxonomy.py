"""The preference taxonomy, read from ``resources/taxonomy/preferences.json``.

Facts store taxonomy keys such as ``interests.diving``; labels (English and Chinese) come from the
file, so renaming a label never touches stored facts. A key the file no longer knows stays a fact:
:func:`label` shows it as the key itself, marked unknown, and nothing drops it.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field

from studio import paths
from studio.domain import values as v

# The vocabularies as plain tuples (their one definition is the StrEnum in studio.domain.values).
LEVELS = v.keys(v.FactLevel)
SEVERITIES = v.keys(v.Severity)
SOURCES = v.keys(v.FactSource)
LANGS = v.keys(v.Language)


@dataclass(frozen=True)
class Item:
    key: str
    section: str
    label: dict[str, str]
    tags: tuple[str, ...] = ()  # what the item is about: a clash when the traveller dislikes it
    avoid: tuple[str, ...] = ()  # what a traveller with this need or restriction must avoid

    def text(self, lang: str = "en") -> str:
        return self.label.get(lang) or self.label["en"]


@dataclass(frozen=True)
class Section:
    key: str
    label: dict[str, str]
    kind: str  # preference / need / diet / note
    required: bool
    single: bool
    items: tuple[Item, ...] = field(default_factory=tuple)

    def text(self, lang: str = "en") -> str:
        return self.label.get(lang) or self.label["en"]


@dataclass(frozen=True)
class Taxonomy:
    sections: tuple[Section, ...]
    levels: dict[str, dict[str, str]]
    severities: dict[str, dict[str, str]]
    sources: dict[str, dict[str, str]]
    party: dict[str, str]

    @functools.cached_property
    def items(self) -> dict[str, Item]:
        return {i.key: i for s in self.sections for i in s.items}

    @functools.cached_property
    def by_section(self) -> dict[str, Section]:
        return {s.key: s for s in self.sections}

    def knows(self, key: str) -> bool:
        return key in self.items


@functools.lru_cache(maxsize=1)
def load() -> Taxonomy:
    doc = json.loads(
        (paths.resources_dir() / "taxonomy" / "preferences.json").read_text(encoding="utf-8")
    )
    sections = tuple(
        Section(
            key=s["key"],
            label=s["label"],
            kind=s["kind"],
            required=bool(s.get("required")),
            single=bool(s.get("single")),
            items=tuple(
                Item(
                    i["key"],
                    s["key"],
                    i["label"],
                    tuple(i.get("tags", ())),
                    tuple(i.get("avoid", ())),
                )
                for i in s["items"]
            ),
        )
        for s in doc["sections"]
    )
    return Taxonomy(sections, doc["levels"], doc["severities"], doc["sources"], doc["party"])


def label(key: str, lang: str = "en") -> str:
    """A fact key as people read it; an unknown key shows as itself, marked, never hidden."""
    item = load().items.get(key)
    if item is None:
        return f"{key} (unknown)" if lang == "en" else f"{key}（未知）"
    return item.text(lang)


def level_label(level: str, lang: str = "en") -> str:
    return load().levels.get(level, {}).get(lang, level)


def search_text(key: str | None) -> str:
    """Both labels of a key (and its section's), for the search index."""
    if not key:
        return ""
    tax = load()
    item = tax.items.get(key)
    if item is None:
        return key.replace(".", " ").replace("_", " ")
    return " ".join(item.label.values())
