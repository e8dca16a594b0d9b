"""Several libraries as one: the merged search is the union of each library's search, ranked by
rank fusion; the merged list is every library's posts in one order; a broken index leaves the rest."""

import os
from collections import Counter

import pytest

from reader.core.errors import QueryError
from reader.core.libraries import RRF_K, Libraries, PostRef, merge_lists
from reader.core.library import Library
from reader.core.types import PostFilter
from tests.corpus import CORPUS, FIXTURES

FIXTURE_NAMES = ("jekyll", "hexo", "hugo", "zola", "obsidian", "plain")
CORPUS_TWO = ("hugo-docs-2013-json", "hugo-docs-2014-mixed")
CORPUS_THREE = (*CORPUS_TWO, "jessfraz-hugo")
SORTS = ("date", "title", "category", "path")


def _open(folders, data):
    opened = []
    for folder in folders:
        library = Library(folder, data_dir=data)
        library.refresh()
        opened.append(library)
    return opened


def _opened(folders, tmp_path_factory):
    opened = _open(folders, tmp_path_factory.mktemp("data"))
    yield opened
    for library in opened:
        library.close()


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory):
    yield from _opened([FIXTURES / name for name in FIXTURE_NAMES], tmp_path_factory)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    yield from _opened([CORPUS / name for name in CORPUS_THREE], tmp_path_factory)


def _singles(libraries, query, filter=None):
    return Counter(
        PostRef(lib.root, hit.post.id) for lib in libraries for hit in lib.search(query, filter=filter, limit=10_000)
    )


def _assert_union(libraries, query, filter=None):
    merged = Libraries(libraries).search(query, filter=filter, limit=10_000)
    got = Counter(item.ref for item in merged.hits)
    assert got == _singles(libraries, query, filter)  # same posts, none lost, none doubled
    assert max(got.values(), default=1) == 1
    assert not merged.failed
    for library in libraries:  # each library's own order is kept inside the merged one
        own = [hit.post.id for hit in library.search(query, filter=filter, limit=10_000)]
        assert [item.hit.post.id for item in merged.hits if item.root == library.root] == own
    scores = [item.score for item in merged.hits if not item.hit.title_only]
    assert scores == sorted(scores, reverse=True)
    return merged


@pytest.mark.parametrize("query", ["the", "a", "post", "date OR hugo", "title:the"])
def test_fixture_libraries_merged_search_is_the_union(fixtures, query):
    merged = _assert_union(fixtures, query)
    assert len({item.root for item in merged.hits}) >= (2 if query in ("the", "a") else 1)


def test_merged_search_interleaves_libraries_by_place(fixtures):
    merged = Libraries(fixtures).search("the", limit=10_000)
    firsts = [item for item in merged.hits if item.score == 1.0 / (RRF_K + 1)]
    assert merged.hits[: len(firsts)] == tuple(firsts)  # every library's best hit before any second
    assert [item.root for item in firsts] == [lib.root for lib in fixtures if lib.search("the").hits]


def test_merged_search_pages_like_one_list(fixtures):
    libraries = Libraries(fixtures)
    whole = libraries.search("the OR a", limit=1000).hits
    paged = [
        item for offset in range(0, len(whole), 3) for item in libraries.search("the OR a", limit=3, offset=offset).hits
    ]
    assert [item.ref for item in paged] == [item.ref for item in whole]
    assert len(whole) > 6


def test_merged_search_with_snippets_and_a_filter(fixtures):
    merged = Libraries(fixtures).search("the", snippets=2, filter=PostFilter(drafts=False))
    assert [item.hit.snippet is not None for item in merged.hits][:3] == [True, True, False]
    assert "the" in merged.hits[0].hit.snippet.text.lower()
    _assert_union(fixtures, "the", PostFilter(drafts=False))


@pytest.mark.parametrize("query", ['"unclosed', "date:notadate", "tag:"])
def test_a_query_that_cannot_be_understood_raises_as_for_one_library(fixtures, query):
    with pytest.raises(QueryError) as single:
        fixtures[0].search(query)
    with pytest.raises(QueryError) as merged:
        Libraries(fixtures).search(query)
    assert str(merged.value) == str(single.value)


