"""The per-file budget (budget.py): a file over its time or memory is a problem, never a hang, in every path."""

from __future__ import annotations

import re
import threading
import time
from contextlib import suppress

import pytest

from reader.core import budget
from reader.core.budget import TooComplex, bounded
from reader.core.library import Library
from reader.core.parse import parse_post
from tests.reliability.helpers import run_cli, small_site

# Linear, but markdown-it's bracket handling makes it slow: about 11 s of CPU for a MiB.
HEAVY = "---\ntitle: 方括号\n---\n" + "[" * (1024 * 1024) + "\n"


def _spin() -> None:
    while True:
        pass


def _regex() -> None:
    re.search(r"(a+)+$", "a" * 40 + "b")  # 2^40 steps inside re's C code


def _grow() -> None:
    hoard = []
    while True:
        hoard.append(bytearray(8 << 20))
        time.sleep(0.001)


def _swallow() -> None:
    while True:
        with suppress(Exception):  # what the reading pipeline does in many places
            _spin()


def _in_thread(func, *args):
    result: list[object] = []

    def run() -> None:
        try:
            result.append(func(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            result.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(20)
    assert not thread.is_alive(), "the budget did not stop the thread"
    return result[0]


# Not a regex in another thread: re holds the GIL and checks only for signals, which only the
# main thread receives, so nothing can interrupt it there (budget.py); patterns are kept linear.
@pytest.mark.parametrize(
    "work, where",
    [
        (_spin, "main thread"),
        (_regex, "main thread"),
        (_swallow, "main thread"),
        (_grow, "main thread"),
        (_spin, "other thread"),
        (_swallow, "other thread"),
        (_grow, "other thread"),
    ],
    ids=lambda v: v if isinstance(v, str) else v.__name__,
)
def test_work_over_its_budget_is_interrupted(work, where):
    began = time.monotonic()
    call = lambda: bounded(work, cpu=0.3, memory=64 << 20)  # noqa: E731 - one call, run on either thread below
    if where == "main thread":
        with pytest.raises(TooComplex) as caught:
            call()
        error = caught.value
    else:
        error = _in_thread(call)
    assert isinstance(error, TooComplex), error
    assert str(error).startswith("too complex to read (over ")
    assert time.monotonic() - began < 10
    time.sleep(0.7)  # no interruption arrives after the budget has ended
    assert bounded(lambda: 42) == 42


def _heavy_library(root):
    return small_site(root, {"_posts/2022-01-21-heavy.md": HEAVY})


def test_a_heavy_post_in_a_small_library_is_bounded_in_process(tmp_path, data_dir, monkeypatch):
    monkeypatch.setattr(budget, "FILE_CPU_SECONDS", 0.5)  # the refresh runs in this process (few files)
    library = Library(_heavy_library(tmp_path / "lib"), data_dir=data_dir)
    try:
        began = time.process_time()
        library.refresh()
        assert time.process_time() - began < 8
        assert library.count() == 4 and library.text_progress() == (4, 4)
        assert library.search("经济新闻")  # the others are read and searchable
        post_id = library.post_id("_posts/2022-01-21-heavy.md")
        began = time.monotonic()
        post = _in_thread(library.get_post, post_id)  # the window opens posts on a worker thread
        assert time.monotonic() - began < 10
        assert post.meta.error.startswith("too complex to read (over 0.5 s of CPU)")
        assert post.meta.title == "方括号" and post.html.startswith("<pre>[[[")
    finally:
        library.close()


def test_a_post_over_its_budget_in_the_text_phase_is_a_problem(tmp_path, data_dir, monkeypatch):
    monkeypatch.setattr(budget, "FILE_CPU_SECONDS", 0.5)
    rel = "_posts/2022-01-21-heavy.md"
    library = Library(_heavy_library(tmp_path / "lib"), data_dir=data_dir)
    try:
        parsed = parse_post(library.site, rel, HEAVY.encode())
        assert parsed.meta.error is None and parsed.meta.title == "方括号"  # the metadata phase passes it
        library.refresh()
        problem = "too complex to read (over 0.5 s of CPU): searched by its source text"
        assert [(p.path, p.message) for p in library.problems()] == [(rel, problem)]
        post_id = library.post_id(rel)
        assert library.summaries([post_id])[0].error == problem  # the list shows it too
        assert [h.post.id for h in library.search("方括号")] == [post_id] and library.text_progress() == (4, 4)
        library.refresh()  # unchanged: still listed
        assert [p.path for p in library.problems()] == [rel]
        (library.site.root / rel).write_text("---\ntitle: 方括号\n---\n改短了\n", encoding="utf-8")
        library.refresh()  # fixed: gone, and its new text indexed
        assert library.problems() == [] and [h.post.id for h in library.search("改短了")] == [post_id]
    finally:
        library.close()


@pytest.mark.slow  # end to end: the real CLI three times, its worker pool running a file to the 4 s budget
def test_a_heavy_post_is_bounded_in_the_worker_processes(tmp_path):
    posts = {f"_posts/2022-02-{i % 28 + 1:02d}-p{i}.md": f"---\ntitle: 第{i}篇\n---\n正文{i}\n" for i in range(400)}
    root = small_site(tmp_path / "lib", {**posts, "_posts/2022-01-21-heavy.md": HEAVY})
    began = time.monotonic()
    proc = run_cli("index", root, data_dir=tmp_path / "data", timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "404 posts" in proc.stdout and "full text 404/404" in proc.stdout, proc.stdout
    assert time.monotonic() - began < 120
    shown = run_cli("show", "--text", root, "_posts/2022-01-21-heavy.md", data_dir=tmp_path / "data", timeout=120)
    assert "too complex to read" in shown.stdout + shown.stderr
    problems = run_cli("problems", root, data_dir=tmp_path / "data", timeout=120)
    assert "2022-01-21-heavy.md" in problems.stdout and "too complex to read (over 4 s of CPU)" in problems.stdout, (
        problems.stdout
    )


def test_a_post_whose_front_matter_is_over_budget_opens_with_its_problem(tmp_path, data_dir, monkeypatch):
    # Parsing itself (a long YAML list) goes over the budget: show_post has no parsed post to show
    # as source, only the problem and a title from the file name (this raised TypeError before).
    # The list takes about 0.2 s of CPU to parse: the budget is well below that, under any load.
    monkeypatch.setattr(budget, "FILE_CPU_SECONDS", 0.03)
    items = "".join(f"  - 标{i}\n" for i in range(60_000))
    rel = "_posts/2022-01-21-long-list.md"
    root = small_site(tmp_path / "lib", {rel: f"---\ntitle: 长列表\ntags:\n{items}---\n正文\n"})
    library = Library(root, data_dir=data_dir)
    try:
        library.refresh()
        post_id = library.post_id(rel)
        assert any(p.path == rel and "too complex to read" in p.message for p in library.problems())
        for opener in (lambda: library.get_post(post_id), lambda: _in_thread(library.get_post, post_id)):
            post = opener()
            assert post.meta.error.startswith("too complex to read (over 0.03 s of CPU)"), post.meta.error
            assert post.meta.date == "2022-01-21" and post.meta.title
            assert post.html == ""
    finally:
        library.close()
