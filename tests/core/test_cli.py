"""The travel-studio command: clear one-line errors, non-zero exits, check and search."""

from __future__ import annotations

import sqlite3

from studio import paths
from studio.cli import main
from studio.services import clients
from studio.store import Studio, schema


def test_check_passes_on_a_healthy_studio(data_dir, capsys):
    with Studio.open(data_dir) as s:
        clients.setup_local_advisor(s, "Mei Lin")
        clients.create_client(s, "Wang Xiaoming", native_name="王小明")
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    out = capsys.readouterr().out
    assert f"schema {schema.HEAD}" in out and out.strip().endswith("ok")


def test_check_fails_on_a_broken_reference(data_dir, capsys):
    with Studio.open(data_dir) as s:
        clients.create_client(s, "Ada Lovelace")
    con = sqlite3.connect(data_dir / paths.DB_NAME)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("UPDATE person SET client_id = 'gone'")
    con.commit()
    con.close()
    assert main(["--data-dir", str(data_dir), "check"]) == 1
    captured = capsys.readouterr()
    assert "broken reference in person" in captured.err
    assert "problem(s) found" in captured.out


def test_errors_are_one_sentence_without_traceback(data_dir, capsys):
    (data_dir / paths.DB_NAME).write_text("not a database")
    assert main(["--data-dir", str(data_dir), "check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("travel-studio: ") and "not an SQLite file" in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_search_command(data_dir, capsys):
    with Studio.open(data_dir) as s:
        clients.create_client(s, "Zoë Martin")
    assert main(["--data-dir", str(data_dir), "search", "zoe"]) == 0
    assert "Zoë Martin" in capsys.readouterr().out


def test_readme_test_line_is_what_ci_runs():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    lines = [ln for ln in quick.splitlines() if ln.startswith("python3 -m venv")]
    assert len(lines) == 2, "the quick start has exactly two lines: open the app, run the tests"
    assert "travel-studio" in lines[0]
    assert lines[1] in ci.splitlines()


def test_output_cut_short_by_its_reader_ends_quietly(data_dir):
    import subprocess
    import sys

    with Studio.open(data_dir) as s, s.transaction():
        for n in range(
            1000
        ):  # ≈100 kB of output: more than a pipe holds, so the writer meets the closed end
            clients.create_client(s, f"Traveller with a fairly long name {n:04d}")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "studio.cli",
            "--data-dir",
            str(data_dir),
            "search",
            "traveller",
            "--limit",
            "1000",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert b"Traveller" in first
    assert "Traceback" not in err and "BrokenPipe" not in err
