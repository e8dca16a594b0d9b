"""The core never imports Qt: importing every core module with PySide6 blocked must work."""

import subprocess
import sys
from pathlib import Path

import reader.core

CODE = """
import importlib, pkgutil, sys

class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):
            raise ImportError('Qt is blocked in the core: ' + name)

sys.meta_path.insert(0, Block())
import reader.core
names = [m.name for m in pkgutil.iter_modules(reader.core.__path__, 'reader.core.')]
for name in names:
    importlib.import_module(name)
import reader.cli, reader.paths
print(len(names))
"""


def test_core_imports_without_qt():
    root = Path(reader.core.__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, cwd=root)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 10  # every core module was imported
