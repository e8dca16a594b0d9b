"""Highlight anchoring: a quote found again after edits, by its context and position, in any script; else detached."""

from __future__ import annotations

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
    alphabet = list("ab經济 \n\t\u3000xY")
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        norm = _Normalised(text)
        assert norm.text.replace(" ", "") == _fold("".join(text.split()))  # every other character kept, in order
        assert "  " not in norm.text
        for i, char in enumerate(norm.text):
            if char != " ":
                assert _fold(text[norm.original(i)]) == char


def test_a_quote_that_repeats_thousands_of_times_is_still_told_apart():
    text = "这是一段很长的中文文字。Some English words here.\n\n" * 5000
    start = text.index("Some English", 150_000)
    anchor = make_anchor(text, start, start + 12)
    assert locate(text, anchor) == (start, start + 12)  # the context is the same each time: the position decides
