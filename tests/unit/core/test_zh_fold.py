"""The Simplified/Traditional fold: the shipped table is OpenCC's, lengths are kept, and real posts
converted with OpenCC are found from either form, highlighted as written."""

from __future__ import annotations

import random
import re
import shutil

import opencc
import pytest

from reader.core import zh_fold
from reader.core.library import Library
from tests.corpus import CORPUS

PAIRS = [
    "经济 經濟",
    "发布 發佈 發布",
    "缓冲区 緩衝區",
    "后 後",
    "里 裡 裏",
    "干 乾 幹",
    "着 著",
    "卫 衛 衞",
    "台 臺 颱 檯",
]


def test_the_shipped_table_is_what_the_installed_opencc_gives():
    # If this fails after an OpenCC upgrade: `python -m reader.core.zh_fold`, then bump
    # cjk.TOKENIZER_VERSION so that indexes folded with the old table are rebuilt.
    def classes(text):
        return [line for line in text.splitlines() if not line.startswith("#")]

    assert classes(zh_fold.TABLE_PATH.read_text(encoding="utf-8")) == classes(zh_fold.build_table())


@pytest.mark.parametrize("pair", PAIRS)
def test_hand_written_pairs_fold_to_one_form(pair):
    words = pair.split()
    assert len({zh_fold.fold(w) for w in words}) == 1, pair
    assert zh_fold.fold(words[0]) == words[0]  # the Simplified form is the folded one


def test_the_fold_keeps_lengths_and_is_stable():
    table = zh_fold.TABLE_PATH.read_text(encoding="utf-8")
    every = "\n".join(line for line in table.splitlines() if not line.startswith("#"))
    folded = zh_fold.fold(every)
    assert len(folded) == len(every)
    assert zh_fold.fold(folded) == folded
    for i in range(0, len(every), 97):  # a substring folds alone as it does in its text
        assert zh_fold.fold(every[i : i + 7]) == folded[i : i + 7]
    assert zh_fold.fold("Tesla 新能源，ＡＢＣ") == "Tesla 新能源，ＡＢＣ"  # only Han characters change
    assert zh_fold.fold("隨著經濟 𠗣") == "随着经济 㓆"  # beyond U+A000 too (extension B)
    for line in every.splitlines():
        assert {zh_fold.fold(ch) for ch in line} == {line[0]}, line  # a class folds to its first


def test_pattern_finds_every_form_where_it_is_written():
    text = "他說：發佈會後，经济與經濟都發布了"
    rx = re.compile(zh_fold.any_form("发布"))
    assert [text[m.start() : m.end()] for m in rx.finditer(text)] == ["發佈", "發布"]
    assert [m.group() for m in re.finditer(zh_fold.any_form("經济"), text)] == ["经济", "經濟"]
    assert zh_fold.any_form("c++") == re.escape("c++")


# --- real posts converted with OpenCC ------------------------------------------------------------

LENGTHS = (1, 2, 3, 7)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """finews copied into a temporary folder, with a Traditional (Taiwan) twin of every post."""
    root = tmp_path_factory.mktemp("zh-corpus")
    shutil.copytree(CORPUS / "finews", root / "finews")
    to_tw = opencc.OpenCC("s2tw")
    twins = {}
    for post in sorted((root / "finews" / "_posts").glob("*.md")):
        twin = post.with_name(post.stem + "-tw.md")
        twin.write_text(to_tw.convert(post.read_text(encoding="utf-8")), encoding="utf-8")
        twins[post.name] = twin.name
    library = Library(root / "finews", data_dir=root / "data")
    library.refresh()
    yield library, twins
    library.close()


def _names(results):
    return {h.post.path.rpartition("/")[2] for h in results}


def _queries(text, length, rng, count=6):
    """Runs of `length` Han characters from `text`, as written, picked at random."""
    runs = [r for r in re.findall(r"[\u4e00-\u9fff]+", text) if len(r) >= length]
    out = []
    for run in rng.sample(runs, min(count, len(runs))):
        start = rng.randrange(len(run) - length + 1)
        out.append(run[start : start + length])
    return out


@pytest.mark.corpus
@pytest.mark.parametrize("length", LENGTHS)
def test_a_post_and_its_traditional_twin_are_found_from_either_form(converted, length):
    library, twins = converted
    to_tw, rng, checked = opencc.OpenCC("s2tw"), random.Random(length), 0
    for name, twin in twins.items():
        post = library.get_post(library.post_id(f"_posts/{name}"))
        for query in _queries(post.text, length, rng):
            traditional = to_tw.convert(query)
            if zh_fold.fold(traditional) != zh_fold.fold(query):
                continue  # one character alone converted otherwise than in its phrase: 了 → 瞭 (瞭解)
            simplified_hits, traditional_hits = library.search(query, snippets=50), library.search(traditional)
            assert _names(simplified_hits) == _names(traditional_hits), (query, traditional)
            assert {name, twin} <= _names(simplified_hits), (query, traditional)
            # The snippets mark the words as each post writes them, whichever form was typed.
            marked = {
                h.post.path.rpartition("/")[2]: [h.snippet.text[a:b] for a, b in h.snippet.spans]
                for h in simplified_hits
            }
            twin_text = library.get_post(library.post_id(f"_posts/{twin}")).text
            assert query in marked[name] and marked[twin], query
            assert all(zh_fold.fold(m) == zh_fold.fold(query) and m in twin_text for m in marked[twin]), query
            checked += 1
    assert checked >= 8


@pytest.mark.corpus
def test_titles_and_tags_of_the_twins_are_found_from_either_form(converted):
    library, twins = converted
    to_tw = opencc.OpenCC("s2tw")
    rows = library.list_posts()
    titles = {r.path.rpartition("/")[2]: zh_fold.fold(r.title) for r in rows}
    for row in rows:
        for word in _queries(row.title, 2, random.Random(row.path), count=2):
            expected = {name for name, title in titles.items() if zh_fold.fold(word) in title}
            for query in (f"title:{word}", f"title:{to_tw.convert(word)}", f"title:{zh_fold.fold(word)}"):
                assert _names(library.search(query)) == expected, query
    for name, twin in twins.items():
        for tag in library.get_post(library.post_id(f"_posts/{name}")).meta.tags:
            for query in (f"tag:{tag}", f"tag:{to_tw.convert(tag)}"):
                assert {name, twin} <= _names(library.search(query)), query
