"""The Qt-free core: reading posts, indexing them and searching the index.

Its public API is what this package exports, and only that: the facade `Library` (and
`Libraries`, several of them as one), the types the core hands out, the errors it raises, and the
few facts a front end needs before it has a Library: which files are posts, where a site's root
is, where a link leads without an index.
The GUI, the app and the CLI import these names from `reader.core`; every module below it is
internal (tests/unit/test_layers.py holds the front ends to that). The names are imported on
first use (PEP 562), so `import reader.core.dates` does not pull in the whole core.
"""

from __future__ import annotations

import importlib

# name -> the internal module that defines it
_EXPORTS = {
    "Library": "library",
    # several libraries as one: the facade, its rows and its merged lists and searches
    **dict.fromkeys(("Libraries", "PostRef", "LibraryHit", "MergedResults", "MergedList", "merge_search",
                     "merge_lists", "SpanningSearches"), "libraries"),
    # types: what the core hands out
    **dict.fromkeys(("Site", "LinkTarget", "PostMeta", "ParsedPost", "PostSummary", "Post", "Snippet", "SearchHit",
                     "SearchResults", "Facet", "PostFilter", "Problem", "RefreshReport"), "types"),
    "SavedSearch": "state",
    **dict.fromkeys(("Highlight", "Anchor"), "highlights"),
    "Freshness": "freshness",
    # before there is a Library: the file types the reader opens, a site's root, links without an index
    **dict.fromkeys(("POST_EXTENSIONS", "MARKDOWN_EXTENSIONS", "HTML_EXTENSIONS"), "scanner"),
    "find_library_root": "site",
    **dict.fromkeys(("SAFE_SCHEMES", "target_without_index"), "links"),
    # errors: ReaderError and its children
    **dict.fromkeys(("ReaderError", "LibraryError", "PostError", "RefusedFile", "DecodeError", "FrontMatterError",
                     "QueryError", "StoreError", "StateError", "Cancelled"), "errors"),
}

__all__ = [  # what __getattr__ gives, listed for linters, type checkers and `from reader.core import *`
    "Anchor", "Cancelled", "DecodeError", "Facet", "Freshness", "FrontMatterError", "HTML_EXTENSIONS",
    "Highlight", "Libraries", "Library", "LibraryError", "LibraryHit", "LinkTarget", "MARKDOWN_EXTENSIONS",
    "MergedList", "MergedResults", "POST_EXTENSIONS", "ParsedPost", "Post", "PostError", "PostFilter",
    "PostMeta", "PostRef", "PostSummary", "Problem", "QueryError", "ReaderError", "RefreshReport",
    "RefusedFile", "SAFE_SCHEMES", "SavedSearch", "SearchHit", "SearchResults", "Site", "Snippet",
    "SpanningSearches", "StateError", "StoreError", "find_library_root", "merge_lists", "merge_search",
    "target_without_index",
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
    from .highlights import Anchor, Highlight
    from .libraries import (Libraries, LibraryHit, MergedList, MergedResults, PostRef, SpanningSearches, merge_lists,
                            merge_search)
    from .links import SAFE_SCHEMES, target_without_index
    from .library import Library
    from .scanner import HTML_EXTENSIONS, MARKDOWN_EXTENSIONS, POST_EXTENSIONS
    from .site import find_library_root
    from .state import SavedSearch
    from .types import (Facet, LinkTarget, ParsedPost, Post, PostFilter, PostMeta, PostSummary, Problem,
                        RefreshReport, SearchHit, SearchResults, Site, Snippet)
