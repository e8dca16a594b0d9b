"""Tests for reader.core.decode: BOMs, UTF-8, UTF-16/32, legacy CJK encodings, binaries."""

from __future__ import annotations

import codecs

import pytest

from reader.core.decode import decode_bytes
from reader.core.errors import DecodeError
from tests.corpus import CORPUS

DERIVED = CORPUS / "derived-encodings"
REFERENCE = DERIVED / "utf-8-sig"  # the UTF-8 (with BOM) copy of every transcoded post


def _reference_text(name: str) -> str:
    return (REFERENCE / name).read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.corpus
@pytest.mark.parametrize("folder", ["gbk", "utf-16", "utf-8-sig"])
def test_every_derived_file_decodes_to_its_reference_text(folder):
    files = sorted((DERIVED / folder).iterdir())
    assert len(files) >= 17
    for path in files:
        text, encoding = decode_bytes(path.read_bytes())
        assert text == _reference_text(path.name), f"{folder}/{path.name} decoded as {encoding}"
        assert "\ufeff" not in text[:1] and "\r" not in text


@pytest.mark.corpus
def test_derived_encodings_report_the_encoding_they_were_written_in():
    assert decode_bytes((DERIVED / "gbk" / "Cloth.md").read_bytes())[1] == "gb18030"
    assert decode_bytes((DERIVED / "utf-16" / "Cloth.md").read_bytes())[1] == "utf-16-le"
    assert decode_bytes((DERIVED / "utf-8-sig" / "Cloth.md").read_bytes())[1] == "utf-8"


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name, original",
    [
        ("2021-12-01-init.md", "finews/_posts/2021-12-01-init.md"),
        ("-202205262391921712.md", "finews/_posts/-202205262391921712.md"),
        ("Cloth.md", "hexo-beyond1993/source/_posts/Life/Cloth.md"),
        ("Gym-Leg.md", "hexo-beyond1993/source/_posts/Life/Gym-Leg.md"),
    ],
)
def test_short_gbk_posts_match_their_utf8_originals(name, original):
    # 100-300 byte GBK files fooled the detector into Shift_JIS and cp1250.
    text, _ = decode_bytes((DERIVED / "gbk" / name).read_bytes())
    assert text == decode_bytes((CORPUS / original).read_bytes())[0]


@pytest.mark.parametrize(
    "bom, codec",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_marks(bom, codec):
    source = "---\ntitle: 标题 ①\n---\n正文 text\n"
    text, encoding = decode_bytes(bom + source.encode(codec))
    assert (text, encoding) == (source, codec)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(codec):
    source = "---\ntitle: Hello 你好\n---\nSome English body text with 中文 in it.\n"
    assert decode_bytes(source.encode(codec)) == (source, codec)


@pytest.mark.parametrize(
    "source, codec, expected",
    [
        ("今天天氣很好。我們測試繁體中文的編碼。臺灣的朋友們，歡迎閱讀這篇文章。" * 3, "big5", "big5"),
        ("안녕하세요. 오늘은 날씨가 좋습니다. 한국어 텍스트를 테스트합니다. 서울에서 만나요." * 3, "euc_kr", None),
        ("今日は良い天気ですね。日本語のテキストをテストします。東京で会いましょう。" * 3, "shift_jis", None),
        ("拜年带货包饺子 上合组织五国外交官直播吆喝“国别爆款”", "gbk", "gb18030"),
        ("开站大吉", "gb2312", "gb18030"),
    ],
)
def test_legacy_cjk_encodings(source, codec, expected):
    text, encoding = decode_bytes(source.encode(codec))
    assert text == source
    if expected:
        assert encoding == expected


def test_line_endings_are_normalised():
    assert decode_bytes(b"a\r\nb\rc\nd")[0] == "a\nb\nc\nd"
    assert decode_bytes(codecs.BOM_UTF16_LE + "x\r\ny".encode("utf-16-le"))[0] == "x\ny"


def test_utf8_with_one_damaged_byte_stays_utf8():
    data = ("中文正文，" * 20).encode() + b"\xe4\xbd"  # cut in the middle of a character
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8"
    assert text.startswith("中文正文，中文正文") and text.endswith("\ufffd")


def test_plain_ascii_and_empty():
    assert decode_bytes(b"") == ("", "utf-8")
    assert decode_bytes(b"hello") == ("hello", "utf-8")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"b0VIM 8.2\x00\x00\x10\x00\x00\x00\x00\x00" + bytes(range(256)),
        b"text with a NUL\x00 inside",
    ],
)
def test_binaries_raise_decode_error(data):
    with pytest.raises(DecodeError):
        decode_bytes(data)


@pytest.mark.corpus
def test_vim_swap_file_from_the_corpus_is_binary():
    swaps = sorted((CORPUS / "hexo-beyond1993" / "source" / "_posts").rglob("*.swp"))
    assert swaps
    for path in swaps:
        with pytest.raises(DecodeError):
            decode_bytes(path.read_bytes())


def test_invalid_after_bom_is_binary():
    with pytest.raises(DecodeError):
        decode_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfd\xfc" * 10)
