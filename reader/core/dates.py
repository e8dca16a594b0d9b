"""Dates as posts write them -> (ISO 8601 text as precise as the source, UTC epoch seconds)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

_UTC = dt.timezone.utc

# Named zones real posts use. "CST" is taken as US Central (the common case in blogs);
# a Chinese "CST" is written +0800 in practice.
_NAMED_OFFSETS = {
    "UTC": 0, "GMT": 0, "UT": 0, "Z": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
    "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
    "CET": 1, "CEST": 2, "BST": 1, "JST": 9, "KST": 9,
}
_TZINFOS = {name: hours * 3600 for name, hours in _NAMED_OFFSETS.items()}

# The fast path: ISO-like dates, unpadded months and days, a time, an offset or a zone
# name, and anything after it ignored ("2016-07-19 (optional)").
_ISO = re.compile(
    r"\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?"
    r"\s*(?:(Z|[+-]\d{2}:?\d{2}|[+-]\d{1,2}(?![\d:])|[A-Z]{1,4}T|UTC|GMT|UT)(?![A-Za-z]))?"
)
_FILENAME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[-_. ])")
_HAS_YEAR = re.compile(r"(?<![\d+\-:])[12]\d{3}(?!\d)")  # not the "0800" of "+0800"


def parse_date(value: object, default_tz: str | None = None) -> tuple[str, float] | None:
    """(ISO text, epoch seconds) for a date value from front matter, or None if it is not a date.

    A date alone stays date-only (sorted at midnight in default_tz, else UTC). A time
    without an offset gets default_tz when given; otherwise it stays naive (sorted as UTC).
    """
    if isinstance(value, dt.datetime):
        return _from_datetime(value, default_tz)
    if isinstance(value, dt.date):
        return _from_date(value, default_tz)
    if not isinstance(value, str):
        return None  # numbers (a year alone), booleans, lists: not dates
    text = value.strip()
    if not text:
        return None
    m = _ISO.match(text)
    if m:
        return _from_match(m, default_tz)
    return _parse_loose(text, default_tz)


def date_from_filename(name: str) -> str | None:
    """The ISO date a "YYYY-M-D-slug.ext" (or "YYYY-MM-DD.ext") file name starts with, or None."""
    name = name.rsplit("/", 1)[-1]
    m = _FILENAME.match(name)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def date_sort_key(iso_date: str, default_tz: str | None = None) -> float:
    """Epoch seconds of midnight of an ISO date (from date_from_filename) in default_tz, else UTC."""
    return _from_date(dt.date.fromisoformat(iso_date), default_tz)[1]


def _from_match(m: re.Match, default_tz: str | None) -> tuple[str, float] | None:
    try:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        if m[4] is None:
            return _from_date(dt.date(year, month, day), default_tz)
        micro = int((m[7] or "0")[:6].ljust(6, "0"))
        # An unknown zone name is junk after the time (tz None): the time stays naive.
        tz = _offset(m[8]) if m[8] else None
        naive = dt.datetime(year, month, day, int(m[4]), int(m[5]), int(m[6] or 0), micro)
    except ValueError:
        return None  # 2018-02-31, 25:00
    if tz is not None:
        return _from_datetime(naive.replace(tzinfo=tz), default_tz)
    return _from_datetime(naive, default_tz)


def _offset(text: str) -> dt.tzinfo | None:
    if text in _NAMED_OFFSETS:
        return _fixed(_NAMED_OFFSETS[text] * 60)
    if text[0] in "+-":
        digits = text[1:].replace(":", "")
        if len(digits) <= 2:
            minutes = int(digits) * 60
        else:
            minutes = int(digits[:-2]) * 60 + int(digits[-2:])
        if minutes >= 24 * 60:
            return None
        return _fixed(-minutes if text[0] == "-" else minutes)
    return None


@lru_cache(maxsize=64)
def _fixed(minutes: int) -> dt.timezone:
    return _UTC if minutes == 0 else dt.timezone(dt.timedelta(minutes=minutes))


@lru_cache(maxsize=16)
def _zone(name: str | None) -> dt.tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, LookupError):  # ZoneInfoNotFoundError is a KeyError
        return None


def _from_date(day: dt.date, default_tz: str | None) -> tuple[str, float]:
    midnight = dt.datetime(day.year, day.month, day.day, tzinfo=_zone(default_tz) or _UTC)
    return day.isoformat(), midnight.timestamp()


def _from_datetime(value: dt.datetime, default_tz: str | None) -> tuple[str, float]:
    if value.tzinfo is None:
        zone = _zone(default_tz)
        if zone is None:
            return value.isoformat(), value.replace(tzinfo=_UTC).timestamp()
        value = value.replace(tzinfo=zone)
    return value.isoformat(), value.timestamp()


def _parse_loose(text: str, default_tz: str | None) -> tuple[str, float] | None:
    """Other spellings ("September 8, 2014") through dateutil, refusing partial dates."""
    if not _HAS_YEAR.search(text) or len(text) > 64:
        return None  # "+0800", "2019", "yesterday": dateutil would fill in today's date
    from dateutil import parser  # only the rare non-ISO dates need it

    try:
        # Parse twice with different defaults: a field that changes was not in the text.
        a = parser.parse(text, default=dt.datetime(2000, 1, 1, 0, 0), tzinfos=_TZINFOS, fuzzy=True)
        b = parser.parse(text, default=dt.datetime(2004, 2, 2, 1, 1), tzinfos=_TZINFOS, fuzzy=True)
    except (ValueError, OverflowError, TypeError, parser.ParserError):
        return None
    if a.date() != b.date():
        return None
    if (a.hour, a.minute) != (b.hour, b.minute):
        return _from_date(a.date(), default_tz)
    return _from_datetime(a, default_tz)
