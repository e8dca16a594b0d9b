"""Tests for reader.core.obsidian: wikilinks, embeds, callouts, %%comments%%, ==highlights== and block ids
rewritten in a note's Markdown, and the callout classes put on the rendered HTML."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from reader.core import obsidian
from reader.core.render import RenderContext, render_body
from reader.core.sanitize import sanitize_html
from reader.core.types import Site
from tests.corpus import CORPUS
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
    assert expand(embed) == f'<span class="reader-embed">{html}</span>'


def _render(body: str, kind: str = "folder") -> str:
    """A note rendered in a folder of notes (a vault breaks every line anyway: test_render), or a vault."""
    return render_body(body, "markdown", RenderContext(Site(kind, Path("/v"), Path("/v")), "note.md"))


IMG = '<span class="reader-embed"><img src="wikilink:{0}" alt="{0}"></span>'
NOTE = '<span class="reader-embed"><a class="reader-label" href="wikilink:{0}">Embedded: {0}</a></span>'


@pytest.mark.parametrize(
    "body, html",
    [
        # kepano-vault's Categories/Places.md: two notes, one a line, were one line
        ("![[Map.base]]\n![[Places.base]]", f"<p>{NOTE.format('Map.base')}<br />\n{NOTE.format('Places.base')}</p>\n"),
        # images, which began a raw HTML block that ran on over the lines after it (**text** as written)
        (
            "![[a.png]]\n![[b.png]]\nSome **text**",
            f"<p>{IMG.format('a.png')}<br />\n{IMG.format('b.png')}<br />\nSome <strong>text</strong></p>\n",
        ),
        ("text before\n![[a.png]]", f"<p>text before<br />\n{IMG.format('a.png')}</p>\n"),
        (
            "> ![[a.png]]\n> ![[N]]",
            f"<blockquote>\n<p>{IMG.format('a.png')}<br />\n{NOTE.format('N')}</p>\n</blockquote>\n",
        ),
        ("- ![[a.png]]\n  ![[N]]", f"<ul>\n<li>{IMG.format('a.png')}<br />\n{NOTE.format('N')}</li>\n</ul>\n"),
        # two on one line stay side by side; an embed within text stays in the text
        (
            "![[a.png]] ![[b.png]]\nend",
            f"<p>{IMG.format('a.png')} {IMG.format('b.png')}<br />\nend</p>\n",
        ),
        ("see ![[a.png]] here\nnext\nlast", f"<p>see {IMG.format('a.png')} here\nnext\nlast</p>\n"),
        ("![[a.png]]\n\n![[b.png]]", f"<p>{IMG.format('a.png')}</p>\n<p>{IMG.format('b.png')}</p>\n"),
    ],
)
def test_an_embed_alone_on_its_line_is_shown_on_a_line_of_its_own(body, html):
    assert _render(body) == html


def test_lines_without_embeds_keep_their_soft_breaks():
    assert _render('one\ntwo [[N]]\n<span class="x">three</span>') == (
        '<p>one\ntwo <a href="wikilink:N">N</a>\n<span class="x">three</span></p>\n'
    )


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


@pytest.mark.parametrize(
    "text, shown",
    [
        ("> 引用的一行\n^quote-1\n\n下一段", "> 引用的一行\n\n下一段"),  # a quote's or callout's id, on the next line
        ("- 项一\n- 项二\n\n^my-list-id\n", "- 项一\n- 项二\n\n"),
        ("> 引用\n> 正文\n> ^callout-id\n后文", "> 引用\n> 正文\n后文"),
        ("![[pic.png]]\n^daily-notes-date", "![[pic.png]]\n"),
        ("![[pic.png]]^version-history-image\n", "![[pic.png]]\n"),  # right after an embed
        ("2^10 and x^2\n^ not an id\n\\^escaped", "2^10 and x^2\n^ not an id\n\\^escaped"),
    ],
)
def test_a_block_id_on_a_line_of_its_own_is_hidden(text, shown):
    # obsidian-help has 20 such lines ("^blockquote-system-limitation" under a callout): Obsidian hides them.
    embed = expand("![[pic.png]]")
    assert expand(text) == shown.replace("![[pic.png]]", embed)
    assert expand(text, vault=False) == text.replace("![[pic.png]]", embed)


@pytest.mark.corpus
def test_obsidian_helps_block_ids_are_not_shown():
    folder = CORPUS / "obsidian-help"
    site, shown = Site("obsidian", folder, folder), []
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        html = render_body(text, "markdown", RenderContext(site, path.relative_to(folder).as_posix()))
        plain = re.sub(r"<(pre|code)\b.*?</\1>", "", html, flags=re.S)
        shown += [f"{path.name}: {m}" for m in re.findall(r"(?<![\w#\[])\^[A-Za-z0-9-]{3,}\b", plain)]
    assert shown == []


@pytest.mark.parametrize("unit", ["[[a", "![[a", "%% a ", "==a ", "> [!", "[[a|"])
def test_floods_of_unclosed_syntax_take_linear_time(unit):
    body = unit * (200_000 // len(unit))
    began = time.process_time()
    out = expand(body)
    assert time.process_time() - began < 3
    assert "<mark>" not in out and "<a " not in out


# Two embeds with only a soft line break between them: shown side by side, as one line.
_SIDE_BY_SIDE = re.compile(
    r'(?:</span>|<img src="wikilink:[^>]*>|Embedded: [^<]*</a>)\n'
    r'<(?:span class="reader-embed"|img src="wikilink:|a class="reader-label")'
)


@pytest.mark.corpus
def test_the_vaults_show_each_embed_line_on_its_own():
    # 7 pairs of embed lines in 5 notes (Teams/Syncing for teams.md, its Chinese twin, kepano's
    # Places, Parks, Kyoto) ran together; no two embeds are left side by side on one line.
    breaks = 0
    for vault in ("obsidian-help", "kepano-vault"):
        folder = CORPUS / vault
        site = Site("obsidian", folder, folder, url="")
        for path in sorted(folder.rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            body = text.split("---", 2)[2] if text.startswith("---") else text
            html = render_body(body, "markdown", RenderContext(site, path.relative_to(folder).as_posix()))
            assert not _SIDE_BY_SIDE.search(html), path
            breaks += html.count('<br />\n<span class="reader-embed">')
    assert breaks >= 7
    places = (CORPUS / "kepano-vault" / "Categories" / "Places.md").read_text(encoding="utf-8").split("---", 2)[2]
    html = sanitize_html(_render(places, "obsidian"))
    assert "Map.base</a></span><br>\n<span><a" in html and "Places.base</a></span></p>" in html
