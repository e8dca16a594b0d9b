"""Reading the index: posts by id, path, stem or permalink; filtered and sorted lists, facets, search."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence

from tantivy import Occur, Query

from . import label_match, planner, zh_fold
from .errors import QueryError
from .fulltext import Broken, FullText
from .query import Label, Text, parse
from .store_base import guard
from .store_rows import META_COLUMNS, meta_from_row, normalise_permalink, split, title_fold
from .store_text import TextIndex
from .types import Facet, ListRow, PostFilter, PostMeta, PostSummary, Problem

# A post's first category as the list shows it: its readable name's collate key, else the key.
_CATEGORY_ORDER = (
    "coalesce((SELECT l.sort_key FROM labels l WHERE l.kind = 'category' AND l.key = p.category), lower(p.category))"
)
_SORT_COLUMNS = {"date": "p.sort_key", "title": "p.title_key", "category": _CATEGORY_ORDER, "path": "p.path"}
# Newest first (SQLite puts NULL below every value: the undated last, by id, where one query must do)...
_NEWEST = "p.sort_key DESC, p.id DESC"
# ...and for a list, the undated after the dated by title (pinyin for Chinese), A to Z: a vault of notes has
# no dates at all, and by id its list read as if shuffled. Two queries, so that each takes its index.
_UNDATED = "p.title_key, p.id"
_NEWEST_FIRST = (("p.sort_key IS NOT NULL", _NEWEST), ("p.sort_key IS NULL", _UNDATED))
# What warm_search() looks for: a lone character (the `chars` field, the titles' terms) and a word of two
# (the bigrams of body and title), common in Chinese writing and in none of the bench's queries. At 100k
# generated posts 1.1 ms of CPU each; 经济, in 84% of the titles there, took 2.9.
WARM_QUERIES = ("人", "中国")


class Queries(TextIndex):
    """The Store's methods that only read."""

    _label_names: label_match.LabelNames | None = None  # made on the first category:/tag: term

    def _named_keys(self, label: Label) -> list[str]:
        """The keys a category:/tag: term names, in any case or script, by key or readable name."""
        if self._label_names is None:
            self._label_names = label_match.LabelNames()
        return self._label_names.keys(self._db, label.kind, label.value)

    @guard
    def labels(self, kind: str) -> dict[str, str]:
        """The readable names set for `kind` ("category" or "tag"): key -> label."""
        return dict(self._db.execute("SELECT key, label FROM labels WHERE kind = ?", (kind,)))

    @guard
    def paired_tags(self) -> dict[str, str]:
        """Category slug -> the one tag every post of it carries, when no other post carries that
        tag and the tag is not ASCII (finews: `categories: sitenews` always with `tags: 站长消息`).
        Only the categories with as many posts as some tag are joined with their posts' tags: the join of
        every category's posts took 0.8 s at 1M posts, where none was."""
        counts: dict[str, dict[str, int]] = {"category": {}, "tag": {}}
        for kind, key, n in self._db.execute("SELECT kind, key, count(*) FROM post_labels GROUP BY kind, key"):
            counts.setdefault(kind, {})[key] = n
        categories, tags = counts["category"], counts["tag"]
        sizes = set(tags.values())
        wanted = [key for key, n in categories.items() if n in sizes and key.isascii()]
        pairs: dict[str, list[str]] = {}
        rows = self._db.execute(
            "SELECT pc.key, pt.key, count(*) FROM post_labels pc"
            " JOIN post_labels pt ON pt.kind = 'tag' AND pt.post_id = pc.post_id"
            " WHERE pc.kind = 'category' AND pc.key IN (SELECT value FROM json_each(?)) GROUP BY pc.key, pt.key",
            (json.dumps(wanted),),
        )
        for category, tag, n in rows:
            if n == categories[category] == tags[tag]:
                pairs.setdefault(category, []).append(tag)
        return {category: one[0] for category, one in pairs.items() if len(one) == 1 and not one[0].isascii()}

    # --- lookups ------------------------------------------------------------------------
    @guard
    def get_meta(self, post_id: int) -> PostMeta | None:
        row = self._db.execute(f"SELECT {META_COLUMNS} FROM posts WHERE id = ?", (post_id,)).fetchone()
        return meta_from_row(*row) if row else None

    @guard
    def id_for_path(self, path: str) -> int | None:
        row = self._db.execute("SELECT id FROM posts WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    @guard
    def ids_for_stem(self, stem: str) -> list[int]:
        return [r[0] for r in self._db.execute("SELECT id FROM posts WHERE stem = ? ORDER BY id", (stem,))]

    @guard
    def id_for_permalink(self, permalink: str) -> int | None:
        key = normalise_permalink(permalink)
        row = self._db.execute("SELECT id FROM posts WHERE permalink = ? ORDER BY id", (key,)).fetchone()
        return row[0] if row else None

    # --- lists --------------------------------------------------------------------------
    def _where(self, f: PostFilter | None, extra: Sequence[str] = ()) -> tuple[str, list]:
        clauses, params = filter_sql(f, self._has_state, self._library)
        clauses = [*extra, *clauses]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    @guard
    def count(self, filter: PostFilter | None = None) -> int:
        where, params = self._where(filter)
        return self._db.execute(f"SELECT count(*) FROM posts p{where}", params).fetchone()[0]

    @guard
    def list_ids(self, filter: PostFilter | None = None, sort: str = "date", descending: bool = True) -> list[int]:
        """Rows with no value for the sort column always come last: the undated by title (_NEWEST_FIRST), the
        uncategorised newest first."""
        column = _SORT_COLUMNS.get(sort)
        if column is None:
            raise ValueError(f"unknown sort {sort!r}")
        tie = {"title": "p.id", "category": "p.sort_key DESC"}.get(sort)
        has = "p.category" if sort == "category" else column  # the same rows, without a lookup each
        order = "DESC" if descending else "ASC"
        ids: list[int] = []
        for extra, by in (
            (f"{has} IS NOT NULL", f"{column} {order}, {tie or 'p.id ' + order}"),
            (f"{has} IS NULL", _UNDATED if sort == "date" else _NEWEST),
        ):
            where, params = self._where(filter, [extra])
            # One JSON array, not a row each: 100k ids by title took 31.6 ms as rows, 15.6 ms so.
            # The aggregate takes the rows in the subquery's order (tests/unit/core/test_store.py).
            ids += json.loads(
                self._db.execute(
                    f"SELECT json_group_array(id) FROM (SELECT p.id FROM posts p{where} ORDER BY {by})", params
                ).fetchone()[0]
            )
        return ids

    def list_rows(
        self, filter: PostFilter | None = None, size: int = 1000, *, table: bool = False
    ) -> Iterator[list[ListRow]]:
        """The posts of list_ids(filter) (by date, newest first, the undated last by title), `size` rows at a
        time: a long listing streams, with no list of ids and no PostSummary a row. `table`: the rows' path and
        tags are left empty, as a table of the list does not print them (10k of 100k posts: 29.6 ms against 34.8)."""
        path, tags = ("''", "''") if table else ("p.path", "p.tags")
        known: dict[str, tuple[str, ...]] = {"": ()}  # each joined column split once (a category recurs)
        new = tuple.__new__  # what ListRow._make calls, without its Python frame and length check
        for extra, by in _NEWEST_FIRST:
            where, params = self._where(filter, [extra])
            cursor = self._run(
                f"SELECT {path}, p.title, p.date, p.cats, {tags}, p.draft, p.error FROM posts p{where} ORDER BY {by}",
                params,
            )
            while batch := self._fetch(cursor, size):
                for joined in {c for row in batch for c in (row[3], row[4])} - known.keys():
                    known[joined] = split(joined)
                yield [
                    new(ListRow, (path, title, date, known[cats], known[tags], bool(draft), error))
                    for path, title, date, cats, tags, draft, error in batch
                ]

    @guard
    def _run(self, sql: str, params: Sequence) -> sqlite3.Cursor:
        return self._db.execute(sql, params)

    @guard
    def _fetch(self, cursor: sqlite3.Cursor, size: int) -> list:
        return cursor.fetchmany(size)

    @guard
    def sort_values(self, ids: Sequence[int], sort: str) -> dict[int, tuple]:
        """id -> (the value list_ids sorts `sort` by, or None, the date's sort key): for merging the
        lists of several indexes in list_ids' own order."""
        column = _SORT_COLUMNS.get(sort)
        if column is None:
            raise ValueError(f"unknown sort {sort!r}")
        rows = self._db.execute(
            f"SELECT p.id, {column}, p.sort_key FROM posts p WHERE p.id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(ids))],
        )
        return {post_id: (value, date) for post_id, value, date in rows}

    @guard
    def summaries(self, ids: Sequence[int]) -> list[PostSummary]:
        found = self._summaries(ids, "NULL")
        return [found[i][0] for i in ids if i in found]

    @guard
    def title_keys(self, ids: Sequence[int]) -> dict[int, str]:
        """id -> the title's sort key as stored (collate.title_key), for rows sorted outside the index."""
        rows = self._db.execute(
            "SELECT id, coalesce(title_key, '') FROM posts WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(ids))],
        )
        return dict(rows.fetchall())

    @guard
    def hit_rows(self, ids: Sequence[int]) -> dict[int, tuple[PostSummary, str]]:
        """id -> (its PostSummary, its title_keys() key): a page of search hits in one query, not two."""
        return self._summaries(ids, "coalesce(p.title_key, '')")

    def _summaries(self, ids: Sequence[int], key: str) -> dict[int, tuple[PostSummary, str]]:
        marks = ("m.read, m.starred", " LEFT JOIN state.marks m ON m.library = ? AND m.path = p.path")
        cols, join = marks if self._has_state else ("0, 0", "")
        params = ([self._library] if self._has_state else []) + [json.dumps(list(ids))]
        rows = self._db.execute(
            f"SELECT p.id, p.path, p.title, p.date, p.cats, p.tags, p.draft, p.error, {cols}, {key}"
            f" FROM posts p{join} WHERE p.id IN (SELECT value FROM json_each(?))",
            params,
        ).fetchall()
        known: dict[str, tuple[str, ...]] = {"": ()}  # each joined column split once (a category recurs)
        for joined in {c for r in rows for c in (r[4], r[5])} - known.keys():
            known[joined] = split(joined)
        return {
            r[0]: (
                PostSummary(
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    known[r[4]],
                    known[r[5]],
                    bool(r[6]),
                    r[7],
                    bool(r[8]),
                    bool(r[9]),
                ),
                r[10],
            )
            for r in rows
        }

    @guard
    def label_keys(self, kind: str) -> list[str]:
        """The keys of `kind` ("category" or "tag") that posts carry, sorted: one index seek a key (a
        skip scan), where facets() counts every post's labels (0.02 ms against 13 ms at 100k posts)."""
        return label_match.carried_keys(self._db, kind)

    @guard
    def facets(self, kind: str) -> list[Facet]:
        if kind in ("category", "tag"):
            rows = self._db.execute(
                "SELECT pl.key, coalesce(l.label, pl.key), count(*) AS n FROM post_labels pl"
                " LEFT JOIN labels l ON l.kind = pl.kind AND l.key = pl.key WHERE pl.kind = ?"
                " GROUP BY pl.key ORDER BY n DESC, pl.key",
                (kind,),
            )
            return [Facet(kind, key, label, n) for key, label, n in rows]
        width = {"year": 4, "month": 7}.get(kind)
        if width is None:
            raise ValueError(f"unknown facet kind {kind!r}")
        rows = self._db.execute(
            f"SELECT substr(day, 1, {width}) AS k, count(*) FROM posts WHERE length(day) >= {width}"
            " GROUP BY k ORDER BY k DESC"
        )
        return [Facet(kind, key, key, n) for key, n in rows]

    @guard
    def problems(self) -> list[Problem]:
        """Posts read with a problem, and the entries the last scan did not read (set_skipped)."""
        rows = self._db.execute(
            "SELECT path, error FROM posts WHERE error IS NOT NULL"
            " UNION ALL SELECT path, reason FROM skipped ORDER BY 1"
        )
        return [Problem(path, error) for path, error in rows]

    # --- search -------------------------------------------------------------------------
    @guard
    def search(
        self, query: str, filter: PostFilter | None = None, limit: int = 200, offset: int = 0
    ) -> list[tuple[int, float]]:
        """(id, score) best first; a higher score is a better match (0.0 for filter-only)."""
        try:
            return self._search(parse(query), filter or PostFilter(), limit, offset)
        except Broken:
            self._renew_text()  # every post's text pending: titles answer until it is indexed again
            return []
        except ValueError as error:  # Tantivy's; every term is built, never parsed, so this is our bug
            raise QueryError(f"This search could not be run ({error}).") from error

    def _search(
        self, groups: list, f: PostFilter, limit: int, offset: int, text: Callable[[], FullText] | None = None
    ) -> list[tuple[int, float]]:
        text = text or self._text
        plan = planner.plan(self._named_keys, groups, lambda query: text().docs(query))
        if plan.query is None:
            clauses, params = filter_sql(f, self._has_state, self._library)
            clauses, params = plan.where + clauses, plan.params + params
            where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
            return self._db.execute(
                f"SELECT p.id, 0.0 FROM posts p{where} ORDER BY {_NEWEST} LIMIT ? OFFSET ?",
                [*params, limit, offset],
            ).fetchall()
        around = [*planner.filter_query(f), *self._sql_filters(f)]

        def whole(found: Query) -> Query:
            return Query.boolean_query([(Occur.Must, found), *around])

        newest = self._db.execute("SELECT max(sort_key) FROM posts").fetchone()[0] or 0.0
        searcher = text().searcher()
        # Tantivy's N counts deleted docs too: no more than the docs ever given out (read after the searcher)
        documents = max(self._info("next_doc") - 1, searcher.num_docs)
        ways = planner.shortcuts(searcher, plan.phrase, documents, whole) if plan.phrase else ()
        page = planner.ranked(searcher, whole(plan.query), newest, limit, offset, ways)
        ids = dict(
            self._db.execute(
                "SELECT doc, id FROM posts WHERE doc IN (SELECT value FROM json_each(?))",
                [json.dumps([doc for doc, _ in page])],
            ).fetchall()
        )
        return [(ids[doc], float(score)) for doc, score in page if doc in ids]

    def warm_search(self) -> None:
        """What the first search of a connection pays for, paid ahead (7-9 ms of CPU at 100k posts, 20-27
        at 1M by round 5's figures; docs/performance.md, "The first search of a process"): the fold's
        tables, the counts text_progress() keeps, the Tantivy searcher and the pages a search of one
        character and of two read first (WARM_QUERIES searched). Only over an index whose text is all in
        and open: it never opens, renews or writes the full-text index, and never raises (a broken index
        is for the search to report)."""
        try:
            zh_fold.fold("經")  # the first text that is not ASCII reads the tables: 3 ms of CPU
            indexed, total = self.text_progress()
            current = self._fulltext
            if not indexed or indexed < total or current is None:
                return  # nothing to search yet, or the text is being written: its segments will change
            if self._info("text_generation") != self._fulltext_generation:
                return  # another process began a new index: the search opens it
            for query in WARM_QUERIES:
                self._search(parse(query), PostFilter(), 1, 0, lambda: current)
        except Exception:  # noqa: BLE001 - a warm-up fails nothing: the search that follows meets the error
            return

    def _sql_filters(self, f: PostFilter) -> list[tuple[Occur, Query]]:
        """What of a PostFilter only SQLite knows (reading state, the title filter), and the dead docs,
        as clauses on Tantivy's doc numbers: the marked posts' docs (few) rather than a scan of all."""
        clauses = []
        for column, wanted in (("read", f.read), ("starred", f.starred)):
            if wanted is not None:
                docs = (
                    [
                        doc
                        for (doc,) in self._db.execute(
                            f"SELECT p.doc FROM state.marks m JOIN posts p ON p.path = m.path"
                            f" WHERE m.library = ? AND m.{column} AND p.doc IS NOT NULL",
                            [self._library],
                        )
                    ]
                    if self._has_state
                    else []
                )
                clauses.append(planner.doc_clause(docs, wanted))
        if f.title:
            clauses.append(
                planner.doc_clause(
                    [
                        doc
                        for (doc,) in self._db.execute(
                            "SELECT doc FROM posts WHERE doc IS NOT NULL AND instr(title_fold, ?) > 0",
                            [title_fold(f.title)],
                        )
                    ],
                    True,
                )
            )
        dead = self._dead_docs()
        if dead:
            clauses.append(planner.doc_clause(dead, False))
        return clauses

    @guard
    def search_pending_titles(self, query: str, filter: PostFilter | None = None, limit: int = 200) -> list[int]:
        """Ids of posts whose text is not indexed yet and whose titles hold the query's words, newest first."""
        groups = parse(query)
        if not any(isinstance(t.item, Text) for group in groups for t in group):
            return []  # a query of filters only: search() answered it from the posts table
        clauses, params = planner.pending_titles_sql(self._named_keys, groups)
        more, more_params = filter_sql(filter, self._has_state, self._library)
        rows = self._db.execute(
            f"SELECT p.id FROM posts p WHERE {' AND '.join(clauses + more)} ORDER BY {_NEWEST} LIMIT ?",
            [*params, *more_params, limit],
        )
        return [post_id for (post_id,) in rows]


def filter_sql(f: PostFilter | None, has_state: bool, library: str = "") -> tuple[list[str], list]:
    """WHERE clauses over `posts p` for a PostFilter; `library` keys the rows of state.marks."""
    where: list[str] = []
    params: list = []
    if f is None:
        return where, params
    for kind, keys in (("category", f.categories), ("tag", f.tags)):
        if keys:
            marks = ",".join("?" * len(keys))
            where.append(f"p.id IN (SELECT post_id FROM post_labels WHERE kind = ? AND key IN ({marks}))")
            params += [kind, *keys]
    if f.months:
        where.append("(" + " OR ".join("(p.day >= ? AND p.day < ?)" for _ in f.months) + ")")
        for month in f.months:
            params += [month, month + "~"]
    mark = "EXISTS (SELECT 1 FROM state.marks m WHERE m.library = ? AND m.path = p.path AND m.{})"
    for column, wanted in (("read", f.read), ("starred", f.starred)):
        if wanted is None:
            continue
        if has_state:
            where.append(("" if wanted else "NOT ") + mark.format(column))
            params.append(library)
        elif wanted:
            where.append("0")  # nothing is read or starred without a state database
    if f.drafts is not None:
        where.append("p.draft = ?")
        params.append(int(f.drafts))
    if f.problems:
        where.append("p.error IS NOT NULL")
    if f.title:
        where.append("instr(p.title_fold, ?) > 0")
        params.append(title_fold(f.title))
    return where, params
