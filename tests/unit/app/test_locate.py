"""What a path given to `jianbao` means: library-root discovery on the corpus and on made-up trees."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest

from reader.app import locate as locate_module
from reader.app.locate import absolute, is_post_folder, locate
from reader.core.errors import PostError
from reader.core.library import Library
from reader.core.site import find_library_root
from tests.corpus import CORPUS


@pytest.mark.corpus
@pytest.mark.parametrize(
    "post, root",
    [
        ("finews/_posts/2022-01-21-NW202201212256817237.md", "finews"),
        ("finews/_posts/-202205262391921712.md", "finews"),
        ("finews/old_post/2021-12-08-202112082207168450.md", "finews"),
        ("18f-jekyll/_posts/2016-03-15-treasury-and-the-data-act-full-of-sunshine.md", "18f-jekyll"),
        ("hexo-beyond1993/source/_posts/give-up-php.md", "hexo-beyond1993"),
        ("jessfraz-hugo/content/post/ips-for-all-the-things.md", "jessfraz-hugo"),
        ("rust-blog-zola/content/c-abi-changes-for-wasm32-unknown-unknown.md", "rust-blog-zola"),
        ("hugo-docs-2013-json/docs/content/doc/variables.md", "hugo-docs-2013-json/docs"),
    ],
)
def test_a_corpus_post_belongs_to_its_site_root(post, root):
    path = CORPUS / post
    assert path.is_file()
    assert find_library_root(path) == (CORPUS / root).resolve()
    target = locate(str(path))
    assert (target.kind, target.library) == ("post", (CORPUS / root).resolve())


@pytest.mark.corpus
def test_a_vault_without_site_markers_opens_at_its_root():
    # The corpus vaults carry no .obsidian/ folder: before, the note's own folder was the library
    # (11 of obsidian-help's 346 notes); now it is the top of the tree of notes (see tests/unit/app).
    note = CORPUS / "obsidian-help" / "en" / "Linking notes and files" / "Internal links.md"
    assert find_library_root(note) is None
    target = locate(str(note))
    assert (target.kind, target.library) == ("post", (CORPUS / "obsidian-help").resolve())


def test_site_markers_found_from_deep_inside(tmp_path):
    vault = tmp_path / "笔记 vault"
    (vault / ".obsidian").mkdir(parents=True)
    deep = vault / "a" / "b" / "c" / "第一篇 note.md"
    deep.parent.mkdir(parents=True)
    deep.write_text("# 你好\n", encoding="utf-8")
    assert find_library_root(deep) == vault.resolve()
    hugo = tmp_path / "hugo"
    (hugo / "content" / "posts").mkdir(parents=True)
    (hugo / "hugo.toml").write_text('title = "x"\n', encoding="utf-8")
    (hugo / "content" / "posts" / "a.md").write_text("+++\ntitle = 'a'\n+++\n", encoding="utf-8")
    assert find_library_root(hugo / "content" / "posts" / "a.md") == hugo.resolve()


def test_a_lone_file_among_other_things_is_shown_on_its_own(tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    for name in ("report.pdf", "photo.jpg", "setup.exe"):
        (downloads / name).write_bytes(b"x")
    lone = downloads / "读我 read me.md"
    lone.write_text("---\ntitle: 独立文件\n---\n正文\n", encoding="utf-8")
    target = locate(str(lone))
    assert (target.kind, target.library) == ("lone", None)
    post = Library.read_lone_file(target.path)
    assert post.meta.title == "独立文件" and "正文" in post.text


def test_the_users_downloads_folder_is_never_a_library(tmp_path, monkeypatch):
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    for i in range(3):  # all Markdown, but still the catch-all Downloads folder
        (downloads / f"{i}.md").write_text("# x\n", encoding="utf-8")
    monkeypatch.setattr(locate_module.platformdirs, "user_downloads_dir", lambda: str(downloads))
    assert not is_post_folder(downloads)
    assert locate(str(downloads / "1.md")).kind == "lone"


def test_a_folder_of_posts_is_the_library_of_its_posts(tmp_path):
    folder = tmp_path / "clips"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.md").write_text("# x\n", encoding="utf-8")
    (folder / "cover.png").write_bytes(b"x")
    target = locate(str(folder / "2.md"))
    assert (target.kind, target.library) == ("post", folder.resolve())


def test_a_known_library_holds_a_file_without_markers(tmp_path):
    root = tmp_path / "library"
    (root / "misc").mkdir(parents=True)
    (root / "misc" / "notes.txt").write_text("x")
    (root / "misc" / "a.md").write_text("# a\n", encoding="utf-8")
    assert locate(str(root / "misc" / "a.md")).kind == "lone"
    target = locate(str(root / "misc" / "a.md"), known_libraries=[str(root), str(tmp_path / "gone")])
    assert (target.kind, target.library) == ("post", root.resolve())


@pytest.mark.corpus
def test_a_folder_opens_as_a_library(tmp_path):
    target = locate(str(CORPUS / "finews" / "_posts"))
    assert (target.kind, target.library) == ("library", (CORPUS / "finews" / "_posts").resolve())


@pytest.mark.corpus
def test_relative_paths_resolve_against_the_callers_cwd(tmp_path):
    posts = CORPUS / "finews" / "_posts"
    target = locate("-202205262391921712.md", cwd=str(posts))
    assert target.path == (posts / "-202205262391921712.md").resolve()
    assert target.kind == "post"
    assert absolute("../_posts/./a b.md", str(posts)) == posts / "a b.md"
    assert absolute("file:///tmp/%E5%89%AA%20x.md", "/elsewhere") == Path("/tmp/剪 x.md")


def test_paths_that_cannot_be_opened_give_a_clear_message(tmp_path, monkeypatch):
    missing = locate(str(tmp_path / "不存在.md"))
    assert missing.kind == "error" and "no file or folder" in missing.message and "不存在.md" in missing.message
    (tmp_path / "image.png").write_bytes(b"x")
    not_post = locate(str(tmp_path / "image.png"))
    assert not_post.kind == "error" and "not a post file" in not_post.message

    locked = tmp_path / "locked.md"
    locked.write_text("# x\n")
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):  # as for a file without read permission (tests run as root)
        if Path(file) == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    target = locate(str(locked))
    assert target.kind == "error" and "cannot be read: Permission denied" in target.message


def test_a_lone_file_that_vanished_raises_a_post_error(tmp_path):
    with pytest.raises(PostError, match="cannot be read"):
        Library.read_lone_file(tmp_path / "gone.md")
