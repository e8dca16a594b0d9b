"""Strange files and trees: indexing finishes, memory stays bounded, and every odd file gets a message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core import indexer as indexer_module
from reader.core.errors import Cancelled
from reader.core.library import Library
from reader.core.limits import INDEX_LIMIT, SHOW_LIMIT
from reader.core.pipeline import show_post
from reader.core.scanner import scan
from tests.reliability.helpers import IS_ROOT, REPO, run_cli, small_site, tmpfs

FRONT = "---\ntitle: {title}\ndate: 2022-01-21 10:00:00 +0800\n---\n"
# Peak memory growth allowed for indexing one huge post: the indexer reads INDEX_LIMIT (1 MiB) of it.
# Without the limit a 50 MB post took 1.5 GB and a million-line one 680 MB (measured).
RSS_BOUND_MB = 300


def _probe(root: Path, data_dir: Path, full_text: bool = True) -> dict:
    proc = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).with_name("rss_probe.py")),
            str(root),
            str(data_dir),
            "1" if full_text else "0",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=str(REPO),
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    print(
        f"\n{root.name}: {figures['seconds']:.1f} s, peak RSS {figures['rss_before_mb']:.0f} -> "
        f"{figures['rss_after_mb']:.0f} MB (workers {figures['children_peak_mb']:.0f} MB)"
    )
    return figures


def _huge(kind: str) -> str:
    if kind == "50MB":
        para = "这是一个很长的段落，用来测试大文件。" * 20 + "\n\n"
        return FRONT.format(title="五十兆") + para * (50 * 1024 * 1024 // len(para.encode()))
    if kind == "10MB-line":
        return FRONT.format(title="一行") + "长" * (10 * 1024 * 1024 // 3) + "\n"
    return FRONT.format(title="百万行") + "".join(f"第{i}行\n" for i in range(1_000_000))


@pytest.mark.slow  # 6-11 s: huge trees and posts
@pytest.mark.parametrize("kind", ["50MB", "10MB-line", "million-lines"])
def test_huge_post_indexes_in_bounded_memory_and_shows_truncated(kind, tmp_path, data_dir):
    root = small_site(tmp_path / "lib")
    rel = "_posts/2022-01-21-huge.md"
    (root / rel).write_text(_huge(kind), encoding="utf-8")
    assert (root / rel).stat().st_size > INDEX_LIMIT * 5
    figures = _probe(root, data_dir)
    assert figures["count"] == 4 and figures["text_done"] == figures["text_total"] == 4
    assert figures["problems"] == []
    assert figures["rss_after_mb"] - figures["rss_before_mb"] < RSS_BOUND_MB, figures
    library = Library(root, data_dir=data_dir)
    try:
        post_id = library.post_id(rel)
        assert library.summaries([post_id])[0].title in ("五十兆", "一行", "百万行")
        assert library.search("段落" if kind == "50MB" else "长" if kind == "10MB-line" else "第9行")
        shown = show_post(library.site, rel)
        assert shown.truncated and len(shown.text) <= SHOW_LIMIT + 1000
        assert shown.meta.title in ("五十兆", "一行", "百万行") and shown.meta.error is None
        if kind == "10MB-line":  # the way to see it all
            whole = show_post(library.site, rel, full=True)
            assert not whole.truncated and whole.html.count("长") == 10 * 1024 * 1024 // 3
    finally:
        library.close()


def test_plain_text_of_a_10MB_text_node():
    from reader.core.text import html_to_text

    assert html_to_text("<p>" + "长" * (11 * 1024 * 1024) + "</p>").count("长") == 11 * 1024 * 1024


@pytest.mark.slow  # 6-11 s: huge trees and posts
def test_twenty_thousand_files_in_one_folder(tmp_path, data_dir):
    root = tmp_path / "flat"
    root.mkdir()
    for i in range(20_000):
        (root / f"笔记{i:05d}.md").write_text(f"# 标题 {i}\n\n正文 {i}\n", encoding="utf-8")
    figures = _probe(root, data_dir, full_text=False)  # the text phase for 20k posts is the benchmark's job
    assert figures["count"] == 20_000 and figures["problems"] == []
    library = Library(root, data_dir=data_dir)
    try:
        assert library.refresh(full_text=False).unchanged == 20_000
    finally:
        library.close()


def test_a_hundred_deep_tree(tmp_path, data_dir):
    root = tmp_path / "deep"
    folder = root
    for depth in range(100):
        folder = folder / f"层{depth}"
        if depth % 10 == 9:
            folder.mkdir(parents=True)
            (folder / f"深{depth}.md").write_text(f"# 第{depth}层\n", encoding="utf-8")
    library = Library(root, data_dir=data_dir)
    try:
        report = library.refresh()
        assert library.count() == 10 and report.problems == 0
        deepest = [s for s in library.list_posts() if s.title == "第99层"]
        assert deepest and deepest[0].path.count("/") == 100
        assert "第99层" in library.get_post(deepest[0].id).text
    finally:
        library.close()


def test_file_names_that_are_not_utf8(tmp_path, data_dir):
    root = small_site(tmp_path / "lib")
    base = os.fsencode(root / "_posts")
    for name in (b"2022-02-01-\xff\xfe.md", b"2022-02-02-\xc3\x28.md", "2022-02-03-中文名.md".encode("gbk")):
        with open(os.path.join(base, name), "wb") as handle:
            handle.write(b"---\ntitle: bad name\n---\nbody\n")
    os.mkdir(os.path.join(base, b"\xfffolder"))
    with open(os.path.join(base, b"\xfffolder", b"2022-02-04-x.md"), "wb") as handle:
        handle.write(b"# x\n")
    library = Library(root, data_dir=data_dir)
    try:
        report = library.refresh()
        assert library.count() == 3  # the good posts
        assert sum("name is not valid UTF-8" in note for note in report.notes) == 4, report.notes
        assert all("\udcff" not in note and "\udcc3" not in note for note in report.notes)
        problems = {p.path: p.message for p in library.problems()}
        assert problems["_posts/\ufffdfolder"] == "folder name is not valid UTF-8 (nothing in it is read)"
        assert problems["_posts/2022-02-02-\ufffd(.md"] == "file name is not valid UTF-8"
        assert len(problems) == 4 and report.problems == 4
        for post_id in library.list_ids():
            library.get_post(post_id)
    finally:
        library.close()


def test_symlink_loop_and_links_out_of_the_library(tmp_path, data_dir):
    root = small_site(tmp_path / "lib")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "2022-03-01-secret.md").write_text("---\ntitle: 外面的秘密\n---\nsecret\n", encoding="utf-8")
    (outside / "passwd.md").write_text("root:x:0:0\n", encoding="utf-8")
    posts = root / "_posts"
    os.symlink(".", posts / "loop")  # _posts/loop -> _posts
    (posts / "a").mkdir()
    os.symlink("..", posts / "a" / "up")  # _posts/a/up -> _posts
    os.symlink(posts / "b", posts / "b")  # a link to itself: ELOOP
    os.symlink(outside, posts / "out-dir")
    os.symlink(outside / "2022-03-01-secret.md", posts / "2022-03-02-out-file.md")
    os.symlink("../../outside/passwd.md", posts / "2022-03-03-relative-out.md")
    os.symlink(posts / "2022-01-01-post0.md", posts / "2022-03-04-inside-link.md")
    library = Library(root, data_dir=data_dir)
    try:
        library.refresh()
        paths = {s.path for s in library.list_posts()}
        titles = {s.title for s in library.list_posts()}
        assert "外面的秘密" not in titles and not any("out" in p for p in paths), paths
        assert not any("loop" in p or "/up/" in p for p in paths), paths
        assert "_posts/2022-03-04-inside-link.md" in paths  # a link that stays inside is read
        assert len(paths) == 4
        assert not library.search("secret")
        problems = {p.path: p.message for p in library.problems()}  # nothing skipped silently
        assert problems == {
            "_posts/loop": "symbolic link to a folder read already (_posts)",
            "_posts/a/up": "symbolic link to a folder read already (_posts)",
            "_posts/b": "symbolic link loop",
            "_posts/out-dir": "symbolic link pointing outside the library",
            "_posts/2022-03-02-out-file.md": "symbolic link pointing outside the library",
            "_posts/2022-03-03-relative-out.md": "symbolic link pointing outside the library",
        }
    finally:
        library.close()


def test_unreadable_files_and_folders_real_permissions(tmp_path, data_dir):
    """chmod 000; as root the bits do not stop reads, so then the honest result is "indexed normally"."""
    root = small_site(tmp_path / "lib")
    locked = root / "_posts" / "2022-04-01-locked.md"
    locked.write_text("---\ntitle: 锁住\n---\n正文\n", encoding="utf-8")
    folder = root / "_posts" / "closed"
    folder.mkdir()
    (folder / "2022-04-02-inner.md").write_text("# inner\n", encoding="utf-8")
    locked.chmod(0)
    folder.chmod(0)
    library = Library(root, data_dir=data_dir)
    try:
        report = library.refresh()
        problems = {p.path: p.message for p in library.problems()}
        if IS_ROOT:
            assert library.count() == 5 and not problems
        else:
            assert "cannot be read" in problems["_posts/2022-04-01-locked.md"]
            assert any("closed" in note and "cannot be read" in note for note in report.notes)
            assert problems["_posts/closed"] == "folder cannot be read: permission denied"
            assert library.count() == 4
    finally:
        library.close()
        folder.chmod(0o755)
        locked.chmod(0o644)


def test_unreadable_files_and_folders_simulated(tmp_path, data_dir, monkeypatch):
    """The same faults injected where the OS reports them, so they are tested as root too."""
    root = small_site(tmp_path / "lib")
    (root / "_posts" / "2022-04-01-locked.md").write_text("# 锁住\n", encoding="utf-8")
    (root / "_posts" / "closed").mkdir()
    (root / "_posts" / "closed" / "2022-04-02-inner.md").write_text("# inner\n", encoding="utf-8")
    real_open, real_scandir = os.open, os.scandir

    def deny_open(file, flags, *args, **kwargs):
        if str(file).endswith("locked.md"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args, **kwargs)

    def deny_scandir(path="."):
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "open", deny_open)
    monkeypatch.setattr(os, "scandir", deny_scandir)
    library = Library(root, data_dir=data_dir)
    try:
        report = library.refresh()
        problems = {p.path: p.message for p in library.problems()}
        assert problems == {
            "_posts/2022-04-01-locked.md": "cannot be read: Permission denied",
            "_posts/closed": "folder cannot be read: permission denied",
        }
        assert report.notes == ("_posts/closed: folder cannot be read: permission denied",)
        assert library.count() == 4 and library.text_progress() == (4, 4)
        with pytest.raises(Exception) as caught:
            library.get_post(library.post_id("_posts/2022-04-01-locked.md"))
        assert "locked.md" in str(caught.value) and "Permission denied" in str(caught.value)
    finally:
        library.close()


def test_files_that_vanish_or_change_while_a_scan_runs(tmp_path, data_dir, monkeypatch):
    root = small_site(tmp_path / "lib")
    posts = root / "_posts"
    for name in ("vanish", "grow", "emptied", "to-folder"):
        (posts / f"2022-05-01-{name}.md").write_text(f"---\ntitle: {name}\n---\n原文\n", encoding="utf-8")

    def scan_then_change(site, cancelled=None, **options):
        result = scan(site, cancelled, **options)
        (posts / "2022-05-01-vanish.md").unlink()
        (posts / "2022-05-01-grow.md").write_text("---\ntitle: 改了\n---\n" + "新的正文。" * 500, encoding="utf-8")
        (posts / "2022-05-01-emptied.md").write_bytes(b"")
        (posts / "2022-05-01-to-folder.md").unlink()
        (posts / "2022-05-01-to-folder.md").mkdir()
        return result

    monkeypatch.setattr(indexer_module, "scan", scan_then_change)
    library = Library(root, data_dir=data_dir)
    try:
        library.refresh()  # finishes; the files that went away become rows with a problem
        problems = {p.path: p.message for p in library.problems()}
        assert "No such file" in problems["_posts/2022-05-01-vanish.md"]
        assert problems["_posts/2022-05-01-to-folder.md"] == "cannot be read: not a regular file (folder)"
        assert library.text_progress()[0] == library.text_progress()[1]
        monkeypatch.setattr(indexer_module, "scan", scan)
        report = library.refresh()  # the next refresh sees the folder as it is now
        paths = {s.path for s in library.list_posts()}
        assert "_posts/2022-05-01-vanish.md" not in paths and "_posts/2022-05-01-to-folder.md" not in paths
        # grow and emptied were new: indexed as their read found them, with that read's stat (the walk stats
        # no new post), so this refresh finds them unchanged and they show what they hold now.
        assert report.removed == 2 and report.changed == 0
        grow = library.post_id("_posts/2022-05-01-grow.md")
        assert library.summaries([grow])[0].title == "改了"
        assert library.search("新的正文")
        assert library.count() == 5
        assert [(p.path, p.message) for p in library.problems()] == [
            ("_posts/2022-05-01-to-folder.md", "folder whose name ends in .md (not a post; the files in it are read)")
        ]
    finally:
        library.close()


def test_skipped_entries_are_in_the_problems_list_and_the_cli(tmp_path, data_dir):
    root = small_site(tmp_path / "lib")
    os.mkfifo(root / "_posts" / "2022-06-01-fifo.md")
    (root / "_posts" / "2022-06-02-folder.md").mkdir()
    os.symlink("/etc/hostname", root / "_posts" / "2022-06-03-out.md")
    library = Library(root, data_dir=data_dir)
    try:
        report = library.refresh()
        expected = [
            ("_posts/2022-06-01-fifo.md", "not a regular file (FIFO)"),
            ("_posts/2022-06-02-folder.md", "folder whose name ends in .md (not a post; the files in it are read)"),
            ("_posts/2022-06-03-out.md", "symbolic link pointing outside the library"),
        ]
        assert [(p.path, p.message) for p in library.problems()] == expected
        assert report.problems == 3 and library.count() == 3
        os.unlink(root / "_posts" / "2022-06-01-fifo.md")
        library.refresh()  # the list is the last scan's: what was fixed goes away
        assert [p.path for p in library.problems()] == [path for path, _ in expected[1:]]
    finally:
        library.close()
    proc = run_cli("problems", root, data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"{path}: {why}" for path, why in expected[1:]]


@pytest.fixture
def scratch(tmp_path):
    """A folder for a huge generated tree: a tmpfs when we may mount one (4x faster to fill and free)."""
    with tmpfs(tmp_path / "scratch"):
        yield tmp_path / "scratch"


@pytest.mark.slow  # 6-11 s: huge trees and posts
def test_cancel_during_the_scan_of_a_huge_tree_stops_within_a_second(scratch, data_dir):
    """200k entries (50k folders of 3 files); before the scan asked `cancelled()` it took 2.8 s to stop."""
    root = scratch / "huge"
    for d in range(50_000):
        folder = os.path.join(root, str(d % 50), f"d{d}")
        os.makedirs(folder)
        for f in range(3):
            os.close(os.open(os.path.join(folder, f"f{f}.md"), os.O_CREAT | os.O_WRONLY, 0o644))
    library = Library(root, data_dir=data_dir)
    try:
        start = time.monotonic()
        with pytest.raises(Cancelled):
            library.refresh(cancelled=lambda: time.monotonic() > start + 0.2)
        stopped = time.monotonic() - start - 0.2
        print(f"\nstopped {stopped:.3f} s after the cancel")
        assert stopped < 1.0
    finally:
        library.close()
