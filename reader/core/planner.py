"""The search planner: a parsed query as one Tantivy query (SQL over `posts` when it only filters), and its ranking."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import cast

from tantivy import DocAddress, FieldType, Occur, Query, Searcher

from . import cjk
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
# A phrase whose every token is in this many posts or more is ranked through a bound (PhraseBound):
# below it Tantivy checks the phrase in each post faster than the bound's fixed cost (about 1.5 ms).
BOUND_MIN_DOCS = 20_000
BOUND_MARGIN = 100  # the bound's best CANDIDATES + BOUND_MARGIN posts are checked exactly
# The keys a category:/tag: term names (label_match.LabelNames.keys, over the index the query runs on).
LabelKeys = Callable[[Label], list[str]]


@dataclass
class Plan:
    """A parsed query: a Tantivy query when it looks for words, else SQL WHERE clauses over `posts p`."""

    query: Query | None = None
    where: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)
    phrase: Text | None = None  # the query is this phrase alone (PhraseBound can rank it)


@functools.lru_cache(maxsize=64)  # a search makes a text's tokens for its query and each shortcut
def _tokens(text: Text) -> tuple[tuple[str, ...], bool]:
    """The index's tokens for a Text (cjk's bigrams, then the index's own analyzer), and whether
    the last is a prefix."""
    tokens, prefix = cjk.query_tokens(list(text.segments), text.prefix)
    return tuple(t for token in tokens for t in ANALYZER.analyze(token)), prefix


# Cached: a prefix or a lone character is a regex, 0.22 ms to build, and a search asks for it twice.
@functools.lru_cache(maxsize=128)
def _in_field(name: str, tokens: tuple[str, ...], prefix: bool) -> Query:
    if not tokens:
        return Query.empty_query()
    if len(tokens) == 1:
        # Tokens hold letters and digits only, which a regex reads as themselves.
        return (
            Query.regex_query(SCHEMA, name, tokens[0] + ".*") if prefix else Query.term_query(SCHEMA, name, tokens[0])
        )
    words: list[str | tuple[int, str]] = list(tokens)
    return Query.phrase_prefix_query(SCHEMA, name, words) if prefix else Query.phrase_query(SCHEMA, name, words)


def _title(tokens: tuple[str, ...], prefix: bool) -> Query:
    return Query.boost_query(_in_field("title", tokens, prefix), TITLE_WEIGHT)


def text_query(text: Text) -> Query:
    """Where a Text is found: the title (weighted) or the body; a lone CJK character in `chars`."""
    tokens, prefix = _tokens(text)
    title = _title(tokens, prefix)
    if text.column == "title":
        return title
    if cjk.single_char(list(text.segments)):  # one posting list instead of every bigram it starts
        return Query.boolean_query(
            [(Occur.Must, Query.term_query(SCHEMA, "chars", text.segments[0].text)), (Occur.Should, title)]
        )
    return _body_or_title(_in_field("body", tokens, prefix), title)


def _body_or_title(body: Query, title: Query) -> Query:
    return Query.boolean_query([(Occur.Should, body), (Occur.Should, title)])


def _days(lo: str, hi: str) -> Query:
    top = [int(p) for p in hi.split("-")] + [99, 99]
    return Query.range_query(SCHEMA, "day", FieldType.Integer, day_number(lo), top[0] * 10000 + top[1] * 100 + top[2])


def _item_query(keys: LabelKeys, item: Text | Label | DateRange) -> Query:
    if isinstance(item, Text):
        return text_query(item)
    if isinstance(item, Label):
        return Query.term_set_query(SCHEMA, item.kind, keys(item))
    return _days(item.lo, item.hi)


def _group_query(keys: LabelKeys, group: list[Term]) -> Query:
    parts = []
    for term in group:
        found = _item_query(keys, term.item)
        if term.negated:
            found = Query.boolean_query([(Occur.Must, Query.all_query()), (Occur.MustNot, found)])
        parts.append((Occur.Should, found))
    return Query.boolean_query(parts)


def _looks_for_words(groups: list[list[Term]]) -> bool:
    return any(isinstance(t.item, Text) and not t.negated for group in groups for t in group)


def plan(keys: LabelKeys, groups: list[list[Term]], docs: Callable[[Query], list[int]]) -> Plan:
    """A query that looks for a word goes to Tantivy whole; one that only filters (labels, dates,
    words left out) is SQL over `posts`, the docs of the words left out asked of Tantivy (`docs`)."""
    if _looks_for_words(groups):
        clauses = []
        for group in groups:
            if len(group) == 1 and group[0].negated:
                clauses.append((Occur.MustNot, _item_query(keys, group[0].item)))
            else:
                clauses.append((Occur.Must, _group_query(keys, group)))
        only = groups[0][0].item if len(groups) == 1 and len(groups[0]) == 1 else None
        phrase = only if isinstance(only, Text) and only.column is None and not only.prefix else None
        return Plan(query=Query.boolean_query(clauses), phrase=phrase)
    if all(len(g) == 1 and g[0].negated and isinstance(g[0].item, Text) for g in groups):
        raise QueryError("Add a word to search for: “-” only leaves words out.")
    result = Plan()
    for group in groups:
        parts = [_condition(keys, term, docs) for term in group]
        result.where.append("(" + " OR ".join(sql for sql, _ in parts) + ")")
        result.params.extend(p for _, params in parts for p in params)
    return result


def _condition(keys: LabelKeys, term: Term, docs: Callable[[Query], list[int]]) -> tuple[str, list]:
    item = term.item
    if isinstance(item, Text):  # only ever left out here; a post not indexed yet holds no word
        return "(p.doc IS NULL OR p.doc NOT IN (SELECT value FROM json_each(?)))", [str(docs(text_query(item)))]
    if isinstance(item, Label):
        named = keys(item)
        sql = f"p.id IN (SELECT post_id FROM post_labels WHERE kind = ? AND key IN ({','.join('?' * len(named))}))"
        params = [item.kind, *named]
    else:
        # coalesce: an undated post (day NULL) is outside every range, so "-date:" keeps it, as Tantivy does
        sql, params = "coalesce(p.day >= ? AND p.day < ?, 0)", [item.lo, item.hi + "~"]
    return (f"NOT {sql}" if term.negated else sql), params


def _title_condition(keys: LabelKeys, term: Term) -> tuple[str, list]:
    item = term.item
    if not isinstance(item, Text):
        return _condition(keys, term, lambda _query: [])
    sql = "(" + " AND ".join("instr(p.title_fold, ?) > 0" for _ in item.segments) + ")"
    return (f"NOT {sql}" if term.negated else sql), [seg.text.casefold() for seg in item.segments]


def pending_titles_sql(keys: LabelKeys, groups: list[list[Term]]) -> tuple[list[str], list]:
    """WHERE clauses over `posts p` for the posts whose text is not indexed yet, their titles
    standing in for the text: each word's pieces must all be in the title (in any order)."""
    where: list[str] = ["p.doc IS NULL"]
    params: list[str] = []
    for group in groups:
        parts = [_title_condition(keys, term) for term in group]
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


