"""The Qt-free core: reading posts, indexing them and searching the index.

Its public API is what this package exports, and only that: the facade `Library` (and
`Libraries`, several of them as one), the types the core hands out and the errors it raises.
The GUI, the app and the CLI import these names from `reader.core`; every module below it is
internal (tests/unit/test_layers.py holds the front ends to that). The names are imported on
first use (PEP 562), so `import reader.core.dates` does not pull in the whole core.
"""

from __future__ import annotations

import importlib

# name -> the internal module that defines it
_EXPORTS = {
    "Library": "library",
    "Libraries": "libraries",
    # types: what the core hands out
    **dict.fromkeys(("Site", "LinkTarget", "PostMeta", "ParsedPost", "PostSummary", "Post", "Snippet", "SearchHit",
                     "SearchResults", "Facet", "PostFilter", "Problem", "RefreshReport"), "types"),
    "SavedSearch": "state",
    "Freshness": "freshness",
    # errors: ReaderError and its children
    **dict.fromkeys(("ReaderError", "LibraryError", "PostError", "RefusedFile", "DecodeError", "FrontMatterError",
                     "QueryError", "StoreError", "StateError", "Cancelled"), "errors"),
}

__all__ = [  # what __getattr__ gives, listed for linters, type checkers and `from reader.core import *`
    "Cancelled", "DecodeError", "Facet", "Freshness", "FrontMatterError", "Libraries", "Library",
    "LibraryError", "LinkTarget", "ParsedPost", "Post", "PostError", "PostFilter", "PostMeta", "PostSummary",
    "Problem", "QueryError", "ReaderError", "RefreshReport", "RefusedFile", "SavedSearch", "SearchHit",
    "SearchResults", "Site", "Snippet", "StateError", "StoreError",
]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once: the next use does not come here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


TYPE_CHECKING = False
if TYPE_CHECKING:  # what a type checker reads; at run time the names come through __getattr__
    from .errors import (Cancelled, DecodeError, FrontMatterError, LibraryError, PostError, QueryError,
                         ReaderError, RefusedFile, StateError, StoreError)
    from .freshness import Freshness
    from .libraries import Libraries
    from .library import Library
    from .state import SavedSearch
    from .types import (Facet, LinkTarget, ParsedPost, Post, PostFilter, PostMeta, PostSummary, Problem,
                        RefreshReport, SearchHit, SearchResults, Site, Snippet)
