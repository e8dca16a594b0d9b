"""One exception hierarchy for everything the core raises on purpose."""

from __future__ import annotations

import errno


class ReaderError(Exception):
    """Base of every error the core raises on purpose."""


class LibraryError(ReaderError):
    """The library folder is missing, unreadable or not a folder."""


class PostError(ReaderError):
    """A post file could not be read; the message names the file."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.reason = message
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class RefusedFile(ReaderError, OSError):
    """A file the reader will not open: a link out of the library, not a regular file, swapped.

    Also an OSError, so every reader that reports "cannot be read: <strerror>" names the reason.
    """

    def __init__(self, path: str, reason: str):
        super().__init__(errno.EPERM, reason, path)


class DecodeError(ReaderError):
    """Bytes that are not text in any encoding we can recognise (a binary file)."""


class FrontMatterError(ReaderError):
    """Front matter that cannot be parsed; `line` is 1-based in the file."""

    def __init__(self, message: str, line: int | None = None):
        self.reason = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


class QueryError(ReaderError):
    """A search query that cannot be understood; the message says why."""


class StoreError(ReaderError):
    """The index database failed in a way a rebuild cannot fix (disk full, no permission)."""


class StateError(StoreError):
    """The reading state could not be saved now; `kept` marks are held and written on a later try."""

    def __init__(self, message: str, kept: int = 0):
        self.kept = kept
        super().__init__(message)


class Cancelled(ReaderError):
    """A refresh was cancelled by its caller."""
