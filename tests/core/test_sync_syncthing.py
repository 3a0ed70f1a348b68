"""Two real Syncthing instances on loopback carry a shared studio between two laptops."""

from __future__ import annotations

import pytest
from fixtures import syncthing

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not syncthing.available(), reason="syncthing is not installed"),
]


def test_two_laptops_converge_through_real_syncthing(tmp_path):
    times = syncthing.converge(tmp_path, timeout=60)
    assert times["converge"] < 60
