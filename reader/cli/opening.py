"""Opening LIBRARY for a command: the index brought up to date first, and a post named on the command line."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.library import Library


def library(args) -> Library:
    """Open LIBRARY, telling the user if its index was rebuilt or its reading state recovered."""
    from ..core.library import Library

    opened = Library(args.library, data_dir=args.data_dir)
    for told in (opened.rebuilt_reason, opened.state.recovered):
        if told:
            print(f"jianbao-cli: {told}", file=sys.stderr)
    return opened


def open_library(args) -> Library:
    """The library with its index brought up to date, as list, search and show need it."""
    opened = library(args)
    opened.refresh()
    return opened


def relative_path(opened: Library, post: str) -> str:
    """POST, given relative to the library or as a path to its file, as a library-relative path."""
    from ..core.errors import ReaderError

    given = Path(post)
    if given.is_absolute() or not (opened.root / given).exists() and given.exists():
        try:
            return given.resolve().relative_to(opened.root).as_posix()
        except ValueError:
            raise ReaderError(f"{post}: not inside {opened.root}") from None
    return post.replace(os.sep, "/")


def post_id(opened: Library, post: str) -> int:
    """The id of POST, given relative to the library or as a path to its file."""
    from ..core.errors import ReaderError

    found = opened.post_id(relative_path(opened, post))
    if found is None:
        raise ReaderError(f"{post}: no such post in {opened.root}")
    return found
