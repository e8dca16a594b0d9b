"""The facade's files beyond the index: a post exported, a library image read, a lone post file, the warm-up;
and ReadingState, every library's reading state taken out and merged back."""

from __future__ import annotations

import pytest

from reader.core import Library, PostError, ReadingState
from reader.core.library_files import LONE_POST_ID
from tests.corpus import FIXTURES

ZHIBO = "_posts/2022-01-21-zhibo-daihuo.md"


@pytest.fixture
def jekyll(tmp_path):
    library = Library(FIXTURES / "jekyll", data_dir=tmp_path / "data")
    library.refresh()
    yield library
    library.close()


def test_a_post_is_exported_as_markdown_as_written_and_as_html(jekyll, tmp_path):
    post_id = jekyll.post_id(ZHIBO)
    written = jekyll.export_post(post_id, "md", tmp_path / "out.md")
    assert written == tmp_path / "out.md"
    assert written.read_text(encoding="utf-8") == (jekyll.root / ZHIBO).read_text(encoding="utf-8")
    page = jekyll.export_post(post_id, "html", str(tmp_path / "out.html")).read_text("utf-8")
    assert "<h1>外交官走进直播间 推介家乡特产</h1>" in page and "data:image/png;base64," in page


def test_an_image_is_read_only_from_inside_the_library(jekyll, tmp_path):
    image = jekyll.resolve_resource(jekyll.post_id(ZHIBO), "/assets/images/zhibo.png")
    assert image is not None and jekyll.read_image(image) == (jekyll.root / "assets/images/zhibo.png").read_bytes()
    outside = tmp_path / "x.png"
    outside.write_bytes(b"\x89PNG")
    assert jekyll.read_image(outside) is None


def test_a_lone_file_is_rendered_whole_without_an_index(tmp_path):
    lone = tmp_path / "note.md"
    lone.write_text("---\ntitle: 单篇\n---\n# 标题\n\n" + "正文。" * 200_000, encoding="utf-8")
    post = Library.read_lone_file(lone)
    assert post.id == LONE_POST_ID and post.meta.title == "单篇" and not post.truncated
    assert post.text.count("正文。") == 200_000  # whole: a library's view would cut it at 512 K characters
    with pytest.raises(PostError, match="cannot be read"):
        Library.read_lone_file(tmp_path / "gone.md")


def test_the_warm_up_takes_a_post_in_memory_the_whole_way():
    post = Library.warm_up()
    assert post.meta.title == "预热 warm-up" and "<strong>正文</strong>" in post.html and "标题" in post.text


def test_the_reading_state_of_every_library_goes_out_and_back(jekyll, tmp_path):
    jekyll.set_starred(jekyll.post_id(ZHIBO), True)
    state_file = jekyll.state.path
    out = ReadingState(state_file)
    try:
        assert out.write_export(tmp_path / "marks.json") == 1
        assert list(out.export_data()["libraries"]) == [str(jekyll.root)]
    finally:
        out.close()
    into = ReadingState(tmp_path / "elsewhere" / "state.sqlite")
    try:
        assert into.import_file(tmp_path / "marks.json") == (1, 1)  # one field (starred) of one post
        assert into.export_data()["libraries"][str(jekyll.root)]["posts"][ZHIBO]["starred"] is True
    finally:
        into.close()
