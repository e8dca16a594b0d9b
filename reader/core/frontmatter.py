"""Split a post's text into front matter (YAML, TOML or JSON) and body, and load the front matter.

python-frontmatter's handlers detect the format and split the block; our loaders read it (every
scalar as text, aliases capped). Our own line-by-line splitter takes over where its splitter
cannot (invisible characters around a delimiter, a "..." end line, no closing line) and where
the block does not load (it salvages what it can).
"""

from __future__ import annotations

import functools
import json
import re
import textwrap
from typing import NamedTuple

import frontmatter as fm_lib  # python-frontmatter: this module is reader.core.frontmatter
import yaml
from frontmatter.default_handlers import BaseHandler, JSONHandler, TOMLHandler, YAMLHandler

from .errors import FrontMatterError

# Invisible characters editors and copy-paste leave around delimiters and keys.
_INVISIBLE = " \t\u00a0\u200b\ufeff\u2060\u3000"
_DIRTY = re.compile("[\u00a0\u200b\ufeff\u2060]")
_YAML_END = re.compile(r"^[ \t\u00a0\u200b\ufeff\u2060]*(?:---|\.\.\.)[ \t\u00a0\u200b\ufeff\u2060\u3000]*$", re.M)
_TOML_END = re.compile(r"^[ \t\u00a0\u200b\ufeff\u2060]*\+\+\+[ \t\u00a0\u200b\ufeff\u2060\u3000]*$", re.M)
_KEY_LINE = re.compile(r"[ \t]*[\w\"'][^:\n]{0,60}:(?:[ \t]|$)")
_TOML_POS = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")
_SALVAGE_YAML = re.compile(r"^([^\s#:\-][^:\n]{0,60}?)[ \t]*:[ \t]+(\S.*)$", re.M)  # value: strip it
_SALVAGE_TOML = re.compile(r"^[ \t]*([A-Za-z0-9_\-]+)[ \t]*=.*$", re.M)
_JSON_END = re.compile(r"^\}[ \t]*$", re.M)
_MAX_REPAIRS = 8
# "(.*?)[ \t]*$" would retry the trailing-space check at every character: quadratic in a run of
# spaces inside a value (15 s for 80,000). The value's own trailing space is stripped in code.
_SIMPLE_LINE = re.compile(r"(\w[\w.\-]*)[ \t]*:(?:[ \t]+(.*))?$")
_YAML_INDICATORS = frozenset("-?:,[]{}#&*!|>%@`")
_YAML_NULLS = frozenset(("~", "null", "Null", "NULL"))
# Aliases and merge keys may add this many values to what the front matter writes out: a
# 389-byte "billion laughs" block of nested aliases expands to 10^9 values (22 GB, measured).
MAX_ALIAS_VALUES = 100_000


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """Safe YAML that keeps scalars as text: no timestamps, ints, floats or booleans.

    PyYAML's typing is the source of most front-matter surprises (`date: 2018-02-31`
    raising ValueError, `title: 404` an int, `title: no` False); metadata.py reads the
    text with the generator's rules instead. null still loads as None.
    """


_DROPPED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# TOMLHandler needs the `toml` package to load (we load with tomllib); splitting needs only its boundary.
_HANDLERS: dict[str, BaseHandler] = {
    "yaml": YAMLHandler(),
    "json": JSONHandler(),
    "toml": TOMLHandler() if TOMLHandler is not None else BaseHandler(re.compile(r"^\+{3,}\s*$", re.M)),
}
_OPENING = {"yaml": "---", "toml": "+++", "json": "{"}  # generators take no "----" line for "---"


class FrontMatter(NamedTuple):
    """A post's text split: its front-matter values, its body, and what went wrong if anything. A tuple,
    made in 0.35 against 0.7 us as a frozen dataclass (one a post)."""

    data: dict
    body: str
    body_line: int = 1  # 1-based line of the file where the body starts
    format: str | None = None  # "yaml", "toml", "json", or None when there is none
    error: FrontMatterError | None = None  # data then holds what could be salvaged


