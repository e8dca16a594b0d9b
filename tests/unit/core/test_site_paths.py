"""Where things are in a site, one owner each (site_paths): a library path as a path in the site and
back, taxonomy folders, file stems, the site's own URL; and the `docs/` site opened at its repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.site import detect_site
from reader.core.site_paths import file_stem, library_path, own_host, own_url, relative_path, site_path, taxonomy_folder
from reader.core.types import Site
from tests.corpus import FIXTURES

ROOT = Path("/r/site")


def _site(library_root: Path, root: Path = ROOT, url: str | None = None, baseurl: str = "") -> Site:
    return Site(kind="jekyll", root=root, library_root=library_root, url=url, baseurl=baseurl)


@pytest.mark.parametrize(
    "library_root, relpath, expected",
    [
        (ROOT, "_posts/a.md", "_posts/a.md"),  # opened at the site root
        (ROOT / "_posts", "2022/a.md", "_posts/2022/a.md"),  # opened inside it
        (Path("/r"), "site/_posts/a.md", "_posts/a.md"),  # opened above it: a repository with its site in docs/
        (Path("/r"), "README.md", None),  # beside the site, not in it
        (Path("/elsewhere"), "a.md", None),
    ],
)
def test_a_library_path_is_a_site_path_and_back(library_root, relpath, expected):
    site = _site(library_root)
    assert site_path(site, relpath) == expected
    if expected is not None:
        assert library_path(site, expected) == relpath


def test_a_site_path_the_opened_folder_does_not_hold_has_no_library_path():
    assert library_path(_site(ROOT / "_posts"), "about.md") is None


def test_taxonomy_folders_in_any_case():
    assert [taxonomy_folder(n) for n in ("category", "Categories", "TAG", "tags", "posts")] == [
        "category",
        "category",
        "tag",
        "tag",
        None,
    ]


@pytest.mark.parametrize(
    "path, stem",
    [
        ("_posts/2021-12-01-x.md", "2021-12-01-x"),
        ("a.b.md", "a.b"),
        ("README", "README"),
        ("dir.d/.md", ".md"),
    ],
)
def test_file_stem(path, stem):
    assert file_stem(path) == stem


def test_the_sites_own_url_and_host():
    site = _site(ROOT, url="https://example.org", baseurl="/blog")
    assert own_host(site) == "example.org"
    assert own_url(site, "/2022/01/x.html") == "https://example.org/blog/2022/01/x.html"
    assert own_url(site, "2022/01/x.html") == "https://example.org/blog/2022/01/x.html"
    assert own_host(_site(ROOT)) is None and own_url(_site(ROOT), "/x") is None


def test_relative_path():
    assert relative_path(Path("/r"), Path("/r/a/b.md")) == "a/b.md"
    assert relative_path(Path("/r"), Path("/s/b.md")) is None


def test_a_jekyll_site_in_docs_opened_at_the_repository_gives_no_docs_category(tmp_path):
    """The bug of issue 12: every post of a site kept in `docs/` got the category `docs`."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "jekyll", repo / "docs")
    (repo / "README.md").write_text("# the repository, not a post\n", encoding="utf-8")
    site = detect_site(repo)
    assert (site.kind, site.root, site.library_root) == ("jekyll", (repo / "docs").resolve(), repo.resolve())

    at_repo, at_site = Library(repo, data_dir=tmp_path / "d1"), Library(repo / "docs", data_dir=tmp_path / "d2")
    try:
        for library in (at_repo, at_site):
            library.refresh()
        seen = {s.path: s.categories for s in at_repo.list_posts()}
        expected = {"docs/" + s.path: s.categories for s in at_site.list_posts()}
        assert seen == expected
        assert "docs" not in {f.key for f in at_repo.facets("category")}
        assert {f.key for f in at_repo.facets("category")} == {"jingji", "tiyu"}
    finally:
        at_repo.close()
        at_site.close()


def test_a_file_given_by_the_user_as_a_library_path(tmp_path, monkeypatch):
    """Library.path_of: the one place an absolute path (command line, FileOpen) becomes a post's path."""
    shutil.copytree(FIXTURES / "jekyll", tmp_path / "site")
    post = tmp_path / "site" / "_posts" / "2021-12-01-bingxue-jijie.md"
    (tmp_path / "link.md").symlink_to(post)
    (tmp_path / "outside.md").write_text("x", encoding="utf-8")
    library = Library(tmp_path / "site", data_dir=tmp_path / "data")
    try:
        assert library.path_of(post) == "_posts/2021-12-01-bingxue-jijie.md"
        assert library.path_of(tmp_path / "link.md") == "_posts/2021-12-01-bingxue-jijie.md"
        monkeypatch.chdir(tmp_path / "site" / "_posts")
        assert library.path_of("2021-12-01-bingxue-jijie.md") == "_posts/2021-12-01-bingxue-jijie.md"
        assert library.path_of(tmp_path / "outside.md") is None
    finally:
        library.close()
