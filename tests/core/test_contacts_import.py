"""Contacts import: readers for every encoding and layout, bad files, the dry run, households,
one transaction and its undo."""

from __future__ import annotations

import base64
import json

import pytest

from studio.domain.models import Client, ContactPoint, ImportantDate, Person
from studio.services import clients, contacts_io, studio_profile
from studio.services.contacts_io import mapping, readers
from studio.services.contacts_io.plan import parse_birthday
from studio.services.contacts_io.readers import ImportRefused, read_table

ROWS = [
    ["Name", "Email", "Phone", "Address", "Birthday"],
    [
        "Wang Xiaoming",
        "wxm@example.com",
        "+86 138 0013 8000",
        "12 Garden Rd, Shanghai",
        "1984-03-14",
    ],
    ["李娜", "lina@example.com", "+86 139 0013 9000", "12 Garden Rd, Shanghai", "1986年7月14日"],
    ["Zoë Müller", "zoe@example.de", "+49 30 901820", "", "--03-01"],
]


def _csv(rows, delimiter=","):
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows(rows)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
    ],
)
def test_csv_encodings_are_detected(tmp_path, encoding, expected):
    rows = ROWS if encoding != "gbk" else ROWS[:3]  # GBK has no ë
    path = tmp_path / "c.csv"
    path.write_bytes(_csv(rows).encode(encoding))
    table = read_table(path)
    assert table.encoding == expected
    assert table.headers == ROWS[0]
    assert [r[0] for r in table.rows] == ["Wang Xiaoming", "李娜", "Zoë Müller"][: len(rows) - 1]


def test_windows_1252_latin_names(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes("Name;Email\nJosé Núñez;jose@example.es\n".encode("cp1252"))
    table = read_table(path)
    assert table.encoding == "cp1252" and table.delimiter == ";"
    assert table.rows == [["José Núñez", "jose@example.es"]]


def test_delimiters_and_quoting(tmp_path):
    rows = [["Name", "Notes"], ["Grant, Oliver", 'says "hello";\nnew line'], ["Li Na", "x"]]
    for delim in (";", "\t", "|", ","):
        path = tmp_path / "c.csv"
        path.write_text(_csv(rows, delim), encoding="utf-8")
        table = read_table(path)
        assert table.delimiter == delim
        assert table.rows[0] == ["Grant, Oliver", 'says "hello";\nnew line']


def test_header_row_found_below_a_title(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "Our clients 2025,,\n,,\nName,Email,Phone\nLi Na,lina@example.com,\n", encoding="utf-8"
    )
    table = read_table(path)
    assert table.headers == ["Name", "Email", "Phone"]
    assert table.header_row == 3 and table.row_numbers == [4]
    again = read_table(path, header_row=3)
    assert again.rows == [["Li Na", "lina@example.com", ""]]


GOOGLE = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Nickname",
    "File As",
    "Organization Name",
    "Birthday",
    "Notes",
    "Labels",
    "E-mail 1 - Label",
    "E-mail 1 - Value",
    "E-mail 2 - Label",
    "E-mail 2 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
    "Address 1 - Label",
    "Address 1 - Formatted",
    "Address 1 - Street",
    "Address 1 - City",
    "Address 1 - Postal Code",
    "Address 1 - Country",
]
OUTLOOK = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Title",
    "Suffix",
    "E-mail Address",
    "E-mail 2 Address",
    "Home Phone",
    "Business Phone",
    "Mobile Phone",
    "Company",
    "Business Street",
    "Business City",
    "Business Postal Code",
    "Business Country/Region",
    "Home Street",
    "Home City",
    "Home Postal Code",
    "Home Country/Region",
    "Birthday",
    "Notes",
]


def test_google_layout_is_recognised_without_mapping(tmp_path, studio):
    row = {h: "" for h in GOOGLE}
    row.update(
        {
            "First Name": "Oliver",
            "Last Name": "Grant",
            "E-mail 1 - Label": "* Home",
            "E-mail 1 - Value": "oliver@example.co.uk",
            "E-mail 2 - Value": "og@work.example",
            "Phone 1 - Label": "Mobile",
            "Phone 1 - Value": "+44 7911 123456 ::: +44 20 7946 0958",
            "Address 1 - Street": "1 Mill Lane",
            "Address 1 - City": "York",
            "Birthday": "1970-05-02",
            "Labels": "* myContacts ::: Friends",
        }
    )
    path = tmp_path / "google.csv"
    path.write_text(_csv([GOOGLE, [row[h] for h in GOOGLE]]), encoding="utf-8")
    table, choice, plan = contacts_io.dry_run(studio, path)
    assert choice.layout == "google" and choice.origin == "layout"
    assert choice.mapping["E-mail 1 - Label"] == "" and choice.mapping["Phone 1 - Value"] == "phone"
    p = plan.rows[0].person
    assert p.name == "Oliver Grant"
    assert p.emails == ["oliver@example.co.uk", "og@work.example"]
    assert [n for n, _l in p.phones] == ["+447911123456", "+442079460958"]
    assert p.addresses == [("1 Mill Lane, York", None)]
    assert p.birthday == (5, 2, 1970) and p.tags == ["Friends"]


