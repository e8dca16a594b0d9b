"""Helpers for the reliability tests: hashing a tree, a write guard, small libraries, a CLI runner, processes."""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def tree_digest(root: Path) -> dict[bytes, tuple]:
    """Every entry under `root` (links not followed): kind, mode, size, mtime and a hash of its bytes."""
    out: dict[bytes, tuple] = {}
    base = os.fsencode(root)
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, base)
            st = os.lstat(full)
            if os.path.islink(full):
                out[rel] = ("link", os.readlink(full))
            elif os.path.isdir(full):
                out[rel] = ("dir", st.st_mode, st.st_mtime_ns)
            else:
                with open(full, "rb") as handle:
                    digest = hashlib.sha256(handle.read()).hexdigest()
                out[rel] = ("file", st.st_mode, st.st_size, st.st_mtime_ns, digest)
    st = os.stat(base)
    out[b"."] = ("root", st.st_mode, st.st_mtime_ns)
    return out


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class WriteGuard:
    """Refuses (and records) every attempt to change anything under the guarded folders."""

    def __init__(self, *roots: Path) -> None:
        self.roots = [os.path.realpath(r) for r in roots]
        self.attempts: list[str] = []

    def inside(self, path) -> bool:
        if isinstance(path, int):
            return False
        try:
            real = os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return False
        return any(real == r or real.startswith(r + os.sep) for r in self.roots)

    def check(self, what: str, path) -> None:
        if self.inside(path):
            self.attempts.append(f"{what} {os.fsdecode(path)}")
            raise PermissionError(13, f"test guard: {what} inside the library", os.fsdecode(path))

    def install(self, monkeypatch) -> WriteGuard:
        guard = self
        real_open, real_os_open, real_connect = builtins.open, os.open, sqlite3.connect

        def open_(file, mode="r", *args, **kwargs):
            if any(c in mode for c in "wax+"):
                guard.check(f"open({mode!r})", file)
            return real_open(file, mode, *args, **kwargs)

        def os_open(path, flags, *args, **kwargs):
            if flags & _WRITE_FLAGS:
                guard.check("os.open(write)", path)
            return real_os_open(path, flags, *args, **kwargs)

        def connect(database, *args, **kwargs):
            guard.check("sqlite3.connect", database)
            return real_connect(database, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", open_)
        monkeypatch.setattr(io, "open", open_)
        monkeypatch.setattr(os, "open", os_open)
        monkeypatch.setattr(sqlite3, "connect", connect)
        for name in (
            "remove",
            "unlink",
            "rmdir",
            "mkdir",
            "makedirs",
            "utime",
            "chmod",
            "chown",
            "truncate",
            "symlink",
            "link",
            "mkfifo",
        ):
            real = getattr(os, name, None)
            if real is not None:
                monkeypatch.setattr(os, name, self._wrap(name, real, 0))
        for name in ("rename", "replace"):
            monkeypatch.setattr(os, name, self._wrap2(name, getattr(os, name)))
        return self

    def _wrap(self, name, real, arg):
        def wrapper(*args, **kwargs):
            if args:
                self.check(f"os.{name}", args[arg])
            return real(*args, **kwargs)

        return wrapper

    def _wrap2(self, name, real):
        def wrapper(src, dst, *args, **kwargs):
            self.check(f"os.{name}", src)
            self.check(f"os.{name}", dst)
            return real(src, dst, *args, **kwargs)

        return wrapper


def run_cli(*args, data_dir: Path, timeout: float = 300, env_extra=None, preexec=None):
    """Run `jianbao-cli` (as `python -m reader.cli`) in a fresh process; returns CompletedProcess."""
    env = {**os.environ, "PYTHONPATH": str(REPO), **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(data_dir), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=str(REPO),
        preexec_fn=preexec,
    )


def small_site(root: Path, posts: dict[str, str] | None = None) -> Path:
    """A Jekyll site with a few Chinese posts (and the given extra files) under `root`."""
    (root / "_posts").mkdir(parents=True, exist_ok=True)
    (root / "_config.yml").write_text("title: 测试\ntimezone: Asia/Shanghai\n", encoding="utf-8")
    for i in range(3):
        (root / "_posts" / f"2022-01-0{i + 1}-post{i}.md").write_text(
            f"---\ntitle: 第{i}篇\ndate: 2022-01-0{i + 1} 10:00:00 +0800\ncategories: jingji\n---\n"
            f"<p>经济新闻第{i}段。</p>\n",
            encoding="utf-8",
        )
    for rel, text in (posts or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@contextlib.contextmanager
def tmpfs(folder: Path, size: str = "512m"):
    """Mount a tmpfs of `size` on `folder` (created) for the block; yields False, mounting nothing,
    where we may not mount (not root, no mount command)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        mounted = (
            IS_ROOT
            and subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
            ).returncode
            == 0
        )
    except OSError:
        mounted = False
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=True)


def alive(pid: int) -> bool:
    """Whether process `pid` runs (read from /proc; a zombie has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent (now init) has not reaped it yet


def wait_for(predicate, seconds: float) -> bool:
    """Whether predicate() comes true within `seconds` (polled every 50 ms)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()
