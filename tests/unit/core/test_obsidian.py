"""Tests for reader.core.obsidian: wikilinks, embeds, callouts, %%comments%%, ==highlights== and block ids
rewritten in a note's Markdown, and the callout classes put on the rendered HTML."""

from __future__ import annotations

import time

import pytest

from reader.core import obsidian
from tests.unit.core.test_liquid import Stash


def expand(text: str, vault: bool = True) -> str:
    stash = Stash()
    return stash.restore(obsidian.expand(text, stash.protect, vault=vault))


def test_text_without_obsidian_syntax_is_unchanged():
    text = "a = b, [link](x.md), > quote, 100% sure, ^not-at-end x"
    assert expand(text) == text


@pytest.mark.parametrize(
    "link, html",
    [
        ("[[Note]]", '<a href="wikilink:Note">Note</a>'),
        ("[[Note|别名]]", '<a href="wikilink:Note">别名</a>'),
        ("[[Note#Heading two]]", '<a href="wikilink:Note#Heading%20two">Note</a>'),
        ("[[笔记 一]]", '<a href="wikilink:%E7%AC%94%E8%AE%B0%20%E4%B8%80">笔记 一</a>'),
        ("[[#Local]]", '<a href="wikilink:#Local">Local</a>'),
        ("[[Note#^block-1]]", '<a href="wikilink:Note#^block-1">Note</a>'),
        ("[[folder/sub note]]", '<a href="wikilink:folder/sub%20note">folder/sub note</a>'),
        ("[[Note\\|alias]]", '<a href="wikilink:Note">alias</a>'),  # inside a table the pipe is escaped
    ],
)
def test_wikilinks_become_internal_links(link, html):
    assert expand(link) == html


def test_wikilink_text_is_escaped():
    assert expand("[[a<b>|<i>x</i>]]") == '<a href="wikilink:a%3Cb%3E">&lt;i&gt;x&lt;/i&gt;</a>'


def test_empty_wikilinks_stay_as_written():
    assert expand("[[|alias]] [[ ]]") == "[[|alias]] [[ ]]"


@pytest.mark.parametrize(
    "embed, html",
    [
        ("![[image.png]]", '<img src="wikilink:image.png" alt="image.png">'),
        ("![[photo.JPG|300]]", '<img src="wikilink:photo.JPG" alt="photo.JPG" width="300">'),
        ("![[pic.png|300x200]]", '<img src="wikilink:pic.png" alt="pic.png" width="300" height="200">'),
        ("![[pic.png|一张图]]", '<img src="wikilink:pic.png" alt="一张图">'),
        ("![[Other note]]", '<a class="reader-label" href="wikilink:Other%20note">Embedded: Other note</a>'),
        ("![[Other#Part]]", '<a class="reader-label" href="wikilink:Other#Part">Embedded: Other &gt; Part</a>'),
        ("![[doc.pdf]]", '<a class="reader-label" href="wikilink:doc.pdf">Embedded: doc.pdf</a>'),
    ],
)
def test_embeds_become_images_or_links(embed, html):
    assert expand(embed) == html


def test_callouts_get_a_title_line_of_their_own():
    assert expand("> [!warning]-\n> Be careful") == (
        '> <strong class="callout-title" data-callout="warning"><span class="reader-label">Warning</span></strong>'
        "\n>\n> Be careful"
    )
    assert expand("> [!my-tip] 自定义标题\n> body") == (
        '> <strong class="callout-title" data-callout="my-tip">自定义标题</strong>\n>\n> body'
    )


def test_nested_callouts_keep_their_quote_depth():
    assert expand("> > [!note]\n> > inner").startswith(
        '> > <strong class="callout-title" data-callout="note"><span class="reader-label">Note</span></strong>\n> >\n'
    )


def test_finish_callouts_classes_the_rendered_blockquote():
    rendered = (
        '<blockquote>\n<p><strong class="callout-title" data-callout="note">Note</strong></p>\n<p>x</p></blockquote>'
    )
    assert obsidian.finish_callouts(rendered) == (
        '<blockquote class="callout callout-note">\n<p><strong class="callout-title">Note</strong></p>\n'
        "<p>x</p></blockquote>"
    )
    assert obsidian.finish_callouts("<blockquote><p>plain</p></blockquote>") == "<blockquote><p>plain</p></blockquote>"


def test_comments_vanish_inline_and_over_lines():
    assert expand("keep %%hidden%% this\n%%\nblock\ncomment\n%%\nend") == "keep  this\n\nend"


def test_highlights_become_marks_but_comparisons_stay():
    assert expand("==marked== and ==两个 词==") == "<mark>marked</mark> and <mark>两个 词</mark>"
    for text in ("a == b", "x === y", "== spaced ==", "\\==escaped=="):
        assert expand(text) == text


def test_block_ids_are_hidden_in_a_vault_only():
    assert expand("A paragraph ^para-1\nnext", vault=True) == "A paragraph\nnext"
    assert expand("A paragraph ^para-1\nnext", vault=False) == "A paragraph ^para-1\nnext"


@pytest.mark.parametrize("unit", ["[[a", "![[a", "%% a ", "==a ", "> [!", "[[a|"])
def test_floods_of_unclosed_syntax_take_linear_time(unit):
    body = unit * (200_000 // len(unit))
    began = time.process_time()
    out = expand(body)
    assert time.process_time() - began < 3
    assert "<mark>" not in out and "<a " not in out
