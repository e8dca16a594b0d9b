"""The sidebar: a QAbstractItemModel over plain nodes (library views, saved searches, highlights, categories, tags,
archive)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from ..core import ORIGINAL, Facet, Highlight, PostFilter, QueryError, SavedSearch, fold, to_script
from .dates import format_month, format_year

TR = "LibraryTreeModel"  # the translation context of the labels below
SECTIONS = (
    ("library", QT_TRANSLATE_NOOP("LibraryTreeModel", "Library")),
    ("saved", QT_TRANSLATE_NOOP("LibraryTreeModel", "Saved Searches")),
    ("highlights", QT_TRANSLATE_NOOP("LibraryTreeModel", "Highlights")),
    ("category", QT_TRANSLATE_NOOP("LibraryTreeModel", "Categories")),
    ("tag", QT_TRANSLATE_NOOP("LibraryTreeModel", "Tags")),
    ("archive", QT_TRANSLATE_NOOP("LibraryTreeModel", "Archive")),
)
VIEWS = (
    ("all", QT_TRANSLATE_NOOP("LibraryTreeModel", "All articles")),
    ("unread", QT_TRANSLATE_NOOP("LibraryTreeModel", "Unread")),
    ("starred", QT_TRANSLATE_NOOP("LibraryTreeModel", "Starred")),
    ("drafts", QT_TRANSLATE_NOOP("LibraryTreeModel", "Drafts")),
    ("problems", QT_TRANSLATE_NOOP("LibraryTreeModel", "Problems")),
)
VIEW_FILTERS = {
    "all": PostFilter(),
    "unread": PostFilter(read=False),
    "starred": PostFilter(starred=True),
    "drafts": PostFilter(drafts=True),
    "problems": PostFilter(problems=True),
}
ALL_LIBRARIES = QT_TRANSLATE_NOOP("LibraryTreeModel", "All libraries")
ALL_ID = "libraries:"  # the node of All libraries; a library's own top node is "libraryroot:<root>"
KeyRole = Qt.ItemDataRole.UserRole + 1
SAVED_LIMIT = 500  # a saved search counts its hits up to this many, then shows "500+"


class Node:
    """One row of the tree; `row` is cached when the node is attached."""

    __slots__ = ("kind", "key", "label", "count", "children", "parent", "row", "tip", "unread", "highlight")

    def __init__(self, kind: str, key: str, label: str, count: int | None = None, tip: str = ""):
        self.kind = kind  # "section", a view name, "saved", "category", "tag", "year" or "month"
        self.key = key
        self.label = label
        self.count = count
        self.tip = tip
        self.unread: int | None = None  # saved searches: the unread among the hits
        self.highlight: Highlight | None = None  # highlights: the one shown
        self.children: list[Node] = []
        self.parent: Node | None = None
        self.row = 0

    @property
    def id(self) -> str:
        """Stable across refreshes: used to restore the selection."""
        return f"{self.kind}:{self.key}"

    def set_children(self, children: Iterable[Node]) -> None:
        self.children = list(children)
        for row, child in enumerate(self.children):
            child.parent = self
            child.row = row

    def walk(self) -> Iterable[Node]:
        for child in self.children:
            yield child
            yield from child.walk()


@dataclass(frozen=True)
class TreeData:
    """Everything the tree shows, fetched from the library in one go."""

    view_counts: dict[str, int]
    categories: Sequence[Facet]
    tags: Sequence[Facet]
    years: Sequence[Facet]
    months: Sequence[Facet]
    saved: Sequence[SavedCount] = ()


@dataclass(frozen=True)
class SavedCount:
    """A saved search with its hits now (at most SAVED_LIMIT; None when its query no longer parses)."""

    search: SavedSearch
    total: int | None
    unread: int | None


def _hits(library, query: str, filter: PostFilter) -> int:
    if not query:
        return library.count(filter)
    return len(library.search(query, filter=filter, limit=SAVED_LIMIT))


def load_saved(library) -> list[SavedCount]:
    """On a worker: each saved search's hits within its filter, and the unread ones (two capped searches)."""
    counts = []
    for search in library.saved_searches():
        where = filter_for(search.node_ids)
        try:
            counts.append(
                SavedCount(
                    search,
                    _hits(library, search.query, where),
                    _hits(library, search.query, replace(where, read=False)),
                )
            )
        except QueryError:
            counts.append(SavedCount(search, None, None))
    return counts


def count_text(count: int | None) -> str:
    """A saved search's count as shown: capped counts read "500+"."""
    if count is None:
        return "–"
    return f"{count:,}+" if count >= SAVED_LIMIT else f"{count:,}"


