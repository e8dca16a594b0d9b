"""The layers of the package, read from the source with ast: the core imports no Qt and no front
end, the GUI does not import the app or the CLI, and no reader modules import each other in a
circle. (test_no_qt.py checks the first by importing; this one also sees imports inside functions.)"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import reader

PACKAGE = Path(reader.__file__).resolve().parent
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "_shipped" not in p.parts}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, top_level_only: bool = False) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in a module; `from X import y` yields X.y
    when X.y is a module of the package, else X. Imports under `if TYPE_CHECKING:` do not run."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue
            inner = nested or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import) and not (top_level_only and inner):
                found.extend((child.lineno, alias.name) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and not (top_level_only and inner):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                for alias in child.names:
                    full = f"{base}.{alias.name}"
                    found.append((child.lineno, full if full in MODULES else base))
            visit(child, inner)

    visit(tree, False)
    return found


def _violations(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{MODULES[name].relative_to(PACKAGE.parent)}:{line} imports {target}"
        for name in MODULES
        if name == layer or name.startswith(layer + ".")
        for line, target in _imports(name)
        if any(target == f or target.startswith(f + ".") for f in forbidden)
    ]


def test_the_imports_are_read():
    assert {"reader.core.library", "reader.gui.main_window", "reader.app.main", "reader.cli"} <= set(MODULES)
    graph = _graph(top_level_only=False)
    assert {"reader.core.store", "reader.core.pipeline"} <= graph["reader.core.library"]  # `from .store import`
    assert "reader.core" in graph["reader.gui.main_window"]  # `from ..core import Library`


def test_core_imports_no_qt_and_no_front_end():
    assert _violations("reader.core", QT + ("reader.gui", "reader.app", "reader.cli")) == []


def test_gui_imports_neither_the_app_nor_the_cli():
    assert _violations("reader.gui", ("reader.app", "reader.cli")) == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def _graph(top_level_only: bool) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name in MODULES:
        targets = {target for _, target in _imports(name, top_level_only)}
        # a package's __init__ runs before any of its modules: importing reader.core.x imports reader.core
        graph[name] = {t for t in targets if t in MODULES and t != name}
    return graph


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("top_level_only", [True, False], ids=["module level", "with imports inside functions"])
def test_no_import_cycles(top_level_only):
    assert _cycles(_graph(top_level_only)) == []


def test_the_public_core_gives_every_name_it_lists():
    import reader.core as core

    assert sorted(core.__all__) == sorted(core._EXPORTS)
    for name in core.__all__:
        module = importlib.import_module(f"reader.core.{core._EXPORTS[name]}")
        assert getattr(core, name) is getattr(module, name), name
    with pytest.raises(AttributeError):
        core.Store  # noqa: B018 - internal: not a name of the public core


def test_a_core_module_alone_does_not_import_the_whole_core():
    """`import reader.core.dates` (the CLI's fast paths) runs reader/core/__init__.py, which must
    import nothing of the core itself: its names come on first use."""
    code = "import sys, reader.core.dates; print(sorted(m for m in sys.modules if m.startswith('reader.core')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['reader.core', 'reader.core.dates']"


def test_the_core_imports_its_own_modules_not_its_public_names():
    """Inside the core, `from . import Library` would go through reader.core's __getattr__ while the
    module that defines it may be half imported: the core names its modules."""
    found = [
        f"{MODULES[name].relative_to(PACKAGE.parent)}:{line}"
        for name in MODULES
        if name.startswith("reader.core.")
        for line, target in _imports(name)
        if target == "reader.core"
    ]
    assert found == []


def test_front_ends_use_only_the_public_core():
    """The GUI, the app, the CLI and the top-level modules import Library, the types, the errors and the few
    pure functions reader.core exports, and nothing below it: every other core module is internal."""
    found = [
        f"{MODULES[name].relative_to(PACKAGE.parent)}:{line} imports {target}"
        for name in MODULES
        if not (name == "reader.core" or name.startswith("reader.core."))
        for line, target in _imports(name)
        if target.startswith("reader.core.")
    ]
    assert found == [], "import these from reader.core (a Library method, or a name it exports):\n" + "\n".join(found)
