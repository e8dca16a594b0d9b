"""Floods and deep nestings of every syntax the readers handle, timed at growing sizes: super-linear work shows.

Each case makes one post of size n from a repeated unit (or a nesting n deep). `growth(case, n)` runs
the whole reading pipeline of one file (parse, render, sanitise, text) at n, 2n and 4n and returns
the CPU times (min of `repeat` runs each): linear work doubles with n, quadratic work quadruples.
tests/reliability/test_superlinear.py runs every case at small n; `python -m bench.fuzz --floods`
at large ones.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.parse import parse_post
from reader.core.render import RenderContext, render_body
from reader.core.sanitize import sanitize_html
from reader.core.text import html_to_text
from reader.core.types import Site

# "{}" makes the renderer run its preprocessing passes (Liquid, shortcodes, Obsidian, kramdown) on every case.
FRONT = "---\ntitle: t\n---\n{}\n"
NO_TITLE = "---\ndate: 2022-01-21\n---\n{}\n"


@dataclass(frozen=True)
class Flood:
    """One generated input: `make(n)` is the text of a whole post file; `unit` its n (characters, roughly)."""

    name: str
    make: Callable[[int], str]
    relpath: str = "_posts/2022-01-21-flood.md"
    site: str = "jekyll"


def _body(unit: str, front: str = FRONT) -> Callable[[int], str]:
    return lambda n: front + unit * max(1, n // len(unit))


def _nest(opening: str, closing: str = "", front: str = FRONT, inner: str = "x") -> Callable[[int], str]:
    return lambda n: front + opening * (n // len(opening + closing)) + inner + closing * (n // len(opening + closing))


def _lines(make_line: Callable[[int], str], front: str = FRONT, width: int = 10) -> Callable[[int], str]:
    return lambda n: front + "".join(make_line(i) for i in range(max(1, n // width)))


def _yaml(make_inner: Callable[[int], str]) -> Callable[[int], str]:
    return lambda n: "---\n" + make_inner(n) + "\n---\nbody\n"


FLOODS: tuple[Flood, ...] = (
    # --- YAML, TOML and JSON front matter
    Flood("yaml keys", _yaml(lambda n: "".join(f"k{i}: v\n" for i in range(n // 8)))),
    Flood("yaml list", _yaml(lambda n: "tags:\n" + "- a\n" * (n // 4))),
    Flood("yaml flow nesting", _yaml(lambda n: "x: " + "[" * (n // 2) + "]" * (n // 2))),
    Flood("yaml map nesting", _yaml(lambda n: "x: " + "{a: " * (n // 5) + "}" * (n // 5))),
    Flood("yaml block nesting", _yaml(lambda n: "".join(" " * i + "a:\n" for i in range(int((n * 2) ** 0.5))))),
    Flood("yaml anchors and aliases", _yaml(lambda n: "a: &a [x]\n" + "".join(f"b{i}: *a\n" for i in range(n // 8)))),
    Flood("yaml spaces in a value", _yaml(lambda n: "title: a" + " " * n + "b")),
    Flood("tags with spaces", _yaml(lambda n: "tags: a" + " " * n + "b"), site="folder", relpath="a.md"),
    Flood("yaml spaces then no colon", _yaml(lambda n: "title: a\n" + "k" + " " * n + "x")),
    Flood("yaml unclosed quote", _yaml(lambda n: 'title: "' + 'a\\" ' * (n // 4))),
    Flood("yaml broken lines", _yaml(lambda n: "".join(f"k{i}: a: b\n" for i in range(n // 10)))),
    Flood("yaml salvage spaces", _yaml(lambda n: "k: [\n" + "title: a" + " " * n + "b\n")),
    Flood("toml keys", lambda n: "+++\n" + "".join(f"k{i} = 'v'\n" for i in range(n // 10)) + "+++\nbody\n"),
    Flood("toml nesting", lambda n: "+++\nx = " + "[" * (n // 2) + "]" * (n // 2) + "\n+++\nbody\n"),
    Flood("toml inline tables", lambda n: "+++\nx = " + "{a = " * (n // 6) + "1" + "}" * (n // 6) + "\n+++\nb\n"),
    Flood("toml broken", lambda n: "+++\n" + "".join(f"k{i} = [\n" for i in range(n // 10)) + "+++\nbody\n"),
    Flood("json keys", lambda n: "{\n" + ",\n".join(f'"k{i}": "v"' for i in range(n // 12)) + "\n}\nbody\n"),
    Flood("json nesting", lambda n: '{"x": ' + "[" * (n // 2) + "]" * (n // 2) + "}\nbody\n"),
    Flood("json broken", lambda n: '{"title": "' + '"a": "b", ' * (n // 10) + "\nbody\n"),
    # --- Markdown constructs
    Flood("emphasis stars", _body("*a ")),
    Flood("emphasis mixed", _body("*a _b **c __d ")),
    Flood("strong unclosed", _body("**a")),
    Flood("strikethrough", _body("~~a")),
    Flood("open brackets", _body("[")),
    Flood("brackets and parens", _body("[a](")),
    Flood("links with titles", _body('[a](x "t ')),
    Flood("nested brackets", _nest("[", "](x)")),
    Flood("images", _body("![a](")),
    Flood("reference definitions", _lines(lambda i: f"[r{i}]: /u{i}\n")),
    Flood("reference uses", _body("[x][r] ")),
    Flood("backticks", _body("`")),
    Flood("backtick runs", _lines(lambda i: "`" * (i % 50 + 1) + "a ", width=27)),
    Flood("double backticks", _body("``a`")),
    Flood("fences unclosed", _lines(lambda i: "```\na\n" if i % 2 else "~~~~\n")),
    Flood("angle brackets", _body("<")),
    Flood("autolinks", _body("<http://a")),
    Flood("entities", _body("&amp;&#")),
    Flood("escapes", _body("\\*\\[")),
    Flood("blockquote nesting", _nest(">", inner=" x\n")),
    Flood("list nesting", lambda n: FRONT + "".join(" " * (2 * i) + "- a\n" for i in range(int(n**0.5)))),
    Flood("ordered list nesting", lambda n: FRONT + "".join(" " * (3 * i) + "1. a\n" for i in range(int(n**0.5)))),
    Flood("headings", _lines(lambda i: "# h\n", width=4)),
    # No title in the front matter: the title comes from the first heading (metadata.first_heading).
    Flood("title heading spaces", lambda n: NO_TITLE + "# a" + " " * n + "b\n"),
    Flood("title heading links", lambda n: NO_TITLE + "# " + "[a](" * (n // 4) + "\n"),
    Flood("title html headings", lambda n: NO_TITLE + "<h1>" * (n // 4)),
    Flood("setext", _lines(lambda i: "a\n===\n", width=6)),
    Flood("html comments unclosed", _body("<!-- a ")),
    Flood("html blocks", _lines(lambda i: "<div>\n", width=6)),
    Flood("more comments", _body("<!-- more -->")),
    Flood("empty autolinks", _body("<> ")),
    # --- tables
    Flood("table wide", lambda n: FRONT + "|a" * (n // 4) + "|\n" + "|-" * (n // 4) + "|\n"),
    Flood("table rows", lambda n: FRONT + "|a|b|\n|-|-|\n" + "|1|2|\n" * (n // 6)),
    Flood("table pipes", _body("|")),
    # --- footnotes
    Flood("footnote references", _body("[^1] ")),
    Flood("footnote definitions", _lines(lambda i: f"[^{i}]: note\n")),
    Flood("footnote opens", _body("[^")),
    # --- HTML bodies
    Flood("html nesting", _nest("<div>", "</div>"), relpath="page.html"),
    Flood("html anchors unclosed", _body('<a href="x">'), relpath="page.html"),
    Flood("html anchors", _body("<a href=x>y</a>"), relpath="page.html"),
    Flood("html open tags", _body("<a "), relpath="page.html"),
    Flood("html pre unclosed", _body("<pre>a"), relpath="page.html"),
    Flood("html code unclosed", _body("<code>"), relpath="page.html"),
    Flood("html attributes", lambda n: FRONT + "<p " + 'a="1" ' * (n // 6) + ">x</p>", relpath="page.html"),
    Flood("html lt", _body("<"), relpath="page.html"),
    Flood("html style", _body('<p style="display:none">'), relpath="page.html"),
    Flood("html media", _body("<video src=x>"), relpath="page.html"),
    # --- Liquid
    Flood("liquid tag opens", _body("{%")),
    Flood("liquid tags", _body("{% x %}")),
    Flood("liquid tag spaces", _body("{% a" + " " * 20)),
    Flood("liquid raw unclosed", _body("{% raw %}")),
    Flood("liquid comment unclosed", _body("{% comment %}")),
    Flood("liquid highlight unclosed", _body("{% highlight py %}\n")),
    Flood("liquid outputs", _body("{{ a }}")),
    Flood("liquid output opens", _body("{{")),
    Flood("liquid args", lambda n: FRONT + "{% img " + 'a="b" ' * (n // 6) + "%}"),
    # --- Hugo shortcodes
    Flood("shortcode opens", _body("{{<")),
    Flood("shortcode percent opens", _body("{{% ")),
    Flood("shortcodes", _body('{{< figure src="a" >}}')),
    Flood("shortcode quotes", _body('{{< x "')),
    Flood("shortcode escaped", _body("{{</* ")),
    Flood("shortcode highlight unclosed", _body("{{< highlight go >}}\n")),
    Flood("shortcode entity", _body("{{&#37; ")),
    Flood("shortcode args", lambda n: FRONT + "{{< figure " + 'a="b" ' * (n // 6) + ">}}"),
    # --- Obsidian
    Flood("wikilinks", _body("[[a]] "), site="obsidian", relpath="notes/a.md"),
    Flood("wikilink opens", _body("[[a"), site="obsidian", relpath="notes/a.md"),
    Flood("embeds", _body("![[a.png|100]] "), site="obsidian", relpath="notes/a.md"),
    Flood("embed opens", _body("![["), site="obsidian", relpath="notes/a.md"),
    Flood("obsidian comments", _body("%%a "), site="obsidian", relpath="notes/a.md"),
    Flood("highlights", _body("==a "), site="obsidian", relpath="notes/a.md"),
    Flood("highlight spaces", _body("==a" + " " * 10), site="obsidian", relpath="notes/a.md"),
    Flood("callouts", _lines(lambda i: "> [!note] t\n> x\n\n", width=18), site="obsidian", relpath="notes/a.md"),
    Flood("callout nesting", _nest(">", inner=" [!note] t\n"), site="obsidian", relpath="notes/a.md"),
    Flood("block ids", _lines(lambda i: f"a ^b{i}\n"), site="obsidian", relpath="notes/a.md"),
    # --- kramdown
    Flood("kramdown attributes", _body("{: .a}")),
    Flood("kramdown opens", _body("{:")),
    Flood("kramdown attribute lines", _lines(lambda i: "a\n{: #b}\n", width=9)),
    Flood("kramdown extensions", _body("{::")),
    Flood("kramdown comment unclosed", _body("{::comment}")),
    Flood("kramdown toc", _lines(lambda i: "* a\n{:toc}\n", width=10)),
)


def run_pipeline(flood: Flood, data: bytes) -> int:
    """Read one post as the indexer and the view do: parse, render, sanitise and extract its text."""
    site = Site(flood.site, Path("/nonexistent/site"), Path("/nonexistent/site"))
    parsed = parse_post(site, flood.relpath, data)
    html = render_body(parsed.body, parsed.body_format, RenderContext(site=site, relpath=flood.relpath))
    return len(html_to_text(sanitize_html(html)))


def cpu_seconds(flood: Flood, n: int, repeat: int = 3) -> float:
    """The least CPU time of `repeat` runs of the pipeline on the case at size n."""
    data = flood.make(n).encode("utf-8")
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        began = time.process_time()
        run_pipeline(flood, data)
        best = min(best, time.process_time() - began)
    return best


def growth(flood: Flood, n: int, repeat: int = 3, factors: tuple[int, ...] = (1, 2, 4)) -> tuple[float, ...]:
    """CPU seconds at n, 2n and 4n (or n times each of `factors`)."""
    return tuple(cpu_seconds(flood, k * n, repeat) for k in factors)


def calibrated_size(flood: Flood, start: int, most: int, seconds: float) -> int:
    """The first of start, 2*start, ... (at most `most`) at which one run takes `seconds` of CPU:
    big enough that a quadratic term shows, small enough for CI."""
    n = start
    while n < most and cpu_seconds(flood, n, repeat=1) < seconds:
        n *= 2
    return n


def superlinear(times: tuple[float, ...], floor: float = 0.02) -> bool:
    """True when 4x the input (the last time; the first is at 1x) took clearly more than 4x the
    time (quadratic work takes 16x).

    `floor` seconds are added to the smallest time, so start-up costs and timer noise on tiny
    inputs cannot fake a ratio; a ratio over 8 (twice linear) is super-linear.
    """
    small, large = times[0], times[-1]
    return large > 8 * max(small, floor)
