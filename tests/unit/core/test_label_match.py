"""category:/tag: values as typed: any case, either script, the key or its readable name; the table of
folded names made again after the index changes (its own writes or another connection's)."""

from __future__ import annotations

import pytest

from reader.core import label_match
from reader.core.library import Library
from reader.core.store import Store
from reader.core.types import PostMeta

POSTS = [
    PostMeta("a.md", "甲", "2022-01-01", 1.0, categories=("LeetCode",), tags=("经济",)),
    PostMeta("b.md", "乙", "2022-01-02", 2.0, categories=("leetcode",), tags=("經濟",)),
    PostMeta("c.md", "丙", "2022-01-03", 3.0, categories=("System Design",), tags=("經济", "Open Source")),
    PostMeta("d.md", "丁", "2022-01-04", 4.0, categories=("emnews",), tags=("东财滚动新闻",)),
]


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "index.db")
    store.write_metadata([(meta, 1, 1) for meta in POSTS])
    store.set_labels("category", {"emnews": "东财滚动新闻"})
    yield store
    store.close()


def keys(store, kind, value):
    return sorted(label_match.LabelNames().keys(store._db, kind, value))


def test_fold_drops_case_width_spacing_and_script():
    assert label_match.fold("LeetCode") == label_match.fold("ｌｅｅｔｃｏｄｅ") == "leetcode"
    assert label_match.fold("  System   Design ") == "system design"
    assert label_match.fold("經濟") == label_match.fold("經济") == "经济"
    assert label_match.fold("ＳＴＲＡẞＥ") == "strasse"


@pytest.mark.parametrize("value", ["leetcode", "LeetCode", "LEETCODE", "ｌｅｅｔｃｏｄｅ"])
def test_a_key_in_any_case_names_every_key_spelled_so(store, value):
    assert keys(store, "category", value) == ["LeetCode", "leetcode"]


@pytest.mark.parametrize("value", ["经济", "經濟", "經济", "经濟"])
def test_a_key_in_either_script_names_every_key_spelled_so(store, value):
    assert keys(store, "tag", value) == sorted(["经济", "經济", "經濟"])


def test_words_of_a_key_are_matched_whatever_their_case_and_spacing(store):
    assert keys(store, "category", "system  design") == ["System Design"]
    assert keys(store, "tag", "open source") == ["Open Source"]


def test_a_readable_name_in_either_script_names_its_key(store):
    assert keys(store, "category", "東財滾動新聞") == ["emnews"]
    assert keys(store, "category", "EMNEWS") == ["emnews"]
    assert keys(store, "tag", "東財滾動新聞") == ["东财滚动新闻"]  # the tag's own key, not the category's name


def test_a_value_no_label_has_names_nothing(store):
    assert keys(store, "category", "leet") == []
    assert keys(store, "tag", "LeetCode") == []  # a category, not a tag


def test_the_table_is_made_again_after_the_index_changes(store, tmp_path):
    names = label_match.LabelNames()
    assert names.keys(store._db, "category", "python") == []
    store.write_metadata([(PostMeta("e.md", "戊", None, None, categories=("Python",)), 1, 1)])
    assert names.keys(store._db, "category", "python") == ["Python"]  # this connection's own write
    store.set_labels("category", {"Python": "蟒蛇"})
    assert names.keys(store._db, "category", "蟒蛇") == ["Python"]
    other = Store(tmp_path / "index.db")  # another connection (the indexer's process, say)
    try:
        other.write_metadata([(PostMeta("f.md", "己", None, None, categories=("PYTHON",)), 1, 1)])
    finally:
        other.close()
    assert names.keys(store._db, "category", "python") == ["PYTHON", "Python"]


def test_searches_find_labels_as_typed_with_and_without_words(tmp_path):
    root = tmp_path / "lib" / "_posts"
    root.mkdir(parents=True)
    for i, (category, tag) in enumerate([("LeetCode", "经济"), ("leetcode", "經濟"), ("Diary", "生活")]):
        (root / f"2022-01-0{i + 1}-p{i}.md").write_text(
            f"---\ntitle: 题{i}\ncategories: {category}\ntags: [{tag}]\n---\n共同的正文\n", encoding="utf-8"
        )
    library = Library(tmp_path / "lib", data_dir=tmp_path / "data")
    try:
        library.refresh()

        def found(query):
            return sorted(hit.post.path.rpartition("-")[2] for hit in library.search(query))

        for query in ["category:leetcode", "Category:LEETCODE", "cat:LeetCode", "分類：leetcode", "共同 分类:leetcode"]:
            assert found(query) == ["p0.md", "p1.md"], query
        for query in ["tag:经济", "tag:經濟", "標籤:經济", "tags:经济", "共同 标签:經濟"]:
            assert found(query) == ["p0.md", "p1.md"], query
        assert found("共同 -category:LEETCODE") == found("-分类:leetcode") == ["p2.md"]
        assert found("category:leet") == found("共同 category:leet") == []  # a label no post has
        assert found("共同 -category:leet") == found("-category:leet") == ["p0.md", "p1.md", "p2.md"]
    finally:
        library.close()
