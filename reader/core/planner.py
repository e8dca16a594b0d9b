"""The search planner: a parsed query as one Tantivy query (SQL over `posts` when it only filters), and its ranking."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

from tantivy import FieldType, Occur, Query, Searcher

from . import cjk, zh_fold
from .errors import QueryError
from .fulltext import ANALYZER, SCHEMA, TITLE_WEIGHT, day_number
from .query import DateRange, Label, Term, Text
from .types import PostFilter

# Ranking: Tantivy's BM25 on title (weighted TITLE_WEIGHT) and body. Among similar relevance newer
# wins: the relevance is multiplied by up to 1.3 for the newest post in the library, falling
# linearly to 1.0 for posts RECENCY_SPAN or more older than it (and for undated ones). Relative to
# the newest post, not to today, so an old archive still gets an order. A 30% nudge reorders
# near-ties but never lifts a weak match over a strong one.
RECENCY_BOOST, RECENCY_SPAN = 0.3, 5 * 365.25 * 86400
CANDIDATES = 500  # the best this many by BM25 get the recency nudge; the rest follow by BM25


@dataclass
class Plan:
    """A parsed query: a Tantivy query when it looks for words, else SQL WHERE clauses over `posts p`."""

    query: Query | None = None
    where: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)


def _tokens(text: Text) -> tuple[list[str], bool]:
    """The index's tokens for a Text (cjk's bigrams, then the index's own analyzer), and whether
    the last is a prefix."""
    tokens, prefix = cjk.query_tokens(list(text.segments), text.prefix)
    return [t for token in tokens for t in ANALYZER.analyze(token)], prefix


def _in_field(name: str, tokens: list[str], prefix: bool) -> Query:
    if not tokens:
        return Query.empty_query()
    if len(tokens) == 1:
        # Tokens hold letters and digits only, which a regex reads as themselves.
        return (
            Query.regex_query(SCHEMA, name, tokens[0] + ".*") if prefix else Query.term_query(SCHEMA, name, tokens[0])
        )
    words: list[str | tuple[int, str]] = list(tokens)
    return Query.phrase_prefix_query(SCHEMA, name, words) if prefix else Query.phrase_query(SCHEMA, name, words)


def text_query(text: Text) -> Query:
    """Where a Text is found: the title (weighted) or the body; a lone CJK character in `chars`."""
    tokens, prefix = _tokens(text)
    title = Query.boost_query(_in_field("title", tokens, prefix), TITLE_WEIGHT)
    if text.column == "title":
        return title
    if cjk.single_char(list(text.segments)):  # one posting list instead of every bigram it starts
        return Query.boolean_query(
            [(Occur.Must, Query.term_query(SCHEMA, "chars", text.segments[0].text)), (Occur.Should, title)]
        )
    return Query.boolean_query([(Occur.Should, _in_field("body", tokens, prefix)), (Occur.Should, title)])


def _spellings(value: str) -> list[str]:
    return list(dict.fromkeys(zh_fold.spellings(value) + zh_fold.spellings(value.lower())))


def label_keys(db: sqlite3.Connection, label: Label) -> list[str]:
    """The keys a category:/tag: value names: the key in any spelling (經濟 finds 经济 and 經济), or
    the keys whose readable name it is."""
    spelled = _spellings(label.value)
    marks = ",".join("?" * len(spelled))
    named = db.execute(f"SELECT key FROM labels WHERE kind = ? AND label IN ({marks})", [label.kind, *spelled])
    return list(dict.fromkeys(spelled + [key for (key,) in named]))


def _days(lo: str, hi: str) -> Query:
    top = [int(p) for p in hi.split("-")] + [99, 99]
    return Query.range_query(SCHEMA, "day", FieldType.Integer, day_number(lo), top[0] * 10000 + top[1] * 100 + top[2])


def _item_query(db: sqlite3.Connection, item: Text | Label | DateRange) -> Query:
    if isinstance(item, Text):
        return text_query(item)
    if isinstance(item, Label):
        return Query.term_set_query(SCHEMA, item.kind, label_keys(db, item))
    return _days(item.lo, item.hi)


def _group_query(db: sqlite3.Connection, group: list[Term]) -> Query:
    parts = []
    for term in group:
        found = _item_query(db, term.item)
        if term.negated:
            found = Query.boolean_query([(Occur.Must, Query.all_query()), (Occur.MustNot, found)])
        parts.append((Occur.Should, found))
    return Query.boolean_query(parts)


def _looks_for_words(groups: list[list[Term]]) -> bool:
    return any(isinstance(t.item, Text) and not t.negated for group in groups for t in group)


def plan(db: sqlite3.Connection, groups: list[list[Term]], docs: Callable[[Query], list[int]]) -> Plan:
    """A query that looks for a word goes to Tantivy whole; one that only filters (labels, dates,
    words left out) is SQL over `posts`, the docs of the words left out asked of Tantivy (`docs`)."""
    if _looks_for_words(groups):
        clauses = []
        for group in groups:
            if len(group) == 1 and group[0].negated:
                clauses.append((Occur.MustNot, _item_query(db, group[0].item)))
            else:
                clauses.append((Occur.Must, _group_query(db, group)))
        return Plan(query=Query.boolean_query(clauses))
    if all(len(g) == 1 and g[0].negated and isinstance(g[0].item, Text) for g in groups):
        raise QueryError("Add a word to search for: “-” only leaves words out.")
    result = Plan()
    for group in groups:
        parts = [_condition(db, term, docs) for term in group]
        result.where.append("(" + " OR ".join(sql for sql, _ in parts) + ")")
        result.params.extend(p for _, params in parts for p in params)
    return result


def _condition(db: sqlite3.Connection, term: Term, docs: Callable[[Query], list[int]]) -> tuple[str, list]:
    item = term.item
    if isinstance(item, Text):  # only ever left out here; a post not indexed yet holds no word
        return "(p.doc IS NULL OR p.doc NOT IN (SELECT value FROM json_each(?)))", [str(docs(text_query(item)))]
    if isinstance(item, Label):
        keys = label_keys(db, item)
        sql = f"p.id IN (SELECT post_id FROM post_labels WHERE kind = ? AND key IN ({','.join('?' * len(keys))}))"
        params = [item.kind, *keys]
    else:
        # coalesce: an undated post (day NULL) is outside every range, so "-date:" keeps it, as Tantivy does
        sql, params = "coalesce(p.day >= ? AND p.day < ?, 0)", [item.lo, item.hi + "~"]
    return (f"NOT {sql}" if term.negated else sql), params


def _title_condition(db: sqlite3.Connection, term: Term) -> tuple[str, list]:
    item = term.item
    if not isinstance(item, Text):
        return _condition(db, term, lambda _query: [])
    sql = "(" + " AND ".join("instr(p.title_fold, ?) > 0" for _ in item.segments) + ")"
    return (f"NOT {sql}" if term.negated else sql), [seg.text.casefold() for seg in item.segments]


def pending_titles_sql(db: sqlite3.Connection, groups: list[list[Term]]) -> tuple[list[str], list]:
    """WHERE clauses over `posts p` for the posts whose text is not indexed yet, their titles
    standing in for the text: each word's pieces must all be in the title (in any order)."""
    where: list[str] = ["p.doc IS NULL"]
    params: list[str] = []
    for group in groups:
        parts = [_title_condition(db, term) for term in group]
        where.append("(" + " OR ".join(sql for sql, _ in parts) + ")")
        params.extend(p for _, found in parts for p in found)
    return where, params