def test_outlook_layout_is_recognised_without_mapping(tmp_path, studio):
    row = {h: "" for h in OUTLOOK}
    row.update(
        {
            "First Name": "Chen",
            "Last Name": "Jing",
            "E-mail Address": "chen@example.cn",
            "Mobile Phone": "+86 138 0013 8001",
            "Business Street": "1 Office Park",
            "Business City": "Beijing",
            "Home Street": "8 Home St",
            "Home City": "Beijing",
            "Birthday": "3/14/1984",
            "Company": "Acme",
        }
    )
    path = tmp_path / "outlook.csv"
    path.write_text(_csv([OUTLOOK, [row[h] for h in OUTLOOK]]), encoding="utf-8")
    _table, choice, plan = contacts_io.dry_run(studio, path)
    assert choice.layout == "outlook"
    p = plan.rows[0].person
    assert p.name == "Chen Jing" and p.emails == ["chen@example.cn"]
    assert p.phones == [("+8613800138001", "mobile")]
    assert sorted(p.addresses) == [
        ("1 Office Park, Beijing", "business"),
        ("8 Home St, Beijing", None),
    ]
    assert p.birthday == (3, 14, 1984) and p.company == "Acme"


def test_chinese_headers_are_suggested():
    m = mapping.suggest_mapping(["姓名", "手机", "邮箱", "地址", "生日", "备注", "微信", "家庭"])
    assert list(m.values()) == [
        "full_name",
        "mobile",
        "email",
        "address",
        "birthday",
        "notes",
        "wechat",
        "household",
    ]


def _xlsx(path, sheets):
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)


def test_xlsx_sheet_and_header_row(tmp_path):
    import datetime

    path = tmp_path / "book.xlsx"
    _xlsx(
        path,
        {
            "Notes": [],
            "Clients": [
                ["Client list"],
                [],
                ["Name", "Email", "Birthday"],
                ["Li Na", "lina@example.com", datetime.datetime(1986, 7, 14)],
            ],
            "Other": [["Name"], ["Oliver Grant"]],
        },
    )
    table = read_table(path)
    assert table.sheets == ["Notes", "Clients", "Other"] and table.sheet == "Clients"
    assert table.headers == ["Name", "Email", "Birthday"] and table.header_row == 3
    assert table.rows == [["Li Na", "lina@example.com", "1986-07-14"]]
    other = read_table(path, sheet="Other", header_row=1)
    assert other.rows == [["Oliver Grant"]]
    with pytest.raises(ImportRefused, match="no sheet “Missing”"):
        read_table(path, sheet="Missing")


VCARD21 = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B;=E5=B0=8F=E6=98=8E;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B=E5=B0=8F=\r\n=E6=98=8E\r\n"
    "TEL;CELL:+8613800138000\r\nTEL;HOME:+862155550100\r\nEMAIL;INTERNET:wxm@example.com\r\n"
    "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;=E9=95=BF=E4=B9=90=E8=B7=AF 1;=E4=B8=8A=E6=B5=B7;;;CN\r\n"
    "END:VCARD\r\n"
)


def test_vcard_21_quoted_printable_several_numbers(tmp_path, studio):
    path = tmp_path / "phone.vcf"
    path.write_text(VCARD21, encoding="utf-8")
    table = read_table(path)
    assert table.kind == "vcard"
    _t, choice, plan = contacts_io.dry_run(studio, path)
    assert choice.layout == "vcard"
    p = plan.rows[0].person
    assert p.native_name == "王小明" and p.name == "Wang Xiaoming"
    assert [n for n, _l in p.phones] == ["+8613800138000", "+862155550100"]
    assert p.emails == ["wxm@example.com"]
    assert p.addresses == [("长乐路 1, 上海, CN", None)]


