"""The library folder is never written: a whole reading session leaves every byte, mode and mtime as it was."""

from __future__ import annotations

import os
import shutil
import stat
from functools import partial
from pathlib import Path

import pytest

from reader import cli
from reader.core.library import Library
from reader.core.types import PostFilter
from tests.corpus import CORPUS
from tests.reliability.helpers import IS_ROOT, WriteGuard, run_cli, tree_digest

# Small real folders with what matters here: Chinese HTML posts, an Obsidian vault with embeds,
# and a Hexo blog whose posts sit beside vim swap files.
FOLDERS = ("finews", "kepano-vault", "hexo-beyond1993")


def _copy(name: str, dest: Path) -> Path:
    shutil.copytree(CORPUS / name, dest / name, symlinks=True)
    return dest / name


def _session(root: Path, data_dir: Path) -> dict:
    """Index, list, read, mark, star, search and follow links, as a user would; returns what it saw."""
    library = Library(root, data_dir=data_dir)
    try:
        report = library.refresh()
        ids = library.list_ids()
        assert ids, f"{root}: nothing indexed"
        for post_id in ids[:15]:
            post = library.get_post(post_id)
            for href in ("../x.md", "/category/a.html", "javascript:alert(1)", "https://example.com/"):
                library.resolve_link(post_id, href)
            for src in ("a.png", "/assets/x.png", "../../../etc/passwd", "wikilink:a.png"):
                library.resolve_resource(post_id, src)
            assert post.meta.path
        library.set_read(ids[:10], True)
        library.set_starred(ids[0], True)
        library.set_position(ids[1], 0.5)
        library.set_read(ids[:2], False)
        for kind in ("category", "tag", "year", "month"):
            library.facets(kind)
        hits = library.search("the OR 经济 OR 新闻")
        library.list_posts(PostFilter(starred=True))
        second = library.refresh()  # a second open with nothing changed
        return {
            "count": library.count(),
            "report": report,
            "second": second,
            "hits": len(hits),
            "starred": [s.id for s in library.list_posts(PostFilter(starred=True))],
        }
    finally:
        library.close()


def _guarded_session(root, data_dir, monkeypatch) -> dict:
    """Run a session on `root` with every write under it recorded; assert none, and an unchanged tree."""
    before = tree_digest(root)
    guard = WriteGuard(root).install(monkeypatch)
    seen = _session(root, data_dir)
    monkeypatch.undo()
    assert guard.attempts == []
    assert tree_digest(root) == before
    return seen


@pytest.mark.corpus
@pytest.mark.parametrize("name", FOLDERS)
def test_session_through_library_writes_nothing(name, tmp_path, data_dir, monkeypatch):
    seen = _guarded_session(_copy(name, tmp_path), data_dir, monkeypatch)
    assert seen["count"] > 0 and seen["second"].added == 0 and seen["second"].changed == 0
    assert len(seen["starred"]) == 1
    assert (data_dir / "data" / "state.sqlite").exists()  # the session did write, to the data dir


@pytest.mark.corpus
def test_session_through_cli_in_process_writes_nothing(tmp_path, data_dir, monkeypatch, capsys):
    root = _copy("finews", tmp_path)
    before = tree_digest(root)
    guard = WriteGuard(root).install(monkeypatch)
    some = "_posts/" + sorted(p.name for p in (root / "_posts").iterdir())[0]
    for args in (
        ["index", root],
        ["list", root, "--json"],
        ["search", root, "经济"],
        ["show", root, some],
        ["show", root, some, "--html"],
        ["problems", root],
    ):
        assert cli.main(["--data-dir", str(data_dir), *map(str, args)]) == 0, capsys.readouterr().err
    monkeypatch.undo()
    assert guard.attempts == []
    assert tree_digest(root) == before


def _make_read_only(root: Path) -> None:
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                os.chmod(path, stat.S_IMODE(os.lstat(path).st_mode) & ~0o222)
    for dirpath, _dirnames, _files in sorted(os.walk(root), key=lambda t: -len(t[0])):
        os.chmod(dirpath, stat.S_IMODE(os.stat(dirpath).st_mode) & ~0o222)


def _make_writable(root: Path) -> None:
    for dirpath, _dirnames, filenames in os.walk(root):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)


@pytest.fixture
def read_only_copy(tmp_path):
    """A chmod -R a-w copy of two real folders (as root the bits do not stop writes: the hash does)."""
    roots = [_copy(name, tmp_path / "ro") for name in ("finews", "kepano-vault")]
    for root in roots:
        _make_read_only(root)
    yield roots
    for root in roots:
        _make_writable(root)


@pytest.mark.corpus
def test_session_on_read_only_copy(read_only_copy, data_dir, monkeypatch):
    for root in read_only_copy:
        assert _guarded_session(root, data_dir, monkeypatch)["count"] > 0
        if not IS_ROOT:  # as root the permission bits are not enforced; the guard above is the check
            with pytest.raises(PermissionError):
                (root / "new.md").write_text("x")


@pytest.mark.corpus
@pytest.mark.slow  # end to end: the real CLI, five processes in turn
def test_cli_subprocesses_on_read_only_copy(read_only_copy, data_dir):
    root = read_only_copy[0]
    before = tree_digest(root)
    some = "_posts/" + sorted(p.name for p in (root / "_posts").iterdir())[0]
    for args in (
        ["index", root],
        ["list", root],
        ["search", root, "新闻"],
        ["show", root, some, "--json"],
        ["problems", root],
    ):
        proc = run_cli(*args, data_dir=data_dir)
        assert proc.returncode == 0, proc.stderr
    assert tree_digest(root) == before
    # Indexed, and every file the program made is in the data dir.
    made = {p.relative_to(data_dir).parts[0] for p in data_dir.rglob("*")}
    assert made <= {"cache", "data", "config"}


def test_the_write_guard_catches_writes(tmp_path, monkeypatch):
    """The guard above is only evidence if it does fire."""
    (tmp_path / "a.md").write_text("x")
    guard = WriteGuard(tmp_path).install(monkeypatch)
    for attempt in (
        partial(open, tmp_path / "b.md", "w"),
        lambda: (tmp_path / "a.md").write_text("y"),
        lambda: os.unlink(tmp_path / "a.md"),
        lambda: os.rename(tmp_path / "a.md", tmp_path / "c"),
    ):
        with pytest.raises(PermissionError):
            attempt()
    monkeypatch.undo()
    assert len(guard.attempts) == 4 and (tmp_path / "a.md").read_text() == "x"
