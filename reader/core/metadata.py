"""Front-matter values -> PostMeta, following each generator's rules for titles, dates and taxonomies."""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Callable, Iterable

from .dates import date_from_filename, date_in_url, date_sort_key, dated_prefix, parse_date
from .scanning import NextMatch
from .site_paths import file_stem, site_path
from .types import PostMeta, Site

# Keys whose value is the post's date, in order of precedence (Hugo: publishDate and the
# 2013 "Pubdate"; Obsidian: created). Keys are compared lower-cased.
_DATE_KEYS = ("date", "publishdate", "pubdate", "created")
# Obsidian clippings carry the article's dates under these; used only when they parse.
_QUIET_DATE_KEYS = ("published", "clipped")
_SOURCE_KEYS = ("source_url", "source", "original", "canonical_url", "external_url", "link", "url_source", "url")
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}

_WIKILINK = re.compile(r"^\s*\[\[([^\]|#]*)(?:[#|][^\]]*)?\]\]\s*$")
# The closing "#"s and spaces are stripped in code: "(.*?)[ \t]*#*[ \t]*$" tried every split of a run
# of spaces at every character (6 s for a heading with 2,000 spaces in it, hours for 8,000).
_ATX = re.compile(r"^ {0,3}(#{1,3})[ \t]+(.*)$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
# An <h1>-<h3> and its closing tag, found by _html_heading: "<h([1-3])[^>]*>(.*?)</h\1>" rescanned
# the rest of the text from every unclosed "<h1>".
_HTML_HEADING_OPEN = re.compile(r"<h([1-3])\b[^<>]*>", re.I)
_HTML_HEADING_CLOSE = {level: re.compile(rf"</h{level}\s*>", re.I) for level in "123"}
_TAG = re.compile(r"<[^>]*>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_WIKI_INLINE = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`|~~)")
_AUTOLINK_LINE = re.compile(r"^\s*<(https?://[^>\s]+)>\s*$")
# The same line matched in the body from its start: no line end before the "<", white space up to one after.
_AUTOLINK_AT = re.compile(r"[^\S\n]*<(https?://[^>\s]+)>[^\S\n]*(?:\n|\Z)")
_SPLIT_COMMAS_SPACES = re.compile(r"[\s,]+")
_TAG_SPLITTERS: dict[str, Callable[[str], list[str]]] = {
    "jekyll": str.split,
    "obsidian": _SPLIT_COMMAS_SPACES.split,  # Obsidian tags cannot hold spaces
    # Split on "," alone (each piece is stripped by _unwrap): re.split(r"\s*,\s*") retried its
    # space run from every space of it, quadratic (0.4 s for a value with 20,000 spaces).
    "folder": lambda text: text.split(","),
}  # Hexo, Hugo, Zola: a string is one tag
_HEADING_SCAN = 8000  # characters of the body searched for a title heading
_CJK_LANGUAGES = ("zh", "ja", "ko")  # folder and file-name language codes that choose Han glyph shapes
_CJK_SUBTAGS = ("hans", "hant", "cn", "sg", "tw", "hk", "mo", "jp", "kr")
_SENTENCE_END = re.compile(r"[。！？!?]|\.(\s|$)")


def build_meta(
    site: Site, relpath: str, data: dict, body: str = "", body_format: str = "markdown", error: str | None = None
) -> PostMeta:
    """Normalise one post's front matter (already loaded) into PostMeta.

    `error` is a front-matter problem found earlier; it wins over a date problem.
    """
    low = _lower_keys(data)
    site_rel = site_path(site, relpath) or relpath
    date, sort_key, date_error = _date(site, relpath, low)
    # Its fields in order, not by name: 1.6 against 2.1 us a PostMeta.
    return PostMeta(
        relpath,  # path
        _title(site, relpath, low, body, body_format),
        date,
        sort_key,
        _categories(site, site_rel, low),
        _tags(site.kind, low),
        _draft(low, site_rel),
        _authors(low),
        _text(_first(low, "excerpt", "description", "summary")) or None,  # excerpt
        _permalink(site.kind, low),
        _language(low, relpath),
        _source_url(low, body),
        error or date_error,
    )


def language_tag(value: str) -> str:
    """A language code in BCP 47's usual case: "zh_tw" -> "zh-TW", "ZH-HANT" -> "zh-Hant". Anything
    that is not a code ("Chinese", "中文") is kept as written."""
    parts = value.strip().replace("_", "-").split("-")
    if not (2 <= len(parts[0]) <= 3 and parts[0].isascii() and parts[0].isalpha()):
        return value.strip()
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part.lower())
    return "-".join(out)


