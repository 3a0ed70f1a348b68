"""The core's words in the language the app or ``--lang`` chooses, without Qt.

One message table per language, keyed by the English text itself (as gettext does), lives in
``resources/translations/core_<lang>.json``. Code writes ``tr("The name is empty.")`` or, with
values, ``tr("{field} is not a date.", field=label)``; the placeholders are ``str.format`` names,
kept by every translation (a test checks). ``tr_n(singular, plural, n)`` picks the plural form
(Chinese has one form; English two) and ``{n}`` is always available in both.

``python -m ui.i18n_build`` collects every ``tr(...)``/``tr_n(...)`` text of ``studio/`` into the
tables (new ones with an empty translation, which the catalogue test reports as unfinished), next
to the Qt catalogue of the desktop client.

The current language is process-wide: the desktop client sets it when the user picks one, the
command line from ``--lang`` or the environment (``LC_ALL``, ``LC_MESSAGES``, ``LANG``).
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from studio import paths

#: The languages the app speaks, by code, each named in itself (as a language menu shows them).
LANGUAGES: dict[str, str] = {"en": "English", "zh": "简体中文"}
#: The language the source texts are written in.
SOURCE_LANGUAGE = "en"
#: Each language's locale (for Qt's catalogues and babel's formats).
LOCALES: dict[str, str] = {"en": "en_GB", "zh": "zh_CN"}

TRANSLATIONS_DIR = paths.resources_dir() / "translations"

_current = SOURCE_LANGUAGE


def catalogue_path(lang: str) -> Path:
    """The core's message table for ``lang`` (``resources/translations/core_zh_CN.json``)."""
    return TRANSLATIONS_DIR / f"core_{LOCALES[lang]}.json"


def normalize(lang: str | None) -> str:
    """``lang`` as one of :data:`LANGUAGES` ("zh_CN.UTF-8", "zh-Hans", "zh" → "zh"); English for
    anything the app does not speak."""
    if not lang:
        return SOURCE_LANGUAGE
    code = lang.strip().replace("-", "_").split(".")[0].split("_")[0].lower()
    return code if code in LANGUAGES else SOURCE_LANGUAGE


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """The system's language as POSIX says (``LC_ALL`` over ``LC_MESSAGES`` over ``LANG``)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return normalize(value)
    return SOURCE_LANGUAGE


def current_language() -> str:
    """The language the core writes its words in now."""
    return _current


def set_language(lang: str) -> str:
    """Make ``lang`` (normalised) the core's language; returns the code set."""
    global _current
    _current = normalize(lang)
    return _current


@cache
def catalogue(lang: str) -> dict[str, Any]:
    """The message table of ``lang`` (empty for the source language or a missing file).

    A value is a string, or a list of plural forms; an empty string means "not translated yet"
    and falls back to the English text.
    """
    if lang == SOURCE_LANGUAGE or lang not in LANGUAGES:
        return {}
    path = catalogue_path(lang)
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.get("messages", {}).items() if v}


def _lookup(text: str, lang: str | None) -> Any:
    return catalogue(normalize(lang) if lang else _current).get(text)


def tr(text: str, *, lang: str | None = None, **values: Any) -> str:
    """``text`` in the current language (or ``lang``), its ``{placeholders}`` filled."""
    found = _lookup(text, lang)
    out = found if isinstance(found, str) else text
    return out.format(**values) if values else out


def tr_n(singular: str, plural: str, n: int, *, lang: str | None = None, **values: Any) -> str:
    """The form of a counted text for ``n`` (``{n}`` filled, with thousands separated)."""
    found = _lookup(singular, lang)
    if isinstance(found, list) and found:
        out = found[0] if len(found) == 1 else found[0 if n == 1 else 1]
    elif isinstance(found, str):
        out = found
    else:
        out = singular if n == 1 else plural
    return out.format(n=f"{n:,}", **values)


def ordinal(n: int, *, lang: str | None = None) -> str:
    """``n`` as an ordinal in the current language: "3rd", "第3"."""
    if (normalize(lang) if lang else _current) == "zh":
        return f"第{n}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def field_label(field: str) -> str:
    """A field's name as a refusal names it: "advisor_id" → "Advisor" ("顾问")."""
    return tr(field.replace("_id", "").replace("_", " ").capitalize())


def mark(text: str) -> str:
    """Marks ``text`` for the catalogue where it is defined (a table of constants) and returns it
    unchanged; translate it with :func:`tr` where it is shown."""
    return text


# The fields a refusal names most (validate.py), so the catalogue holds their names.
FIELD_LABELS = (
    mark("Name"),
    mark("Native name"),
    mark("Email"),
    mark("Phone"),
    mark("Value"),
    mark("Label"),
    mark("Kind"),
    mark("Stage"),
    mark("Source"),
    mark("Advisor"),
    mark("Notes"),
    mark("Note"),
    mark("Role"),
    mark("Birth date"),
    mark("Summary"),
    mark("Details"),
    mark("Title"),
    mark("Date"),
    mark("Start date"),
    mark("End date"),
    mark("Occurred at"),
    mark("Resolved at"),
    mark("Decided on"),
    mark("Expires on"),
    mark("Currency"),
    mark("Budget"),
    mark("Destinations"),
    mark("Purpose"),
    mark("Status"),
    mark("Method"),
    mark("Number"),
    mark("Tags"),
    mark("Tagline"),
    mark("Website"),
    mark("Address"),
)
