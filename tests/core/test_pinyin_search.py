"""Search the way Chinese studios type: pinyin whole, by syllable and as initials (surnames read as
surnames), romanized names run together, traditional characters finding simplified ones; an
existing studio's index gains all that through migration 0014_pinyin_search."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.cli import main
from studio.services import clients, queries
from studio.services.search import search
from studio.store import Studio, fts


@pytest.fixture
def chinese(studio):
    made = {}
    for name, native in [
        ("", "王小明"),  # no romanized name entered
        ("Han Jiayi", None),
        ("Shan Tianfang", "单田芳"),
        ("", "曾国强"),
        ("", "区家麟"),
        ("", "仇英"),
        ("", "解晓东"),
        ("Lau Tak-wah", "劉德華"),  # traditional
        ("", "刘伟"),  # simplified
        ("", "欧阳娜娜"),
        ("", "吕小红"),
    ]:
        c = clients.create_client(studio, name or native, native_name=native)
        made[native or name] = c.id
    return made


def found(studio, q):
    return {h.native_name or h.name for h in search(studio, q)}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("wangxiaoming", "王小明"),
        ("wang xiaoming", "王小明"),
        ("wang xiao ming", "王小明"),
        ("wxm", "王小明"),
        ("xiaoming", "王小明"),
        ("wangxiao", "王小明"),  # as you type
        ("hanjiayi", "Han Jiayi"),
        ("han jiayi", "Han Jiayi"),
        ("shantianfang", "单田芳"),  # 单 as a surname is Shàn, not Dān
        ("zengguoqiang", "曾国强"),  # 曾 Zēng, not Céng
        ("oujialin", "区家麟"),  # 区 Ōu, not Qū
        ("qiuying", "仇英"),  # 仇 Qiú, not Chóu
        ("xiexiaodong", "解晓东"),  # 解 Xiè, not Jiě
        ("ouyangnana", "欧阳娜娜"),
        ("oynn", "欧阳娜娜"),
        ("liudehua", "劉德華"),
        ("lvxiaohong", "吕小红"),  # ü typed v, as pinyin keyboards do
        ("luxiaohong", "吕小红"),  # or u
        ("刘德华", "劉德華"),  # simplified finds traditional
        ("劉偉", "刘伟"),  # traditional finds simplified
    ],
)
def test_pinyin_and_either_script_find_the_name(studio, chinese, query, expected):
    assert expected in found(studio, query)


@pytest.mark.parametrize(
    "query, absent",
    [
        ("dantianfang", "单田芳"),
        ("cengguoqiang", "曾国强"),
        ("chouying", "仇英"),
        ("wxn", "王小明"),
    ],
)
def test_wrong_readings_do_not_find(studio, chinese, query, absent):
    assert absent not in found(studio, query)


def test_the_client_list_filter_uses_the_same_index(studio, chinese):
    ids = queries.client_ids(studio, queries.ClientFilter(text="wxm"))
    assert chinese["王小明"] in ids


def test_a_native_name_added_later_is_found_by_its_pinyin(studio, chinese):
    cid = clients.create_client(studio, "Jay Chou").id
    assert not found(studio, "zhoujielun")
    clients.update_client(studio, cid, native_name="周杰伦")
    assert [h.client_id for h in search(studio, "zhoujielun")] == [cid]
    assert [h.client_id for h in search(studio, "zjl")] == [cid]


def test_no_result_is_said_on_the_command_line(studio, chinese, data_dir, capsys):
    studio.close()
    assert main(["--data-dir", str(data_dir), "search", "zzqqxx"]) == 0
    assert "No client matches “zzqqxx”." in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "search", "wxm"]) == 0
    out = capsys.readouterr().out
    assert "王小明" in out and "No client" not in out


_SURNAMES = {"王": "wang", "李": "li", "单": "shan", "曾": "zeng", "区": "ou", "解": "xie"}
_GIVEN = {"明": "ming", "伟": "wei", "芳": "fang", "强": "qiang", "丽": "li", "军": "jun"}


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(_SURNAMES)),
    st.lists(st.sampled_from(sorted(_GIVEN)), min_size=1, max_size=2),
)
def test_index_terms_of_any_name(surname, given_chars):
    name = surname + "".join(given_chars)
    syllables = [_SURNAMES[surname]] + [_GIVEN[g] for g in given_chars]
    terms = fts.name_terms(name).split()
    assert fts.name_pinyin(name) == syllables
    assert "".join(syllables) in terms
    assert "".join(s[0] for s in syllables) in terms
    assert all(s in terms for s in syllables)


LATER_THAN_0014 = ("event_guest", "studio_event", "loyalty_tier", "trip_survey")


def test_an_existing_studio_gains_pinyin_through_its_migration(data_dir):
    s = Studio.open(data_dir)
    clients.setup_local_advisor(s, "Mei Lin", role="owner")
    cid = clients.create_client(s, "王小明", native_name="王小明").id
    s.close()
    # the index as the revision before 0014 left it: names folded, no pinyin
    con = sqlite3.connect(data_dir / "studio.sqlite3")
    con.execute("UPDATE client_fts SET names = ' 王  小  明 ' ")
    con.execute("UPDATE alembic_version SET version_num = '0013_privacy'")
    for table in LATER_THAN_0014:  # revisions after 0014 make these again
        con.execute(f"DROP TABLE {table}")
    con.commit()
    con.close()
    s = Studio.open(data_dir)
    try:
        assert [h.client_id for h in search(s, "wxm")] == [cid]
    finally:
        s.close()