def _language(low: dict, relpath: str) -> str | None:
    written = _text(_first(low, "lang", "language"))
    return (language_tag(written) if written else None) or _path_language(relpath)


def _path_language(relpath: str) -> str | None:
    """A Chinese, Japanese or Korean language a folder ("zh_tw/", "zh-hant/", Hugo's "content/ja/")
    or a Hugo translation's name ("post.zh-tw.md") gives the post; None for anything else."""
    lowered = relpath.lower()
    if "zh" not in lowered and "ja" not in lowered and "ko" not in lowered:
        return None  # no part can start with a code (most paths: 1 us)
    parts = lowered.split("/")
    stem_parts = parts[-1].split(".")
    for part in [*(stem_parts[-2:-1] if len(stem_parts) > 2 else []), *reversed(parts[:-1])]:
        code = part.replace("_", "-")
        first, _, rest = code.partition("-")
        if first in _CJK_LANGUAGES and all(p in _CJK_SUBTAGS for p in rest.split("-") if rest):
            return language_tag(code)
    return None


def rules(kind: str) -> str:
    """The version of the rules that make a post's metadata for this kind of site (Store.read_by_rules):
    a change that gives an indexed post other values bumps it. "folder" 2: a note titled by its file name."""
    return "2" if kind == "folder" else "1"


def readable_file_title(relpath: str, kind: str = "folder") -> str:
    """A title made from the file name: "2021-12-01-my_post.md" -> "my post"; index.md -> its folder."""
    parts = relpath.split("/")
    stem = file_stem(parts[-1])
    if stem in ("index", "_index") and len(parts) > 1:
        stem = parts[-2]
    if kind == "obsidian":
        return stem.strip() or parts[-1]  # a vault's note name is its title, dashes and all
    readable = stem[dated_prefix(stem) :].lstrip("-._ ")
    if " " not in stem:  # a slug ("2021-12-01-my_post"); a name with spaces keeps its dashes ("Pop-out windows")
        readable = readable.replace("-", " ").replace("_", " ")
    return " ".join(readable.split()) or stem.strip() or parts[-1] or "untitled"


def first_heading(body: str, body_format: str = "markdown", deepest: int = 3) -> str | None:
    """The text of the body's first heading of level 1-3 (Markdown or HTML), or None, also when that
    heading is deeper than `deepest`."""
    head = body[:_HEADING_SCAN]
    found = _html_heading(head)
    best = (found[0], _clean_heading(found[1]), found[2]) if found else None
    if body_format != "html":
        md = _markdown_heading(head)
        if md is not None and (best is None or md[0] < best[0]):
            best = md
    return best[1] if best and best[1] and best[2] <= deepest else None


# --- fields -------------------------------------------------------------------------------


def _title(site: Site, relpath: str, low: dict, body: str, body_format: str) -> str:
    title = " ".join(_text(low.get("title")).split())
    if title:
        return title
    if site.kind != "obsidian":
        # A folder of notes (a vault without its .obsidian folder, a notes app's export) names a note by
        # its file; its sections start at level 2 ("## Notes" in every daily note). A level 1 heading
        # still titles it.
        heading = first_heading(body, body_format, 1 if site.kind == "folder" else 3)
        if heading:
            return heading
    from_name = readable_file_title(relpath, site.kind)
    if from_name.isdigit() and len(from_name) > 8:
        # A news id such as "202205262391921712" names nothing: the opening words do.
        return _opening_words(body) or from_name
    return from_name


def _opening_words(body: str, limit: int = 40) -> str:
    """The body's first sentence (tags and Markdown markers dropped), cut to `limit` characters."""
    text = " ".join(_TAG.sub(" ", body[:2000]).split())
    text = text.lstrip(">#*-_ \t").strip()
    end = _SENTENCE_END.search(text)
    sentence = text[: end.end()] if end else text
    return sentence if len(sentence) <= limit else sentence[:limit].rstrip() + "…"


