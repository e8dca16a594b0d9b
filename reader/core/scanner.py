"""Walk a library once: pick the post files the site's generator would publish, stat them, and say
why each other entry is not read; and open_inside(), the same rule applied when a file is opened."""

from __future__ import annotations

import errno
import functools
import heapq
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .dates import jekyll_dated
from .errors import Cancelled, RefusedFile
from .found import UNSTATED, FileStat, Found
from .held_folder import open_held
from .site_paths import site_path_mapper, taxonomy_folder
from .types import Problem, Site

# Every extension a post file can have; the packaging's document types come from this list too.
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
HTML_EXTENSIONS = (".html", ".htm")
POST_EXTENSIONS = MARKDOWN_EXTENSIONS + HTML_EXTENSIONS

# Folders never walked and never reported: tools and build output, which a site's generator skips
# too. Names that start with "." (.git, .obsidian, editor swap files ".x.md.swp") are skipped
# silently as well, and so are Office lock files ("~$x.md"); backups ("x.md~", "#x.md#") fail
# the extension test. Everything else the scanner does not read is reported (ScanResult.skipped).
_SKIP_DIRS = {"node_modules", "_site", "__pycache__", "vendor", ".git"}
_SKIP_DIRS_AT_ROOT = {"public", "resources", "themes", "static", "layouts", "assets"}
_JEKYLL_SPECIAL = {"_layouts", "_includes", "_sass", "_data", "_plugins", "_site"}
_CHECK_EVERY = 256  # entries between two calls of `cancelled()` (and one call per folder)

# Why an entry is not read: the words of the problems list.
LINK_OUT = "symbolic link pointing outside the library"
BAD_NAME = "file name is not valid UTF-8"
BAD_FOLDER_NAME = "folder name is not valid UTF-8 (nothing in it is read)"
_KINDS = {
    stat.S_IFIFO: "FIFO",
    stat.S_IFSOCK: "socket",
    stat.S_IFCHR: "character device",
    stat.S_IFBLK: "block device",
    stat.S_IFDIR: "folder",
    stat.S_IFLNK: "symbolic link",
}
_ERRNO_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ELOOP: "symbolic link loop",
    errno.ENOENT: "broken symbolic link",
}


@dataclass
class ScanResult:
    posts: dict[str, FileStat] = field(default_factory=dict)
    label_pages: list[str] = field(default_factory=list)  # category/tag pages that name a slug
    folders: list[str] = field(default_factory=list)  # every folder walked ("" is the root)
    skipped: list[Problem] = field(default_factory=list)  # entries not read, and why
    # Folders whose listing failed, whole or part-way ("" is the root), and entries whose stat failed:
    # the posts known there were not looked for, so they are not removed (ChangeWatch.removed).
    unread: list[str] = field(default_factory=list)


def is_inside(real: str, real_root: str) -> bool:
    """True when the real path `real` is `real_root` or lies below it."""
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def refusal(real_roots: Sequence[str], path: str, mode: int, via_link: bool) -> str | None:
    """Why the file at `path` must not be read as a post, or None when it may be.

    The one rule of the scanner and of opening (open_inside): a regular file whose real path
    lies inside the library. `mode` is the st_mode of what `path` leads to; `via_link` says
    whether a symbolic link is on the way (only then is the real path worked out).
    """
    if via_link and not any(is_inside(os.path.realpath(path), r) for r in real_roots):
        return LINK_OUT
    kind = _KINDS.get(stat.S_IFMT(mode))
    return f"not a regular file ({kind})" if kind else None


def reason_of(error: OSError) -> str:
    """An OSError as the words of the problems list ("permission denied", ...)."""
    return _ERRNO_REASONS.get(error.errno or 0) or str(error.strerror or error)


def open_inside(roots: Sequence[Path | str], relpath: str) -> BinaryIO:
    """Open `relpath` (under the first of `roots`) for reading, if `refusal` allows it now.

    Checked on the opened file itself, so a file swapped for a link or a FIFO after the scan is
    refused: the last part is opened with O_NOFOLLOW (a link there is resolved first and must stay
    inside), without blocking (a FIFO would wait for a writer); then the opened file's own path
    (from the kernel) must lie inside `roots`, and its fstat say it is a regular file.
    Raises RefusedFile (an OSError) or the OSError of the open.
    """
    return os.fdopen(_open_checked(roots, relpath)[0], "rb")


