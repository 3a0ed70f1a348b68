"""What an intake questionnaire prints, independent of where it is stored.

:func:`studio.services.intake.intake_content` reads what the studio knows of a client (or nothing,
for a blank form) into an :class:`IntakeContent`; :mod:`studio.reports.intake_form` lays the
questionnaire out from the taxonomy and writes the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KnownAnswer:
    """What the studio already knows for one question of the taxonomy."""

    levels: frozenset[str] = frozenset()  # the boxes to tick ("love", "must", "never"…)
    severities: frozenset[str] = frozenset()  # for a diet: "intolerance", "severe"
    notes: tuple[str, ...] = ()  # "Zoë: no shellfish", in the form's language


@dataclass(frozen=True)
class IntakeTraveller:
    name: str  # as printed ("张伟 · Zhang Wei")
    born: str | None = None  # YYYY-MM-DD


@dataclass(frozen=True)
class IntakeContent:
    """A questionnaire in one language; with no ``client`` it is blank."""

    lang: str = "en"
    brand: str = "Travel Studio"
    brand_native: str = ""  # "" when it is the brand itself
    client: str = ""  # as printed ("张伟 · Zhang Wei"); "" on a blank form
    date: str = ""  # YYYY-MM-DD the pre-filled form was made; "" on a blank form
    travellers: tuple[IntakeTraveller, ...] = ()
    known: tuple[tuple[str, KnownAnswer], ...] = ()  # taxonomy key → answer
    other: tuple[str, ...] = ()  # facts the taxonomy has no question for, one line each

    def answer(self, key: str) -> KnownAnswer | None:
        """What is known for the question ``key``, or None."""
        for k, a in self.known:
            if k == key:
                return a
        return None
