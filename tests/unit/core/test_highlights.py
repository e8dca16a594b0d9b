"""Highlight anchoring: a quote found again after edits, by its context and position, in any script; else detached."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from reader.core.cjk_chars import JOINING, joins_without_space
from reader.core.highlights import CONTEXT, Anchor, Highlight, locate, make_anchor

TEXT = (
    "The council met on Monday. The budget was approved after a long debate. "
    "Later, the budget was approved again by the board, with changes."
)


def _quote(text: str, anchor: Anchor) -> str | None:
    found = locate(text, anchor)
    return None if found is None else text[found[0] : found[1]]


def test_make_anchor_keeps_the_quote_its_context_and_its_start():
    start = TEXT.index("budget was approved after")
    anchor = make_anchor(TEXT, start - 1, start + len("budget was approved") + 1)  # spaces around are dropped
    assert anchor.exact == "budget was approved"
    assert anchor.position == start
    assert (
        anchor.prefix == TEXT[max(0, start - CONTEXT) : start]
        and anchor.suffix == TEXT[start + 19 : start + 19 + CONTEXT]
    )
    assert locate(TEXT, anchor) == (start, start + 19)


def test_an_edit_before_the_quote_moves_it_and_it_is_found_again():
    start = TEXT.index("a long debate")
    anchor = make_anchor(TEXT, start, start + len("a long debate"))
    edited = "BREAKING (updated 3 times): " + TEXT.replace("met on Monday", "met at last on a rainy Monday")
    found = locate(edited, anchor)
    assert found is not None and edited[found[0] : found[1]] == "a long debate"
    assert found[0] != anchor.position


def test_two_equal_quotes_are_told_apart_by_their_context():
    second = TEXT.rindex("budget was approved")
    anchor = make_anchor(TEXT, second, second + len("budget was approved"))
    # Text put in front shifts both; the context ("Later, the" / " again") still picks the second one.
    edited = "Intro paragraph that was added later. " * 3 + TEXT
    start, _ = locate(edited, anchor)
    assert start == edited.rindex("budget was approved")
    first = TEXT.index("budget was approved")
    anchor_first = make_anchor(TEXT, first, first + len("budget was approved"))
    assert locate(edited, anchor_first)[0] == edited.index("budget was approved")


def test_without_context_the_position_decides():
    text = "abc x abc x abc"
    anchor = Anchor("abc", "", "", 12)
    assert locate(text, anchor) == (12, 15)
    assert locate(text, Anchor("abc", "", "", 5)) == (6, 9)


def test_a_quote_no_longer_in_the_text_is_detached():
    start = TEXT.index("long debate")
    anchor = make_anchor(TEXT, start, start + len("long debate"))
    assert locate(TEXT.replace("long debate", "short discussion"), anchor) is None


def test_chinese_text_found_in_traditional_and_with_its_lines_rewrapped():
    text = "中国经济在第三季度增长了百分之五。\n\n市场对此反应积极，投资者信心回升。政府表示将继续推动改革。"
    start = text.index("投资者信心回升")
    anchor = make_anchor(text, start, start + len("投资者信心回升"))
    assert anchor.prefix.endswith("市场对此反应积极，")
    assert _quote(text, anchor) == "投资者信心回升"
    # Shown as Traditional (View ▸ Read As) and with a sentence added before it.
    shown = "新增一段導語。" + text.replace("经济", "經濟").replace("投资者信心回升", "投資者信心回升")
    assert _quote(shown, anchor) == "投資者信心回升"
    # A quote across a line break matches the same words wrapped differently.
    across = text.index("百分之五")
    anchor = make_anchor(text, across, text.index("反应"))
    rewrapped = text.replace("\n\n", " ")
    assert _quote(rewrapped, anchor) == "百分之五。 市场对此"


def test_nothing_selected_is_refused():
    for start, end in ((3, 3), (0, 0)):
        try:
            make_anchor("  a  ", start, end)
        except ValueError:
            continue
        raise AssertionError("an empty selection made an anchor")
    try:
        make_anchor("a    b", 1, 5)
    except ValueError as error:
        assert "nothing" in str(error)
    else:
        raise AssertionError("white space made an anchor")


def _highlight(exact: str, note: str = "", title: str = "T", detached: bool = False) -> Highlight:
    return Highlight("id", "p.md", Anchor(exact, "", "", 0), note, 1.0, 1.0, title, detached)


def test_matches_looks_at_quote_note_and_title_in_either_script():
    h = _highlight("中国经济增长", note="Check the GDP figure", title="季度报告")
    assert h.matches("經濟") and h.matches("gdp") and h.matches("报告 figure")
    assert not h.matches("经济 missing")


def test_the_normalised_text_maps_back_to_the_original_character_by_character():
    import random

    from reader.core.highlights import _fold, _Normalised

    rng = random.Random(7)
    alphabet = list("ab經济 \n\t\u3000xY。한")
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        norm = _Normalised(text)
        assert norm.text.replace(" ", "") == _fold("".join(text.split()))  # every other character kept, in order
        assert "  " not in norm.text
        assert norm.text == _fold(_joined(text))  # no white space between two characters that join without it
        for i, char in enumerate(norm.text):
            if char != " ":
                assert _fold(text[norm.original(i)]) == char
                assert norm.normalised(norm.original(i)) == i  # and back


def test_a_quote_that_repeats_thousands_of_times_is_still_told_apart():
    text = "这是一段很长的中文文字。Some English words here.\n\n" * 5000
    start = text.index("Some English", 150_000)
    anchor = make_anchor(text, start, start + 12)
    assert locate(text, anchor) == (start, start + 12)  # the context is the same each time: the position decides


# A Markdown post's wrapped line of Chinese showed a space until 8e23cdf (第一行 第二行), nothing since (Jekyll, Hugo,
# Zola, a folder), a line break in a vault or a Hexo post (2135955, 4cc83f6): a quote made on one reads on the others.
OLD = "这是一个标注块。 它支持 Markdown 语法。\n\n另一个标注块。 它支持嵌入。"
JOINED = "这是一个标注块。它支持 Markdown 语法。\n\n另一个标注块。它支持嵌入。"
BROKEN = "这是一个标注块。\n它支持 Markdown 语法。\n\n另一个标注块。\n它支持嵌入。"


def _made(text: str, quote: str, nth: int = 0) -> Anchor:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return make_anchor(text, start, start + len(quote))


@pytest.mark.parametrize("made_on", [OLD, JOINED, BROKEN], ids=["made-spaced", "made-joined", "made-broken"])
@pytest.mark.parametrize("shown", [OLD, JOINED, BROKEN], ids=["shown-spaced", "shown-joined", "shown-broken"])
def test_a_quote_across_a_joined_line_of_chinese_is_found_however_the_line_is_shown(made_on, shown):
    quote = made_on[made_on.index("标注块") : made_on.index("Markdown") - 1]  # 标注块。 它支持 / 标注块。它支持 / ...\n
    found = locate(shown, _made(made_on, quote))
    start = shown.index("标注块")
    assert found == (start, shown.index(" Markdown"))  # the place as the text shows it, its own white space inside


TWICE = "甲说：标注块。{0}它支持嵌入。乙说：标注块。{0}它支持嵌入。"  # 它支持 twice, the same after it


@pytest.mark.parametrize(
    "made_on, shown", [(" ", ""), ("", " "), (" ", "\n"), ("\n", "")], ids=["old", "other-way", "to-break", "break"]
)
def test_two_equal_quotes_whose_context_spans_a_joined_line_are_told_apart(made_on, shown):
    # Only the context before 它支持 tells which one, across the line joined (甲说：标注块。 / 乙说：标注块。); the
    # position points to the other one.
    made_on, shown = TWICE.format(made_on), TWICE.format(shown)
    second = _made(made_on, "它支持", nth=1)
    assert locate(shown, replace(second, position=made_on.index("它支持"))) == (
        shown.rindex("它支持"),
        shown.rindex("它支持") + 3,
    )
    first = _made(made_on, "它支持")
    assert locate(shown, replace(first, position=made_on.rindex("它支持")))[0] == shown.index("它支持")


@pytest.mark.parametrize(
    "text, quote",
    [
        ("Hello world, again.", "Helloworld"),  # Latin words keep needing their space
        ("Helloworld, again.", "Hello world"),
        ("用 Python写", "用Python 写"),  # between Chinese and Latin too: CommonMark keeps that line end a space
        ("한국어 문장입니다.", "한국어문장"),  # and Korean, which spaces its words
        ("한국어문장입니다.", "한국어\n문장"),
    ],
)
def test_white_space_counts_as_nothing_only_between_two_chinese_or_japanese_characters(text, quote):
    assert locate(text, Anchor(quote, "", "", 0)) is None


def test_japanese_and_full_width_punctuation_join_as_chinese_does():
    text = "日本語のテキスト（全角）です。"
    assert _quote(text, Anchor("日本語の\nテキスト （全角）", "", "", 0)) == "日本語のテキスト（全角）"


def test_a_quote_across_joined_lines_maps_back_to_its_place_in_random_texts():
    """A quote made on a text whose white space between Chinese characters is then taken out, added or changed
    (as the renderings since 8e23cdf differ) is found at its place: the same characters, bar that white space."""
    import random

    rng = random.Random(26)
    words = ["中文", "标注", "。", "，", "ア", "ab", "Cd", "한", "1"]
    spaces = ["", "", " ", "\n", "  ", "\u3000"]
    for _ in range(400):
        text = "".join(rng.choice(words) + rng.choice(spaces) for _ in range(rng.randint(2, 30)))
        start, end = sorted(rng.sample(range(len(text) + 1), 2))
        try:
            anchor = make_anchor(text, start, end)
        except ValueError:
            continue
        shown = _rewrap(text, rng)
        found = locate(shown, anchor)
        assert found is not None, (text, shown, anchor)
        assert _joined(shown[found[0] : found[1]]) == _joined(anchor.exact)
        assert not shown[found[0]].isspace() and not shown[found[1] - 1].isspace()
        # at its place: as many characters (white space aside) before it as where it was made
        before = len("".join(text[: anchor.position].split()))
        assert len("".join(shown[: found[0]].split())) == before, (text, shown, anchor)


def _rewrap(text: str, rng) -> str:
    """`text` with each run of white space between two characters that join without it changed at random, and
    sometimes a line end where two of them meet."""
    pieces = re.split(r"(\s+)", text)
    for k in range(1, len(pieces) - 1, 2):
        if joins_without_space(pieces[k - 1][-1:], pieces[k + 1][:1]):
            pieces[k] = rng.choice(["", " ", "\n", "\n\n"])
    out = "".join(pieces)
    return "".join(
        ch + ("\n" if rng.random() < 0.2 and joins_without_space(ch, out[i + 1 : i + 2]) else "")
        for i, ch in enumerate(out)
    )


def _joined(text: str) -> str:
    """`text` with white space between two joining characters (not white space: U+3000 is both) taken out, other
    runs as one space."""
    return re.sub(r"\s+", " ", re.sub(rf"(?<={JOINING})(?<!\s)\s+(?=(?!\s){JOINING})", "", text))


def test_a_quote_there_as_written_elsewhere_is_found_where_its_context_is():
    # Highlighted on one line (乙's), shown across a line break now; written as it is only in 甲's sentence.
    made_on, shown = "甲：它支持嵌入。乙：它支持链接。", "甲：它支持嵌入。乙：它\n支持链接。"
    assert _quote(shown, _made(made_on, "它支持", nth=1)) == "它\n支持"


def test_ideographic_spaces_between_chinese_characters_count_as_nothing_too():
    text = "第一段。\n\u3000\u3000第二段，\u3000ア"
    assert _quote(text, Anchor("第一段。 第二段，", "", "", 0)) == "第一段。\n\u3000\u3000第二段，"
    assert _quote(text, Anchor("第二段，ア", "", "", 0)) == "第二段，\u3000ア"


def test_a_capital_dotted_i_in_the_article_leaves_the_rest_folded():
    # İ lowers to two characters: it stays as it is, and the text around it is still lowered (it was not at all,
    # so that a quote with a capital letter, folded, was found nowhere in a text that had an İ anywhere).
    text = "İstanbul 的 Python\n大会。"
    assert _quote(text, Anchor("python 大会", "", "", 0)) == "Python\n大会"
    assert _quote(text, Anchor("İstanbul  的", "", "", 0)) == "İstanbul 的"
    assert [c for c in map(chr, range(0x110000)) if len(c.lower()) != 1] == ["\u0130"]  # the only one