@dataclass
class PhraseBound:
    """A phrase in most posts ranked without checking it in every one of them (issue 16: 新能源 is
    in 75% of the generated posts, and Tantivy read the positions of all of them, 7 of a search's
    9.5 ms at 100k). A phrase's BM25 is idf(sum of its tokens) x tf(the phrase), and the phrase
    occurs no more often than any of its tokens, so its rarest token's BM25 scaled by that idf sum
    over its own bounds it from above. `upper` is the search with that bound for the body phrase;
    `checked(docs)` the search itself with the body phrase checked only in `docs`. If the exact
    scores of the bound's best CANDIDATES + BOUND_MARGIN posts put CANDIDATES of them above the
    bound of every other post, those are the best CANDIDATES, with the scores the search gives."""

    upper: Query
    checked: Callable[[list[int]], Query]


def phrase_bound(searcher: Searcher, text: Text, documents: int, whole: Callable[[Query], Query]) -> PhraseBound | None:
    """The bound of a query that is `text` alone, or None when its tokens are not all in
    BOUND_MIN_DOCS posts. `documents`: at least as many as Tantivy counts, deleted ones included
    (its BM25's N; a larger N only loosens the bound). `whole`: the query around the text's."""
    tokens, prefix = _tokens(text)
    if prefix or len(tokens) < 2 or cjk.single_char(list(text.segments)):
        return None
    freqs = [searcher.doc_freq("body", token) for token in tokens]
    rarest = min(range(len(tokens)), key=freqs.__getitem__)
    if freqs[rarest] < BOUND_MIN_DOCS:
        return None
    idfs = _idfs(freqs, documents)
    low = idfs[rarest] - 1e-6
    if low < 1e-4:
        return None  # a token in (nearly) every post: no bound worth having
    scale = sum(idf + 1e-6 for idf in idfs) / low * (1 + 1e-4)
    # The rarest token alone, not the other tokens' postings too: 1.7 ms instead of 2.4 at 100k (新能源).
    body = Query.boost_query(Query.term_query(SCHEMA, "body", tokens[rarest]), scale)
    title, phrase = _title(tokens, False), _in_field("body", tokens, False)

    def checked(docs: list[int]) -> Query:
        only = _unscored(Query.boolean_query([(Occur.Should, Query.term_query(SCHEMA, "doc", d)) for d in docs]))
        return _alone(whole, _body_or_title(Query.boolean_query([(Occur.Must, only), (Occur.Must, phrase)]), title))

    return PhraseBound(_alone(whole, _body_or_title(body, title)), checked)


