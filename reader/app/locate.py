"""What a path given to the app means: a library, a post inside one, a lone file, or an error (no Qt)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import platformdirs

from ..core import MARKDOWN_EXTENSIONS, POST_EXTENSIONS
from .broad_folders import broad_folder_reason

# How many entries of a folder to look at when deciding whether it is a folder of posts.
_SAMPLE_ENTRIES = 400
# A vault's root: how many folders up, and how many entries in all, before giving up on climbing.
_MAX_UP = 12
_MAX_VAULT_ENTRIES = 20_000
_ATTACHMENT_EXTENSIONS = {
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".svg",
    ".webp",
    ".avif",
    ".bmp",
    ".pdf",
    ".mp3",
    ".m4a",
    ".wav",
    ".ogg",
    ".mp4",
    ".webm",
    ".mov",
    ".canvas",
    ".base",
    ".excalidraw",
}
_FURNITURE = {"readme", "license", "licence", "copying", "contributing", "changelog", "notice"}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the marker lupdate looks for, hence its name
    """Marks a message for translation (this module imports no Qt); open_paths translates it."""
    return text


@dataclass(frozen=True)
class Target:
    """One path, understood. `kind` is "library", "post", "lone" or "error"."""

    kind: str
    path: Path  # the absolute path that was asked for
    library: Path | None = None  # the library root to open, for "library" and "post"
    message: str = ""  # for "error": a sentence to show the user (English)
    template: str = ""  # the message as a translation source (context "Locate") and the values it takes
    values: tuple[str, ...] = ()


class PathError(ValueError):
    """A path that cannot be opened, with its message as a translation source and its values."""

    def __init__(self, template: str, *values: str):
        super().__init__(template.format(*values))
        self.template, self.values = template, values


def _error(path: Path, template: str, *values: str) -> Target:
    return Target("error", path, message=template.format(*values), template=template, values=values)


def absolute(raw: str, cwd: str | os.PathLike[str] | None) -> Path:
    """A path from a command line or a file manager, made absolute against the caller's cwd.

    Raises ValueError for a path that does not say where it leads: an empty one, or a relative one
    without the caller's folder (never this process's own folder, which is not the caller's).
    """
    if raw.startswith("file://"):  # some launchers pass URLs even for %F
        raw = unquote(urlsplit(raw).path)
    if not raw.strip():
        raise PathError(QT_TRANSLATE_NOOP("Locate", "An empty path was given; nothing was opened."))
    path = Path(raw).expanduser()
    if not path.is_absolute():
        if not cwd or not Path(cwd).is_absolute():
            raise PathError(
                QT_TRANSLATE_NOOP("Locate", "{0} is a relative path and the folder it is relative to is unknown."),
                shown(raw),
            )
        path = Path(cwd) / path
    if unrepresentable(str(path)):
        raise PathError(
            QT_TRANSLATE_NOOP(
                "Locate", "{0} cannot be opened: its name is not valid UTF-8 (rename the file or folder)."
            ),
            shown(str(path)),
        )
    return Path(os.path.abspath(path))  # normalise "..", keep links until resolve()


def unrepresentable(text: str) -> bool:
    """True if `text` holds bytes that are not UTF-8 (a file name from a non-UTF-8 system, carried
    as lone surrogates): Qt cannot show or pass such a name and would silently shorten it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def shown(text: str) -> str:
    """A name that may hold undecodable bytes, in a form that can be shown (each bad byte as \\xNN)."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte (from JSON's "\\ud800")
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def locate(
    raw: str, cwd: str | os.PathLike[str] | None = None, known_libraries: Iterable[str | os.PathLike[str]] = ()
) -> Target:
    """Decide what opening `raw` means. Never raises; problems come back as kind "error"."""
    try:
        path = absolute(raw, cwd)
    except PathError as error:
        return _error(Path(shown(raw)), error.template, *error.values)
    except ValueError as error:  # from the system: a NUL in the name
        return Target("error", Path(shown(raw)), message=str(error))
    try:
        if not path.exists():
            return _error(path, QT_TRANSLATE_NOOP("Locate", "There is no file or folder at {0}."), str(path))
        path = path.resolve()
        if path.is_dir():
            next(iter(path.iterdir()), None)  # an unreadable folder fails here, not mid-index
            return Target("library", path, library=path)
        if path.suffix.lower() not in POST_EXTENSIONS:
            kinds = ", ".join(POST_EXTENSIONS)
            return _error(
                path,
                QT_TRANSLATE_NOOP("Locate", "{0} is not a post file. Jianbao Reader opens folders and {1} files."),
                path.name,
                kinds,
            )
        with open(path, "rb") as handle:
            handle.read(1)
    except OSError as error:
        return _error(
            path, QT_TRANSLATE_NOOP("Locate", "{0} cannot be read: {1}."), str(path), str(error.strerror or error)
        )
    from ..core import find_library_root  # only for a file: a folder's launch skips YAML, TOML and the site rules

    root = find_library_root(path)
    if root is None:
        vault = vault_root(path.parent) if is_post_folder(path.parent) else None
        known = _known_library_of(path, known_libraries)
        # A known library deeper than the vault (a subfolder opened before the vault was found) gives way.
        root = known if known is not None and (vault is None or vault.is_relative_to(known)) else vault
    if root is None:
        return Target("lone", path)
    return Target("post", path, library=root)


def vault_root(folder: Path) -> Path:
    """The root of a vault of notes without `.obsidian/`, as its user sees it, from the folder of one
    of its notes: the highest folder above whose other contents are notes too (Markdown, their
    attachments, a README or LICENSE), up to a repository root (`.git`) and never into the home
    folder, a catch-all or system folder, or a folder that also holds a site or other files."""
    folder = Path(folder).resolve()
    top, budget = folder, [_MAX_VAULT_ENTRIES]
    for parent in list(folder.parents)[:_MAX_UP]:
        if (top / ".git").exists() or parent in _catch_all_folders() or broad_folder_reason(parent):
            break
        if not _only_notes_beside(parent, top, budget):
            break
        top = parent
    return top


def _only_notes_beside(parent: Path, inside: Path, budget: list[int]) -> bool:
    """True if everything in `parent` apart from its subfolder `inside` is notes, their attachments and
    repository furniture, with at least one note; False at a site marker, at any other kind of file
    beyond a tenth, or once `budget` (entries still to look at) runs out."""
    from ..core import SITE_MARKERS

    notes = others = 0
    stack = [parent]
    while stack:
        try:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    budget[0] -= 1
                    if budget[0] < 0 or entry.name in SITE_MARKERS:
                        return False
                    if entry.name.startswith(".") or entry.path == str(inside):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                        continue
                    kind = _file_kind(entry.name)
                    notes += kind == "note"
                    others += kind == "other"
        except OSError:
            return False
    return notes > 0 and others * 10 <= notes


def _file_kind(name: str) -> str:
    stem, ext = os.path.splitext(name.lower())
    if ext in MARKDOWN_EXTENSIONS:
        return "note"
    if ext in _ATTACHMENT_EXTENSIONS or stem in _FURNITURE:
        return "attachment"
    return "other"


def _known_library_of(path: Path, roots: Iterable[str | os.PathLike[str]]) -> Path | None:
    """The deepest already known library (open or recent) that holds `path`. A broad one (`/`, the
    home folder, saved by an older version) holds nothing: every file would belong to it."""
    holders = []
    for root in roots:
        try:
            root = Path(root).resolve()
        except OSError:
            continue
        if path.is_relative_to(root) and root.is_dir() and broad_folder_reason(root) is None:
            holders.append(root)
    return max(holders, key=lambda r: len(r.parts), default=None)


def is_post_folder(folder: Path) -> bool:
    """True if `folder` looks like a folder of posts: most of its files are posts, and it is not one
    of the user's catch-all folders (home, Downloads, Desktop, Documents), which are never indexed
    just because one Markdown file in them was opened."""
    folder = Path(folder).resolve()
    if folder in _catch_all_folders() or folder.parent == folder:
        return False
    posts = others = 0
    try:
        with os.scandir(folder) as entries:
            for n, entry in enumerate(entries):
                if n >= _SAMPLE_ENTRIES:
                    break
                if entry.name.startswith(".") or not entry.is_file():
                    continue
                if os.path.splitext(entry.name)[1].lower() in POST_EXTENSIONS:
                    posts += 1
                else:
                    others += 1
    except OSError:
        return False
    return posts >= 2 and posts >= others


def _catch_all_folders() -> set[Path]:
    folders = {Path.home()}
    for getter in (platformdirs.user_downloads_dir, platformdirs.user_desktop_dir, platformdirs.user_documents_dir):
        try:
            folders.add(Path(getter()))
        except Exception:  # noqa: BLE001 - platformdirs fails in ways of its own on odd setups; home still counts
            continue
    return {f.resolve() for f in folders}
