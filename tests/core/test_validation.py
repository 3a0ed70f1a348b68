"""Bad input is refused with a message naming the field; nothing is written."""

from __future__ import annotations

import pytest

from studio.domain.models import ContactPoint
from studio.domain.values import PartialDate
from studio.errors import ValidationError
from studio.services import clients, queries


@pytest.fixture
def zoe(studio):
    return clients.create_client(studio, "Zoë Martin")


@pytest.mark.parametrize("bad", ["bob@", "no-at-sign", "a b@example.com", ""])
def test_invalid_email_is_refused(studio, zoe, bad):
    with pytest.raises(ValidationError) as err:
        clients.add_contact(studio, zoe.id, "email", bad)
    assert err.value.field == "email"
    assert studio.count(ContactPoint) == 0


def test_email_is_normalised(studio, zoe):
    cp = clients.add_contact(studio, zoe.id, "email", "Zoe.Martin@EXAMPLE.com")
    assert cp.value == "Zoe.Martin@example.com"


@pytest.mark.parametrize("bad", ["12345", "call me", "+86 123", "+1 555 0100 999999"])
def test_invalid_phone_is_refused(studio, zoe, bad):
    with pytest.raises(ValidationError) as err:
        clients.add_contact(studio, zoe.id, "phone", bad)
    assert err.value.field == "phone"


def test_phone_is_stored_e164(studio, zoe):
    cp = clients.add_contact(studio, zoe.id, "phone", "+86 138-0013-8000")
    assert cp.value == "+8613800138000"


@pytest.mark.parametrize("bad", ["1984-02-30", "14/03/1984", "2999-01-01", "yesterday"])
def test_invalid_birth_date_is_refused(studio, zoe, bad):
    person = queries.get_dossier(studio, zoe.id).people[0].person
    with pytest.raises(ValidationError) as err:
        clients.update_row(studio, type(person), person.id, birth_date=bad)
    assert err.value.field == "birth_date"


def test_partial_dates():
    assert str(PartialDate(2, 29)) == "--02-29"  # no year: fine, recurs in leap years
    assert str(PartialDate.parse("1984-03-14")) == "1984-03-14"
    assert PartialDate.parse("--12-25") == PartialDate(12, 25)
    with pytest.raises(ValueError, match="February 29, 2023 does not exist"):
        PartialDate(2, 29, 2023)
    with pytest.raises(ValueError, match="February 30 does not exist"):
        PartialDate.parse("--02-30")


def test_important_date_without_year_is_never_given_a_fake_one(studio, zoe):
    person = queries.get_dossier(studio, zoe.id).people[0].person
    d = clients.add_important_date(studio, person.id, "birthday", 2, 29)
    assert (d.month, d.day, d.year) == (2, 29, None)
    with pytest.raises(ValidationError) as err:
        clients.add_important_date(studio, person.id, "wedding", 2, 29, 2023)
    assert err.value.field == "date"


def test_vocabularies_and_scores(studio, zoe):
    with pytest.raises(ValidationError) as err:
        clients.update_client(studio, zoe.id, stage="asleep")
    assert err.value.field == "stage" and "prospect" in err.value.message
    with pytest.raises(ValidationError) as err:
        clients.log_interaction(studio, zoe.id, "feedback", "Fine", satisfaction=101)
    assert err.value.field == "satisfaction"
    with pytest.raises(ValidationError):
        clients.log_interaction(studio, zoe.id, "call", "Chat", satisfaction=50)
    with pytest.raises(ValidationError) as err:
        clients.log_interaction(studio, zoe.id, "call", "Chat", occurred_at="2026-13-01")
    assert err.value.field == "occurred_at"
    with pytest.raises(ValidationError) as err:
        clients.update_client(studio, zoe.id, name="   ")
    assert err.value.field == "name"
    with pytest.raises(ValidationError) as err:
        clients.update_client(studio, zoe.id, referred_by_id=zoe.id)
    assert err.value.field == "referred_by_id"


def test_complaint_lifecycle(studio, zoe):
    c = clients.log_interaction(studio, zoe.id, "complaint", "Transfer was 40 minutes late")
    assert c.status == "open"
    assert [i.id for i in queries.get_dossier(studio, zoe.id).open_complaints] == [c.id]
    clients.resolve_complaint(studio, c.id, "Refunded the transfer; apologised by phone")
    assert queries.get_dossier(studio, zoe.id).open_complaints == []


def test_consent_replaces_earlier_answer(studio, zoe):
    clients.set_consent(studio, zoe.id, "marketing", True, method="form", decided_on="2025-01-10")
    clients.set_consent(studio, zoe.id, "marketing", False, method="email", decided_on="2026-02-01")
    consents = queries.get_dossier(studio, zoe.id).consents
    assert [(c.purpose, c.granted, c.method, c.decided_on) for c in consents] == [
        ("marketing", False, "email", "2026-02-01")
    ]


def test_referrals_are_counted(studio, zoe):
    a = clients.create_client(studio, "Ana García", referred_by_id=zoe.id, source="referral")
    clients.create_client(studio, "José Pérez", referred_by_id=zoe.id, source="referral")
    clients.create_client(studio, "Li Na", referred_by_id=a.id)
    assert queries.referral_counts(studio) == {zoe.id: 2, a.id: 1}
    assert len(queries.get_dossier(studio, zoe.id).referrals) == 2
