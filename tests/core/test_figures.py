"""The owner's desk figures on a small hand-built studio whose figures are worked out by hand.

Today is 2026-06-15; the period is May 2026. Clients (advisor, created):
  A  Mei Lin   2025-01-10  complete profile; trips completed 2025-03 and 2025-09 (a repeat client)
  B  Chen Jing 2024-01-05  one trip completed 2024-02 (ended before the 18 win-back months: churned)
  C  Chen Jing 2026-05-03  referred by A; trips: confirmed (leaves 2026-07-01), inquiry (stale)
  D  Mei Lin   2026-05-20  trip cancelled; an open complaint of 2026-06-05
  E  Mei Lin   2026-05-25  deleted 2026-05-28
Feedback: A 90 (2026-05-05), B 60 (2026-05-20), A 100 (2026-04-01, the month before).
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from studio.cli import main
from studio.domain.models import Advisor, Client, Interaction
from studio.domain.profile_models import ProfileFact
from studio.domain.trip_models import Supplier, Trip, TripDay, TripItem, TripVersion
from studio.errors import StudioError
from studio.services.figures import compute
from studio.services.figures.period import Period, from_args, preset
from studio.store import Studio

TODAY = date(2026, 6, 15)
MAY = Period(date(2026, 5, 1), date(2026, 6, 1))
REQUIRED = (
    "purpose.leisure",
    "interests.photography",
    "lodging.boutique",
    "transport.business_class",
    "dietary.none",
    "access.none",
    "pace.relaxed",
    "budget.comfort",
)


def _trip(tx, when, client, title, status, start=None, end=None, dest=("Kyoto",)):
    tx.backdate(when)
    return tx.create(
        Trip,
        client_id=client,
        title=title,
        status=status,
        start_date=start,
        end_date=end,
        destinations=json.dumps(list(dest)),
    ).id


@pytest.fixture
def desk_studio(studio):
    ids = {}
    with studio.transaction() as tx:
        mei = studio.advisor_id
        tx.backdate("2024-01-01T09:00:00Z")
        chen = tx.create(Advisor, name="Chen Jing", native_name="陈静").id
        ids.update(mei=mei, chen=chen)
        tx.backdate("2024-01-05T10:00:00Z")
        ids["B"] = tx.create(Client, name="Bo Han", advisor_id=chen, source="event").id
        tx.backdate("2025-01-10T10:00:00Z")
        ids["A"] = tx.create(Client, name="Ann Lee", advisor_id=mei, source="website").id
        tx.backdate("2025-02-01T10:00:00Z")
        for key in REQUIRED:
            tx.create(ProfileFact, client_id=ids["A"], key=key, learned_on="2025-02-01")
        tx.backdate("2025-03-01T10:00:00Z")  # B knows only one section
        tx.create(ProfileFact, client_id=ids["B"], key="pace.relaxed", learned_on="2025-03-01")
        _trip(
            tx,
            "2024-01-10T10:00:00Z",
            ids["B"],
            "B Paris",
            "completed",
            "2024-02-01",
            "2024-02-10",
            ("Paris",),
        )
        _trip(
            tx, "2025-02-01T11:00:00Z", ids["A"], "A Kyoto", "completed", "2025-03-01", "2025-03-10"
        )
        _trip(
            tx,
            "2025-06-01T11:00:00Z",
            ids["A"],
            "A Yunnan",
            "completed",
            "2025-09-01",
            "2025-09-10",
            ("Yunnan",),
        )
        tx.backdate("2026-05-03T10:00:00Z")
        ids["C"] = tx.create(
            Client, name="Cai Wen", advisor_id=chen, source="referral", referred_by_id=ids["A"]
        ).id
        ids["T4"] = _trip(
            tx,
            "2026-05-04T10:00:00Z",
            ids["C"],
            "C Provence",
            "confirmed",
            "2026-07-01",
            "2026-07-09",
            ("Provence",),
        )
        ids["T5"] = _trip(tx, "2026-05-10T10:00:00Z", ids["C"], "C Iceland", "inquiry")
        tx.backdate("2026-05-20T10:00:00Z")
        ids["D"] = tx.create(Client, name="Dara Moss", advisor_id=mei, source="website").id
        _trip(tx, "2026-05-21T10:00:00Z", ids["D"], "D Bali", "cancelled")
        tx.backdate("2026-05-25T10:00:00Z")
        ids["E"] = tx.create(Client, name="Eli Fox", advisor_id=mei).id
        tx.backdate("2026-05-28T10:00:00Z")
        tx.delete(Client, ids["E"])
        for cid, day, score in (
            (ids["A"], "2026-05-05", 90),
            (ids["B"], "2026-05-20", 60),
            (ids["A"], "2026-04-01", 100),
        ):
            tx.backdate(f"{day}T12:00:00Z")
            tx.create(
                Interaction, client_id=cid, kind="feedback", occurred_at=day, satisfaction=score
            )
        tx.backdate("2026-06-05T12:00:00Z")
        tx.create(
            Interaction,
            client_id=ids["D"],
            kind="complaint",
            occurred_at="2026-06-05",
            status="open",
            summary="Late transfer",
        )
        # money of trip T4: one version, one day, two items in two currencies
        hotel = tx.create(Supplier, name="Hôtel d'Europe", kind="hotel").id
        version = tx.create(TripVersion, client_id=ids["C"], trip_id=ids["T4"]).id
        day = tx.create(TripDay, client_id=ids["C"], version_id=version, date="2026-07-01")
        tx.create(
            TripItem,
            client_id=ids["C"],
            version_id=version,
            day_id=day.id,
            title="Stay",
            price="1000.00",
            cost="700.00",
            currency="USD",
            supplier_id=hotel,
        )
        tx.create(
            TripItem,
            client_id=ids["C"],
            version_id=version,
            day_id=day.id,
            title="Dinner",
            price="500.00",
            cost="400.00",
            currency="EUR",
        )
        tx.update(Trip, ids["T4"], current_version_id=version)
        tx.backdate(None)
    return studio, ids


def test_six_figures_of_may(desk_studio):
    studio, ids = desk_studio
    k = compute.kpis(compute.load_snapshot(studio), MAY)
    assert (k["completeness"].numerator, k["completeness"].denominator) == (1, 4)
    assert k["completeness"].client_ids == (ids["A"],)
    assert (k["conversion"].numerator, k["conversion"].denominator) == (1, 3)
    assert k["conversion"].value == pytest.approx(1 / 3)
    assert (k["churn"].numerator, k["churn"].denominator) == (1, 2)
    assert k["churn"].client_ids == (ids["B"],)
    assert (k["satisfaction"].numerator, k["satisfaction"].denominator) == (150, 2)
    assert k["satisfaction"].value == 75
    assert (k["repeat_rate"].numerator, k["repeat_rate"].denominator) == (1, 2)
    assert k["repeat_rate"].client_ids == (ids["A"],)
    assert (k["referral_share"].numerator, k["referral_share"].denominator) == (1, 2)
    assert k["referral_share"].client_ids == (ids["C"],)
    assert k["completeness"].target == 0.9 and k["churn"].target == 0.1
    assert k["conversion"].status() == "green" and k["churn"].status() == "red"
    assert k["satisfaction"].status() == "amber"  # 75 is within a fifth of 80


def test_per_advisor_figures_differ(desk_studio):
    studio, ids = desk_studio
    snap = compute.load_snapshot(studio)
    chen = compute.kpis(snap, MAY, ids["chen"])
    mei = compute.kpis(snap, MAY, ids["mei"])
    assert (chen["conversion"].numerator, chen["conversion"].denominator) == (1, 2)
    assert (mei["conversion"].numerator, mei["conversion"].denominator) == (0, 1)
    assert (chen["churn"].numerator, chen["churn"].denominator) == (1, 1)
    assert (mei["completeness"].numerator, mei["completeness"].denominator) == (1, 2)
    assert chen["satisfaction"].value == 60 and mei["satisfaction"].value == 90


def test_desk_sections(desk_studio):
    studio, ids = desk_studio
    d = compute.desk(studio, MAY, today=TODAY)
    assert d.previous == Period(date(2026, 4, 1), date(2026, 5, 1))
    assert d.previous_kpis["satisfaction"].value == 100
    assert d.previous_kpis["conversion"].value is None  # no trips created in April
    funnel = {s["status"]: s for s in d.pipeline["funnel"]}
    assert funnel["inquiry"]["reached"] == 3 and funnel["confirmed"]["reached"] == 1
    assert funnel["drafting"]["from_previous"] == pytest.approx(1 / 3, abs=1e-4)
    assert d.pipeline["by_status"]["cancelled"] == 1
    assert [r["trip_id"] for r in d.departures["30"]] == [ids["T4"]]
    assert d.departures["30"][0]["days"] == 16
    assert [r["trip_id"] for r in d.stale] == [ids["T5"]] and d.stale[0]["days"] == 36
    assert [(c["client_id"], c["age_days"]) for c in d.complaints] == [(ids["D"], 10)]
    assert d.complaints[0]["advisor"] == "林美 · Mei Lin"
    assert d.referrers == [
        {"client_id": ids["A"], "name": "Ann Lee", "referred": 1, "client_ids": [ids["C"]]}
    ]
    sat = {r["advisor"]: (r["mean"], r["answers"]) for r in d.satisfaction["by_advisor"]}
    assert sat == {"林美 · Mei Lin": (90.0, 1), "陈静 · Chen Jing": (60.0, 1)}
    dest = {r["destination"]: r["mean"] for r in d.satisfaction["by_destination"]}
    assert dest == {"Yunnan": 90.0, "Paris": 60.0}  # each client's latest trip before the answer
    assert d.conversion_by_source["referral"].value == 0.5
    assert d.conversion_by_source["website"].value == 0.0
    assert len(d.trends["conversion"]) == 12
    assert d.trends["conversion"][-1][1].value == pytest.approx(1 / 3)
    assert [a["advisor"] for a in d.by_advisor] == ["陈静 · Chen Jing", "林美 · Mei Lin"]


def test_money_per_currency_never_converted(desk_studio):
    studio, ids = desk_studio
    july = Period(date(2026, 7, 1), date(2026, 8, 1))
    d = compute.desk(studio, july, today=TODAY)
    assert d.money["totals"] == {
        "EUR": {"revenue": "500.00", "cost": "400.00", "margin": "100.00"},
        "USD": {"revenue": "1000.00", "cost": "700.00", "margin": "300.00"},
    }
    assert {(m["month"], m["currency"]) for m in d.money["by_month"]} == {
        ("2026-07", "EUR"),
        ("2026-07", "USD"),
    }
    assert d.money["top_suppliers"][0]["name"] == "Hôtel d'Europe"
    assert d.destinations[0]["destination"] == "Provence"


def test_no_data_is_not_zero(desk_studio):
    studio, _ids = desk_studio
    k = compute.kpis(compute.load_snapshot(studio), Period(date(2020, 1, 1), date(2020, 2, 1)))
    assert k["conversion"].value is None and k["conversion"].text() == "no data"
    assert k["satisfaction"].status() == "none"
    assert k["conversion"].to_json() == {
        "value": None,
        "numerator": 0,
        "denominator": 0,
        "target": 0.15,
    }


def test_bad_input(desk_studio, tmp_path):
    studio, _ids = desk_studio
    with pytest.raises(StudioError, match="after it ends"):
        from_args("2026-05-10", "2026-05-01")
    with pytest.raises(StudioError, match="must come before"):
        from_args("2026-05-10", "2026-05-10")
    with pytest.raises(StudioError, match="not a day"):
        from_args("May", None)
    with pytest.raises(StudioError, match="No advisor is called “Nobody”.*Chen Jing"):
        compute.desk(studio, MAY, "Nobody")
    with Studio.open(tmp_path / "empty") as empty:
        with pytest.raises(StudioError, match="no clients yet"):
            compute.desk(empty, MAY)


def test_periods():
    assert from_args(None, None, date(2026, 3, 10)) == Period(date(2026, 2, 1), date(2026, 3, 1))
    assert preset("quarter", date(2026, 5, 2)) == Period(date(2026, 4, 1), date(2026, 7, 1))
    assert preset("year", date(2026, 5, 2)).previous() == Period(date(2025, 1, 1), date(2026, 1, 1))
    trail = MAY.trailing(12)
    assert trail[0] == Period(date(2025, 6, 1), date(2025, 7, 1)) and trail[-1] == MAY


def test_report_json_cli(desk_studio, capsys):
    studio, ids = desk_studio
    data_dir = studio.data_dir
    studio.close()
    code = main(
        [
            "--data-dir",
            str(data_dir),
            "report",
            "--from",
            "2026-05-01",
            "--to",
            "2026-06-01",
            "--json",
        ]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["period"] == {"from": "2026-05-01", "to": "2026-06-01"}
    assert set(out["kpis"]) == set(compute.KPI_KEYS)
    assert out["kpis"]["conversion"] == {
        "value": 0.3333,
        "numerator": 1,
        "denominator": 3,
        "target": 0.15,
    }
    assert out["kpis"]["satisfaction"]["value"] == 75.0
    assert {"by_advisor", "pipeline", "money"} <= set(out)
    code = main(["--data-dir", str(data_dir), "report", "--advisor", "Chen Jing", "--json",
                 "--from", "2026-05-01", "--to", "2026-06-01"])  # fmt: skip
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kpis"]["conversion"]["denominator"] == 2
    code = main(
        ["--data-dir", str(data_dir), "report", "--from", "2026-06-01", "--to", "2026-05-01"]
    )
    assert code != 0
    assert "after it ends" in capsys.readouterr().err
