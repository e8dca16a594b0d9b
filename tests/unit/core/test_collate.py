"""Title sort keys (collate.py) and the index's title sort that uses them."""

from __future__ import annotations

import sqlite3
import time

import pytest

from reader.core import collate, schema
from reader.core.collate import title_key
from reader.core.store import Store
from reader.core.types import PostMeta


def by_key(*titles: str) -> list[str]:
    return sorted(titles, key=title_key)


def test_chinese_sorts_by_pinyin_not_by_code_point():
    # By code point 中 (U+4E2D) < 北 (U+5317) < 阿 (U+963F): the reverse of a dictionary.
    assert by_key("中国", "北京", "阿里") == ["阿里", "北京", "中国"]
    assert by_key("赵", "钱", "孙", "李") == ["李", "钱", "孙", "赵"]
    assert by_key("安", "阿姨") == ["阿姨", "安"]  # a before an


def test_tones_order_a_syllable_and_phrases_decide_readings():
    assert by_key("骂", "马", "麻", "妈") == ["妈", "麻", "马", "骂"]
    assert title_key("重庆") == "chong2 qing4 "  # not zhòng, 重's first reading
    assert by_key("重庆", "大连") == ["重庆", "大连"]
    assert title_key("银行行长") == "yin2 hang2 hang2 zhang3 "
    assert title_key("饺子") == "jiao3 zi5 "  # the neutral tone is 5, after the four


def test_traditional_characters_sort_with_their_simplified_forms():
    assert title_key("經濟") == title_key("经济") == "jing1 ji4 "
    assert by_key("中國", "經濟", "北京") == ["北京", "經濟", "中國"]


def test_latin_and_digits_sort_with_pinyin():
    assert by_key("zebra", "中国", "Banana", "北京", "apple", "阿姨") == [
        "阿姨",
        "apple",
        "Banana",
        "北京",
        "zebra",
        "中国",
    ]
    assert title_key("Apple") == title_key("APPLE") == title_key("ａｐｐｌｅ")
    assert title_key("Émile") == title_key("emile")
    assert by_key("第10章", "第2章", "第1章") == ["第1章", "第2章", "第10章"]
    assert title_key("007") == title_key("7")
    assert by_key("2022年", "Alpha", "阿") == ["2022年", "阿", "Alpha"]  # digits first, as in ICU


def test_punctuation_and_spaces_do_not_count():
    assert title_key("“股王”茅台") == title_key("股王 茅台") == "gu3 wang2 mao2 tai2 "
    assert title_key("...") == ""


def test_characters_without_a_reading_sort_after_letters():
    assert title_key("ゆき") == "ゆき "
    assert by_key("ゆき", "zz", "中") == ["中", "zz", "ゆき"]  # zhong1 < zz


