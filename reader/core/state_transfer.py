"""Export the reading state (read, starred, position, saved searches, highlights) to one JSON file, and merge such a
file back in."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from ..paths import library_key
from .errors import ReaderError
from .highlights import MAX_QUOTE
from .state import FIELDS, HIGHLIGHT_COLUMNS, StateStore

FORMAT = "jianbao-reading-data"
VERSION = 3  # 2 adds each library's saved searches, 3 its highlights; older files are still read
READABLE = (1, 2, 3)
MAX_BYTES = 64 * 1024 * 1024  # far above any real reading state (about 150 bytes a post)
_KEY_PREFIX = "key:"  # a library whose folder was never recorded is named by its key


class TransferError(ReaderError):
    """A reading-data file cannot be imported (nothing was written) or written."""


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat()


def export_data(state: StateStore, library: str | None = None) -> dict:
    """Every mark of one library key (or of all) with when each field changed, keyed by folder and post path.

    {"format", "version", "exported", "libraries": {folder: {"posts": {path: {"read": bool,
    "starred": bool, "position": float, "changed": {field: ISO time}}}, "searches": {name: {"query": str,
    "nodes": [tree node id], "created": ISO time}}, "highlights": {id: {"path", "exact", "prefix", "suffix",
    "position", "note", "title", "created", "changed", "detached"} or {"path", "changed", "deleted": true}}}}};
    a field never set is left out. A deleted highlight travels as its tombstone, so an import deletes it too."""
    libraries: dict[str, dict] = {}
    for lib, *row, root in state.all_highlights(library):
        entry = libraries.setdefault(root or _KEY_PREFIX + lib, {"posts": {}})
        entry.setdefault("highlights", {})[row[0]] = _highlight_out(dict(zip(HIGHLIGHT_COLUMNS, row, strict=True)))
    for lib, name, query, nodes, created, root in state.all_searches(library):
        entry = libraries.setdefault(root or _KEY_PREFIX + lib, {"posts": {}})
        entry.setdefault("searches", {})[name] = {"query": query, "nodes": json.loads(nodes), "created": _iso(created)}
    for lib, path, read, starred, position, *times, root in state.all_marks(library):
        values = dict(zip(FIELDS, (bool(read), bool(starred), float(position)), strict=True))
        post: dict[str, object] = {f: values[f] for f, at in zip(FIELDS, times, strict=True) if at > 0}
        if not post:
            continue
        post["changed"] = {f: _iso(at) for f, at in zip(FIELDS, times, strict=True) if at > 0}
        libraries.setdefault(root or _KEY_PREFIX + lib, {"posts": {}})["posts"][path] = post
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": _iso(datetime.now(UTC).timestamp()),
        "libraries": libraries,
    }


def _highlight_out(h: dict) -> dict:
    out = {"path": h["path"], "changed": _iso(h["changed"])}
    if h["deleted"]:
        return out | {"deleted": True}
    return (
        out
        | {k: h[k] for k in ("exact", "prefix", "suffix", "position", "note", "title")}
        | {"created": _iso(h["created"]), "detached": bool(h["detached"])}
    )


def write_export(state: StateStore, target: Path, library: str | None = None) -> int:
    """Write the export to `target` atomically; returns the number of posts written."""
    data = export_data(state, library)
    temp = target.with_name(target.name + ".tmp")
    try:
        temp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise TransferError(f"{target}: cannot be written ({exc.strerror or exc})") from exc
    return sum(len(lib["posts"]) for lib in data["libraries"].values())


def import_file(state: StateStore, source: Path) -> tuple[int, int]:
    """Merge a reading-data file: per post and field the newer change wins, in one transaction.

    Returns (fields changed, posts in the file); raises TransferError, having written nothing, on a bad file."""
    changes, roots, searches, highlights = read_changes(source)
    return state.merge(changes, roots, searches, highlights), len({(lib, path) for lib, path, *_ in changes})


def read_changes(
    source: Path,
) -> tuple[list[tuple[str, str, str, float, float]], dict[str, str], list[tuple], list[tuple]]:
    """The (library key, path, field, value, changed_at) of a checked file, {key: folder}, the saved
    searches (library key, name, query, nodes JSON, created) and highlights (library key, *HIGHLIGHT_COLUMNS)."""
    try:
        if source.stat().st_size > MAX_BYTES:
            raise TransferError(
                f"{source}: too large for a reading-data file ({source.stat().st_size:,} bytes, at most {MAX_BYTES:,})"
            )
        data = json.loads(source.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise TransferError(f"{source}: cannot be read ({exc.strerror or exc})") from exc
    except ValueError as exc:
        raise TransferError(f"{source}: not a JSON file ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TransferError(f"{source}: not a Jianbao reading-data file")
    if data.get("version") not in READABLE:
        raise TransferError(
            f"{source}: reading-data version {data.get('version')!r} is not known "
            f"(this Jianbao reads versions up to {VERSION}); nothing was imported"
        )
    try:
        return _changes(data["libraries"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise TransferError(
            f"{source}: malformed reading data ({type(exc).__name__}: {exc}); nothing was imported"
        ) from exc


def _changes(
    libraries: dict,
) -> tuple[list[tuple[str, str, str, float, float]], dict[str, str], list[tuple], list[tuple]]:
    out, roots, searches, highlights = [], {}, [], []
    if not isinstance(libraries, dict):
        raise TypeError("libraries is not an object")
    for name, library in libraries.items():
        if name.startswith(_KEY_PREFIX):
            key = name[len(_KEY_PREFIX) :]
        else:
            key = library_key(Path(name))
            roots[key] = name
        for path, post in library["posts"].items():
            if not isinstance(path, str) or not path or not isinstance(post, dict):
                raise TypeError(f"post {path!r} is not an object")
            for field, when in post["changed"].items():
                out.append((key, path, field, _value(field, post[field]), _seconds(when)))
        searches += [(key, *_search(name, search)) for name, search in library.get("searches", {}).items()]
        highlights += [(key, *_highlight_in(hid, h)) for hid, h in library.get("highlights", {}).items()]
    return out, roots, searches, highlights


def _highlight_in(hid: str, h: dict) -> tuple:
    """The HIGHLIGHT_COLUMNS of one exported highlight (or tombstone), checked."""
    if not isinstance(hid, str) or not hid or not isinstance(h["path"], str) or not h["path"]:
        raise TypeError(f"highlight {hid!r} has no id or path")
    changed = _seconds(h["changed"])
    if h.get("deleted") is True:
        return hid, h["path"], "", "", "", 0, "", "", changed, changed, 0, 1
    texts = [h[k] for k in ("exact", "prefix", "suffix", "note", "title")]
    if not all(isinstance(t, str) for t in texts) or not texts[0].strip() or len(texts[0]) > MAX_QUOTE:
        raise TypeError(f"highlight {hid!r}: its quote, context, note or title is not text")
    position = h["position"]
    if isinstance(position, bool) or not isinstance(position, int) or position < 0:
        raise ValueError(f"highlight {hid!r}: position {position!r} is not a whole number")
    exact, prefix, suffix, note, title = texts
    return (
        hid,
        h["path"],
        exact,
        prefix,
        suffix,
        position,
        note,
        title,
        _seconds(h["created"]),
        changed,
        int(h["detached"] is True),
        0,
    )


def _search(name: str, search: dict) -> tuple[str, str, str, float]:
    """(name, query, nodes JSON, created) of one exported saved search, checked."""
    nodes = search["nodes"]
    if not isinstance(name, str) or not name.strip() or not isinstance(search["query"], str):
        raise TypeError(f"saved search {name!r} has no name or query")
    if not isinstance(nodes, list) or not all(isinstance(node, str) for node in nodes):
        raise TypeError(f"saved search {name!r}: nodes is not a list of strings")
    return name.strip(), search["query"], json.dumps(nodes), _seconds(search["created"])


def _value(field: str, value) -> float:
    if field not in FIELDS:
        raise ValueError(f"unknown field {field!r}")
    if field == "position":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ValueError(f"position {value!r} is not a number from 0 to 1")
        return float(value)
    if not isinstance(value, bool):
        raise TypeError(f"{field} {value!r} is not true or false")
    return int(value)


def _seconds(when: str) -> float:
    moment = datetime.fromisoformat(when)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


class ReadingState(StateStore):
    """The reading state of every library (the state file, which no one Library owns), taken out as one JSON
    file and merged back in: File ▸ Export/Import Reading Data and `jianbao-cli state`."""

    def __init__(self, state_file: Path) -> None:
        super().__init__(state_file, "")  # no library of its own: it reads and merges them all

    def export_data(self, library: str | None = None) -> dict:
        """export_data() of every library's marks, or of the one with key `library`."""
        return export_data(self, library)

    def write_export(self, target: Path, library: str | None = None) -> int:
        """write_export() of the marks to `target`; the number of posts written."""
        return write_export(self, target, library)

    def import_file(self, source: Path) -> tuple[int, int]:
        """import_file(): (fields changed, posts in the file); raises TransferError, having written nothing."""
        return import_file(self, source)
