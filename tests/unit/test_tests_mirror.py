"""Tests mirror the package (issue 12): every module of reader/core has tests/unit/core/test_<module>.py
and every module of reader/app has tests/unit/app/test_<module>.py.

Left out, because they have no behaviour of their own to test there:
- `__init__` and `__main__`: reader/core/__init__.py is the public API as lazy re-exports (its names and the
  layers are held by tests/unit/test_layers.py), reader/app/__init__.py is a docstring;
- a module whose top level holds only imports and names bound to them (re-exports): its names are tested
  where they are defined. None today; re_exports_only() finds them, so the list cannot go stale.
A module may have further test files named after an aspect (test_library_first_rows.py); the mirrored one
is the place to look first.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MIRRORS = {
    ROOT / "reader" / "core": ROOT / "tests" / "unit" / "core",
    ROOT / "reader" / "app": ROOT / "tests" / "unit" / "app",
}
NOT_MODULES = {"__init__", "__main__"}


def re_exports_only(module: Path) -> bool:
    """True when the module's top level is only its docstring, imports, and names bound without code."""
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(
            node.value, (ast.Name, ast.Attribute, ast.List, ast.Tuple)
        ):
            continue  # `name = imported` or `__all__ = [...]`
        return False
    return True


def missing_mirrors(root: Path = ROOT, mirrors: dict[Path, Path] = MIRRORS) -> list[str]:
    """ "module -> its missing test file" for each module of the mirrored packages without one."""
    missing = []
    for package, tests in mirrors.items():
        for module in sorted(package.glob("*.py")):
            if module.stem in NOT_MODULES or re_exports_only(module):
                continue
            mirror = tests / f"test_{module.stem}.py"
            if not mirror.is_file():
                missing.append(f"{module.relative_to(root).as_posix()} -> {mirror.relative_to(root).as_posix()}")
    return missing


def test_every_core_and_app_module_has_its_mirrored_test_file():
    missing = missing_mirrors()
    assert missing == [], "modules without their mirrored test file:\n" + "\n".join(missing)


def test_the_check_sees_every_module(tmp_path):
    """The check itself: a new module without tests is named; one of re-exports only is not."""
    package, tests = tmp_path / "reader" / "core", tmp_path / "tests" / "unit" / "core"
    package.mkdir(parents=True)
    tests.mkdir(parents=True)
    (package / "__init__.py").write_text('"""The package."""\n')
    (package / "tested.py").write_text('"""Tested."""\n\ndef f():\n    return 1\n')
    (tests / "test_tested.py").write_text("")
    (package / "new_module.py").write_text('"""New."""\n\nLIMIT = 3\n\ndef g():\n    return LIMIT\n')
    (package / "names.py").write_text('"""Names."""\n\nfrom .tested import f\n\nF = f\n__all__ = ["F"]\n')
    assert missing_mirrors(tmp_path, {package: tests}) == [
        "reader/core/new_module.py -> tests/unit/core/test_new_module.py"
    ]
