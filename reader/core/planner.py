"""The search planner: a parsed query as SQL over the FTS tables and `posts`, and its ranking."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from . import cjk, zh_fold
from .errors import QueryError
from .query import Label, Term, Text


def table_for(text: Text) -> str:
    """The FTS5 table that answers a Text: `chars` for one lone CJK character, else `fts`.

    `chars` keeps no columns (detail=none), so `title:X` is a prefix query on `fts` instead.
    """
    return "chars" if cjk.single_char(list(text.segments)) and text.column != "title" else "fts"


def fts_phrase(text: Text) -> str:
    """One Text as an FTS5 expression; every token quoted, so user input cannot break it."""
    tokens, prefix = cjk.query_tokens(list(text.segments), text.prefix)
    if table_for(text) == "chars":
        prefix = False  # the chars table holds the character itself
    phrase = '"' + " ".join(tokens).replace('"', '""') + '"' + (" *" if prefix else "")
    return f"title : {phrase}" if text.column == "title" else phrase


def _in(table: str, negated: bool = False) -> str:
    docs = f"(SELECT rowid FROM {table} WHERE {table} MATCH ?)"
    # A post whose text is not indexed yet holds no word, as far as search can tell.
    return f"(p.doc IS NULL OR p.doc NOT IN {docs})" if negated else f"p.doc IN {docs}"


def _condition(term: Term) -> tuple[str, list]:
    item = term.item
    if isinstance(item, Text):
        return _in(table_for(item), term.negated), [fts_phrase(item)]
    if isinstance(item, Label):
        # Keys are as written: a label matches in any of its spellings (經濟 finds 经济 and 經济).
        spelled = list(dict.fromkeys(zh_fold.spellings(item.value) + zh_fold.spellings(item.value.lower())))
        marks = ",".join("?" * len(spelled))
        sql = (f"p.id IN (SELECT post_id FROM post_labels WHERE kind = ? AND (key IN ({marks})"
               f" OR key IN (SELECT key FROM labels WHERE kind = ? AND label IN ({marks}))))")
        params = [item.kind, *spelled, item.kind, *spelled]
    else:
        sql, params = "(p.day >= ? AND p.day < ?)", [item.lo, item.hi + "~"]
    return (f"NOT {sql}" if term.negated else sql), params


def _title_condition(term: Term) -> tuple[str, list]:
    item = term.item
    if not isinstance(item, Text):
        return _condition(term)
    sql = "(" + " AND ".join("instr(p.title_fold, ?) > 0" for _ in item.segments) + ")"
    return (f"NOT {sql}" if term.negated else sql), [seg.text.casefold() for seg in item.segments]


def pending_titles_sql(groups: list[list[Term]]) -> tuple[list[str], list]:
    """WHERE clauses over `posts p` for the posts whose text is not indexed yet, their titles
    standing in for the text: each word's pieces must all be in the title (in any order)."""
    where: list[str] = ["p.doc IS NULL"]
    params: list[str] = []
    for group in groups:
        parts = [_title_condition(term) for term in group]
        where.append("(" + " OR ".join(sql for sql, _ in parts) + ")")
        params.extend(p for _, found in parts for p in found)
    return where, params


@dataclass
class Plan:
    """A parsed query as SQL: one FTS5 expression on `table` for ranking, plus WHERE clauses."""

    table: str | None = None  # "fts" or "chars"; None when the query only filters
    fts: str | None = None
    where: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)  # positive words, for snippets


def plan(groups: list[list[Term]]) -> Plan:
    """Groups of positive words answered by one table go into that table's MATCH; the table
    with bigrams ranks when it has any, else the character table; everything else is SQL."""
    result = Plan()
    positive: dict[str, list[str]] = {"fts": [], "chars": []}
    excluded: dict[str, list[str]] = {"fts": [], "chars": []}
    for group in groups:
        texts = [t.item for t in group if isinstance(t.item, Text) and not t.negated]
        result.texts.extend(texts)
        tables = {table_for(t) for t in texts}
        if len(texts) == len(group) and len(tables) == 1:
            positive[tables.pop()].append("(" + " OR ".join(fts_phrase(t) for t in texts) + ")")
        elif len(group) == 1 and isinstance(group[0].item, Text):
            excluded[table_for(group[0].item)].append(fts_phrase(group[0].item))
        else:
            parts = [_condition(t) for t in group]
            result.where.append("(" + " OR ".join(sql for sql, _ in parts) + ")")
            result.params.extend(p for _, params in parts for p in params)
    result.table = "fts" if positive["fts"] else "chars" if positive["chars"] else None
    for table in ("fts", "chars"):
        if table == result.table:
            result.fts = " AND ".join(positive[table])
            if excluded[table]:
                result.fts = f"({result.fts}) NOT ({' OR '.join(excluded[table])})"
            continue
        for expr in positive[table]:
            result.where.append(_in(table))
            result.params.append(expr)
        for expr in excluded[table]:
            result.where.append(_in(table, negated=True))
            result.params.append(expr)
    if result.table is None and len(result.where) == sum(map(len, excluded.values())):
        raise QueryError("Add a word to search for: “-” only leaves words out.")
    return result


