"""The search query language: parse a query, turn it and a PostFilter into SQL, make snippets."""

from __future__ import annotations

import datetime as _dt
import re
import sqlite3
from dataclasses import dataclass, field

from . import cjk, zh_fold
from .errors import QueryError
from .types import PostFilter, Snippet

# Chinese input methods type these; read them as their ASCII twins.
_FOLD = str.maketrans({"“": '"', "”": '"', "＂": '"', "：": ":", "－": "-", "\u3000": " "})
_FIELD = re.compile(r"(category|tag|title|date):", re.IGNORECASE)
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_DATE_HELP = "use date:2022, date:2022-01, date:2021-12-08 or a range like date:2022-01..2022-03"


@dataclass(frozen=True)
class Text:
    """Words to find, adjacent and in order: one unquoted word or one "quoted phrase"."""

    raw: str
    segments: tuple[cjk.Segment, ...]
    prefix: bool = False  # a trailing * on a Latin word
    column: str | None = None  # "title" or None for title and body


@dataclass(frozen=True)
class Label:
    """category:X or tag:X: the key or the readable label."""

    kind: str
    value: str


@dataclass(frozen=True)
class DateRange:
    """date:...: days as written in the post, from `lo` to `hi` inclusive, as ISO prefixes."""

    lo: str
    hi: str


@dataclass(frozen=True)
class Term:
    item: Text | Label | DateRange
    negated: bool = False


# --- parsing -----------------------------------------------------------------------------

def _date_part(text: str, whole: str) -> str:
    m = _DATE.fullmatch(text)
    if not m:
        raise QueryError(f"“date:{whole}” is not a date I understand: {_DATE_HELP}.")
    year, month, day = m.groups()
    try:
        _dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise QueryError(f"“date:{whole}” is not a real date: {_DATE_HELP}.") from None
    parts = [year] + [f"{int(p):02d}" for p in (month, day) if p]
    return "-".join(parts)


def _date_range(value: str) -> DateRange:
    lo_text, dots, hi_text = value.partition("..")
    lo = _date_part(lo_text, value)
    hi = _date_part(hi_text, value) if dots else lo
    if hi < lo[: len(hi)]:
        raise QueryError(f"“date:{value}” ends before it starts.")
    return DateRange(lo, hi)


def _term(field_name: str | None, value: str, quoted: bool, negated: bool) -> Term | None:
    if field_name in ("category", "tag"):
        if not value.strip():
            raise QueryError(f"“{field_name}:” needs a value, as in {field_name}:news.")
        return Term(Label(field_name, value.strip()), negated)
    if field_name == "date":
        return Term(_date_range(value.strip()), negated)
    prefix = not quoted and value.endswith("*")
    segs = tuple(cjk.segments(value))
    if not segs:
        return None  # only punctuation: nothing the index could find
    prefix = prefix and not segs[-1].cjk
    return Term(Text(value, segs, prefix, field_name), negated)


def _lex(query: str) -> list[Term | str | None]:
    """Terms, "OR" markers and None for terms that hold nothing searchable."""
    q = query.translate(_FOLD)
    out: list[Term | str | None] = []
    i, n = 0, len(q)
    while i < n:
        if q[i].isspace():
            i += 1
            continue
        negated = q[i] == "-"
        if negated:
            i += 1
            if i >= n or q[i].isspace():
                raise QueryError("A “-” must be followed by what to leave out, as in -word.")
        field_name = None
        m = _FIELD.match(q, i)
        if m:
            field_name = m.group(1).lower()
            i = m.end()
            if i >= n or q[i].isspace():
                raise QueryError(f"“{field_name}:” needs a value, as in {field_name}:word.")
        if q[i] == '"':
            j = q.find('"', i + 1)
            if j < 0:
                raise QueryError('A quotation mark is not closed: add the closing ".')
            value, quoted, i = q[i + 1:j], True, j + 1
        else:
            j = i
            while j < n and not q[j].isspace() and q[j] != '"':
                j += 1
            value, quoted, i = q[i:j], False, j
        if value == "OR" and not quoted and not negated and field_name is None:
            out.append("OR")
        else:
            out.append(_term(field_name, value, quoted, negated))
    return out


def parse(query: str) -> list[list[Term]]:
    """The query as an AND of OR-groups. OR binds tighter than the implied AND: `a b OR c`."""
    groups: list[list[Term | None]] = []
    joining = False
    for item in _lex(query):
        if item == "OR":
            if not groups or joining:
                raise QueryError("“OR” needs something to search for on each side, as in 新能源 OR 电池.")
            joining = True
        elif joining:
            groups[-1].append(item)
            joining = False
        else:
            groups.append([item])
    if joining:
        raise QueryError("“OR” needs something to search for on each side, as in 新能源 OR 电池.")
    # A group with an unsearchable member (only punctuation) still holds if another member does.
    cleaned = [[t for t in g if t is not None] for g in groups]
    cleaned = [g for g in cleaned if g]
    if not cleaned:
        raise QueryError("Type a word or phrase to search for.")
    return cleaned


# --- SQL ---------------------------------------------------------------------------------

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
    where, params = ["p.doc IS NULL"], []
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


# --- snippets ----------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_LATIN_EDGE = f"[^\\W_{cjk._CJK_CLASS}]"


def title_fold(title: str) -> str:
    """posts.title_fold: the title casefolded and its Chinese folded (zh_fold), for the title filter,
    title-only search and the order by title."""
    return zh_fold.fold(title.casefold())


def _pattern(text: Text) -> str:
    parts = [zh_fold.pattern(s.text) for s in text.segments]  # the words as written, in any form
    body = r"[\W_]*".join(parts)
    if not text.segments[0].cjk:
        body = f"(?<!{_LATIN_EDGE})" + body
    last = text.segments[-1]
    if text.prefix:
        body += f"{_LATIN_EDGE}*"
    elif not last.cjk:
        body += f"(?!{_LATIN_EDGE})"
    return body


def highlighter(texts: list[Text]) -> re.Pattern[str] | None:
    """One regex finding any of the searched words in plain text, case-insensitively."""
    if not texts:
        return None
    patterns = sorted({_pattern(t) for t in texts}, key=len, reverse=True)
    return re.compile("|".join(patterns), re.IGNORECASE)


def snippet(text: str, pattern: re.Pattern[str] | None, width: int = 120) -> Snippet:
    """About `width` characters around the first hit, whitespace collapsed, with the hits' spans."""
    found = pattern.search(text) if pattern else None
    first = found.start() if found else 0
    # Whitespace is collapsed in a slice around the hit only: texts can be 300 KB.
    lo = max(0, first - 2 * width)
    hi = first + 3 * width
    lead = _SPACE.sub(" ", text[lo:first]).lstrip() if lo == 0 else _SPACE.sub(" ", text[lo:first])
    window = lead + _SPACE.sub(" ", text[first:hi])
    first = len(lead)
    start = max(0, first - width // 4)
    end = min(len(window), start + width)
    start = max(0, min(start, end - width))
    hits = []
    for hit in pattern.finditer(window, start) if found else ():
        if hit.start() >= end:
            break
        if hit.end() > hit.start():
            hits.append((hit.start(), hit.end()))
    end = max([end, *(e for _, e in hits)])
    body = window[start:end].rstrip() if end >= len(window) else window[start:end]
    lead_mark = "…" if start or lo else ""
    shift = len(lead_mark) - start
    tail = "…" if end < len(window) or hi < len(text) else ""
    return Snippet(lead_mark + body + tail, tuple((a + shift, b + shift) for a, b in hits))
