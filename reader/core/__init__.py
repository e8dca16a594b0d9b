"""The Qt-free core: reading posts, indexing them and searching the index.

Its public API is what this package exports, and only that: the facade `Library` (and
`Libraries`, several of them as one; `ReadingState`, the reading state of them all), the types the
core hands out, the errors it raises, the few facts a front end needs before it has a Library (which
files are posts, where a site's root is and what marks one, where a link leads without an index) and a few pure
functions on what a front end shows (either Chinese script, a query's words, a post's link, a
highlight's anchor), plus die_with_parent for the window's refresh process.
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
    **dict.fromkeys(
        (
            "Libraries",
            "PostRef",
            "LibraryHit",
            "MergedResults",
            "MergedList",
            "merge_search",
            "merge_lists",
            "SpanningSearches",
        ),
        "libraries",
    ),
    # types: what the core hands out
    **dict.fromkeys(
        (
            "Site",
            "LinkTarget",
            "PostMeta",
            "ParsedPost",
            "PostSummary",
            "ListRow",
            "Post",
            "Snippet",
            "SearchHit",
            "SearchResults",
            "Facet",
            "PostFilter",
            "Problem",
            "RefreshReport",
        ),
        "types",
    ),
    "SavedSearch": "state",
    "ReadingState": "state_transfer",  # every library's reading state: File > Export/Import, jianbao-cli state
    **dict.fromkeys(("Highlight", "Anchor", "anchor_all", "make_anchor"), "highlights"),
    "Freshness": "freshness",
    # pure functions on what a front end shows: either Chinese script (display, and both as one for marking
    # found words), the words a query looks for, a post's links and images, an export's format
    **dict.fromkeys(("ORIGINAL", "SIMPLIFIED", "TRADITIONAL", "SCRIPTS", "to_script", "html_to_script"), "zh_convert"),
    **dict.fromkeys(("fold", "any_form"), "zh_fold"),
    "query_words": "query",
    "snippet_maker": "snippets",  # jianbao-cli search's snippets, made in a helper process
    **dict.fromkeys(("post_link", "original_url", "markdown_link", "image_source", "export_format"), "export"),
    "die_with_parent": "lifeline",  # a child process (the window's refresh) ends with its parent
    # before there is a Library: the file types the reader opens, a site's root and its markers, links without an index
    **dict.fromkeys(("POST_EXTENSIONS", "MARKDOWN_EXTENSIONS", "HTML_EXTENSIONS"), "scanner"),
    **dict.fromkeys(("find_library_root", "SITE_MARKERS"), "site"),
    **dict.fromkeys(("SAFE_SCHEMES", "LABEL_CLASS", "target_without_index", "links_to"), "links"),
    # errors: ReaderError and its children
    **dict.fromkeys(
        (
            "ReaderError",
            "LibraryError",
            "PostError",
            "RefusedFile",
            "DecodeError",
            "FrontMatterError",
            "QueryError",
            "StoreError",
            "StateError",
            "Cancelled",
        ),
        "errors",
    ),
}

__all__ = [  # what __getattr__ gives, listed for linters, type checkers and `from reader.core import *`
    "Anchor",
    "Cancelled",
    "DecodeError",
    "Facet",
    "Freshness",
    "FrontMatterError",
    "HTML_EXTENSIONS",
    "Highlight",
    "Libraries",
    "Library",
    "LABEL_CLASS",
    "LibraryError",
    "LibraryHit",
    "LinkTarget",
    "ListRow",
    "MARKDOWN_EXTENSIONS",
    "MergedList",
    "MergedResults",
    "ORIGINAL",
    "POST_EXTENSIONS",
    "ParsedPost",
    "Post",
    "PostError",
    "PostFilter",
    "PostMeta",
    "PostRef",
    "PostSummary",
    "Problem",
    "QueryError",
    "ReaderError",
    "ReadingState",
    "RefreshReport",
    "RefusedFile",
    "SAFE_SCHEMES",
    "SCRIPTS",
    "SIMPLIFIED",
    "SITE_MARKERS",
    "SavedSearch",
    "SearchHit",
    "SearchResults",
    "Site",
    "Snippet",
    "SpanningSearches",
    "StateError",
    "StoreError",
    "TRADITIONAL",
    "anchor_all",
    "any_form",
    "die_with_parent",
    "export_format",
    "find_library_root",
    "fold",
    "html_to_script",
    "image_source",
    "links_to",
    "make_anchor",
    "markdown_link",
    "merge_lists",
    "merge_search",
    "original_url",
    "post_link",
    "query_words",
    "snippet_maker",
    "target_without_index",
    "to_script",
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
    from .errors import (
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
    from .export import export_format, image_source, markdown_link, original_url, post_link
    from .freshness import Freshness
    from .highlights import Anchor, Highlight, anchor_all, make_anchor
    from .libraries import (
        Libraries,
        LibraryHit,
        MergedList,
        MergedResults,
        PostRef,
        SpanningSearches,
        merge_lists,
        merge_search,
    )
    from .library import Library
    from .lifeline import die_with_parent
    from .links import LABEL_CLASS, SAFE_SCHEMES, links_to, target_without_index
    from .query import query_words
    from .scanner import HTML_EXTENSIONS, MARKDOWN_EXTENSIONS, POST_EXTENSIONS
    from .site import SITE_MARKERS, find_library_root
    from .snippets import snippet_maker
    from .state import SavedSearch
    from .state_transfer import ReadingState
    from .types import (
        Facet,
        LinkTarget,
        ListRow,
        ParsedPost,
        Post,
        PostFilter,
        PostMeta,
        PostSummary,
        Problem,
        RefreshReport,
        SearchHit,
        SearchResults,
        Site,
        Snippet,
    )
    from .zh_convert import ORIGINAL, SCRIPTS, SIMPLIFIED, TRADITIONAL, html_to_script, to_script
    from .zh_fold import any_form, fold
