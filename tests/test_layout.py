"""The package layout is the data flow: imports point one way, with no cycles.

    core ← db, ingest ← index ← retrieval ← answer ← services ← api;  eval ← all but api

Every module is imported (so each is importable on its own), and every `import` statement in the
source, including the lazy ones inside functions, is checked against the allowed direction
(imports under `if TYPE_CHECKING:` are annotations only and do not count).
Tests mirror the packages: each test folder names a package (or a subpackage) that exists.
"""

from __future__ import annotations

import ast
import importlib
from collections import defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("core", "db", "ingest", "index", "retrieval", "answer", "services", "api", "eval")
# package -> the packages it may import (besides itself)
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "db": {"core"},
    "ingest": {"core"},
    "index": {"core", "db", "ingest"},
    "retrieval": {"core", "db", "ingest", "index"},
    "answer": {"core", "db", "ingest", "index", "retrieval"},
    "services": {"core", "db", "ingest", "index", "retrieval", "answer"},
    "api": {"core", "db", "ingest", "index", "retrieval", "answer", "services", "eval"},
    "eval": {"core", "db", "ingest", "index", "retrieval", "answer", "services"},
}
# eval's security and reliability drills drive the real app and CLI from outside (black box)
BLACK_BOX = {"eval.security.files", "eval.security.run_probes", "eval.reliability.drills",
             "eval.security.openapi_fuzz", "eval.reliability.ops", "eval.security.poison_probes"}


def _modules() -> list[str]:
    names = []
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = path.relative_to(REPO).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _imports(module: str) -> set[str]:
    """Every first-party module named by an import statement in `module` (top level or not)."""
    path = REPO / Path(*module.split("."))
    source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    tree = ast.parse(source.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name.split(".")[0] in PACKAGES or name.startswith("tests")}


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under `if TYPE_CHECKING:` (annotations only, never imported)."""
    nodes: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        nodes.append(node)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and isinstance(child.test, ast.Name) \
                    and child.test.id == "TYPE_CHECKING":
                stack.extend(child.orelse)
                continue
            stack.append(child)
    return nodes


MODULES = _modules()


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_on_its_own(module: str) -> None:
    importlib.import_module(module)


def test_imports_flow_one_way() -> None:
    wrong = []
    for module in MODULES:
        package = module.split(".")[0]
        for target in _imports(module):
            top = target.split(".")[0]
            if top == package:
                continue
            if top == "api" and module in BLACK_BOX:
                continue
            if top not in ALLOWED[package]:
                wrong.append(f"{module} imports {target}")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycles_between_modules() -> None:
    known = set(MODULES)
    graph: dict[str, set[str]] = defaultdict(set)
    for module in MODULES:
        for target in _imports(module):
            while target and target not in known:  # `from a.b import name` → a.b
                target = target.rpartition(".")[0]
            if target and target != module:
                graph[module].add(target)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for module in MODULES:
        if module not in state:
            visit(module, [])
    assert not cycles, "\n".join(" → ".join(c) for c in cycles)


def test_tests_mirror_the_packages() -> None:
    stray = []
    for folder in sorted({p.parent for p in (REPO / "tests").rglob("test_*.py")}):
        rel = folder.relative_to(REPO / "tests")
        if not rel.parts:
            continue
        if not (REPO / rel).is_dir():
            stray.append(str(rel))
    assert not stray, f"test folders without a matching package: {stray}"


def test_no_module_outside_api_and_tests_imports_tests() -> None:
    wrong = [f"{m} imports {t}" for m in MODULES for t in _imports(m) if t.startswith("tests")]
    assert not wrong, "\n".join(wrong)
