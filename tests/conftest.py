"""Shared fixtures. Qt (when a test uses it) runs offscreen; every test gets its own data dir."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never put keys in the developer's own keychain (tests/core/test_crypto.py uses a fake).
os.environ["TRAVEL_STUDIO_KEYCHAIN"] = "off"

import pytest  # noqa: E402

from studio.services import clients  # noqa: E402
from studio.store import Studio  # noqa: E402


@pytest.fixture(autouse=True)
def _no_default_phone_region():
    """A studio's country read by one test does not decide how the next reads phone numbers."""
    from studio.domain import validate

    yield
    validate.set_default_region(None)


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "studio"
    d.mkdir()
    return d


@pytest.fixture
def studio(data_dir):
    """An open, empty studio whose laptop advisor is set."""
    s = Studio.open(data_dir)
    clients.setup_local_advisor(s, "Mei Lin", role="owner", native_name="林美")
    yield s
    s.close()
