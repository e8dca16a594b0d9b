"""Bytes of a post file to text: BOMs, UTF-8, UTF-16/32, and legacy CJK encodings."""

from __future__ import annotations

import codecs
import re

from .errors import DecodeError

# Longest BOM first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# charset-normalizer names that mean "simplified Chinese": GB18030 decodes all of them.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "hz", "euc_cn", "gb2312_80", "ms936"}
# When every high byte pairs up as GB2312 (EUC-style 0xA1-0xFE), the text may still be
# EUC-KR or EUC-JP; only these detections may overrule the GB18030 reading.
_EUC_RIVALS = {"euc_kr", "cp949", "euc_jp", "euc_jis_2004", "euc_jisx0213", "johab"}

_GB2312_PAIR = re.compile(rb"[\xa1-\xf7][\xa1-\xfe]")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a post file: (text with "\\n" line endings, encoding name). Raises DecodeError for binaries."""
    text, encoding = _decode(data)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), name
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not valid {name} after its byte-order mark") from exc
    if b"\x00" in data:
        return _decode_with_nuls(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly, "utf-8"
    return _decode_legacy(data)


def _decode_with_nuls(data: bytes) -> tuple[str, str]:
    """NUL bytes mean UTF-16/32 without a BOM, or a binary file."""
    n = len(data)
    if n >= 4 and n % 2 == 0:
        even_nuls = data[0::2].count(0)
        odd_nuls = data[1::2].count(0)
        half = n // 2
        # Mostly-ASCII UTF-16 has a NUL in every other byte; allow some CJK among it.
        for name, nuls in (("utf-16-le", odd_nuls), ("utf-16-be", even_nuls)):
            if nuls >= half * 0.3 and (even_nuls if name == "utf-16-le" else odd_nuls) < half * 0.05:
                try:
                    text = data.decode(name)
                except UnicodeDecodeError:
                    continue
                if "\x00" not in text:
                    return text, name
    raise DecodeError("binary file, not text")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few damaged bytes (a truncated file, one bad paste) stays UTF-8."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad  # non-ASCII characters, at C speed
    if good >= 10 * bad and good >= 8:
        return text
    return None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    # Imported here: it costs ~50 ms to import and the UTF-8 common case never needs it.
    import charset_normalizer

    gb2312_like = _HIGH_BYTE.search(_GB2312_PAIR.sub(b"", data)) is None
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if gb2312_like:
        # Short Chinese posts fool the detector (it said Shift_JIS and cp1250 for two
        # 100-byte GBK posts); GB2312-shaped bytes are Chinese unless it is sure otherwise.
        if best is not None and best.encoding in _EUC_RIVALS and len(data) >= 200:
            return str(best), best.encoding
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
    if best is None:
        raise DecodeError("binary file, not text (no known encoding fits)")
    encoding = best.encoding
    if encoding in _GB_FAMILY:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
    return str(best), encoding
