"""Full-text search: exact CJK substring recall against brute force, the query language, snippets."""

from __future__ import annotations

import random
import re

import pytest

from reader.core import planner
from reader.core.errors import QueryError
from reader.core.store import Store
from reader.core.types import PostFilter, PostMeta

# A small alphabet makes substrings recur across posts, so the checks have many hits to get right.
HAN = "新能源汽车比亚迪中国经济网发布市场公司电池价格增长销量企业"
WORDS = ["tesla", "Model", "battery", "ET7", "nio", "price", "growth"]
PUNCT = ["，", "。", "、", " ", "\n", "（", "）"]


def make_text(rng: random.Random, n: int) -> str:
    out = []
    while sum(map(len, out)) < n:
        r = rng.random()
        if r < 0.1:
            out.append(rng.choice(WORDS))  # often glued to Chinese: "ET7新能源"
        elif r < 0.25:
            out.append(rng.choice(PUNCT))
        else:
            out.append("".join(rng.choice(HAN) for _ in range(rng.randint(1, 6))))
    return "".join(out)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    rng = random.Random(20220121)
    path = tmp_path_factory.mktemp("search") / "index.db"
    store = Store(path)
    posts = {}
    metas = []
    for i in range(300):
        title, body = make_text(rng, 8), make_text(rng, rng.randint(20, 200))
        metas.append(
            (
                PostMeta(
                    path=f"p{i:03d}.md",
                    title=title,
                    date=f"2022-{i % 12 + 1:02d}-01",
                    sort_key=1.6e9 + i * 3600,
                    categories=(f"c{i % 3}",),
                    tags=("中国经济网新闻" if i % 2 else "ev",),
                ),
                1,
                1,
            )
        )
        posts[f"p{i:03d}.md"] = (title, body)
    store.write_metadata(metas)
    by_path = {p: (i, *posts[p]) for i, p in store.pending_text()}
    store.write_text(list(by_path.values()))
    yield store, {i: (t, b) for i, t, b in by_path.values()}
    store.close()


def hits(store, query, **kw):
    return {i for i, _ in store.search(query, limit=1000, **kw)}


def containing(posts, needle):
    return {i for i, (t, b) in posts.items() if needle in t or needle in b}