def test_vcard_30_with_photo_and_40(tmp_path, studio):
    photo = base64.b64encode(b"\xff\xd8\xff" + b"\x00" * 3000).decode()
    v30 = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Oliver Grant\nN:Grant;Oliver;;;\n"
        "EMAIL;TYPE=INTERNET,HOME:oliver@example.co.uk\nEMAIL;TYPE=WORK:og@work.example\n"
        "TEL;TYPE=CELL:+44 7911 123456\nADR;TYPE=HOME:;;1 Mill Lane;York;;YO1 7HH;UK\n"
        "ADR;TYPE=WORK:;;2 Office Rd;Leeds;;;UK\nBDAY:1970-05-02\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:Zoë Müller\nN:Müller;Zoë;;;\nEMAIL:zoe@example.de\n"
        "TEL;VALUE=uri;TYPE=cell:tel:+49-30-901820\nBDAY:--0301\nEND:VCARD\n"
    )
    path = tmp_path / "cards.vcf"
    path.write_text(v30, encoding="utf-8")
    _t, _c, plan = contacts_io.dry_run(studio, path)
    oliver, zoe = (r.person for r in plan.rows)
    assert oliver.emails == ["oliver@example.co.uk", "og@work.example"]
    assert len(oliver.addresses) == 2 and oliver.birthday == (5, 2, 1970)
    assert any("photo" in p for p in plan.rows[0].problems)  # said, not silently dropped
    assert zoe.name == "Zoë Müller" and zoe.birthday == (3, 1, None)
    assert [n for n, _l in zoe.phones] == ["+4930901820"]


