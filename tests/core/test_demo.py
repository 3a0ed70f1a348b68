"""The demo studio: its mix of content, its determinism, and that it passes ``check``."""

from __future__ import annotations

import json
import re
from datetime import date

import phonenumbers
import pytest

from studio.cli import main
from studio.domain import dates
from studio.domain.models import MODELS, Advisor, Client
from studio.errors import StudioError
from studio.services.check import check
from studio.services.demo.build import build_demo
from studio.services.search import search
from studio.store import Studio

TODAY = date(2026, 11, 22)
_CJK = re.compile("[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("demo")
    calls = []
    with Studio.open(d) as s:
        summary = build_demo(
            s, clients=40, seed=7, today=TODAY, progress=lambda a, b: calls.append((a, b))
        )
    assert calls and calls[-1] == (40, 40)
    assert summary.startswith("3 advisors, 40 clients, ")
    return d


@pytest.fixture
def demo_studio(demo_dir):
    s = Studio.open(demo_dir)
    yield s
    s.close()


def _rows(studio, sql, *params):
    with studio.read() as conn:
        return conn.exec_driver_sql(sql, params).fetchall()


def _content(data_dir) -> dict:
    """Every row of every table with the timestamps of the moment it ran left out."""
    out = {}
    with Studio.open(data_dir) as s, s.read() as conn:
        for model in MODELS:
            rows = (
                conn.exec_driver_sql(f"SELECT * FROM {model.__tablename__} ORDER BY id")
                .mappings()
                .all()
            )
            out[model.__tablename__] = [
                {
                    k: (v is not None if k == "deleted_at" else v)
                    for k, v in r.items()
                    if k not in ("created_at", "updated_at")
                }
                for r in rows
            ]
    return out


def test_advisors_and_local_advisor(demo_studio):
    advisors = _rows(demo_studio, "SELECT id, name, role FROM advisor")
    assert len(advisors) == 3
    owners = [a for a in advisors if a[2] == "owner"]
    assert len(owners) == 1
    assert demo_studio.advisor_id == owners[0][0]


def test_client_mix(demo_studio):
    assert demo_studio.count(Client, include_deleted=True) >= 40
    kinds = dict(_rows(demo_studio, "SELECT kind, count(*) FROM client GROUP BY kind"))
    assert (
        kinds.get("organization", 0) >= 2 and kinds["household"] >= 5 and kinds["individual"] >= 5
    )
    stages = {r[0] for r in _rows(demo_studio, "SELECT DISTINCT stage FROM client")}
    assert stages == {"prospect", "active", "repeat", "dormant", "lost"}
    names = _rows(demo_studio, "SELECT name, native_name FROM person")
    chinese = [(n, nn) for n, nn in names if nn and _CJK.search(nn)]
    assert ("Wang Xiaoming", "王小明") in chinese
    assert len(chinese) >= 5 and all(
        n.isascii() for n, _ in chinese
    )  # pinyin beside the characters
    accented = {n for n, nn in names if not n.isascii() and nn is None}
    assert {
        "Zoë Martin",
        "Jürgen Müller",
        "Łukasz Nowak",
        "Chloé Dubois",
        "José García",
    } <= accented
    roles = {r[0] for r in _rows(demo_studio, "SELECT DISTINCT role FROM person")}
    assert {"primary", "partner", "child", "contact", "member"} <= roles
    assert _rows(demo_studio, "SELECT count(*) FROM person WHERE birth_date IS NOT NULL")[0][0] > 20


def test_referrals_chain_and_repeat_referrers(demo_studio):
    pairs = dict(
        _rows(demo_studio, "SELECT id, referred_by_id FROM client WHERE referred_by_id IS NOT NULL")
    )
    assert len(pairs) >= 5
    counts = {}
    for ref in pairs.values():
        counts[ref] = counts.get(ref, 0) + 1
    assert max(counts.values()) >= 2  # someone referred several clients
    assert any(ref in pairs for ref in pairs.values())  # a referred client referred someone too
    assert {
        r[0]
        for r in _rows(demo_studio, "SELECT source FROM client WHERE referred_by_id IS NOT NULL")
    } == {"referral"}


def test_contacts_are_valid_and_one_preferred_per_kind(demo_studio):
    rows = _rows(
        demo_studio,
        "SELECT client_id, kind, value, preferred FROM contact_point WHERE deleted_at IS NULL",
    )
    kinds = {r[1] for r in rows}
    assert {"email", "phone", "address", "wechat", "whatsapp"} <= kinds
    for _cid, kind, value, _pref in rows:
        if kind in ("phone", "whatsapp"):
            assert phonenumbers.is_valid_number(phonenumbers.parse(value)), value
            assert value == phonenumbers.format_number(
                phonenumbers.parse(value), phonenumbers.PhoneNumberFormat.E164
            )
    preferred = {}
    for cid, kind, _v, pref in rows:
        preferred.setdefault((cid, kind), []).append(pref)
    assert all(sum(p) == 1 for p in preferred.values())


def test_timeline_spread_and_kinds(demo_studio):
    rows = _rows(
        demo_studio,
        "SELECT kind, occurred_at, advisor_id, satisfaction, status, resolution, summary FROM interaction",
    )
    advisors = {r[0] for r in _rows(demo_studio, "SELECT id FROM advisor")}
    assert {r[0] for r in rows} >= {
        "call",
        "meeting",
        "message",
        "email",
        "note",
        "feedback",
        "complaint",
        "gift",
    }
    assert all(r[2] in advisors for r in rows)
    assert len({r[2] for r in rows}) == 3
    dates = sorted(r[1][:10] for r in rows)
    assert dates[-1] <= TODAY.isoformat() and dates[0] >= "2023-06-01"
    assert all(0 <= r[3] <= 100 for r in rows if r[0] == "feedback")
    complaints = [r for r in rows if r[0] == "complaint"]
    assert any(r[4] == "open" for r in complaints)
    assert all(r[5] for r in complaints if r[4] == "resolved")
    assert any(_CJK.search(r[6]) for r in rows) and any(r[6].isascii() for r in rows)


def test_important_dates(demo_studio):
    rows = _rows(
        demo_studio, "SELECT kind, month, day, year FROM important_date WHERE deleted_at IS NULL"
    )
    assert {r[0] for r in rows} == {"birthday", "wedding", "custom"}
    assert any((m, d) == (2, 29) for _k, m, d, _y in rows)
    assert any(y is None for _k, _m, _d, y in rows) and any(y is not None for *_x, y in rows)
    soon = [r for r in rows if (dates.next_occurrence(r[1], r[2], TODAY)[1] - TODAY).days <= 30]
    assert len(soon) >= 5


def test_tags_notes_consent_and_deleted_rows(demo_studio):
    tags = {t for (raw,) in _rows(demo_studio, "SELECT tags FROM client") for t in json.loads(raw)}
    assert {"vip", "family", "corporate"} <= tags
    assert _rows(demo_studio, "SELECT count(*) FROM client WHERE notes != ''")[0][0] > 5
    assert {r[0] for r in _rows(demo_studio, "SELECT DISTINCT purpose FROM consent")} >= {
        "profile",
        "marketing",
    }
    assert _rows(demo_studio, "SELECT count(*) FROM client WHERE deleted_at IS NOT NULL")[0][0] >= 3
    assert (
        _rows(demo_studio, "SELECT count(*) FROM contact_point WHERE deleted_at IS NOT NULL")[0][0]
        >= 1
    )


def test_check_and_search(demo_studio):
    report = check(demo_studio)
    assert report.ok, report.problems
    assert [h.name for h in search(demo_studio, "小明")][:1] == ["Wang Xiaoming & Li Na"]
    assert "Zoë Martin" in [h.name for h in search(demo_studio, "zoe")]


def test_same_seed_same_studio(demo_dir, tmp_path):
    other = tmp_path / "again"
    with Studio.open(other) as s:
        build_demo(s, clients=40, seed=7, today=TODAY)
    assert _content(other) == _content(demo_dir)
    third = tmp_path / "different"
    with Studio.open(third) as s:
        build_demo(s, clients=40, seed=8, today=TODAY)
    assert _content(third)["client"] != _content(demo_dir)["client"]


def test_refuses_a_studio_with_clients(demo_studio):
    with pytest.raises(StudioError):
        build_demo(demo_studio, clients=5)


def test_keeps_an_existing_local_advisor(studio):
    mine = studio.advisor_id
    build_demo(studio, clients=12, today=TODAY)
    assert studio.advisor_id == mine
    assert studio.count(Advisor) == 4
    assert check(studio).ok


def test_default_size_is_300_clients():
    import inspect

    from studio.cli import _parser

    assert inspect.signature(build_demo).parameters["clients"].default == 300
    assert _parser().parse_args(["demo"]).clients == 300


def test_cli_demo_then_check(tmp_path, capsys):
    d = tmp_path / "cli"
    assert main(["--data-dir", str(d), "demo", "--clients", "60", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "3 advisors, 60 clients" in out
    assert main(["--data-dir", str(d), "check"]) == 0
    assert capsys.readouterr().out.strip().endswith("ok")
    assert main(["--data-dir", str(d), "demo"]) == 1
    assert "already holds a studio" in capsys.readouterr().err