def read_inside_bytes(roots: Sequence[Path | str], relpath: str, most: int | None) -> bytes:
    """The first `most` bytes (all with None) of a file opened by open_inside's rule."""
    return read_inside_stat(roots, relpath, most)[0]


def read_inside_stat(roots: Sequence[Path | str], relpath: str, most: int | None) -> tuple[bytes, int, int]:
    """read_inside_bytes, and the mtime_ns and size of the file read, from its fstat at the open: a new post's, which
    the walk did not stat (ChangeWatch.met), for the index (indexer._read_runs); a post changed after the walk keeps
    the stat of what was read. Read with os.read from that size: a buffered read of 1 MiB took 45 us for a 7 KB post,
    this 11."""
    fd, st = open_held(roots, relpath, _OPEN_FLAGS, _folder_inside) or _open_checked(roots, relpath)
    stat_of, size = (st.st_mtime_ns, st.st_size), st.st_size
    try:
        want = size + 1 if most is None else min(size + 1, most)  # one more: a file grown since
        data = os.read(fd, want)
        if len(data) < want:  # a regular file reads short at its end only: the whole post, most often
            return data, *stat_of
        parts, got = [data], len(data)
        while (want := 1 << 20 if most is None else most - got) > 0:
            part = os.read(fd, want)
            parts.append(part)
            got += len(part)
            if len(part) < want:
                break
        return b"".join(parts), *stat_of
    finally:
        os.close(fd)


def _open_checked(roots: Sequence[Path | str], relpath: str) -> tuple[int, os.stat_result]:
    """(the descriptor, its fstat) of `relpath` opened as open_inside says."""
    real_roots = _real_roots(tuple(map(str, roots)))
    path = os.path.join(roots[0], relpath)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        fd = _open_link(real_roots, path, relpath)  # the last part is a link: allowed if it stays inside
    try:
        where = _fd_path(fd) or os.path.realpath(path)
        if not _inside_any(where, real_roots):
            raise RefusedFile(relpath, LINK_OUT if where != os.path.abspath(path) else "outside the library")
        st = os.fstat(fd)
        why = None if stat.S_ISREG(st.st_mode) else refusal(real_roots, where, st.st_mode, False)
        if why:
            raise RefusedFile(relpath, why)
        return fd, st
    except BaseException:
        os.close(fd)
        raise


def _folder_inside(fd: int, root: str) -> bool:
    """Whether the folder open as `fd` lies inside `root`'s real path (held_folder's check)."""
    where = _fd_path(fd)
    return where is not None and is_inside(where, _real_roots((root,))[0])


def _inside_any(real: str, real_roots: Sequence[str]) -> bool:
    # The first root alone, most often: no generator made for it.
    return is_inside(real, real_roots[0]) or any(is_inside(real, root) for root in real_roots[1:])


# Not following a link in the last part, not waiting for a FIFO's writer, not taking a terminal.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


@functools.lru_cache(maxsize=16)
def _real_roots(roots: tuple[str, ...]) -> list[str]:
    return [os.path.realpath(root) for root in roots]


