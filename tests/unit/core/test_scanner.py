"""The scanner: every entry it does not read is reported with its reason, except the few kinds skipped on purpose."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from reader.core import scanner
from reader.core.scanner import classify, scan
from reader.core.site import detect_site

POST = "---\ntitle: 文章\ndate: 2022-01-01\n---\n正文\n"


def _write(path: Path, text: str = POST) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def odd_tree(tmp_path, monkeypatch):
    """A Jekyll site whose _posts holds one entry of each kind the scanner cannot read."""
    root = tmp_path / "lib"
    posts = root / "_posts"
    _write(root / "_config.yml", "title: 测试\n")
    _write(posts / "2022-01-01-ok.md")
    outside = tmp_path / "outside"
    _write(outside / "secret.md")
    os.symlink(outside / "secret.md", posts / "2022-01-02-link-out.md")
    os.symlink(outside, posts / "folder-out")
    os.symlink(tmp_path / "nowhere.md", posts / "2022-01-03-broken.md")
    os.symlink("2022-01-04-loop.md", posts / "2022-01-04-loop.md")
    os.symlink("/etc/passwd", posts / "logo.png")  # not a post, but a link the reader will never follow
    os.symlink(".", posts / "again")  # the same folder once more
    os.mkfifo(posts / "2022-01-05-fifo.md")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(posts / "2022-01-06-socket.md"))
    _write(posts / "2022-01-07-folder.md" / "2022-01-08-inner.md")
    _write(posts / "locked" / "2022-01-09-hidden-by-permission.md")
    os.mkdir(os.path.join(os.fsencode(posts), b"\xffbad"))
    with open(os.path.join(os.fsencode(posts), b"2022-01-10-\xfe.md"), "wb") as handle:
        handle.write(POST.encode())
    # Skipped on purpose, silently: hidden entries, tool folders, Office lock files, backups.
    _write(posts / ".2022-01-11-swap.md.swp")
    _write(posts / ".git" / "2022-01-12-x.md")
    _write(root / "node_modules" / "pkg" / "_posts" / "2022-01-13-x.md")
    _write(posts / "~$2022-01-14-lock.md")
    _write(posts / "2022-01-15-backup.md~")
    try:
        os.mknod(posts / "2022-01-16-device.md", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        device = True
    except PermissionError:  # only root may make a device node; the rest of the tree still counts
        device = False
    real_scandir = os.scandir

    def deny(path="."):
        if os.fsdecode(path).endswith("locked"):  # chmod 000 does not stop root, so inject what the OS says
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    yield root, device
    sock.close()


def test_every_entry_not_read_is_reported_with_its_reason(odd_tree):
    root, device = odd_tree
    result = scan(detect_site(root))
    skipped = {p.path: p.message for p in result.skipped}
    expected = {
        "_posts/2022-01-02-link-out.md": "symbolic link pointing outside the library",
        "_posts/folder-out": "symbolic link pointing outside the library",
        "_posts/2022-01-03-broken.md": "broken symbolic link",
        "_posts/2022-01-04-loop.md": "symbolic link loop",
        "_posts/logo.png": "symbolic link pointing outside the library",
        "_posts/again": "symbolic link to a folder read already (_posts)",
        "_posts/2022-01-05-fifo.md": "not a regular file (FIFO)",
        "_posts/2022-01-06-socket.md": "not a regular file (socket)",
        "_posts/2022-01-07-folder.md": "folder whose name ends in .md (not a post; the files in it are read)",
        "_posts/locked": "folder cannot be read: permission denied",
        "_posts/\ufffdbad": "folder name is not valid UTF-8 (nothing in it is read)",
        "_posts/2022-01-10-\ufffd.md": "file name is not valid UTF-8",
    }
    if device:
        expected["_posts/2022-01-16-device.md"] = "not a regular file (character device)"
    assert skipped == expected
    assert sorted(result.posts) == ["_posts/2022-01-01-ok.md", "_posts/2022-01-07-folder.md/2022-01-08-inner.md"]


def test_a_link_inside_the_library_is_read_and_the_real_folder_wins(tmp_path):
    root = tmp_path / "notes"
    _write(root / "real" / "a.md")
    os.symlink(root / "real", root / "0-alias")  # sorts first, still walked after the real folder
    os.symlink(root / "real" / "a.md", root / "b.md")
    result = scan(detect_site(root))
    assert sorted(result.posts) == ["b.md", "real/a.md"]
    assert [(p.path, p.message) for p in result.skipped] == [
        ("0-alias", "symbolic link to a folder read already (real)")
    ]


def test_a_library_with_nothing_odd_reports_nothing(tmp_path):
    root = tmp_path / "notes"
    _write(root / "a.md")
    _write(root / "sub" / "b.markdown")
    (root / "image.png").write_bytes(b"\x89PNG")
    assert scan(detect_site(root)).skipped == []


@pytest.mark.parametrize(
    "site_rel, kind",
    [
        ("archive/2021-12-01-a.md", "post"),
        ("archive/2021-1-5-a.md", "post"),
        ("a/b/2021-12-01-标题.html", "post"),
        ("archive/2021-12-01.md", None),
        ("archive/2021-12-01_a.md", None),
        ("archive/2021-12-011-a.md", None),
        ("archive/2019年3月28日-a.md", None),
        ("2021-12-01-a.md", None),
        ("_posts/notes.md", "post"),
    ],
)
def test_jekyll_posts_outside_posts_are_known_by_jekyll_dated_names(tmp_path, site_rel, kind):
    _write(tmp_path / "_config.yml", "title: 测试\n")
    _write(tmp_path / "_posts" / "2022-01-01-ok.md")
    site = detect_site(tmp_path)
    assert site.kind == "jekyll" and classify(site, site_rel) == kind


def _both_ways(site, monkeypatch):
    """scan() as it runs, and with every folder's entries classified one by one (no _posts_folder rule)."""
    quick = scan(site)
    with monkeypatch.context() as m:
        m.setattr(scanner._Walk, "_posts_folder", lambda self, rel_dir: False)
        slow = scan(site)
    return quick, slow


def test_a_posts_folder_classifies_its_entries_as_classify_does(odd_tree, monkeypatch):
    # _posts_folder() lets the entries of a folder such as _posts skip classify(): the same posts (with their
    # stats), label pages, folders and problems as when each entry is classified, odd entries included.
    root, _ = odd_tree
    for name in ("_underscore.md", "中文标题.md", "UPPER.MD", "page.HTML", "image.png", "notes.txt", "2022-02-01-a.md"):
        _write(root / "_posts" / name)
    _write(root / "archive" / "2022-03-01-dated.md")
    _write(root / "archive" / "undated.md")
    _write(root / "categories" / "economy.md")
    quick, slow = _both_ways(detect_site(root), monkeypatch)
    assert quick == slow
    assert {"_posts/_underscore.md", "_posts/中文标题.md", "_posts/UPPER.MD", "_posts/page.HTML"} <= set(quick.posts)
    assert "archive/2022-03-01-dated.md" in quick.posts and "archive/undated.md" not in quick.posts


def test_a_hugo_content_folder_leaves_its_index_pages_out_as_classify_does(tmp_path, monkeypatch):
    root = tmp_path / "site"
    _write(root / "hugo.toml", 'title = "t"\n')
    for rel in ("content/posts/a.md", "content/posts/_index.md", "content/_index.md", "content/b.md", "layouts/x.md"):
        _write(root / rel)
    site = detect_site(root)
    quick, slow = _both_ways(site, monkeypatch)
    assert site.kind == "hugo" and quick == slow
    assert sorted(quick.posts) == ["content/b.md", "content/posts/a.md"]
