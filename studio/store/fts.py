"""The full-text index behind client search (SQLite FTS5).

The notes column also holds the labels (English and Chinese) of each client's preference facts,
so "diving" or "素食" finds the clients whose profile says so; and the text of their trips (title,
destinations, notes; every version's days and items with places, confirmation codes and supplier
names), so "Lijiang", "丽江" or a confirmation code finds the client. Versions repeat most of their
items, so identical lines are indexed once. Every write to a row carrying a ``client_id`` (trips,
versions, days, items) reindexes that client; renaming a supplier reaches a client's row when
that client is next written (or on a full :func:`reindex`).

FTS5's ``unicode61`` tokenizer with ``remove_diacritics 2`` folds case and accents, so "zoe" finds
"Zoë". Chinese has no spaces between words, so every CJK character is indexed as a token of its own
and a Chinese query becomes a phrase of characters: "小明" finds "王小明". Phones are indexed with
their digits too, so "13800138000" finds "+86 138 0013 8000".

Names are also indexed the way Chinese studios type them (:func:`name_terms`): each Chinese name's
pinyin without tones, syllable by syllable, run together and as initials ("wang xiao ming
wangxiaoming xiaoming wxm" for 王小明; a surname read as a surname: 单 shan, 曾 zeng), its
simplified form when written in traditional characters (劉 → 刘), and the words of a romanized
name run together ("hanjiayi" for Han Jiayi). A Chinese query matches either form (劉 or 刘).
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from typing import Any

from sqlalchemy.engine import Connection

# CJK ideographs, kana, hangul, CJK punctuation and full-width forms.
_CJK = re.compile(
    "([\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[\U00020000-\U0002fa1f])"
)


def fold(text: str | None) -> str:
    """Text as indexed: each CJK character set apart as a token of its own."""
    if not text:
        return ""
    return _CJK.sub(r" \1 ", text)


@functools.lru_cache(maxsize=4096)
def phone_terms(value: str | None) -> str:
    """Extra searchable forms of a phone number: its national digits and its full digits."""
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    terms = [digits]
    try:
        import phonenumbers

        num = phonenumbers.parse(value, None)
        terms.append(str(num.national_number))
    except Exception:  # noqa: BLE001 - any unparsable number just gets its raw digits
        pass
    return " ".join(dict.fromkeys(t for t in terms if t))


# Characters whose reading as a surname differs from their everyday one (pypinyin reads 单 as
# "dan", 曾 as "ceng"); compound surnames are read as one.
_SURNAMES = {
    "尉迟": "yu chi",
    "万俟": "mo qi",
    "长孙": "zhang sun",
    "单于": "chan yu",
    "单": "shan",
    "曾": "zeng",
    "区": "ou",
    "仇": "qiu",
    "解": "xie",
    "查": "zha",
    "朴": "piao",
    "盖": "ge",
    "缪": "miao",
    "翟": "zhai",
    "覃": "qin",
    "乐": "yue",
    "召": "shao",
    "种": "chong",
    "繁": "po",
    "折": "she",
    "秘": "bi",
    "隗": "wei",
    "句": "gou",
    "员": "yun",
    "能": "nai",
    "那": "na",
    "黑": "he",
    "祭": "zhai",
    "过": "guo",
    "纪": "ji",
    "令狐": "ling hu",
    "澹台": "tan tai",
    "皇甫": "huang fu",
    "宇文": "yu wen",
    "沈": "shen",
    "牟": "mou",
    "哈": "ha",
    "卜": "bu",
    "薄": "bo",
    "柏": "bai",
    "贾": "jia",
    "粘": "nian",
    "蕃": "pi",
    "冼": "xian",
    "洗": "xian",
    "谌": "chen",
    "訾": "zi",
}
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")
_LATIN_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@functools.cache
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@functools.cache
def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


def simplified(text: str) -> str:
    """``text`` with traditional Chinese characters in their simplified form (OpenCC's tables)."""
    return str(_t2s().convert(text)) if _HAN.search(text) else text


def traditional(text: str) -> str:
    """``text`` with simplified Chinese characters in their traditional form."""
    return str(_s2t().convert(text)) if _HAN.search(text) else text


@functools.cache
def _readings() -> dict[int, str]:
    # pypinyin's table of each character's readings (the usual one first); its phrase table,
    # which would take seconds to load in every process, is not needed for names
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


def _toneless(reading: str) -> str:
    """ "lǜ" → "lv": tone marks dropped, ü written v as pinyin keyboards type it."""
    plain = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in plain if c.isascii() and c.isalpha()).lower()


