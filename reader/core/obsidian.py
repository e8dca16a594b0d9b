"""Obsidian's Markdown extensions: wikilinks, embeds, callouts, %%comments%% and ==highlights==."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from .links import IMAGE_EXTENSIONS, LABEL_CLASS, WIKILINK
from .liquid import Protect

if TYPE_CHECKING:
    from markdown_it.rules_core import StateCore

_COMMENT = re.compile(r"%%.*?%%", re.S)
_EMBED = re.compile(r"!\[\[([^\[\]\n]+?)\]\]")
_WIKILINK = re.compile(r"\[\[([^\[\]\n]+?)\]\]")
_HIGHLIGHT = re.compile(r"(?<![=\\])==([^\s=](?:[^\n=]|=(?!=))*?)(?<!\s)==(?!=)")
_CALLOUT = re.compile(r"^((?:[ \t]*>)+)[ \t]*\[!([\w-]+)\][+-]?[ \t]*(.*)$", re.M)
# A block id ("^id") at a line's end (after a space, or right after an embed, stashed by then), or on a line
# of its own after a quote, list, callout or embed (a quoted line "> ^id" too): the whole line then goes, so
# that the lines around it stay as they were.
_BLOCK_ID = re.compile(
    r"(?:[ \t]|(?<=\x00))\^[A-Za-z0-9-]+[ \t]*$|^(?:[ \t]*>)*[ \t]*\^[A-Za-z0-9-]+[ \t]*(?:\n|$)", re.M
)
_SIZE = re.compile(r"^(\d+)(?:x(\d+))?$")
# Around each embed: an image at the start of a line is then a paragraph's text, not a raw HTML block
# (which would run on over the lines after it), and embed_lines finds the embeds (the sanitiser drops the class).
_EMBED_OPEN, _EMBED_CLOSE = '<span class="reader-embed">', "</span>"
# Marks the callout's title so the rendered <blockquote> around it can get the callout's class.
CALLOUT_HTML = re.compile(r'<blockquote>(\s*)<p><strong class="callout-title" data-callout="([\w-]+)">')


def _split(inner: str) -> tuple[str, str, str]:
    """`Note#Heading|alias` -> (note, heading, alias); inside tables the pipe is written `\\|`."""
    target, _, alias = inner.replace("\\|", "|").partition("|")
    note, _, heading = target.partition("#")
    return note.strip(), heading.strip(), alias.strip()


def _href(note: str, heading: str) -> str:
    href = WIKILINK + quote(note, safe="/")
    if heading:
        href += "#" + quote(heading, safe="^")
    return html.escape(href, quote=True)


def _wikilink(m: re.Match, protect: Protect) -> str:
    note, heading, alias = _split(m.group(1))
    if not note and not heading:
        return m.group(0)
    text = alias or note or heading.lstrip("^")
    return protect(f'<a href="{_href(note, heading)}">{html.escape(text)}</a>')


def _embed(m: re.Match, protect: Protect) -> str:
    note, heading, alias = _split(m.group(1))
    if not note:
        return m.group(0)
    if note.lower().endswith(IMAGE_EXTENSIONS):
        img = f'<img src="{_href(note, "")}"'
        size = _SIZE.match(alias)
        img += f' alt="{html.escape(alias if alias and not size else note, quote=True)}"'
        if size:
            img += f' width="{size.group(1)}"'
            if size.group(2):
                img += f' height="{size.group(2)}"'
        return protect(_EMBED_OPEN + img + ">" + _EMBED_CLOSE)
    # No transclusion: the reader shows one file at a time, so an embedded note becomes a link to it.
    shown = note + (f" > {heading}" if heading and not heading.startswith("^") else "")
    label = html.escape(alias or shown)
    link = f'<a class="{LABEL_CLASS}" href="{_href(note, heading)}">Embedded: {label}</a>'
    return protect(_EMBED_OPEN + link + _EMBED_CLOSE)


def embed_lines(state: StateCore) -> None:
    """markdown-it core rule: an embed alone on its line is shown on a line of its own, as Obsidian shows
    it (a note as a block, an image on its line); the soft line breaks on either side of it, which
    CommonMark shows as spaces, become hard ones. Two embeds on two lines were shown side by side. (In a vault
    every soft break is a line break already, render._parsers' `breaks`: this is for embeds in other folders.)"""
    for block in state.tokens:
        if block.type != "inline" or not block.children or _EMBED_OPEN not in block.content:
            continue
        children = block.children
        start, embeds, others, inside = 0, 0, False, False
        for at, token in enumerate([*children, None]):
            if token is None or (not inside and token.type in ("softbreak", "hardbreak")):
                if embeds and not others:
                    for around in (start - 1, at):
                        if 0 <= around < len(children) and children[around].type == "softbreak":
                            children[around].type, children[around].tag = "hardbreak", "br"
                start, embeds, others = at + 1, 0, False
            elif token.type == "html_inline" and token.content == _EMBED_OPEN:
                embeds, inside = embeds + 1, True
            elif inside:
                inside = not (token.type == "html_inline" and token.content == _EMBED_CLOSE)
            elif token.type != "text" or token.content.strip():
                others = True


def _callout(m: re.Match) -> str:
    quote_prefix, kind, title = m.group(1), m.group(2).lower(), m.group(3).strip()
    # No title: Obsidian shows the kind's name, which is our word, not the author's (the interface translates it).
    title = title or f'<span class="{LABEL_CLASS}">{kind.replace("-", " ").capitalize()}</span>'
    # The blank quoted line after the title makes the title a paragraph of its own.
    return f'{quote_prefix} <strong class="callout-title" data-callout="{kind}">{title}</strong>\n{quote_prefix}'


def expand(text: str, protect: Protect, vault: bool) -> str:
    """Rewrite Obsidian syntax in Markdown that is not code. `vault`: the library is an Obsidian vault."""
    if "%%" in text:
        text = _COMMENT.sub("", text)
    if "[[" in text:
        text = _EMBED.sub(lambda m: _embed(m, protect), text)
        text = _WIKILINK.sub(lambda m: _wikilink(m, protect), text)
    if "==" in text:
        text = _HIGHLIGHT.sub(r"<mark>\1</mark>", text)
    if "[!" in text:
        text = _CALLOUT.sub(_callout, text)
    if vault and "^" in text:
        text = _BLOCK_ID.sub("", text)  # "^block-id" anchors are hidden in Obsidian
    return text


def finish_callouts(rendered: str) -> str:
    """Give each callout's <blockquote> its classes, once Markdown has rendered it."""
    if "callout-title" not in rendered:
        return rendered
    return CALLOUT_HTML.sub(r'<blockquote class="callout callout-\2">\1<p><strong class="callout-title">', rendered)