def _open_link(real_roots: Sequence[str], path: str, relpath: str) -> int:
    real = os.path.realpath(path)
    if not any(is_inside(real, r) for r in real_roots):
        raise RefusedFile(relpath, LINK_OUT)
    try:
        return os.open(real, _OPEN_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:  # its target's last part became a link since realpath()
            raise RefusedFile(relpath, "was replaced by a symbolic link") from error
        raise


def _fd_path(fd: int) -> str | None:
    """The path the kernel holds for an open file, where it tells (Linux /proc, macOS F_GETPATH)."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        pass
    try:
        import fcntl

        return fcntl.fcntl(fd, fcntl.F_GETPATH, b"\0" * 1024).rstrip(b"\0").decode("utf-8", "surrogateescape")
    except (ImportError, AttributeError, OSError):
        return None


@dataclass
class ChangeWatch:
    """What a walk needs of the posts it meets when they are compared with `known` (path -> (id,
    mtime_ns, size)): the new and the changed, in the order met (`found`; the paths of the changed
    also in `changed`), how many there were in all, and which known ones were met. The walk then
    keeps no list of every post: at 1M posts that list took about 400 MB. `then()` is called once,
    as soon as `count` posts are new or changed, so that the caller can start work before the walk ends;
    it returns the count at which to be called again (with `found` grown), or None."""

    known: dict[str, tuple[int, int, int]]
    count: int
    then: Callable[[], int | None]
    found: Found = field(default_factory=Found)
    changed: list[str] = field(default_factory=list)
    total: int = 0  # posts met
    met_ids: bytearray = field(init=False)  # 1 at the id of each known post met

    def __post_init__(self) -> None:
        self.met_ids = bytearray(max((was[0] for was in self.known.values()), default=0) + 1)

    def met(self, path: str, mtime_ns: int, size: int) -> None:
        self.total += 1
        was = self.known.get(path)
        if was is not None:
            self.met_ids[was[0]] = 1
            if was[1] == mtime_ns and was[2] == size:
                return
            self.changed.append(path)
        self.found.add(path, mtime_ns, size)
        if len(self.found.paths) == self.count:  # not Found.__len__: a call less a post
            self.count = self.then() or 0

    def removed(self, unread: Sequence[str] = ()) -> list[str]:
        """The known posts the walk did not meet, but for those in or below `unread` (ScanResult.unread):
        a folder that could not be listed, or a file whose stat failed, does not mean a post is gone."""
        if "" in unread:
            return []
        met = self.met_ids
        gone = [path for path, was in self.known.items() if not met[was[0]]]
        below, unread_set = tuple(folder + "/" for folder in unread), set(unread)
        return [path for path in gone if not path.startswith(below) and path not in unread_set] if below else gone


def scan(
    site: Site, cancelled: Callable[[], bool] | None = None, limit: int = 0, watch: ChangeWatch | None = None
) -> ScanResult:
    """Walk `site.library_root` once and classify every entry; never follows links out of it.

    `cancelled()` is asked once per folder and every _CHECK_EVERY entries; True raises Cancelled.
    With a `limit`, the walk stops at that many posts, taking each folder's names in reverse order
    (dated names such as Jekyll's: the newest first). With a `watch`, each post goes to it
    (ChangeWatch.met) instead of `posts`.
    """
    return _Walk(site, cancelled or (lambda: False), limit, watch).run()


class _Walk:
    """One scan: folders to visit, the folders already seen, and what was found."""

    def __init__(
        self, site: Site, cancelled: Callable[[], bool], limit: int = 0, watch: ChangeWatch | None = None
    ) -> None:
        self.site = site
        self.watch = watch
        self.limit = limit
        self.cancelled = cancelled
        self.root = str(site.library_root)
        self.real_roots = [os.path.realpath(self.root)]
        self.to_site = site_path_mapper(site.root, site.library_root)
        self.result = ScanResult()
        self.seen: dict[tuple[int, int], str] = {}  # (device, inode) of each folder walked -> its path
        self.stack = [""]
        self.linked: list[str] = []  # folders reached through a link: walked last, so the real path wins
        self.count = 0

    def run(self) -> ScanResult:
        while (self.stack or self.linked) and not self._enough():
            if self.cancelled():
                raise Cancelled("refresh cancelled")
            self._folder(self.stack.pop() if self.stack else self.linked.pop())
        return self.result

    def _enough(self) -> bool:
        return 0 < self.limit <= len(self.result.posts)

    def skip(self, rel: str, reason: str) -> None:
        self.result.skipped.append(Problem(_printable(rel) or ".", reason))

    def _folder(self, rel_dir: str) -> None:
        full_dir = os.path.join(self.root, rel_dir) if rel_dir else self.root
        try:
            st = os.stat(full_dir)
            listing = os.scandir(full_dir)
        except OSError as exc:
            if exc.errno != errno.ENOENT or not rel_dir:  # else it was deleted after its parent was listed
                self._unread(rel_dir, exc)
            return
        with listing:
            first = self.seen.setdefault((st.st_dev, st.st_ino), rel_dir)
            if first != rel_dir:  # a link to a folder walked already (or a loop)
                self.skip(rel_dir, f"symbolic link to a folder read already ({first or 'the library'})")
                return
            self.result.folders.append(rel_dir)
            # Entries one at a time, not listed first: a folder of 1M posts listed took about 350 MB.
            entries = self._newest_first(full_dir, listing) if self.limit else listing
            posts_here = self._posts_folder(rel_dir)
            try:
                if posts_here and self.watch is not None and not self.limit:
                    self._posts(entries, rel_dir, self.watch)
                    return
                for entry in entries:
                    if self.limit and self._enough():
                        return
                    self._named(entry, rel_dir, posts_here)
            except OSError as exc:  # the listing itself failed part-way
                self._unread(rel_dir, exc)

    def _unread(self, rel_dir: str, exc: OSError) -> None:
        self.skip(rel_dir, f"folder cannot be read: {reason_of(exc)}")
        self.result.unread.append(rel_dir)

    def _newest_first(self, full_dir: str, listing: Iterator[os.DirEntry]) -> Iterator[os.DirEntry]:
        """A folder's entries by name, last first, without sorting (or holding) them all: the
        walk of a limit stops after a few (the first rows of a 1M-post folder)."""
        most = 4 * self.limit
        top = heapq.nlargest(most, listing, key=_name)
        yield from top
        if len(top) == most:  # more entries than those, and the limit is not met yet: the rest
            with os.scandir(full_dir) as again:
                yield from sorted((e for e in again if e.name < top[-1].name), key=_name, reverse=True)

    def _posts_folder(self, rel_dir: str) -> bool:
        """Whether classify() makes a post of every file in this folder whose name has a post extension and
        starts with none of "._~" (Jekyll's _posts, Hugo's content, ...): its entries then skip classify()
        (1M posts in a folder: about 1 s of the walk's 6 alone on a core). Asked of an undated name, so a
        folder whose posts need a dated name (Jekyll's archives) or that holds label pages says no."""
        site_rel = self.to_site(f"{rel_dir}/x.md" if rel_dir else "x.md")
        return site_rel is not None and classify(self.site, site_rel) == "post"

    def _posts(self, entries: Iterator[os.DirEntry], rel_dir: str, watch: ChangeWatch) -> None:
        """A posts folder's entries met by `watch`, those a post's name and a regular file by the listing (d_type: no
        system call) here, with the lstat of a known one (a new one's worker gives its stat); any other entry the
        way of _named. 100k known posts: 0.43-0.47 s of CPU for the walk with _named's way for each."""
        known, met, prefix = watch.known, watch.met, f"{rel_dir}/" if rel_dir else ""
        for entry in entries:
            name = entry.name
            if name[0] in "._~" or not name.isascii() or not name.lower().endswith(POST_EXTENSIONS):
                self._named(entry, rel_dir, True)
                continue
            self.count += 1
            if self.count % _CHECK_EVERY == 0 and self.cancelled():
                raise Cancelled("refresh cancelled")
            rel = prefix + name
            try:
                if entry.is_file(follow_symlinks=False):
                    if rel in known:
                        info = entry.stat(follow_symlinks=False)
                        met(rel, info.st_mtime_ns, info.st_size)
                    else:
                        met(rel, UNSTATED, UNSTATED)  # as _entry: its worker's fstat gives its stat
                    continue
            except OSError:
                pass  # _entry says why, or that it is gone
            self._entry(entry, rel, "post")

    def _named(self, entry: os.DirEntry, rel_dir: str, posts_here: bool = False) -> None:
        self.count += 1
        if self.count % _CHECK_EVERY == 0 and self.cancelled():
            raise Cancelled("refresh cancelled")
        name = entry.name
        if name.startswith("."):
            return
        rel = f"{rel_dir}/{name}" if rel_dir else name
        if not (name.isascii() or _encodable(name)):
            self.skip(rel, BAD_FOLDER_NAME if _is_dir(entry) else BAD_NAME)
        elif posts_here and name[0] not in "_~":
            self._entry(entry, rel, "post" if name.lower().endswith(POST_EXTENSIONS) else None)
        else:
            self._entry(entry, rel)

    def _entry(self, entry: os.DirEntry, rel: str, kind: str | None = "?") -> None:
        """`kind`: classify()'s answer where _posts_folder() knows it, "?" where it must be asked."""
        if kind == "?":
            site_rel = self.to_site(rel)
            kind = classify(self.site, site_rel) if site_rel is not None else None
        is_link = False
        try:
            is_link = entry.is_symlink()
            if entry.is_dir():
                self._subfolder(entry, rel, self.to_site(rel), kind, is_link)
                return
            if (kind is None and not is_link) or entry.name.startswith("~$"):
                return  # not a post: images, configuration, other files
            if kind == "post" and self.watch and rel not in self.watch.known and entry.is_file(follow_symlinks=False):
                # A new post, a regular file by its listing (d_type): not stat'ed here, its worker's fstat gives
                # its mtime and size (Found.stat). A stat a post was 2.1 s of the walk's 6 s at 1M posts.
                self.watch.met(rel, UNSTATED, UNSTATED)
                return
            info = entry.stat()
        except OSError as exc:
            if is_link or exc.errno != errno.ENOENT:  # else it was deleted after the folder was listed
                self.skip(rel, reason_of(exc))
            if exc.errno != errno.ENOENT:  # there, but its stat failed (EIO): a known post stays
                self.result.unread.append(rel)
            return
        # refusal() passes a regular file reached without a link: no call for each post.
        why = (
            refusal(self.real_roots, entry.path, info.st_mode, is_link)
            if is_link or not stat.S_ISREG(info.st_mode)
            else None
        )
        if why:
            self.skip(rel, why)
        elif kind == "label":
            self.result.label_pages.append(rel)
        elif kind == "post":
            if self.watch is None:
                self.result.posts[rel] = FileStat(rel, info.st_mtime_ns, info.st_size)
            else:
                self.watch.met(rel, info.st_mtime_ns, info.st_size)

    def _subfolder(self, entry: os.DirEntry, rel: str, site_rel: str | None, kind: str | None, is_link: bool) -> None:
        if not _keep_dir(self.site, site_rel or rel, entry.name):
            return
        if is_link and not is_inside(os.path.realpath(entry.path), self.real_roots[0]):
            self.skip(rel, LINK_OUT)
            return
        if kind is not None:
            suffix = entry.name[entry.name.rfind(".") :]
            self.skip(rel, f"folder whose name ends in {suffix} (not a post; the files in it are read)")
        (self.linked if is_link else self.stack).append(rel)


def _keep_dir(site: Site, site_rel: str, name: str) -> bool:
    if name in _SKIP_DIRS:
        return False
    top_level = "/" not in site_rel
    if site.kind in ("hugo", "zola", "hexo") and top_level and name in _SKIP_DIRS_AT_ROOT:
        return False
    return not (site.kind == "jekyll" and name in _JEKYLL_SPECIAL)


def classify(site: Site, site_rel: str) -> str | None:
    """ "post" for an article, "label" for a category or tag page, None for anything else."""
    parts = site_rel.split("/")
    name = parts[-1]
    lower = name.lower()
    if not lower.endswith(POST_EXTENSIONS):
        return None
    folders = parts[:-1]
    if site.kind == "jekyll":
        if "_posts" in folders or "_drafts" in folders:
            return "post"
        if any(f.startswith("_") for f in folders):
            return None  # collections and theme folders are not the blog
        if folders and taxonomy_folder(folders[-1]):
            return "label"
        # Archived posts kept outside _posts still carry Jekyll's dated file names.
        return "post" if folders and jekyll_dated(name) else None
    if site.kind == "hexo":
        if len(folders) >= 2 and folders[0] == "source" and folders[1] in ("_posts", "_drafts"):
            return "post"
        return None
    if site.kind in ("hugo", "zola"):
        if not folders or folders[0] != "content" or lower.startswith("_index."):
            return None
        return "post"
    return "post"


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _encodable(rel: str) -> bool:
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(rel: str) -> str:
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
