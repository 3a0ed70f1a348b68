"""Search: accent-insensitive, Chinese by substring, contacts, tags and notes; deleted rows hidden."""

from __future__ import annotations

import pytest

from studio.services import clients, queries
from studio.services.search import search
from studio.store import fts


@pytest.fixture
def people(studio):
    zoe = clients.create_client(
        studio,
        "Zoë Martin",
        tags=["vip", "honeymoon"],
        notes="Allergic to shellfish",
        contacts=[
            {"kind": "email", "value": "zoe.martin@example.com"},
            {"kind": "phone", "value": "+86 138 0013 8000"},
        ],
    )
    wang = clients.create_client(
        studio,
        "The Wang family",
        kind="household",
        native_name="王家",
        people=[
            {"name": "Wang Xiaoming", "native_name": "王小明"},
            {"name": "Zhang Li", "native_name": "张丽", "role": "partner"},
        ],
    )
    jose = clients.create_client(studio, "José Müller")
    clients.log_interaction(studio, jose.id, "call", "Wants a walking tour in the Dolomites")
    return {"zoe": zoe.id, "wang": wang.id, "jose": jose.id}


def names(studio, q):
    return [h.name for h in search(studio, q)]


@pytest.mark.parametrize(
    "q,expected",
    [
        ("zoe", "Zoë Martin"),
        ("ZOË", "Zoë Martin"),
        ("zo", "Zoë Martin"),
        ("jose muller", "José Müller"),
        ("小明", "The Wang family"),
        ("王小明", "The Wang family"),
        ("张丽", "The Wang family"),
        ("xiaoming", "The Wang family"),
        ("13800138000", "Zoë Martin"),
        ("zoe.martin@example.com", "Zoë Martin"),
        ("honeymoon", "Zoë Martin"),
        ("shellfish", "Zoë Martin"),
        ("dolomites", "José Müller"),
    ],
)
def test_finds(studio, people, q, expected):
    assert names(studio, q) == [expected]


def test_no_false_friends(studio, people):
    assert names(studio, "明小") == []
    assert names(studio, "zoe wang") == []
    assert names(studio, "") == []
    assert names(studio, '"*') == []


def test_deleted_clients_drop_out_and_come_back(studio, people):
    clients.delete_client(studio, people["zoe"])
    assert names(studio, "zoe") == []
    clients.restore_client(studio, people["zoe"])
    assert names(studio, "zoe") == ["Zoë Martin"]


def test_index_follows_edits_of_related_rows(studio, people):
    clients.add_contact(studio, people["jose"], "wechat", "jose_travels")
    assert names(studio, "jose_travels") == ["José Müller"]
    clients.update_client(studio, people["wang"], native_name="王氏家庭")
    assert names(studio, "王氏") == ["The Wang family"]


def test_list_filter_uses_search(studio, people):
    ids = queries.client_ids(studio, queries.ClientFilter(text="müller"))
    assert ids == [people["jose"]]
    assert queries.client_ids(studio, queries.ClientFilter(tag="vip")) == [people["zoe"]]


def test_match_expression_quotes_syntax():
    assert fts.match_expression('zoe OR "x') == '"zoe"* AND "OR"* AND "x"*'
    assert fts.match_expression("王小明") == '"王 小 明"'
