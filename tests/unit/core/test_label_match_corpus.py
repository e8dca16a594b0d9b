"""category:/tag: terms on real folders as a user types them: Hexo's `LeetCode` in any case, finews's
Chinese tags and readable category names in Simplified or Traditional, by English or Chinese field name."""

import pytest

from reader.core.library import Library
from tests.corpus import CORPUS

pytestmark = pytest.mark.corpus


def _opened(tmp_path_factory, name):
    library = Library(CORPUS / name, data_dir=tmp_path_factory.mktemp("data"))
    library.refresh()
    return library


@pytest.fixture(scope="module")
def hexo(tmp_path_factory):
    library = _opened(tmp_path_factory, "hexo-beyond1993")
    yield library
    library.close()


@pytest.fixture(scope="module")
def finews(tmp_path_factory):
    library = _opened(tmp_path_factory, "finews")
    yield library
    library.close()


def count(library, query):
    return len(library.search(query, limit=10_000))


def facet(library, kind, key):
    return next(f for f in library.facets(kind) if f.key == key)


def test_a_hexo_category_is_found_whatever_its_case(hexo):
    leetcode = facet(hexo, "category", "LeetCode")
    assert leetcode.count == 380
    for query in ["category:LeetCode", "category:leetcode", "category:LEETCODE", f'category:"{leetcode.label}"']:
        assert count(hexo, query) == leetcode.count, query
    assert count(hexo, "cat:leetcode") == count(hexo, "分類：leetcode") == leetcode.count
    design = facet(hexo, "category", "System Design")
    assert count(hexo, 'category:"system design"') == design.count > 0
    # with words too (one Tantivy query): the category's posts that hold the word, and the others
    assert count(hexo, "tree category:leetcode") + count(hexo, "tree -category:leetcode") == count(hexo, "tree")
    assert count(hexo, "tree category:leetcode") == count(hexo, "tree category:LeetCode") > 0


def test_a_chinese_hexo_category_is_found_in_either_script(hexo):
    notes = facet(hexo, "category", "读书笔记")
    assert count(hexo, "category:读书笔记") == count(hexo, "分類:讀書筆記") == notes.count > 0


def test_finews_tags_and_readable_categories_in_either_script(finews):
    rolling = facet(finews, "tag", "东财滚动新闻")
    assert rolling.count == 4
    for query in ["tag:东财滚动新闻", "tag:東財滾動新聞", "標籤:東財滾動新聞", "标签：東財滾动新闻"]:
        assert count(finews, query) == rolling.count, query
    assert facet(finews, "category", "emnews").label == "东财滚动新闻"
    for query in ["category:emnews", "category:EMNews", "category:東財滾動新聞", "分类:东财滚动新闻"]:
        assert count(finews, query) == rolling.count, query
