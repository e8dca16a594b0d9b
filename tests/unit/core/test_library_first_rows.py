"""A new index of a library of some size lists its newest-named posts before the whole library is
scanned (Library._first_rows), and ends as a refresh without that step would: deletions and changes
made meanwhile are found by the scan."""

from __future__ import annotations

import pytest

from bench.generate import generate
from reader.core import indexer
from reader.core.library import _FIRST_BATCH, Library
from reader.core.scanner import scan

POSTS = 450  # more than the first batch, and over the worker pool's threshold


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("generated"), POSTS)


def _names(root, data_dir) -> list[str]:
    """The posts another Library over the same index lists now: what is committed."""
    other = Library(root, data_dir=data_dir)
    try:
        return sorted(s.path for s in other.list_posts())
    finally:
        other.close()


def test_the_newest_names_are_written_before_the_scan(generated, tmp_path):
    library = Library(generated, data_dir=tmp_path / "data")
    events, first = [], []

    def progress(phase: str, done: int, total: int) -> None:
        events.append((phase, done, total))
        if phase == "metadata" and done and not first:
            first.append(_names(generated, tmp_path / "data"))

    try:
        report = library.refresh(progress, full_text=False)
        newest = sorted(p.relative_to(generated).as_posix() for p in (generated / "_posts").iterdir())[-_FIRST_BATCH:]
        assert first == [newest]  # committed, and readable by another connection, before the scan's end
        assert events.index(("metadata", _FIRST_BATCH, 0)) < events.index(("scan", POSTS, POSTS))
        assert (report.added, report.changed, report.removed, report.unchanged) == (POSTS, 0, 0, 0)
        assert library.count() == POSTS
        again = library.refresh(full_text=False)
        assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, POSTS)
    finally:
        library.close()


def test_deletions_and_changes_after_the_first_rows_are_found(generated, tmp_path, monkeypatch):
    import shutil

    root = shutil.copytree(generated, tmp_path / "lib")
    newest = sorted((root / "_posts").iterdir())[-2:]

    def scan_after_changes(site, cancelled=None, **options):
        newest[0].unlink()
        newest[1].write_text("---\ntitle: 改过的标题\ndate: 2026-01-01\n---\n正文\n", encoding="utf-8")
        return scan(site, cancelled, **options)

    monkeypatch.setattr(indexer, "scan", scan_after_changes)
    library = Library(root, data_dir=tmp_path / "data")
    try:
        report = library.refresh(full_text=False)
        assert (report.added, report.changed, report.removed, report.unchanged) == (POSTS - 2, 1, 1, 0)
        assert library.count() == POSTS - 1
        changed = library.post_id(newest[1].relative_to(root).as_posix())
        assert changed is not None and library.get_post(changed).meta.title == "改过的标题"
        assert library.post_id(newest[0].relative_to(root).as_posix()) is None
    finally:
        library.close()


def test_the_first_rows_do_not_wait_for_title_keys_and_sort_by_title_after(tmp_path, monkeypatch):
    """The early batch is written before pypinyin's data is loaded (0.3 s at a new library's start);
    its title keys are made right after, so a title sort at the end is by pinyin."""
    from reader.core import collate

    root = tmp_path / "lib"
    (root / "_posts").mkdir(parents=True)
    titles = ["中文", "阿姨", "北京", "Beta", "alpha"]
    for n in range(POSTS):
        (root / "_posts" / f"2020-01-01-p{n:04d}.md").write_text(
            f"---\ntitle: {titles[n % len(titles)]} {n}\n---\ntext\n", encoding="utf-8"
        )
    monkeypatch.setattr(collate, "_readings", None)
    loaded_at_first_rows = []

    def progress(phase: str, done: int, total: int) -> None:
        if phase == "metadata" and done == _FIRST_BATCH and total == 0:
            loaded_at_first_rows.append(collate._readings is not None)

    library = Library(root, data_dir=tmp_path / "data")
    try:
        library.refresh(progress, full_text=False)
        assert loaded_at_first_rows == [False]
        by_title = [library.get_post(i).meta.title for i in library.list_ids(sort="title", descending=False)]
        assert len(by_title) == POSTS
        assert by_title == sorted(by_title, key=collate.title_key)
        assert by_title[0].startswith("阿姨") and by_title[-1].startswith("中文")
    finally:
        library.close()


@pytest.mark.parametrize("full_text", [True, False])
def test_a_new_librarys_workers_are_warmed_without_the_text_path(generated, tmp_path, monkeypatch, full_text):
    # A new library's text is read again after its metadata phase: warming the text path during the
    # walk (0.1-0.2 s of CPU a worker) would only delay that phase. (The pool itself is not started here.)
    warmed = []
    monkeypatch.setattr(indexer.Workers, "warm", lambda self, site, text=None: warmed.append((self._text, text)))
    library = Library(generated, data_dir=tmp_path / "data")
    try:
        library.refresh(full_text=full_text)
    finally:
        library.close()
    assert warmed == [(full_text, False)]  # once, before the walk, the text path left out either way
