"""Export and import of a whole studio: a faithful round trip, and bad files refused whole."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from studio.cli import main
from studio.domain.models import MODELS, Client, Person
from studio.errors import ImportFileError, StudioError
from studio.services import clients, exchange
from studio.services.check import check
from studio.services.demo.build import build_demo
from studio.store import Studio

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A small demo studio's export: (path, text, parsed document)."""
    d = tmp_path_factory.mktemp("source")
    out = d / "studio.json"
    with Studio.open(d / "data") as s:
        build_demo(s, clients=30, seed=11, today=TODAY)
        summary = exchange.export_studio(s, out)
    assert "30 clients" in summary and "journal records" in summary
    text = out.read_text(encoding="utf-8")
    return out, text, json.loads(text)


def _state(studio) -> tuple:
    """Counts of every table (deleted rows too) and of the journal."""
    counts = tuple(studio.count(m, include_deleted=True) for m in MODELS)
    with studio.read() as conn:
        journal = conn.exec_driver_sql("SELECT count(*) FROM change").scalar()
    return counts + (journal,)


def test_document_shape(exported):
    _path, text, doc = exported
    assert list(doc) == ["format", "version", "schema", "tables", "journal"]
    assert (doc["format"], doc["version"]) == ("travel-studio", 2)
    assert list(doc["tables"]) == [m.__tablename__ for m in MODELS]
    for rows in doc["tables"].values():
        assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    assert any(r["deleted_at"] for r in doc["tables"]["client"])
    assert all("seq" not in r for r in doc["journal"])
    keys = [r["hlc"] for r in doc["journal"]]  # the clock stamp is a record's identity
    assert keys == sorted(set(keys))
    assert "王小明" in text  # ensure_ascii=False
    assert text.startswith('{\n "format": "travel-studio",\n "version": 2,')
    assert 'device_id": "' not in text.split('"journal"')[0]  # no local settings among the tables


def test_round_trip_is_byte_identical(exported, tmp_path):
    path, text, _doc = exported
    target = tmp_path / "copy"
    with Studio.open(target) as s:
        summary = exchange.import_studio(s, path)
        assert "30 clients" in summary
        assert s.advisor_id is None  # the UI asks on first run
        assert check(s).ok, check(s).problems
        out = tmp_path / "again.json"
        exchange.export_studio(s, out)
    assert out.read_bytes() == text.encode("utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_import_keeps_history_and_search(exported, tmp_path):
    path, _text, doc = exported
    with Studio.open(tmp_path / "copy") as s:
        exchange.import_studio(s, path)
        from studio.services.queries import history
        from studio.services.search import search

        hit = search(s, "小明")[0]
        entries = history(s, hit.client_id)
        assert entries and {e.op for e in entries} >= {"create"}
        with s.read() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM change").scalar() == len(
                doc["journal"]
            )
        # The clock moved past every imported stamp, so new changes sort after the history.
        newest = max(r["hlc"] for r in doc["journal"])
        assert s.clock.now() > newest


def test_import_into_a_studio_with_data_then_again_skips_everything(exported, studio):
    path, _text, doc = exported
    before = _state(studio)
    exchange.import_studio(studio, path)
    after = _state(studio)
    assert after[1] == before[1] + len(doc["tables"]["client"])
    assert studio.advisor_id is not None
    assert check(studio).ok
    summary = exchange.import_studio(studio, path)
    assert summary.startswith("nothing new") and "skipped" in summary
    assert _state(studio) == after


