"""Tests for reader.core.types: the values the core hands out are frozen, compare and hash by value,
survive a trip to a worker process, and say what they mean by their defaults."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from reader.core import types
from reader.core.parse import parse_post
from reader.core.types import (
    Facet,
    PostFilter,
    PostMeta,
    PostSummary,
    RefreshReport,
    SearchHit,
    SearchResults,
    Site,
    Snippet,
)

SITE = Site("jekyll", Path("/lib"), Path("/lib"), timezone="Asia/Shanghai")
POST = (
    "---\ntitle: 央行降准\ndate: 2022-01-21 15:01:08\ncategories: [经济, 金融]\ntags: 货币\n---\n"
    "正文，[一个链接](https://example.com/a)。\n"
).encode()


def _parsed():
    return parse_post(SITE, "_posts/2022-01-21-jiangzhun.md", POST)


def _summary(i: int = 1) -> PostSummary:
    return PostSummary(i, f"_posts/{i}.md", f"标题{i}", "2022-01-21", ("经济",), (), False, None)


def test_every_type_is_a_frozen_dataclass():
    classes = [
        v
        for v in vars(types).values()
        if isinstance(v, type) and v.__module__ == types.__name__ and dataclasses.is_dataclass(v)
    ]
    assert len(classes) >= 10
    for cls in classes:
        assert cls.__dataclass_params__.frozen, cls.__name__  # type: ignore[attr-defined]


def test_a_parsed_posts_metadata_cannot_be_changed():
    meta = _parsed().meta
    with pytest.raises(dataclasses.FrozenInstanceError):
        meta.title = "改"  # type: ignore[misc]


def test_metadata_of_a_real_post_carries_the_documented_forms():
    meta = _parsed().meta
    assert meta.path == "_posts/2022-01-21-jiangzhun.md" and meta.title == "央行降准"
    assert meta.date == "2022-01-21T15:01:08+08:00"  # ISO 8601 with the site's zone
    assert meta.sort_key == pytest.approx(1642748468.0)  # seconds since the epoch, UTC
    assert meta.categories == ("经济", "金融") and meta.tags == ("货币",)  # tuples, so hashable
    assert meta.error is None and not meta.draft


def test_equal_values_are_equal_and_hash_alike():
    assert _parsed() == _parsed() and hash(_parsed().meta) == hash(_parsed().meta)
    assert len({_summary(1), _summary(1), _summary(2)}) == 2
    assert dataclasses.replace(_summary(1), read=True) != _summary(1)


def test_values_pickle_for_worker_processes():
    parsed = _parsed()
    report = RefreshReport(added=3, problems=1, notes=("rebuilt",), folders=("", "_posts"))
    for value in (parsed, report, SITE, Facet("tag", "货币", "货币", 1)):
        assert pickle.loads(pickle.dumps(value)) == value


def test_the_default_filter_shows_every_post():
    assert PostFilter() == PostFilter(
        categories=(), tags=(), months=(), read=None, starred=None, drafts=None, problems=False, title=""
    )


def test_search_results_are_a_sequence_of_hits_best_first():
    hits = tuple(SearchHit(_summary(i), Snippet("文本", ((0, 2),)), rank=1.0 / i) for i in (1, 2, 3))
    results = SearchResults(hits, indexed=10, total=10)
    assert len(results) == 3 and results[0].post.id == 1 and [h.post.id for h in results[1:]] == [2, 3]
    assert list(results) == list(hits) and results.complete


def test_search_results_are_incomplete_while_the_text_phase_runs():
    assert not SearchResults((), indexed=4, total=10).complete
    assert SearchResults().complete  # an empty library has nothing left to index


def test_a_post_meta_needs_only_path_title_date_and_sort_key():
    meta = PostMeta("a.md", "A", None, None)
    assert (meta.categories, meta.tags, meta.authors, meta.draft, meta.error) == ((), (), (), False, None)
