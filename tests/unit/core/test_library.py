"""Tests for reader.core.library: the facade over one small Jekyll site. Opening (and the message when the
folder will not do), a refresh and its report, posts read again from their files, search with titles
standing in while the text is not indexed, the reading state kept across a rebuilt index.

Other sides of Library have their own files: test_library_first_rows.py (a first build lists early),
test_library_files.py, test_library_highlights.py, test_link_routing.py, test_library_corpus.py."""

from __future__ import annotations

import os
import time

import pytest

from reader.core.errors import LibraryError, PostError, QueryError
from reader.core.library import Library
from reader.core.types import PostFilter

POSTS = {
    "_posts/2022-01-21-jiangzhun.md": "---\ntitle: 央行降准\ncategories: [财经]\ntags: [货币]\n---\n"
    "央行宣布降准，释放长期资金。\n",
    "_posts/2022-02-03-ev.md": "---\ntitle: 新能源汽车销量\ncategories: [科技]\n---\n一月新能源汽车销量大增。\n",
    "_posts/2021-12-30-bad.md": "---\ntitle: [unclosed\n---\n正文还在。\n",
}


def _site(root, posts=POSTS):
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: 剪报测试\n", encoding="utf-8")
    for path, text in posts.items():
        (root / path).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def site(tmp_path):
    return _site(tmp_path / "site")


@pytest.fixture
def library(site, tmp_path):
    library = Library(site, data_dir=tmp_path / "data")
    library.refresh()
    yield library
    library.close()


def test_a_missing_folder_or_a_file_is_refused_with_its_path(tmp_path):
    with pytest.raises(LibraryError, match=r"nowhere: no such folder"):
        Library(tmp_path / "nowhere", data_dir=tmp_path / "data")
    (tmp_path / "a.md").write_text("x")
    with pytest.raises(LibraryError, match=r"a\.md: not a folder"):
        Library(tmp_path / "a.md", data_dir=tmp_path / "data")


def test_opening_does_not_scan_and_the_first_refresh_adds_every_post(site, tmp_path):
    library = Library(site, data_dir=tmp_path / "data")
    try:
        assert library.count() == 0 and library.name == "剪报测试"
        report = library.refresh()
        assert (report.added, report.changed, report.removed, report.problems) == (3, 0, 0, 1)
        assert library.count() == 3 and library.text_progress() == (3, 3)
    finally:
        library.close()


def test_a_second_refresh_finds_what_changed_on_disk(library, site):
    (site / "_posts" / "2022-02-03-ev.md").unlink()
    changed = site / "_posts" / "2022-01-21-jiangzhun.md"
    changed.write_text(POSTS["_posts/2022-01-21-jiangzhun.md"].replace("降准", "降息"), encoding="utf-8")
    later = time.time() + 5
    os.utime(changed, (later, later))
    (site / "_posts" / "2022-03-01-new.md").write_text("---\ntitle: 新文章\n---\n新的内容。\n", encoding="utf-8")
    report = library.refresh()
    assert (report.added, report.changed, report.removed, report.unchanged) == (1, 1, 1, 1)
    assert library.post_id("_posts/2022-02-03-ev.md") is None
    assert library.get_post(library.post_id("_posts/2022-01-21-jiangzhun.md")).meta.title == "央行降息"


def test_lists_facets_and_problems(library):
    titles = [s.title for s in library.summaries(library.list_ids())]
    assert titles[:2] == ["新能源汽车销量", "央行降准"]  # newest first
    assert {f.key: f.count for f in library.facets("category")} == {"财经": 1, "科技": 1}
    assert library.count(PostFilter(categories=("财经",))) == 1
    (problem,) = library.problems()
    assert problem.path == "_posts/2021-12-30-bad.md" and problem.message