def load_view_counts(library) -> dict[str, int]:
    return {name: library.count(VIEW_FILTERS[name]) for name, _ in VIEWS}


def load_tree_data(library) -> TreeData:
    """Counts and facets for the tree (a handful of indexed queries)."""
    return TreeData(
        load_view_counts(library),
        library.facets("category"),
        library.facets("tag"),
        library.facets("year"),
        library.facets("month"),
        load_saved(library),
    )


def load_labels(library) -> dict[str, str]:
    """The readable category and tag names the index has (key -> name): the tree's facets' names, without counting."""
    return library.labels("category") | library.labels("tag")


def filter_for(node_ids: Iterable[str]) -> PostFilter:
    """The filter for selected nodes, by id (so it needs no tree): OR within a section, AND across
    sections; views of the Library section combine with AND."""
    categories, tags, months = [], [], []
    fields: dict[str, object] = {}
    for node_id in node_ids:
        kind, _, key = node_id.partition(":")
        if kind in VIEW_FILTERS:
            view = VIEW_FILTERS[kind]
            for name in ("read", "starred", "drafts"):
                if getattr(view, name) is not None:
                    fields[name] = getattr(view, name)
            if view.problems:
                fields["problems"] = True
        elif kind == "category":
            categories.append(key)
        elif kind == "tag":
            tags.append(key)
        elif kind in ("year", "month"):
            months.append(key)
    return PostFilter(categories=tuple(categories), tags=tuple(tags), months=tuple(months), **fields)


