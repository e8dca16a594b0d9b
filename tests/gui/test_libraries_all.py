"""All libraries as one Library-like object: ids carry their library, jobs reach the post's own library."""

from __future__ import annotations

import pytest

from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.gui.highlights import _write_markdown
from reader.gui.libraries_all import decode, encode, is_encoded, open_all, run_in_all
from reader.gui.reading import _load_post
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
    assert [row.id for row in rows] == ids and all(row.path.startswith(str(everything.roots[decode(row.id)[0]]))
                                                   for row in rows)
    hugo = next(i for i in ids if decode(i)[0] == 1)
    post, position, _body, _page = run_in_all(everything, _load_post, hugo, False)  # a job about one post
    assert post.id == hugo and position == 0.0
    run_in_all(everything, Library.set_starred, hugo, True)
    own = Library(ROOTS[1], data_dir=tmp_path)
    try:
        assert own.summaries([decode(hugo)[1]])[0].starred  # the mark is the hugo library's own
    finally:
        own.close()
    assert run_in_all(everything, Library.post_id, rows[0].path) == ids[0]  # by its absolute path


def test_a_highlight_is_made_in_one_library_not_in_all(everything):
    post = everything.list_ids()[0]
    with pytest.raises(ReaderError, match="one library"):
        run_in_all(everything, Library.add_highlight, post, None, "")
    assert everything.state.highlights("anything.md") == [] and everything.highlights() == []


def test_exporting_the_highlights_of_all_libraries_writes_none(everything, tmp_path):
    """File ▸ Export Highlights in All libraries: the window's job writes Library's document, with none in it."""
    target = tmp_path / "highlights.md"
    assert run_in_all(everything, _write_markdown, str(target), None, "Highlights", "detached") == 0
    assert target.read_text(encoding="utf-8") == "# Highlights\n"