def _idfs(freqs: list[int], documents: int) -> list[float]:
    """Tantivy's idf, ln(1 + (N - n + 0.5) / (n + 0.5)) (in float32 there: the callers widen it),
    with N = `documents`: more than Tantivy's N only makes it larger."""
    total = math.log(max(documents, *freqs) + 1)
    return [total - math.log(n + 0.5) for n in freqs]


def _alone(whole: Callable[[Query], Query], leaf: Query) -> Query:
    """The search for a text's query `leaf` as plan() puts a query of one text: one group of one term."""
    return whole(Query.boolean_query([(Occur.Must, Query.boolean_query([(Occur.Should, leaf)]))]))


@dataclass
class TitleFirst:
    """A text in most posts and in many titles ranked from the posts whose title holds it. A title hit
    weighs TITLE_WEIGHT: at 100k the best 500 for 新能源 all hold it in their titles (the 500th scores
    60.8), while no body hit can score more than its BM25's ceiling, idf x (1 + k1) (0.84). So when
    the best CANDIDATES of `titled` (the search over the titled posts alone, each with its whole
    score) all score above `ceiling`, they are the search's best, and the body is checked in the
    titled posts only."""

    titled: Query
    ceiling: float


def title_first(searcher: Searcher, text: Text, documents: int, whole: Callable[[Query], Query]) -> TitleFirst | None:
    """The TitleFirst of a query that is `text` alone, or None when it would not pay: a body word in
    fewer than BOUND_MIN_DOCS posts, a title word in fewer than CANDIDATES titles (nothing to prove)
    or in more than a quarter of the posts that hold it (the titled posts are most of the work)."""
    tokens, prefix = _tokens(text)
    single = cjk.single_char(list(text.segments))
    if text.column is not None or not tokens or (prefix and not single):
        return None
    where = [("chars", text.segments[0].text)] if single else [("body", token) for token in tokens]
    freqs = [searcher.doc_freq(name, token) for name, token in where]
    if min(freqs) < BOUND_MIN_DOCS:
        return None
    # A lone character's titles are not counted (a regex); the plain search reads all its posts anyway.
    if not single:
        titles = min(searcher.doc_freq("title", token) for token in tokens)
        if not CANDIDATES <= titles <= min(freqs) // 4:  # 经济: in 84% of the titles, the plain search is faster
            return None
    title = _title(tokens, prefix)
    if single:  # as text_query() has it: the character's posts, a title that holds it adds its weight
        titled = Query.boolean_query([(Occur.Must, Query.term_query(SCHEMA, *where[0])), (Occur.Must, title)])
    else:
        titled = Query.boolean_query([(Occur.Must, title), (Occur.Should, _in_field("body", tokens, False))])
    # BM25 = idf x (1 + k1) x tf / (tf + k1 x (1 - b + b x length / average)) < idf x (1 + k1); k1 = 1.2
    ceiling = sum(idf + 1e-6 for idf in _idfs(freqs, documents)) * 2.2 * (1 + 1e-4)
    return TitleFirst(_alone(whole, titled), ceiling)