@pytest.mark.parametrize("unit", ["a", "1", "中", "重", "a1", "“", "é", "行长", " "])
def test_keys_take_linear_time_on_hostile_titles(unit):
    title_key(unit)  # pypinyin's data loaded before timing
    started = time.perf_counter()
    key = title_key(unit * (200_000 // len(unit)))
    assert time.perf_counter() - started < 5.0  # a few tenths of a second when linear
    assert len(key) < 2_000_000


# --- the index -------------------------------------------------------------------------------


def post(path: str, title: str) -> tuple[PostMeta, int, int]:
    return PostMeta(path=path, title=title, date=None, sort_key=None), 1, 1


def test_the_index_sorts_titles_by_their_keys(tmp_path):
    s = Store(tmp_path / "i.db")
    titles = ["中国经济网", "zebra", "北京新闻", "阿里巴巴", "Apple", "第10期", "第2期"]
    s.write_metadata([post(f"{n}.md", t) for n, t in enumerate(titles)])
    order = [s.get_meta(i).title for i in s.list_ids(sort="title", descending=False)]
    assert order == ["阿里巴巴", "Apple", "北京新闻", "第2期", "第10期", "zebra", "中国经济网"]
    assert [s.get_meta(i).title for i in s.list_ids(sort="title")] == order[::-1]
    plan = " ".join(
        r[-1]
        for r in s._db.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM posts p WHERE p.title_key IS NOT NULL ORDER BY p.title_key, p.id"
        )
    )
    assert "posts_title_key" in plan and "TEMP B-TREE" not in plan  # the index sorts, not a sorter
    s.close()


def test_an_index_of_version_4_gets_its_keys(tmp_path):
    path = tmp_path / "i.db"
    db = sqlite3.connect(path, isolation_level=None)
    schema.migrate(db, target=4)
    for post_id, title in ((1, "中国"), (2, "北京")):
        db.execute(
            "INSERT INTO posts (id, path, stem, title, title_fold, meta) VALUES (?, ?, 'p', ?, ?, '{}')",
            (post_id, f"{post_id}.md", title, title),
        )
    db.close()
    s = Store(path)
    assert s._db.execute("SELECT title_key FROM posts ORDER BY id").fetchall() == [("zhong1 guo2 ",), ("bei3 jing1 ",)]
    assert s.list_ids(sort="title", descending=False) == [2, 1]
    s.close()


def test_keys_of_another_collation_version_are_made_again(tmp_path):
    path = tmp_path / "i.db"
    s = Store(path)
    s.write_metadata([post("a.md", "中国")])
    s.set_labels("category", {"emnews": "东财滚动新闻"})
    s._db.execute("UPDATE posts SET title_key = 'stale'")
    s._db.execute("UPDATE labels SET sort_key = NULL")  # as schema step 6 leaves them
    s._db.execute("UPDATE info SET value = ? WHERE key = 'collation'", (str(collate.KEY_VERSION - 1),))
    s.close()
    s = Store(path)
    assert s._db.execute("SELECT title_key FROM posts").fetchone()[0] == "zhong1 guo2 "
    assert s._db.execute("SELECT sort_key FROM labels").fetchone()[0] == "dong1 cai2 gun3 dong4 xin1 wen2 "
    s.close()


def test_categories_sort_by_the_names_the_list_shows(tmp_path):
    s = Store(tmp_path / "i.db")
    s.write_metadata(
        [
            (PostMeta(path=f"{key}.md", title=key, date=None, sort_key=None, categories=(key,)), 1, 1)
            for key in ("zhongguojingjiwang", "emnews", "sitenews", "Beta")
        ]
        + [post("none.md", "x")]
    )
    s.set_labels("category", {"zhongguojingjiwang": "中国经济网新闻", "emnews": "东财滚动新闻", "sitenews": "站长消息"})
    order = [s.get_meta(i).path for i in s.list_ids(sort="category", descending=False)]
    # beta (no name: its key), dong1 cai2, zhan4 zhang3, zhong1 guo2; the uncategorised last
    assert order == ["Beta.md", "emnews.md", "sitenews.md", "zhongguojingjiwang.md", "none.md"]
    assert [s.get_meta(i).path for i in s.list_ids(sort="category")][:4] == order[3::-1]
    s.close()


def test_names_set_again_keep_their_keys_and_new_ones_get_theirs(tmp_path, monkeypatch):
    s = Store(tmp_path / "i.db")
    s.set_labels("category", {"emnews": "东财滚动新闻", "sitenews": "站长消息"})
    keyed = []
    monkeypatch.setattr(collate, "title_key", lambda text: keyed.append(text) or f"key of {text}")
    s.set_labels("category", {"emnews": "东财滚动新闻", "sitenews": "站长新闻", "new": "新"})
    assert sorted(keyed) == ["新", "站长新闻"]  # the unchanged name is not keyed again (no pypinyin)
    assert dict(s._db.execute("SELECT key, sort_key FROM labels")) == {
        "emnews": "dong1 cai2 gun3 dong4 xin1 wen2 ",
        "sitenews": "key of 站长新闻",
        "new": "key of 新",
    }
    s.close()


def test_the_shipped_readings_are_what_the_installed_pypinyin_gives():
    from pypinyin.contrib.tone_convert import to_tone3
    from pypinyin.pinyin_dict import pinyin_dict

    assert collate.TABLE_PATH.read_text(encoding="utf-8") == collate.make_table()
    # A character pypinyin has no reading for is its own token, as to_tone3 gives it.
    for code in (*range(0x3400, 0x3410), *range(0x20000, 0x20400), 0x4E00):
        if code not in pinyin_dict:
            char = chr(code)
            assert title_key(char) == to_tone3(char, neutral_tone_with_five=True) + " "