def read_front_matter(text: str) -> FrontMatter:
    """Split and load; never raises. A broken block still yields its body and salvaged values."""
    split = _simple_block(text, 0)  # the common block, first in the file: nothing to strip before it
    if split is not None:
        return split
    stripped = text.lstrip(_INVISIBLE + "\n")
    offset = len(text) - len(stripped)
    first_nl = stripped.find("\n")
    first = (stripped if first_nl < 0 else stripped[:first_nl]).strip(_INVISIBLE)
    split = (_simple_block(text, offset) if offset else None) or _library_split(text, offset, first)
    if split is not None:
        return split
    if first == "---":
        return _delimited(text, offset, first_nl, "yaml", _YAML_END, "---")
    if first == "+++":
        return _delimited(text, offset, first_nl, "toml", _TOML_END, "+++")
    if stripped.startswith("{") and re.match(r'\{\s*("|\})', stripped):
        return _json_block(text, offset)
    return FrontMatter({}, text)


def _simple_block(text: str, offset: int) -> FrontMatter | None:
    """The common block without python-frontmatter's regular expressions (8 us of a post's 13): a "---"
    line, then `key: scalar` lines (_simple_yaml) up to the first line that starts with "-", which is
    "---". _library_split gives the same; None for anything else (it then decides).

    Why the same: the line after "---" starts with a character that is not a space, so its pattern
    ends the opening at "---"; no line _simple_yaml takes starts with "-", ".", a space or an invisible
    character, so none ends the block earlier, by its pattern or by _YAML_END."""
    raw_start = offset + 4
    if not text.startswith("---\n", offset) or not text[raw_start : raw_start + 1].isalnum():
        return None
    close = text.find("\n-", raw_start)  # the "\n" before the closing line
    if close < 0 or not text.startswith("---", close + 1) or text[close + 4 : close + 5] not in ("", "\n"):
        return None
    data = _simple_yaml(_visible(text[raw_start:close]))  # it starts with a key: nothing to dedent
    if data is None:
        return None
    body_start = min(close + 5, len(text))
    return FrontMatter(data, text[body_start:], text.count("\n", 0, close + 1) + 2, "yaml")


def _library_split(text: str, offset: int, first: str) -> FrontMatter | None:
    """The block python-frontmatter finds, loaded by our loaders; None where it finds none, where an
    end line it does not know ("...", "---\u200b") ends the block earlier, or the block does not load."""
    stripped = text[offset:]
    handler = fm_lib.detect_format(stripped, _HANDLERS.values())
    fmt = next((name for name, known in _HANDLERS.items() if known is handler), None)
    if handler is None or fmt is None or first != _OPENING[fmt]:
        return None
    try:
        raw, _ = handler.split(stripped)
    except ValueError:  # no closing line
        return None
    raw_start = body_line = offset
    if fmt == "json" and not stripped.startswith(raw):  # it ended the block at a "{" line
        return None
    if fmt != "json":  # the JSON block is its own "{" ... "}"; the others start after the opening line
        opening = handler.FM_BOUNDARY.match(stripped) if handler.FM_BOUNDARY else None
        raw_start += opening.end() + 1 if opening else 0
        raw = raw[1:]  # the opening line's "\n"
        end = _YAML_END if fmt == "yaml" else _TOML_END
        closing = end.match(text, raw_start + len(raw))
        if end.search(raw) or closing is None:  # ours ends it earlier, or not at a "----" line
            return None
        body_line = text.count("\n", 0, closing.start()) + 2
    nl = text.find("\n", raw_start + len(raw))  # the end of the closing line
    body_start = len(text) if nl < 0 else nl + 1
    try:
        data = _LOADERS[fmt](raw, text.count("\n", 0, raw_start) + 1)
    except Exception:  # noqa: BLE001 - our splitter splits it again and salvages what it can
        return None
    body_line = body_line if fmt != "json" else text.count("\n", 0, body_start) + 1
    return FrontMatter(data, text[body_start:], body_line, fmt)