def test_import_rows_that_refer_to_the_studio(studio, tmp_path):
    client = clients.create_client(studio, "Ada Lovelace")
    doc = exchange.export_document(studio)
    person = {
        "id": "p-new-1",
        "created_at": "2026-01-01T00:00:00.000Z",
        "updated_at": "2026-01-01T00:00:00.000Z",
        "deleted_at": None,
        "client_id": client.id,
        "name": "Byron Lovelace",
        "role": "relative",
    }
    doc["tables"] = {"person": [person]}
    doc["journal"] = [
        {
            "tx": "tx-new-1",
            "op": "create",
            "table_name": "person",
            "row_id": "p-new-1",
            "field": field,
            "old": None,
            "new": json.dumps(person[field]),
            "advisor_id": None,
            "device_id": "dev-elsewhere",
            "hlc": f"1767225600000.0000{i}.dev-elsewhere",
            "wall_time": "2026-01-01T00:00:00.000Z",
        }
        for i, field in enumerate(("client_id", "name", "role"))
    ]
    f = tmp_path / "one.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    assert exchange.import_studio(studio, f).startswith("1 person")
    with studio.session() as s:
        p = s.get(Person, "p-new-1")
        assert p.client_id == client.id and p.notes == "" and p.position == 0


def _first(doc, table, **where):
    return next(r for r in doc["tables"][table] if all(r.get(k) == v for k, v in where.items()))


def _set(table, field, value, **where):
    def mutate(doc):
        _first(doc, table, **where)[field] = value

    return mutate


def _drop(table, field):
    def mutate(doc):
        del doc["tables"][table][0][field]

    return mutate


def _journal(field, value):
    def mutate(doc):
        doc["journal"][-1][field] = value

    return mutate


def _duplicate(doc):
    doc["tables"]["client"].append(copy.deepcopy(doc["tables"]["client"][0]))


def _unknown_table(doc):
    doc["tables"]["gift_voucher"] = []


def _last_date_bad(doc):
    doc["tables"]["important_date"][-1]["month"] = 13


def _journal_missing_hlc(doc):
    del doc["journal"][0]["hlc"]


def _journal_duplicate(doc):
    doc["journal"].append(dict(doc["journal"][0]))


BAD_DOCS = {
    "not an export": (lambda doc: doc.pop("format"), "not a Travel Studio export"),
    "newer version": (lambda doc: doc.update(version=3), "written by a newer version"),
    "newer schema": (lambda doc: doc.update(schema="0099_future"), "written by a newer version"),
    "unknown table": (_unknown_table, "unknown table “gift_voucher”"),
    "missing field": (_drop("person", "client_id"), "lacks the required field “client_id”"),
    "missing name": (_drop("client", "name"), "lacks the required field “name”"),
    "wrong type": (_set("person", "position", "3", role="child"), "should be a whole number"),
    "wrong bool": (
        _set("contact_point", "preferred", "yes", kind="email"),
        "should be true or false",
    ),
    "null name": (_set("client", "name", None, kind="organization"), "cannot be empty"),
    "unknown field": (_set("client", "vip", True, kind="organization"), "unknown field “vip”"),
    "bad stage": (
        _set("client", "stage", "sleeping", kind="organization"),
        "“sleeping” is not a valid stage",
    ),
    "bad email": (
        _set("contact_point", "value", "zoe at example", kind="email"),
        "not a valid email",
    ),
    "bad phone": (
        _set("contact_point", "value", "+86 123", kind="phone"),
        "not a valid phone number",
    ),
    "bad satisfaction": (
        _set("interaction", "satisfaction", 140, kind="feedback"),
        "from 0 to 100",
    ),
    "bad date at the end": (_last_date_bad, "does not exist"),
    "bad timestamp": (
        _set("client", "created_at", "yesterday", kind="organization"),
        "not a date and time",
    ),
    "dangling client": (
        _set("person", "client_id", "no-such-client", role="child"),
        "neither in the file nor in the studio",
    ),
    "dangling referral": (
        _set("client", "referred_by_id", "ghost", kind="organization"),
        "“referred_by_id” to client ghost",
    ),
    "dangling advisor": (
        _set("interaction", "advisor_id", "ghost", kind="call"),
        "“advisor_id” to advisor ghost",
    ),
    "duplicate id": (_duplicate, "appears twice in table “client”"),
    "journal missing hlc": (_journal_missing_hlc, "journal record 1 lacks the field “hlc”"),
    "journal bad op": (_journal("op", "frobnicate"), "unknown operation “frobnicate”"),
    "journal bad stamp": (_journal("hlc", "yesterday"), "malformed clock stamp"),
    "journal bad json": (_journal("new", "{not json"), "not JSON"),
    "journal duplicate": (_journal_duplicate, "appears twice"),
    "journal not a list": (lambda doc: doc.update(journal={}), "must be a list"),
    "row not an object": (lambda doc: doc["tables"]["consent"].append("x"), "is not an object"),
}


