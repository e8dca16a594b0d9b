"""Tests for reader.core.errors: one hierarchy the front ends catch, and messages that name the file
and the line a user has to look at."""

from __future__ import annotations

import errno
import os

import pytest

from reader.core import errors
from reader.core.errors import (
    Cancelled,
    DecodeError,
    FrontMatterError,
    LibraryError,
    PostError,
    QueryError,
    ReaderError,
    RefusedFile,
    StateError,
    StoreError,
)
from reader.core.limits import read_inside


@pytest.mark.parametrize(
    "error",
    [
        LibraryError("x"),
        PostError("a.md", "x"),
        RefusedFile("a.md", "x"),
        DecodeError("x"),
        FrontMatterError("x"),
        QueryError("x"),
        StoreError("x"),
        StateError("x"),
        Cancelled(),
    ],
)
def test_every_error_is_a_reader_error(error):
    assert isinstance(error, ReaderError)


def test_every_error_class_of_the_module_is_in_the_hierarchy():
    classes = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, BaseException)]
    assert classes and all(issubclass(c, ReaderError) for c in classes)


def test_post_error_names_the_file_and_the_line():
    error = PostError("_posts/2020-01-01-标题.md", "front matter is not closed", line=3)
    assert str(error) == "_posts/2020-01-01-标题.md:3: front matter is not closed"
    assert (error.path, error.reason, error.line) == ("_posts/2020-01-01-标题.md", "front matter is not closed", 3)


def test_post_error_without_a_line_names_the_file():
    assert (
        str(PostError("notes/a.md", "cannot be read: Permission denied"))
        == "notes/a.md: cannot be read: Permission denied"
    )


def test_front_matter_error_says_the_line_when_it_is_known():
    assert (
        str(FrontMatterError("mapping values are not allowed here", line=4))
        == "line 4: mapping values are not allowed here"
    )
    assert str(FrontMatterError("not a mapping")) == "not a mapping"
    assert FrontMatterError("x", line=4).reason == "x"


def test_refused_file_is_an_oserror_with_its_reason_and_path():
    error = RefusedFile("posts/link.md", "a link out of the library")
    assert isinstance(error, OSError) and error.errno == errno.EPERM
    assert error.strerror == "a link out of the library" and error.filename == "posts/link.md"
    assert "a link out of the library" in str(error) and "posts/link.md" in str(error)


def test_a_refused_read_says_why_about_which_file(tmp_path):
    (tmp_path / "real.md").write_text("x")
    lib = tmp_path / "lib"
    lib.mkdir()
    os.symlink(tmp_path / "real.md", lib / "link.md")
    with pytest.raises(RefusedFile) as caught:
        read_inside([lib], "link.md")
    # An `except OSError` that reports "cannot be read: <strerror>" gives the reason, not "None".
    assert "link.md" in str(caught.value) and caught.value.strerror


def test_state_error_counts_the_marks_kept_for_later():
    error = StateError("database is locked", kept=3)
    assert isinstance(error, StoreError) and error.kept == 3 and str(error) == "database is locked"
    assert StateError("x").kept == 0
