"""Template syntax that site generators expand before Markdown: Liquid, Hugo shortcodes, kramdown attributes."""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable
from urllib.parse import quote, urlsplit

from .links import LABEL_CLASS, POST_URL
from .site_paths import file_stem

# protect(text) stores text that later passes must leave alone and returns a placeholder for it.
Protect = Callable[[str], str]

# Paired tags as (opening, closing) patterns; they are matched by pairs(), never by one ".*?" regex,
# which would rescan to the end of the post for every unclosed opener (quadratic on odd input).
_RAW = (re.compile(r"\{%-?\s*raw\s*-?%\}"), re.compile(r"\{%-?\s*endraw\s*-?%\}"))
RAW_MARKER = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_COMMENT = (re.compile(r"\{%-?\s*comment\s*-?%\}"), re.compile(r"\{%-?\s*endcomment\s*-?%\}"))
_HIGHLIGHT = (
    re.compile(r"\{%-?\s*(?:highlight|codeblock)\b([^%\n]{0,200}?)-?%\}[ \t]*\n?"),
    re.compile(r"\{%-?\s*end(?:highlight|codeblock)\s*-?%\}"),
)
# A tag may span lines but not a blank line, is at most 500 characters long and holds no "{", so
# an unclosed "{%" cannot swallow the rest of a post, and the attempt from each "{" ends at the
# next one: linear (a flood of "{%" read 500 characters from each, 13 s a MiB).
_TAG = re.compile(r"\{%-?\s*(\w*)((?:[^%\n{]|%(?!\})|\n(?![ \t]*\n)){0,500}?)-?%\}")
_OUTPUT = re.compile(r"\{\{(?![<%])-?([^{}]*?)-?\}\}")
_URL_FILTER = re.compile(r"""^(["'])(.*?)\1\s*\|\s*(relative_url|absolute_url)$""")
_ARG = re.compile(r"""(?:([\w-]+)=)?("(?:[^"\\]|\\.)*"|'[^']*'|`[^`]*`|[^\s"'`]+)""")

# Like _TAG, the shortcode patterns stop at the next "{" (outside quotes): each "{{" is read once.
_SC_ESCAPED = re.compile(r"\{\{([<%])/\*((?:[^*{]|\*(?!/)){0,500}?)\*/[>%]\}\}")
# Hugo docs write "{{&#37; x %}}" to show "{{% x %}}".
_SC_ENTITY = re.compile(r"\{\{&#37;((?:[^%{]|%(?!\}\})){0,500}?)%\}\}")
_SC_HIGHLIGHT = (
    re.compile(r"\{\{[<%]-?\s*highlight\b((?:\"[^\"\n]*\"|[^\"<>%\n]){0,200}?)[>%]\}\}[ \t]*\n?"),
    re.compile(r"\{\{[<%]-?\s*/highlight\s*[>%]\}\}"),
)
_SHORTCODE = re.compile(
    r"\{\{[<%]-?\s*(/?)\s*([\w./-]+)((?:\"[^\"]{0,500}\"|`[^`]{0,500}`|[^\"`>%{]|[>%](?!\}\})){0,1000}?)/?\s*-?[>%]\}\}"
)

_KRAMDOWN_TOC = re.compile(r"^[ \t]*(?:[*+-]|\d+\.)[ \t]+.*\n[ \t]*\{:\s*toc\s*\}[ \t]*$", re.M)
# An attribute list: "{: .class #id key="v"}", "{:toc}", "{:ref: ...}"; not Rust's "{:?}" or "{:#}".
_IAL = r"\{:(?:toc|\s*(?:[.#][\w-]|[\w-]+\s*=|[\w-]+:)[^{}\n]{0,300}|\s*)\}"  # no "{": see _TAG
_KRAMDOWN_LINE = re.compile(r"^([ \t>]*)" + _IAL + r"[ \t]*$", re.M)
_KRAMDOWN_INLINE = re.compile(_IAL)
_KRAMDOWN_COMMENT = (re.compile(r"\{::comment\}"), re.compile(r"\{:/comment\}"))
_KRAMDOWN_EXT = re.compile(r"\{::\w+[^{}\n]{0,300}\}|\{:/\w*\}")


