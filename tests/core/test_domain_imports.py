"""Each module of the domain and of the demo package imports first on its own, in a fresh
interpreter: none depends on another having been imported before it. (Import cycles across the
whole tree are ``test_layers.py``'s.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import studio

ROOT = Path(studio.__file__).parent.parent
PACKAGES = ("studio/domain", "studio/services/demo")


def _modules() -> list[str]:
    names = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_the_modules_are_found():
    assert {"studio.domain.base", "studio.services.demo.build"} <= set(_modules())


@pytest.mark.parametrize("module", _modules())
def test_each_module_imports_first_on_its_own(module):
    run = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
