"""What kind of site a folder is (site.py): the six kinds of the suite's own libraries, their settings,
a site found above or just below the opened folder, and the root of the site a file lies in."""

from __future__ import annotations

import shutil

import pytest

from reader.core.site import detect_site, find_library_root
from tests.corpus import FIXTURES


@pytest.mark.parametrize(
    "name, kind, url, baseurl, timezone",
    [
        ("jekyll", "jekyll", "https://news.example.org", "/clips", "Asia/Shanghai"),
        ("hexo", "hexo", "https://notes.example.net", "", "Asia/Shanghai"),  # Hexo's `root: /` is no base
        ("hugo", "hugo", "https://blog.example.com", "", None),  # baseURL's trailing / dropped
        ("zola", "zola", "https://lang.example.org", "", None),
        ("obsidian", "obsidian", None, "", None),
        ("plain", "folder", None, "", None),
    ],
)
def test_each_kind_of_site_and_its_settings(name, kind, url, baseurl, timezone):
    site = detect_site(FIXTURES / name)
    root = (FIXTURES / name).resolve()
    assert (site.kind, site.root, site.library_root) == (kind, root, root)
    assert (site.url, site.baseurl, site.timezone) == (url, baseurl, timezone)


def test_a_folder_inside_a_site_belongs_to_it():
    site = detect_site(FIXTURES / "jekyll" / "_posts")
    assert (site.kind, site.root) == ("jekyll", (FIXTURES / "jekyll").resolve())
    assert site.library_root == (FIXTURES / "jekyll" / "_posts").resolve()


def test_a_site_just_below_the_opened_folder_is_found(tmp_path):
    shutil.copytree(FIXTURES / "hugo", tmp_path / "repo" / "site")
    site = detect_site(tmp_path / "repo")
    assert (site.kind, site.root, site.library_root) == (
        "hugo",
        (tmp_path / "repo" / "site").resolve(),
        (tmp_path / "repo").resolve(),
    )


def test_two_sites_below_make_a_plain_folder(tmp_path):
    shutil.copytree(FIXTURES / "hugo", tmp_path / "repo" / "a")
    shutil.copytree(FIXTURES / "zola", tmp_path / "repo" / "b")
    assert detect_site(tmp_path / "repo").kind == "folder"


def test_a_broken_config_still_tells_the_kind(tmp_path):
    shutil.copytree(FIXTURES / "jekyll", tmp_path / "site")
    (tmp_path / "site" / "_config.yml").write_text("title: [unclosed\nurl: x\n", encoding="utf-8")
    site = detect_site(tmp_path / "site")
    assert site.kind == "jekyll" and site.url is None and site.title is None


def test_the_root_of_the_site_a_file_lies_in(tmp_path):
    assert find_library_root(FIXTURES / "hexo" / "source" / "_posts" / "algorithms") == (FIXTURES / "hexo").resolve()
    (tmp_path / "note.md").write_text("x", encoding="utf-8")
    assert find_library_root(tmp_path / "note.md") is None


def test_the_readers_of_a_site_without_toml_do_not_import_tomllib():
    """tomllib is imported by the first TOML file (2 ms of the CLI search's snippet helper, which reads Jekyll)."""
    import subprocess
    import sys

    code = "import sys, reader.core.site, reader.core.frontmatter; print('tomllib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
