"""Every closed vocabulary is a StrEnum, validated by the one function ``validate.choice``."""

from __future__ import annotations

from enum import StrEnum

import pytest

from studio.domain import agenda_models, media_models, taxonomy, trip_models, validate, values
from studio.errors import ValidationError

VOCABULARIES = [
    obj
    for obj in vars(values).values()
    if isinstance(obj, type) and issubclass(obj, StrEnum) and obj is not StrEnum
]


def test_the_tuples_callers_iterate_are_the_enums_keys():
    assert trip_models.TRIP_STATUSES == tuple(values.TripStatus)
    assert trip_models.TRIP_STATUSES[0] == "inquiry" and "followed-up" in trip_models.TRIP_STATUSES
    assert trip_models.ITEM_KINDS == tuple(values.ItemKind)
    assert trip_models.SUPPLIER_KINDS == tuple(values.SupplierKind)
    assert trip_models.CHANGE_REASONS == tuple(values.ChangeReason)
    assert media_models.BOOK_SIZES == tuple(values.BookSize)
    assert agenda_models.DOCUMENT_KINDS == ("passport", "visa", "id_card", "other")
    assert agenda_models.ACTIONS == ("done", "snoozed", "dismissed")
    assert taxonomy.LEVELS == ("love", "like", "neutral", "dislike", "never", "must")
    assert taxonomy.SOURCES == tuple(values.FactSource)
    assert taxonomy.LANGS == ("en", "zh")
    # plain strings, not members: they go into JSON, SQL and Qt item data unchanged
    assert all(type(k) is str for k in trip_models.TRIP_STATUSES + taxonomy.SEVERITIES)


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda e: e.__name__)
def test_every_key_passes_the_one_validator_in_any_case(vocabulary):
    for member in vocabulary:
        assert validate.choice(vocabulary, f" {member.value.upper()} ", "kind") == member.value


def test_refusals_name_the_field_and_list_the_choices():
    with pytest.raises(ValidationError) as err:
        validate.choice(values.Stage, "sleeping", "stage")
    assert err.value.field == "stage"
    assert err.value.message == (
        "“sleeping” is not a valid stage (one of: prospect, active, repeat, dormant, lost)."
    )
    with pytest.raises(ValidationError, match=r"^Kind cannot be empty\.$"):
        validate.choice(values.ClientKind, "  ", "kind")


def test_the_agenda_and_profile_fields_keep_their_sentences():
    with pytest.raises(ValidationError) as err:
        validate.agenda_field("travel_document", "kind", "licence")
    assert err.value.message == (
        "“licence” is not a kind of document (one of: passport, visa, id_card, other)."
    )
    with pytest.raises(ValidationError) as err:
        validate.agenda_field("agenda_action", "action", "forgotten")
    assert err.value.message == (
        "“forgotten” is not an agenda action (one of: done, snoozed, dismissed)."
    )
    with pytest.raises(ValidationError) as err:
        validate.profile_field("level", "adore")
    assert err.value.message == (
        "“adore” is not a valid level (one of: love, like, neutral, dislike, never, must)."
    )
    with pytest.raises(ValidationError, match="is not a valid severity"):
        validate.profile_field("severity", "deadly")
    assert validate.profile_field("severity", "") is None
    assert validate.agenda_field("travel_document", "kind", "ID_Card") == "id_card"


@pytest.mark.parametrize(
    "spelling", ["post trip feedback", "Post_Trip_Feedback", "post-trip-feedback"]
)
def test_a_fact_source_may_be_written_with_spaces_or_underscores(spelling):
    assert validate.profile_field("source", spelling) == "post-trip-feedback"
    with pytest.raises(ValidationError, match="“rumour” is not a valid source"):
        validate.profile_field("source", "rumour")


def test_the_services_vocabularies_are_enums_too():
    from studio.reports import itinerary
    from studio.services import exchange
    from studio.services.agenda import build, trip_sources

    assert build.SECTIONS == ("overdue", "today", "this_week", "next_days", "later")
    assert build.SECTIONS == tuple(values.AgendaSection)
    assert trip_sources.TASK_KINDS == tuple(values.TripTaskKind)
    assert exchange._JOURNAL_OPS == {"create", "update", "delete", "restore"}
    assert (itinerary.SIZES, itinerary.LANGS) == (("a4", "letter"), ("en", "zh"))


def test_the_services_refuse_through_the_one_validator(studio, tmp_path):
    from studio.services import clients, intake, queries
    from studio.services.agenda.actions import act_on
    from studio.services.agenda.documents import add_document
    from studio.services.media.editing import set_book
    from studio.services.trips import handout, lifecycle, suppliers
    from studio.services.trips.validators import clean_item

    c = clients.create_client(studio, "Zoë Martin")
    trip = lifecycle.create_trip(studio, c.id, "Lyon")
    person_id = queries.get_dossier(studio, c.id).people[0].person.id
    refusals = [
        (lambda: lifecycle.set_status(studio, trip.id, "booked"), "“booked” is not a valid status"),
        (lambda: clean_item({"kind": "picnic"}), "“picnic” is not a kind of item (one of: flight"),
        (
            lambda: suppliers.create_supplier(studio, "Ferme", kind="farm"),
            "“farm” is not a kind of supplier (one of: hotel",
        ),
        (lambda: set_book(studio, trip.id, size="b5"), "“b5” is not a book size (one of: a4,"),
        (
            lambda: add_document(studio, person_id, "2030-01-01", kind="licence"),
            "“licence” is not a kind of document",
        ),
        (lambda: act_on(studio, None, "forgotten"), "“forgotten” is not an agenda action"),
        (
            lambda: handout.write_itinerary(studio, trip.id, tmp_path / "h.pdf", size="b5"),
            "“b5” is not a page size of the handout (one of: a4, letter).",
        ),
        (
            lambda: handout.write_itinerary(studio, trip.id, tmp_path / "h.pdf", lang="fr"),
            "“fr” is not a language of the handout (one of: en, zh).",
        ),
        (
            lambda: intake.write_intake_form(studio, tmp_path / "i.pdf", lang="fr"),
            "“fr” is not a language of the form (one of: en, zh).",
        ),
    ]
    for call, sentence in refusals:
        with pytest.raises(ValidationError) as err:
            call()
        assert err.value.message.startswith(sentence), err.value.message
    assert lifecycle.set_status(studio, trip.id, " Drafting ")["status"] == ("inquiry", "drafting")
