"""Tests for reader.core.dates: the date forms real posts use, and what is not a date."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.core.dates import date_from_filename, date_sort_key, parse_date

SH = "Asia/Shanghai"


def _epoch(*args, offset_hours=0):
    return dt.datetime(*args, tzinfo=dt.timezone(dt.timedelta(hours=offset_hours))).timestamp()


@pytest.mark.parametrize("value, tz, iso, epoch", [
    # the finews forms
    ("2022-01-21 15:01:08 +0800", SH, "2022-01-21T15:01:08+08:00", _epoch(2022, 1, 21, 15, 1, 8, offset_hours=8)),
    ("2022-01-21 15:01:08 +0800", None, "2022-01-21T15:01:08+08:00", _epoch(2022, 1, 21, 15, 1, 8, offset_hours=8)),
    ("2021-12-01 13:33:50", SH, "2021-12-01T13:33:50+08:00", _epoch(2021, 12, 1, 13, 33, 50, offset_hours=8)),
    ("2021-12-01 13:33:50", None, "2021-12-01T13:33:50", _epoch(2021, 12, 1, 13, 33, 50)),
    # offsets and zone names
    ("2021-01-22T12:17:58-07:00", None, "2021-01-22T12:17:58-07:00", _epoch(2021, 1, 22, 12, 17, 58, offset_hours=-7)),
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
])
def test_date_strings(value, tz, iso, epoch):
    assert parse_date(value, tz) == (iso, epoch)


@pytest.mark.parametrize("value", [
    "+0800", "  +0800", "2019", 2019, 2019.5, True, None, "", "yesterday", "2018-02-31",
    "{{date}}", "Jan 2022", "2022-13-01", [], {"a": 1}, "2022-01-21 25:00",
])
def test_not_dates(value):
    assert parse_date(value, SH) is None


def test_date_and_datetime_objects_from_toml_and_yaml():
    assert parse_date(dt.date(2020, 1, 2), None) == ("2020-01-02", _epoch(2020, 1, 2))
    assert parse_date(dt.datetime(2020, 1, 2, 3, 4, 5), SH) == ("2020-01-02T03:04:05+08:00",
                                                                 _epoch(2020, 1, 2, 3, 4, 5, offset_hours=8))
    assert parse_date(dt.datetime(2020, 1, 2, 3, 4, 5), None) == ("2020-01-02T03:04:05", _epoch(2020, 1, 2, 3, 4, 5))
    aware = dt.datetime(2014, 3, 24, 20, tzinfo=dt.timezone.utc)
    assert parse_date(aware, SH) == ("2014-03-24T20:00:00+00:00", aware.timestamp())


def test_unknown_default_timezone_is_ignored():
    assert parse_date("2021-12-01 13:33:50", "Not/AZone") == ("2021-12-01T13:33:50", _epoch(2021, 12, 1, 13, 33, 50))


def test_sort_keys_order_posts_across_offsets():
    a = parse_date("2022-01-21 15:01:08 +0800", None)[1]  # 07:01 UTC
    b = parse_date("2022-01-21T08:00:00Z", None)[1]
    assert a < b


@pytest.mark.parametrize("name, iso", [
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
])
def test_date_from_filename(name, iso):
    assert date_from_filename(name) == iso


def test_date_sort_key_is_midnight_in_the_zone():
    assert date_sort_key("2022-01-21", SH) == _epoch(2022, 1, 21, offset_hours=8)
    assert date_sort_key("2022-01-21", None) == _epoch(2022, 1, 21)
