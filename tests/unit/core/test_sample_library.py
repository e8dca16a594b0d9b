"""Shape checks for the bundled sample library in resources/sample-library/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "sample-library"
POSTS = SAMPLE / "_posts"
DRAFTS = SAMPLE / "_drafts"
IMAGES = SAMPLE / "assets" / "images"

FILE_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-[A-Za-z0-9-]+\.md$")
CJK = re.compile(r"[\u4e00-\u9fff]")
LOCAL_IMAGE = re.compile(r"\{\{ site\.baseurl \}\}/assets/images/([^\s\"')]+)")
POST_URL = re.compile(r"\{% post_url ([\w-]+) %\}")
PERMALINK = re.compile(r"\]\(/(\d{4})/(\d{2})/(\d{2})/([\w-]+)\.html\)")


def _split(path: Path) -> tuple[str, str]:
    """Return (front matter text, body) of a `---`-fenced file."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path.name
    front, body = text[4:].split("\n---\n", 1)
    return front, body


def _all_files() -> list[Path]:
    return sorted(POSTS.glob("*.md")) + sorted(DRAFTS.glob("*.md"))


def _parsed() -> dict[str, dict | None]:
    """File name -> front matter mapping, or None when the YAML is broken."""
    out: dict[str, dict | None] = {}
    for path in _all_files():
        front, _ = _split(path)
        try:
            out[path.name] = yaml.safe_load(front)
        except yaml.YAMLError:
            out[path.name] = None
    return out


def test_config_has_the_promised_keys():
    config = yaml.safe_load((SAMPLE / "_config.yml").read_text(encoding="utf-8"))
    assert config["title"] == "剪报示例 · Jianbao Sample"
    assert config["url"] == "https://sample.jianbao.invalid"
    assert config["baseurl"] == ""
    assert config["timezone"] == "Asia/Shanghai"
    assert config["lang"] == "zh-CN"


def test_category_page_names_the_pinyin_slug():
    front, _ = _split(SAMPLE / "category" / "jingji.html")
    page = yaml.safe_load(front)
    assert page == {"layout": "category", "title": "经济新闻", "category": "jingji"}


def test_post_count_and_file_names():
    posts = sorted(POSTS.glob("*.md"))
    assert 30 <= len(posts) <= 60
    for path in posts:
        assert FILE_NAME.match(path.name), path.name


def test_dates_span_at_least_four_years_with_several_months():
    months_by_year: dict[str, set[str]] = {}
    for path in POSTS.glob("*.md"):
        year, month, _ = FILE_NAME.match(path.name).groups()
        months_by_year.setdefault(year, set()).add(month)
    busy_years = [y for y, months in months_by_year.items() if len(months) >= 3]
    assert len(busy_years) >= 4, months_by_year


def test_exactly_one_broken_file_and_its_body_still_reads():
    parsed = _parsed()
    broken = [name for name, meta in parsed.items() if meta is None]
    assert len(broken) == 1, broken
    _, body = _split(POSTS / broken[0])
    assert len(CJK.findall(body)) > 100


def test_every_other_front_matter_is_a_mapping_with_a_title():
    for name, meta in _parsed().items():
        if meta is None:
            continue
        assert isinstance(meta, dict), name
        assert isinstance(meta.get("title"), str) and meta["title"].strip(), name


def test_drafts_exist_both_ways():
    unpublished = [n for n, m in _parsed().items() if m and m.get("published") is False]
    assert unpublished, "expected a post with published: false"
    assert list(DRAFTS.glob("*.md")), "expected a file in _drafts/"


def test_both_languages_present():
    chinese = english = 0
    for path in POSTS.glob("*.md"):
        _, body = _split(path)
        if len(CJK.findall(body)) > len(body) / 3:
            chinese += 1
        elif not CJK.search(body[:200]):
            english += 1
    assert chinese >= 10 and english >= 10, (chinese, english)


def test_pinyin_categories_and_shared_tags():
    categories: set[str] = set()
    tag_counts: dict[str, int] = {}
    for meta in _parsed().values():
        if not meta:
            continue
        cats = meta.get("categories")
        categories.update(cats if isinstance(cats, list) else [cats])
        tags = meta.get("tags")
        for tag in tags if isinstance(tags, list) else [tags]:
            tag_counts[tag] = tag_counts.get(tag, 0) + 1
    assert {"jingji", "keji", "wenhua", "tiyu"} <= categories
    assert tag_counts["经济新闻"] > tag_counts["体育新闻"] > 1
    assert any(t.isascii() and n > 1 for t, n in tag_counts.items())


@pytest.mark.parametrize("path", _all_files(), ids=lambda p: p.name)
def test_every_local_image_exists_and_is_small(path):
    _, body = _split(path)
    for name in LOCAL_IMAGE.findall(body):
        image = IMAGES / name
        assert image.is_file(), f"{path.name} -> {name}"
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert image.stat().st_size < 30_000


def test_enough_posts_use_local_images_and_one_uses_a_remote_one():
    bodies = [_split(p)[1] for p in POSTS.glob("*.md")]
    assert sum(1 for b in bodies if LOCAL_IMAGE.search(b)) >= 4
    assert any("https://images.example.invalid/photo.jpg" in b for b in bodies)


def test_links_between_posts_resolve():
    stems = {p.stem for p in POSTS.glob("*.md")}
    post_urls = permalinks = 0
    for path in POSTS.glob("*.md"):
        _, body = _split(path)
        for target in POST_URL.findall(body):
            assert target in stems, f"{path.name} -> {target}"
            post_urls += 1
        for year, month, day, slug in PERMALINK.findall(body):
            assert f"{year}-{month}-{day}-{slug}" in stems, f"{path.name} -> {slug}"
            permalinks += 1
    assert post_urls >= 1 and permalinks >= 1


def test_some_articles_are_long_enough_to_page():
    lengths = [len(_split(p)[1]) for p in POSTS.glob("*.md")]
    assert sum(1 for n in lengths if n >= 1500) >= 3
    assert min(lengths) < 600  # and some are short