@functools.lru_cache(maxsize=65536)
def name_pinyin(name: str) -> list[str]:
    """Toneless pinyin syllables of a Chinese name, the surname read as a surname."""
    name = simplified(name)
    head: list[str] = []
    for n in (2, 1):
        if len(name) > n - 1 and name[:n] in _SURNAMES and (n == 1 or len(name) > 2):
            head = _SURNAMES[name[:n]].split()
            name = name[n:]
            break
    table = _readings()
    rest = [_toneless(table[ord(ch)].split(",")[0]) for ch in name if ord(ch) in table]
    return [p for p in head + rest if p]


@functools.lru_cache(maxsize=65536)
def name_terms(text: str | None) -> str:
    """Names as indexed: folded, plus their pinyin, simplified form and words run together."""
    if not text:
        return ""
    extra: list[str] = []
    simple = simplified(text)
    if simple != text:
        extra.append(simple)
    for run in _HAN.findall(simple):
        for syl in dict.fromkeys((tuple(name_pinyin(run)), tuple(_u_for_v(name_pinyin(run))))):
            extra += _pinyin_terms(list(syl))
    for group in re.split(r"[&,;/()（）、，+]| and ", text):
        words = [w.lower() for w in _LATIN_WORDS.findall(group) if not _HAN.search(w)]
        for size in (2, 3):
            for i in range(len(words) - size + 1):
                extra.append("".join(words[i : i + size]))
    return fold(text + (" " + " ".join(dict.fromkeys(extra)) if extra else ""))


def _u_for_v(syllables: list[str]) -> list[str]:
    """The syllables with ü written u ("lu" for 吕), as it is often typed too."""
    return [s.replace("v", "u") for s in syllables]


def _pinyin_terms(syl: list[str]) -> list[str]:
    """Index terms of one name's syllables: each, all run together, initials, the given name."""
    if not syl:
        return []
    terms = [*syl, "".join(syl), "".join(s[0] for s in syl)]
    if len(syl) > 2:  # the given name of a one-character surname, and its initials
        terms += ["".join(syl[1:]), "".join(s[0] for s in syl[1:])]
    return terms


def register_functions(dbapi_connection: sqlite3.Connection) -> None:
    dbapi_connection.create_function("ts_fold", 1, fold, deterministic=True)
    dbapi_connection.create_function("ts_names", 1, name_terms, deterministic=True)
    dbapi_connection.create_function("ts_phone", 1, phone_terms, deterministic=True)
    dbapi_connection.create_function("ts_pref", 1, preference_terms, deterministic=True)


def preference_terms(key: str | None) -> str:
    """A profile fact's labels in every language (so "diving" and "潜水" both find it)."""
    from studio.domain import taxonomy

    return taxonomy.search_text(key)


# The index row of a client; rowid = client.rowid. ``{where}`` picks the clients.
_ROW_SQL = """
INSERT INTO client_fts(rowid, names, contacts, tags, notes)
SELECT c.rowid,
  ts_names(c.name || ' ' || coalesce(c.native_name, '') || ' ' || coalesce((
      SELECT group_concat(p.name || ' ' || coalesce(p.native_name, ''), ' ')
      FROM person p WHERE p.client_id = c.id AND p.deleted_at IS NULL), '')),
  ts_fold(coalesce((
      SELECT group_concat(cp.value || CASE WHEN cp.kind = 'phone' THEN ' ' || ts_phone(cp.value) ELSE '' END, ' ')
      FROM contact_point cp WHERE cp.client_id = c.id AND cp.deleted_at IS NULL), '')),
  ts_fold(coalesce((SELECT group_concat(j.value, ' ') FROM json_each(c.tags) j), '')),
  ts_fold(c.notes || ' ' || coalesce((
      SELECT group_concat(p.notes, ' ') FROM person p
      WHERE p.client_id = c.id AND p.deleted_at IS NULL AND p.notes != ''), '') || ' ' || coalesce((
      SELECT group_concat(i.summary || ' ' || i.body, ' ') FROM interaction i
      WHERE i.client_id = c.id AND i.deleted_at IS NULL), '') || ' ' || coalesce((
      SELECT group_concat(ts_pref(pf.key) || ' ' || pf.note, ' ') FROM profile_fact pf
      WHERE pf.client_id = c.id AND pf.deleted_at IS NULL AND pf.level != 'neutral'), '') || ' ' || coalesce((
      SELECT group_concat(x.txt, ' ') FROM (
        SELECT t.title || ' ' || t.notes || ' ' || coalesce((SELECT group_concat(j.value, ' ') FROM json_each(
            CASE WHEN json_valid(t.destinations) THEN t.destinations ELSE '[]' END) j), '') AS txt
        FROM trip t WHERE t.client_id = c.id AND t.deleted_at IS NULL
        UNION
        SELECT d.title || ' ' || d.notes FROM trip t
        JOIN trip_version v ON v.trip_id = t.id AND v.deleted_at IS NULL
        JOIN trip_day d ON d.version_id = v.id AND d.deleted_at IS NULL
        WHERE t.client_id = c.id AND t.deleted_at IS NULL
        UNION
        SELECT i.title || ' ' || i.place || ' ' || i.notes || ' ' || coalesce(i.confirmation, '') || ' ' ||
               coalesce(s.name || ' ' || coalesce(s.native_name, ''), '') FROM trip t
        JOIN trip_version v ON v.trip_id = t.id AND v.deleted_at IS NULL
        JOIN trip_item i ON i.version_id = v.id AND i.deleted_at IS NULL
        LEFT JOIN supplier s ON s.id = i.supplier_id
        WHERE t.client_id = c.id AND t.deleted_at IS NULL) x), ''))
FROM client c
WHERE c.deleted_at IS NULL {where}
"""


