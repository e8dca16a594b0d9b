"""Readable names of slug categories and tags: back-links, site settings and data files, term pages, paired tags."""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.links import back_link
from reader.core.site import detect_site, taxonomy_names
from reader.core.store import Store
from reader.core.types import PostMeta, Site
from tests.corpus import CORPUS

FINEWS = Site(kind="jekyll", root=Path("/s"), library_root=Path("/s"), url="https://finews.withounder.com")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def jekyll(tmp_path: Path, config: str = "title: t\n") -> Path:
    write(tmp_path / "_config.yml", config)
    write(tmp_path / "_posts" / "2022-01-01-a.md", "---\ntitle: A\ncategories: emnews\n---\nx\n")
    return tmp_path


# --- back-links ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "href",
    [
        "//finews.withounder.com/emnews/",
        "../emnews/",
        "/emnews.html",
        "https://finews.withounder.com/emnews/index.html",
    ],
)
def test_a_back_link_to_a_page_named_after_the_posts_category_names_it(href):
    assert back_link(FINEWS, href, "返回东财滚动新闻", ("emnews",)) == ("category", "emnews", "东财滚动新闻")
    assert back_link(FINEWS, href, "Back to Market news", ("emnews",)) == ("category", "emnews", "Market news")


def test_other_links_name_nothing():
    assert back_link(FINEWS, "../emnews/", "东财滚动新闻", ("emnews",)) is None  # not "back to"
    assert back_link(FINEWS, "../emnews/", "返回东财滚动新闻", ("other",)) is None  # not its category
    assert back_link(FINEWS, "//finews.withounder.com/", "返回首页", ("emnews",)) is None
    assert back_link(FINEWS, "https://elsewhere.com/emnews/", "返回东财", ("emnews",)) is None
    assert back_link(FINEWS, "../x/", "返回", ("",)) is None


def test_back_links_are_read_in_linear_time():
    text = "返回" + " " * 50_000 + "x"
    started = time.perf_counter()
    back_link(FINEWS, "../emnews/" + "/" * 50_000, text, ("emnews",))
    assert time.perf_counter() - started < 1.0


# --- the site's own files --------------------------------------------------------------------


def test_jekyll_data_files_name_slugs_in_each_usual_shape(tmp_path):
    root = jekyll(tmp_path)
    write(root / "_data" / "categories.yml", "emnews: 东财滚动新闻\nsitenews:\n  name: 站长消息\n")
    write(root / "_data" / "tag_names.json", '[{"slug": "ev", "title": "电动车"}, {"slug": "x"}]')
    write(root / "_data" / "navigation.yml", "emnews: not a name\n")  # not about categories or tags
    names = taxonomy_names(detect_site(root))
    assert names == {"category": {"emnews": "东财滚动新闻", "sitenews": "站长消息"}, "tag": {"ev": "电动车"}}


def test_config_settings_name_slugs_and_hexo_maps_are_turned_round(tmp_path):
    root = jekyll(
        tmp_path,
        "title: t\ncategory_names:\n  emnews: 东财滚动新闻\ncategory_archive:\n"
        "  type: liquid\ntag_map:\n  电动车: ev\n",
    )
    assert taxonomy_names(detect_site(root)) == {"category": {"emnews": "东财滚动新闻"}, "tag": {"ev": "电动车"}}


def test_hugo_term_pages_name_their_slugs(tmp_path):
    write(tmp_path / "hugo.toml", 'title = "t"\n')
    write(tmp_path / "content" / "posts" / "a.md", "+++\ntitle = 'A'\ncategories = ['caijing']\n+++\n")
    write(tmp_path / "content" / "categories" / "caijing" / "_index.md", "---\ntitle: 财经\n---\n")
    write(tmp_path / "content" / "tags" / "ev" / "_index.md", "---\ntitle: ev\n---\n")  # names nothing new
    assert taxonomy_names(detect_site(tmp_path)) == {"category": {"caijing": "财经"}, "tag": {}}


def test_broken_huge_or_odd_data_files_name_nothing(tmp_path):
    root = jekyll(tmp_path, "title: t\ncategory_names: [1, 2]\n")
    write(root / "_data" / "categories.yml", "emnews: [unclosed\n")
    write(root / "_data" / "tags.yml", "a: b\n" * 300_000)  # over 1 MiB
    write(root / "_data" / "category.json", '[1, null, {"name": "no key"}]')
    (root / "_data" / "tag").mkdir()
    assert taxonomy_names(detect_site(root)) == {"category": {}, "tag": {}}


# --- paired tags -----------------------------------------------------------------------------


def post(path, categories, tags):
    return PostMeta(path=path, title=path, date=None, sort_key=None, categories=categories, tags=tags), 1, 1


