"""The one display name of a client, person, advisor or supplier.

A name is stored romanized (``name``) with an optional name in its own script (``native_name``).
The native script is shown only when there is one and it differs from the name; where it goes
depends on the place, named by :class:`NameForm`, so every screen and document agrees on the rule.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum


class NameForm(Enum):
    """Where both scripts are shown, and so which comes first."""

    #: Headings, pickers and running text: ``王小明 · Wang Xiaoming``.
    NATIVE_FIRST = "{native} · {name}"
    #: Lists sorted by the romanized name: ``Wang Xiaoming  王小明``.
    LISTED = "{name}  {native}"
    #: Printed documents: ``Wang Xiaoming (王小明)``.
    PRINTED = "{name} ({native})"
    #: A line that goes on after the name, as the agenda's entries and the calendar file's events
    #: read (``Wang Xiaoming 王小明: birthday``); their text is kept as it was, so a calendar app
    #: is not sent a changed event that no change in the studio accounts for.
    INLINE = "{name} {native}"


def native_part(name: str, native_name: str | None) -> str | None:
    """The native-script name worth showing beside ``name``, or None."""
    native = (native_name or "").strip()
    return native if native and native != name.strip() else None


def display_name(name: str, native_name: str | None, form: NameForm = NameForm.NATIVE_FIRST) -> str:
    """``name`` with its native-script form beside it when that adds something."""
    native = native_part(name, native_name)
    return form.value.format(name=name, native=native) if native else name


# -- text as stored ---------------------------------------------------------------------------
#: Characters that are never stored: NUL and the other C0/C1 controls but tab and newline (ESC
#: would drive a terminal that echoes a name), and the bidi embeddings, overrides and isolates
#: (which make a name read differently from what is stored).
_NEVER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"
)
#: Invisible characters removed everywhere: zero-width space, word joiner, byte-order mark.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
#: Joiners that matter inside a word (emoji sequences, Persian, Indic) but not at its ends.
_EDGE = "\u200c\u200d"
_SURROGATE = re.compile("[\ud800-\udfff]")


class BadText(ValueError):
    """Text that cannot be stored (a lone surrogate: half of a character)."""


def clean_text(value: str) -> str:
    """Text as the studio stores it: NFC (so "Zoë" typed composed or decomposed is one name),
    without control, bidi-override or invisible characters, trimmed (zero-width joiners at the
    ends too). Raises :class:`BadText` for a lone surrogate."""
    if _SURROGATE.search(value):
        raise BadText("it holds half of a character (a lone surrogate)")
    s = unicodedata.normalize("NFC", value)
    s = _NEVER.sub("", s)
    s = _INVISIBLE.sub("", s)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return s.strip().strip(_EDGE).strip()
