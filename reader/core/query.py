"""The search query language: a query's words, phrases, labels, dates, OR and negation, parsed into terms."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from . import cjk, zh_fold
from .errors import QueryError

# Chinese input methods type these (「」 are Traditional's quotation marks); read them as their ASCII twins.
_FOLD = str.maketrans(
    {"“": '"', "”": '"', "＂": '"', "「": '"', "」": '"', "『": '"', "』": '"', "：": ":", "－": "-", "\u3000": " "}
)
# A field's name as typed (any case; Chinese in Simplified or Traditional, 標籤 as 标签) -> the field.
# The plurals are front matter's own names; any other `word:` is a word (https://x, 10:30).
FIELDS = {
    "category": "category",
    "categories": "category",
    "cat": "category",
    "分类": "category",
    "类别": "category",
    "tag": "tag",
    "tags": "tag",
    "标签": "tag",
    "title": "title",
    "标题": "title",
    "date": "date",
    "日期": "date",
}
_FIELD = re.compile(r"([^\W\d_]{2,10}):")  # letters, then a colon
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
        m = _FIELD.match(q, i)
        field_name = FIELDS.get(zh_fold.fold(m.group(1).lower())) if m else None
        if m and field_name:
            i = m.end()
            if i >= n or q[i].isspace():
                raise QueryError(f"“{m.group(1)}:” needs a value, as in {m.group(1)}:word.")
        if q[i] == '"':
            j = q.find('"', i + 1)
            if j < 0:
                raise QueryError('A quotation mark is not closed: add the closing ".')
            value, quoted, i = q[i + 1 : j], True, j + 1
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
        if isinstance(item, str):  # the only string _lex gives is "OR"
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


def wanted_texts(groups: list[list[Term]]) -> list[Text]:
    """The words and phrases the query looks for (not those it leaves out): what snippets mark."""
    return [t.item for group in groups for t in group if isinstance(t.item, Text) and not t.negated]


def query_words(query: str) -> list[str]:
    """The words and phrases of `query` as typed, each once, a prefix without its *: what a front end
    marks in what it shows (no operators, filters or exclusions; none when the query does not parse)."""
    try:
        texts = wanted_texts(parse(query))
    except QueryError:
        return []
    return list(dict.fromkeys(w for w in (t.raw.rstrip("*") if t.prefix else t.raw for t in texts) if w))
