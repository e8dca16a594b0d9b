"""Tests for reader.core.highlights_export: highlights as a Markdown document, a section per article, and
written atomically with a message that names the file when it cannot be."""

from __future__ import annotations

import pytest

from reader.core.errors import ReaderError
from reader.core.highlights import Anchor, Highlight
from reader.core.highlights_export import Article, to_markdown, write_text


def _highlight(exact: str, note: str = "", title: str = "T", detached: bool = False) -> Highlight:
    return Highlight("id", "p.md", Anchor(exact, "", "", 0), note, 1.0, 1.0, title, detached)


def test_markdown_groups_by_article_with_quote_and_note():
    text = to_markdown(
        [
            (
                Article("A [title]", "2024-05-01", "https://x.org/a"),
                [_highlight("line one\nline two", note="my note"), _highlight("gone", detached=True)],
            )
        ]
    )
    assert text.startswith("# Highlights\n")
    assert "## A [title]\n\n2024-05-01 · [A \\[title\\]](https://x.org/a)" in text
    assert "> line one\n> line two\n\nmy note\n" in text
    assert "> gone\n\n*(detached: this quote is no longer found in the article)*" in text


def test_the_documents_words_are_the_callers():
    text = to_markdown(
        [(Article("标题", None, "file:///lib/a.md"), [_highlight("引文", detached=True)])],
        heading="标注",
        detached="此引文已不在文章中",
    )
    assert text == "# 标注\n\n## 标题\n\n[标题](file:///lib/a.md)\n\n> 引文\n\n*(此引文已不在文章中)*\n"


def test_an_article_without_a_title_is_named_by_its_link_and_titles_fold_to_one_line():
    text = to_markdown(
        [
            (Article("  ", None, "https://x.org/a"), [_highlight("q")]),
            (Article("two\nlines", "2024-01-01", "https://x.org/b"), [_highlight("r")]),
        ]
    )
    assert "## https://x.org/a\n" in text and "## two lines\n" in text


def test_no_highlights_is_a_heading_alone():
    assert to_markdown([]) == "# Highlights\n"


def test_write_text_replaces_the_file_whole(tmp_path):
    target = tmp_path / "highlights.md"
    target.write_text("old", encoding="utf-8")
    write_text(target, "# 新的\n")
    assert target.read_text(encoding="utf-8") == "# 新的\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["highlights.md"]  # no temporary file left


def test_a_target_that_cannot_be_written_is_a_reader_error_naming_it(tmp_path):
    (tmp_path / "highlights.md").mkdir()  # a folder in the way: os.replace refuses, also as root
    with pytest.raises(ReaderError, match=r"highlights\.md: cannot be written \(Is a directory\)"):
        write_text(tmp_path / "highlights.md", "x")
    assert [p.name for p in tmp_path.iterdir()] == ["highlights.md"]  # the temporary file is removed


def test_a_missing_folder_is_a_reader_error_too(tmp_path):
    with pytest.raises(ReaderError, match="no-such-folder"):
        write_text(tmp_path / "no-such-folder" / "h.md", "x")