# Ranking. bm25() is negative, more negative is better; a title hit weighs 8 body hits.
# Among similar relevance newer wins: the relevance is multiplied by up to 1.3 for the newest
# post in the library, falling linearly to 1.0 for posts RECENCY_SPAN or more older than it (and
# for undated ones). Relative to the newest post, not to today, so an old archive still gets
# an order. A 30% nudge reorders near-ties but never lifts a weak match over a strong one.
TITLE_WEIGHT, BODY_WEIGHT = 8.0, 1.0
RECENCY_BOOST, RECENCY_SPAN = 0.3, 5 * 365.25 * 86400
CANDIDATES = 3000  # see ranked()


def _relevance(plan: Plan) -> str:
    """bm25 on `fts`. On `chars` (no positions or columns: bm25 is 0) a character in the title
    counts as in ranking by bm25: TITLE_WEIGHT to 1 for the body."""
    if plan.table == "fts":
        return f"-bm25(fts, {TITLE_WEIGHT}, {BODY_WEIGHT})"
    chars = {t.segments[0].text for t in plan.texts if table_for(t) == "chars"}
    # CJK characters only (cjk.single_char), so they need no escaping in a literal; folded, as
    # title_fold is (zh_fold).
    return "(" + " + ".join(f"(1.0 + {TITLE_WEIGHT - BODY_WEIGHT} * (instr(p.title_fold, '{c}') > 0))"
                            for c in sorted(chars)) + ")"


def ranked(db: sqlite3.Connection, plan: Plan, clauses: list[str], params: list, limit: int,
           offset: int) -> list[tuple[int, float]]:
    """Hits by relevance and recency. bm25() costs ~2 µs a row, too much for a word in most of
    100k posts; so when more than CANDIDATES posts match, only the newest CANDIDATES (by id,
    which follows date) are ranked, and the older matches follow them, newest first."""
    t = plan.table
    newest = db.execute("SELECT max(sort_key) FROM posts").fetchone()[0] or 0.0
    score = (f"{_relevance(plan)} * (1.0 + {RECENCY_BOOST} * max(0.0,"
             f" 1.0 - ({newest!r} - coalesce(p.sort_key, -1e300)) / {RECENCY_SPAN!r}))")
    base = f" FROM {t} JOIN posts p ON p.doc = {t}.rowid WHERE {t} MATCH ?"
    # An id list (a tag, a category) must filter the FTS rows, not drive the join: as `p.id IN`
    # SQLite seeks each id of the list for every FTS row (43 ms against 2 ms for a 200-post tag
    # in 2,000 posts); the unary plus keeps it out of the index.
    base += "".join(f" AND {c.replace('p.id IN (', '+p.id IN (')}" for c in clauses)
    args = [plan.fts, *params]
    # One pass over the newest CANDIDATES + 1 matches, scored as they are read, then sorted
    # here: two passes (find the newest, then rank them) took 63 ms for `tag:X 经济` at 100k.
    newest = db.execute(f"SELECT p.id, {score}, {t}.rowid{base} ORDER BY {t}.rowid DESC LIMIT ?",
                        [*args, CANDIDATES + 1]).fetchall()
    ranked = sorted(((i, s) for i, s, _ in newest[:CANDIDATES]), key=lambda r: (r[1], r[0]), reverse=True)
    page = ranked[offset:offset + limit]
    if len(newest) > CANDIDATES and len(page) < limit:
        floor = newest[CANDIDATES - 1][2]
        page += db.execute(f"SELECT p.id, {score}{base} AND {t}.rowid < ? ORDER BY {t}.rowid DESC"
                           " LIMIT ? OFFSET ?",
                           [*args, floor, limit - len(page), max(0, offset - len(ranked))]).fetchall()
    return page
