"""A vault of notes without `.obsidian/` opens at its root (issue 10), for open-file and a second launch
alike (both go through locate); sites and lone files locate as before (tests/unit/app/test_locate.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.app.locate import locate, vault_root
from reader.app.open_paths import open_paths
from tests.corpus import CORPUS

HELP = CORPUS / "obsidian-help"


def _notes(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {path.stem}\\n\\nSee [[{path.stem}]].\\n", encoding="utf-8")


@pytest.mark.corpus
@pytest.mark.parametrize(
    "note, root",
    [
        ("obsidian-help/en/Linking notes and files/Internal links.md", "obsidian-help"),
        ("obsidian-help/en/Help and support.md", "obsidian-help"),
        ("obsidian-help/zh/快速入门/链接笔记.md", "obsidian-help"),
        ("kepano-vault/Categories/Books.md", "kepano-vault"),
    ],
)
def test_a_corpus_note_opens_its_whole_vault(note, root):
    path = CORPUS / note
    assert path.is_file()
    target = locate(str(path))
    assert (target.kind, target.library) == ("post", (CORPUS / root).resolve())


def test_a_deep_note_of_a_vault_in_a_repository_opens_the_repository(tmp_path):
    repo = tmp_path / "all notes" / "笔记 repo"
    (repo / ".git").mkdir(parents=True)
    _notes(repo, "README.md", "notes/工作/a.md", "notes/工作/b.md", "notes/生活/c.md")
    _notes(tmp_path / "all notes", "beside the repo.md")  # notes above the repository: not climbed into
    target = locate(str(repo / "notes" / "工作" / "a.md"))
    assert target.library == repo.resolve()


def test_never_into_the_home_folder(tmp_path, monkeypatch):
    home = tmp_path / "home"
    _notes(home, "notes/a/x.md", "notes/a/y.md", "notes/b/z.md", "todo.md")
    monkeypatch.setenv("HOME", str(home))
    assert vault_root(home / "notes" / "a") == (home / "notes").resolve()


@pytest.mark.parametrize(
    "beside",
    [
        {"_config.yml": "title: a Jekyll site next door\\n"},
        {"site/hugo.toml": "title = 'x'\\n"},
        {f"src/module{i}.py": "pass\\n" for i in range(5)},
    ],
)
def test_a_folder_that_also_holds_a_site_or_code_is_not_climbed_into(tmp_path, beside):
    top = tmp_path / "top"
    _notes(top, "vault/a/x.md", "vault/a/y.md", "vault/b/z.md", "other notes/w.md")
    for name, text in beside.items():
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        (top / name).write_text(text, encoding="utf-8")
    assert vault_root(top / "vault" / "a") == (top / "vault").resolve()


def test_a_parent_that_adds_no_notes_is_not_climbed_into(tmp_path):
    _notes(tmp_path / "only child" / "vault", "a/x.md", "a/y.md", "b/z.md")
    assert vault_root(tmp_path / "only child" / "vault" / "a") == (tmp_path / "only child" / "vault").resolve()


@pytest.mark.corpus
def test_a_subfolder_remembered_from_before_gives_way_to_the_vault():
    note = HELP / "en" / "Linking notes and files" / "Internal links.md"
    target = locate(str(note), known_libraries=[str(note.parent)])
    assert target.library == HELP.resolve()
    assert locate(str(note), known_libraries=[str(CORPUS)]).library == CORPUS.resolve()  # a higher one holds


@pytest.mark.corpus
def test_opening_a_deep_note_shows_all_346_notes_of_the_vault(make_window):
    window = make_window(start=False)
    note = HELP / "en" / "Linking notes and files" / "Internal links.md"
    open_paths(window, [note.name], str(note.parent))
    assert window.library.root == HELP.resolve()
    assert window.list_model.rowCount() == 346
    assert window.reading.post.meta.path == "en/Linking notes and files/Internal links.md"
    assert window.windowTitle() == "Internal links — Jianbao Reader"  # the note's name, not its first section
