"""Tests for reader.core.liquid: Liquid tags, Hugo shortcodes and kramdown attributes in a post's text,
expanded or removed before Markdown sees them, and kept linear on hostile input."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from reader.core import liquid
from reader.core.types import Site


class Stash:
    """What render.py does with liquid's `protect`: keep the text aside, leave a placeholder."""

    def __init__(self) -> None:
        self.kept: list[str] = []

    def protect(self, text: str) -> str:
        self.kept.append(text)
        return f"\x00{len(self.kept) - 1}\x00"

    def restore(self, text: str) -> str:
        return re.sub(r"\x00(\d+)\x00", lambda m: self.kept[int(m.group(1))], text)


def expand(
    text: str,
    kind: str = "jekyll",
    baseurl: str = "",
    url: str = "https://example.com",
    relpath: str = "_posts/2020-01-01-a.md",
) -> str:
    stash = Stash()
    site = Site(kind, Path("/lib"), Path("/lib"), url=url, baseurl=baseurl)
    return stash.restore(liquid.expand(text, site, relpath, stash.protect))


# --- Liquid tags and outputs -----------------------------------------------------------------------


def test_text_without_braces_is_returned_unchanged():
    text = "普通的一段话，没有模板。\n\n第二段 (a) [b] %"
    assert expand(text) == text


@pytest.mark.parametrize("output", ["{{ site.baseurl }}", "{{site.baseurl}}", "{{- site.baseurl -}}"])
def test_site_baseurl_becomes_the_sites_baseurl(output):
    assert expand(f"![pic]({output}/assets/x.png)", baseurl="/blog") == "![pic](/blog/assets/x.png)"


def test_site_url_and_the_url_filters():
    text = (
        "{{ site.url }}/p {{ '/x.png' | relative_url }} {{ \"y\" | absolute_url }} "
        "{{ site.baseurl | prepend: site.url }}"
    )
    assert expand(text, baseurl="/blog") == (
        "https://example.com/p /blog/x.png https://example.com/blog/y https://example.com/blog"
    )


def test_post_url_and_link_become_the_readers_internal_links():
    text = "[a]({% post_url 2010-07-21-name %}) [b]({% link path/to/file.md %}) [c]({% post_url 中文 名 %})"
    assert expand(text) == "[a](post-url:2010-07-21-name) [b](/path/to/file.md) [c](post-url:%E4%B8%AD%E6%96%87)"


def test_raw_keeps_its_content_exactly_and_loses_its_markers():
    assert expand("Use {% raw %}{{ page.title }} {% if x %}{% endraw %} here") == "Use {{ page.title }} {% if x %} here"


def test_comments_vanish_and_block_tags_keep_their_content():
    text = "{% if site.x %}\nshown\n{% endif %}\n{% comment %}\nsecret {{ x }}\n{% endcomment %}\nend"
    assert expand(text) == "\nshown\n\n\nend"


def test_other_tags_and_outputs_are_removed():
    assert expand("a {% include x.html %} b {{ page.title }} c {% assign y = 1 %}d") == "a  b  c d"


def test_highlight_becomes_a_fence_longer_than_any_inside_it():
    text = "{% highlight ruby linenos %}\n  x = 1\n  ```\n{% endhighlight %}\nafter"
    assert expand(text) == "\n````ruby\nx = 1\n```\n````\n\nafter"  # dedented; the line after the tag stays


def test_strip_raw_markers_leaves_the_rest_of_code_alone():
    assert liquid.strip_raw_markers("{% raw %}{{ content }}{%- endraw -%}") == "{{ content }}"
    assert liquid.strip_raw_markers("no markers {{ x }}") == "no markers {{ x }}"


def test_hexo_tags_become_links_and_images_beside_the_post():
    text = "{% post_link hello-world Hello %} {% asset_img pic.png A pic %} {% link 主页 https://x.cn/ %}"
    assert expand(text, kind="hexo", relpath="source/_posts/my-post.md") == (
        '<a href="post-url:hello-world">Hello</a> <img src="my-post/pic.png" alt="A pic"> '
        '<a href="https://x.cn/">主页</a>'
    )


def test_image_and_embed_tags():
    text = '{% img /img/a.png 300 %} {% fig src="/c.png" title="T" %} {% youtube abc %} {% vimeo 42 %}'
    assert expand(text) == (
        '<img src="/img/a.png" alt=""> <img src="/c.png" alt="T"> '
        '<a class="reader-label" href="https://www.youtube.com/watch?v=abc">YouTube video abc</a> '
        '<a class="reader-label" href="https://vimeo.com/42">Embedded: vimeo.com</a>'
    )


def test_attribute_values_are_escaped():
    out = expand('{% img "/a.png" alt=\'"><script>x</script>\' %}')
    assert "<script>" not in out and 'alt="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in out


# --- Hugo shortcodes -------------------------------------------------------------------------------


