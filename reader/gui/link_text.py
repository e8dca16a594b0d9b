"""Where a hovered link leads, in words for the status bar ("Opens: <title>"), never the link's internal name."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QCoreApplication

from ..core import Library, target_without_index
from .article_html import SHOW_ALL_HREF

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def describe_link(library: Library | None, from_post: int | None, href: str) -> str:
    """On a worker when there is a library (it asks the index where the link leads)."""
    if href == SHOW_ALL_HREF:
        return translate("Links", "Shows the whole article")
    if library is None:
        target = target_without_index(href)
        return _outside(target.url) if target.kind == "external" and target.url else ""
    target = library.resolve_link(from_post, href)
    if target.kind == "post" and target.post_id is not None:
        found = library.summaries([target.post_id])
        title = found[0].title or found[0].path.rsplit("/", 1)[-1] if found else ""
        return translate("Links", "Opens: {0}").format(title)
    if target.kind in ("category", "tag") and target.key:
        label = next((f.label for f in library.facets(target.kind) if f.key == target.key), target.key)
        kind = translate("Links", "category") if target.kind == "category" else translate("Links", "tag")
        return translate("Links", "Lists the articles in the {0} “{1}”").format(kind, label)
    if target.kind == "anchor":
        return translate("Links", "Goes to a place in this article")
    if target.kind == "external" and target.url:
        return _outside(target.url)
    if target.kind == "missing":
        return translate("Links", "Leads to nothing in this library: {0}").format(unquote(target.key or href)[:120])
    return translate("Links", "Will not be opened: {0}").format(href[:120])


def _outside(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme.lower() == "mailto":
        return translate("Links", "Writes an email to: {0}").format(unquote(parts.path))
    place = (parts.hostname or "") + unquote(parts.path)
    return translate("Links", "Opens in browser: {0}").format(place.rstrip("/") or url)