def _assert_list_order(libraries, sort, descending):
    merged = merge_lists(libraries, sort=sort, descending=descending)
    assert not merged.failed
    assert Counter(merged.refs) == Counter(PostRef(lib.root, i) for lib in libraries for i in lib.list_ids())
    for library in libraries:
        own = library.list_ids(sort=sort, descending=descending)
        assert [ref.id for ref in merged.refs if ref.root == library.root] == own
    values = {}
    for library in libraries:
        values.update({PostRef(library.root, i): v for i, v in library.sort_values(library.list_ids(), sort).items()})
    column = [values[ref][0] for ref in merged.refs]
    valued = [v for v in column if v is not None]
    assert column[: len(valued)] == valued  # posts without a value come last
    assert valued == sorted(valued, reverse=descending)


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("descending", [True, False])
def test_fixture_libraries_merged_list(fixtures, sort, descending):
    _assert_list_order(fixtures, sort, descending)


def test_merged_list_rows_and_counts(fixtures):
    libraries = Libraries(fixtures)
    refs = libraries.list_refs(sort="title", descending=False).refs
    rows = libraries.summaries(refs)
    assert [(root, row.id) for root, row in rows] == [tuple(ref) for ref in refs]
    assert libraries.count() == len(refs) == sum(lib.count() for lib in fixtures)
    drafts = PostFilter(drafts=True)
    assert (
        libraries.count(drafts) == len(libraries.list_refs(drafts).refs) == sum(lib.count(drafts) for lib in fixtures)
    )


def test_the_set_has_each_root_once(fixtures):
    libraries = Libraries(fixtures[:2])
    assert not libraries.add(fixtures[0])
    assert libraries.roots == [fixtures[0].root, fixtures[1].root]
    assert libraries.remove(fixtures[0].root) is fixtures[0]
    assert fixtures[0].root not in libraries and len(libraries) == 1
    assert libraries.summaries([PostRef(fixtures[0].root, 1)]) == []  # a library taken away lists nothing


def test_a_corrupt_index_leaves_the_other_libraries_searchable(tmp_path):
    broken, good = _open([FIXTURES / "jekyll", FIXTURES / "hugo"], tmp_path)
    try:
        libraries = Libraries([broken, good])
        assert {item.root for item in libraries.search("the").hits} == {broken.root, good.root}
        for suffix in ("", "-wal", "-shm"):  # garbage over the open index, in place
            path = broken.index_file.with_name(broken.index_file.name + suffix)
            if path.exists():
                with open(path, "r+b") as file:
                    file.write(b"\x07garbage" * (os.path.getsize(path) // 8 + 1))
        merged = libraries.search("the")
        assert [item.root for item in merged.hits] and {item.root for item in merged.hits} == {good.root}
        assert [item.hit.post.id for item in merged.hits] == [hit.post.id for hit in good.search("the")]
        assert "index" in merged.failed[broken.root]
        listed = libraries.list_refs()
        assert {ref.root for ref in listed.refs} == {good.root} and broken.root in listed.failed
        assert libraries.count() == good.count()
    finally:
        broken.close()
        good.close()


@pytest.mark.corpus
@pytest.mark.parametrize("names", [CORPUS_TWO, CORPUS_THREE], ids=["two", "three"])
@pytest.mark.parametrize("query", ["hugo", "the", "linux", "template OR content", "title:hugo"])
def test_corpus_libraries_merged_search_is_the_union(corpus, names, query):
    libraries = [lib for lib in corpus if lib.root.name in names]
    merged = _assert_union(libraries, query)
    if query in ("the", "linux"):  # words every one of these libraries holds
        assert {item.root for item in merged.hits} == {lib.root for lib in libraries}


@pytest.mark.corpus
@pytest.mark.parametrize("sort", SORTS)
def test_corpus_libraries_merged_list(corpus, sort):
    _assert_list_order(corpus, sort, True)
    _assert_list_order(corpus[:2], sort, False)
