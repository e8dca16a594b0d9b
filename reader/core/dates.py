"""Dates as posts write them -> (ISO 8601 text as precise as the source, UTC epoch seconds)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

_UTC = dt.UTC

# Named zones real posts use. "CST" is taken as US Central (the common case in blogs);
# a Chinese "CST" is written +0800 in practice.
_NAMED_OFFSETS = {
    "UTC": 0,
    "GMT": 0,
    "UT": 0,
    "Z": 0,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
    "CET": 1,
    "CEST": 2,
    "BST": 1,
    "JST": 9,
    "KST": 9,
}
_TZINFOS = {name: hours * 3600 for name, hours in _NAMED_OFFSETS.items()}

# An offset or a zone name after a time.
_ZONE = r"Z|[+-]\d{2}:?\d{2}|[+-]\d{1,2}(?![\d:])|[A-Z]{1,4}T|UTC|GMT|UT"
# The fast path: ISO-like dates, unpadded months and days, a time, an offset or a zone
# name, and anything after it ignored ("2016-07-19 (optional)").
_ISO = re.compile(
    r"\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?"
    rf"\s*(?:({_ZONE})(?![A-Za-z]))?"
)
# The form most posts write (Jekyll's, finews'): "2022-01-21 15:01:08 +0800". Read without datetime
# objects: 1.6 against 10.4 us (the whole metadata of a post is about 17).
_COMMON = re.compile(r"(\d{4}-\d\d-\d\d)[ T](\d\d):(\d\d):(\d\d) ?([+-]\d\d):?(\d\d)")
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_FILENAME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[-_. ])")
# Dates in URL paths: a page under /YYYY/M/D/ (Jekyll's default permalink), a date anywhere in one.
_URL_DATED_PAGE = re.compile(r"^/?(?:.*/)?(\d{4})/(\d{1,2})/(\d{1,2})/([^/]+?)(?:\.html?|/)?$")
_URL_DATE = re.compile(r"(?:^|/)(\d{4})/(\d{1,2})/(\d{1,2})(?:/|$)")

# Chinese forms: 2019年3月28日, 2019年3月28日 下午3:05, 15时05分, 下午三点半, 二〇一九年三月二十八日,
# full-width digits. The text is first made ASCII-digit (_ascii_digits), then matched at its start.
# Every quantifier is bounded and the match anchored, so no input can make it backtrack far.
_FULLWIDTH = str.maketrans("０１２３４５６７８９：／－．　", "0123456789:/-. ")
_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_TENS = {"十": 10, "廿": 20, "卅": 30}
_CN_NUMERAL = re.compile("[〇○零一二两兩三四五六七八九十廿卅]+")
_PERIODS = "上午|早上|早晨|清晨|凌晨|中午|午间|午間|下午|傍晚|晚上|晚间|晚間|夜里|夜裡|夜间|夜間"
_CN_DATE = re.compile(
    r"\s{0,3}(?P<y>\d{4})\s{0,2}(?P<sep>[年/-])\s{0,2}(?P<mo>\d{1,2})\s{0,2}[月/-]\s{0,2}(?P<d>\d{1,2})"
    r"\s{0,2}(?P<day>[日号號])?"
    r"(?:\s{0,2}[(（]?(?:星期|礼拜|禮拜|周|週)[1-7日天][)）]?)?"  # the weekday: 星期四, （周四）
    rf"(?:[\sT,，]{{0,3}}(?P<period>{_PERIODS})?\s{{0,2}}(?P<h>\d{{1,2}})\s{{0,2}}[:点點时時]"
    r"\s{0,2}(?:(?P<half>半)|(?P<mi>\d{1,2})\s{0,2}分?"
    r"(?:\s{0,2}:\s{0,2}(?P<s>\d{1,2})|\s{0,2}(?P<sec>\d{1,2})\s{0,2}秒)?)?"
    rf"(?:\s{{0,2}}(?:(?P<beijing>北京时间|北京時間)|(?P<zone>{_ZONE})(?![A-Za-z])))?)?"
)
_CN_DATE_MAX = 100  # a match of _CN_DATE is 65 characters at most: what follows a date is not read

# Hours written with these periods are afternoon or evening hours; after the evening ones
# 12 is midnight at the end of the day (晚上12点), after 凌晨 at its start.
_PM = {"中午": 11, "午间": 11, "午間": 11, "下午": 12}
_EVENING = {"傍晚", "晚上", "晚间", "晚間", "夜里", "夜裡", "夜间", "夜間"}
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
    common = _COMMON.fullmatch(text)
    if common:
        fast = _from_common(common)
        if fast:
            return fast
    m = _ISO.match(text)
    if m is None or (m[4] is None and not text.isascii()):
        # Chinese forms, full-width digits, or a Chinese time after an ISO date ("2019-03-28 下午3:05").
        chinese = _parse_chinese(text, default_tz)
        if chinese:
            return chinese
    if m:
        return _from_match(m, default_tz)
    return _parse_loose(text, default_tz)


def date_from_filename(name: str) -> str | None:
    """The ISO date a file name starts with, or None: "YYYY-M-D-slug.ext", "YYYY-MM-DD.ext",
    "2019年3月28日 会议.md", "二〇一九年三月二十八日.md"."""
    found = _dated(name.rsplit("/", 1)[-1])
    if not found:
        return None
    try:
        return dt.date(*map(int, found[0])).isoformat()
    except ValueError:
        return None


def jekyll_stem_of_url(path: str) -> str | None:
    """Jekyll's default permalink back to its post's dated file stem: /2022/01/21/slug.html ->
    2022-01-21-slug (None for a path without /YYYY/M/D/slug)."""
    m = _URL_DATED_PAGE.match(path)
    return f"{m[1]}-{m[2]}-{m[3]}-{m[4]}" if m else None


def date_in_url(path: str) -> str | None:
    """The ISO date a URL path names as /YYYY/M/D/ (Zola's `path = "2020/01/30/x"`), or None."""
    m = _URL_DATE.search(path)
    return date_from_filename(f"{m[1]}-{m[2]}-{m[3]}") if m else None


def dated_prefix(name: str) -> int:
    """How many characters at the start of a file name (no folders) are a date in one of the forms
    date_from_filename reads ("2021-12-01", "2019年3月28日"), 0 if none. The shape is enough: an
    impossible date is no more part of the title than a real one."""
    found = _dated(name)
    return found[1] if found else 0


def jekyll_dated(name: str) -> bool:
    """A file name as Jekyll names its posts: a date ("2021-12-01", "2021-1-5") and "-" before the title."""
    m = _FILENAME.match(name)
    return m is not None and name[m.end() : m.end() + 1] == "-"


def _dated(name: str) -> tuple[tuple[str, str, str], int] | None:
    """(year, month, day) of the date a file name starts with, and where it ends in the name."""
    m = _FILENAME.match(name)
    if m:
        return (m[1], m[2], m[3]), m.end()
    if "年" not in name[:16]:
        return None
    m = _CN_DATE.match(_ascii_digits(name[:_CN_DATE_MAX]))
    if not m or m["sep"] != "年" or not m["day"]:
        return None
    # Numerals change length when made ASCII (二十八 -> 28, 十 -> 10): find the original's end.
    end = next((k for k in range(1, min(len(name), _CN_DATE_MAX) + 1) if _ascii_digits(name[:k]) == m[0]), 0)
    return (m["y"], m["mo"], m["d"]), end


def date_sort_key(iso_date: str, default_tz: str | None = None) -> float:
    """Epoch seconds of midnight of an ISO date (from date_from_filename) in default_tz, else UTC."""
    return _from_date(dt.date.fromisoformat(iso_date), default_tz)[1]


def _from_common(m: re.Match) -> tuple[str, float] | None:
    """_from_match's answer for a _COMMON date, by arithmetic; None (the slow way decides) for a
    date that is not one, a time past 23:59:59, an offset of a day or more or of 60 minutes or
    more, or a zero offset (written "+00:00" by the slow way whatever its sign)."""
    day, hour, minute, second, off_h, off_m = m.groups()
    days, offset = _days(day), _offset_seconds(off_h, off_m)
    hours, minutes, seconds = int(hour), int(minute), int(second)
    if days is None or not offset or hours > 23 or minutes > 59 or seconds > 59:
        return None
    utc = days * 86400 + hours * 3600 + minutes * 60 + seconds - offset
    return f"{day}T{hour}:{minute}:{second}{off_h}:{off_m}", float(utc)


@lru_cache(maxsize=4096)
def _days(iso_day: str) -> int | None:
    """Days from 1970-01-01 to an ISO date ("2022-01-21"), None if it is not a date."""
    try:
        return dt.date.fromisoformat(iso_day).toordinal() - _EPOCH_ORDINAL
    except ValueError:
        return None


@lru_cache(maxsize=64)
def _offset_seconds(hours: str, minutes: str) -> int | None:
    """ "+08", "00" -> 28800; None for an offset of a day or more, or of 60 minutes or more."""
    total = int(hours[1:]) * 60 + int(minutes)
    return None if total >= 24 * 60 or int(minutes) > 59 else (total if hours[0] == "+" else -total) * 60


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


def _ascii_digits(text: str) -> str:
    """Full-width digits and punctuation, and runs of Chinese numerals, as ASCII digits."""
    return _CN_NUMERAL.sub(_cn_number, text.translate(_FULLWIDTH))


def _cn_number(m: re.Match) -> str:
    """二〇一九 -> 2019 (digit by digit), 二十八 -> 28, 十二 -> 12, 廿八 -> 28; anything else unchanged."""
    run = m[0]
    if all(ch in _CN_DIGITS for ch in run):
        return "".join(str(_CN_DIGITS[ch]) for ch in run)
    at = next(i for i, ch in enumerate(run) if ch in _CN_TENS)
    head, tens, tail = run[:at], run[at], run[at + 1 :]
    ones = _CN_DIGITS.get(tail) if tail else 0  # None when the tail is not one digit
    if ones is None or len(head) > 1 or (head and (tens != "十" or not _CN_DIGITS.get(head))):
        return run
    return str(_CN_DIGITS[head] * 10 + ones if head else _CN_TENS[tens] + ones)


def _parse_chinese(text: str, default_tz: str | None) -> tuple[str, float] | None:
    if text.isascii():
        return None
    m = _CN_DATE.match(_ascii_digits(text[:_CN_DATE_MAX]))
    if not m:
        return None
    try:
        day = dt.date(int(m["y"]), int(m["mo"]), int(m["d"]))
    except ValueError:
        return None
    if m["h"] is None:
        return _from_date(day, default_tz)
    hour, minute, second = int(m["h"]), 30 if m["half"] else int(m["mi"] or 0), int(m["s"] or m["sec"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    period = m["period"]
    if period in _EVENING:
        hour = 24 if hour == 12 else hour + 12 if hour < 12 else hour
    elif period in _PM and hour < _PM[period]:
        hour += 12
    elif period == "凌晨" and hour == 12:
        hour = 0
    # hour 24 (晚上12点) is midnight at the end of the day: a timedelta carries it over.
    value = dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=hour, minutes=minute, seconds=second)
    if m["beijing"]:
        value = value.replace(tzinfo=_fixed(8 * 60))
    elif m["zone"]:
        value = value.replace(tzinfo=_offset(m["zone"]))
    return _from_datetime(value, default_tz)


def _offset(text: str) -> dt.tzinfo | None:
    if text in _NAMED_OFFSETS:
        return _fixed(_NAMED_OFFSETS[text] * 60)
    if text[0] in "+-":
        digits = text[1:].replace(":", "")
        minutes = int(digits) * 60 if len(digits) <= 2 else int(digits[:-2]) * 60 + int(digits[-2:])
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
