"""Tests for the planner's shortcuts to the best hits of a text in most posts: TitleFirst (the posts
that hold it in their titles, when they outrank every other) and PhraseBound (a bound of a phrase's
BM25). Each gives the same pages, scores and order as the plain query, on a word corpus (also after
some posts were written again, which leaves deleted documents in Tantivy's statistics) and on a
generated library; each proves its answer there, rather than falling back every time; and the
scores each relies on hold for every post."""

from __future__ import annotations

import random
import re

import pytest

from bench.generate import generate
from reader.core import planner
from reader.core.library import Library
from reader.core.query import parse
from reader.core.store import Store
from reader.core.types import PostFilter, PostMeta

# Words that share bigrams, so that a phrase's rarest bigram also stands outside it (新能 in 新能力):
# the bound then orders some posts otherwise than the phrase does, and has to prove its answer.
WORDS = "新能源 能源 新能力 源头 上合组织 组织 上合 合组 供应链 供应 链条 经济 发展 ET7 的 ， 。".split()


@pytest.fixture
def proofs(monkeypatch):
    """Shortcuts for every text in 2 posts or more, with small candidate lists; count the searches
    each answered (proved) and those it left to the next way."""
    monkeypatch.setattr(planner, "BOUND_MIN_DOCS", 2)
    monkeypatch.setattr(planner, "CANDIDATES", 12)
    monkeypatch.setattr(planner, "BOUND_MARGIN", 1)
    counts = {"TitleFirst": [0, 0], "PhraseBound": [0, 0]}  # proved, fell back
    proved = planner.proved

    def counted(searcher, way):
        found = proved(searcher, way)
        counts[type(way).__name__][found is None] += 1
        return found

    monkeypatch.setattr(planner, "proved", counted)
    return counts


def _unbounded(search, *args, **kw):
    """The same search without shortcuts: the plain query, the phrase checked in every post."""
    shortcuts = planner.shortcuts
    planner.shortcuts = lambda *_args: []
    try:
        return search(*args, **kw)
    finally:
        planner.shortcuts = shortcuts


def _pages(store: Store, query: str, f: PostFilter | None = None) -> list:
    pages = ((0, 5), (0, 12), (3, 9), (7, 5), (0, 40), (9, 10), (14, 8))  # CANDIDATES: 12 in these tests
    return [store.search(query, f, limit, offset) for offset, limit in pages]


def make_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choices(WORDS, weights=range(len(WORDS), 0, -1), k=n))


def _store(tmp_path, seed: int) -> tuple[Store, dict[int, str]]:
    rng = random.Random(seed)
    store = Store(tmp_path / "index.db")
    metas = [
        (PostMeta(f"p{i:03d}.md", make_text(rng, 3), f"2022-{i % 12 + 1:02d}-01", 1.6e9 + i * 3600, ("c",)), 1, 1)
        for i in range(240)
    ]
    store.write_metadata(metas)
    texts = {i: make_text(rng, rng.randint(10, 120)) for i, _ in store.pending_text()}
    store.write_text([(i, store.get_meta(i).title, text) for i, text in texts.items()])
    return store, texts


def _substrings(texts, rng: random.Random, count: int) -> list[str]:
    runs = [r for text in texts for r in re.findall(r"[^\x00-\x7f，。]{2,}", text)]
    picked = []
    for _ in range(count):
        run = rng.choice(runs)
        size = rng.randint(2, min(5, len(run)))
        start = rng.randrange(len(run) - size + 1)
        picked.append(run[start : start + size])
    return picked


@pytest.mark.parametrize("titles_first", [True, False])
def test_shortcuts_rank_as_the_plain_query_does(tmp_path, proofs, monkeypatch, titles_first):
    if not titles_first:
        monkeypatch.setattr(planner, "title_first", lambda *_args: None)
    store, texts = _store(tmp_path, 16)
    try:
        words = _substrings(texts.values(), random.Random(1), 60)
        queries = [*words, "新能", '"能源汽车"', "ET7新能源", "新", "源", "的", "发展"]
        for query in queries:
            assert _pages(store, query) == _unbounded(_pages, store, query), query
        f = PostFilter(months=("2022-01", "2022-02", "2022-03", "2022-04"))
        for query in queries[:20]:
            assert _pages(store, query, f) == _unbounded(_pages, store, query, f), query
        way = "TitleFirst" if titles_first else "PhraseBound"
        assert proofs[way][0] > 20 and proofs[way][1] > 0, proofs
    finally:
        store.close()


def _scores(searcher, query) -> dict:
    return {
        address.doc + (address.segment_ord << 32): score for score, address in searcher.search(query, limit=10_000).hits
    }


