"""The studio's activity in words a person reads, its filters, its CSV and its command."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from studio.cli import main
from studio.domain.models import Advisor, Client, Interaction, Person
from studio.domain.profile_models import ProfileFact
from studio.domain.trip_models import Trip
from studio.errors import StudioError
from studio.services.activity import ActivityFilter, activity


@pytest.fixture
def story(studio):
    with studio.transaction() as tx:
        tx.backdate("2026-03-01T09:00:00Z")
        chen = tx.create(Advisor, name="Chen Jing", native_name="陈静").id
    with studio.transaction(advisor_id=chen) as tx:
        tx.backdate("2026-03-02T10:00:00Z")
        client = tx.create(Client, name="Li Na", source="referral", advisor_id=chen).id
        li = tx.create(Person, client_id=client, name="Li Na").id
    with studio.transaction(advisor_id=chen) as tx:
        tx.backdate("2026-03-05T10:00:00Z")
        tx.create(
            ProfileFact, client_id=client, person_id=li, key="pace.relaxed", learned_on="2026-03-05"
        )
        tx.create(
            ProfileFact,
            client_id=client,
            person_id=li,
            key="interests.photography",
            level="love",
            learned_on="2026-03-05",
        )
    with studio.transaction() as tx:  # the owner, Mei Lin
        tx.backdate("2026-04-01T10:00:00Z")
        tx.update(Client, client, stage="active")
        trip = tx.create(Trip, client_id=client, title="Kyoto in autumn").id
        tx.create(
            Interaction,
            client_id=client,
            kind="feedback",
            occurred_at="2026-04-01",
            satisfaction=92,
        )
    with studio.transaction() as tx:
        tx.backdate("2026-04-10T10:00:00Z")
        tx.update(Trip, trip, status="confirmed")
        other = tx.create(Client, name="Zoë Martin").id
    return studio, {"chen": chen, "client": client, "other": other}


def test_sentences_a_person_reads(story):
    studio, ids = story
    said = [line.sentence for line in activity(studio)]
    assert "Chen Jing set Li Na's pace to *Relaxed*" in said
    assert "Chen Jing noted that Li Na loves *Photography* (interests)" in said
    assert "Mei Lin changed Li Na's stage from *Prospect* to *Active*" in said
    assert "Mei Lin moved Li Na's trip “Kyoto in autumn” from *Inquiry* to *Confirmed*" in said
    assert "Mei Lin logged feedback from Li Na on 2026-04-01: satisfaction 92" in said
    assert any(
        s.startswith("Chen Jing added Li Na as a new client (source *Referral*") for s in said
    )
    assert not any("profile_fact" in s or "pace.relaxed" in s for s in said)
    newest_first = said.index("Mei Lin added Zoë Martin as a new client")
    assert newest_first < said.index("Mei Lin changed Li Na's stage from *Prospect* to *Active*")


def test_filters(story):
    studio, ids = story
    by_chen = activity(studio, ActivityFilter(advisor_id=ids["chen"]))
    assert by_chen and all(line.who == "Chen Jing" for line in by_chen)
    april = activity(studio, ActivityFilter(start=date(2026, 4, 1), end=date(2026, 4, 5)))
    assert {line.when[:10] for line in april} == {"2026-04-01"}
    mine = activity(studio, ActivityFilter(client_id=ids["other"]))
    assert [line.client for line in mine] == ["Zoë Martin"]
    profile = activity(studio, ActivityFilter(kinds=("profile",)))
    assert len(profile) == 2 and {line.kind for line in profile} == {"profile"}
    assert len(activity(studio, limit=3)) == 3


def test_resolve_and_bad_input(story):
    studio, ids = story
    flt = ActivityFilter.resolve(studio, advisor="chen jing", client="Li Na")
    assert (flt.advisor_id, flt.client_id) == (ids["chen"], ids["client"])
    with pytest.raises(StudioError, match="No advisor is called"):
        ActivityFilter.resolve(studio, advisor="Nobody")
    with pytest.raises(StudioError, match="No client matches"):
        ActivityFilter.resolve(studio, client="Nobody at all")
    with pytest.raises(StudioError, match="must come before"):
        ActivityFilter.resolve(studio, start=date(2026, 5, 1), end=date(2026, 4, 1))
    with pytest.raises(StudioError, match="not a kind of change"):
        ActivityFilter.resolve(studio, kinds=("gossip",))


def test_activity_command_and_csv(story, tmp_path, capsys):
    studio, _ids = story
    data_dir = studio.data_dir
    studio.close()
    assert main(["--data-dir", str(data_dir), "activity", "--advisor", "Chen Jing"]) == 0
    out = capsys.readouterr().out
    assert "Chen Jing set Li Na's pace to *Relaxed*" in out and "Mei Lin" not in out
    target = tmp_path / "activity.csv"
    code = main(
        ["--data-dir", str(data_dir), "activity", "--client", "Li Na", "--csv", str(target)]
    )
    assert code == 0
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["when (UTC)", "advisor", "client"]
    assert any(r[5] == "set Li Na's pace to *Relaxed*" and r[1] == "Chen Jing" for r in rows)
    assert all(r[2] == "Li Na" for r in rows[1:])
    code = main(
        ["--data-dir", str(data_dir), "activity", "--from", "2026-05-01", "--to", "2026-04-01"]
    )
    assert code == 1
    assert "must come before" in capsys.readouterr().err


def test_sentences_in_chinese(story):
    """The same lines in Chinese from the core's catalogue; English stays the default."""
    studio, _ids = story
    said = [line.sentence for line in activity(studio, lang="zh")]
    assert "Chen Jing 将Li Na的行程节奏设为*悠闲*" in said
    assert "Chen Jing 记录了Li Na非常喜欢*摄影*（兴趣爱好）" in said
    assert "Mei Lin 将Li Na的阶段从 *Prospect* 改为 *Active*" in said
    assert "Mei Lin 记录了Li Na 2026-04-01 的反馈：满意度 92" in said
    assert "Chen Jing 新增客户 Li Na（来源 *Referral*，顾问 Chen Jing）" in said
    assert not any("changed" in s or " the " in s for s in said)
    assert "Mei Lin changed Li Na's stage from *Prospect* to *Active*" in [
        line.sentence for line in activity(studio)
    ]