def load_yaml(raw: str, first_line: int = 1) -> dict:
    """Load YAML front matter (raw text between the delimiters) whose first line is `first_line`."""
    raw = _clean(raw)
    data = _simple_yaml(raw)
    if data is not None:
        return data
    try:
        data = bounded_yaml_load(raw, first_line)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, raw, first_line) from None
    except (ValueError, TypeError, RecursionError) as exc:  # explicit !!timestamp etc.
        raise FrontMatterError(str(exc) or type(exc).__name__, first_line) from None
    return _as_mapping(data, first_line)


def load_toml(raw: str, first_line: int = 1) -> dict:
    """Load TOML front matter whose first line is `first_line` in the file."""
    import tomllib  # here: TOML front matter alone needs it (1.5-2.7 ms of the CLI search's snippet helper)

    try:
        return tomllib.loads(_clean(raw))
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\(at line (\d+),", message)
        line = first_line + int(m[1]) - 1 if m else first_line + max(raw.count("\n") - 1, 0)
        raise FrontMatterError(_TOML_POS.sub("", message), line) from None


def load_json(raw: str, first_line: int = 1) -> dict:
    """Load JSON front matter (a whole object) whose first line is `first_line` in the file."""
    try:
        data = json.loads(_clean(raw))
    except json.JSONDecodeError as exc:
        raise FrontMatterError(exc.msg, first_line + exc.lineno - 1) from None
    return _as_mapping(data, first_line)


_LOADERS = {"yaml": load_yaml, "toml": load_toml, "json": load_json}


def _delimited(text: str, offset: int, first_nl: int, fmt: str, end: re.Pattern, mark: str) -> FrontMatter:
    open_line = text.count("\n", 0, offset) + 1
    if first_nl < 0:
        return FrontMatter({}, "", open_line + 1, fmt)
    raw_start = offset + first_nl + 1
    closing = end.search(text, raw_start)
    if closing is None:
        return _unclosed(text, raw_start, open_line, fmt, mark)
    raw = text[raw_start : closing.start()]
    body_start = closing.end() + 1 if closing.end() < len(text) else closing.end()
    body_line = open_line + 1 + raw.count("\n") + 1
    return _load(fmt, raw, open_line + 1, text[body_start:], body_line)


def _unclosed(text: str, raw_start: int, open_line: int, fmt: str, mark: str) -> FrontMatter:
    """An opening delimiter without a closing one: keys below it mean a forgotten delimiter."""
    if not _KEY_LINE.match(text, raw_start) and not (fmt == "toml" and "=" in text[raw_start : raw_start + 80]):
        return FrontMatter({}, text)  # a Markdown rule at the top, not front matter
    blank = text.find("\n\n", raw_start)
    raw_end = len(text) if blank < 0 else blank + 1
    raw = text[raw_start:raw_end]
    data = _salvage(fmt, raw)
    error = FrontMatterError(f"no closing '{mark}' line after this opening one", open_line)
    return FrontMatter(data, text[raw_end:].lstrip("\n"), open_line + 1 + raw.count("\n") + 1, fmt, error)


def _json_block(text: str, offset: int) -> FrontMatter:
    open_line = text.count("\n", 0, offset) + 1
    data = None
    try:
        data, end = json.JSONDecoder().raw_decode(text, offset)
    except (json.JSONDecodeError, RecursionError):
        # Hugo ends a JSON block at a line holding "}" alone; the body starts after it.
        m = _JSON_END.search(text, offset)
        end = m.end() if m else len(text)
    nl = text.find("\n", end)
    # The rest of the closing line belongs to the block, like a delimiter line.
    if nl < 0:
        body_start = len(text) if not text[end:].strip() else end
    else:
        body_start = nl + 1 if not text[end:nl].strip() else end
    body_line = open_line + text.count("\n", offset, body_start)
    return _load("json", text[offset:end], open_line, text[body_start:], body_line, data)


def _load(fmt: str, raw: str, first_line: int, body: str, body_line: int, data: dict | None = None) -> FrontMatter:
    if data is not None and isinstance(data, dict):
        return FrontMatter(data, body, body_line, fmt)
    loader = _LOADERS[fmt]
    try:
        return FrontMatter(loader(raw, first_line), body, body_line, fmt)
    except FrontMatterError as exc:
        return FrontMatter(_salvage(fmt, raw), body, body_line, fmt, exc)
    except Exception as exc:  # noqa: BLE001 - a loader bug must not lose the post
        return FrontMatter({}, body, body_line, fmt, FrontMatterError(f"{type(exc).__name__}: {exc}", first_line))


def _visible(raw: str) -> str:
    """`raw` without its invisible characters (a no-break space is a space)."""
    if _DIRTY.search(raw):
        raw = raw.replace("\u00a0", " ")
        for ch in "\u200b\ufeff\u2060":
            raw = raw.replace(ch, "")
    return raw


def _clean(raw: str) -> str:
    raw = _visible(raw)
    stripped = raw.lstrip("\n")
    if stripped[:1] in (" ", "\t"):
        # Every key indented: YAML reads it, but only if the indents agree; dedent them.
        raw = textwrap.dedent(raw.expandtabs(4))
    return raw


def bounded_yaml_load(raw: str, first_line: int = 1, loader_class: type = _Loader) -> object:
    """yaml.load, but a document whose aliases expand past MAX_ALIAS_VALUES (or into
    themselves) raises FrontMatterError "too complex to read (...)" before it is built."""
    loader = loader_class(raw)
    try:
        node = loader.get_single_node()
        if node is not None and "*" in raw:  # no alias, no expansion
            _check_expansion(node, len(raw) + MAX_ALIAS_VALUES, first_line)
        return None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def _check_expansion(root: yaml.Node, cap: int, first_line: int) -> None:
    """Count the values `root` stands for with every alias expanded: linear in the nodes written
    (each node is counted once, its expanded size remembered), iterative (any depth)."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        kids = _yaml_children(node)
        if children_done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(kid)] for kid in kids)
            if sizes[key] > cap:
                raise FrontMatterError(
                    f"too complex to read (YAML aliases expand to over {MAX_ALIAS_VALUES:,} values)",
                    first_line + node.start_mark.line,
                )
            continue
        if key in sizes:
            continue
        on_path.add(key)
        stack.append((node, True))
        for kid in kids:
            if id(kid) in on_path:
                raise FrontMatterError(
                    "too complex to read (a YAML alias inside its own anchor)", first_line + kid.start_mark.line
                )
            if id(kid) not in sizes:
                stack.append((kid, False))


def _yaml_children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return node.value if isinstance(node, yaml.SequenceNode) else []


def _simple_yaml(raw: str) -> dict | None:
    """Front matter made only of `key: scalar` lines, read without PyYAML, or None.

    PyYAML builds objects in Python and costs ~30 us a post; most archives (finews: every
    post) write nothing but flat keys with plain or simply quoted text. Since _Loader keeps
    scalars as text, reading them here gives the same dict; anything else goes to PyYAML.
    """
    data: dict = {}
    remembered, longest = _remembered_line, _REMEMBERED_LINE
    for line in raw.split("\n"):
        pair = remembered(line) if len(line) <= longest else _simple_line(line)
        if pair is None:
            return None
        if pair:
            data[pair[0]] = pair[1]
    return data


def _simple_line(line: str) -> tuple[str, str | None] | tuple[()] | None:
    """One line of _simple_yaml: (key, value), () for a line with nothing to read, None for one it
    cannot read."""
    if not line or line.isspace() or line[0] == "#":
        return ()
    m = _SIMPLE_LINE.match(line)
    if m is None:
        return None
    value = m[2] and m[2].rstrip(" \t")
    if not value:
        return m[1], None
    if value[0] == '"':
        if len(value) < 2 or value[-1] != '"' or '"' in value[1:-1] or "\\" in value:
            return None
        return m[1], value[1:-1]
    if value[0] == "'":
        if len(value) < 2 or value[-1] != "'" or "'" in value[1:-1]:
            return None
        return m[1], value[1:-1]
    if (
        value[0] in _YAML_INDICATORS
        or ": " in value
        or ":\t" in value
        or " #" in value
        or "\t#" in value
        or value[-1] == ":"
    ):
        return None
    return m[1], None if value in _YAML_NULLS else value


# _simple_line's answers for the last 1,024 lines of up to 200 characters: an archive writes the same
# `layout:`, `categories:` and `tags:` lines in post after post (3 of a finews post's 5 lines).
_REMEMBERED_LINE = 200
_remembered_line = functools.lru_cache(maxsize=1024)(_simple_line)


def _as_mapping(data: object, first_line: int) -> dict:
    if data is None:
        return {}
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise FrontMatterError(f"front matter is {kind}, not keys with values", first_line)
    return {str(k): v for k, v in data.items()} if not all(isinstance(k, str) for k in data) else data


def _yaml_error(exc: yaml.YAMLError, raw: str, first_line: int) -> FrontMatterError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is None:
        return FrontMatterError(problem, first_line)
    lines = raw.split("\n")
    context = getattr(exc, "context_mark", None)
    if context is not None and not "".join(lines[mark.line :]).strip():
        # "found unexpected end of stream": the cause is where the open quote/bracket began.
        what = (getattr(exc, "context", None) or "a value").replace("while scanning ", "")
        problem = f"{what.replace('while parsing ', '')} that never ends"
        mark = context
    snippet = lines[mark.line].strip() if mark.line < len(lines) else ""
    if snippet:
        problem = f"{problem} ({snippet[:60]}{'…' if len(snippet) > 60 else ''})"
    return FrontMatterError(problem, first_line + mark.line)


def _salvage(fmt: str, raw: str) -> dict:
    """What can be read from broken front matter: drop bad lines one by one, else key by key."""
    try:
        if fmt == "yaml":
            return _salvage_yaml(raw)
        if fmt == "toml":
            return _salvage_toml(raw)
        return _salvage_json(raw)
    except Exception:  # noqa: BLE001 - salvage is best effort
        return {}


def _salvage_yaml(raw: str) -> dict:
    lines = _clean(raw).split("\n")
    dropped: list[str] = []
    for _ in range(_MAX_REPAIRS):
        try:
            data = bounded_yaml_load("\n".join(lines))
        except FrontMatterError:
            break  # too complex as a whole: read it key by key below
        except yaml.YAMLError as exc:
            bad = [
                m.line
                for m in (getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None))
                if m is not None and m.line < len(lines) and lines[m.line].strip()
            ]
            if not bad:
                break
            dropped.append(lines[bad[0]])
            lines[bad[0]] = ""  # a blanked line cannot fail again, so this terminates
            continue
        if not isinstance(data, dict):
            return {}
        # A dropped title line still says what its author meant, e.g. one with unescaped
        # quotes inside: title: "老街茶馆挂出"今日有新茶"的木牌". Other keys stay dropped.
        for key, value in _SALVAGE_YAML.findall("\n".join(dropped)):
            if key.strip() == "title":
                data.setdefault("title", value.strip().strip("\"'").strip())
        return data
    data = {}
    for key, value in _SALVAGE_YAML.findall(raw):
        try:
            data[key.strip()] = bounded_yaml_load(value.strip())
        except (yaml.YAMLError, FrontMatterError):
            data[key.strip()] = value.strip().strip("\"'")
    return data


def _salvage_toml(raw: str) -> dict:
    import tomllib

    data: dict = {}
    for m in _SALVAGE_TOML.finditer(raw.split("\n[", 1)[0]):  # top-level keys only
        try:
            data.update(tomllib.loads(m[0]))
        except tomllib.TOMLDecodeError:
            continue
    return data


def _salvage_json(raw: str) -> dict:
    data = {}
    for key, value in re.findall(r'"([^"\n]+)"\s*:\s*("(?:[^"\\\n]|\\.)*"|[-\w.]+)', raw):
        try:
            data[key] = json.loads(value)
        except json.JSONDecodeError:
            data[key] = value
    return data
