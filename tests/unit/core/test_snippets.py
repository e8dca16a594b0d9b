"""Snippets: plain text around the first hit, with the spans of the hits."""

from __future__ import annotations

from reader.core.query import parse
from reader.core.snippets import highlighter, snippet
from reader.core.types import Snippet


def test_snippets_are_plain_text_with_the_spans_of_the_hits():
    pattern = highlighter([parse("新能源 tesla")[0][0].item, parse("tesla")[0][0].item])
    text = "<script>" + "前" * 200 + "新能源 and Tesla & AT&T co" + "后" * 200
    out = snippet(text, pattern)
    assert [out.text[a:b] for a, b in out.spans] == ["新能源", "Tesla"]
    assert out.text.startswith("…") and out.text.endswith("…")
    assert "AT&T" in out.text and "&amp;" not in out.text  # text, not HTML: nothing is escaped
    assert 100 <= len(out.text) <= 140
    assert snippet("短文本 <i>", None) == Snippet("短文本 <i>", ())


def test_snippet_spans_stay_right_when_whitespace_is_collapsed():
    pattern = highlighter([parse("panda")[0][0].item])
    out = snippet("a\n\n  b   panda\t\tc  PANDA end", pattern)
    assert out.text == "a b panda c PANDA end"
    assert [out.text[a:b] for a, b in out.spans] == ["panda", "PANDA"]


def test_a_snippet_maker_answers_as_post_snippets_does(tmp_path):
    """jianbao-cli's helper process makes its snippets with snippet_maker: the library's site read
    ahead, the readers warmed up; a root it was not given, or one that is not there, is read when asked."""
    from reader.core.site import detect_site
    from reader.core.snippets import post_snippets, snippet_maker

    posts = tmp_path / "blog" / "_posts"
    posts.mkdir(parents=True)
    (posts / "2022-01-21-a.md").write_text("---\ntitle: 甲\n---\n前文。新能源汽车的**销量**上升。\n", encoding="utf-8")
    other = tmp_path / "notes"
    other.mkdir()
    (other / "b.md").write_text("没有新能源。\n", encoding="utf-8")
    make = snippet_maker([str(tmp_path / "blog"), str(tmp_path / "gone")])
    root = str((tmp_path / "blog").resolve())
    made = make(root, "新能源", [(7, "_posts/2022-01-21-a.md")])
    assert made == post_snippets(detect_site(tmp_path / "blog"), "新能源", [(7, "_posts/2022-01-21-a.md")])
    assert [made[7].text[a:b] for a, b in made[7].spans] == ["新能源"]
    assert make(str(other.resolve()), "新能源", [(1, "b.md")])[1].text == "没有新能源。"
