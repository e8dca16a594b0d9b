"""What kind of site a library folder is (Jekyll, Hexo, Hugo, Zola, Obsidian or plain) and its settings."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from .frontmatter import bounded_yaml_load, read_front_matter
from .limits import INDEX_LIMIT, read_inside
from .site_paths import TAXONOMY_FOLDERS
from .types import Site

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_JEKYLL_CONFIGS = ("_config.yml", "_config.yaml")  # Hexo's too
_HUGO_CONFIGS = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
)
# Entries that mark a folder as a site (or its posts folder), not a vault of notes: the configs above,
# Jekyll's _posts, Hexo's package.json and Jekyll's Gemfile.
SITE_MARKERS = frozenset((*_JEKYLL_CONFIGS, "_posts", *_HUGO_CONFIGS, "package.json", "Gemfile"))
# How far to look above the opened folder for a site root, and below it when nothing is above.
_MAX_UP = 6
_MAX_DOWN = 2
# ...and in at most this many folders below: a site root is not one of thousands of siblings, and
# listing 50k folders of a huge tree took 2.4 s before its scan could even be cancelled.
_MAX_BELOW = 1000


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
        nxt: list[Path] = []
        for folder in level:
            try:
                nxt.extend(
                    p for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")
                )
            except OSError:
                continue
            if len(found) + len(nxt) >= _MAX_BELOW:
                return (found + nxt)[:_MAX_BELOW]
        found.extend(nxt)
        level = nxt
    return found


def _site_at(folder: Path, library_root: Path) -> Site | None:
    try:
        names = {p.name for p in folder.iterdir()}
    except OSError:
        return None
    config = _load_config(folder, _JEKYLL_CONFIGS)
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
    return any(
        (sub / "_posts").is_dir() or any((s2 / "_posts").is_dir() for s2 in _safe_dirs(sub))
        for sub in _safe_dirs(folder)
    )


def _safe_dirs(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_site"))]
    except OSError:
        return []


def _load_config(folder: Path, names: tuple[str, ...]) -> dict | None:
    """The first config file among `names` as a dict; {} if it exists but cannot be read (a link out
    of its folder, over INDEX_LIMIT, broken)."""
    for name in names:
        path = folder / name
        if path.is_file():
            text = _read_inside(folder, path)
            data = _read_data(path, text) if text is not None else None
            return data if isinstance(data, dict) else {}
    return None


def _read_data(path: Path, text: str) -> object:
    """A YAML, TOML or JSON file's value from its `text`; None if it cannot be read."""
    try:
        if path.suffix == ".toml":
            import tomllib  # here: a Jekyll or Obsidian library's readers do without it

            return tomllib.loads(text)
        if path.suffix == ".json":
            return json.loads(text)
        return bounded_yaml_load(text, loader_class=_YAML_LOADER)
    except Exception:  # noqa: BLE001 - any error of three parsers: a broken file names nothing; the kind of site stays
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
        language=_text(
            lowered.get("lang")
            or lowered.get("language")
            or lowered.get("languagecode")
            or lowered.get("default_language")
        )
        or None,
    )


def _text(value) -> str:
    return str(value).strip() if value is not None and not isinstance(value, (dict, list)) else ""


# Settings that name slugs: {slug: name} or [{slug: .., name: ..}] (Hexo's maps go name -> slug).
_NAME_SETTINGS = {"category_names": "category", "category_titles": "category", "tag_names": "tag", "tag_titles": "tag"}
_HEXO_MAPS = {"category_map": "category", "tag_map": "tag"}
_NAME_FIELDS = ("name", "title", "label", "display_name")
_KEY_FIELDS = ("slug", "key", "id", "category", "tag")
_MAX_TERM_PAGES = 5000


def taxonomy_names(site: Site) -> dict[str, dict[str, str]]:
    """Readable names of category and tag slugs that the site's own files give: `_config.yml`
    settings, `_data/` (Hugo: `data/`) files named after categories or tags, and Hugo's term pages
    (`content/categories/<slug>/_index.md`). {"category": {slug: name}, "tag": {...}}."""
    names: dict[str, dict[str, str]] = {"category": {}, "tag": {}}
    root = Path(site.root)
    config = _load_config(root, _JEKYLL_CONFIGS) or {}
    for setting, value in config.items():
        if setting in _NAME_SETTINGS:
            names[_NAME_SETTINGS[setting]].update(_names_in(value))
        elif setting in _HEXO_MAPS and isinstance(value, dict):
            names[_HEXO_MAPS[setting]].update(
                {_text(slug): _text(name) for name, slug in value.items() if _text(slug) and _text(name)}
            )
    for path in _files_in(root / ("data" if site.kind in ("hugo", "zola") else "_data")):
        stem = path.stem.lower()
        kind = "category" if "categor" in stem else "tag" if "tag" in stem else None
        if kind and path.suffix in (".yml", ".yaml", ".json", ".toml"):
            text = _read_inside(root, path)
            names[kind].update(_names_in(_read_data(path, text)) if text is not None else {})
    if site.kind == "hugo":
        for folder in ("categories", "tags"):  # Hugo's default taxonomies, each a folder in content/
            names[TAXONOMY_FOLDERS[folder]].update(_term_titles(root, root / "content" / folder))
    return names


def _names_in(value: object) -> dict[str, str]:
    """{slug: name} from {slug: name}, {slug: {name: ..}} or [{slug: .., name: ..}]."""
    out = {}
    if isinstance(value, dict):
        for key, item in value.items():
            name = _first(item, _NAME_FIELDS) if isinstance(item, dict) else _text(item)
            if name and _text(key):
                out[_text(key)] = name
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and _first(item, _KEY_FIELDS) and _first(item, _NAME_FIELDS):
                out[_first(item, _KEY_FIELDS)] = _first(item, _NAME_FIELDS)
    return out


def _first(item: dict, fields: tuple[str, ...]) -> str:
    return next((_text(item[f]) for f in fields if _text(item.get(f))), "")


def _files_in(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_file())
    except OSError:
        return []


def _term_titles(root: Path, folder: Path) -> dict[str, str]:
    """Hugo's `content/categories/<slug>/_index.md`: the slug's name is the page's title."""
    out = {}
    for term in _safe_dirs(folder)[:_MAX_TERM_PAGES]:
        text = _read_inside(root, term / "_index.md")
        title = _text(read_front_matter(text).data.get("title")) if text is not None else ""
        if title and title != term.name:
            out[term.name] = title
    return out


def _read_inside(root: Path, path: Path) -> str | None:
    """The text of a file of the site read as posts are (limits.read_inside: no links out, no FIFOs,
    at most INDEX_LIMIT bytes), or None when that refuses it, it is missing or bigger: settings and
    names never come from outside the site, and a cut file is no settings."""
    try:
        data, cut = read_inside([root], path.relative_to(root).as_posix(), INDEX_LIMIT)
    except (OSError, ValueError):
        return None
    return None if cut else data.decode("utf-8", errors="replace")


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
