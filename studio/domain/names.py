"""The one display name of a client, person, advisor or supplier.

A name is stored romanized (``name``) with an optional name in its own script (``native_name``).
The native script is shown only when there is one and it differs from the name; where it goes
depends on the place, named by :class:`NameForm`, so every screen and document agrees on the rule.
"""

from __future__ import annotations

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
