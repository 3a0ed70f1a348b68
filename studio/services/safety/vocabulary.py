"""The profile check's vocabulary, read from ``resources/safety/foods.json``: concepts (foods,
ingredients, kinds of activity) with their words in English and Chinese, the dishes made with them,
the narrower concepts each covers, and which concepts each taxonomy fact avoids or is about.

Matching is done here too, as pure functions of text: Latin words match whole words (a plural "s"
allowed), Chinese terms anywhere; case, accents, hyphens and full-width forms never matter.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace

from studio import paths
from studio.domain import taxonomy

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SEPARATORS = re.compile(r"[\s_\-‐-―/·・,;:!?()\[\]{}\"“”‘’'`.+*&]+")
_NEGATION_BEFORE = re.compile(r"(?:\bno|\bwithout|\bfree of|\bsans|\bsin|\bnon|\bhold the)\s*$")
_NEGATION_AFTER = re.compile(r"^\s*(?:free|less)\b")
_CJK_NEGATION_BEFORE = ("无", "不含", "免", "去", "没有", "不加", "不放", "走")


@functools.lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Case-, accent- and width-insensitive text with punctuation as single spaces."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return " " + _SEPARATORS.sub(" ", text).strip() + " "


def is_cjk(term: str) -> bool:
    return bool(_CJK.search(term))


@dataclass(frozen=True)
class Concept:
    key: str
    label: dict[str, str]
    terms: tuple[str, ...]
    derived: tuple[str, ...] = ()
    includes: tuple[str, ...] = ()
    not_: tuple[str, ...] = ()

    def text(self, lang: str = "en") -> str:
        return self.label.get(lang) or self.label.get("en") or self.key


@dataclass(frozen=True)
class FactRule:
    """Which concepts a fact avoids (a need or restriction: a peanut allergy avoids peanuts) and
    which it is about (a preference: disliking red-eye flights is about red-eye flights)."""

    avoid: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    what: dict[str, str] = field(default_factory=dict)
    allergen: bool = False
    may_contain: tuple[str, ...] = ()  # broader words that often hold it ("seafood" for shellfish)
    loud: str | None = None  # "danger": a clash is as loud as a severe allergy (wheelchair, heart)


@dataclass(frozen=True)
class Hit:
    concept: str  # the concept the matched term belongs to
    term: str  # the words as they stand in the item's text (normalised)
    derived: bool  # a dish made with the concept, not its name
    negated: bool  # "peanut-free", "no shrimp", "无花生"
    start: int
    may: bool = False  # a broader word that may hold it ("seafood" for a shellfish allergy)


class _Matcher:
    def __init__(self, concept: Concept):
        self.concept = concept
        latin = [t for t in (*concept.terms, *concept.derived) if not is_cjk(t)]
        self.cjk = sorted(
            {normalise(t).strip() for t in (*concept.terms, *concept.derived) if is_cjk(t)},
            key=len,
            reverse=True,
        )
        self.derived = {normalise(t).strip() for t in concept.derived}
        self.latin = _word_pattern(latin)
        self.not_latin = _word_pattern([t for t in concept.not_ if not is_cjk(t)])
        self.not_cjk = [normalise(t).strip() for t in concept.not_ if is_cjk(t)]
        self.cjk_any = _any_pattern(self.cjk)
        self.not_cjk_any = _any_pattern(self.not_cjk)

    def find(self, text: str) -> list[Hit]:
        """Every mention of the concept in ``text`` (already :func:`normalise`-d)."""
        masked: list[tuple[int, int]] = []
        if self.not_latin is not None:
            masked += [m.span() for m in self.not_latin.finditer(text)]
        cjk_text = _CJK.search(text) is not None
        if cjk_text and self.not_cjk_any is not None:
            masked += [m.span(1) for m in self.not_cjk_any.finditer(text)]
        found: list[tuple[int, int]] = []
        if self.latin is not None:
            found += [m.span(1) for m in self.latin.finditer(text)]
        if cjk_text and self.cjk_any is not None:
            found += [m.span(1) for m in self.cjk_any.finditer(text)]
        out: list[Hit] = []
        taken: list[tuple[int, int]] = []
        for s, e in sorted(found, key=lambda se: (se[0], -(se[1] - se[0]))):
            if any(ms <= s and e <= me for ms, me in masked):
                continue
            if any(ts <= s < te for ts, te in taken):
                continue  # inside a longer term already found ("peanut" in "peanut sauce")
            taken.append((s, e))
            term = text[s:e].strip()
            singular = term[:-1] if term.endswith("s") else term
            out.append(
                Hit(
                    self.concept.key,
                    term,
                    term in self.derived or singular in self.derived,
                    _negated(text, s, e),
                    s,
                )
            )
        return out


def _word_pattern(terms: list[str]) -> re.Pattern[str] | None:
    words = sorted({normalise(t).strip() for t in terms if t.strip()}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(w).replace(r"\ ", " ") for w in words)
    return re.compile(rf"(?<![a-z0-9])((?:{alternatives})s?)(?![a-z0-9])")


def _any_pattern(terms: list[str]) -> re.Pattern[str] | None:
    """Every occurrence of any of ``terms`` (overlapping ones too, longest first at a place)."""
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    return re.compile(rf"(?=({alternatives}))")


def _negated(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 14) : start], text[end : end + 8]
    if _NEGATION_BEFORE.search(before) or _NEGATION_AFTER.search(after):
        return True
    tight = before.rstrip()
    return any(tight.endswith(n) for n in _CJK_NEGATION_BEFORE)


@dataclass(frozen=True)
class Vocabulary:
    concepts: dict[str, Concept]
    facts: dict[str, FactRule]
    _cache: dict = field(default_factory=dict, compare=False, repr=False)  # derived indexes

    def closure(self, keys: tuple[str, ...] | list[str]) -> list[str]:
        """The concepts and every narrower one they include (seafood → fish, raw fish…)."""
        out: list[str] = []
        todo = list(keys)
        while todo:
            k = todo.pop(0)
            if k in out:
                continue
            out.append(k)
            c = self.concepts.get(k)
            if c:
                todo += list(c.includes)
        return out

    def concept_for_word(self, word: str) -> str:
        """A concept key for a taxonomy word such as "early start" or "shellfish"; a word the
        vocabulary does not know becomes a concept of its own (matched as written)."""
        n = normalise(word).strip()
        return self._word_index().get(n, "word:" + n)

    def _word_index(self) -> dict[str, str]:
        index = self._cache.get("words")
        if index is None:
            index = {}
            for c in self.concepts.values():
                index.setdefault(c.key.replace("_", " "), c.key)
                for t in c.terms:
                    index.setdefault(normalise(t).strip(), c.key)
            self._cache["words"] = index
        return index

    def concept(self, key: str) -> Concept:
        if key in self.concepts:
            return self.concepts[key]
        word = key.split(":", 1)[1] if key.startswith("word:") else key
        return Concept(key, {"en": word}, (word,))

    def rule(self, fact_key: str) -> FactRule:
        """What a fact avoids and is about: the safety file's rule, or else the taxonomy's words."""
        if fact_key in self.facts:
            return self.facts[fact_key]
        rules = self._cache.setdefault("rules", {})
        if fact_key not in rules:
            item = taxonomy.load().items.get(fact_key)
            rules[fact_key] = (
                FactRule()
                if item is None
                else FactRule(
                    avoid=tuple(self.concept_for_word(w) for w in item.avoid),
                    about=tuple(self.concept_for_word(w) for w in item.tags),
                )
            )
        return rules[fact_key]

    def matcher(self, key: str) -> _Matcher:
        return _matcher(key)

    def find(
        self, concept_keys: list[str] | tuple[str, ...], text: str, *, also: tuple[str, ...] = ()
    ) -> list[Hit]:
        """Mentions in ``text`` (normalised) of the concepts and all they include, and of the
        concepts ``also`` by their own words only (what may contain one of them)."""
        found: list[Hit] = []
        for k in self.closure(concept_keys):
            found += self.matcher(k).find(text)
        for k in also:
            found += [replace(h, may=True) for h in self.matcher(k).find(text)]
        # Overlapping mentions of two concepts ("raw" and "raw fish"): the longer one speaks.
        found.sort(key=lambda h: (h.start, -len(h.term)))
        out: list[Hit] = []
        for h in found:
            if out and h.start < out[-1].start + len(out[-1].term):
                continue
            out.append(h)
        return out

    def suggestions(self, lang: str = "en") -> list[str]:
        """Words worth offering as an item's tags: each concept's own terms."""
        out: list[str] = []
        for c in self.concepts.values():
            out += [t for t in c.terms if is_cjk(t) == (lang == "zh")]
        return out


@functools.lru_cache(maxsize=1024)
def _matcher(key: str) -> _Matcher:
    return _Matcher(load().concept(key))


@functools.lru_cache(maxsize=1)
def load() -> Vocabulary:
    doc = json.loads((paths.resources_dir() / "safety" / "foods.json").read_text(encoding="utf-8"))
    concepts = {
        key: Concept(
            key,
            c.get("label", {"en": key}),
            tuple(c.get("terms", ())),
            tuple(c.get("derived", ())),
            tuple(c.get("includes", ())),
            tuple(c.get("not", ())),
        )
        for key, c in doc["concepts"].items()
    }
    facts = {
        key: FactRule(
            tuple(r.get("avoid", ())),
            tuple(r.get("about", ())),
            dict(r.get("what", {})),
            bool(r.get("allergen")),
            tuple(r.get("may_contain", ())),
            r.get("loud"),
        )
        for key, r in doc["facts"].items()
    }
    return Vocabulary(concepts, facts)
