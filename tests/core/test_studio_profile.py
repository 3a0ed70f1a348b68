"""The studio's own details: defaults, validation, undo, export/import and the 0009 upgrade."""

from __future__ import annotations

import sqlite3

import pytest
from fixtures.flat_journal import flatten_journal
from sqlmodel import select

from studio import paths
from studio.domain.models import Client
from studio.domain.studio_models import StudioProfile
from studio.errors import ValidationError
from studio.services import clients, exchange
from studio.services import studio_profile as sp
from studio.services.check import check
from studio.store import Studio, schema


def test_defaults_before_anything_is_set(studio):
    p = sp.profile(studio)
    assert p.name == "Travel Studio" and p.display_name == "Travel Studio"
    assert (p.phone, p.email, p.emergency_phone, p.tagline) == ("", "", "", "")
    assert p.contacts() == []


def test_update_normalises_and_journals_one_row(studio):
    p = sp.update_profile(
        studio,
        name="  Lotus   Journeys ",
        native_name="莲途旅行",
        phone="+1 212 555 0142",
        email="Hello@Lotus.example",
        website="www.lotus.example",
        emergency_phone="+1 212 555 0199",
        tagline="Journeys made by hand",
    )
    assert p.name == "Lotus Journeys" and p.display_name == "Lotus Journeys 莲途旅行"
    assert (p.phone, p.emergency_phone) == ("+12125550142", "+12125550199")
    assert p.contacts() == ["+1 212-555-0142", "Hello@lotus.example", "www.lotus.example"]
    assert studio.count(StudioProfile, include_deleted=True) == 1
    sp.update_profile(studio, tagline="")
    assert studio.count(StudioProfile, include_deleted=True) == 1  # always the same row
    assert sp.profile(studio).tagline == ""
    with studio.read() as conn:
        fields = {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT field FROM change WHERE table_name = 'studio_profile' AND row_id = ?",
                (sp.PROFILE_ID,),
            )
        }
    assert {"name", "native_name", "phone", "email", "emergency_phone", "tagline"} <= fields


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("phone", "12345", "The studio's phone “12345” is not a valid phone number"),
        (
            "emergency_phone",
            "call us",
            "The 24 h emergency line “call us” is not a valid phone number",
        ),
        ("email", "hello@", "The studio's email “hello@” is not a valid email address"),
        ("website", "not a site", "The studio's website “not a site” is not a web address"),
        ("name", "   ", "The studio's name cannot be empty."),
        ("tagline", "x" * 161, "The tagline is too long (161 characters; at most 160)."),
        ("fax", "1", "“fax” is not a detail of the studio"),
    ],
)
def test_refusals_name_the_field_and_write_nothing(studio, field, value, words):
    sp.update_profile(studio, name="Lotus Journeys")
    with pytest.raises(ValidationError) as exc:
        sp.update_profile(studio, **{"tagline": "Changed", field: value})
    assert exc.value.field == field
    assert exc.value.message.startswith(words)
    assert exc.value.message.replace("e.g. ", "").count(". ") == 0  # one sentence
    assert sp.profile(studio).name == "Lotus Journeys" and sp.profile(studio).tagline == ""


def test_undo_and_redo(studio):
    with studio.transaction() as first:
        sp.update_profile(studio, name="Lotus Journeys", phone="+1 212 555 0142")
    with studio.transaction() as second:
        sp.update_profile(studio, name="Lotus Travel")
    studio.revert(second.id)
    assert sp.profile(studio).name == "Lotus Journeys"
    studio.revert(first.id)  # undoing the first change removes the row: back to the defaults
    assert sp.profile(studio) == sp.Profile()
    again = sp.update_profile(studio, name="Lotus Again")  # the same row comes back
    assert again.name == "Lotus Again" and again.phone == "+12125550142"
    assert studio.count(StudioProfile, include_deleted=True) == 1


def test_export_import_carries_the_profile_byte_identically(studio, tmp_path):
    sp.update_profile(
        studio, name="Lotus Journeys", native_name="莲途旅行", email="hello@lotus.example"
    )
    out = tmp_path / "studio.json"
    exchange.export_studio(studio, out)
    text = out.read_text(encoding="utf-8")
    assert '"studio_profile"' in text and "莲途旅行" in text
    with Studio.open(tmp_path / "copy") as s:
        exchange.import_studio(s, out)
        assert sp.profile(s).display_name == "Lotus Journeys 莲途旅行"
        assert check(s).ok
        again = tmp_path / "again.json"
        exchange.export_studio(s, again)
    assert again.read_bytes() == out.read_bytes()


def test_upgrade_from_0008_keeps_data(data_dir):
    with Studio.open(data_dir) as s:
        clients.setup_local_advisor(s, "Mei Lin")
        clients.create_client(s, "Wang Xiaoming", native_name="王小明")
    db = data_dir / paths.DB_NAME
    flatten_journal(db)  # the journal as 0008 kept it
    con = sqlite3.connect(db)  # the same studio as revision 0008 wrote it: no profile table
    con.execute("DROP TABLE studio_profile")
    con.execute("UPDATE alembic_version SET version_num = '0008_trip_search'")
    con.commit()
    con.close()
    with Studio.open(data_dir) as s:
        assert s.migration == f"0008_trip_search → {schema.HEAD}"
        assert s.schema_revision() == schema.HEAD
        assert s.count(Client) == 1
        with s.session() as session:
            assert [c.native_name for c in session.exec(select(Client))] == ["王小明"]
        assert sp.profile(s).name == "Travel Studio"
        sp.update_profile(s, name="Lotus Journeys")
        assert sp.profile(s).name == "Lotus Journeys"
        assert check(s).ok, check(s).problems
