"""CJK tokenisation for the full-text index: bigrams, trailing unigrams, query tokens."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import cjk
from reader.core.fulltext import ANALYZER, INDEX_ANALYZER


def index_text(text):
    """The tokens the index's title and body get for `text`."""
    return INDEX_ANALYZER.analyze(cjk.index_forms(text)[0])


def test_index_text_turns_a_run_into_bigrams_and_a_last_unigram():
    assert index_text("新能源汽车") == ["新能", "能源", "源汽", "汽车", "车"]


def test_index_text_keeps_other_text_and_splits_runs_at_punctuation():
    tokens = index_text("ET7新能源，比亚迪 Hello")
    assert tokens == ["et7", "新能", "能源", "源", "比亚", "亚迪", "迪", "hello"]


def test_single_character_run_is_itself():
    assert index_text("第1篇") == ["第", "1", "篇"]


def test_kana_and_hangul_are_runs_too():
    assert index_text("ひらがな") == ["ひら", "らが", "がな", "な"]
    assert index_text("한국어") == ["한국", "국어", "어"]


def test_index_text_folds_traditional_characters_also_beyond_the_basic_plane():
    assert index_text("經濟") == ["经济", "济"]
    assert index_text("經濟𠀀") == ["经济", "济𠀀", "𠀀"]


def test_nfkc_folds_full_width_latin_and_digits():
    assert index_text("ＡＢＣ１２３") == ["abc123"]
    assert cjk.segments("ＥＴ７") == [cjk.Segment("ET7", False)]


def test_cjk_punctuation_is_not_part_of_a_run():
    for ch in "，。、「」《》！？：；":
        assert not cjk.is_cjk(ch)
    for ch in "中日한ひカ々〇ー":
        assert cjk.is_cjk(ch)


def test_segments_split_mixed_words():
    assert cjk.segments("ET7新能源") == [cjk.Segment("ET7", False), cjk.Segment("新能源", True)]
    assert cjk.segments("c++, 中") == [cjk.Segment("c", False), cjk.Segment("中", True)]
    assert cjk.segments("——") == []


def test_query_tokens_for_each_run_length():
    def tokens(text, prefix=False):
        return cjk.query_tokens(cjk.segments(text), prefix)

    assert tokens("新") == (["新"], True)
    assert tokens("新能") == (["新能"], False)
    assert tokens("新能源") == (["新能", "能源"], False)
    assert tokens("ET7新能源") == (["ET7", "新能", "能源"], False)
    # a run followed by more of the term ends right there in a matching document
    assert tokens("新能源ET7") == (["新能", "能源", "源", "ET7"], False)
    assert tokens("源ET7") == (["源", "ET7"], False)
    assert tokens("ET7新") == (["ET7", "新"], True)
    assert tokens("a新b") == (["a", "新", "b"], False)
    assert tokens("hell", prefix=True) == (["hell"], True)


def test_index_forms_gives_the_cjk_characters_too():
    assert cjk.index_forms("能源新能源, Abc 經") == (" 能源 源新 新能 能源 源   abc  经 ", "能源新能源经")
    assert cjk.index_forms("") == ("", "")


def test_single_char_is_one_cjk_character_alone():
    assert cjk.single_char(cjk.segments("新"))
    assert not cjk.single_char(cjk.segments("新能"))
    assert not cjk.single_char(cjk.segments("a新"))


def _index_forms_run_by_run(text):
    """index_forms' forms built one run at a time, bigram by bigram."""
    parts = re.split(f"([{cjk._CJK_CLASS}]+)", cjk.normalise(text))
    runs = parts[1::2]
    parts[1::2] = [" ".join([*(a + b for a, b in pairwise(run)), run[-1]]) for run in runs]
    return " ".join(parts), "".join(runs)


# With what Tantivy's analyzer changes or splits at: capitals, accents, İ, ß, small capitals it folds to
# capitals, ŉ, punctuation, a vertical tab, an emoji, a code point not assigned yet inside a run.
_MIXED = st.sampled_from(
    list(
        "新能源經濟發佈裡乾，。 abcÉ1２ひらカナ한국어々〇ーİßʀŉÆ⑴-_'.\x0b\ufa6e"
        "：（）Ａ“”…㎏\u3000\u0301\u0323か\u3099ｶﾞ\u1100\u1161ﬁ"
    )
    + ["𠀀", "𫗧", "\uf900", "①", "😀", "𝐀"]
)


def _tokens_as_before(text):
    """What Tantivy indexed for `text` when its writer ran ANALYZER over the run-by-run form."""
    return ANALYZER.analyze(_index_forms_run_by_run(text)[0])


@settings(max_examples=400, deadline=None)
@given(st.lists(_MIXED, max_size=30).map("".join))
def test_index_forms_give_the_tokens_of_the_run_by_run_forms(text):
    form, chars = cjk.index_forms(text)
    assert INDEX_ANALYZER.analyze(form) == _tokens_as_before(text)
    assert chars == _index_forms_run_by_run(text)[1]


def test_every_character_of_the_basic_plane_is_indexed_as_tantivys_analyzer_did():
    codes = [c for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    for at in range(0, len(codes), 2048):
        text = "".join(f"Xa{c}新{c}é{c}{c}能{c} e\u0301{c}\u0323{c}\u3099 " for c in map(chr, codes[at : at + 2048]))
        assert index_text(text) == _tokens_as_before(text)


# Text that mixes what posts hold with what NFKC changes: full-width forms, compatibility
# ideographs, combining marks after letters, kana with voicing marks, Hangul jamo, ligatures.
_PIECES = st.sampled_from(
    list(
        "新能源，。：（）ＡＢ１ｅ\u3000 \n\tabcé\u0301\u0308\u0323か\u3099ｶﾞ\u1100\u1161\u11a8한ﬁ①²\uf900\u2126Å\u212bﾟ・"
    )
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_nfkc_by_stretches_is_unicode_nfkc(text):
    assert cjk.nfkc(text) == unicodedata.normalize("NFKC", text)
