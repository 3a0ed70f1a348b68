"""Contacts export: CSV, Excel and vCard 3.0, and the round trip back through the import."""

from __future__ import annotations

import csv
import json

import pytest

from studio.domain.models import Client
from studio.services import clients, contacts_io
from studio.services.contacts_io import export
from studio.services.contacts_io.readers import read_table


@pytest.fixture
def filled(studio):
    household = clients.create_client(
        studio,
        "Wang Xiaoming & Li Na",
        kind="household",
        native_name="王小明 & 李娜",
        people=[
            {"name": "Wang Xiaoming", "native_name": "王小明", "role": "primary"},
            {"name": "Li Na", "native_name": "李娜", "role": "partner"},
        ],
        contacts=[
            {"kind": "email", "value": "wxm@example.com", "person": 0},
            {"kind": "phone", "value": "+86 138 0013 8000", "person": 0, "label": "mobile"},
            {"kind": "email", "value": "lina@example.com", "person": 1},
            {"kind": "address", "value": "12 Garden Rd, Shanghai"},
        ],
        tags=["vip"],
    )
    with studio.session() as s:
        from sqlmodel import select

        from studio.domain.models import Person

        pid = s.exec(select(Person).where(Person.name == "Li Na")).one().id
    clients.add_important_date(studio, pid, "birthday", 7, 14, 1986)
    solo = clients.create_client(
        studio, "Oliver Grant", contacts=[{"kind": "email", "value": "og@example.com", "person": 0}]
    )
    return household, solo


def test_csv_is_utf8_with_bom_one_row_per_person(studio, filled, tmp_path):
    household, solo = filled
    out = tmp_path / "clients.csv"
    result = export.write(studio, out, [household.id, solo.id])
    assert (result.clients, result.people) == (2, 3)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:4] == ["Household", "Name", "Native name", "Email"]
    assert rows[1][:4] == ["Wang Xiaoming & Li Na", "Wang Xiaoming", "王小明", "wxm@example.com"]
    li = rows[2]
    assert li[1] == "Li Na" and "1986-07-14" in li and "12 Garden Rd, Shanghai" in li
    assert rows[3][0] == "" and rows[3][1] == "Oliver Grant"


def test_csv_round_trip_rebuilds_households(studio, filled, tmp_path, data_dir):
    household, solo = filled
    out = tmp_path / "clients.csv"
    export.write(studio, out, [household.id, solo.id])
    # into the same studio: everything is already there
    _t, _c, plan = contacts_io.dry_run(studio, out)
    assert plan.counts()["skipped"] == 3 and plan.counts()["new"] == 0
    # into an empty studio: the same clients, households again
    from studio.store import Studio

    other_dir = tmp_path / "other"
    other_dir.mkdir()
    with Studio.open(other_dir) as other:
        _plan, result = contacts_io.import_file(other, out)
        assert result.clients_created == 2 and result.people == 3
        with other.session() as s:
            from sqlmodel import select

            names = sorted((c.name, c.kind) for c in s.exec(select(Client)).all())
        assert names == [("Oliver Grant", "individual"), ("Wang Xiaoming & Li Na", "household")]


def test_xlsx(studio, filled, tmp_path):
    household, solo = filled
    out = tmp_path / "clients.xlsx"
    export.write(studio, out, [solo.id, household.id])
    table = read_table(out)
    assert table.headers[1] == "Name"
    assert [r[1] for r in table.rows] == ["Oliver Grant", "Wang Xiaoming", "Li Na"]


def test_vcard_30_reads_back(studio, filled, tmp_path):
    import vobject

    household, solo = filled
    out = tmp_path / "cards.vcf"
    export.write(studio, out, [household.id])
    text = out.read_text(encoding="utf-8")
    cards = list(vobject.readComponents(text))
    assert len(cards) == 2 and all(c.version.value == "3.0" for c in cards)
    wang = cards[0]
    assert wang.fn.value == "Wang Xiaoming 王小明"
    assert wang.n.value.family == "Wang" and wang.n.value.given == "Xiaoming"
    assert wang.tel.value == "+8613800138000" and wang.email.value == "wxm@example.com"
    assert cards[1].bday.value == "1986-07-14"
    uids = [c.uid.value for c in cards]
    export.write(studio, out, [household.id])
    again = [c.uid.value for c in vobject.readComponents(out.read_text(encoding="utf-8"))]
    assert uids == again and len(set(uids)) == 2  # stable: a second export updates the cards
    # and the import reads its own vCards
    _t, _c, plan = contacts_io.dry_run(studio, out)
    assert [r.status for r in plan.rows] == ["skipped", "skipped"]


def test_bad_target_and_no_clients(studio, filled, tmp_path):
    with pytest.raises(Exception, match=r"\.csv, \.xlsx or \.vcf"):
        export.write(studio, tmp_path / "x.pdf", [filled[0].id])
    with pytest.raises(Exception, match="no clients"):
        export.write(studio, tmp_path / "x.csv", [])
    assert not (tmp_path / "x.csv").exists()


def test_cli(studio, filled, data_dir, tmp_path, capsys):
    from studio.cli import main

    studio.close()
    out = tmp_path / "one.vcf"
    assert (
        main(["--data-dir", str(data_dir), "export-contacts", str(out), "--client", "Oliver Grant"])
        == 0
    )
    assert "1 clients, 1 people" in capsys.readouterr().out.replace("1 client,", "1 clients,")
    assert out.read_text().count("BEGIN:VCARD") == 1
    out_all = tmp_path / "all.csv"
    assert main(["--data-dir", str(data_dir), "export-contacts", str(out_all), "--tag", "vip"]) == 0
    assert len(out_all.read_text(encoding="utf-8-sig").splitlines()) == 3
    j = tmp_path / "x.json"
    assert main(["--data-dir", str(data_dir), "export-contacts", str(j)]) != 0
    assert json.dumps(1)
