"""Tests for reader.core.library_highlights: the facade's highlights and notes, kept in the reading state by
post path, through a real Library over a small site."""

from __future__ import annotations

import pytest

from reader.core import highlights_export
from reader.core import state as state_module
from reader.core.highlights import Anchor
from reader.core.library import Library


@pytest.fixture(autouse=True)
def _no_pending(monkeypatch):
    monkeypatch.setattr(state_module, "_PENDING", {})


def _anchor(exact: str, position: int = 0) -> Anchor:
    return Anchor(exact, "before ", " after", position)


@pytest.fixture
def library(tmp_path):
    root = tmp_path / "site"
    (root / "_posts").mkdir(parents=True)
    (root / "_posts" / "2024-03-05-gdp.md").write_text(
        "---\ntitle: 经济观察\n---\n中国经济增长了百分之五。\n", encoding="utf-8"
    )
    library = Library(root, data_dir=tmp_path / "data")
    library.refresh()
    yield library
    library.close()


def test_library_highlights_by_post_and_as_markdown(tmp_path):
    root = tmp_path / "site"
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("url: https://example.org\n", encoding="utf-8")
    (root / "_posts" / "2024-03-05-gdp.md").write_text(
        "---\ntitle: 经济观察\npermalink: /gdp/\n---\n中国经济在第三季度增长了百分之五。\n", encoding="utf-8"
    )
    (root / "_posts" / "2023-01-02-old.md").write_text("---\ntitle: Old one\n---\nOld text here.\n", encoding="utf-8")
    library = Library(root, data_dir=tmp_path / "data")
    library.refresh()
    gdp = library.post_id("_posts/2024-03-05-gdp.md")
    old = library.post_id("_posts/2023-01-02-old.md")
    made = library.add_highlight(gdp, _anchor("增长了百分之五", 20), "check")
    library.add_highlight(old, _anchor("Old text"))
    assert made.title == "经济观察"
    assert [h.id for h in library.highlights(gdp)] == [made.id]
    assert len(library.highlights()) == 2
    text = highlights_export.markdown(library)
    assert text.index("## 经济观察") < text.index("## Old one")  # the newer article first
    assert "2024-03-05 · [经济观察](https://example.org/gdp/)" in text
    assert "[Old one](file://" in text  # no permalink: the file
    assert "> 增长了百分之五\n\ncheck\n" in text
    only = highlights_export.markdown(library, "_posts/2023-01-02-old.md")
    assert "Old one" in only and "经济观察" not in only
    library.close()


def test_a_highlight_of_no_such_post_is_refused(library):
    with pytest.raises(KeyError):
        library.add_highlight(987654, _anchor("x"))
    assert library.highlights(987654) == [] and library.highlights() == []


def test_notes_are_edited_and_highlights_deleted(library):
    gdp = library.post_id("_posts/2024-03-05-gdp.md")
    made = library.add_highlight(gdp, _anchor("百分之五", 7))
    assert library.set_highlight_note(made.id, "核对数字")
    assert [h.note for h in library.highlights(gdp)] == ["核对数字"]
    assert library.highlights(gdp)[0].changed >= made.changed
    library.delete_highlight(made.id)
    assert library.highlights(gdp) == [] and library.highlights() == []


def test_highlights_not_found_in_the_post_are_marked_detached(library):
    gdp = library.post_id("_posts/2024-03-05-gdp.md")
    made = library.add_highlight(gdp, _anchor("已删掉的话"))
    library.set_highlights_detached({made.id: True})
    assert library.highlights(gdp)[0].detached
    assert "*(gone)*" in library.highlights_markdown(heading="标注", detached="gone")
    library.set_highlights_detached({made.id: False})
    assert not library.highlights(gdp)[0].detached


def test_export_highlights_writes_the_markdown_and_counts_them(library, tmp_path):
    gdp = library.post_id("_posts/2024-03-05-gdp.md")
    library.add_highlight(gdp, _anchor("中国经济"), "第一条")
    library.add_highlight(gdp, _anchor("百分之五", 7))
    target = tmp_path / "out" / "highlights.md"
    target.parent.mkdir()
    assert library.export_highlights(target, heading="标注") == 2
    text = target.read_text(encoding="utf-8")
    assert text == library.highlights_markdown(heading="标注") == highlights_export.markdown(library, heading="标注")
    assert text.startswith("# 标注\n") and text.index("> 中国经济") < text.index("> 百分之五")  # reading order