def _unscored(query: Query) -> Query:
    return Query.const_score_query(query, 0.0)


def shortcuts(
    searcher: Searcher, text: Text, documents: int, whole: Callable[[Query], Query]
) -> Iterator[TitleFirst | PhraseBound]:
    """Cheaper ways to the best CANDIDATES of a query that is `text` alone, in the order to try them;
    each made only once the one before has failed (its document frequencies cost 0.02-0.15 ms each)."""
    for make in (title_first, phrase_bound):
        way = make(searcher, text, documents, whole)
        if way is not None:
            yield way


def ranked(
    searcher: Searcher,
    query: Query,
    newest: float,
    limit: int,
    offset: int,
    ways: Iterable[TitleFirst | PhraseBound] = (),
) -> list[tuple[int, float]]:
    """(doc, score) by relevance and recency, best first. The best CANDIDATES by BM25 are nudged by
    recency and sorted again; any further hits follow them in BM25's order (from the same search:
    a second one past CANDIDATES ranked them all again)."""
    wanted = offset + limit
    found = (
        _best(searcher, query, ways) if wanted <= CANDIDATES else searcher.search(query, limit=wanted, count=False).hits
    )
    top = found[:CANDIDATES]
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
    page = [(doc, score) for score, doc in scored[offset:wanted]]
    more = found[max(offset, CANDIDATES) : wanted]
    if more:
        more_docs = cast(list[int], searcher.fast_field_values("doc", [address for _, address in more]))
        page += [(doc, score) for (score, _), doc in zip(more, more_docs, strict=True)]
    return page


def _best(searcher: Searcher, query: Query, ways: Iterable[TitleFirst | PhraseBound]) -> list[tuple[float, DocAddress]]:
    """The best CANDIDATES hits of `query` by BM25: from the first shortcut that proves them, else the query."""
    for way in ways:
        found = proved(searcher, way)
        if found is not None:
            return found
    return searcher.search(query, limit=CANDIDATES, count=False).hits


def proved(searcher: Searcher, way: TitleFirst | PhraseBound) -> list[tuple[float, DocAddress]] | None:
    """The best CANDIDATES hits by BM25 as a shortcut finds them, or None if it cannot prove them."""
    if isinstance(way, TitleFirst):
        top = searcher.search(way.titled, limit=CANDIDATES, count=False).hits
        return top if len(top) == CANDIDATES and top[-1][0] > way.ceiling else None
    upper = searcher.search(way.upper, limit=CANDIDATES + BOUND_MARGIN + 1, count=False).hits
    if len(upper) <= CANDIDATES + BOUND_MARGIN:
        return None  # so few posts that the phrase query is cheap
    docs = cast(list[int], searcher.fast_field_values("doc", [address for _, address in upper[:-1]]))
    top = searcher.search(way.checked(docs), limit=CANDIDATES, count=False).hits
    # Any other post scores at most upper[-1]'s bound, also in `checked` (which gives it its title's score alone).
    return top if len(top) == CANDIDATES and top[-1][0] > upper[-1][0] else None
