"""What kind of site a library folder is (Jekyll, Hexo, Hugo, Zola, Obsidian or plain) and its settings."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from .frontmatter import bounded_yaml_load
from .types import Site

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
                 "config.toml", "config.yaml", "config.yml", "config.json")
# How far to look above the opened folder for a site root, and below it when nothing is above.
_MAX_UP = 6
_MAX_DOWN = 2


def detect_site(library_root: Path) -> Site:
    """Find the site that `library_root` belongs to: at it, above it, or just below it."""
    library_root = Path(library_root).resolve()
    for candidate in [library_root, *list(library_root.parents)[:_MAX_UP]]:
        site = _site_at(candidate, library_root)
        if site:
            return site
        if candidate == Path.home():
            break
    below = [s for s in (_site_at(d, library_root) for d in _subfolders(library_root, _MAX_DOWN)) if s]
    if len(below) == 1:
        return below[0]
    return Site(kind="folder", root=library_root, library_root=library_root)


def _subfolders(root: Path, depth: int) -> list[Path]:
    found: list[Path] = []
    level = [root]
    for _ in range(depth):
        nxt = []
        for folder in level:
            try:
                nxt.extend(p for p in folder.iterdir()
                           if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))
            except OSError:
                continue
        found.extend(nxt)
        level = nxt
    return found


def _site_at(folder: Path, library_root: Path) -> Site | None:
    try:
        names = {p.name for p in folder.iterdir()}
    except OSError:
        return None
    config = _load_config(folder, ("_config.yml", "_config.yaml"))
    if config is not None and "source" in names and (folder / "source" / "_posts").is_dir():
        return _make(folder, library_root, "hexo", config, tz_key="timezone")
    if config is not None and ("_posts" in names or _has_posts_folder(folder)):
        return _make(folder, library_root, "jekyll", config, tz_key="timezone")
    if "content" in names and (folder / "content").is_dir():
        for name in _HUGO_CONFIGS:
            if name in names:
                config = _load_config(folder, (name,)) or {}
                kind = "zola" if "base_url" in config else "hugo"
                return _make(folder, library_root, kind, config, tz_key="timeZone")
    if ".obsidian" in names:
        return Site(kind="obsidian", root=folder, library_root=library_root)
    return None


def _has_posts_folder(folder: Path) -> bool:
    """Multi-language Jekyll sites keep posts in `en/news/_posts/`: look two levels down."""
    return any((sub / "_posts").is_dir() or any((s2 / "_posts").is_dir() for s2 in _safe_dirs(sub))
               for sub in _safe_dirs(folder))


def _safe_dirs(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_site"))]
    except OSError:
        return []


def _load_config(folder: Path, names: tuple[str, ...]) -> dict | None:
    """The first config file among `names` as a dict; {} if it exists but cannot be read."""
    for name in names:
        path = folder / name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
            if name.endswith(".toml"):
                data = tomllib.loads(text)
            elif name.endswith(".json"):
                data = json.loads(text)
            else:
                data = bounded_yaml_load(text, loader_class=_YAML_LOADER)
        except Exception:  # a broken config still tells us what kind of site this is
            return {}
        return data if isinstance(data, dict) else {}
    return None


def _make(folder: Path, library_root: Path, kind: str, config: dict, tz_key: str) -> Site:
    lowered = {str(k).lower(): v for k, v in config.items()}
    url = _text(lowered.get("url") or lowered.get("base_url") or lowered.get("baseurl"))
    baseurl = _text(config.get("baseurl")) if kind == "jekyll" else ""
    if kind == "hexo":
        root = _text(config.get("root"))
        baseurl = root.rstrip("/") if root and root != "/" else ""
    if url and "://" not in url:
        url = None
    return Site(
        kind=kind,
        root=folder,
        library_root=library_root,
        title=_text(config.get("title")) or None,
        url=url.rstrip("/") if url else None,
        baseurl=(baseurl or "").rstrip("/"),
        timezone=_text(config.get(tz_key) or config.get("timezone")) or None,
        language=_text(lowered.get("lang") or lowered.get("language") or lowered.get("languagecode")
                       or lowered.get("default_language")) or None,
    )


def _text(value) -> str:
    return str(value).strip() if value is not None and not isinstance(value, (dict, list)) else ""


# A post can sit deep inside its site (Hexo's source/_posts/<category>/, vault folders).
_MAX_UP_FROM_FILE = 12


def find_library_root(path: Path) -> Path | None:
    """The root of the site that holds `path` (a post file or a folder), or None if no site does.

    Walks up looking for site markers (`_config.yml` with `_posts/`, Hugo/Zola `content/` with a
    config, `.obsidian/`). Never returns the home folder or a filesystem root: a marker there is far
    more likely a stray file than a site, and opening it would index everything the user owns.
    """
    path = Path(path).expanduser().resolve()
    start = path if path.is_dir() else path.parent
    home = Path.home().resolve()
    for candidate in [start, *list(start.parents)[:_MAX_UP_FROM_FILE]]:
        if candidate == home or candidate.parent == candidate:
            return None
        if _site_at(candidate, candidate) is not None:
            return candidate
    return None