def reindex(conn: Connection, client_ids: Iterable[str] | None = None) -> None:
    """Rebuild the index rows of some clients (all when ``client_ids`` is None).

    ``conn`` is an SQLAlchemy Connection inside the write transaction.
    """
    if client_ids is None:
        conn.exec_driver_sql("DELETE FROM client_fts")
        conn.exec_driver_sql(_ROW_SQL.format(where=""))
        return
    ids = json.dumps(sorted(set(client_ids)))
    if ids == "[]":
        return
    conn.exec_driver_sql(
        "DELETE FROM client_fts WHERE rowid IN "
        "(SELECT rowid FROM client WHERE id IN (SELECT value FROM json_each(?)))",
        (ids,),
    )
    conn.exec_driver_sql(
        _ROW_SQL.format(where="AND c.id IN (SELECT value FROM json_each(?))"), (ids,)
    )


def clients_using_suppliers(conn: Connection, supplier_ids: Iterable[str]) -> set[str]:
    """Clients whose itineraries name one of these suppliers (their index rows carry its name)."""
    ids = json.dumps(sorted(set(supplier_ids)))
    if ids == "[]":
        return set()
    rows = conn.exec_driver_sql(
        "SELECT DISTINCT client_id FROM trip_item WHERE deleted_at IS NULL "
        "AND supplier_id IN (SELECT value FROM json_each(?))",
        (ids,),
    )
    return {r[0] for r in rows}


_TOKEN = re.compile(r"[\w\u0080-\uffff]+", re.UNICODE)


def match_expression(text: str) -> str | None:
    """An FTS5 MATCH expression for what a person typed, or None if nothing searchable.

    Every word must match (AND); the last Latin word is a prefix so results follow typing, and
    so is every word of two or more letters. Chinese runs become phrases of single characters.
    """
    merged: list[str] = []
    for word in (text or "").split():
        parts: list[str] = []
        for chunk in fold(word).split():
            for tok in _TOKEN.findall(chunk):
                tok = tok.replace('"', "")
                if not tok:
                    continue
                if _CJK.fullmatch(tok):
                    parts.append(f'"{tok}"')
                else:
                    parts.append(f'"{tok}"*')
        # Adjacent CJK characters of one typed word form one phrase, so "小明" does not match
        # "小 ... 明" far apart; a space typed between two Chinese words keeps them apart.
        for i, p in enumerate(parts):
            if i and _is_cjk_term(p) and _is_cjk_term(merged[-1]):
                merged[-1] = merged[-1][:-1] + " " + p[1:]
            else:
                merged.append(p)
    return " AND ".join(_either_script(t) for t in merged) if merged else None


def _either_script(term: str) -> str:
    """A Chinese phrase matches in simplified or traditional characters: ("劉" OR "刘")."""
    if not _is_cjk_term(term):
        return term
    forms = list(dict.fromkeys((term, simplified(term), traditional(term))))
    return term if len(forms) == 1 else "(" + " OR ".join(forms) + ")"


def _is_cjk_term(term: str) -> bool:
    inner = term.strip('"*').split(" ")
    return not term.endswith("*") and all(_CJK.fullmatch(ch) for ch in inner)
