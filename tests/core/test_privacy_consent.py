"""Consent honoured: marketing lists, profile facts, prospects offered for review."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from studio import cli
from studio.errors import ValidationError
from studio.services import clients, profiles, queries
from studio.services.agenda import build
from studio.services.privacy import consent


def test_a_client_who_withdrew_marketing_consent_is_left_out_of_marketing_lists(studio):
    yes = clients.create_client(studio, "Yes Please")
    no = clients.create_client(studio, "No Thanks")
    for c in (yes, no):
        profiles.set_fact(studio, c.id, "purpose.honeymoon", "must")
    assert set(profiles.clients_in_segment(studio, purpose="purpose.honeymoon")) == {yes.id, no.id}
    clients.set_consent(studio, no.id, "marketing", False, method="email")
    assert profiles.clients_in_segment(studio, purpose="purpose.honeymoon") == [yes.id]
    flt = queries.ClientFilter(profile="purpose:purpose.honeymoon")
    assert queries.client_ids(studio, flt) == [yes.id]
    clients.set_consent(studio, no.id, "marketing", True, method="email")  # given again
    assert len(profiles.clients_in_segment(studio, purpose="purpose.honeymoon")) == 2


def test_no_win_back_for_a_client_who_withdrew_marketing_consent(studio):
    c = clients.create_client(studio, "Old Friend", stage="active")
    clients.log_interaction(
        studio, c.id, "call", "hello", occurred_at=(date.today() - timedelta(days=900)).isoformat()
    )

    def winbacks():
        return [e for e in build.agenda(studio).entries if e.occurrence.kind == "winback"]

    before = winbacks()
    clients.set_consent(studio, c.id, "marketing", False, method="email")
    after = winbacks()
    assert len(before) == 1 and after == []


def test_without_profile_consent_no_new_fact_is_recorded(studio):
    c = clients.create_client(studio, "Private Person")
    profiles.set_fact(studio, c.id, "diet.vegetarian", "must")
    clients.set_consent(studio, c.id, "profile", False, method="email")
    with pytest.raises(ValidationError, match="not agreed to a preference profile"):
        profiles.set_fact(studio, c.id, "diet.vegan", "must")
    assert [f.key for f in profiles.facts(studio, c.id)] == ["diet.vegetarian"]


def test_prospects_untouched_for_the_studio_period_are_offered_for_review(studio, capsys):
    old = clients.create_client(studio, "Long Gone")
    clients.create_client(studio, "Fresh Lead")
    later = date.today() + timedelta(days=3 * 366 + 2)
    years, stale = consent.prospects_to_review(studio, today=later)
    assert years == 3 and {p.name for p in stale} == {"Long Gone", "Fresh Lead"}
    consent.set_review_years(studio, 5)
    assert consent.prospects_to_review(studio, today=later) == (5, [])
    with pytest.raises(ValidationError):
        consent.set_review_years(studio, 0)
    consent.set_review_years(studio, 1)
    assert consent.prospects_to_review(studio)[1] == []
    data_dir = str(studio.data_dir)
    studio.close()
    assert cli.main(["--data-dir", data_dir, "prospects-to-review"]) == 0
    assert "1 years or more: 0" in capsys.readouterr().out
    assert old.id