def _rewritten(tmp_path) -> tuple[Store, dict[int, str]]:
    store, texts = _store(tmp_path, 17)
    rng = random.Random(2)
    again = rng.sample(sorted(texts), 80)  # written again: their old documents are deleted, not merged away
    store.write_text([(i, store.get_meta(i).title, make_text(rng, rng.randint(10, 120))) for i in again])
    return store, texts


def test_the_bound_is_never_below_the_phrase_score_and_meets_it_where_it_can(tmp_path, monkeypatch):
    monkeypatch.setattr(planner, "BOUND_MIN_DOCS", 2)
    store, texts = _rewritten(tmp_path)
    try:
        searcher = store._text().searcher()
        documents = store._info("next_doc") - 1
        assert documents > searcher.num_docs  # the deleted documents count in Tantivy's N, not in num_docs
        met = 0
        for query in _substrings(texts.values(), random.Random(3), 60):
            plan = planner.plan(store._named_keys, parse(query), lambda _query: [])
            bound = planner.phrase_bound(searcher, plan.phrase, documents, lambda found: found)
            if bound is None:
                continue
            upper, exact = _scores(searcher, bound.upper), _scores(searcher, plan.query)
            assert all(upper[doc] >= score for doc, score in exact.items()), query
            met += sum(upper[doc] < score * 1.001 for doc, score in exact.items())
        assert met > 20
    finally:
        store.close()


def test_no_post_without_the_text_in_its_title_scores_above_the_ceiling(tmp_path, monkeypatch):
    monkeypatch.setattr(planner, "BOUND_MIN_DOCS", 2)
    monkeypatch.setattr(planner, "CANDIDATES", 12)
    store, texts = _rewritten(tmp_path)
    try:
        searcher = store._text().searcher()
        documents, closest, above = store._info("next_doc") - 1, 0.0, 0
        for query in [*_substrings(texts.values(), random.Random(4), 60), "新", "源", "的", "链"]:
            plan = planner.plan(store._named_keys, parse(query), lambda _query: [])
            first = planner.title_first(searcher, plan.phrase, documents, lambda found: found)
            if first is None:
                continue
            titled, exact = _scores(searcher, first.titled), _scores(searcher, plan.query)
            assert all(exact[doc] == score for doc, score in titled.items()), query  # the same scores
            others = [score for doc, score in exact.items() if doc not in titled]
            assert all(score < first.ceiling for score in others), query
            closest = max([closest, *(score / first.ceiling for score in others)])
            above += sum(score > first.ceiling for score in titled.values())
        assert closest > 0.5 and above > 100  # the ceiling is near the body's best, and titles beat it
    finally:
        store.close()


def test_the_generated_library_ranks_the_same_through_the_shortcuts(tmp_path, proofs):
    library = Library(generate(tmp_path / "lib", 600), data_dir=tmp_path / "data")
    try:
        library.refresh()
        store = library._store()
        for query in [
            "新能源",
            "上合组织",
            "供应链",
            "一带一路",
            "人民币",
            '"新能源汽车"',
            "经济",
            "market",
            "税",
            "的",
        ]:
            assert _pages(store, query) == _unbounded(_pages, store, query), query
            hits = library.search(query, limit=30)
            assert hits == _unbounded(library.search, query, limit=30)
        assert proofs["TitleFirst"][0] >= 12, proofs
    finally:
        library.close()


def test_titles_first_gives_way_when_a_body_outscores_the_titles(tmp_path, proofs):
    # 标题 is in 12 titles, each 200 characters long (a title hit scores little there), and in 48
    # bodies, 4 of them short and full of it: those 4 are the best hits, and the titled posts alone
    # would miss them.
    store = Store(tmp_path / "index.db")
    try:
        metas = [
            PostMeta(f"p{i}.md", "标题，" + "别的" * 100 if i < 12 else f"别{i}", "2022-01-01", 1.6e9 + i)
            for i in range(400)
        ]
        ids = store.write_metadata([(m, 1, 1) for m in metas])
        bodies = dict.fromkeys(range(12, 16), "标题，" * 20) | dict.fromkeys(range(16, 60), "标题，" + "其他" * 50)
        store.write_text([(ids[m.path], m.title, bodies.get(n, "其他")) for n, m in enumerate(metas)])
        best = [i for i, _ in store.search("标题", limit=12)]
        assert best == [i for i, _ in _unbounded(store.search, "标题", limit=12)]
        assert {ids[m.path] for m in metas[12:16]} == set(best[:4])
        assert proofs["TitleFirst"] == [0, 1]
    finally:
        store.close()
