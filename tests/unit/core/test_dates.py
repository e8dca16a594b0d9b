"""Tests for reader.core.dates: the date forms real posts use, and what is not a date."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import dates
from reader.core.dates import date_from_filename, date_sort_key, parse_date

SH = "Asia/Shanghai"


def _epoch(*args, offset_hours=0):
    return dt.datetime(*args, tzinfo=dt.timezone(dt.timedelta(hours=offset_hours))).timestamp()


@pytest.mark.parametrize(
    "value, tz, iso, epoch",
    [
        # the finews forms
        ("2022-01-21 15:01:08 +0800", SH, "2022-01-21T15:01:08+08:00", _epoch(2022, 1, 21, 15, 1, 8, offset_hours=8)),
        ("2022-01-21 15:01:08 +0800", None, "2022-01-21T15:01:08+08:00", _epoch(2022, 1, 21, 15, 1, 8, offset_hours=8)),
        ("2021-12-01 13:33:50", SH, "2021-12-01T13:33:50+08:00", _epoch(2021, 12, 1, 13, 33, 50, offset_hours=8)),
        ("2021-12-01 13:33:50", None, "2021-12-01T13:33:50", _epoch(2021, 12, 1, 13, 33, 50)),
        # offsets and zone names
        (
            "2021-01-22T12:17:58-07:00",
            None,
            "2021-01-22T12:17:58-07:00",
            _epoch(2021, 1, 22, 12, 17, 58, offset_hours=-7),
        ),
        ("2016-01-08T17:33:46Z", SH, "2016-01-08T17:33:46+00:00", _epoch(2016, 1, 8, 17, 33, 46)),
        ("2014-03-24T20:00:00Z ", None, "2014-03-24T20:00:00+00:00", _epoch(2014, 3, 24, 20)),
        ("2014-09-08 10:00:00 EDT", None, "2014-09-08T10:00:00-04:00", _epoch(2014, 9, 8, 10, offset_hours=-4)),
        ("2014-09-08 10:00 EST", None, "2014-09-08T10:00:00-05:00", _epoch(2014, 9, 8, 10, offset_hours=-5)),
        ("2014-09-08 10:00 PST", None, "2014-09-08T10:00:00-08:00", _epoch(2014, 9, 8, 10, offset_hours=-8)),
        ("2014-09-08 10:00 CST", SH, "2014-09-08T10:00:00-06:00", _epoch(2014, 9, 8, 10, offset_hours=-6)),
        ("2014-09-08 10:00 UTC", SH, "2014-09-08T10:00:00+00:00", _epoch(2014, 9, 8, 10)),
        ("2014-09-08 10:00 GMT", None, "2014-09-08T10:00:00+00:00", _epoch(2014, 9, 8, 10)),
        ("2022-01-21 15:01 +08:00", None, "2022-01-21T15:01:00+08:00", _epoch(2022, 1, 21, 15, 1, offset_hours=8)),
        ("2010-08-18 16:18:38 +0000", SH, "2010-08-18T16:18:38+00:00", _epoch(2010, 8, 18, 16, 18, 38)),
        # date only: midnight in the site's zone, else UTC
        ("2022-01-21", SH, "2022-01-21", _epoch(2022, 1, 21, offset_hours=8)),
        ("2022-01-21", None, "2022-01-21", _epoch(2022, 1, 21)),
        ("2019-2-06", None, "2019-02-06", _epoch(2019, 2, 6)),
        ("2016-07-19 (optional)", None, "2016-07-19", _epoch(2016, 7, 19)),
        ("2022/01/21", None, "2022-01-21", _epoch(2022, 1, 21)),
        # spelled out, through dateutil
        ("September 8, 2014", None, "2014-09-08", _epoch(2014, 9, 8)),
        ("8 September 2014", None, "2014-09-08", _epoch(2014, 9, 8)),
        ("Sep 8 2014 10:00 EDT", None, "2014-09-08T10:00:00-04:00", _epoch(2014, 9, 8, 10, offset_hours=-4)),
    ],
)
def test_date_strings(value, tz, iso, epoch):
    assert parse_date(value, tz) == (iso, epoch)


@pytest.mark.parametrize(
    "value",
    [
        "+0800",
        "  +0800",
        "2019",
        2019,
        2019.5,
        True,
        None,
        "",
        "yesterday",
        "2018-02-31",
        "{{date}}",
        "Jan 2022",
        "2022-13-01",
        [],
        {"a": 1},
        "2022-01-21 25:00",
    ],
)
def test_not_dates(value):
    assert parse_date(value, SH) is None


def test_date_and_datetime_objects_from_toml_and_yaml():
    assert parse_date(dt.date(2020, 1, 2), None) == ("2020-01-02", _epoch(2020, 1, 2))
    assert parse_date(dt.datetime(2020, 1, 2, 3, 4, 5), SH) == (
        "2020-01-02T03:04:05+08:00",
        _epoch(2020, 1, 2, 3, 4, 5, offset_hours=8),
    )
    assert parse_date(dt.datetime(2020, 1, 2, 3, 4, 5), None) == ("2020-01-02T03:04:05", _epoch(2020, 1, 2, 3, 4, 5))
    aware = dt.datetime(2014, 3, 24, 20, tzinfo=dt.UTC)
    assert parse_date(aware, SH) == ("2014-03-24T20:00:00+00:00", aware.timestamp())


def test_unknown_default_timezone_is_ignored():
    assert parse_date("2021-12-01 13:33:50", "Not/AZone") == ("2021-12-01T13:33:50", _epoch(2021, 12, 1, 13, 33, 50))


def test_sort_keys_order_posts_across_offsets():
    a = parse_date("2022-01-21 15:01:08 +0800", None)[1]  # 07:01 UTC
    b = parse_date("2022-01-21T08:00:00Z", None)[1]
    assert a < b


@pytest.mark.parametrize(
    "name, iso",
    [
        ("2021-12-01-init.md", "2021-12-01"),
        ("_posts/2022-01-21-NW202201212256817237.md", "2022-01-21"),
        ("2019-2-6-unpadded.md", "2019-02-06"),
        ("2023-09-12.md", "2023-09-12"),
        ("2023-09-12 Meeting with Steph.md", "2023-09-12"),
        ("2018-01-02_zola-style.md", "2018-01-02"),
        ("-202205262391921712.md", None),
        ("2024-Edition-CFP.md", None),
        ("2025-09-crates-io-phishing-campaign.md", None),
        ("2018-02-31-impossible.md", None),
        ("20220121-nodashes.md", None),
    ],
)
def test_date_from_filename(name, iso):
    assert date_from_filename(name) == iso


def test_date_sort_key_is_midnight_in_the_zone():
    assert date_sort_key("2022-01-21", SH) == _epoch(2022, 1, 21, offset_hours=8)
    assert date_sort_key("2022-01-21", None) == _epoch(2022, 1, 21)


# --- Chinese forms -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, tz, iso, epoch",
    [
        ("2019年3月28日", SH, "2019-03-28", _epoch(2019, 3, 28, offset_hours=8)),
        ("2019年3月28日", None, "2019-03-28", _epoch(2019, 3, 28)),
        ("2019年03月28日", None, "2019-03-28", _epoch(2019, 3, 28)),
        ("2019 年 3 月 28 日", None, "2019-03-28", _epoch(2019, 3, 28)),
        ("2019年3月28号", None, "2019-03-28", _epoch(2019, 3, 28)),
        ("2019/3/28", SH, "2019-03-28", _epoch(2019, 3, 28, offset_hours=8)),
        ("二〇一九年三月二十八日", SH, "2019-03-28", _epoch(2019, 3, 28, offset_hours=8)),
        ("二○二○年二月二十九日", None, "2020-02-29", _epoch(2020, 2, 29)),
        ("2019年十二月三十一日", None, "2019-12-31", _epoch(2019, 12, 31)),
        ("二〇一九年十月一日", None, "2019-10-01", _epoch(2019, 10, 1)),
        ("２０１９年３月２８日", None, "2019-03-28", _epoch(2019, 3, 28)),
        ("２０１９／３／２８", None, "2019-03-28", _epoch(2019, 3, 28)),
        ("2019年3月28日 星期四", None, "2019-03-28", _epoch(2019, 3, 28)),
        ("2019年3月28日 下午", None, "2019-03-28", _epoch(2019, 3, 28)),  # a period without an hour
        # times: periods, 点/时/分/秒, full-width colons
        ("2019年3月28日 下午3:05", SH, "2019-03-28T15:05:00+08:00", _epoch(2019, 3, 28, 15, 5, offset_hours=8)),
        ("2019年3月28日 下午3:05", None, "2019-03-28T15:05:00", _epoch(2019, 3, 28, 15, 5)),
        ("2019年3月28日下午３：０５", None, "2019-03-28T15:05:00", _epoch(2019, 3, 28, 15, 5)),
        ("2019年3月28日 上午10点", None, "2019-03-28T10:00:00", _epoch(2019, 3, 28, 10)),
        ("2019年3月28日 下午15:05", None, "2019-03-28T15:05:00", _epoch(2019, 3, 28, 15, 5)),
        ("2019年3月28日 中午12点", None, "2019-03-28T12:00:00", _epoch(2019, 3, 28, 12)),
        ("2019年3月28日 中午1点", None, "2019-03-28T13:00:00", _epoch(2019, 3, 28, 13)),
        ("2019年3月28日 晚上8点30分", None, "2019-03-28T20:30:00", _epoch(2019, 3, 28, 20, 30)),
        ("2019年3月28日 晚上12点", None, "2019-03-29T00:00:00", _epoch(2019, 3, 29)),
        ("2019年3月28日 凌晨2点", None, "2019-03-28T02:00:00", _epoch(2019, 3, 28, 2)),
        ("2019年3月28日 凌晨12点30分", None, "2019-03-28T00:30:00", _epoch(2019, 3, 28, 0, 30)),
        ("2019年3月28日 15时05分", None, "2019-03-28T15:05:00", _epoch(2019, 3, 28, 15, 5)),
        ("2019年3月28日 15時05分09秒", None, "2019-03-28T15:05:09", _epoch(2019, 3, 28, 15, 5, 9)),
        ("2019年3月28日 15:05:09", None, "2019-03-28T15:05:09", _epoch(2019, 3, 28, 15, 5, 9)),
        ("二〇一九年三月二十八日 下午三点零五分", None, "2019-03-28T15:05:00", _epoch(2019, 3, 28, 15, 5)),
        ("2019年3月28日 下午两点半", None, "2019-03-28T14:30:00", _epoch(2019, 3, 28, 14, 30)),
        ("2019年3月28日（星期四）上午10點", None, "2019-03-28T10:00:00", _epoch(2019, 3, 28, 10)),
        ("2019-03-28 下午3:05", None, "2019-03-28T15:05:00", _epoch(2019, 3, 28, 15, 5)),
        ("2019/3/28 晚上9点", None, "2019-03-28T21:00:00", _epoch(2019, 3, 28, 21)),
        # offsets and Beijing time win over the site's zone
        ("2019年3月28日 15:05 +0800", None, "2019-03-28T15:05:00+08:00", _epoch(2019, 3, 28, 15, 5, offset_hours=8)),
        ("2019年3月28日 15:05 北京时间", None, "2019-03-28T15:05:00+08:00", _epoch(2019, 3, 28, 15, 5, offset_hours=8)),
        ("2019年3月28日 下午3:05 UTC", SH, "2019-03-28T15:05:00+00:00", _epoch(2019, 3, 28, 15, 5)),
        # ISO text with Chinese after it keeps its own reading
        ("2016-07-19（可选）", None, "2016-07-19", _epoch(2016, 7, 19)),
        (
            "2022-01-21T15:01:08+08:00 来源",
            None,
            "2022-01-21T15:01:08+08:00",
            _epoch(2022, 1, 21, 15, 1, 8, offset_hours=8),
        ),
    ],
)
def test_chinese_date_strings(value, tz, iso, epoch):
    assert parse_date(value, tz) == (iso, epoch)


@pytest.mark.parametrize(
    "value",
    [
        "2019年3月",
        "2019年",
        "3月28日",
        "二〇一九年",
        "2019年2月29日",
        "2019年13月1日",
        "2019年3月32日",
        "2019年3月28日 25:00",
        "2019年3月28日 15:60",
        "十十年三月一日",
        "昨天",
        "下午3:05",
        "二〇一九",
    ],
)
def test_chinese_not_dates(value):
    assert parse_date(value, SH) is None


@pytest.mark.parametrize(
    "name, iso",
    [
        ("2019年3月28日 会议记录.md", "2019-03-28"),
        ("2019年3月28日会议纪要.md", "2019-03-28"),
        ("日记/2019年03月28日.md", "2019-03-28"),
        ("二〇一九年三月二十八日.md", "2019-03-28"),
        ("２０１９年３月２８日.md", "2019-03-28"),
        ("2019年3月会议.md", None),
        ("2019年3月28 会议.md", None),  # no 日: the 28 may be anything
        ("2019年2月30日.md", None),
        ("会议 2019年3月28日.md", None),  # a date must start the name
    ],
)
def test_chinese_dates_in_file_names(name, iso):
    assert date_from_filename(name) == iso


@pytest.mark.parametrize(
    "unit",
    [
        "年",
        "二",
        "十",
        "二十",
        "２",
        "：",
        "\u3000",
        "下午",
        "点",
        "星期",
        "1:",
        "2019年",
        "2019年3月28日 ",
        "2019年3月28日 下午3:05 ",
        "（星期四）",
    ],
)
def test_floods_of_chinese_date_syntax_stay_fast(unit):
    flood = unit * (100_000 // len(unit))
    start = time.perf_counter()
    parse_date(flood, SH)
    date_from_filename(flood)
    match = dates._CN_DATE.match(dates._ascii_digits(flood))  # the pattern itself, on all 100 KB
    assert match is None or match.end() <= 65 < dates._CN_DATE_MAX
    # Linear work on 100 KB takes milliseconds; a backtracking pattern would take minutes.
    assert time.perf_counter() - start < 3


@pytest.mark.parametrize(
    "path, stem",
    [
        ("/2022/01/21/zhibo-daihuo.html", "2022-01-21-zhibo-daihuo"),
        ("/news/2022/1/5/slug/", "2022-1-5-slug"),
        ("2022/01/21/slug", "2022-01-21-slug"),
        ("/2022/01/slug.html", None),
    ],
)
def test_a_jekyll_permalink_names_its_dated_file(path, stem):
    assert dates.jekyll_stem_of_url(path) == stem


@pytest.mark.parametrize(
    "path, iso",
    [
        ("2020/01/30/compiler-speedups", "2020-01-30"),
        ("/blog/2020/1/3/", "2020-01-03"),
        ("2020/02/30/x", None),
        ("posts/x", None),
    ],
)
def test_a_date_in_a_url_path(path, iso):
    assert dates.date_in_url(path) == iso


@settings(max_examples=400, deadline=None)
@given(
    st.integers(1, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 61),
    st.integers(0, 99),
    st.integers(0, 99),
    st.sampled_from(["+", "-"]),
    st.integers(0, 30),
    st.sampled_from([0, 15, 30, 45, 59, 60, 99]),
    st.sampled_from([" ", "T"]),
    st.sampled_from([" ", ""]),
    st.sampled_from([":", ""]),
    st.sampled_from([SH, None]),
)
def test_the_common_form_reads_as_the_general_way_does(y, mo, d, h, mi, s, sign, oh, om, sep, gap, colon, tz):
    """ "2022-01-21 15:01:08 +0800" and its neighbours, read by arithmetic (_from_common), give what
    the general pattern and datetime give, impossible dates, times and offsets included."""
    text = f"{y:04d}-{mo:02d}-{d:02d}{sep}{h:02d}:{mi:02d}:{s:02d}{gap}{sign}{oh:02d}{colon}{om:02d}"
    assert dates._COMMON.fullmatch(text)
    general = dates._ISO.match(text)
    assert parse_date(text, tz) == (dates._from_match(general, tz) if general else None)
