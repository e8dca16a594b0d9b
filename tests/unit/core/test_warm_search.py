"""The search warm-up (Store.warm_search, Library.warm_search): the first search's costs paid ahead, once the
text is all indexed, and nothing done, written or raised otherwise."""

from __future__ import annotations

import pytest

from reader.core import Library, fulltext, planner, zh_fold
from reader.core.errors import StoreError
from reader.core.fulltext import FullText
from reader.core.store import Store
from tests.corpus import FIXTURES
from tests.unit.core.store_samples import ids, sample_store


@pytest.fixture
def store(tmp_path):
    yield from sample_store(tmp_path)


@pytest.fixture
def indexed(store):
    a, b, c, d = ids(store, "_posts/a.md", "_posts/b.md", "_posts/c.md", "notes/d.md")
    store.write_text([(a, "Alpha 新能源", "中国人的车"), (b, "beta 汽车", "特斯拉"), (c, "Gamma", "人"), (d, "d", "")])
    # A new connection, as a worker's: nothing of the search's made yet (the writes above made the searcher).
    fresh = Store(store.path, store.path.parent.parent / "data" / "state.db", "lib1")
    yield fresh
    fresh.close()


@pytest.fixture
def searches(monkeypatch):
    """The Tantivy searches planner.ranked ran, by their query's text."""
    ran: list[str] = []
    ranked = planner.ranked

    def spy(searcher, query, *args, **kwargs):
        ran.append(repr(query))
        return ranked(searcher, query, *args, **kwargs)

    monkeypatch.setattr(planner, "ranked", spy)
    return ran


@pytest.fixture
def writers(monkeypatch):
    """The times a FullText was asked for its writer."""
    taken: list[FullText] = []
    writer_now = FullText._writer_now

    def spy(self):
        taken.append(self)
        return writer_now(self)

    monkeypatch.setattr(FullText, "_writer_now", spy)
    return taken


def test_it_builds_the_fold_tables_counts_and_opens_the_searcher(indexed, searches, writers):
    zh_fold._tables.cache_clear()
    assert indexed._progress is None and indexed._fulltext._searcher is None
    indexed.warm_search()
    assert zh_fold._tables.cache_info().currsize == 1
    assert indexed._progress is not None and indexed._progress[1] == (4, 4)
    assert indexed._fulltext._searcher is not None  # kept for the first search
    assert len(searches) == 2  # a lone character and a word of two, through the whole search
    assert writers == []
    assert [post for post, _ in indexed.search("人")] == ids(indexed, "_posts/c.md", "_posts/a.md")


def test_nothing_is_searched_on_an_index_without_text(store, searches, writers):
    generation = store._info("text_generation")
    store.warm_search()
    assert searches == [] and writers == []
    assert store._fulltext._searcher is None
    assert store._info("text_generation") == generation


def test_nothing_is_searched_while_the_text_is_being_written(store, tmp_path, searches, writers):
    a, b, c = ids(store, "_posts/a.md", "_posts/b.md", "_posts/c.md")
    store.write_text([(a, "Alpha", "人"), (b, "beta", "人"), (c, "Gamma", "人")])  # notes/d.md's still pending
    store._text().hold()  # and the writer held, as by a refresh's text phase
    fresh = Store(store.path, tmp_path / "data" / "state.db", "lib1")
    writers.clear()
    try:
        fresh.warm_search()
        assert searches == [] and writers == []
        assert fresh._fulltext._searcher is None
        assert fresh.text_progress() == (3, 4)
    finally:
        fresh.close()


def test_an_index_that_cannot_be_read_is_left_to_the_search(indexed, searches, writers):
    generation = indexed._info("text_generation")
    folder = indexed._fulltext.folder
    (folder / "meta.json").write_text("not json")
    indexed.warm_search()  # no error, no new index
    assert writers == []
    assert indexed._info("text_generation") == generation and folder.is_dir()
    assert indexed.search("人") == []  # the search meets it: a new, empty index, every post's text pending
    assert indexed._info("text_generation") == generation + 1
    assert indexed.text_progress() == (0, 4)


def test_a_new_index_begun_by_another_process_is_left_to_the_search(indexed, tmp_path, searches):
    other = Store(indexed.path, tmp_path / "data" / "state.db", "lib1")
    try:
        other._renew_text()
        a, b, c, d = ids(other, "_posts/a.md", "_posts/b.md", "_posts/c.md", "notes/d.md")
        other.write_text([(a, "Alpha", "人"), (b, "t", "x"), (c, "t", "x"), (d, "t", "x")])
    finally:
        other.close()
    indexed.warm_search()
    assert searches == []
    assert [post for post, _ in indexed.search("人")] == [a]


def test_an_error_of_the_index_is_not_raised(indexed, monkeypatch):
    def fails(self):
        raise StoreError("disk I/O error")

    monkeypatch.setattr(Store, "text_progress", fails)
    indexed.warm_search()


def test_the_library_warms_its_threads_connection(tmp_path):
    library = Library(FIXTURES / "jekyll", data_dir=tmp_path / "data")
    try:
        library.refresh()
        zh_fold._tables.cache_clear()
        library.warm_search()
        assert zh_fold._tables.cache_info().currsize == 1
        assert library._store()._fulltext._searcher is not None
    finally:
        library.close()


def test_the_library_warm_up_is_harmless_before_the_first_refresh_and_without_an_index(tmp_path, monkeypatch):
    (tmp_path / "lib").mkdir()
    library = Library(tmp_path / "lib", data_dir=tmp_path / "data")
    try:
        library.warm_search()  # nothing indexed: nothing to warm
        assert library.search("人").hits == ()

        def unreadable(self):
            raise StoreError("the index was replaced by one that cannot be read")

        with monkeypatch.context() as patched:
            patched.setattr(Library, "_store", unreadable)
            library.warm_search()
    finally:
        library.close()


def test_the_writer_held_by_another_connection_is_not_waited_for(indexed, tmp_path, monkeypatch, writers):
    monkeypatch.setattr(fulltext, "_LOCK_WAIT", 0.0)  # a writer asked for would fail at once
    other = Store(indexed.path, tmp_path / "data" / "state.db", "lib1")
    try:
        other._text().hold()
        writers.clear()
        indexed.warm_search()
        assert indexed._fulltext._searcher is not None and writers == []
    finally:
        other.close()
