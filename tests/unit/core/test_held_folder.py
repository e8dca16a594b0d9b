"""Posts read relative to their folder's descriptor (folders_held) read and refuse exactly as the general way."""

import os
import threading

import pytest

from reader.core import scanner
from reader.core.held_folder import folders_held
from reader.core.scanner import read_inside_bytes


@pytest.fixture
def tree(tmp_path):
    # A library whose posts folder holds a plain post, links in and out, a FIFO, a folder named as a
    # post, and a folder that is a link out of the library; a secret outside it.
    root, outside = tmp_path / "lib", tmp_path / "outside"
    (root / "_posts" / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.md").write_text("secret", encoding="utf-8")
    (root / "_posts" / "a.md").write_text("---\ntitle: a\n---\nbody a", encoding="utf-8")
    (root / "_posts" / "sub" / "b.md").write_text("body b", encoding="utf-8")
    (root / "top.md").write_text("top", encoding="utf-8")
    os.symlink(root / "_posts" / "a.md", root / "_posts" / "link-in.md")
    os.symlink(outside / "secret.md", root / "_posts" / "link-out.md")
    os.mkfifo(root / "_posts" / "fifo.md")
    (root / "_posts" / "folder.md").mkdir()
    os.symlink(outside, root / "linked-out")
    return root


CASES = [
    "_posts/a.md",
    "_posts/sub/b.md",
    "top.md",
    "_posts/link-in.md",
    "_posts/link-out.md",
    "_posts/fifo.md",
    "_posts/folder.md",
    "_posts/missing.md",
    "linked-out/secret.md",
    "_posts/../../outside/secret.md",
    "_posts/sub/../a.md",
    "_posts/.",
    "_posts/..",
]


def _outcome(root, rel):
    try:
        return read_inside_bytes([root], rel, None)
    except OSError as exc:
        return type(exc).__name__, str(exc)


def test_every_case_reads_or_is_refused_as_the_general_way_says(tree):
    general = [_outcome(tree, rel) for rel in CASES]
    with folders_held():
        held = [_outcome(tree, rel) for rel in CASES]
    assert held == general
    assert general[:4] == [b"---\ntitle: a\n---\nbody a", b"body b", b"top", b"---\ntitle: a\n---\nbody a"]
    assert all(isinstance(found, tuple) for found in general[4:10])  # refused or missing, with the reason


def test_a_folder_is_opened_and_checked_once_for_its_posts_in_a_row(tree, monkeypatch):
    for n in range(5):
        (tree / "_posts" / f"p{n}.md").write_text(f"post {n}", encoding="utf-8")
    checked = []
    real = scanner._fd_path
    monkeypatch.setattr(scanner, "_fd_path", lambda fd: checked.append(fd) or real(fd))
    with folders_held():
        bodies = [read_inside_bytes([tree], f"_posts/p{n}.md", None) for n in range(5)]
    assert bodies == [f"post {n}".encode() for n in range(5)]
    assert len(checked) == 1  # the folder's check; the general way reads each file's own path
    checked.clear()
    read_inside_bytes([tree], "_posts/p0.md", None)
    assert len(checked) == 1


def test_the_folder_check_still_refuses_a_folder_swapped_for_a_link_out(tree, tmp_path):
    with folders_held():
        assert read_inside_bytes([tree], "_posts/a.md", None).endswith(b"body a")
        os.rename(tree / "_posts", tmp_path / "moved")
        os.symlink(tmp_path / "outside", tree / "_posts")
        (tmp_path / "outside" / "a.md").write_text("swapped", encoding="utf-8")
        # the folder held was moved away: still read from (its check was once a run) ...
        assert read_inside_bytes([tree], "_posts/a.md", None).endswith(b"body a")
        # ... but a folder opened now is the link out: refused by the general way's rule
        assert _outcome(tree, "_posts/sub/b.md")[0] in ("FileNotFoundError", "RefusedFile")
    with folders_held():
        assert _outcome(tree, "_posts/a.md") == _outcome(tree, "_posts/a.md")
        assert _outcome(tree, "_posts/a.md")[0] == "RefusedFile"


def test_another_thread_reads_the_general_way(tree, monkeypatch):
    checked = []
    real = scanner._fd_path
    monkeypatch.setattr(scanner, "_fd_path", lambda fd: checked.append(threading.get_ident()) or real(fd))
    with folders_held():
        read_inside_bytes([tree], "_posts/a.md", None)
        other = threading.Thread(target=lambda: [read_inside_bytes([tree], "_posts/a.md", None) for _ in range(3)])
        other.start()
        other.join()
    assert checked.count(threading.get_ident()) == 1 and len(checked) == 4  # the folder once; the thread's 3 files
