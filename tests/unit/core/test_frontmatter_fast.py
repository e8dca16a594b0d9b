"""The front matter's fast path (frontmatter._simple_block) gives exactly what python-frontmatter's split
and our loaders give, on generated blocks built to sit on its edges and on every real corpus post."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import frontmatter as fm_module
from reader.core.decode import decode_bytes
from reader.core.errors import DecodeError
from reader.core.frontmatter import _simple_block, read_front_matter
from tests.corpus import CORPUS

# Lines on both sides of the fast path's conditions: keys it reads, and lines that end a block, start
# a list, are blank, invisible, indented, commented or not YAML at all.
_LINES = [
    "title: 标题",
    "date: 2022-01-21 15:01:08 +0800",
    "tags: 中国经济网新闻",
    'title: "引号"',
    "title: 'single'",
    "empty:",
    "k: ~",
    "a: b: c",
    "tags: [a, b]",
    "- item",
    "---",
    "----",
    "--- ",
    "...",
    " ---",
    "\u200b---",
    "\u00a0title: x",
    "\ufefftitle: x",
    "  indented: x",
    "\ttab: x",
    "# comment",
    "",
    "   ",
    "\u3000",
    "_under: x",
    "x",
    "正文",
    "<p>html</p>",
]
_KEYS = [line for line in _LINES if line[:1].isalnum()]
_ENDS = ["", "\n", "\n正文\n", "\n---", "\n---\n", "\n---\n\n", "\n---\nbody\n---\nmore", "\n----\n", "\n--- \n"]
_TEXTS = st.one_of(
    st.builds(  # anything at the top
        lambda lead, lines, end: lead + "\n".join(lines) + end,
        st.sampled_from(["", "\n", "\ufeff", " \n", "---\n", "---\n---\n", "+++\n", "{\n"]),
        st.lists(st.sampled_from(_LINES), max_size=10),
        st.sampled_from(_ENDS),
    ),
    st.builds(  # a block the fast path may take: mostly keys, now and then another line
        lambda lead, first, lines, end: lead + "---\n" + "\n".join([first, *lines]) + end,
        st.sampled_from(["", "\n", "\ufeff", "\n\u200b"]),
        st.sampled_from(_KEYS),
        st.lists(st.sampled_from(_KEYS * 4 + _LINES), max_size=8),
        st.sampled_from(_ENDS[3:] * 2 + _ENDS),
    ),
)


def _slow(monkeypatch, text: str) -> tuple:
    with monkeypatch.context() as patch:
        patch.setattr(fm_module, "_simple_block", lambda _text, _offset: None)
        return _fields(read_front_matter(text))


def _fields(fm) -> tuple:
    """A FrontMatter's values, its error by message and line (two errors are never equal as objects)."""
    error = fm.error and (str(fm.error), fm.error.line)
    return fm.data, fm.body, fm.body_line, fm.format, error


@settings(max_examples=1500, deadline=None)
@given(_TEXTS)
def test_fast_path_agrees_with_the_library_split(text):
    stripped = text.lstrip(fm_module._INVISIBLE + "\n")
    offset = len(text) - len(stripped)
    fast = _simple_block(text, offset)
    if fast is not None:
        first = stripped.split("\n", 1)[0].strip(fm_module._INVISIBLE)
        assert fast == fm_module._library_split(text, offset, first)


@settings(max_examples=800, deadline=None)
@given(_TEXTS)
def test_read_front_matter_is_the_same_with_and_without_the_fast_path(text):
    with pytest.MonkeyPatch.context() as patch:
        assert _fields(read_front_matter(text)) == _slow(patch, text)


def test_the_fast_path_takes_the_common_block():
    text = "---\nlayout: post\ntitle: 标题\ndate: 2022-01-21 15:01:08 +0800\ncategories: a\n---\n <p>正文</p>\n"
    fast = _simple_block(text, 0)
    assert fast is not None
    assert fast.data["title"] == "标题" and fast.body == " <p>正文</p>\n" and fast.body_line == 7


@pytest.mark.corpus
def test_every_corpus_file_reads_the_same_with_and_without_the_fast_path(monkeypatch):
    taken = 0
    for path in sorted(CORPUS.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in (".md", ".markdown", ".html", ".htm", ".txt"):
            continue
        try:
            text, _ = decode_bytes(path.read_bytes())
        except DecodeError:
            continue
        assert _fields(read_front_matter(text)) == _slow(monkeypatch, text), path
        taken += _simple_block(text, len(text) - len(text.lstrip(fm_module._INVISIBLE + "\n"))) is not None
    assert taken > 500  # the fast path is taken on the corpus's simple blocks, not skipped everywhere
