"""Tests for reader.core.limits: how much of a post is read and shown, at and over each limit, cut on whole
characters and at paragraph ends."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core import limits
from reader.core.decode import decode_bytes
from reader.core.errors import DecodeError, RefusedFile
from reader.core.limits import cut_bytes, read_head, read_inside, truncate_body
from reader.core.types import Site


def test_the_limits_fit_together():
    # Any SHOW_LIMIT characters (4 bytes each at most) and a front matter fit in what a reader reads.
    assert limits.SHOW_READ_LIMIT >= 4 * limits.SHOW_LIMIT
    assert limits.SHOW_LIMIT <= limits.INDEX_LIMIT  # what is shown was also indexed


def test_data_at_or_under_the_limit_is_kept_whole():
    data = "一二三\n".encode()
    assert cut_bytes(data, len(data)) == data
    assert cut_bytes(data, len(data) + 1) == data


def test_a_cut_ends_after_a_line_break_in_the_second_half():
    data = b"first line\nsecond line\nthird line that goes on"
    assert cut_bytes(data, 30) == b"first line\nsecond line\n"


def test_a_huge_utf8_line_is_cut_before_a_split_character():
    data = ("中" * 100).encode()  # 3 bytes each, no line break
    for limit in (10, 11, 12):
        head = cut_bytes(data, limit)
        assert head == ("中" * (limit // 3)).encode()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16", "utf-32"])
def test_wide_encodings_are_cut_on_whole_code_units(encoding):
    text = "第一行\n" * 5 + "没有换行的很长一行" * 20
    data = text.encode(encoding)
    for limit in (33, 50, 101):
        head = cut_bytes(data, limit)
        assert len(head) <= limit + 3 and data.startswith(head)
        assert text.startswith(head.decode(encoding))  # no half character at the end


def test_gbk_is_cut_at_a_line_end():
    data = ("甲乙丙丁\n" * 10).encode("gbk")
    head = cut_bytes(data, 40)
    assert head.decode("gbk") == "甲乙丙丁\n" * 4


def _site(root: Path) -> Site:
    return Site("folder", root, root)


def test_read_head_reads_a_small_post_whole(tmp_path):
    (tmp_path / "a.md").write_bytes(b"# title\nbody\n")
    assert read_head(_site(tmp_path), "a.md") == (b"# title\nbody\n", False)


def test_read_head_at_exactly_the_limit_leaves_nothing_out(tmp_path):
    (tmp_path / "a.md").write_bytes(b"x" * 100)
    assert read_head(_site(tmp_path), "a.md", limit=100) == (b"x" * 100, False)
    assert read_head(_site(tmp_path), "a.md", limit=99) == (b"x" * 99, True)


def test_read_head_over_the_index_limit_reads_the_first_mib(tmp_path):
    line = "一段正文。\n".encode()
    (tmp_path / "big.md").write_bytes(line * (limits.INDEX_LIMIT // len(line) + 100))
    head, cut = read_head(_site(tmp_path), "big.md")
    assert cut and limits.INDEX_LIMIT - len(line) < len(head) <= limits.INDEX_LIMIT
    assert head.endswith(line)


def test_read_inside_without_a_limit_reads_everything(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_bytes(b"y" * 5000)
    assert read_inside([tmp_path], "sub/a.md", limit=None) == (b"y" * 5000, False)


def test_read_inside_refuses_a_link_out_of_the_library(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("secret")
    lib = tmp_path / "lib"
    lib.mkdir()
    os.symlink(outside, lib / "link.md")
    with pytest.raises(RefusedFile):
        read_inside([lib], "link.md")


def test_read_inside_of_a_missing_file_is_an_oserror(tmp_path):
    with pytest.raises(OSError):
        read_inside([tmp_path], "gone.md")


def test_truncate_body_at_or_under_the_limit_is_not_cut():
    assert truncate_body("abc", 3) == ("abc", False)
    assert truncate_body("", 0) == ("", False)


def test_truncate_body_ends_at_a_paragraph_then_a_line():
    body = "p1 line\n\np2 line one\np2 line two is long"
    assert truncate_body(body, 30) == ("p1 line\n\np2 line one", True)
    assert truncate_body(body, 12) == ("p1 line", True)


def test_truncate_body_without_a_break_in_the_second_half_cuts_at_the_limit():
    body = "x" * 10 + "\n\n" + "y" * 100
    assert truncate_body(body, 50) == ("x" * 10 + "\n\n" + "y" * 38, True)


def test_truncate_body_default_is_the_show_limit():
    body = ("段落。" * 100 + "\n\n") * (limits.SHOW_LIMIT // 300 + 10)
    head, cut = truncate_body(body)
    assert cut and len(head) <= limits.SHOW_LIMIT and body.startswith(head) and head.endswith("。")


# Property tests (moved from reliability/test_fuzz_pipeline.py): any text, encoding and limit.
FUZZ = settings(
    deadline=None,
    database=None,
    derandomize=False,
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@settings(FUZZ)
@given(
    text=st.text(max_size=300),
    encoding=st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-16-be", "utf-32"]),
    limit=st.integers(1, 1200),
)
def test_cut_bytes_never_splits_a_character(text, encoding, limit):
    data = text.replace("\r", "").encode(encoding)
    head = cut_bytes(data, limit)
    assert len(head) <= max(limit + 3, 0) and data.startswith(head)
    if head == data:
        return
    try:
        decoded, _ = decode_bytes(head)
    except DecodeError:
        return  # a UTF-16 text whose start is mostly NUL-free CJK can read as binary: reported, not raised
    if encoding in ("utf-8", "utf-32") and "\n" in text[: limit // 4]:
        assert text.startswith(decoded), (decoded, text)


@settings(FUZZ)
@given(body=st.text(max_size=2000), limit=st.integers(10, 2000))
def test_truncate_body_keeps_a_prefix(body, limit):
    head, cut = truncate_body(body, limit)
    assert body.startswith(head) and len(head) <= limit and cut == (len(body) > limit)
