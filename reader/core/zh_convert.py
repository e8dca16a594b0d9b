"""View ▸ Read As: text and article HTML shown in Simplified or Traditional (OpenCC), never the files.

Display takes OpenCC's phrase conversion (乾淨 → 干净 but 乾隆 stays, 后 → 後 or 后 by context),
unlike search's per-character fold (zh_fold.py): here only what a reader sees must be right.
Traditional is OpenCC's s2tw (Taiwan's standard characters, 著 and 裡, not its vocabulary).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

ORIGINAL, SIMPLIFIED, TRADITIONAL = "original", "simplified", "traditional"
SCRIPTS = (ORIGINAL, SIMPLIFIED, TRADITIONAL)
_CONFIGS = {SIMPLIFIED: "t2s", TRADITIONAL: "s2tw"}
_TAG = re.compile(r"(<[^>]*>)")  # sanitised HTML: a tag never holds a bare ">" (sanitize.py escapes it)
_lock = threading.Lock()
_converters: dict[str, Callable[[str], str]] = {}


def _converter(script: str) -> Callable[[str], str]:
    with _lock:  # made once a process (reading OpenCC's dictionaries takes ~20 ms)
        if script not in _converters:
            import opencc

            _converters[script] = opencc.OpenCC(_CONFIGS[script]).convert
        return _converters[script]


def to_script(text: str, script: str) -> str:
    """`text` in `script` (SCRIPTS); ORIGINAL, ASCII and empty text come back as they are."""
    if script == ORIGINAL or not text or text.isascii():
        return text
    return _converter(script)(text)


def html_to_script(html: str, script: str) -> str:
    """Sanitised HTML with its text in `script`; tags and their attributes (links, image names) untouched."""
    if script == ORIGINAL or html.isascii():
        return html
    parts = _TAG.split(html)
    parts[::2] = [to_script(text, script) for text in parts[::2]]  # even parts are text, odd ones tags
    return "".join(parts)