def _date(site: Site, relpath: str, low: dict) -> tuple[str | None, float | None, str | None]:
    tz = site.timezone
    error = None
    for key in _DATE_KEYS:
        value = low.get(key)
        if value is None or value == "":
            continue
        parsed = parse_date(value, tz)
        if parsed:
            return parsed[0], parsed[1], None
        error = f"{key} '{_text(value) if not isinstance(value, str) else value}' is not a date"
        break
    if site.kind in ("obsidian", "folder") and error is None:
        for key in _QUIET_DATE_KEYS:
            parsed = parse_date(low.get(key), tz)
            if parsed:
                return parsed[0], parsed[1], None
    parts = relpath.split("/")
    name = parts[-2] if file_stem(parts[-1]) in ("index", "_index") and len(parts) > 1 else parts[-1]
    iso = date_from_filename(name)
    if iso is None and site.kind == "zola":
        iso = date_in_url(_text(low.get("path")))
    if iso is None:
        return None, None, error
    return iso, date_sort_key(iso, tz), error


def _categories(site: Site, site_rel: str, low: dict) -> tuple[str, ...]:
    folder = site_rel.rpartition("/")[0]
    values = low.get("categories"), low.get("category")
    taxonomies = low.get("taxonomies")
    if not isinstance(taxonomies, dict) and _plain(values):
        return _plain_categories(site.kind, folder, *values)
    return _categories_of(site.kind, folder, *values, taxonomies)


def _categories_of(kind: str, folder: str, categories: object, category: object, taxonomies: object) -> tuple[str, ...]:
    found: list[str] = []
    if kind == "jekyll":
        parts = folder.split("/") if folder else []
        for marker in ("_posts", "_drafts"):
            if marker in parts:
                found += parts[: parts.index(marker)]
                break
        found += _items(categories, str.split)  # Jekyll splits a string on spaces
    else:
        found += _items(categories)  # Hexo: a list is a hierarchy, kept in order
    found += _items(category)
    if isinstance(taxonomies, dict):
        found += _items(taxonomies.get("categories"))
    return _dedupe(found)


def _tags(kind: str, low: dict) -> tuple[str, ...]:
    values = low.get("tags"), low.get("tag")
    taxonomies = low.get("taxonomies")
    if not isinstance(taxonomies, dict) and _plain(values):
        return _plain_tags(kind, *values)
    return _tags_of(kind, *values, taxonomies)


def _tags_of(kind: str, tags: object, tag: object, taxonomies: object) -> tuple[str, ...]:
    split = _TAG_SPLITTERS.get(kind)
    found = _items(tags, split) + _items(tag, split)
    if isinstance(taxonomies, dict):
        found += _items(taxonomies.get("tags"), split)
    return _dedupe(t.lstrip("#").strip() for t in found)


def _plain(values: tuple[object, object]) -> bool:
    """Whether two front-matter values are text or nothing (hashable: their labels can be remembered)."""
    first, second = values  # not all() over a generator: 0.2 against 0.45 us, twice a post
    return (first is None or type(first) is str) and (second is None or type(second) is str)


# Remembered for plain values: an archive repeats a few category and tag values in every post (3 us a post).
_plain_categories = functools.lru_cache(maxsize=4096)(functools.partial(_categories_of, taxonomies=None))
_plain_tags = functools.lru_cache(maxsize=4096)(functools.partial(_tags_of, taxonomies=None))


def _authors(low: dict) -> tuple[str, ...]:
    if "authors" not in low and "author" not in low:
        return ()  # most posts (0.05 against 0.5 us)
    return _dedupe(_items(low.get("authors")) + _items(low.get("author")))


def _draft(low: dict, site_rel: str) -> bool:
    if "/_drafts/" in f"/{site_rel}":
        return True
    published = low.get("published")
    if published is False or (isinstance(published, str) and published.strip().lower() in _FALSE):
        return True
    draft = low.get("draft")
    return draft is True or (isinstance(draft, str) and draft.strip().lower() in _TRUE)


def _permalink(kind: str, low: dict) -> str | None:
    url = _text(low.get("url"))
    if url.startswith(("http://", "https://")):
        url = ""  # an absolute "url" (Obsidian clippings) is the article's source, not a permalink
    return _text(low.get("permalink")) or url or (_text(low.get("path")) if kind == "zola" else "") or None


