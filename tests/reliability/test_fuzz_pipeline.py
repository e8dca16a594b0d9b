"""Property tests on the reading pipeline: any bytes in, a ParsedPost and safe HTML out, nothing raised."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz import MUTATIONS, NAMES, SITE_KINDS, check, corpus_posts, json_front, mutate, toml_front, yaml_front
from reader.core.errors import PostError
from reader.core.library import Library
from reader.core.sanitize import sanitize_html
from reader.core.types import Site
from tests.corpus import CORPUS, FOUND

# Few thousand cases in all, about a minute on CI; `python -m bench.fuzz --cases 100000` runs the long one.
FUZZ = settings(
    deadline=None,
    database=None,
    derandomize=False,
    max_examples=600,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
POSTS = corpus_posts(corpus=CORPUS) if FOUND else []
sites = st.sampled_from(SITE_KINDS).map(lambda kind: Site(kind, Path("/nonexistent/site"), Path("/nonexistent/site")))


@pytest.mark.corpus
def test_the_corpus_sample_covers_every_folder():
    assert len(POSTS) > 300
    assert any(b"+++" in data[:4] for _, data in POSTS) and any(data.startswith(b"---") for _, data in POSTS)
    assert any("\u4e00" <= ch <= "\u9fff" for _, data in POSTS for ch in data[:2000].decode("utf-8", "ignore"))


@FUZZ
@given(site=sites, relpath=st.sampled_from(NAMES), data=st.binary(max_size=3000))
def test_random_bytes(site, relpath, data):
    check(site, relpath, data)


@pytest.mark.slow  # 8-18 s: hypothesis, hundreds of cases
@pytest.mark.corpus
@settings(FUZZ, max_examples=1200)
@given(
    site=sites,
    post=st.sampled_from(POSTS),
    kinds=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3),
    where=st.floats(0, 1),
    payload=st.binary(max_size=64),
)
def test_mutated_real_posts(site, post, kinds, where, payload):
    relpath, data = post
    for kind in kinds:
        data = mutate(data, kind, where, payload)
    check(site, relpath, data)


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=40)
    | st.sampled_from(
        [
            "2022-01-21 15:01:08 +0800",
            "2018-02-31",
            "[[链接]]",
            "{{date}}",
            "September 8, 2014",
            "2016-07-19 (optional)",
        ]
    )
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
keys = st.sampled_from(
    [
        "title",
        "date",
        "tags",
        "categories",
        "draft",
        "published",
        "author",
        "authors",
        "excerpt",
        "permalink",
        "lang",
        "source_url",
        "aliases",
        "标题",
    ]
) | st.text(max_size=12)


@pytest.mark.slow  # 8-18 s: hypothesis, hundreds of cases
@FUZZ
@given(
    site=sites,
    relpath=st.sampled_from(NAMES),
    front=st.dictionaries(keys, values, max_size=8),
    writer=st.sampled_from([yaml_front, json_front, toml_front]),
)
def test_random_front_matter(site, relpath, front, writer):
    try:
        data = writer(front)
    except (ValueError, TypeError, OverflowError):  # the writer itself cannot say it: nothing to test
        data = json.dumps({k: str(v) for k, v in front.items()}, ensure_ascii=False).encode()
    parsed = check(site, relpath, data)
    assert "正文" in parsed.body or parsed.meta.error or parsed.body == ""


DANGEROUS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">j</a>',
    '<a href="java&#x09;script:alert(1)">t</a>',
    '<a href=" JaVaScRiPt:alert(1)">s</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x">',
    '<link rel=stylesheet href="https://evil.example/a.css">',
    "<style>@import url(https://evil.example/a.css); @font-face{src:url(https://evil.example/f.woff)}</style>",
    '<p style="background:url(https://evil.example/t.png)">bg</p>',
    '<img src="file:///etc/passwd">',
    '<img src="data:image/png;base64,AAAA">',
    '<svg><image href="https://evil.example/s.png"/></svg>',
    '<video poster="https://evil.example/p.png" src="https://evil.example/v.mp4"></video>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<form action="https://evil.example/"><input name=a></form>',
    '<img srcset="https://evil.example/1.png 2x">',
    '<div onclick="x()">c</div>',
    "<math><mtext><script>x</script></mtext></math>",
    "<!--<script>x</script>-->",
    '<a href="vbscript:msgbox(1)">v</a>',
    '<a href="file:///etc/passwd">f</a>',
    '<a href="data:text/html,<b>x</b>">d</a>',
    '<table background="https://evil.example/t.png"><tr><td>t</td></tr></table>',
    '<body background="x.png">',
    '<img src="//evil.example/a.png" onload=x>',
    "<noscript><img src=x onerror=y></noscript>",
    "<template><img src=x onerror=y></template>",
    '<portal src="https://evil.example/"></portal>',
    "<![CDATA[<script>x</script>]]>",
    "<?php echo 1 ?>",
    '<a href="&#106;avascript:alert(1)">e</a>',
]
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


@settings(FUZZ, max_examples=400)
@given(
    parts=st.lists(st.sampled_from(DANGEROUS) | st.text(max_size=20), min_size=1, max_size=8),
    nest=st.sampled_from(
        [
            "{}",
            "<p>{}</p>",
            "<div><span>{}</span></div>",
            "<table><tr><td>{}</td></tr></table>",
            "<a href='https://ok.example/'>{}</a>",
            "<ul><li>{}",
        ]
    ),
)
def test_sanitizer_lets_nothing_fetch_or_run(parts, nest):
    from bs4 import BeautifulSoup

    out = sanitize_html(nest.format("".join(parts)))
    soup = BeautifulSoup(out, "lxml")
    for el in soup.find_all(True):
        assert el.name not in (
            "script",
            "style",
            "iframe",
            "object",
            "embed",
            "link",
            "base",
            "meta",
            "form",
            "svg",
            "video",
            "audio",
            "source",
            "image",
            "math",
            "portal",
            "input",
        )
        for attr in el.attrs:
            assert not attr.startswith("on"), out
            assert attr not in ("style", "srcset", "poster", "background", "action", "data", "formaction"), out
        for attr in ("src", "href"):
            value = el.get(attr)
            if value is not None:
                low = "".join(value.split()).lower()
                assert not low.startswith(("javascript:", "vbscript:", "data:", "file:")), out
                scheme = _SCHEME.match(low)
                if el.name == "img":
                    assert scheme is None or scheme.group(1) in ("http", "https", "wikilink"), out
        assert not any("url(" in str(v).lower() for v in el.attrs.values()), out


def test_get_post_on_an_unreadable_file_raises_post_error_naming_it(tmp_path):
    (tmp_path / "a.md").write_text("# 标题\n正文\n", encoding="utf-8")
    library = Library(tmp_path, data_dir=tmp_path.parent / (tmp_path.name + "-data"))
    try:
        library.refresh()
        post_id = library.post_id("a.md")
        (tmp_path / "a.md").unlink()
        with pytest.raises(PostError) as caught:
            library.get_post(post_id)
        assert "a.md" in str(caught.value)
    finally:
        library.close()