@pytest.mark.parametrize("case", list(BAD_DOCS))
def test_bad_document_is_refused_whole(case, exported, studio, tmp_path):
    mutate, expected = BAD_DOCS[case]
    doc = copy.deepcopy(exported[2])
    mutate(doc)
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = _state(studio)
    with pytest.raises(ImportFileError) as err:
        exchange.import_studio(studio, f)
    message = str(err.value)
    assert expected in message, message
    assert "\n" not in message
    assert _state(studio) == before


BAD_TEXTS = {
    "not json": (lambda text: "name,stage\nZoë,active\n", "is not JSON"),
    "truncated": (lambda text: text[: len(text) // 2], "looks truncated"),
    "syntax error": (
        lambda text: text.replace('"version": 2,', '"version": 2,,', 1),
        "not valid JSON",
    ),
    "empty": (lambda text: "", "is empty"),
    "a list": (lambda text: "[1, 2]", "not a Travel Studio export"),
}


@pytest.mark.parametrize("case", list(BAD_TEXTS))
def test_unreadable_file_is_refused(case, exported, studio, tmp_path):
    mutate, expected = BAD_TEXTS[case]
    f = tmp_path / "bad.json"
    f.write_text(mutate(exported[1]), encoding="utf-8")
    before = _state(studio)
    with pytest.raises(ImportFileError, match=expected) as err:
        exchange.import_studio(studio, f)
    if case in ("truncated", "syntax error"):
        assert "line " in str(err.value) and "column " in str(err.value)
    assert _state(studio) == before


def test_not_utf8_and_missing_file(studio, tmp_path):
    f = tmp_path / "latin1.json"
    f.write_bytes('{"format": "travel-studio", "name": "Zoë"}'.encode("latin-1"))
    with pytest.raises(ImportFileError, match="not UTF-8"):
        exchange.import_studio(studio, f)
    with pytest.raises(ImportFileError, match="There is no file"):
        exchange.import_studio(studio, tmp_path / "nope.json")


def test_export_to_a_missing_folder_leaves_nothing(studio, tmp_path):
    with pytest.raises(StudioError):
        exchange.export_studio(studio, tmp_path / "nope" / "out.json")
    assert not (tmp_path / "nope").exists()


def test_export_replaces_a_file_atomically(studio, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "out.json"
    out.write_text("old", encoding="utf-8")
    exchange.export_studio(studio, out)
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "travel-studio"
    assert [p.name for p in folder.iterdir()] == ["out.json"]


def test_cli_export_and_import(exported, tmp_path, capsys):
    path, text, _doc = exported
    d = tmp_path / "cli"
    assert main(["--data-dir", str(d), "import", str(path)]) == 0
    assert "Imported 3 advisors, 30 clients" in capsys.readouterr().out
    out = tmp_path / "out.json"
    assert main(["--data-dir", str(d), "export", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == text
    capsys.readouterr()

    bad = tmp_path / "bad.json"
    bad.write_text(text.replace('"version": 2', '"version": 7', 1), encoding="utf-8")
    assert main(["--data-dir", str(d), "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("travel-studio: ") and "newer version" in err and err.count("\n") == 1

    bad.write_text(text[:1000], encoding="utf-8")
    assert main(["--data-dir", str(d), "import", str(bad)]) == 1
    assert "truncated" in capsys.readouterr().err

    assert main(["--data-dir", str(d), "export", str(tmp_path / "no" / "x.json")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_existing_client_changes_are_not_overwritten(exported, studio):
    path, _text, doc = exported
    exchange.import_studio(studio, path)
    cid = doc["tables"]["client"][0]["id"]
    clients.update_client(studio, cid, notes="Edited after import")
    exchange.import_studio(studio, path)
    with studio.session() as s:
        assert s.get(Client, cid).notes == "Edited after import"
