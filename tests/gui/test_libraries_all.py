"""All libraries as one Library-like object: ids carry their library, jobs reach the post's own library."""

from __future__ import annotations

import pytest

from reader.core.highlights import Anchor
from reader.core.library import Library
from reader.gui.highlights import _write_markdown
from reader.gui.libraries_all import decode, encode, is_encoded, open_all, run_in_all
from reader.gui.reading_jobs import load_post
from tests.corpus import FIXTURES

ROOTS = [(FIXTURES / name).resolve() for name in ("jekyll", "hugo")]


@pytest.fixture
def everything(tmp_path):
    for root in ROOTS:
        library = Library(root, data_dir=tmp_path)
        library.refresh()
        library.close()
    opened = open_all(ROOTS, tmp_path, "All")
    yield opened
    opened.close()


def test_ids_carry_their_library():
    for slot, post_id in ((0, 1), (1, 7), (5, 2**31)):
        assert is_encoded(encode(slot, post_id)) and decode(encode(slot, post_id)) == (slot, post_id)
    assert not is_encoded(7) and not is_encoded(True)


def test_rows_marks_and_posts_reach_the_posts_own_library(everything, tmp_path):
    ids = run_in_all(everything, Library.list_ids, None, "date", True)
    assert len(ids) == 9 and len(set(ids)) == 9
    rows = run_in_all(everything, Library.summaries, ids)
    assert [row.id for row in rows] == ids and all(
        row.path.startswith(str(everything.roots[decode(row.id)[0]])) for row in rows
    )
    hugo = next(i for i in ids if decode(i)[0] == 1)
    post, position, _body, _page = run_in_all(everything, load_post, hugo, False)  # a job about one post
    assert post.id == hugo and position == 0.0
    run_in_all(everything, Library.set_starred, hugo, True)
    own = Library(ROOTS[1], data_dir=tmp_path)
    try:
        assert own.summaries([decode(hugo)[1]])[0].starred  # the mark is the hugo library's own
    finally:
        own.close()
    assert run_in_all(everything, Library.post_id, rows[0].path) == ids[0]  # by its absolute path


def test_highlights_go_to_the_posts_own_library(everything, tmp_path):
    """Made, listed, noted, marked detached and removed under All libraries: always in the post's own library."""
    ids = everything.list_ids()
    hugo = next(i for i in ids if decode(i)[0] == 1)
    made = run_in_all(everything, Library.add_highlight, hugo, Anchor("quote", "", "", 0), "note")
    assert made.id.startswith("1/") and made.path == str(ROOTS[1] / everything.get_post(hugo).meta.path)
    assert run_in_all(everything, Library.highlights, hugo) == [made] == everything.highlights()
    jekyll, hugo_own = (Library(root, data_dir=tmp_path) for root in ROOTS)
    try:
        assert jekyll.highlights() == [] and [h.id for h in hugo_own.highlights()] == [made.id[2:]]
        assert hugo_own.highlights()[0].path == everything.get_post(hugo).meta.path  # library-relative there
        run_in_all(
            everything, Library.set_highlights_detached, {made.id: True, made.id[2:]: False, "0/" + made.id[2:]: False}
        )
        assert hugo_own.highlights()[0].detached  # only the id naming its library counts
        assert run_in_all(everything, Library.set_highlight_note, made.id, "changed")
        assert not run_in_all(everything, Library.set_highlight_note, "0/" + made.id[2:], "wrong library")
        assert hugo_own.highlights()[0].note == "changed"
        run_in_all(everything, Library.delete_highlight, "0/" + made.id[2:])
        assert len(hugo_own.highlights()) == 1
        run_in_all(everything, Library.delete_highlight, made.id)
        assert hugo_own.highlights() == [] and everything.highlights() == []
    finally:
        jekyll.close()
        hugo_own.close()


def test_exporting_the_highlights_of_all_libraries_groups_them_by_library(everything, tmp_path):
    """File ▸ Export Highlights in All libraries: every library's, a section each, then by article; a post's
    own export (by its id) holds its library's only."""
    ids = everything.list_ids()
    firsts = [next(i for i in ids if decode(i)[0] == slot) for slot in (0, 1)]
    for post_id, quote in zip(firsts, ("from jekyll", "from hugo"), strict=True):
        run_in_all(everything, Library.add_highlight, post_id, Anchor(quote, "", "", 0), "")
    target = tmp_path / "highlights.md"
    assert run_in_all(everything, _write_markdown, None, str(target), "Highlights", "detached") == 2
    text = target.read_text(encoding="utf-8")
    names = sorted((library.name for library in everything.libraries), key=str.casefold)
    assert (
        text.startswith("# Highlights\n")
        and [line[3:] for line in text.splitlines() if line.startswith("## ")] == names
    )
    assert text.count("\n### ") == 2 and "> from jekyll" in text and "> from hugo" in text
    hugo_section = text[text.index(f"## {everything.libraries[1].name}") :]
    assert "> from hugo" in hugo_section.split("\n## ")[0]
    assert run_in_all(everything, _write_markdown, firsts[1], str(target), "Highlights", "detached") == 1
    assert "> from hugo" in target.read_text(encoding="utf-8") and "jekyll" not in target.read_text(encoding="utf-8")
