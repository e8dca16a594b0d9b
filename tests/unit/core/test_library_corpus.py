"""Every real folder in the shared corpus indexes, lists and searches as a reader should."""

import re

import pytest

from reader.core.library import Library
from reader.core.types import PostFilter
from tests.corpus import CORPUS, POST_COUNTS

# every test here reads the real post folders; indexing all eleven takes about 90 s
pytestmark = [pytest.mark.corpus, pytest.mark.slow]

SEED = "_posts/2022-01-21-NW202201212256817237.md"
BROKEN = "_posts/-202205262391921712.md"


@pytest.fixture(scope="module")
def libraries(tmp_path_factory):
    opened = {}
    data = tmp_path_factory.mktemp("data")
    for name in POST_COUNTS:
        library = Library(CORPUS / name, data_dir=data)
        library.refresh()
        opened[name] = library
    yield opened
    for library in opened.values():
        library.close()


@pytest.mark.parametrize("name", sorted(POST_COUNTS))
def test_every_folder_indexes_with_the_right_number_of_posts(libraries, name):
    library = libraries[name]
    assert library.count() == POST_COUNTS[name]
    done, total = library.text_progress()
    assert done == total == POST_COUNTS[name]
    for row in library.list_posts():
        assert row.title.strip(), row.path


def test_finews_seed_post(libraries):
    library = libraries["finews"]
    row = library.summaries([library.post_id(SEED)])[0]
    assert row.title == "拜年带货包饺子 上合组织五国外交官直播吆喝“国别爆款”"
    assert row.date == "2022-01-21T15:01:08+08:00"
    assert row.categories == ("zhongguojingjiwang",)
    assert row.tags == ("中国经济网新闻",)
    assert row.error is None
    post = library.get_post(row.id)
    assert "上合组织" in post.text
    assert post.meta.source_url.startswith("http://finews.zning.xyz/")


def test_finews_broken_post_is_listed_with_a_date_problem(libraries):
    library = libraries["finews"]
    row = library.summaries([library.post_id(BROKEN)])[0]
    assert row.title and row.title != '""'
    assert "date" in row.error.lower()
    assert BROKEN in [p.path for p in library.problems()]


def test_finews_category_gets_readable_names(libraries):
    labels = {f.key: f.label for f in libraries["finews"].facets("category")}
    # from the back-link text "返回中国经济网新闻" at the end of the seed post
    assert labels["zhongguojingjiwang"] == "中国经济网新闻"


@pytest.mark.parametrize(
    "name, path, title",
    [
        # Neither vault holds its .obsidian folder, so both are read as folders of notes: a note is named by
        # its file, not by its first section ("## Notes", "## 为笔记添加别名"); a level 1 heading still titles it.
        ("kepano-vault", "Daily/2023-09-30.md", "2023-09-30"),
        ("kepano-vault", "References/Kyoto.md", "Kyoto"),
        ("kepano-vault", "Notes/2023-09-12 Meeting with Steph.md", "Meeting with Steph"),  # the date: its own column
        ("obsidian-help", "zh/链接笔记与文件/别名.md", "别名"),
        ("obsidian-help", "en/User interface/Pop-out windows.md", "Pop-out windows"),
        ("obsidian-help", "en/Home.md", "Obsidian Help"),
    ],
)
def test_notes_are_titled_as_the_vault_names_them(libraries, name, path, title):
    (post,) = [row for row in libraries[name].list_posts() if row.path == path]
    assert post.title == title


def test_drafts_are_marked(libraries):
    library = libraries["18f-jekyll"]
    drafts = library.list_posts(PostFilter(drafts=True))
    assert drafts, "18F has a published: false post"
    assert all(d.draft for d in drafts)
    assert library.count(PostFilter(drafts=False)) == POST_COUNTS["18f-jekyll"] - len(drafts)


_TEXTS: dict = {}


def _contains(library, needle):
    """Brute force: the ids of posts whose title or body text holds `needle` (case-insensitive)."""
    if library.root not in _TEXTS:
        _TEXTS[library.root] = {
            row.id: (p.meta.title + "\n" + p.text).lower()
            for row in library.list_posts()
            for p in [library.get_post(row.id)]
        }
    needle = needle.lower()
    return {post_id for post_id, text in _TEXTS[library.root].items() if needle in text}