def filter_query(f: PostFilter) -> list[tuple[Occur, Query]]:
    """The parts of a PostFilter the Tantivy documents hold (categories, tags, months, drafts,
    problems) as clauses; the reading state and the title filter are SQLite's (doc_clause)."""
    clauses = []
    for kind, keys in (("category", f.categories), ("tag", f.tags)):
        if keys:
            clauses.append((Occur.Must, Query.term_set_query(SCHEMA, kind, list(keys))))
    if f.months:
        clauses.append((Occur.Must, Query.boolean_query([(Occur.Should, _days(m, m)) for m in f.months])))
    if f.drafts is not None:
        clauses.append((Occur.Must, Query.term_query(SCHEMA, "draft", int(f.drafts))))
    if f.problems:
        clauses.append((Occur.Must, Query.term_query(SCHEMA, "problem", 1)))
    return clauses


def doc_clause(docs: list[int], wanted: bool) -> tuple[Occur, Query]:
    """Only these docs (`wanted`), or none of them."""
    return (Occur.Must if wanted else Occur.MustNot), Query.term_set_query(SCHEMA, "doc", docs)


def ranked(searcher: Searcher, query: Query, newest: float, limit: int, offset: int) -> list[tuple[int, float]]:
    """(doc, score) by relevance and recency, best first. The best CANDIDATES by BM25 are nudged by
    recency and sorted again; any further hits follow them in BM25's order."""
    top = searcher.search(query, limit=CANDIDATES, count=False).hits
    addresses = [address for _, address in top]
    docs = cast(list[int], searcher.fast_field_values("doc", addresses))
    stamps = cast(list[int | None], searcher.fast_field_values("ts", addresses))
    # Inline: at 1,000 candidates a call per hit cost 2 ms a search.
    oldest, boost = newest - RECENCY_SPAN, RECENCY_BOOST / RECENCY_SPAN
    scored = sorted(
        (
            (score * (1.0 + boost * (ts - oldest)) if ts is not None and ts > oldest else score, doc)
            for (score, _), doc, ts in zip(top, docs, stamps, strict=True)
        ),
        reverse=True,
    )
    page = [(doc, score) for score, doc in scored[offset : offset + limit]]
    if len(top) == CANDIDATES and len(page) < limit:
        more = searcher.search(query, limit=limit - len(page), offset=max(offset, CANDIDATES), count=False).hits
        more_docs = cast(list[int], searcher.fast_field_values("doc", [address for _, address in more]))
        page += [(doc, score) for (score, _), doc in zip(more, more_docs, strict=True)]
    return page
