"""The intake questionnaire of a client (or a blank one): its content read from the studio, and the
PDF written from it by :mod:`studio.reports.intake_form`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from studio.domain import taxonomy, validate
from studio.domain.names import NameForm, display_name
from studio.domain.values import Language
from studio.reports import intake_form
from studio.reports.intake_content import IntakeContent, IntakeTraveller, KnownAnswer
from studio.reports.words import intake_words
from studio.services import profiles, queries, studio_profile
from studio.store import Studio


def intake_content(
    studio: Studio | None,
    client_id: str | None = None,
    *,
    lang: str = "en",
    today: date | None = None,
) -> IntakeContent:
    """The questionnaire in ``lang``: pre-filled with what the studio knows of ``client_id``, else
    blank; it carries the studio's name when there is a studio."""
    brand, brand_native = "Travel Studio", ""
    if studio is not None:
        details = studio_profile.profile(studio)
        brand = details.name
        brand_native = details.native_name if details.native_name != details.name else ""
    if studio is None or not client_id:
        return IntakeContent(lang=lang, brand=brand, brand_native=brand_native)
    tax = taxonomy.load()
    sep = intake_words(lang)["note_sep"]
    dossier = queries.get_dossier(studio, client_id)
    c = dossier.client
    persons = {card.person.id: card.person for card in dossier.people}
    known: dict[str, tuple[set[str], set[str], list[str]]] = {}
    other: list[str] = []
    for f in profiles.facts(studio, client_id):
        who = profiles.who(f, persons, lang)
        if not tax.knows(f.key):
            other.append(
                f"{who}: {taxonomy.label(f.key, lang)} — {taxonomy.level_label(f.level, lang)}"
                + (f" — {f.note}" if f.note else "")
            )
            continue
        levels, severities, notes = known.setdefault(f.key, (set(), set(), []))
        levels.add(f.level)
        if f.level == "dislike" and tax.items[f.key].section == "dietary":
            levels.add("never")  # the form's diet choices are follows / avoids
        if f.severity:
            severities.add(f.severity)
        bits = [who] if f.person_id else []
        if f.note:
            bits.append(f.note)
        if bits:
            notes.append(sep.join(bits))
    return IntakeContent(
        lang=lang,
        brand=brand,
        brand_native=brand_native,
        client=display_name(c.name, c.native_name, NameForm.PRINTED),
        date=(today or date.today()).isoformat(),
        travellers=tuple(
            IntakeTraveller(
                display_name(card.person.name, card.person.native_name, NameForm.PRINTED),
                card.person.birth_date,
            )
            for card in dossier.people
        ),
        known=tuple(
            (key, KnownAnswer(frozenset(lv), frozenset(sv), tuple(notes)))
            for key, (lv, sv, notes) in known.items()
        ),
        other=tuple(other),
    )


def write_intake_form(
    studio: Studio | None,
    out: Path,
    *,
    client_id: str | None = None,
    lang: str = "en",
    today: date | None = None,
) -> int:
    """Write the questionnaire to ``out``; pre-filled when ``client_id`` is given. Returns pages."""
    lang = validate.choice(Language, lang, "lang", noun="a language of the form")
    content = intake_content(studio, client_id, lang=lang, today=today)
    return intake_form.render(content, Path(out))