def _source_url(low: dict, body: str) -> str | None:
    for key in _SOURCE_KEYS:
        if key in low:
            for value in _items(low[key]):
                if value.startswith(("http://", "https://")):
                    return value
    # finews-style posts end with the source as a bare autolink above the "back" links: the first of the
    # last five lines with text, of the last 12 lines of body[-3000:].rstrip(), read from the end one
    # line at a time (4.3 -> 2 us a finews post: the slices copied and split the whole body).
    window = max(0, len(body) - 3000)
    at = body.rfind("<http", window)
    if at < 0:
        return None
    # Every autolink line holds "<http", so the last one's line is the last that can be the source, and
    # with at most 4 line ends after it (so at most 4 lines with text) the loop below reads up to it:
    # when that line is an autolink, it is the answer (a finews post: 0.7 against 2 us).
    start = body.rfind("\n", window, at) + 1 or window
    if body.count("\n", at) <= 4 and (m := _AUTOLINK_AT.match(body, start)):
        return m[1]
    end = len(body)
    while end > window and body[end - 1].isspace():
        end -= 1
    with_text = 0
    for _ in range(12):
        start = body.rfind("\n", window, end) + 1 or window
        line = body[start:end]
        if line.strip():
            m = _AUTOLINK_LINE.match(line)
            if m:
                return m[1]
            with_text += 1
            if with_text == 5:
                break
        if start == window:
            break
        end = start - 1
    return None


# --- helpers --------------------------------------------------------------------------------


def _lower_keys(data: dict) -> dict:
    return {str(k).strip().lower(): v for k, v in data.items()} if data else {}


def _first(low: dict, *keys: str) -> object:
    for key in keys:
        value = low.get(key)
        if value is not None and value != "":
            return value
    return None


def _text(value: object) -> str:
    """Scalar front-matter values as text; lists joined; mappings and None empty."""
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(t for t in (_text(v) for v in value) if t)
    return str(value).strip()


def _items(value: object, split: Callable[[str], list[str]] | None = None) -> list[str]:
    """A string, a list (nested lists flattened), numbers or null as a list of clean strings."""
    out: list[str] = []
    if value is None:
        return out
    if isinstance(value, str):
        pieces = split(value) if split else [value]
        out.extend(_unwrap(p) for p in pieces)
    elif isinstance(value, (list, tuple)):
        for item in value:
            out.extend(_items(item))  # list elements are never split
    elif isinstance(value, dict):
        name = value.get("name") or value.get("title")
        if name is not None:
            out.extend(_items(name))
    else:
        out.append(_text(value))
    return [s for s in out if s]


def _unwrap(text: str) -> str:
    if "[[" not in text:
        return text.strip()  # no wikilink: the pattern would not match
    m = _WIKILINK.match(text)
    return (m[1] if m else text).strip()


def _dedupe(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _html_heading(head: str) -> tuple[int, str, int] | None:
    """(position, inner HTML, level) of the first <h1>-<h3> that is closed, each closing tag searched once."""
    closings = {level: NextMatch(pattern, head) for level, pattern in _HTML_HEADING_CLOSE.items()}
    for opening in _HTML_HEADING_OPEN.finditer(head):
        closing = closings[opening.group(1)].at_or_after(opening.end())
        if closing is not None:
            return opening.start(), head[opening.end() : closing.start()], int(opening.group(1))
    return None


def _markdown_heading(head: str) -> tuple[int, str, int] | None:
    """(position, text, level) of the first ATX (# to ###) or setext heading outside a code fence."""
    pos = 0
    previous = ""
    in_fence = False
    for line in head.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if _FENCE.match(line):
            in_fence = not in_fence
            previous = ""
            continue
        if in_fence:
            continue
        m = _ATX.match(line)
        if m:
            return start, _clean_heading(m.group(2).rstrip(" \t").rstrip("#").rstrip(" \t")), len(m.group(1))
        if (
            previous.strip()
            and _SETEXT.match(line)
            and not previous.lstrip().startswith(("-", "*", "+", ">", "<", "|"))
        ):
            text = _clean_heading(previous)
            if text:
                return start - len(previous) - 1, text, 1 if line.lstrip().startswith("=") else 2
        previous = line
    return None


def _clean_heading(text: str) -> str:
    text = _TAG.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _WIKI_INLINE.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    return " ".join(html.unescape(text).split())
