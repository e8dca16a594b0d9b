"""Where links lead (links.py): outside links by scheme, category and tag pages, a site's own URL,
the posts a path may name (also for a site in `docs/` opened at its repository)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.links import (
    back_link,
    links_to,
    outside_target,
    post_candidates,
    split_href,
    target_without_index,
    taxonomy_of,
)
from reader.core.types import LinkTarget, Site

SITE = Site(kind="jekyll", root=Path("/r/docs"), library_root=Path("/r"), url="https://example.org", baseurl="/blog")


@pytest.mark.parametrize(
    "href, expected",
    [
        ("#part-2", LinkTarget("anchor", key="part-2")),
        ("#%E7%AC%AC", LinkTarget("anchor", key="第")),
        ("https://a.org/x", LinkTarget("external", url="https://a.org/x")),
        ("MAILTO:me@a.org", LinkTarget("external", url="MAILTO:me@a.org")),
        ("javascript:alert(1)", LinkTarget("refused", url="javascript:alert(1)")),
        ("file:///etc/passwd", LinkTarget("refused", url="file:///etc/passwd")),
        ("../other.md", LinkTarget("missing", key="../other.md")),
    ],
)
def test_where_a_link_leads_without_an_index(href, expected):
    assert target_without_index(href) == expected


def test_only_safe_schemes_go_outside():
    assert outside_target("https", "https://a.org", "//a.org").kind == "external"
    assert outside_target("data", "data:x", "data:x") == LinkTarget("refused", url="data:x")


def test_the_sites_own_url_is_a_path_inside_it():
    assert split_href(SITE, "https://example.org/blog/2022/01/x.html#t") == ("", "/2022/01/x.html", "t")
    assert split_href(SITE, "https://example.org") == ("", "/", "")
    assert split_href(SITE, "/blog/2022/01/x.html") == ("", "/2022/01/x.html", "")
    assert split_href(SITE, "//other.org/x") == ("https", "https://other.org/x", "")


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/category/jingji.html", ("category", "jingji")),
        ("/Tags/ev/index.html", ("tag", "ev")),
        ("/categories/a/b.html", None),  # a page below a category page is not one
        ("/posts/x.html", None),
    ],
)
def test_category_and_tag_pages(path, expected):
    assert taxonomy_of(path) == expected


def test_a_back_link_names_its_category():
    href = "https://example.org/category/zhongguojingjiwang.html"
    assert back_link(SITE, href, "返回中国经济网新闻") == ("category", "zhongguojingjiwang", "中国经济网新闻")
    assert back_link(SITE, "https://example.org/posts/x.html", "返回首页") is None


def test_a_root_relative_link_in_a_docs_site_names_a_library_path():
    """The site lives in docs/ and the library was opened at the repository: /about.md is docs/about.md."""
    assert post_candidates(SITE, "docs/_posts/a.md", "/about.md")[:2] == ["docs/about.md", "docs/about.md.md"]
    assert post_candidates(SITE, "docs/_posts/a.md", "b.md")[0] == "docs/_posts/b.md"


@pytest.mark.parametrize(
    "href",
    [
        "http://finance.eastmoney.com/news/11060,202112082206672930.html",  # as finews writes it
        "https://FINANCE.eastmoney.com/news/11060,202112082206672930.html#top",
        "//finance.eastmoney.com/news/11060%2C202112082206672930.html",
    ],
)
def test_a_link_to_the_same_page_is_found_however_it_is_written(href):
    url = "http://finance.eastmoney.com/news/11060,202112082206672930.html"
    assert links_to(["/category/emnews.html", href], url)


@pytest.mark.parametrize(
    "href",
    [
        "http://finance.eastmoney.com/news/11060,202112082206672931.html",
        "http://finance.eastmoney.com/news/11060,202112082206672930.html?page=2",
        "http://quote.eastmoney.com/news/11060,202112082206672930.html",
        "/news/11060,202112082206672930.html",
        "mailto:finance.eastmoney.com",
        "http://[broken",
    ],
)
def test_a_link_elsewhere_is_not_the_same_page(href):
    assert not links_to([href], "http://finance.eastmoney.com/news/11060,202112082206672930.html")
    assert not links_to([href], "http://[broken")