def word_in(posts, word):
    rx = re.compile(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", re.IGNORECASE)
    return {i for i, (t, b) in posts.items() if rx.search(t) or rx.search(b)}


@pytest.mark.parametrize("length", [1, 2, 3, 4, 7])
def test_any_cjk_substring_finds_exactly_the_posts_containing_it(corpus, length):
    store, posts = corpus
    rng = random.Random(length)
    runs = [r for t, b in posts.values() for r in re.findall(f"[{HAN}]{{{length},}}", t + "\n" + b)]
    checked = 0
    for _ in range(40):
        run = rng.choice(runs)
        start = rng.randrange(len(run) - length + 1)
        needle = run[start : start + length]
        expected = containing(posts, needle)
        assert hits(store, needle) == expected, needle
        checked += bool(expected)
    assert checked == 40


def test_absent_substrings_find_nothing(corpus):
    store, posts = corpus
    for needle in ["龘", "汽车汽车汽车汽车", "新能源比亚迪发布增长销量"]:
        assert hits(store, needle) == containing(posts, needle)


@pytest.mark.parametrize("word", WORDS + ["TESLA", "et7"])
def test_english_words_match_whole_words_case_insensitively(corpus, word):
    store, posts = corpus
    expected = word_in(posts, word)
    assert expected and hits(store, word) == expected


def test_prefix_word(corpus):
    store, posts = corpus
    rx = re.compile(r"(?<![A-Za-z0-9])batt", re.IGNORECASE)
    expected = {i for i, (t, b) in posts.items() if rx.search(t) or rx.search(b)}
    assert expected and hits(store, "batt*") == expected
    assert hits(store, "batt") == set()


def test_mixed_latin_and_cjk_word(corpus):
    store, posts = corpus
    rx = re.compile(r"ET7\s*新能", re.IGNORECASE)
    expected = {i for i, (t, b) in posts.items() if rx.search(t) or rx.search(b)}
    assert hits(store, "ET7新能") == expected


def _found(posts, pattern):
    rx = re.compile(pattern, re.IGNORECASE)
    return {i for i, (t, b) in posts.items() if rx.search(t) or rx.search(b)}


@pytest.mark.parametrize("word", ["ET7", "nio", "price"])
def test_a_lone_cjk_character_next_to_a_latin_word_in_one_term(corpus, word):
    # The run's first (or last) character alone in the index makes these exact: no prefix token.
    store, posts = corpus
    edge, gap = "(?<![A-Za-z0-9])", r"[\W_]*"
    for ch in "新车网":
        assert hits(store, word + ch) == _found(posts, f"{edge}{word}{gap}{ch}")
        assert hits(store, ch + word) == _found(posts, f"{ch}{gap}{word}(?![A-Za-z0-9])")


def test_a_one_character_run_between_two_latin_words_in_one_term(corpus):
    store, posts = corpus
    lone = re.compile(rf"([A-Za-z0-9]+)[\W_]*(?<![{HAN}])([{HAN}])(?![{HAN}])[\W_]*([A-Za-z0-9]+)")
    seen = sorted({m.groups() for t, b in posts.values() for m in lone.finditer(t + "\n" + b)})
    assert len(seen) >= 5
    for before, ch, after in seen[:12]:
        expected = _found(
            posts, rf"(?<![A-Za-z0-9]){before}[\W_]*(?<![{HAN}]){ch}(?![{HAN}])[\W_]*{after}(?![A-Za-z0-9])"
        )
        assert hits(store, before + ch + after) == expected


def test_implicit_and_and_exclusion(corpus):
    store, posts = corpus
    both = containing(posts, "电池") & containing(posts, "价格")
    assert hits(store, "电池 价格") == both
    assert hits(store, "电池 -价格") == containing(posts, "电池") - containing(posts, "价格")
    assert hits(store, "电池 -价") == containing(posts, "电池") - containing(posts, "价")


def test_or_binds_tighter_than_and(corpus):
    store, posts = corpus
    expected = containing(posts, "电池") & (containing(posts, "价格") | containing(posts, "销量"))
    assert hits(store, "电池 价格 OR 销量") == expected
    assert hits(store, "新 OR 旧") == containing(posts, "新")


def test_quoted_phrase(corpus):
    store, posts = corpus
    expected = word_in(posts, "tesla")  # a phrase of one word is that word
    assert hits(store, '"tesla"') == expected
    assert hits(store, '"新能源"') == containing(posts, "新能源")


def test_title_field(corpus):
    store, posts = corpus
    for needle in ["新能", "新", "汽车比"]:
        assert hits(store, f"title:{needle}") == {i for i, (t, _) in posts.items() if needle in t}


def test_label_and_date_filters(corpus):
    store, posts = corpus
    tagged = set(store.list_ids(PostFilter(tags=("中国经济网新闻",))))
    assert hits(store, 'tag:"中国经济网新闻"') == tagged
    assert hits(store, "电池 tag:中国经济网新闻") == containing(posts, "电池") & tagged
    assert hits(store, "电池 -tag:中国经济网新闻") == containing(posts, "电池") - tagged
    assert hits(store, "category:c1 OR category:c2") == set(store.list_ids(PostFilter(categories=("c1", "c2"))))
    assert hits(store, "date:2022-03") == set(store.list_ids(PostFilter(months=("2022-03",))))
    assert hits(store, "date:2022-01..2022-03") == set(
        store.list_ids(PostFilter(months=("2022-01", "2022-02", "2022-03")))
    )
    assert hits(store, "date:2022-03-01") == hits(store, "date:2022-03")
    assert hits(store, "date:2021") == set()


def test_label_matches_readable_name(corpus):
    store, _ = corpus
    store.set_labels("category", {"c1": "财经 频道"})
    assert hits(store, 'category:"财经 频道"') == hits(store, "category:c1")


def test_filter_only_query_lists_newest_first(corpus):
    store, _ = corpus
    result = store.search("tag:ev", limit=5)
    assert [i for i, _ in result] == store.list_ids(PostFilter(tags=("ev",)))[:5]
    assert all(score == 0.0 for _, score in result)


def test_postfilter_applies_to_search(corpus):
    store, posts = corpus
    f = PostFilter(categories=("c0",), months=("2022-01", "2022-02"))
    allowed = set(store.list_ids(f))
    assert hits(store, "电池", filter=f) == containing(posts, "电池") & allowed


def test_ranking_prefers_title_hits(corpus):
    store, posts = corpus
    result = store.search("电池", limit=1000)
    in_title = [i for i, _ in result if "电池" in posts[i][0]]
    assert 0 < len(in_title) < len(result)
    assert {i for i, _ in result[: len(in_title)]} == set(in_title)
    scores = [s for _, s in result]
    assert scores == sorted(scores, reverse=True)


def test_paging_with_capped_ranking_is_complete_and_stable(corpus, monkeypatch):
    store, posts = corpus
    monkeypatch.setattr(planner, "CANDIDATES", 7)
    expected = containing(posts, "新")
    pages = [store.search("新", limit=10, offset=o) for o in range(0, len(expected) + 10, 10)]
    got = [i for page in pages for i, _ in page]
    assert len(got) == len(set(got)) and set(got) == expected
    assert hits(store, "新能") == containing(posts, "新能")


@pytest.mark.parametrize(
    "query, message",
    [
        ('"unclosed', "quotation mark"),
        ("date:abc", "date"),
        ("date:2022-13", "date"),
        ("date:2022-03..2022-01", "ends before"),
        ("a - b", "-"),
        ("-", "-"),
        ("", "search for"),
        ("   ", "search for"),
        ("OR a", "OR"),
        ("a OR", "OR"),
        ("-新能源", "leaves words out"),
        ("tag:", "needs a value"),
        ("——", "search for"),
    ],
)
def test_bad_queries_raise_readable_errors(corpus, query, message):
    store, _ = corpus
    with pytest.raises(QueryError, match=re.escape(message)):
        store.search(query)


@pytest.mark.parametrize(
    "query",
    [
        'a"b',
        "NEAR(x y)",
        "x AND y",
        "*",
        "title:*",
        "c++",
        "(新",
        "^tesla",
        "a:b",
        "{body}:x",
        "'; DROP TABLE posts; --",
        "tesla*新",
    ],
)
def test_special_characters_never_break_the_query(corpus, query):
    store, _ = corpus
    try:
        result = store.search(query)
    except QueryError as error:
        assert "could not be run" not in str(error)
    else:
        assert isinstance(result, list)
    assert store.count() == 300


def test_full_width_operators_from_chinese_input_methods(corpus):
    store, posts = corpus
    assert hits(store, "tag：ev") == hits(store, "tag:ev")
    assert hits(store, "“新能源”") == containing(posts, "新能源")


def _library_without_text(tmp_path):
    """A Jekyll library whose metadata is indexed but whose full-text phase has not run."""
    from reader.core.library import Library

    posts = tmp_path / "lib" / "_posts"
    posts.mkdir(parents=True)
    titles = ["新能源 汽车 销量", "电池 价格", "Tesla Model 3 新能源", "经济 新闻"]
    for i, title in enumerate(titles):
        body = "正文只说电池。" if i == 3 else "正文。"
        (posts / f"2022-01-{i + 10}-p{i}.md").write_text(
            f"---\ntitle: {title}\ndate: 2022-01-{i + 10}\ncategories: c{i % 2}\n---\n{body}\n", encoding="utf-8"
        )
    library = Library(tmp_path / "lib", data_dir=tmp_path / "data")
    library.refresh(full_text=False)
    return library


def test_search_matches_titles_while_the_text_is_not_indexed(tmp_path):
    library = _library_without_text(tmp_path)
    try:
        results = library.search("新能源", snippets=5)
        assert (results.indexed, results.total, results.complete) == (0, 4, False)
        assert [h.post.title for h in results] == ["Tesla Model 3 新能源", "新能源 汽车 销量"]  # newest first
        assert all(h.title_only for h in results)
        assert [h.post.title for h in library.search("tesla -model")] == []
        assert [h.post.title for h in library.search("新能源 OR 价格")] == [
            "Tesla Model 3 新能源",
            "电池 价格",
            "新能源 汽车 销量",
        ]
        assert [h.post.title for h in library.search("新能源 OR 价格", filter=PostFilter(categories=("c1",)))] == [
            "电池 价格"
        ]
        assert len(library.search("电池")) == 1  # the body's 电池 is not searchable yet

        library.index_text()
        statements = []
        library._store()._db.set_trace_callback(statements.append)
        results = library.search("电池")
        assert results.complete and not any(h.title_only for h in results)
        assert not [sql for sql in statements if "count(" in sql]  # the text phase counted the posts at its end
        assert {h.post.title for h in results} == {"电池 价格", "经济 新闻"}
    finally:
        library.close()


# --- Simplified and Traditional are one (zh_fold) -----------------------------------------------

ZH_POSTS = {  # title, tag, body: the same words in Simplified, Taiwan and Hong Kong forms
    "jian": ("经济发布会", "经济", "缓冲区 后来 里面 干部 发布。全国网上年货节开幕"),
    "tw": ("經濟發佈會", "經濟", "緩衝區 後來 裡面 幹部 發佈。全國網上年貨節開幕"),
    "hk": ("經濟發布", "經濟", "緩衝區 裏面 乾淨。"),
    "other": ("天气晴朗", "天气", "今天天气很好 Economy"),
}


@pytest.fixture(scope="module")
def zh_library(tmp_path_factory):
    from reader.core.library import Library

    root = tmp_path_factory.mktemp("zh")
    posts = root / "lib" / "_posts"
    posts.mkdir(parents=True)
    for i, (name, (title, tag, body)) in enumerate(ZH_POSTS.items()):
        (posts / f"2022-01-1{i}-{name}.md").write_text(
            f"---\ntitle: {title}\ndate: 2022-01-1{i}\ncategories: {tag}频道\ntags: [{tag}]\n---\n{body}\n",
            encoding="utf-8",
        )
    library = Library(root / "lib", data_dir=root / "data")
    library.refresh()
    yield library
    library.close()


def zh_hits(library, query, **kw):
    return {h.post.path.rpartition("-")[2][:-3] for h in library.search(query, **kw)}


@pytest.mark.parametrize(
    "queries, expected",
    [
        (["经济", "經濟", "經济"], {"jian", "tw", "hk"}),  # 2 characters
        (["发布", "發佈", "發布", "发佈"], {"jian", "tw", "hk"}),  # title 發布會 / 發佈會 / 發布
        (["缓冲区", "緩衝區"], {"jian", "tw", "hk"}),  # 3 characters
        (["全国网上年货节", "全國網上年貨節"], {"jian", "tw"}),  # 7 characters
        (["后", "後"], {"jian", "tw"}),  # 1 character (the `chars` table)
        (["里", "裡", "裏"], {"jian", "tw", "hk"}),
        (["干", "乾", "幹"], {"jian", "tw", "hk"}),  # one-to-many: a class is one word for search
        (["干部", "幹部"], {"jian", "tw"}),
        (["干净", "乾淨", "幹淨"], {"hk"}),
        (["title:經濟", "title:经济", "title:發", "title:发布"], {"jian", "tw", "hk"}),
        (["tag:經濟", "tag:经济", "tag:經济", "category:经济频道", "category:經濟頻道"], {"jian", "tw", "hk"}),
        (["经济 -tag:經濟", "後 -tag:经济"], set()),
        (["經濟 -后", "經濟 -後", "经济 -title:發佈会"], {"hk"}),
        (["天氣", "天气 economy"], {"other"}),
    ],
)
def test_simplified_and_traditional_find_each_other(zh_library, queries, expected):
    for query in queries:
        assert zh_hits(zh_library, query) == expected, query


def test_the_title_filter_and_title_only_search_fold_too(zh_library):
    assert {r.path.rpartition("-")[2] for r in zh_library.list_posts(PostFilter(title="經濟發"))} == {
        "jian.md",
        "tw.md",
        "hk.md",
    }


def test_titles_are_searched_in_either_form_while_the_text_is_not_indexed(tmp_path):
    library = _library_without_text(tmp_path)  # titles 新能源 汽车 销量, 电池 价格, ..., 经济 新闻
    try:
        for query in ("經濟", "经济 新聞", "電池 OR 汽車"):
            results = library.search(query)
            assert results and all(h.title_only for h in results), query
        assert {h.post.title for h in library.search("電池 OR 汽車")} == {"电池 价格", "新能源 汽车 销量"}
    finally:
        library.close()


def test_snippets_mark_the_words_as_written_whichever_form_was_typed(zh_library):
    for query in ("经济 緩衝區 后", "經濟 缓冲区 後"):
        found = {h.post.path.rpartition("-")[2][:-3]: h.snippet for h in zh_library.search(query, snippets=9)}
        assert {name: [s.text[a:b] for a, b in s.spans] for name, s in found.items()} == {
            "jian": ["缓冲区", "后"],
            "tw": ["緩衝區", "後"],
        }, query
    marked = zh_library.search("里", snippets=9)
    assert sorted(s for h in marked for a, b in h.snippet.spans for s in h.snippet.text[a:b]) == sorted("里裏裡")


def test_an_index_folded_by_an_older_tokenizer_is_refilled_and_its_titles_refolded(tmp_path):
    from reader.core import cjk

    store = Store(tmp_path / "index.db")
    store.write_metadata([(PostMeta(path="a.md", title="經濟 Notes", date=None, sort_key=None), 1, 1)])
    store.write_text([(i, "經濟 Notes", "緩衝區") for i, _ in store.pending_text()])
    db = store._db
    db.execute("UPDATE posts SET fold = 'old form'")
    db.execute("UPDATE info SET value = ? WHERE key = 'tokenizer'", (str(cjk.TOKENIZER_VERSION - 1),))
    db.commit()
    store.close()
    store = Store(tmp_path / "index.db")
    try:
        assert len(store.pending_text()) == 1  # the text is indexed again
        assert store._db.execute("SELECT title_fold FROM posts").fetchone()[0] == "经济 notes"
    finally:
        store.close()
