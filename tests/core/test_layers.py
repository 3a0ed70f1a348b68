"""The import graph of ``studio`` and ``ui``: no cycles, and each layer imports only what it may.

The graph is read from the source (every ``import`` outside ``if TYPE_CHECKING:``, at module level
or inside a function: an import put inside a function to dodge a cycle is still a cycle). Run
``python tests/core/test_layers.py`` to print the graph's size and any cycle.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("studio", "ui")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            found[_module_name(path)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            skip.update(id(n) for b in node.body for n in ast.walk(b))
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules:
                    out.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                if full in modules:
                    out.add(full)
                elif base in modules:
                    out.add(base)
    out.discard(name)
    return out


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _offenders(graph: dict[str, set[str]], source: str, forbidden: tuple[str, ...]) -> list[str]:
    def under(name: str, prefix: str) -> bool:
        return name == prefix or name.startswith(prefix + ".")

    return sorted(
        f"{m} imports {t}"
        for m, targets in graph.items()
        if under(m, source)
        for t in targets
        if any(under(t, f) for f in forbidden)
    )


def test_the_graph_is_really_read():
    graph = import_graph()
    assert len(graph) > 100
    assert "studio.domain.validate" in graph["studio.services.clients"]
    assert "studio.services.trips.reading" in graph["studio.cli"]  # imported inside a function


def test_a_cycle_would_be_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_module_imports_one_that_imports_it_back():
    found = cycles(import_graph())
    assert found == [], "import cycles:\n" + "\n".join(" ↔ ".join(c) for c in found)


def test_the_core_never_imports_the_desktop_client():
    assert _offenders(import_graph(), "studio", ("ui",)) == []


def test_reports_take_content_and_import_no_service():
    forbidden = ("studio.services", "studio.store", "studio.cli")
    assert _offenders(import_graph(), "studio.reports", forbidden) == []


def test_the_domain_stands_on_nothing_above_it():
    graph = import_graph()
    above = ("studio.store", "studio.services", "studio.reports", "studio.cli", "studio.sync")
    assert _offenders(graph, "studio.domain", above) == []


def test_the_store_knows_no_service_or_report():
    graph = import_graph()
    above = ("studio.services", "studio.reports", "studio.cli")
    assert _offenders(graph, "studio.store", above) == []


if __name__ == "__main__":
    g = import_graph()
    edges = sum(len(t) for t in g.values())
    print(f"{len(g)} modules, {edges} imports between them")
    found = cycles(g)
    print(f"{len(found)} cycles")
    for c in found:
        print("  " + " ↔ ".join(c))
    for source, forbidden in (
        ("studio", ("ui",)),
        ("studio.reports", ("studio.services", "studio.store", "studio.cli")),
        ("studio.domain", ("studio.store", "studio.services", "studio.reports", "studio.cli")),
        ("studio.store", ("studio.services", "studio.reports", "studio.cli")),
    ):
        bad = _offenders(g, source, forbidden)
        print(f"{source} → {', '.join(forbidden)}: {len(bad)}")
        for b in bad:
            print("  " + b)