def pairs(text: str, pair: tuple[re.Pattern, re.Pattern], replace: Callable[[re.Match, str, re.Match], str]) -> str:
    """Replace each opening tag, the text up to its closing tag, and the closing tag by
    replace(opening, inner, closing). Linear: each stretch of text is searched once."""
    opening, closing = pair
    out, pos = [], 0
    while (start := opening.search(text, pos)) is not None:
        end = closing.search(text, start.end())
        if end is None:
            break  # no later opener can be closed either
        out.append(text[pos : start.start()])
        out.append(replace(start, text[start.end() : end.start()], end))
        pos = end.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def strip_raw_markers(code: str) -> str:
    """Jekyll drops `{% raw %}` markers even inside code blocks; nothing else in code changes."""
    return RAW_MARKER.sub("", code) if "raw" in code else code


def _fence(lang: str, code: str) -> str:
    code = textwrap.dedent(code.strip("\n"))
    longest = max((len(m) for m in re.findall(r"`{3,}", code)), default=2)
    ticks = "`" * (longest + 1)
    return f"\n{ticks}{lang}\n{code}\n{ticks}\n"


def _args(text: str) -> tuple[list[str], dict[str, str]]:
    """Positional and named arguments of a tag or shortcode, quotes removed."""
    positional, named = [], {}
    for m in _ARG.finditer(text):
        value = m.group(2)
        if len(value) >= 2 and value[0] in "\"'`" and value[-1] == value[0]:
            value = value[1:-1]
        if m.group(1):
            named[m.group(1).lower()] = value
        else:
            positional.append(value)
    return positional, named


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _link(url: str, text: str, label: bool = False) -> str:
    """A link; `label`: its text is our own words ("Embedded: vimeo.com"), which the interface translates."""
    marked = f' class="{LABEL_CLASS}"' if label else ""
    return f'<a{marked} href="{_attr(url)}">{html.escape(text)}</a>'


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def _expand_liquid_tag(m: re.Match, site, relpath: str, protect: Protect) -> str:
    name, rest = m.group(1).lower(), m.group(2).strip()
    positional, named = _args(rest)
    first = positional[0] if positional else ""
    if name == "post_url" and first:
        return POST_URL + quote(first, safe="/-_.~")
    if name == "link" and first:
        if site.kind == "hexo" and len(positional) >= 2:  # Hexo: {% link text url [external] [title] %}
            url = next((p for p in positional[1:] if "/" in p or "." in p), positional[-1])
            return protect(_link(url, " ".join(positional[: positional.index(url)]) or url))
        return "/" + quote(first.lstrip("/"), safe="/-_.~%")
    if name == "post_link" and first:  # Hexo
        title = " ".join(positional[1:]) or first
        return protect(_link(POST_URL + quote(first, safe="/-_.~"), title))
    if name in ("img", "image", "fig", "figure"):  # Hexo's {% img [class] /path/x.png [w] [h] ["title"] %}
        src = named.get("src") or next(
            (p for p in positional if p.startswith(("/", "http:", "https:")) or "." in p), None
        )
        if src:
            alt = named.get("alt") or named.get("title") or named.get("caption") or ""
            return protect(f'<img src="{_attr(src)}" alt="{_attr(alt)}">')
    if name == "asset_img" and first:  # Hexo's post asset folder sits beside the post, named after it
        stem = file_stem(relpath)
        alt = " ".join(positional[1:])
        return protect(f'<img src="{_attr(quote(stem + "/" + first, safe="/-_.~%"))}" alt="{_attr(alt)}">')
    if name == "youtube" and first:
        return protect(_link(f"https://www.youtube.com/watch?v={quote(first)}", f"YouTube video {first}", label=True))
    if name in ("oembed", "embed", "vimeo") and first:
        url = first if "://" in first else f"https://vimeo.com/{quote(first)}"
        return protect(_link(url, f"Embedded: {_host(url)}", label=True))
    return ""  # include, if, for, assign, capture (its content stays where it is) and the rest


def _expand_output(m: re.Match, site, keep_others: bool) -> str:
    expr = " ".join(m.group(1).split())
    base, url = site.baseurl or "", site.url or ""
    if expr == "site.baseurl":
        return base
    if expr == "site.url":
        return url
    if expr in ("site.baseurl | prepend: site.url", "site.url | append: site.baseurl"):
        return url + base
    f = _URL_FILTER.match(expr)
    if f:
        path = f.group(2)
        path = path if path.startswith("/") else "/" + path
        return (url if f.group(3) == "absolute_url" else "") + base + path
    return m.group(0) if keep_others else ""