# -- bad input ----------------------------------------------------------------------------------
def test_empty_file(tmp_path):
    path = tmp_path / "e.csv"
    path.write_bytes(b"")
    with pytest.raises(ImportRefused, match="is empty"):
        read_table(path)
    path.write_text("\n\n  \n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="is empty"):
        read_table(path)


def test_binary_file(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10)
    with pytest.raises(ImportRefused, match="not a text file"):
        read_table(path)


def test_unknown_encoding(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(b"Name,Email\n\x81\x8d\x90 \x9d,x@example.com\n")
    with pytest.raises(ImportRefused) as err:
        read_table(path)
    message = str(err.value)
    assert "encoding" in message and message.count(".") <= 3 and "\n" not in message


def test_sheet_without_header(tmp_path):
    path = tmp_path / "book.xlsx"
    _xlsx(path, {"Sheet": [["13800138000", "2021-01-01"], ["13900139000", "2021-02-02"]]})
    with pytest.raises(ImportRefused, match="no header row"):
        read_table(path)


def test_too_many_rows_is_refused_while_reading(tmp_path):
    path = tmp_path / "big.csv"
    lines = ["Name,Email"] + [f"P{i},p{i}@example.com" for i in range(readers.MAX_ROWS + 20)]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ImportRefused, match="more than 50,000 rows"):
        read_table(path)


def test_50000_rows_are_read(tmp_path):
    path = tmp_path / "big.csv"
    lines = ["Name,Email"] + [f"P{i},p{i}@example.com" for i in range(readers.MAX_ROWS)]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert len(read_table(path).rows) == readers.MAX_ROWS


def test_row_with_10000_columns(tmp_path, studio):
    path = tmp_path / "wide.csv"
    path.write_text("Name,Email\nLi Na,lina@example.com\n" + ",".join(["x"] * 10_000) + "\n")
    with pytest.raises(ImportRefused, match="10,000 columns"):
        contacts_io.import_file(studio, path)
    assert studio.count(Client) == 0
    xlsx = tmp_path / "wide.xlsx"
    _xlsx(xlsx, {"S": [["Name"], ["x"] * 10_000]})
    with pytest.raises(ImportRefused, match="columns"):
        read_table(xlsx)


def test_not_a_workbook(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportRefused, match="not an Excel workbook"):
        read_table(path)


# -- rows, households, dry run ------------------------------------------------------------------
def test_birthdays():
    assert parse_birthday("1984-03-14", "B") == (3, 14, 1984)
    assert parse_birthday("19840314", "B") == (3, 14, 1984)
    assert parse_birthday("--0314", "B") == (3, 14, None)
    assert parse_birthday("14 March 1984", "B") == (3, 14, 1984)
    assert parse_birthday("March 14", "B") == (3, 14, None)
    assert parse_birthday("1984年3月14日", "B") == (3, 14, 1984)
    for bad in ("not a date", "2099-01-01", "1984-02-30", "March"):
        with pytest.raises(Exception, match="Birthday"):
            parse_birthday(bad, "Birthday")


def _write(tmp_path, rows, name="c.csv"):
    path = tmp_path / name
    path.write_text(_csv(rows), encoding="utf-8")
    return path


def test_row_problems_and_the_studios_country(tmp_path, studio):
    rows = [["Name", "Email", "Phone", "Birthday"], ["Li Na", "lina@", "138 0013 8000", "someday"]]
    path = _write(tmp_path, rows)
    _t, _c, plan = contacts_io.dry_run(studio, path)
    problems = plan.rows[0].problems
    assert len(problems) == 3
    assert "not a valid email" in problems[0] and "country code" in problems[1]
    assert "“someday” is not a date" in problems[2]
    studio_profile.update_profile(studio, phone="+86 21 5555 0100")
    _t, _c, plan = contacts_io.dry_run(studio, path)
    assert plan.rows[0].person.phones == [("+8613800138000", None)]
    assert any("read as a number of CN" in p for p in plan.rows[0].problems)
    # what did not pass is kept in the notes, nothing the file said is lost
    contacts_io.write_plan(studio, plan)
    with studio.session() as s:
        client = s.exec(__import__("sqlmodel").select(Client)).one()
    assert "“lina@”" in client.notes and "“someday”" in client.notes


def test_households_by_address_and_by_column(tmp_path, studio):
    rows = [
        ["Name", "Email", "Address", "Household"],
        ["Wang Xiaoming", "wxm@example.com", "12 Garden Rd, Shanghai", ""],
        ["Li Na", "lina@example.com", "12  garden rd. shanghai", ""],
        ["Oliver Grant", "og@example.com", "", "Grant family"],
        ["Emma Grant", "eg@example.com", "", "grant family"],
        ["Solo Person", "solo@example.com", "1 Elsewhere", ""],
    ]
    _t, _c, plan = contacts_io.dry_run(studio, _write(tmp_path, rows))
    c = plan.counts()
    assert (c["new"], c["clients_new"], c["households"], c["people"]) == (5, 3, 2, 5)
    result = contacts_io.write_plan(studio, plan)
    names = sorted(
        (cl.name, cl.kind) for cl in map(lambda i: clients_get(studio, i), result.client_ids)
    )
    assert names == [
        ("Grant family", "household"),
        ("Solo Person", "individual"),
        ("Wang Xiaoming & Li Na", "household"),
    ]
    assert studio.count(Person) == 5
    with studio.read() as conn:
        addresses = conn.exec_driver_sql(
            "SELECT count(*) FROM contact_point WHERE kind = 'address'"
        ).scalar()
    assert addresses == 2  # the shared home once, the solo address once


def clients_get(studio, cid):
    with studio.session() as s:
        return s.get(Client, cid)


def test_dry_run_classifies_against_the_studio(tmp_path, studio):
    existing = clients.create_client(
        studio, "Oliver Grant", contacts=[{"kind": "email", "value": "og@example.com", "person": 0}]
    )
    clients.create_client(studio, "Li Na")
    rows = [
        ["Name", "Email", "Phone"],
        ["Oliver Grant", "OG@example.com", "+44 20 7946 0958"],  # same email, brings a phone
        ["O. Grant", "og@example.com", ""],  # same email, nothing new
        ["Na Li", "other@example.com", ""],  # same name, order swapped: possible duplicate
        ["New Person", "new@example.com", ""],
        ["New Person Again", "new@example.com", ""],  # same email as the row before
        ["", "nobody@example.com", ""],  # no name
    ]
    path = _write(tmp_path, rows)
    _t, _c, plan = contacts_io.dry_run(studio, path)
    statuses = [(r.line, r.status) for r in plan.rows]
    assert statuses == [
        (2, "update"),
        (3, "skipped"),
        (4, "duplicate"),
        (5, "new"),
        (6, "skipped"),
        (7, "skipped"),
    ]
    assert plan.rows[0].match_id == existing.id and "a phone" in plan.rows[0].reason
    assert plan.rows[2].match_name == "Li Na"
    assert "row 5" in plan.rows[4].reason and "no name" in plan.rows[5].reason
    c = plan.counts()
    assert (c["new"], c["update"], c["duplicate"], c["skipped"]) == (1, 1, 1, 3)
    before = studio.count(Client)
    assert studio.count(Client) == before  # a dry run writes nothing
    result = contacts_io.write_plan(studio, plan)
    assert (result.clients_created, result.clients_updated) == (1, 1)
    with studio.read() as conn:
        phones = conn.exec_driver_sql(
            "SELECT value FROM contact_point WHERE client_id = ? AND kind = 'phone'",
            (existing.id,),
        ).fetchall()
    assert phones == [("+442079460958",)]
    # the possible duplicate goes in as new only when asked
    _t, _c, again = contacts_io.dry_run(studio, path, import_duplicates=True)
    assert again.counts()["duplicate"] == 1 and again.counts()["clients_new"] == 1


def test_import_is_one_transaction_and_one_undo(tmp_path, studio):
    path = _write(tmp_path, ROWS)
    plan, result = contacts_io.import_file(studio, path)
    assert result.clients_created == 2 and result.people == 3  # a household of two, and Zoë
    with studio.read() as conn:
        txs = conn.exec_driver_sql(
            "SELECT count(DISTINCT tx) FROM change WHERE table_name IN "
            "('client', 'person', 'contact_point', 'important_date')"
            " AND row_id NOT IN (SELECT id FROM person WHERE name = 'Mei Lin')"
        ).scalar()
    # the advisor set up by the fixture made its own; the import is one more
    assert txs == 1
    assert studio.count(ImportantDate) == 3
    undo = studio.revert(result.tx_id)
    assert undo is not None
    assert studio.count(Client) == 0 and studio.count(ContactPoint) == 0
    studio.revert(undo)  # redo
    assert studio.count(Client) == 2


def test_a_failure_half_way_writes_nothing(tmp_path, studio, monkeypatch):
    path = _write(tmp_path, ROWS)
    _t, _c, plan = contacts_io.dry_run(studio, path)
    calls = {"n": 0}

    def cancel():
        calls["n"] += 1
        return calls["n"] > 1  # after the first client is written

    with pytest.raises(contacts_io.ImportCancelled):
        contacts_io.write_plan(studio, plan, cancel=cancel)
    assert studio.count(Client) == 0 and studio.count(Person) == 1 - 1


def test_mapping_is_remembered_per_source(tmp_path, studio):
    rows = [["Kundenname", "E-Post"], ["Li Na", "lina@example.com"]]
    path = _write(tmp_path, rows)
    with pytest.raises(Exception, match="No column is imported as a name"):
        contacts_io.dry_run(studio, path)
    given = {"Kundenname": "full_name", "E-Post": "email"}
    contacts_io.import_file(studio, path, given_mapping=given)
    table = read_table(path)
    assert mapping.remembered(studio, table.headers) == given
    other = _write(
        tmp_path, [["Kundenname", "E-Post"], ["Oliver Grant", "og@example.com"]], "b.csv"
    )
    _t, choice, plan = contacts_io.dry_run(studio, other)
    assert choice.origin == "remembered" and plan.rows[0].person.emails == ["og@example.com"]


def test_bad_mapping_is_one_sentence(tmp_path):
    with pytest.raises(Exception, match="does not have"):
        mapping.check_mapping({"Nope": "email"}, ["Name"])
    with pytest.raises(Exception, match="is not something a column can be imported as"):
        mapping.check_mapping({"Name": "shoe_size"}, ["Name"])
    with pytest.raises(Exception, match="Two columns"):
        mapping.check_mapping({"A": "full_name", "B": "full_name"}, ["A", "B"])


# -- the command --------------------------------------------------------------------------------
def test_cli_dry_run_then_import(tmp_path, data_dir, capsys):
    from studio.cli import main

    path = _write(tmp_path, ROWS)
    m = tmp_path / "m.json"
    m.write_text(json.dumps({"Name": "full_name", "Email": "email", "Address": "address"}))
    assert (
        main(["--data-dir", str(data_dir), "import-contacts", str(path), "--dry-run", "--json"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["dry_run"] and out["counts"]["new"] == 3 and out["counts"]["households"] == 1
    assert (
        main(["--data-dir", str(data_dir), "import-contacts", str(path), "--mapping", str(m)]) == 0
    )
    text = capsys.readouterr().out
    assert "2 clients created" in text
    assert main(["--data-dir", str(data_dir), "import-contacts", str(path), "--dry-run"]) == 0
    assert "3 rows skipped" in capsys.readouterr().out
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert main(["--data-dir", str(data_dir), "import-contacts", str(empty)]) != 0
    err = capsys.readouterr().err
    assert "is empty" in err and len(err.strip().splitlines()) == 1
