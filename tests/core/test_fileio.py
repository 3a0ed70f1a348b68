"""Files are written whole or not at all, with ordinary permissions."""

from __future__ import annotations

import os
import stat

import pytest

from studio.fileio import atomic_path, write_bytes


def test_failed_write_leaves_the_old_file_and_no_debris(tmp_path):
    target = tmp_path / "export.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half of the new")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_written_file_has_umask_permissions(tmp_path):
    target = tmp_path / "out.pdf"
    write_bytes(target, b"%PDF")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
