"""A `jianbao-cli` process imports only what its command needs: never Qt, and for a listing or a
search without snippets none of the readers of posts (YAML, front matter, Markdown, lxml, bs4) and
no process pool. Each command runs in a fresh interpreter on a copy of a fixture library."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.unit.cli_library import ROOT, indexed_copy

# Runs the command, then prints the top-level names of every module the process imported.
CODE = """
import io, json, sys, contextlib
from reader.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps([code, sorted({name.split('.')[0] for name in sys.modules})]))
"""
QT = {"PySide6", "shiboken6"}
POST_READERS = {
    "yaml",
    "frontmatter",
    "markdown_it",
    "mdit_py_plugins",
    "lxml",
    "bs4",
    "charset_normalizer",
    "nh3",
    "multiprocessing",
    "concurrent",
}


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    return indexed_copy(tmp_path_factory.mktemp("cli-imports"))


def imported(indexed, *args) -> set[str]:
    root, data = indexed
    out = subprocess.run(
        [sys.executable, "-c", CODE, "--data-dir", str(data), args[0], str(root), *args[1:]],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    code, modules = json.loads(out.stdout.splitlines()[-1])
    assert code == 0
    return set(modules)


@pytest.mark.parametrize(
    "args", [("list",), ("list", "--category", "体育", "--json"), ("search", "滑雪", "-l"), ("problems",)]
)
def test_answers_from_the_index_import_no_post_reader(indexed, args):
    modules = imported(indexed, *args)
    assert "reader" in modules and "sqlite3" in modules  # the listing was made here
    assert not modules & (QT | POST_READERS)


def test_a_search_with_snippets_reads_posts_but_imports_no_qt(indexed):
    modules = imported(indexed, "search", "滑雪")
    if hasattr(os, "fork") and sys.platform != "darwin" and (os.cpu_count() or 1) > 1:
        assert not modules & POST_READERS  # its snippets were made by the forked helper (test_cli_snippet_helper)
    else:
        assert "lxml" in modules  # its snippets were made from the posts' text, here
    assert not modules & (QT | {"bs4", "nh3"})


def test_a_listing_with_a_data_dir_loads_neither_openssl_nor_platformdirs(indexed):
    """The index's name is hashed with the interpreter's own SHA-256, and --data-dir names every folder."""
    modules = imported(indexed, "list", "--category", "体育")
    assert not modules & {"_hashlib", "hashlib", "platformdirs", "tempfile"}


def test_the_index_is_named_as_with_hashlib(tmp_path):
    """The built-in SHA-256 names an index as hashlib's did: an index made before is found again."""
    import hashlib

    from reader.paths import library_key

    real = str(tmp_path.resolve())
    assert library_key(tmp_path) == hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:20]