class LibraryTreeModel(QAbstractItemModel):
    """Two columns: the label and the post count."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._root = Node("root", "", "")
        self._sections: dict[str, Node] = {}
        self._all_tags: list[Facet] = []
        self._tag_filter = ""
        self.saved: dict[str, SavedSearch] = {}  # the saved searches shown, by name
        self._script = ORIGINAL  # View ▸ Read As, for category and tag names
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._sections = self._new_sections()  # the shown library's, or All libraries' own
        self._root.set_children(self._sections.values())
        self._by_library: dict[str, dict[str, Node]] = {}  # with several libraries: each one's sections, by root
        self._all_node: Node | None = None
        self._all_sections = self._new_sections()  # All libraries' own: merged facets, saved searches over all
        self._shown: str | None = ""  # the shown library's root, None for All libraries, "" before set_libraries

    @staticmethod
    def _new_sections() -> dict[str, Node]:
        return {key: Node("section", key, QCoreApplication.translate(TR, label)) for key, label in SECTIONS}

    # --- several libraries ----------------------------------------------------------------
    def set_libraries(self, libraries: Sequence[tuple[str, str]], shown: str | None) -> None:
        """The open libraries, (root, name) in order, and the one shown (None: All libraries). One library
        looks as it always did; several get a top node each, under All libraries."""
        self.beginResetModel()
        kept = self._by_library
        self._by_library = {root: kept.get(root) or self._new_sections() for root, _ in libraries}
        if shown is not None and shown not in self._by_library:
            own = self._sections is not self._all_sections
            self._by_library[shown] = self._sections if own else self._new_sections()
        self._sections = self._by_library[shown] if shown is not None else self._all_sections
        self._all_node, self._shown = None, shown
        for section in self._all_sections.values():
            section.parent = None  # out of the tree unless All libraries is shown (then they are its children)
        if len(libraries) <= 1:
            self._root.set_children(self._sections.values())
        else:
            self._all_node = Node("libraries", "", QCoreApplication.translate(TR, ALL_LIBRARIES))
            if shown is None:  # its Highlights: every library's
                self._all_node.set_children(self._all_sections.values())
            tops = [self._all_node]
            for root, name in libraries:
                top = Node("libraryroot", root, name, tip=root)
                top.set_children(self._by_library[root].values())
                tops.append(top)
            self._root.set_children(tops)
        self.endResetModel()

    def set_library_data(self, root: str, data: TreeData | None, problem: str = "", name: str = "") -> None:
        """Another library's name, counts and facets (None and why: its index could not be read), without a reset."""
        sections, top = self._by_library.get(root), self._top(root)
        if sections is None or sections is self._sections or top is None:
            return
        top.count, top.tip = (data.view_counts.get("all", 0), root) if data else (None, f"{root}\n{problem}")
        top.label = name or top.label
        for key, nodes in self._section_nodes(data, shown=False).items() if data else ():
            self._replace_rows(sections[key], nodes)
        index = self.createIndex(top.row, 0, top)
        self.dataChanged.emit(index, index.siblingAtColumn(1))

    def rename_library(self, root: str, name: str) -> None:
        """A library's top node (several libraries open) says `name` from now on."""
        top = self._top(root)
        if top is not None and top.label != name:
            top.label = name
            index = self.createIndex(top.row, 0, top)
            self.dataChanged.emit(index, index)

    def _top(self, root: str) -> Node | None:
        return next((n for n in self._root.children if n.kind == "libraryroot" and n.key == root), None)

    def library_of(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        """The root of the library a node belongs to, "" for All libraries, None with one library."""
        node = self.node(index)
        while node is not None and node.parent is not self._root:
            node = node.parent
        if node is None or self._all_node is None:
            return None
        return "" if node is self._all_node else node.key

    def set_script(self, script: str) -> None:
        """View ▸ Read As: category and tag names in `script` (reader.core's SCRIPTS); nodes stay."""
        self._script = script
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()

    # --- filling ------------------------------------------------------------------------
    def set_data(self, data: TreeData) -> None:
        """Replace every section's rows (a reset: counts and facets change together)."""
        self.beginResetModel()
        self._all_tags = sorted(data.tags, key=lambda f: (-f.count, f.label.casefold()))
        for key, nodes in self._section_nodes(data, shown=True).items():
            self._sections[key].set_children(nodes)
        top = self._all_node if self._shown is None else self._top(self._shown or "")
        if top is not None:  # several libraries: the shown one's total on its top node
            top.count = data.view_counts.get("all", 0)
        self.endResetModel()

    def _section_nodes(self, data: TreeData, shown: bool) -> dict[str, list[Node]]:
        """Each section's rows for `data`: the shown library's, or another's (whose tags are not filtered)."""
        months_by_year: dict[str, list[Facet]] = {}
        for facet in data.months:
            months_by_year.setdefault(facet.key[:4], []).append(facet)
        years = []
        for facet in sorted(data.years, key=lambda f: f.key, reverse=True):
            year = Node("year", facet.key, format_year(facet.key), facet.count)
            year.set_children(
                Node("month", m.key, format_month(m.key), m.count)
                for m in sorted(months_by_year.get(facet.key, ()), key=lambda f: f.key, reverse=True)
            )
            years.append(year)
        tags = self._all_tags if shown else sorted(data.tags, key=lambda f: (-f.count, f.label.casefold()))
        return {
            "library": [
                Node(name, "", QCoreApplication.translate(TR, label), data.view_counts.get(name, 0))
                for name, label in VIEWS
            ],
            "saved": self._saved_nodes(data.saved, shown),
            "category": [Node("category", f.key, f.label or f.key, f.count, f.key) for f in data.categories],
            "tag": self._tag_nodes(tags, self._tag_filter if shown else ""),
            "archive": years,
        }

    def set_view_counts(self, counts: dict[str, int]) -> None:
        """New counts for the Library section (after read or star changes), without a reset."""
        section = self._sections["library"]
        for node in section.children:
            node.count = counts.get(node.kind, node.count)
        if section.children:
            parent = self.createIndex(section.row, 0, section)
            self.dataChanged.emit(self.index(0, 1, parent), self.index(len(section.children) - 1, 1, parent))

    def set_saved(self, saved: Sequence[SavedCount]) -> None:
        """The Saved Searches section anew (after a save, rename or delete, or new counts)."""
        self._replace_rows(self._sections["saved"], self._saved_nodes(saved))

    def _saved_nodes(self, saved: Sequence[SavedCount], shown: bool = True) -> list[Node]:
        if shown:  # the shown library's saved searches, by name, for a click on one
            self.saved = {item.search.name: item.search for item in saved}
        nodes = []
        for item in saved:
            node = Node("saved", item.search.name, item.search.name, item.total, item.search.query)
            node.unread = item.unread
            nodes.append(node)
        return nodes

    def _replace_rows(self, section: Node, nodes: list[Node]) -> None:
        if section.parent is None:  # All libraries is shown: this section is not in the tree
            section.set_children(nodes)
            return
        parent = self.createIndex(section.row, 0, section)
        if section.children:
            self.beginRemoveRows(parent, 0, len(section.children) - 1)
            section.set_children(())
            self.endRemoveRows()
        if nodes:
            self.beginInsertRows(parent, 0, len(nodes) - 1)
            section.set_children(nodes)
            self.endInsertRows()

    def set_highlights(
        self, highlights: Sequence[Highlight], words: str = "", library_of: Callable[[str], str] | None = None
    ) -> None:
        """The Highlights section anew, newest first: those whose quote, note or article title hold every
        word of `words` (the search field's), all when it is empty; the section counts those shown. Under All
        libraries `library_of(id)` names a highlight's library, after its article's title in the tooltip."""
        nodes = []
        for highlight in highlights:
            if not words or highlight.matches(words):
                tip = " · ".join(filter(None, (highlight.title, library_of(highlight.id) if library_of else "")))
                node = Node("highlight", highlight.id, " ".join(highlight.anchor.exact.split())[:80], tip=tip)
                node.highlight = highlight
                nodes.append(node)
        section = self._sections["highlights"]
        section.count = len(nodes) if highlights else None
        self._replace_rows(section, nodes)
        if section.parent is not None:  # in the tree
            index = self.createIndex(section.row, 1, section)
            self.dataChanged.emit(index, index)

    def set_tag_filter(self, text: str) -> None:
        """Show only the tags whose label or key contains `text` (Simplified or Traditional: 經 finds
        经济); rebuilds just the Tags section."""
        self._tag_filter = fold(text.strip().casefold())
        self._replace_rows(self._sections["tag"], self._tag_nodes(self._all_tags, self._tag_filter))

    @staticmethod
    def _tag_nodes(tags: Sequence[Facet], wanted: str) -> list[Node]:
        return [
            Node("tag", f.key, f.label or f.key, f.count, f.key)
            for f in tags
            if not wanted or wanted in fold(f.label.casefold()) or wanted in fold(f.key.casefold())
        ]

    # --- lookups ------------------------------------------------------------------------
    def node(self, index: QModelIndex | QPersistentModelIndex) -> Node | None:
        return index.internalPointer() if index.isValid() else None

    def section_index(self, key: str) -> QModelIndex:
        section = self._sections[key]
        if section.parent is None:
            return QModelIndex()  # All libraries is shown: its sections are not in the tree
        return self.createIndex(section.row, 0, section)

    def index_for_id(self, node_id: str) -> QModelIndex:
        """The node of the shown library (or All libraries) with this id."""
        nodes = [n for section in self._sections.values() if section.parent is not None for n in section.walk()]
        for node in [*nodes, *self._root.children]:
            if node.kind != "section" and node.id == node_id:
                return self.createIndex(node.row, 0, node)
        return QModelIndex()

    # --- the model interface ------------------------------------------------------------
    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        owner = parent.internalPointer() if parent.isValid() else self._root
        return self.createIndex(row, column, owner.children[row])

    def parent(self, index=QModelIndex()):  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        owner = index.internalPointer().parent
        if owner is None or owner is self._root:
            return QModelIndex()
        return self.createIndex(owner.row, 0, owner)

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        owner = parent.internalPointer() if parent.isValid() else self._root
        return len(owner.children)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 2

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalPointer().kind in ("section", "highlight"):  # a highlight is opened, not a filter
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: Node = index.internalPointer()
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return to_script(node.label, self._script) if node.kind in ("category", "tag") else node.label
            if node.kind == "saved":
                return f"{count_text(node.unread)} / {count_text(node.count)}"
            if node.highlight is not None:
                return self.tr("detached") if node.highlight.detached else None
            return None if node.count is None else f"{node.count:,}"
        if role == Qt.ItemDataRole.ToolTipRole and node.kind == "saved":
            return self.tr("{0}: {1} unread of {2} article(s) for “{3}”").format(
                node.label, count_text(node.unread), count_text(node.count), node.tip
            )
        if role == Qt.ItemDataRole.ToolTipRole and node.highlight is not None:
            return "\n\n".join(
                filter(
                    None,
                    (
                        f"“{node.highlight.anchor.exact[:300]}”",
                        node.tip,
                        node.highlight.note,
                        self.tr("Detached: no longer found in the article") if node.highlight.detached else "",
                    ),
                )
            )
        if role == Qt.ItemDataRole.FontRole and node.highlight is not None and node.highlight.detached:
            return self._italic
        if role == Qt.ItemDataRole.ToolTipRole and node.kind != "section":
            tip = f"{node.label} ({node.tip})" if node.tip and node.tip != node.label else node.label
            return tip if node.count is None else f"{tip}: " + self.tr("%Ln article(s)", "", node.count)
        if role == Qt.ItemDataRole.ToolTipRole and node.kind == "libraryroot":
            return node.tip
        if role == Qt.ItemDataRole.FontRole and node.kind in ("section", "libraries", "libraryroot"):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == KeyRole:
            return node.id
        return None
