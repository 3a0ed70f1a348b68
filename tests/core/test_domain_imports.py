"""The domain tables and the demo package import without circles.

Walks the module-level imports (not those inside functions) of every module of ``studio.domain``
and ``studio.services.demo`` and fails on any chain that comes back to where it started.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import studio

ROOT = Path(studio.__file__).parent.parent
PACKAGES = ("studio/domain", "studio/services/demo")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path: Path, known: set[str]) -> set[str]:
    out: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module in known:
                out.add(node.module)
            # ``from package import submodule`` imports the submodule
            out |= {f"{node.module}.{a.name}" for a in node.names} & known
    return out


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    return {name: _top_level_imports(path, set(files)) for name, path in files.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_walk_sees_the_modules_and_their_imports():
    graph = _graph()
    assert "studio.domain.base" in graph["studio.domain.trip_models"]
    assert "studio.domain.trip_models" in graph["studio.domain.models"]
    assert "studio.services.demo.media" in graph["studio.services.demo.build"]


def test_no_import_cycles():
    cycle = _cycle(_graph())
    assert cycle is None, " → ".join(cycle or [])


def test_a_cycle_would_be_found():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


@pytest.mark.parametrize("module", sorted(_graph()))
def test_each_module_imports_first_on_its_own(module):
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
