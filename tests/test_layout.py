"""The layout rules a newcomer relies on: layers that hold, small one-concern modules, no cycles."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pipeline"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_module_says_what_it_owns_in_one_line_and_stays_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(text))
    assert doc and len(doc.splitlines()) == 1, "one line: what the module owns (rationale goes to docs/)"
    assert len(text.splitlines()) <= 500


def test_no_private_name_is_imported_from_another_package() -> None:
    found = []
    for path in MODULES:
        here = _package(_name(path), path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
                source = node.module if (ROOT / node.module.replace(".", "/")).is_dir() \
                    else node.module.rpartition(".")[0]
                for alias in node.names:
                    if alias.name.startswith("_") and source != here:
                        found.append(f"{_name(path)} imports {node.module}.{alias.name}")
    assert found == []


def test_no_import_cycle_between_modules() -> None:
    graph = grimp.build_graph("pipeline", exclude_type_checking_imports=True)  # annotations only: no cycle
    modules = sorted(graph.modules)
    # Tarjan's strongly connected components: a component of more than one module is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(module: str) -> None:
        index[module] = low[module] = counter[0]
        counter[0] += 1
        stack.append(module)
        on_stack.add(module)
        for other in graph.find_modules_directly_imported_by(module):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == module:
                    break
            # a package importing its own submodules (re-exports in __init__) is not a cycle of concerns
            if len(component) > 1 and not _only_package_and_its_children(component):
                cycles.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for module in modules:
        if module not in index:
            visit(module)
    assert cycles == []


def _only_package_and_its_children(component: list[str]) -> bool:
    shortest = min(component, key=len)
    return all(m == shortest or m.startswith(shortest + ".") for m in component)


def test_import_linter_keeps_the_layers_and_fails_a_wrong_way_import(tmp_path: Path) -> None:
    assert subprocess.run([str(LINT_IMPORTS)], cwd=ROOT, capture_output=True).returncode == 0
    shutil.copytree(PACKAGE, tmp_path / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    engine = tmp_path / "pipeline" / "store" / "engine.py"
    engine.write_text(engine.read_text(encoding="utf-8") + "\nfrom pipeline.scoring import status  # wrong way\n",
                      encoding="utf-8")
    run = subprocess.run([str(LINT_IMPORTS)], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert run.returncode != 0
    assert "pipeline.store.engine -> pipeline.scoring.status" in run.stdout
