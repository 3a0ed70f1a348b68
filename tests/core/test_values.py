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
