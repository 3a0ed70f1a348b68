"""Faults met calmly, input side: what import and the Python API refuse, in one sentence."""

from __future__ import annotations

import json

import pytest

from studio import cli
from studio.domain import validate
from studio.domain.models import ImportantDate
from studio.errors import ImportFileError, ValidationError
from studio.services import clients, exchange, queries


@pytest.fixture
def exported(studio, tmp_path):
    c = clients.create_client(studio, "Zoë Martin", tags=["vip"])
    clients.add_person(studio, c.id, "Zoë Martin")
    doc = exchange.export_document(studio)
    return doc, tmp_path / "in.json", c.id


def _import(doc, path, target):
    path.write_text(json.dumps(doc), encoding="utf-8")  # a lone surrogate as \\ud800
    exchange.import_studio(target, path)


@pytest.fixture
def empty(tmp_path):
    from studio.store import Studio

    s = Studio.open(tmp_path / "other")
    clients.setup_local_advisor(s, "Tom", role="owner")
    yield s
    s.close()


def _client_row(doc):
    return doc["tables"]["client"][0]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(journal=[]), "no change journal"),
        (lambda d: _client_row(d).update(name="Someone Else"), "differs from its journal"),
        (lambda d: _client_row(d).update(tags='{"vip": 1}'), "not a list of texts"),
        (lambda d: _client_row(d).update(name="Zo\x1b[31më"), "control or direction-override"),
        (lambda d: _client_row(d).update(name="Zoë\u202e"), "control or direction-override"),
        (lambda d: _client_row(d).update(name="\ud800"), "lone surrogate"),
        (
            lambda d: d["tables"]["person"][0].update(position=2**70),
            "too large to store",
        ),
        (
            lambda d: d["journal"].append(
                {**d["journal"][-1], "row_id": "ghost-row", "hlc": "9999999999999.00000.x"}
            ),
            "neither in the file nor in the studio",
        ),
    ],
)
def test_import_refuses_a_file_that_breaks_the_studios_rules(exported, empty, mutate, expected):
    doc, path, _cid = exported
    mutate(doc)
    with pytest.raises(ImportFileError, match=expected):
        _import(doc, path, empty)
    assert queries.client_ids(empty) == []  # nothing written


def test_an_id_that_exists_with_other_content_says_what_differs(exported, empty):
    doc, path, cid = exported
    _import(doc, path, empty)
    _client_row(doc).update(notes="Changed in the file", updated_at="2999-01-01T00:00:00.000Z")
    with pytest.raises(ImportFileError, match="“notes” is"):
        _import(doc, path, empty)


def test_text_is_stored_nfc_without_invisible_or_control_characters(studio):
    composed = clients.create_client(studio, "Zo\u00eb Composed")
    decomposed = clients.create_client(studio, "Zoe\u0308 Decomposed")
    assert decomposed.name == "Zo\u00eb Decomposed" and composed.name.startswith("Zo\u00eb")
    with pytest.raises(ValidationError, match="cannot be empty"):
        clients.create_client(studio, "\u200b\u200b\u200b")
    with pytest.raises(ValidationError, match="lone surrogate"):
        clients.create_client(studio, "\ud800")
    c = clients.create_client(studio, "Mal\x00lory\x1b[2J \u202eevil")
    assert c.name == "Mallory[2J evil"
    assert validate.text("a\u200db", "name") == "a\u200db"  # a joiner inside a word stays


def test_huge_numbers_and_non_utf8_search_are_sentences(studio, capsys):
    with pytest.raises(ValidationError, match="too large a number"):
        validate.clean(ImportantDate, {"month": 2**70})
    data_dir = str(studio.data_dir)
    studio.close()
    assert cli.main(["--data-dir", data_dir, "search", "caf\udce9"]) == 1
    err = capsys.readouterr().err
    assert "not UTF-8" in err and "Traceback" not in err