def test_a_slug_category_whose_posts_all_carry_one_chinese_tag_takes_its_name(tmp_path):
    s = Store(tmp_path / "i.db")
    s.write_metadata(
        [
            post("a.md", ("sitenews",), ("站长消息",)),
            post("b.md", ("sitenews",), ("站长消息",)),
            post("c.md", ("emnews",), ("东财滚动新闻", "汽车")),  # two tags on every post: which one?
            post("d.md", ("emnews",), ("东财滚动新闻", "汽车")),
            post("e.md", ("keji",), ("科技",)),
            post("f.md", ("caijing",), ("科技",)),  # 科技 is shared: it names neither
            post("g.md", ("rust",), ("release",)),  # an ASCII tag is no better a name
            post("h.md", ("财经",), ("新闻",)),  # already readable
            post("i.md", ("mixed",), ("甲",)),
            post("j.md", ("mixed",), ()),  # not every post carries it
        ]
    )
    assert s.paired_tags() == {"sitenews": "站长消息"}
    s.close()


# --- a whole library -------------------------------------------------------------------------


@pytest.mark.corpus
def test_finews_slug_categories_get_their_names(tmp_path):
    copy = tmp_path / "finews"
    shutil.copytree(CORPUS / "finews", copy)
    library = Library(copy, data_dir=tmp_path / "data")
    try:
        library.refresh()
        names = {f.key: f.label for f in library.facets("category")}
        assert names == {"emnews": "东财滚动新闻", "sitenews": "站长消息", "zhongguojingjiwang": "中国经济网新闻"}
        # The site's own settings win over what the posts suggest, and stay after a refresh.
        write(copy / "_data" / "categories.yml", "sitenews: 本站消息\n")
        library.refresh()
        library.refresh()
        assert library.labels("category")["sitenews"] == "本站消息"
    finally:
        library.close()


def test_names_never_come_from_a_file_outside_the_site(tmp_path):
    outside = write(tmp_path / "elsewhere" / "names.yml", "emnews: 外面的名字\n")
    write(tmp_path / "elsewhere" / "_index.md", "---\ntitle: 外面\n---\n")
    root = jekyll(tmp_path / "site")
    (root / "_data").mkdir()
    (root / "_data" / "categories.yml").symlink_to(outside)
    os.mkfifo(root / "_data" / "tags.yml")  # would block a plain open
    assert taxonomy_names(detect_site(root)) == {"category": {}, "tag": {}}
    hugo = tmp_path / "hugo"
    write(hugo / "hugo.toml", 'title = "t"\n')
    write(hugo / "content" / "posts" / "a.md", "+++\ntitle = 'A'\n+++\n")
    (hugo / "content" / "categories" / "caijing").mkdir(parents=True)
    (hugo / "content" / "categories" / "caijing" / "_index.md").symlink_to(tmp_path / "elsewhere" / "_index.md")
    assert taxonomy_names(detect_site(hugo)) == {"category": {}, "tag": {}}


# The query paired_tags() ran before it joined only the categories with as many posts as some tag.
_PAIRED_BY_ONE_JOIN = (
    "WITH c AS (SELECT key, count(*) AS n FROM post_labels WHERE kind = 'category' GROUP BY key),"
    " t AS (SELECT key, count(*) AS n FROM post_labels WHERE kind = 'tag' GROUP BY key)"
    " SELECT pc.key, min(pt.key) FROM post_labels pc"
    " JOIN post_labels pt ON pt.kind = 'tag' AND pt.post_id = pc.post_id"
    " JOIN c ON c.key = pc.key JOIN t ON t.key = pt.key"
    " WHERE pc.kind = 'category' AND c.n = t.n"
    " GROUP BY pc.key, pt.key HAVING count(*) = min(c.n)"
)


def test_paired_tags_are_those_of_the_join_of_every_category(tmp_path):
    rng = random.Random(7)
    categories, tags = (
        ["sitenews", "emnews", "keji", "财经", "a", "b"],
        ["站长消息", "东财", "科技", "release", "甲", "乙"],
    )
    found = 0
    for run in range(12):
        s = Store(tmp_path / f"{run}.db")
        metas = []
        for n in range(rng.randint(1, 40)):
            cats = tuple(rng.sample(categories, rng.randint(0, 2)))
            # Often a category's own tag, so that pairs (and near pairs) are common.
            own = tuple(tags[categories.index(c)] for c in cats if rng.random() < 0.9)
            metas.append(post(f"{n}.md", cats, tuple(dict.fromkeys(own + tuple(rng.sample(tags, rng.randint(0, 1)))))))
        s.write_metadata(metas)
        pairs: dict[str, list[str]] = {}
        for category, tag in s._db.execute(_PAIRED_BY_ONE_JOIN):
            pairs.setdefault(category, []).append(tag)
        expected = {c: t[0] for c, t in pairs.items() if len(t) == 1 and c.isascii() and not t[0].isascii()}
        assert s.paired_tags() == expected, metas
        found += bool(expected)
        s.close()
    assert found >= 3  # runs with a pair: the comparison is not of empty answers alone