def test_a_post_is_read_again_from_its_file(library, site):
    post = library.get_post(library.post_id("_posts/2022-01-21-jiangzhun.md"))
    assert post.meta.title == "央行降准" and "释放长期资金" in post.html and "释放长期资金" in post.text
    assert not post.truncated
    assert library.get_post(post.id, with_text=False).text == ""


def test_a_post_gone_from_disk_is_a_post_error_naming_the_file(library, site):
    post_id = library.post_id("_posts/2022-02-03-ev.md")
    (site / "_posts" / "2022-02-03-ev.md").unlink()
    with pytest.raises(PostError, match=r"^_posts/2022-02-03-ev\.md: the file is no longer there"):
        library.get_post(post_id)
    with pytest.raises(PostError, match="no such post"):
        library.get_post(987654)


def test_a_file_that_is_no_post_is_read_without_indexing_it(library, site):
    (site / "README.md").write_text("# 说明\n\n这是说明。\n", encoding="utf-8")
    page = library.read_file("README.md")
    assert page.id == -1 and "这是说明" in page.html and library.post_id("README.md") is None
    assert library.path_of(site / "README.md") == "README.md" and library.path_of(site.parent) is None


def test_search_ranks_hits_and_says_how_much_was_covered(library):
    results = library.search("新能源", snippets=1)
    assert [hit.post.title for hit in results] == ["新能源汽车销量"] and results.complete
    assert "新能源" in results[0].snippet.text
    with pytest.raises(QueryError):
        library.search('"unclosed')


def test_titles_stand_in_while_the_text_is_not_indexed(site, tmp_path):
    library = Library(site, data_dir=tmp_path / "data")
    try:
        library.refresh(full_text=False)
        results = library.search("汽车")
        assert not results.complete and [(h.post.title, h.title_only) for h in results] == [("新能源汽车销量", True)]
        assert not library.search("释放长期资金")  # body words wait for the text phase
    finally:
        library.close()


def test_the_reading_state_outlives_the_index(library, tmp_path, site):
    post_id = library.post_id("_posts/2022-01-21-jiangzhun.md")
    library.set_read([post_id], True)
    library.set_starred(post_id, True)
    library.set_position(post_id, 0.4)
    library.close()
    for leftover in library.index_file.parent.glob(library.index_file.name + "*"):
        if leftover.is_file():
            leftover.unlink()  # the index is a cache: gone, rebuilt on the next refresh
    again = Library(site, data_dir=tmp_path / "data")
    try:
        again.refresh()
        new_id = again.post_id("_posts/2022-01-21-jiangzhun.md")
        (summary,) = again.summaries([new_id])
        assert summary.read and summary.starred and again.position(new_id) == pytest.approx(0.4)
        assert again.count(PostFilter(read=False)) == 2
    finally:
        again.close()


def test_posts_read_by_older_metadata_rules_are_read_again_once(tmp_path):
    # A folder of notes indexed before its notes were named by their files (metadata.rules "folder" 2):
    # the next refresh reads every post again, once; a Jekyll site's index, made by rules it still has, is not.
    notes = tmp_path / "vault"
    (notes / "Daily").mkdir(parents=True)
    (notes / "Daily" / "2023-09-30.md").write_text("## Notes\n\n- bought bread\n", encoding="utf-8")
    jekyll = _site(tmp_path / "site")
    for root, read_again in ((notes, 1), (jekyll, 0)):
        library = Library(root, data_dir=tmp_path / "data")
        library.refresh()
        db = library._store()._db
        with db:
            db.execute("UPDATE posts SET title = 'Notes'")  # as the old rules titled it
            db.execute("DELETE FROM info WHERE key = 'rules'")  # none recorded before the rules were counted
        library.close()
        library = Library(root, data_dir=tmp_path / "data")
        assert library.refresh().changed == read_again
        assert library.refresh().changed == 0
        titles = {row.title for row in library.list_posts()}
        assert (titles == {"2023-09-30"}) if read_again else (titles == {"Notes"})
        library.close()
