"""``travel-studio share …`` and ``sync`` through the command line: three data directories, one folder."""

from __future__ import annotations

import json
import stat

from studio.cli import main
from studio.services import clients, queries
from studio.store import Studio
from studio.sync.keys import KEYS_NAME


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _export(capsys, d, out) -> dict:
    assert _run(capsys, "--data-dir", str(d), "export", str(out))[0] == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    return {"tables": doc["tables"], "journal": doc["journal"]}


def test_share_join_sync_status_and_remove_through_the_cli(tmp_path, capsys):
    a, b, c = (str(tmp_path / n) for n in "abc")
    place, key = tmp_path / "shared", tmp_path / "studio-key.json"
    assert _run(capsys, "--data-dir", a, "demo", "--clients", "8")[0] == 0
    code, out, _err = _run(
        capsys, "--data-dir", a, "share", "create", str(place), "--key-file", str(key)
    )
    assert code == 0 and "join code" in out and "sent" in out
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "a" / KEYS_NAME).stat().st_mode) == 0o600

    # two laptops join at once, before the owner's laptop has seen either
    for d in (b, c):
        code, out, err = _run(
            capsys, "--data-dir", d, "share", "join", str(place), "--key-file", str(key)
        )
        assert code == 0, err
        assert "received" in out and "waits for the owner" in out
    code, out, _err = _run(capsys, "--data-dir", a, "sync", "--json")
    report = json.loads(out)
    assert code == 0 and len(report["admitted"]) == 2

    with Studio.open(b) as s:
        cid = queries.client_ids(s)[0]
        clients.update_client(s, cid, notes="Edited on B")
    with Studio.open(c) as s:
        clients.create_client(s, "Created on C")
    for d in (b, c, a, b, c):
        code, out, err = _run(capsys, "--data-dir", d, "sync")
        assert code == 0, err
    docs = [_export(capsys, d, tmp_path / f"{n}.json") for n, d in enumerate((a, b, c))]
    assert docs[0] == docs[1] == docs[2]

    code, out, _err = _run(capsys, "--data-dir", b, "share", "status", "--json")
    status = json.loads(out)
    assert code == 0 and len(status["laptops"]) == 3 and status["waiting_to_go_out"] == 0
    assert _run(capsys, "--data-dir", b, "share", "status")[1].count("segment(s)") == 3

    with Studio.open(c) as s:
        c_device = s.device_id
    code, out, _err = _run(capsys, "--data-dir", a, "share", "remove-device", c_device)
    assert code == 0 and c_device in out
    code, _out, err = _run(capsys, "--data-dir", c, "sync")
    assert code == 1 and "removed this laptop" in err and err.count("\n") == 1
    code, _out, err = _run(capsys, "--data-dir", b, "share", "remove-device", c_device)
    assert code == 1 and "Only the owner" in err


def test_join_refuses_a_studio_with_data_and_a_wrong_key(tmp_path, capsys):
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    place, key = tmp_path / "shared", tmp_path / "k.json"
    assert (
        _run(capsys, "--data-dir", a, "share", "create", str(place), "--key-file", str(key))[0] == 0
    )
    assert _run(capsys, "--data-dir", b, "demo", "--clients", "3")[0] == 0
    code, _out, err = _run(
        capsys, "--data-dir", b, "share", "join", str(place), "--key-file", str(key)
    )
    assert code == 1 and "empty data directory" in err
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    code, _out, err = _run(
        capsys,
        "--data-dir",
        str(tmp_path / "c"),
        "share",
        "join",
        str(place),
        "--key-file",
        str(bad),
    )
    assert code == 1 and "not a Travel Studio studio key file" in err
    code, _out, err = _run(capsys, "--data-dir", str(tmp_path / "d"), "sync")
    assert code == 1 and "not shared" in err
    code, _out, err = _run(capsys, "--data-dir", a, "share", "create", str(place))
    assert code == 1 and "already shared" in err
