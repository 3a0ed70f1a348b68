"""A client's own data: the zip holds a readable PDF (Chinese too), the JSON and the photos."""

from __future__ import annotations

import io
import json
import zipfile

import pypdf
import pytest
from PIL import Image

from studio import cli
from studio.errors import NotFoundError
from studio.services import clients, profiles
from studio.services.agenda import documents
from studio.services.media import importing
from studio.services.privacy import export
from studio.services.trips import lifecycle


def _client(studio, tmp_path):
    c = clients.create_client(studio, "Zoë Wang", native_name="王佐伊", tags=["vip"])
    p = clients.add_person(studio, c.id, "Zoë Wang", native_name="王佐伊")
    clients.add_contact(studio, c.id, "email", "zoe.wang@example.org")
    clients.set_consent(studio, c.id, "marketing", False, method="email")
    documents.add_document(studio, p.id, "2030-03-01", number="E12345678", country="CN")
    profiles.set_fact(studio, c.id, "diet.vegetarian", "must", source="intake-form")
    clients.log_interaction(studio, c.id, "call", "Asked about Kyoto", occurred_at="2026-11-20")
    trip = lifecycle.create_trip(studio, c.id, "Kyoto in autumn")
    img = tmp_path / "kyoto.jpg"
    Image.new("RGB", (40, 30), (10, 120, 10)).save(img)
    importing.add_media(studio, trip.id, [img])
    clients.update_client(studio, c.id, notes="Loves gardens")
    return c.id


def _pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_the_zip_holds_everything_about_the_client(studio, tmp_path):
    cid = _client(studio, tmp_path)
    other = clients.create_client(studio, "Someone Else")
    out = tmp_path / "zoe.zip"
    result = export.write_client_export(studio, cid, out)
    assert result.photos == 1 and result.rows >= 8
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        doc = json.loads(z.read("client.json"))
        pdf = z.read("client.pdf")
    assert {"client.json", "client.pdf"} <= names
    assert any(n.startswith("photos/") for n in names)
    tables = doc["tables"]
    assert doc["format"] == export.FORMAT and doc["client_id"] == cid
    assert tables["client"][0]["tags"] == ["vip"]
    assert tables["consent"][0]["purpose"] == "marketing" and not tables["consent"][0]["granted"]
    assert tables["profile_fact"][0]["source"] == "intake-form"
    assert tables["travel_document"][0]["number"] == "E12345678"
    assert {"trip", "trip_version", "trip_media", "interaction", "person"} <= set(tables)
    assert any(h["field"] == "notes" and h["new"] == "Loves gardens" for h in doc["history"])
    assert other.id not in json.dumps(doc)
    text = _pdf_text(pdf)
    for word in ("Zoë Wang", "王佐伊", "zoe.wang@example.org", "E12345678", "Kyoto in autumn"):
        assert word in text
    assert "Someone Else" not in text
    assert not list(tmp_path.glob(".zoe.zip.*"))  # no temporary file left


def test_the_command_writes_the_zip_and_an_unknown_client_is_one_sentence(studio, tmp_path, capsys):
    _client(studio, tmp_path)
    data_dir = str(studio.data_dir)
    studio.close()
    out = tmp_path / "out.zip"
    assert cli.main(["--data-dir", data_dir, "client-export", "Zoë Wang", str(out)]) == 0
    assert zipfile.is_zipfile(out)
    assert (
        cli.main(["--data-dir", data_dir, "client-export", "Nobody", str(tmp_path / "x.zip")]) == 1
    )
    err = capsys.readouterr().err
    assert "No client matches" in err and "Traceback" not in err
    assert not (tmp_path / "x.zip").exists()


def test_an_unknown_id_is_refused(studio):
    with pytest.raises(NotFoundError):
        export.client_data(studio, "nope")