@pytest.mark.parametrize(
    "name, query",
    [
        ("finews", "网"),
        ("finews", "外交"),
        ("finews", "上合组"),
        ("finews", "上合组织"),
        ("hexo-beyond1993", "算"),
        ("hexo-beyond1993", "投资"),
        ("hexo-beyond1993", "数据库"),
        ("hexo-beyond1993", "动态规划"),
        ("obsidian-help", "笔记"),
        ("obsidian-help", "插件"),
        ("rust-blog-zola", "compiler"),
        ("18f-jekyll", "accessibility"),
    ],
)
def test_search_finds_every_post_that_holds_the_text(libraries, name, query):
    library = libraries[name]
    expected = _contains(library, query)
    assert expected, f"the corpus should hold {query!r}"
    found = {hit.post.id for hit in library.search(query, limit=10_000)}
    if re.fullmatch(r"[a-z]+", query):
        # English matches whole words: the brute-force set may include longer words
        assert found and found <= expected
    else:
        assert found == expected


def test_search_snippets_mark_the_hits(libraries):
    hits = libraries["finews"].search("上合组织", snippets=1)
    assert hits and [hits[0].snippet.text[a:b] for a, b in hits[0].snippet.spans][:1] == ["上合组织"]


def test_snippets_beyond_the_first_hits_are_made_on_demand(libraries):
    library = libraries["hexo-beyond1993"]
    hits = library.search("数据", limit=30, snippets=5)
    assert len(hits) == 30
    assert all(_marked(h.snippet) == {"数据"} for h in hits[:5]) and all(h.snippet is None for h in hits[5:])
    later = library.snippets("数据", [h.post.id for h in hits[5:]])
    assert set(later) == {h.post.id for h in hits[5:]}
    assert all(_marked(snippet) == {"数据"} for snippet in later.values())


def _marked(snippet) -> set[str]:
    return {snippet.text[a:b] for a, b in snippet.spans}


def test_every_encoding_decodes(libraries):
    library = libraries["derived-encodings"]
    broken = [p for p in library.problems() if "encod" in p.message.lower() or "binary" in p.message.lower()]
    assert broken == []
    titles = {}
    for row in library.list_posts():
        folder, name = row.path.split("/", 1)
        titles.setdefault(name, set()).add(row.title)
    # the same post re-encoded reads the same in every encoding
    assert all(len(t) == 1 for t in titles.values()), {n: t for n, t in titles.items() if len(t) > 1}


# Every file in the corpus that cannot be read fully, and why: written by opening each one.
# kepano-vault's templates hold `{{date}}` placeholders that YAML reads as a mapping key; the
# hexo post is dated 2018-02-31; finews's post (and its re-encoded copies) has `date:  +0800`.
PROBLEMS = {
    "finews": {"_posts/-202205262391921712.md": "date '+0800' is not a date"},
    "derived-encodings": {
        f"{enc}/-202205262391921712.md": "date '+0800' is not a date" for enc in ("gbk", "utf-16", "utf-8-sig")
    },
    "hexo-beyond1993": {
        "source/_posts/LeetCode/0032-Longest-Valid-Parentheses.md": "date '2018-02-31 23:50:48' is not a date"
    },
    "kepano-vault": {
        "Templates/Album Template.md": "front matter, line 7: found unhashable key (created: {{date}})",
        "Templates/Evergreen Template.md": "front matter, line 2: found unhashable key (created: {{date}})",
        "Templates/Stock Trade Template.md": "front matter, line 2: found unhashable key (date: {{date}})",
    },
}
KEPANO_BROKEN_TEMPLATES = 28  # of 52 templates: those whose front matter has a `{{date}}` value


@pytest.mark.parametrize("name", sorted(POST_COUNTS))
def test_every_broken_file_is_listed_with_its_reason(libraries, name):
    found = {p.path: p.message for p in libraries[name].problems()}
    expected = PROBLEMS.get(name, {})
    if name == "kepano-vault":
        assert len(found) == KEPANO_BROKEN_TEMPLATES
        assert all(path.startswith("Templates/") and "{{" in message for path, message in found.items())
        assert {path: found[path] for path in expected} == expected
    else:
        assert found == expected