def _shortcode(m: re.Match, protect: Protect) -> str:
    closing, name, rest = m.group(1), m.group(2).lower(), m.group(3)
    if closing:
        return ""
    positional, named = _args(rest)
    first = positional[0] if positional else ""
    if name in ("figure", "fig", "img", "image"):
        src = named.get("src", first)
        if not src:
            return ""
        img = f'<img src="{_attr(src)}" alt="{_attr(named.get("alt", named.get("caption", "")))}"'
        for key in ("width", "height"):
            if named.get(key, "").isdigit():
                img += f' {key}="{named[key]}"'
        img += ">"
        if named.get("link"):
            img = f'<a href="{_attr(named["link"])}">{img}</a>'
        caption = ""
        if named.get("title"):
            caption += f"<strong>{html.escape(named['title'])}</strong> "
        caption += named.get("caption", "")
        if named.get("attr"):
            caption += " " + (
                _link(named["attrlink"], named["attr"]) if named.get("attrlink") else html.escape(named["attr"])
            )
        caption = f"<figcaption>{caption.strip()}</figcaption>" if caption.strip() else ""
        return protect(f"<figure>{img}{caption}</figure>")
    if name == "youtube":
        vid = named.get("id", first)
        return (
            protect(_link(f"https://www.youtube.com/watch?v={quote(vid)}", f"YouTube video {vid}", label=True))
            if vid
            else ""
        )
    if name == "vimeo":
        vid = named.get("id", first)
        return protect(_link(f"https://vimeo.com/{quote(vid)}", f"Vimeo video {vid}", label=True)) if vid else ""
    if name in ("tweet", "twitter", "x"):
        user, tid = named.get("user", ""), named.get("id", positional[-1] if positional else "")
        if len(positional) >= 2 and not user:
            user = positional[0]
        if not tid:
            return ""
        return protect(
            _link(f"https://twitter.com/{quote(user or 'i')}/status/{quote(tid)}", f"Tweet {tid}", label=True)
        )
    if name == "gist" and len(positional) >= 2:
        url = f"https://gist.github.com/{quote(positional[0])}/{quote(positional[1])}"
        return protect(_link(url, "Gist " + "/".join(positional[:3]), label=True))
    if name == "instagram" and first:
        return protect(_link(f"https://www.instagram.com/p/{quote(first)}/", f"Instagram post {first}", label=True))
    return ""  # other shortcodes: the markup goes, paired ones keep their inner content


def expand(text: str, site, relpath: str, protect: Protect) -> str:
    """Expand or remove Liquid, Hugo shortcodes and kramdown attributes in text that is not code."""
    kind = site.kind
    if "{" not in text:
        return text
    if "{%" in text:
        text = pairs(text, _RAW, lambda m, inner, _: protect(inner))
        text = pairs(text, _COMMENT, lambda m, inner, _: "")
        text = pairs(text, _HIGHLIGHT, lambda m, inner, _: protect(_fence((m.group(1).split() or [""])[0], inner)))
    if "{{" in text:
        # Code first: shortcode examples inside a highlight block stay as written.
        text = pairs(text, _SC_HIGHLIGHT, lambda m, inner, _: protect(_fence((_args(m.group(1))[0] or [""])[0], inner)))
        text = _SC_ESCAPED.sub(
            lambda m: protect(
                "<code>"
                + html.escape("{{" + m.group(1) + m.group(2) + ("%" if m.group(1) == "%" else ">") + "}}")
                + "</code>"
            ),
            text,
        )
        text = _SC_ENTITY.sub(lambda m: protect("<code>" + html.escape("{{%" + m.group(1) + "%}}") + "</code>"), text)
        text = _SHORTCODE.sub(lambda m: _shortcode(m, protect), text)
    if "{%" in text:
        text = _TAG.sub(lambda m: _expand_liquid_tag(m, site, relpath, protect), text)
    if "{{" in text:
        # Hugo shows other "{{ }}" in content as written; Jekyll, Hexo and Zola expand them.
        text = _OUTPUT.sub(lambda m: _expand_output(m, site, keep_others=kind == "hugo"), text)
    if "{:" in text:
        text = pairs(text, _KRAMDOWN_COMMENT, lambda m, inner, _: "")
        text = _KRAMDOWN_EXT.sub("", text)
        text = _KRAMDOWN_TOC.sub("", text)
        text = _KRAMDOWN_LINE.sub(r"\1", text)  # the line stays (blank), so the block before it still ends
        text = _KRAMDOWN_INLINE.sub("", text)
    return text


def expand_site_urls(text: str, site) -> str:
    """Only `{{ site.baseurl }}` and `{{ site.url }}`: for vaults whose other braces are literal text."""
    if "{{" not in text:
        return text
    return _OUTPUT.sub(lambda m: _expand_output(m, site, keep_others=True), text)