def test_figure_shortcode_becomes_a_figure():
    text = '{{< figure src="/img/x.png" alt="An X" caption="图一" link="/big.png" width="300" >}}'
    assert expand(text, kind="hugo") == (
        '<figure><a href="/big.png"><img src="/img/x.png" alt="An X" width="300"></a>'
        "<figcaption>图一</figcaption></figure>"
    )


@pytest.mark.parametrize(
    "code, link",
    [
        (
            "{{< youtube w7Ft2ymGmfc >}}",
            '<a class="reader-label" href="https://www.youtube.com/watch?v=w7Ft2ymGmfc">YouTube video w7Ft2ymGmfc</a>',
        ),
        (
            '{{< tweet user="SanDiegoZoo" id="145" >}}',
            '<a class="reader-label" href="https://twitter.com/SanDiegoZoo/status/145">Tweet 145</a>',
        ),
        (
            "{{< gist spf13 7896402 >}}",
            '<a class="reader-label" href="https://gist.github.com/spf13/7896402">Gist spf13/7896402</a>',
        ),
        (
            "{{< instagram BWNjjyYFxVx >}}",
            '<a class="reader-label" href="https://www.instagram.com/p/BWNjjyYFxVx/">Instagram post BWNjjyYFxVx</a>',
        ),
    ],
)
def test_embedding_shortcodes_become_links(code, link):
    assert expand(code, kind="hugo") == link


def test_paired_shortcodes_keep_their_content_and_highlight_is_code():
    text = (
        "{{% note %}}inner **md**{{% /note %}}\n"
        '{{< highlight go "linenos=table" >}}\nfunc x() { {{< y >}} }\n{{< /highlight >}}\n'
    )
    assert expand(text, kind="hugo") == "inner **md**\n\n```go\nfunc x() { {{< y >}} }\n```\n\n"


def test_escaped_shortcodes_are_shown_as_written():
    out = expand("{{</* myshortcode x */>}} {{%/* other */%}} {{&#37; entity %}}", kind="hugo")
    assert out == "<code>{{&lt; myshortcode x &gt;}}</code> <code>{{% other %}}</code> <code>{{% entity %}}</code>"


def test_hugo_keeps_other_template_braces_and_jekyll_removes_them():
    assert expand("The {{ .Title }} variable", kind="hugo") == "The {{ .Title }} variable"
    assert expand("The {{ .Title }} variable", kind="jekyll") == "The  variable"


# --- kramdown --------------------------------------------------------------------------------------


def test_kramdown_attribute_lists_go_and_their_line_stays_blank():
    text = (
        'para\n{: .class #id key="v"}\nnext ![i](a.png){: .img-fluid}\n* TOC\n{:toc}\n{::comment}\nx\n{:/comment}\nend'
    )
    assert expand(text) == "para\n\nnext ![i](a.png)\n\n\nend"


def test_rust_format_strings_are_not_kramdown():
    assert expand('println!("{:?} {:#}", x)') == 'println!("{:?} {:#}", x)'


def test_expand_site_urls_leaves_every_other_brace():
    site = Site("obsidian", Path("/v"), Path("/v"), url="https://x.cn", baseurl="/b")
    assert liquid.expand_site_urls("{{ site.baseurl }}/i.png {{date}} {% if %}", site) == "/b/i.png {{date}} {% if %}"


# --- hostile input ---------------------------------------------------------------------------------


def test_an_unclosed_tag_does_not_swallow_the_rest_of_the_post():
    assert expand("start {% broken\n\nlater paragraph stays") == "start {% broken\n\nlater paragraph stays"
    # An unclosed raw is an unknown tag: it goes, and what follows is read as usual.
    assert expand("{% raw %} never closed {{ x }}\n\nend") == " never closed \n\nend"


def test_a_tag_cannot_reach_past_500_characters():
    assert expand("{% if " + "x " * 200 + "%} after") == " after"
    long = "{% if " + "x " * 300 + "%} after"
    assert expand(long) == long


@pytest.mark.parametrize(
    "unit",
    [
        "{% ",
        "{% raw %}",
        "{% highlight x %}",
        "{{< highlight go >}}",
        "{: .x ",
        '{{< figure src="',
        "{{ ",
        "{{</* ",
        "{::comment}",
    ],
)
def test_floods_of_unclosed_openers_take_linear_time(unit):
    body = unit * (200_000 // len(unit))
    began = time.process_time()
    out = expand(body)
    # Quadratic patterns took 20+ s on 30 KB; linear ones take well under a second on 200 KB.
    assert time.process_time() - began < 3
    assert len(out) <= len(body)


def test_pairs_replaces_each_opener_with_its_own_closer():
    pair = (re.compile(r"<<"), re.compile(r">>"))
    assert liquid.pairs("a<<b>>c<<d>>e<<f", pair, lambda m, inner, end: inner.upper()) == "aBcDe<<f"
